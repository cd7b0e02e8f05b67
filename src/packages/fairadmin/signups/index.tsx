// 报名名单 (?id=; city and county admins): confirmed first (in sign-up order), then the waiting
// list in its order with ranks, then the cancelled; filtered by status and attendance, searched by
// name or the mobile's last 4 digits, with the counts and who has checked in at the door (and
// whether by code or by name); the whole list exported as Excel (mobiles masked).
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { AdminSignupView, FairView } from '@contract/fair'
import { SIGNUP_STATUS_LABELS, type SignupStatus } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { SearchField } from '@/components/ui/Field'
import { useExport } from '@/components/fair/shared'
import { Tag } from '@/components/ui/Tag'
import { fairWhen, param } from '@/components/fair/format'
import { Figure, StandingTag } from '@/components/fair/ui'
import { doorQuery } from '../door/find'
import { Button } from '@/components/ui/Button'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { momentText } from '@/components/ui/format'
import { listState, usePaged, useSearchKeyword } from '@/components/ui/paged'

import './index.scss'

type Attended = '' | 'yes' | 'no'
const STATUS_CHIPS: { value: '' | SignupStatus; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'confirmed', label: '已报名' },
  { value: 'waiting', label: '候补' },
  { value: 'cancelled', label: '已取消' },
]
const ATTENDED_CHIPS: { value: Attended; label: string }[] = [
  { value: '', label: '不限签到' },
  { value: 'yes', label: '已签到' },
  { value: 'no', label: '未签到' },
]

export default function Signups() {
  const { params } = useRouter()
  const id = param(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [fair, setFair] = useState<FairView | null>(null)
  const [attendedCount, setAttendedCount] = useState<number | null>(null)
  const [cancelledCount, setCancelledCount] = useState<number | null>(null)
  const [status, setStatus] = useState<'' | SignupStatus>('')
  const [attended, setAttended] = useState<Attended>('')
  const { draft, setDraft, keyword, search, clear } = useSearchKeyword()
  const { exporting, run: exportList } = useExport(() => call('fair.exportSignups', { fairId: id }), '人')

  const fetchHead = async () => {
    try {
      const [f, a, c] = await Promise.all([call('fair.get', { id }), call('fair.signups', { fairId: id, attended: true, pageSize: 1 }), call('fair.signups', { fairId: id, status: 'cancelled', pageSize: 1 })])
      setFair(f.fair)
      setAttendedCount(a.total)
      setCancelledCount(c.total)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    }
  }
  useEffect(() => {
    if (scope) void fetchHead()
  }, [scope])
  usePullDownRefresh(() => {
    if (scope) void fetchHead()
    else void reloadScope(true).finally(() => Taro.stopPullDownRefresh())
  })

  // A name, or the mobile's last 4 digits (fewer digits wait: the hint says what is missing).
  const query = doorQuery(keyword)
  const filters = { ...(status ? { status } : {}), ...(attended ? { attended: attended === 'yes' } : {}), ...(query.kind === 'search' ? { keyword: query.keyword } : {}) }
  const list = usePaged<AdminSignupView>((page, pageSize) => call('fair.signups', { fairId: id, ...filters, page, pageSize }), JSON.stringify(filters), !!scope && !!id, 50)

  const filtered = !!(status || attended || query.kind === 'search')

  return (
    <View className='panel-page sus'>
      {scope && (
        <>
          <View className='sus__head'>
            {fair ? (
              <>
                <View className='sus__title-line'>
                  <Text className='sus__title'>{fair.title}</Text>
                  <StandingTag fair={fair} />
                </View>
                <Text className='sus__sub'>
                  {fairWhen(fair)} · {fair.venue}
                </Text>
              </>
            ) : (
              <View className='sus__title-skel' />
            )}
            <View className='sus__figures'>
              <Figure label='名额' value={fair ? fair.capacity : '—'} />
              <Figure label='已报名' value={fair ? fair.confirmed : '—'} tone='green' />
              <Figure label='候补' value={fair ? fair.waiting : '—'} tone='amber' />
              <Figure label='已取消' value={cancelledCount ?? '—'} />
              <Figure label='已签到' value={attendedCount ?? '—'} tone='blue' />
            </View>
            <View className='sus__tools'>
              <Text className='sus__tools-note'>导出全部报名者（手机号隐去中间四位）</Text>
              <Button small kind='outline' className='sus__export' busy={exporting} disabled={!fair} onClick={() => void exportList()}>
                {exporting ? '正在导出…' : '导出 Excel'}
              </Button>
            </View>
          </View>

          <View className='panel-top'>
            <View className='sus__search'>
              <SearchField value={draft} placeholder='搜索姓名或手机后 4 位' onChange={setDraft} onSearch={search} />
              {query.kind === 'invalid' && <Text className='sus__search-hint'>{query.message}</Text>}
            </View>
            <View className='panel-filters sus__filters'>
              {STATUS_CHIPS.map((c) => (
                <View key={c.value || 'all'} className={`panel-chip sus__status ${status === c.value ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setStatus(c.value)}>
                  <Text className='panel-chip__text'>{c.label}</Text>
                </View>
              ))}
            </View>
            <View className='panel-filters sus__filters sus__filters--second'>
              {ATTENDED_CHIPS.map((c) => (
                <View key={c.value || 'all'} className={`panel-chip sus__attended ${attended === c.value ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setAttended(c.value)}>
                  <Text className='panel-chip__text'>{c.label}</Text>
                </View>
              ))}
              {fair?.status === 'published' && (
                <Text className='sus__door' onClick={() => void Taro.navigateTo({ url: `${ROUTES.fairDoor}?id=${encodeURIComponent(id)}` })}>
                  入场签到 ›
                </Text>
              )}
            </View>
          </View>

        </>
      )}

      <PageStates
        gate={state}
        state={id ? listState(list) : { kind: 'not-found', message: '缺少对接会编号，请从对接会列表进入' }}
        retry={() => void (scope ? list.reload() : reloadScope(true))}
        denied={adminDenied(state)}
        notFound={{ title: '对接会不存在' }}
      >
        {(items) =>
          items.length === 0 ? (
            <StateView
              tone='muted'
              className='sus__empty'
              title={query.kind === 'search' ? `没有找到「${query.keyword}」` : filtered ? '没有符合条件的报名' : '还没有人报名'}
              desc={query.kind === 'search' ? '请核对姓名或手机号后 4 位' : filtered ? '换个筛选条件试试' : '报名开始后，报名者会按先后出现在这里'}
              action={
                filtered
                  ? {
                      text: '查看全部',
                      onClick: () => {
                        clear()
                        setStatus('')
                        setAttended('')
                      },
                    }
                  : undefined
              }
            />
          ) : (
            <View className='sus__list'>
              <Text className='sus__count'>共 {list.total} 人 · 已报名在前（按报名先后），候补按顺位</Text>
              {items.map((s, i) => (
                <View key={s.id} className={`su-row su-row--${s.status}`}>
                  <Text className='su-row__index'>{s.status === 'waiting' ? `候${s.waitingRank}` : i + 1}</Text>
                  <View className='su-row__main'>
                    <View className='su-row__line'>
                      <Text className='su-row__name'>{s.name}</Text>
                      <Text className='su-row__kind'>{s.kind === 'volunteer' ? '志愿者' : '农村青年'}</Text>
                    </View>
                    <Text className='su-row__sub'>
                      {s.townshipName || '—'} · {s.mobileMasked || '—'} · 选 {s.positions} 个岗位
                    </Text>
                    <Text className='su-row__sub su-row__time'>{momentText(s.createdAt)} 报名</Text>
                  </View>
                  <View className='su-row__side'>
                    {s.status === 'waiting' ? <Tag tone='amber'>{`候补第 ${s.waitingRank} 位`}</Tag> : <Tag tone={s.status === 'confirmed' ? 'green' : 'grey'}>{SIGNUP_STATUS_LABELS[s.status]}</Tag>}
                    {s.checkedInAt && (
                      <Text className='su-row__in'>
                        {momentText(s.checkedInAt).slice(-5)} {s.checkInMethod === 'name' ? '按姓名签到' : '扫码签到'}
                      </Text>
                    )}
                  </View>
                </View>
              ))}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>
    </View>
  )
}
