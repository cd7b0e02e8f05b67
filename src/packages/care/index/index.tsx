// 志愿者关怀: the volunteers of the caller's township (county, city) with their last visit, those
// in post not visited within the league's period (未探访, never visited first), and follow-ups
// past their date (逾期跟进). A volunteer opens their care history; the league opens 职务管理.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { PagedStates } from '@/components/ui/PagedStates'
import { SearchField } from '@/components/ui/Field'
import { usePaged, useSearchKeyword } from '@/components/ui/paged'
import { FollowUpLine, VolunteerCard, type CareVolunteer } from '@/components/care/parts'
import type { OutputOf } from '@contract/index'
import { DEFAULT_CARE_VISIT_INTERVAL_DAYS } from '@contract/care-rules'

import './index.scss'

type Tab = 'all' | 'due' | 'overdue'
type Overdue = OutputOf<'care.overdueFollowUps'>['items'][number]
const TABS: { value: Tab; label: string }[] = [
  { value: 'all', label: '志愿者' },
  { value: 'due', label: '未探访' },
  { value: 'overdue', label: '逾期跟进' },
]

const openHistory = (volunteerId: string) => void Taro.navigateTo({ url: `${ROUTES.careHistory}?id=${encodeURIComponent(volunteerId)}` })

export default function CareHome() {
  const { state, reload } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [tab, setTab] = useState<Tab>('all')
  const [interval, setIntervalDays] = useState(DEFAULT_CARE_VISIT_INTERVAL_DAYS)
  const search = useSearchKeyword()
  const keyword = tab === 'all' ? search.keyword : ''

  const volunteers = usePaged<CareVolunteer>(
    async (page, pageSize) => {
      const r = tab === 'due' ? await call('care.notVisited', { page, pageSize }) : await call('care.volunteers', { page, pageSize, ...(keyword ? { keyword } : {}) })
      setIntervalDays(r.intervalDays)
      return r
    },
    `${tab}:${keyword}`,
    !!scope && tab !== 'overdue',
  )
  const overdue = usePaged<Overdue>((page, pageSize) => call('care.overdueFollowUps', { page, pageSize }), 'overdue', !!scope && tab === 'overdue')
  const league = !!scope && (scope.city || scope.counties.length > 0)

  return (
    <View className='panel-page care-home'>
      {scope && (
        <View className='panel-top'>
          <View className='panel-tabs'>
            {TABS.map((t) => (
              <View key={t.value} className={`panel-tabs__item${tab === t.value ? ' panel-tabs__item--on' : ''}`} onClick={() => setTab(t.value)}>
                <Text>{t.label}</Text>
              </View>
            ))}
          </View>
          {tab === 'all' && (
            <View className='panel-search'>
              <SearchField value={search.draft} placeholder='按姓名查找志愿者' onChange={search.setDraft} onSearch={search.search} />
            </View>
          )}
        </View>
      )}
      {scope && (
        <View className='care-home__head'>
          <Text className='care-home__reach'>{scope.reach}</Text>
          {league && (
            <Text className='care-home__posts' onClick={() => void Taro.navigateTo({ url: ROUTES.carePosts })}>
              职务管理 ›
            </Text>
          )}
        </View>
      )}
      {scope && tab !== 'overdue' && volunteers.status === 'ready' && (
        <View className='panel-summary'>
          <Text>{tab === 'due' ? `在岗且超过 ${interval} 天未探访：${volunteers.total} 人（从未探访的在前）` : `共 ${volunteers.total} 位志愿者，最久未探访的在前`}</Text>
        </View>
      )}

      {tab === 'overdue' ? (
        <PagedStates gate={state} list={overdue} retryGate={() => void reload(true)} denied={staffDenied(state)} empty={{ title: '没有逾期的跟进事项', desc: '探访中提出的跟进事项过了完成期限仍未办结，会列在这里' }}>
          {(o) => (
            <View key={o.visitId} className='panel-card care-overdue' hoverClass='panel-card--pressed' onClick={() => openHistory(o.volunteerId)}>
              <Text className='care-overdue__who'>
                {o.volunteerName} · {o.townshipName} · {o.visitDate} 探访
              </Text>
              {o.followUps.map((f) => (
                <FollowUpLine key={f.id} f={f} />
              ))}
            </View>
          )}
        </PagedStates>
      ) : (
        <PagedStates
          gate={state}
          list={volunteers}
          retryGate={() => void reload(true)}
          denied={staffDenied(state)}
          empty={tab === 'due' ? { title: `在岗志愿者都在 ${interval} 天内探访过`, desc: '超过探访周期未探访的在岗志愿者会列在这里' } : { title: keyword ? '没有找到这位志愿者' : '还没有审核通过的志愿者', desc: keyword ? '换个姓名试试' : '' }}
        >
          {(v) => <VolunteerCard key={v.volunteerId} v={v} intervalDays={interval} onOpen={() => openHistory(v.volunteerId)} />}
        </PagedStates>
      )}
    </View>
  )
}
