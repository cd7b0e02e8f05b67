// 岗位对接会: the fairs to come (date, venue, sign-up phase, places left and the waiting list,
// employers and positions), 我的报名 (my place: 已报名 or 候补第 N 位) and past fairs. Anyone
// may browse; signing up needs an approved volunteer (or rural youth) registration.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { FairView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useWho, type Who } from '@/components/fair/shared'
import { FairCard, Notice } from '@/components/fair/ui'
import { HelpCard } from '@/components/ui/HelpCard'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import type { PageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { takeChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

type Tab = 'upcoming' | 'mine' | 'past'
const TABS: { value: Tab; label: string }[] = [
  { value: 'upcoming', label: '近期对接会' },
  { value: 'mine', label: '我的报名' },
  { value: 'past', label: '往届' },
]

/** Where I stand at a fair, in a sentence (我的报名). */
function mineText(f: FairView): string {
  const mine = f.mine
  if (!mine) return ''
  if (f.status === 'cancelled') return '本场对接会已取消，报名随之作废'
  if (mine.status === 'waiting') return `候补第 ${mine.waitingRank} 位：有人取消时按顺序递补，递补成功会通知你`
  if (mine.checkedInAt) return '已签到入场，祝你面试顺利'
  return `已报名 ${mine.positionIds.length} 个岗位，当天凭入场码入场`
}

/** 我的报名 of someone who may not sign up yet: how to become one (a refusal that is an invitation). */
function notApplicant(who: Extract<Who, { kind: 'ready' }>): DeniedLook {
  const progress = { text: '查看我的注册进度', onClick: () => void Taro.switchTab({ url: ROUTES.mine }) }
  return {
    tone: 'brand',
    mark: '岗',
    className: 'fairs__not-applicant',
    title: who.pending ? '注册审核中' : '报名需先完成注册',
    text: who.pending
      ? '你的注册申请正在由县（市、区）团委审核，审核通过后即可报名岗位对接会。'
      : '岗位对接会面向服务期满的乡村振兴志愿者（部分场次也面向农村青年）。注册并经县（市、区）团委审核通过后即可报名；对接会信息所有人都可以浏览。',
    ...(who.pending ? { action: progress } : { action: { text: '注册成为志愿者', onClick: () => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` }) }, secondary: progress }),
  }
}

export default function Fairs() {
  const { who, reload: reloadWho } = useWho()
  const [tab, setTab] = useState<Tab>('upcoming')
  const ready = who.kind === 'ready'
  const applicant = who.kind === 'ready' && who.applicant
  const list = usePaged<FairView>(
    (page, pageSize) => (tab === 'mine' ? call('fair.mine', { page, pageSize }) : call('fair.list', { when: tab, page, pageSize })),
    tab,
    ready && (tab !== 'mine' || applicant),
  )

  // Back from a fair after signing up or cancelling: my places changed.
  useDidShow(() => {
    if (takeChanged('fairs') && ready) void list.reload(true)
  })

  const open = (f: FairView) => void Taro.navigateTo({ url: `${ROUTES.fairDetail}?id=${encodeURIComponent(f.id)}` })

  // 我的报名 of someone who may not sign up: how to become one, instead of the list.
  const page: PageState<FairView[]> = tab === 'mine' && ready && !applicant ? { kind: 'denied' } : listState(list)

  const body = (items: FairView[]) => {
    if (items.length === 0) {
      return (
        <StateView
          tone='muted'
          className='fairs__empty'
          title={tab === 'mine' ? '还没有报名对接会' : tab === 'past' ? '还没有往届对接会' : '近期暂无对接会'}
          desc={tab === 'mine' ? '在「近期对接会」中选择岗位报名，报名成功后会出现在这里' : tab === 'past' ? '' : '团市委每年举办一到两场岗位对接会，发布后会在这里显示，并通过订阅消息提醒'}
          action={tab === 'mine' ? { text: '看看近期对接会', onClick: () => setTab('upcoming') } : undefined}
        />
      )
    }
    return (
      <View className='fairs__list'>
        {items.map((f) => (
          <FairCard key={f.id} fair={f} className='fairs__card' onClick={() => open(f)} hideSeats={tab === 'past'}>
            {tab === 'mine' && f.mine && (
              <View className='fairs__mine'>
                <Text className='fairs__mine-text'>
                  {mineText(f)}
                </Text>
                {f.mine.status === 'confirmed' && !f.mine.checkedInAt && f.status === 'published' && (
                  <View
                    className='fairs__code'
                    onClick={(e) => {
                      e.stopPropagation()
                      void Taro.navigateTo({ url: `${ROUTES.fairCode}?id=${encodeURIComponent(f.id)}` })
                    }}
                  >
                    <Text>入场码</Text>
                  </View>
                )}
              </View>
            )}
          </FairCard>
        ))}
        <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    )
  }

  return (
    <View className='panel-page fairs'>
      <View className='fairs__head'>
        <View className='fairs__ring' />
        <Text className='fairs__eyebrow'>团市委 · 服务期满志愿者就业对接</Text>
        <Text className='fairs__title'>岗位对接会</Text>
        <Text className='fairs__lead'>与国有企业、民营企业和社会组织面对面，选岗位、投简历、现场面试。</Text>
      </View>
      <View className='panel-top fairs__top'>
        <View className='panel-tabs'>
          {TABS.map((t) => (
            <View key={t.value} className={`panel-tabs__item fairs__tab fairs__tab--${t.value} ${tab === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setTab(t.value)}>
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
      </View>
      {ready && !applicant && tab === 'upcoming' && (
        <View className='fairs__hint' onClick={() => setTab('mine')}>
          <Notice tone='info' title={who.kind === 'ready' && who.pending ? '注册审核通过后即可报名' : '报名需先注册为乡村振兴志愿者'}>
            <Text>可以先浏览对接会和岗位 ›</Text>
          </Notice>
        </View>
      )}
      <PageStates gate={who} state={page} retry={() => void (ready ? list.reload() : reloadWho(true))} denied={who.kind === 'ready' ? notApplicant(who) : undefined}>
        {body}
      </PageStates>
      <HelpCard programme='fair' />
    </View>
  )
}
