// 镇街工作台: who the staff member is and which townships they reach, what waits for them
// (check-ins to approve, records to verify, flagged ones), and the three desks.
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { SkeletonBar } from '@/components/ui/StateView'
import { monthLabel, thisMonth } from '@/components/ui/format'
import { takeChanged } from '@/services/changes'

import './index.scss'

type Count = number | 'error' | null
type Counts = { pending: Count; review: Count; flagged: Count; stations: Count }
const NO_COUNTS: Counts = { pending: null, review: null, flagged: null, stations: null }

const NOTES = [
  '只有审核通过的时长才计入志愿者的服务时长和星级，每天计入的时长有上限。',
  '未签退的记录会在当天结束时由系统关闭，列为「待核实」，请核实后再处理。',
  '通过、驳回和调整时长都会记录操作人、时间和理由；驳回和调整须填写理由。',
]

/** What waits for the staff member, and their stations (each count '—' when it could not be had). */
async function loadCounts(): Promise<Counts> {
  const total = (res: PromiseSettledResult<{ total: number }>): Count => (res.status === 'fulfilled' ? res.value.total : 'error')
  const [pending, review, flaggedPending, flaggedReview, stations] = await Promise.allSettled([
    call('service.queue', { status: 'pending', pageSize: 1 }),
    call('service.queue', { status: 'needs_review', pageSize: 1 }),
    call('service.queue', { status: 'pending', flaggedOnly: true, pageSize: 1 }),
    call('service.queue', { status: 'needs_review', flaggedOnly: true, pageSize: 1 }),
    call('station.list', { pageSize: 1 }),
  ])
  const a = total(flaggedPending)
  const b = total(flaggedReview)
  return {
    pending: total(pending),
    review: total(review),
    flagged: typeof a === 'number' && typeof b === 'number' ? a + b : 'error',
    stations: total(stations),
  }
}

export default function TownshipHome() {
  const { state, reload } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const counts = usePageState(loadCounts, [], !!scope)

  // Back from a desk: counts again (quietly, keeping the old numbers on screen meanwhile).
  useDidShow(() => {
    if (counts.state.kind === 'ready') {
      takeChanged('township-home')
      void counts.reload(true)
    }
  })

  usePullDownRefresh(() => {
    void reload(true)
      // (a scope that was refused or failed loads the counts itself once it is ready)
      .then((s) => (s && scope ? counts.reload() : undefined))
      .finally(() => Taro.stopPullDownRefresh())
  })

  const go = (url: string) => void Taro.navigateTo({ url })
  const num = (c: Count) => (typeof c === 'number' ? c : 0)

  const stat = (counts: Counts, key: keyof Counts, label: string, url: string, urgent: boolean) => {
    const c = counts[key]
    return (
      <View className={`tw-home__stat tw-home__stat--${key}`} hoverClass='tw-home__stat--pressed' onClick={() => go(url)}>
        {c === null ? (
          <SkeletonBar className='tw-home__stat-skel' />
        ) : (
          <Text className={`tw-home__stat-num ${urgent && typeof c === 'number' && c > 0 ? 'tw-home__stat-num--urgent' : ''} ${c === 'error' ? 'tw-home__stat-num--none' : ''}`}>
            {c === 'error' ? '—' : c}
          </Text>
        )}
        <Text className='tw-home__stat-label'>{label}</Text>
      </View>
    )
  }

  /** The counts, what waits, the desks and the notes. */
  const body = (counts: Counts) => {
    const waiting = num(counts.pending) + num(counts.review)
    return (
      <>
        <View className='tw-home__stats'>
          {stat(counts, 'pending', '待审核', `${ROUTES.queue}?status=pending`, true)}
          {stat(counts, 'review', '待核实', `${ROUTES.queue}?status=needs_review`, true)}
          {stat(counts, 'flagged', '有异常', `${ROUTES.queue}?status=pending&flagged=1`, true)}
          {stat(counts, 'stations', '驿站', ROUTES.stations, false)}
        </View>

        {waiting > 0 && (
          <View className='tw-home__todo' hoverClass='tw-home__todo--pressed' onClick={() => go(`${ROUTES.queue}?status=${num(counts.pending) > 0 ? 'pending' : 'needs_review'}`)}>
            <Text className='tw-home__todo-mark'>!</Text>
            <Text className='tw-home__todo-text'>
              {waiting} 条服务记录等待处理{num(counts.flagged) > 0 ? `，其中 ${num(counts.flagged)} 条有异常` : ''}
            </Text>
            <Text className='tw-home__todo-go'>去审核</Text>
          </View>
        )}

        <View className='tw-home__desks'>
          <View className='tw-desk tw-desk--queue' hoverClass='tw-desk--pressed' onClick={() => go(ROUTES.queue)}>
            <View className='tw-desk__mark tw-desk__mark--brand'>
              <Text>审</Text>
            </View>
            <View className='tw-desk__main'>
              <Text className='tw-desk__title'>签到审核</Text>
              <Text className='tw-desk__desc'>通过、驳回签到记录，调整计入时长</Text>
            </View>
            {typeof counts.pending === 'number' && counts.pending > 0 && <Text className='tw-desk__badge'>{counts.pending}</Text>}
            <Text className='tw-desk__arrow'>›</Text>
          </View>
          <View className='tw-desk tw-desk--stations' hoverClass='tw-desk--pressed' onClick={() => go(ROUTES.stations)}>
            <View className='tw-desk__mark tw-desk__mark--green'>
              <Text>站</Text>
            </View>
            <View className='tw-desk__main'>
              <Text className='tw-desk__title'>驿站管理</Text>
              <Text className='tw-desk__desc'>驿站信息、签到范围、张贴码与现场签到码</Text>
            </View>
            {typeof counts.stations === 'number' && <Text className='tw-desk__extra'>{counts.stations} 个</Text>}
            <Text className='tw-desk__arrow'>›</Text>
          </View>
          <View className='tw-desk tw-desk--report' hoverClass='tw-desk--pressed' onClick={() => go(ROUTES.report)}>
            <View className='tw-desk__mark tw-desk__mark--blue'>
              <Text>表</Text>
            </View>
            <View className='tw-desk__main'>
              <Text className='tw-desk__title'>服务时长报表</Text>
              <Text className='tw-desk__desc'>按月汇总志愿者服务时长，导出 Excel</Text>
            </View>
            <Text className='tw-desk__extra'>{monthLabel(thisMonth()).slice(5)}</Text>
            <Text className='tw-desk__arrow'>›</Text>
          </View>
        </View>

        <View className='tw-home__notes'>
          <Text className='tw-home__notes-title'>工作须知</Text>
          {NOTES.map((n) => (
            <View key={n} className='tw-home__note'>
              <Text className='tw-home__note-dot'>·</Text>
              <Text className='tw-home__note-text'>{n}</Text>
            </View>
          ))}
        </View>
      </>
    )
  }

  return (
    <View className='tw-home'>
      <View className='tw-home__head'>
        <View className='tw-home__ring tw-home__ring--a' />
        <View className='tw-home__ring tw-home__ring--b' />
        <Text className='tw-home__eyebrow'>乡青汇 · 镇街工作台</Text>
        {scope ? (
          <>
            <Text className='tw-home__name'>{scope.account.nickname || scope.account.realName || '工作人员'}</Text>
            <View className='tw-home__scope'>
              <Text>{scope.label}</Text>
            </View>
            <Text className='tw-home__reach'>管辖范围：{scope.reach}的驿站与签到审核</Text>
          </>
        ) : state.kind === 'loading' ? (
          <>
            <View className='tw-home__ghost tw-home__ghost--name' />
            <View className='tw-home__ghost tw-home__ghost--scope' />
            <View className='tw-home__ghost tw-home__ghost--reach' />
          </>
        ) : (
          <Text className='tw-home__name'>镇街工作台</Text>
        )}
      </View>

      {/* While the scope or the counts load: the desks, their counts shimmering. */}
      <View className={state.kind === 'ready' || state.kind === 'loading' ? 'tw-home__body' : 'tw-home__gate'}>
        <PageStates gate={state} state={counts.state} retry={() => void (scope ? counts.reload() : reload(true))} skeleton={body(NO_COUNTS)} denied={staffDenied(state)}>
          {body}
        </PageStates>
      </View>
    </View>
  )
}

