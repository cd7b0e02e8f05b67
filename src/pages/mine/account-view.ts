// What 我的 shows of an account: its open registrations, whether to offer joining a program, and
// the workbenches its roles lead to. No Taro: unit-tested in Node.
import type { OutputOf } from '@contract/index'
import { GRANTABLE_ROLES, type Role } from '@contract/roles'
import { ROUTES, type RoutePath } from '@/constants/routes'

export type Account = OutputOf<'account.me'>

export interface Workspace {
  mark: string
  title: string
  desc: string
  url: RoutePath
  tone: string
  /** A program the person takes part in (not a workplace with a scope): listed once, without a place. */
  personal?: true
}

/** Where each role works, and what it does there (the programs a volunteer or rural youth takes part in). */
export const WORKSPACES: Partial<Record<Role, Workspace[]>> = {
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
  judge: [{ mark: '评', title: '大赛评审', desc: '按评分细则为参赛作品评分', url: ROUTES.contestJudge, tone: 'merchant' }],
}

export type Registration = Account['registrations'][number]
export type RegistrationKind = Registration['kind']

/** Registration kinds: how each is named here and where it is filled in. Labels kept here: the contract's carry zod. */
export const KINDS: Record<RegistrationKind, { mark: string; title: string; place: string; url: string }> = {
  volunteer: { mark: '志', title: '乡村振兴志愿者注册', place: '服务镇街', url: `${ROUTES.register}?kind=volunteer` },
  rural_youth: { mark: '农', title: '农村青年登记', place: '所在镇街', url: `${ROUTES.register}?kind=rural_youth` },
}

export const STATUS: Record<Registration['status'], { label: string; tone: string }> = {
  pending: { label: '待审核', tone: 'pending' },
  approved: { label: '已通过', tone: 'approved' },
  rejected: { label: '未通过', tone: 'rejected' },
  closed: { label: '已注销', tone: 'closed' },
}

/** Everyone's account links. */
/** `roles`: shown only to those holding one of them (我的导出: the roles that export reports). */
export const LINKS: { key: string; title: string; url: string; roles?: Role[] }[] = [
  { key: 'profile', title: '编辑资料', url: ROUTES.profile },
  { key: 'exports', title: '我的导出', url: ROUTES.myExports, roles: ['township_staff', 'county_admin', 'city_admin'] },
  { key: 'invite', title: '输入邀请码', url: ROUTES.invite },
  { key: 'takeover', title: '更换微信账号', url: ROUTES.takeover },
  { key: 'privacy', title: '隐私政策', url: ROUTES.privacy },
]

/** A workbench a role leads to, once per scope (programs once, without a place). */
export type ShownWorkspace = Workspace & { key: string; scope: string }

export interface AccountView {
  /** Registrations still open or decided (closed ones are history). */
  registrations: Registration[]
  /** Offer 注册 / 登记: not staff, and neither registered nor holding either program role. */
  offerRegistration: boolean
  workspaces: ShownWorkspace[]
}

export function accountView(account: Account | null): AccountView {
  if (!account) return { registrations: [], offerRegistration: false, workspaces: [] }
  // Older answers (and tests) may lack registrations: treat that as none.
  const registrations = (account.registrations ?? []).filter((r) => r.status !== 'closed')
  const registeredOrHolds = (kind: RegistrationKind) => registrations.some((r) => r.kind === kind) || account.roles.some((g) => g.role === kind)
  // Staff (invited to work in the programs) are not asked to join them here; the home page still leads there.
  const isStaff = account.roles.some((g) => (GRANTABLE_ROLES as readonly Role[]).includes(g.role))
  const offerRegistration = !isStaff && !registeredOrHolds('volunteer') && !registeredOrHolds('rural_youth')
  // Workplaces once per scope; programs once (a volunteer who is also a rural youth sees 岗位对接会 once).
  const workspaces = account.roles
    .flatMap((g) => (WORKSPACES[g.role] ?? []).map((w) => (w.personal ? { ...w, key: w.url, scope: '' } : { ...w, key: `${g.role}-${g.scopeId}`, scope: g.scopeName })))
    .filter((w, i, all) => all.findIndex((o) => o.key === w.key) === i)
  return { registrations, offerRegistration, workspaces }
}
