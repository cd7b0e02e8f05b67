// 团委管理 home: who the admin is and where they act, and the four desks with live counts.
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ArrowRight } from '@/components/icons'
import { ROUTES, type RoutePath } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { SkeletonBar } from '@/components/ui/StateView'
import { TodoReminder } from '@/components/ui/TodoReminder'
import { DeskMark, ScopeLines, TodoStrip, WorkbenchHead, WorkNotes, type MarkTone } from '@/components/ui/Workbench'

import '@/styles/nutui-theme.scss'
import './index.scss'

/** A desk's count, or 'error' when it could not be had (the desk still opens); null while loading. */
type Count = number | 'error' | null

interface Desk {
  key: 'registrations' | 'takeovers' | 'service' | 'loans' | 'alliance' | 'fairs' | 'trainings' | 'contests' | 'care' | 'commend' | 'terms' | 'invitations' | 'grants'
  mark: string
  title: string
  unit: string
  desc: string
  url: RoutePath
  tone: MarkTone
  /** Counts that need attention are shown in the brand colour. */
  urgent?: boolean
}

const DESKS: Desk[] = [
  { key: 'registrations', mark: '审', title: '注册审核', unit: '份待审核', desc: '志愿者、农村青年注册', url: ROUTES.adminRegistrations, tone: 'brand', urgent: true },
  { key: 'takeovers', mark: '接', title: '账号接管', unit: '件待确认', desc: '更换微信账号找回记录', url: ROUTES.adminTakeovers, tone: 'amber', urgent: true },
  { key: 'service', mark: '签', title: '驿站与签到', unit: '条待审核', desc: '签到审核、驿站管理、时长报表', url: ROUTES.township, tone: 'amber', urgent: true },
  { key: 'loans', mark: '贷', title: '贷款审核', unit: '份待审核', desc: '创业贴息贷款、贴息核准', url: ROUTES.lending, tone: 'bank', urgent: true },
  { key: 'alliance', mark: '惠', title: '爱心商家', unit: '家商家', desc: '商家、优惠与核销汇总', url: ROUTES.alliance, tone: 'merchant' },
  { key: 'fairs', mark: '岗', title: '岗位对接会', unit: '场即将举办', desc: '对接会、用人单位、入场签到与统计', url: ROUTES.fairAdmin, tone: 'blue' },
  { key: 'trainings', mark: '训', title: '培训课程', unit: '门课程', desc: '建课排期、现场签到码、出勤与结业证书', url: ROUTES.trainingManage, tone: 'amber' },
  { key: 'contests', mark: '赛', title: '两赛', unit: '场大赛', desc: '直播、电商大赛：规则、评委、结果与申诉', url: `${ROUTES.contests}?manage=1` as RoutePath, tone: 'brand' },
  { key: 'care', mark: '访', title: '志愿者关怀', unit: '人超期未探访', desc: '探访慰问、跟进事项、志愿者职务', url: ROUTES.care, tone: 'green', urgent: true },
  { key: 'commend', mark: '评', title: '评选表彰', unit: '次评选', desc: '星级志愿者、最美志愿者评选', url: ROUTES.commend, tone: 'amber' },
  { key: 'terms', mark: '期', title: '服务期', unit: '人 60 天内期满', desc: '期满与宽限、登记延期', url: ROUTES.adminTerms, tone: 'green' },
  { key: 'invitations', mark: '邀', title: '邀请', unit: '个有效邀请', desc: '邀请干事、管理员、商家', url: ROUTES.adminInvite, tone: 'blue' },
  { key: 'grants', mark: '授', title: '授权管理', unit: '人已授权', desc: '查看与撤销已授予的角色', url: ROUTES.adminGrants, tone: 'green' },
]

const NOTES = ['审核、接管、邀请与撤销授权均记录操作人、时间和理由。', '查看完整身份证号仅限审核需要，每次查看都会留痕。', '邀请码一次有效，请只发给被邀请人本人。']

type Counts = Record<Desk['key'], Count>
const NO_COUNTS: Counts = { registrations: null, takeovers: null, service: null, loans: null, alliance: null, fairs: null, trainings: null, contests: null, care: null, commend: null, terms: null, invitations: null, grants: null }

/** Every desk's count: each asked on its own, so one that fails leaves the others. */
async function loadCounts(): Promise<Counts> {
  const one = (ask: () => Promise<{ total: number }>): Promise<Count> => ask().then((r) => r.total, () => 'error' as const)
  const [registrations, takeovers, service, loans, alliance, fairs, trainings, contests, care, commend, terms, invitations, grants] = await Promise.all([
    one(() => call('registration.list', { status: 'pending', pageSize: 1 })),
    one(() => call('registration.listTakeovers', { status: 'pending', pageSize: 1 })),
    one(() => call('service.queue', { status: 'pending', pageSize: 1 })),
    one(() => call('loan.queue', { view: 'todo', pageSize: 1 })),
    one(() => call('perk.merchants', { pageSize: 1 })),
    // Published ones only: a cancelled fair (or a draft) is not about to be held.
    one(() => call('fair.list', { when: 'upcoming', status: 'published', pageSize: 1 })),
    one(() => call('training.list', { manage: true, pageSize: 1 })),
    one(() => call('contest.list', { manage: true, pageSize: 1 })),
    one(() => call('care.notVisited', { pageSize: 1 })),
    one(() => call('commend.rounds', { pageSize: 1 })),
    one(() => call('registration.terms', { filter: 'ending', pageSize: 1 })),
    one(() => call('grants.listInvitations', { status: 'open', pageSize: 1 })),
    one(() => call('grants.listGrants', { pageSize: 1 })),
  ])
  return { registrations, takeovers, service, loans, alliance, fairs, trainings, contests, care, commend, terms, invitations, grants }
}

export default function AdminHome() {
  const { state, reload } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const counts = usePageState(loadCounts, [], !!scope)

  // Counts again whenever the admin comes back from a desk (keeping the old ones meanwhile).
  useDidShow(() => {
    if (counts.state.kind === 'ready') void counts.reload(true)
  })

  usePullDownRefresh(() => {
    void reload(true)
      // (a scope that was refused or failed loads the counts itself once it is ready)
      .then((s) => (s && scope ? counts.reload() : undefined))
      .finally(() => Taro.stopPullDownRefresh())
  })

  /** The desks with their counts, what waits, and the notes. */
  const body = (c: Counts) => {
    const pending = typeof c.registrations === 'number' ? c.registrations : 0
    const takeovers = typeof c.takeovers === 'number' ? c.takeovers : 0
    return (
      <>
        <View className='admin-home__board' hoverClass='admin-desk--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.dashboard })}>
          <DeskMark mark='看' tone='brand' />
          <View className='admin-home__board-main'>
            <Text className='admin-home__board-title'>工作看板</Text>
            <Text className='admin-home__board-desc'>志愿者、服务时长、优惠、贷款与对接会，对比去年同期，可逐级查看到镇街</Text>
          </View>
          <ArrowRight size={12} color='#c4c7cc' />
        </View>
        <View className='admin-home__grid'>
          {DESKS.map((d) => {
            const count = c[d.key]
            return (
              <View key={d.key} className={`admin-desk admin-desk--${d.key}`} hoverClass='admin-desk--pressed' onClick={() => void Taro.navigateTo({ url: d.url })}>
                <View className='admin-desk__top'>
                  <DeskMark mark={d.mark} tone={d.tone} />
                  <Text className='admin-desk__title'>{d.title}</Text>
                </View>
                <View className='admin-desk__count'>
                  {count === null ? (
                    <SkeletonBar className='admin-desk__skeleton' />
                  ) : count === 'error' ? (
                    <Text className='admin-desk__number admin-desk__number--none'>—</Text>
                  ) : (
                    <Text className={`admin-desk__number ${d.urgent && count > 0 ? 'admin-desk__number--urgent' : ''}`}>{count}</Text>
                  )}
                  <Text className='admin-desk__unit'>{count === 'error' ? '暂时无法获取' : d.unit}</Text>
                </View>
                <View className='admin-desk__foot'>
                  <Text className='admin-desk__desc'>{d.desc}</Text>
                  <ArrowRight size={12} color='#c4c7cc' />
                </View>
              </View>
            )
          })}
        </View>

        {(pending > 0 || takeovers > 0) && (
          <>
            <TodoStrip
              text={`${[pending > 0 ? `${pending} 份注册申请待审核` : '', takeovers > 0 ? `${takeovers} 件账号接管待确认` : ''].filter(Boolean).join('，')}，请及时处理`}
              action='去处理'
              onClick={() => void Taro.navigateTo({ url: pending > 0 ? ROUTES.adminRegistrations : ROUTES.adminTakeovers })}
            />
            {/* (the morning digest goes to county admins: the city's registrations are reviewed by the counties) */}
            {scope && !scope.city && <TodoReminder />}
          </>
        )}

        <WorkNotes notes={NOTES} />
      </>
    )
  }

  return (
    <View className='wb-page'>
      <WorkbenchHead eyebrow='乡青汇 · 团委管理工作台'>
        <ScopeLines
          who={
            scope ? {
              name: scope.account.nickname || scope.account.realName || '管理员',
              scope: scope.label,
              reach: scope.city ? '管辖范围：清远市全市 8 个县（市、区）' : `管辖范围：${scope.counties.map((c) => c.name).join('、')}内的注册、邀请与授权`,
            } : undefined
          }
          loading={state.kind === 'loading'}
          fallback='团委管理'
        />
      </WorkbenchHead>

      {/* While the scope or the counts load: the desks, their counts shimmering. */}
      <View className={state.kind === 'ready' || state.kind === 'loading' ? 'wb-body' : 'wb-gate'}>
        <PageStates gate={state} state={counts.state} retry={() => void (scope ? counts.reload() : reload(true))} skeleton={body(NO_COUNTS)} denied={adminDenied(state)}>
          {body}
        </PageStates>
      </View>
    </View>
  )
}
