import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { GRANTABLE_ROLES, ROLE_LABELS, type Role } from '@contract/roles'
import { ROUTES, type RoutePath } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { showUnread } from '@/services/unread'

import './index.scss'

type Account = OutputOf<'account.me'>

interface Workspace {
  mark: string
  title: string
  desc: string
  url: RoutePath
  tone: string
  /** A program the person takes part in (not a workplace with a scope): listed once, without a place. */
  personal?: true
}

/** Where each role works, and what it does there (the programs a volunteer or rural youth takes part in). */
const WORKSPACES: Partial<Record<Role, Workspace[]>> = {
  volunteer: [
    { mark: '志', title: '志愿服务', desc: '驿站签到、服务时长与星级', url: ROUTES.volunteer, tone: 'brand' },
    { mark: '惠', title: '爱心商家优惠', desc: '凭星级享商家礼遇', url: ROUTES.perks, tone: 'merchant', personal: true },
    { mark: '岗', title: '岗位对接会', desc: '报名、入场码与面试结果', url: ROUTES.fair, tone: 'employer', personal: true },
  ],
  rural_youth: [
    { mark: '贷', title: '创业贴息贷款', desc: '申请、办理进度与贴息计划', url: ROUTES.loan, tone: 'bank', personal: true },
    { mark: '岗', title: '岗位对接会', desc: '报名、入场码与面试结果', url: ROUTES.fair, tone: 'employer', personal: true },
  ],
  township_staff: [{ mark: '镇', title: '镇街工作台', desc: '审核签到、管理驿站', url: ROUTES.township, tone: 'brand' }],
  county_admin: [{ mark: '县', title: '县级管理', desc: '注册审核、贷款初审、县域报表', url: ROUTES.admin, tone: 'brand' }],
  city_admin: [{ mark: '市', title: '团市委管理', desc: '商家、岗位对接会、授权与报表', url: ROUTES.admin, tone: 'brand' }],
  merchant: [{ mark: '商', title: '商家核销', desc: '扫码核销志愿者优惠', url: ROUTES.merchant, tone: 'merchant' }],
  bank_officer: [{ mark: '银', title: '贷款受理', desc: '审批、放款与还款登记', url: ROUTES.bank, tone: 'bank' }],
  employer: [{ mark: '企', title: '招聘对接', desc: '发布岗位、查看报名、登记结果', url: ROUTES.employer, tone: 'employer' }],
}

type State = { kind: 'loading' } | { kind: 'ready'; account: Account } | { kind: 'no-identity' } | { kind: 'error'; message: string }

type Registration = Account['registrations'][number]
type RegistrationKind = Registration['kind']

/** Registration kinds: how each is named here and where it is filled in. Labels kept here: the contract's carry zod. */
const KINDS: Record<RegistrationKind, { mark: string; title: string; place: string; url: string }> = {
  volunteer: { mark: '志', title: '乡村振兴志愿者注册', place: '服务镇街', url: `${ROUTES.register}?kind=volunteer` },
  rural_youth: { mark: '农', title: '农村青年登记', place: '所在镇街', url: `${ROUTES.register}?kind=rural_youth` },
}

const STATUS: Record<Registration['status'], { label: string; tone: string }> = {
  pending: { label: '待审核', tone: 'pending' },
  approved: { label: '已通过', tone: 'approved' },
  rejected: { label: '未通过', tone: 'rejected' },
  closed: { label: '已注销', tone: 'closed' },
}

/** Everyone's account links. */
const LINKS: { key: string; title: string; url: string }[] = [
  { key: 'profile', title: '编辑资料', url: ROUTES.profile },
  { key: 'invite', title: '输入邀请码', url: ROUTES.invite },
  { key: 'takeover', title: '更换微信账号', url: ROUTES.takeover },
  { key: 'privacy', title: '隐私政策', url: ROUTES.privacy },
]

const go = (url: string) => void Taro.navigateTo({ url })

export default function Mine() {
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = async () => {
    try {
      const account = await call('account.me', {})
      setState({ kind: 'ready', account })
      showUnread(account.unreadMessages)
    } catch (err) {
      // Only the local cloud's gateway answers UNAUTHENTICATED (no persona chosen); in WeChat the caller is always known.
      if (process.env.TARO_APP_DEV_TOOLS === 'true' && err instanceof CallError && err.code === 'UNAUTHENTICATED') setState({ kind: 'no-identity' })
      else setState({ kind: 'error', message: errorMessage(err) })
    } finally {
      Taro.stopPullDownRefresh()
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  const account = state.kind === 'ready' ? state.account : null
  // Older answers (and tests) may lack registrations: treat that as none.
  const registrations = (account?.registrations ?? []).filter((r) => r.status !== 'closed')
  const registeredOrHolds = (kind: RegistrationKind) => registrations.some((r) => r.kind === kind) || !!account?.roles.some((g) => g.role === kind)
  // Staff (invited to work in the programs) are not asked to join them here; the home page still leads there.
  const isStaff = !!account?.roles.some((g) => (GRANTABLE_ROLES as readonly Role[]).includes(g.role))
  const offerRegistration = !!account && !isStaff && !registeredOrHolds('volunteer') && !registeredOrHolds('rural_youth')
  // Workplaces once per scope; programs once (a volunteer who is also a rural youth sees 岗位对接会 once).
  const workspaces = account
    ? account.roles
        .flatMap((g) => (WORKSPACES[g.role] ?? []).map((w) => (w.personal ? { ...w, key: w.url, scope: '' } : { ...w, key: `${g.role}-${g.scopeId}`, scope: g.scopeName })))
        .filter((w, i, all) => all.findIndex((o) => o.key === w.key) === i)
    : []

  return (
    <View className='mine'>
      <View className='mine__profile' onClick={() => account && go(ROUTES.profile)}>
        <View className='mine__avatar'>
          {account?.avatarUrl ? <Image className='mine__avatar-img' src={account.avatarUrl} mode='aspectFill' /> : <Text className='mine__avatar-text'>青</Text>}
        </View>
        <View className='mine__who'>
          <Text className='mine__nickname'>{state.kind === 'loading' ? '加载中…' : account?.nickname || account?.realName || '微信用户'}</Text>
          <Text className='mine__hint'>
            {account ? (account.mobileMasked ? `手机 ${account.mobileMasked}` : '尚未绑定手机号') : state.kind === 'no-identity' ? '尚未选择演示身份' : ' '}
          </Text>
        </View>
        {account && <Text className='mine__edit'>编辑资料 ›</Text>}
      </View>

      {state.kind === 'error' && (
        <View className='mine__group mine__notice'>
          <Text className='mine__notice-text'>{state.message}</Text>
          <View className='mine__notice-action' onClick={() => void load()}>
            <Text>重试</Text>
          </View>
        </View>
      )}

      {state.kind === 'no-identity' && (
        <View className='mine__group mine__notice'>
          <Text className='mine__notice-text'>本地开发环境需要先选择一个演示身份</Text>
          <View className='mine__notice-action' onClick={() => Taro.navigateTo({ url: ROUTES.personas })}>
            <Text>去选择</Text>
          </View>
        </View>
      )}

      {account && (
        <View className='mine__group'>
          <Text className='mine__group-title'>我的身份</Text>
          {account.roles.length === 0 ? (
            <View className='mine__empty'>
              <Text className='mine__empty-title'>还没有任何身份</Text>
              <Text className='mine__empty-desc'>
                {registrations.length > 0
                  ? '注册通过县（市、区）团委审核后，你的身份会显示在这里。'
                  : '注册成为乡村振兴志愿者，或登记为农村青年后开始使用；工作人员请使用邀请码加入。'}
              </Text>
            </View>
          ) : (
            <View className='mine__chips'>
              {account.roles.map((g) => (
                <View key={`${g.role}-${g.scopeId}`} className='mine__chip'>
                  <Text>{ROLE_LABELS[g.role]}</Text>
                  {g.scopeName && <Text className='mine__chip-scope'>{g.scopeName}</Text>}
                </View>
              ))}
            </View>
          )}
        </View>
      )}

      {registrations.length > 0 && (
        <View className='mine__group mine__group--spaced mine__regs'>
          <Text className='mine__group-title'>注册与审核</Text>
          {registrations.map((r) => {
            const k = KINDS[r.kind]
            const st = STATUS[r.status]
            return (
              <View key={r.kind} className={`mine__reg mine__reg--${r.status}`} data-kind={r.kind} data-status={r.status} hoverClass='mine__reg--pressed' onClick={() => go(k.url)}>
                <View className={`mine__mark mine__mark--${r.kind === 'volunteer' ? 'brand' : 'employer'}`}>
                  <Text>{k.mark}</Text>
                </View>
                <View className='mine__row-main'>
                  <View className='mine__reg-head'>
                    <Text className='mine__row-title'>{k.title}</Text>
                    <Text className={`mine__badge mine__badge--${st.tone}`}>{st.label}</Text>
                  </View>
                  {r.status === 'pending' && <Text className='mine__row-desc'>县（市、区）团委审核中，审核前可更正信息</Text>}
                  {r.status === 'approved' && (
                    <Text className='mine__row-desc mine__reg-place'>
                      {k.place}：{r.townshipName}
                    </Text>
                  )}
                  {r.status === 'rejected' && (
                    <>
                      <Text className='mine__reg-reason'>原因：{r.rejectReason || '未填写'}</Text>
                      <Text className='mine__reg-retry'>修改后重新提交</Text>
                    </>
                  )}
                </View>
                {r.status !== 'rejected' && <Text className='mine__arrow'>›</Text>}
              </View>
            )
          })}
        </View>
      )}

      {offerRegistration && (
        <View className='mine__join'>
          <Text className='mine__join-title'>加入乡村振兴</Text>
          <View className='mine__tiles'>
            <View className='mine__tile mine__tile--volunteer' hoverClass='mine__tile--pressed' onClick={() => go(KINDS.volunteer.url)}>
              <Text className='mine__tile-title'>注册成为乡村振兴志愿者</Text>
              <Text className='mine__tile-desc'>高校毕业生服务乡村，驿站签到记时长、享商家优惠</Text>
              <Text className='mine__tile-go'>去注册 ›</Text>
            </View>
            <View className='mine__tile mine__tile--youth' hoverClass='mine__tile--pressed' onClick={() => go(KINDS.rural_youth.url)}>
              <Text className='mine__tile-title'>农村青年登记</Text>
              <Text className='mine__tile-desc'>申请创业贴息贷款，报名岗位对接会和培训</Text>
              <Text className='mine__tile-go'>去登记 ›</Text>
            </View>
          </View>
        </View>
      )}

      {workspaces.length > 0 && (
        <View className='mine__group mine__group--spaced'>
          <Text className='mine__group-title'>我的工作台</Text>
          {workspaces.map((w) => (
            <View key={w.key} className='mine__row' hoverClass='mine__row--pressed' onClick={() => Taro.navigateTo({ url: w.url })}>
              <View className={`mine__mark mine__mark--${w.tone}`}>
                <Text>{w.mark}</Text>
              </View>
              <View className='mine__row-main'>
                <Text className='mine__row-title'>{w.title}</Text>
                <Text className='mine__row-desc'>
                  {w.scope ? `${w.scope} · ` : ''}
                  {w.desc}
                </Text>
              </View>
              <Text className='mine__arrow'>›</Text>
            </View>
          ))}
        </View>
      )}

      {account && (
        <View className='mine__group mine__group--spaced mine__links'>
          <View className='mine__link mine__link--messages' hoverClass='mine__link--pressed' onClick={() => go(ROUTES.messages)}>
            <Text className='mine__link-title'>消息</Text>
            <View className='mine__link-end'>
              {account.unreadMessages > 0 && <Text className='mine__unread'>{account.unreadMessages > 99 ? '99+' : account.unreadMessages}</Text>}
              <Text className='mine__arrow'>›</Text>
            </View>
          </View>
          {LINKS.map((l) => (
            <View key={l.key} className={`mine__link mine__link--${l.key}`} hoverClass='mine__link--pressed' onClick={() => go(l.url)}>
              <Text className='mine__link-title'>{l.title}</Text>
              <Text className='mine__arrow'>›</Text>
            </View>
          ))}
        </View>
      )}

      {/* Inline comparison (not via a variable) so production builds drop this block entirely. */}
      {process.env.TARO_APP_DEV_TOOLS === 'true' && (
        <View className='mine__group mine__group--dev'>
          <View className='mine__row' hoverClass='mine__row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.personas })}>
            <View className='mine__mark mine__mark--dev'>
              <Text>测</Text>
            </View>
            <View className='mine__row-main'>
              <Text className='mine__row-title'>切换演示身份</Text>
              <Text className='mine__row-desc'>仅本地开发构建可见</Text>
            </View>
            <Text className='mine__arrow'>›</Text>
          </View>
        </View>
      )}
    </View>
  )
}
