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
import { TodoReminder } from '@/components/ui/TodoReminder'
import { DeskMark, ScopeLines, TodoStrip, WorkbenchHead, WorkNotes, type MarkTone } from '@/components/ui/Workbench'
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

const DESKS: { key: 'queue' | 'stations' | 'report' | 'dashboard' | 'commend' | 'grid' | 'care'; mark: string; tone: MarkTone; title: string; desc: string; url: string }[] = [
  { key: 'queue', mark: '审', tone: 'brand', title: '签到审核', desc: '通过、驳回签到记录，调整计入时长', url: ROUTES.queue },
  { key: 'stations', mark: '站', tone: 'green', title: '驿站管理', desc: '驿站信息、签到范围、张贴码与现场签到码', url: ROUTES.stations },
  { key: 'report', mark: '表', tone: 'blue', title: '服务时长报表', desc: '按月汇总志愿者服务时长，导出 Excel', url: ROUTES.report },
  { key: 'dashboard', mark: '看', tone: 'amber', title: '工作看板', desc: '志愿者、服务时长、驿站与对接会，对比去年同期', url: ROUTES.dashboard },
  { key: 'care', mark: '访', tone: 'green', title: '志愿者关怀', desc: '探访慰问记录、跟进事项与超期未探访提醒', url: ROUTES.care },
  { key: 'grid', mark: '网', tone: 'blue', title: '网格上报', desc: '志愿网格员上报的问题：受理、交办、办结，逾期提醒', url: ROUTES.gridQueue },
  { key: 'commend', mark: '评', tone: 'brand', title: '评选表彰', desc: '提名本镇街志愿者参加星级志愿者、最美志愿者评选', url: ROUTES.commend },
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
          <TodoStrip
            className='tw-home__todo'
            text={`${waiting} 条服务记录等待处理${num(counts.flagged) > 0 ? `，其中 ${num(counts.flagged)} 条有异常` : ''}`}
            action='去审核'
            onClick={() => go(`${ROUTES.queue}?status=${num(counts.pending) > 0 ? 'pending' : 'needs_review'}`)}
          />
        )}
        {waiting > 0 && <TodoReminder />}

        <View className='tw-home__desks'>
          {DESKS.map((d) => (
            <View key={d.key} className={`tw-desk tw-desk--${d.key}`} hoverClass='tw-desk--pressed' onClick={() => go(d.url)}>
              <DeskMark mark={d.mark} tone={d.tone} large />
              <View className='tw-desk__main'>
                <Text className='tw-desk__title'>{d.title}</Text>
                <Text className='tw-desk__desc'>{d.desc}</Text>
              </View>
              {d.key === 'queue' && typeof counts.pending === 'number' && counts.pending > 0 && <Text className='tw-desk__badge'>{counts.pending}</Text>}
              {d.key === 'stations' && typeof counts.stations === 'number' && <Text className='tw-desk__extra'>{counts.stations} 个</Text>}
              {d.key === 'report' && <Text className='tw-desk__extra'>{monthLabel(thisMonth()).slice(5)}</Text>}
              <Text className='tw-desk__arrow'>›</Text>
            </View>
          ))}
        </View>

        <WorkNotes notes={NOTES} />
      </>
    )
  }

  return (
    <View className='wb-page'>
      <WorkbenchHead eyebrow='乡青汇 · 镇街工作台' tall>
        <ScopeLines
          who={scope ? { name: scope.account.nickname || scope.account.realName || '工作人员', scope: scope.label, reach: `管辖范围：${scope.reach}的驿站与签到审核` } : undefined}
          loading={state.kind === 'loading'}
          fallback='镇街工作台'
        />
      </WorkbenchHead>

      {/* While the scope or the counts load: the desks, their counts shimmering. */}
      <View className={state.kind === 'ready' || state.kind === 'loading' ? 'wb-body wb-body--tall' : 'wb-gate'}>
        <PageStates gate={state} state={counts.state} retry={() => void (scope ? counts.reload() : reload(true))} skeleton={body(NO_COUNTS)} denied={staffDenied(state)}>
          {body}
        </PageStates>
      </View>
    </View>
  )
}

