// The `fair` function: job fairs for volunteers whose term ends (岗位对接会). The city league
// sets up a fair and invites employers; employers list positions; volunteers (and rural youth,
// where allowed) sign up within capacity or onto a waiting list, show an entry code at the door,
// and employers record outcomes, which give the fair's local-employment figures.
import { action, clock, date, freeText, integer, moment, PageInput, pageOf, text } from './common'
import { CAPACITY_RULE, EMPLOYER_ID, FAIR_ADDRESS, FAIR_DESCRIPTION, FAIR_ID, FAIR_ORDER, FAIR_TITLE, FAIR_VENUE, MAX_INVITED, MAX_POSITIONS_RULE, TERM_DAYS_RULE } from './fair-rules'
import {
  CONTACT_NAME,
  CONTACT_PHONE_INVALID,
  CONTACT_PHONE_MISSING,
  COUNTY_OR_OUTSIDE,
  isContactPhone,
  OPENINGS_RULE,
  POSITION_ID,
  POSITION_PLACE,
  POSITION_REQUIREMENTS,
  POSITION_TITLE,
  SALARY_MAX_RULE,
  SALARY_MIN_RULE,
  SALARY_ORDER_MESSAGE,
} from './position-rules'
import { REGISTRATION_PROFILE } from './registration'
import { Coordinate } from './station'
import {
  EMPLOYER_TYPES,
  ENTRY_CODE,
  FAIR_STATUSES,
  OUTCOMES,
  SIGNUP_STATUSES,
  type EmployerType,
  type FairStatus,
  type Outcome,
  type SignupStatus,
} from './vocabulary'
import { SignupRowBase } from './signups'
import * as z from './zod'

export { EMPLOYER_TYPES, ENTRY_CODE, FAIR_STATUSES, OUTCOMES, SIGNUP_STATUSES, type EmployerType, type FairStatus, type Outcome, type SignupStatus }

const fairId = z.string({ error: '缺少对接会' }).describe('对接会').regex(FAIR_ID, '对接会编号无效')
const positionId = z.string({ error: '缺少岗位' }).describe('岗位').regex(POSITION_ID, '岗位编号无效')
const signupId = z.string({ error: '缺少报名' }).describe('报名').regex(/^F[0-9a-f]{12}:[A-Za-z0-9_-]{4,64}$/, '报名编号无效')
const employerId = z.string({ error: '请选择用人单位' }).describe('用人单位').regex(EMPLOYER_ID, '用人单位无效')
/** A mobile number or a landline with area code (0763-1234567). */
const contactPhone = z.string({ error: CONTACT_PHONE_MISSING }).describe('联系电话').trim().refine(isContactPhone, CONTACT_PHONE_INVALID)

export const FairInput = z
  .object({
    id: fairId.optional(),
    title: text(FAIR_TITLE.label, FAIR_TITLE.max, FAIR_TITLE.min),
    date: date('举办日期'),
    startTime: clock('开始时间'),
    endTime: clock('结束时间'),
    venue: text(FAIR_VENUE.label, FAIR_VENUE.max, FAIR_VENUE.min),
    address: text(FAIR_ADDRESS.label, FAIR_ADDRESS.max, FAIR_ADDRESS.min),
    location: Coordinate.nullable().default(null),
    signupOpensAt: moment('报名开始时间'),
    signupClosesAt: moment('报名截止时间'),
    capacity: integer(CAPACITY_RULE),
    /** Volunteers whose service term has ended, or ends within this many days after the fair. */
    termEndsWithinDays: integer(TERM_DAYS_RULE),
    allowRuralYouth: z.boolean().describe('允许农村青年报名').default(false),
    maxPositions: integer(MAX_POSITIONS_RULE),
    employerIds: z.array(employerId).describe('邀请的用人单位').max(MAX_INVITED, `最多邀请 ${MAX_INVITED} 家用人单位`).default([]),
    description: freeText(FAIR_DESCRIPTION.label, FAIR_DESCRIPTION.max).default(''),
  })
  .refine(FAIR_ORDER[0].ok, { message: FAIR_ORDER[0].message, path: [FAIR_ORDER[0].path] })
  .refine(FAIR_ORDER[1].ok, { message: FAIR_ORDER[1].message, path: [FAIR_ORDER[1].path] })
  .refine(FAIR_ORDER[2].ok, { message: FAIR_ORDER[2].message, path: [FAIR_ORDER[2].path] })
export type FairInput = z.input<typeof FairInput>

export const EmployerView = z.object({ id: z.string(), name: z.string(), type: z.enum(EMPLOYER_TYPES), countyCode: z.string(), countyName: z.string() })
export type EmployerView = z.infer<typeof EmployerView>

export const MySignupView = z.object({
  id: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  /** Place on the waiting list (1 = next), 0 when not waiting. */
  waitingRank: z.number(),
  positionIds: z.array(z.string()),
  checkedInAt: z.string(),
  createdAt: z.string(),
})
export type MySignupView = z.infer<typeof MySignupView>

export const FairView = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  venue: z.string(),
  address: z.string(),
  location: Coordinate.nullable(),
  signupOpensAt: z.string(),
  signupClosesAt: z.string(),
  capacity: z.number(),
  confirmed: z.number(),
  waiting: z.number(),
  termEndsWithinDays: z.number(),
  allowRuralYouth: z.boolean(),
  maxPositions: z.number(),
  description: z.string(),
  status: z.enum(FAIR_STATUSES),
  /** Where sign-up stands now: not yet open, open, closed (deadline passed), or the fair is over. */
  phase: z.enum(['upcoming', 'open', 'closed', 'over']),
  employers: z.array(EmployerView),
  positionCount: z.number(),
  openings: z.number(),
  mine: MySignupView.nullable(),
})
export type FairView = z.infer<typeof FairView>

export const PositionView = z.object({
  id: z.string(),
  fairId: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  employerType: z.enum(EMPLOYER_TYPES),
  title: z.string(),
  openings: z.number(),
  place: z.string(),
  /** The Qingyuan county the job is in ('' outside Qingyuan). */
  countyCode: z.string(),
  countyName: z.string(),
  requirements: z.string(),
  salaryMinFen: z.number(),
  salaryMaxFen: z.number(),
  contactName: z.string(),
  contactPhone: z.string(),
  /** People who chose it (active sign-ups). */
  applicants: z.number(),
})
export type PositionView = z.infer<typeof PositionView>

/** A résumé built from the registration and the service record. */
export const ResumeView = z.object({
  name: z.string(),
  kind: z.enum(['volunteer', 'rural_youth']),
  gender: z.enum(['male', 'female']),
  age: z.number(),
  mobileMasked: z.string(),
  countyName: z.string(),
  townshipName: z.string(),
  ...REGISTRATION_PROFILE,
  approvedHours: z.number(),
  star: z.number(),
})
export type ResumeView = z.infer<typeof ResumeView>

export const ApplicantView = z.object({
  signupId: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  resume: ResumeView,
  /**
   * The mobile in clear once this employer has interviewed the person at the fair: an outcome
   * recorded after the fair began, for someone checked in at the door ('' before).
   */
  mobile: z.string(),
  checkedIn: z.boolean(),
  choices: z.array(z.object({ positionId: z.string(), positionTitle: z.string(), outcome: z.enum(OUTCOMES).nullable(), note: z.string(), at: z.string() })),
})
export type ApplicantView = z.infer<typeof ApplicantView>

export const AdminSignupView = SignupRowBase.extend({
  positions: z.number(),
  /** How they came in: their entry code scanned, or found by name at the door (null: not yet). */
  checkInMethod: z.enum(['code', 'name']).nullable(),
  createdAt: z.string(),
})
export type AdminSignupView = z.infer<typeof AdminSignupView>

export const CheckInView = z.object({ name: z.string(), fairTitle: z.string(), checkedInAt: z.string(), positions: z.number() })

const ExportedFile = z.object({ fileUrl: z.string(), fileName: z.string(), rows: z.number() })

const FigureRow = z.object({ positions: z.number(), openings: z.number(), applicants: z.number(), interviews: z.number(), offers: z.number(), hires: z.number(), hiresLocal: z.number() })
export const FairReport = z.object({
  fairId: z.string(),
  title: z.string(),
  date: z.string(),
  capacity: z.number(),
  signups: z.number(),
  confirmed: z.number(),
  waiting: z.number(),
  cancelled: z.number(),
  attended: z.number(),
  /** People (not positions) who were interviewed, got an offer, were hired, were hired in Qingyuan. */
  people: z.object({ interviewed: z.number(), offered: z.number(), hired: z.number(), hiredLocal: z.number() }),
  byEmployerType: z.array(FigureRow.extend({ type: z.enum(EMPLOYER_TYPES) })),
  byEmployer: z.array(FigureRow.extend({ employerId: z.string(), employerName: z.string(), type: z.enum(EMPLOYER_TYPES) })),
})
export type FairReport = z.infer<typeof FairReport>

const applicants = ['volunteer', 'rural_youth'] as const

export const fair = {
  list: action({
    summary: '岗位对接会列表（团市委可见未发布的）',
    input: PageInput.extend({ when: z.enum(['upcoming', 'past', 'all']).describe('范围').default('upcoming'), status: z.enum(FAIR_STATUSES).describe('状态').optional() }),
    output: pageOf(FairView),
    access: { who: 'signed_in' },
  }),
  get: action({
    summary: '查看一场对接会及其岗位',
    input: z.object({ id: fairId }),
    output: z.object({ fair: FairView, positions: z.array(PositionView) }),
    access: { who: 'signed_in' },
  }),
  save: action({
    summary: '新建或修改对接会',
    silent: '对接会资料的维护；发布或取消时另行处理通知',
    input: FairInput,
    output: FairView,
    access: { who: ['city_admin'], objects: 'city' },
    moderate: ['title', 'venue', 'address', 'description'],
  }),
  setStatus: action({
    summary: '发布或取消对接会（取消时通知已报名者）',
    input: z.object({ id: fairId, status: z.enum(['published', 'cancelled'], { error: '请选择状态' }).describe('状态'), reason: freeText('理由', 200).default('') }),
    output: FairView,
    access: { who: ['city_admin'], objects: 'city' },
  }),
  employers: action({
    summary: '用人单位列表（按名称排序，可按名称查找、按类型筛选；分页，带总数）',
    input: PageInput.extend({
      keyword: z.string({ error: '单位名称应为文字' }).describe('单位名称').trim().max(20, '单位名称最多 20 个字').optional(),
      type: z.enum(EMPLOYER_TYPES, { error: '单位类型无效' }).describe('单位类型').optional(),
    }),
    output: pageOf(EmployerView),
    access: { who: ['city_admin', 'employer'], objects: 'employer' },
  }),
  saveEmployer: action({
    summary: '新增或修改用人单位（国企、民企、社会组织）',
    silent: '维护用人单位资料，不针对某个人',
    input: z.object({
      id: employerId.optional(),
      name: text('单位名称', 40, 2),
      type: z.enum(EMPLOYER_TYPES, { error: '请选择单位类型' }).describe('单位类型'),
      countyCode: z.string().describe('所在县（市、区）').regex(/^(\d{6})?$/, '县（市、区）无效').default(''),
    }),
    output: EmployerView,
    access: { who: ['city_admin'], objects: 'city' },
    moderate: ['name'],
  }),
  myFairs: action({
    summary: '用人单位：受邀的对接会（最新在前，分页，带总数）与其中本单位的岗位；带 fairId 只看这一场',
    input: PageInput.extend({ fairId: fairId.optional() }),
    output: z.object({
      employers: z.array(EmployerView),
      /** The page of invited fairs, newest first. */
      fairs: z.array(FairView),
      /** Our positions at the fairs of this page only. */
      positions: z.array(PositionView),
      total: z.number(),
    }),
    access: { who: ['employer'], objects: 'employer' },
  }),
  savePosition: action({
    summary: '发布或修改岗位（报名截止前）',
    silent: '用人单位维护本单位岗位，报名者在对接会页面看到最新岗位',
    input: z
      .object({
        id: positionId.optional(),
        fairId,
        employerId,
        title: text(POSITION_TITLE.label, POSITION_TITLE.max, POSITION_TITLE.min),
        openings: integer(OPENINGS_RULE),
        place: text(POSITION_PLACE.label, POSITION_PLACE.max, POSITION_PLACE.min),
        countyCode: z.string().describe('工作所在县（市、区）').regex(COUNTY_OR_OUTSIDE, '县（市、区）无效').default(''),
        requirements: text(POSITION_REQUIREMENTS.label, POSITION_REQUIREMENTS.max, POSITION_REQUIREMENTS.min),
        salaryMinFen: integer(SALARY_MIN_RULE),
        salaryMaxFen: integer(SALARY_MAX_RULE),
        contactName: text(CONTACT_NAME.label, CONTACT_NAME.max, CONTACT_NAME.min),
        contactPhone,
      })
      .refine((p) => p.salaryMaxFen >= p.salaryMinFen, { message: SALARY_ORDER_MESSAGE, path: ['salaryMaxFen'] }),
    output: PositionView,
    access: { who: ['employer', 'city_admin'], objects: 'employer' },
    moderate: ['title', 'place', 'requirements'],
  }),
  removePosition: action({
    summary: '删除岗位（无人报名时，报名截止前）',
    silent: '只能删除无人报名的岗位，没有需要告知的人',
    input: z.object({ id: positionId }),
    output: z.object({ removed: z.boolean() }),
    access: { who: ['employer', 'city_admin'], objects: 'employer' },
  }),
  resume: action({
    summary: '预览我的简历（来自注册信息与服务记录）',
    input: z.object({}),
    output: ResumeView,
    access: { who: applicants, objects: 'own' },
  }),
  signUp: action({
    summary: '报名对接会并选择岗位（已满时进入候补）；已报名时修改所选岗位',
    silent: '本人操作，结果当场显示在本人的页面上；候补递补、取消和签到会通知本人',
    input: z.object({
      fairId,
      positionIds: z.array(positionId).describe('岗位').min(1, '请至少选择 1 个岗位').max(5, '最多选择 5 个岗位'),
      shareResume: z.literal(true, { error: '请确认向用人单位提供简历' }).describe('提供简历'),
    }),
    output: z.object({ signup: MySignupView, fair: FairView }),
    access: { who: applicants, objects: 'own' },
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  cancel: action({
    summary: '取消报名（候补第一位自动递补）',
    silent: '本人操作，结果当场显示在本人的页面上；因此从候补递补的人会收到通知',
    input: z.object({ fairId, reason: freeText('原因', 200).default('') }),
    output: z.object({ fair: FairView }),
    access: { who: applicants, objects: 'own' },
  }),
  mine: action({
    summary: '我报名的对接会',
    input: PageInput,
    output: pageOf(FairView),
    access: { who: applicants, objects: 'own' },
  }),
  entryCode: action({
    summary: '入场码（约 60 秒有效，只能使用一次）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({ fairId }),
    output: z.object({ token: z.string(), expiresAt: z.string(), refreshInSeconds: z.number(), name: z.string(), fairTitle: z.string() }),
    access: { who: applicants, objects: 'own' },
    rateLimit: { max: 240, windowSeconds: 3600 },
  }),
  checkIn: action({
    summary: '会场入口扫码签到',
    input: z.object({ token: z.string({ error: '请扫描报名者出示的入场码' }).describe('入场码').trim().max(600, '入场码无效').regex(ENTRY_CODE, '这不是乡青汇的入场码') }),
    output: CheckInView,
    access: { who: ['city_admin', 'county_admin'], objects: 'city' },
  }),
  checkInByName: action({
    summary: '会场入口按姓名签到（报名者无法出示入场码时；与扫码签到同样的规则：当天、只签一次、留痕并通知本人）',
    input: z.object({ signupId, reason: freeText('原因', 100).default('') }),
    output: CheckInView,
    access: { who: ['city_admin', 'county_admin'], objects: 'city' },
  }),
  signups: action({
    summary: '报名名单（按报名与候补顺序；签到情况；可按姓名或手机尾号查找）',
    input: PageInput.extend({
      fairId,
      status: z.enum(SIGNUP_STATUSES).describe('状态').optional(),
      attended: z.boolean().describe('是否签到').optional(),
      /** A name (or part of it), or the last 4 digits of the mobile. */
      keyword: z.string({ error: '请输入姓名或手机尾号' }).describe('姓名或手机尾号').trim().max(20, '姓名或手机尾号最多 20 个字').optional(),
      /** signup: the list's own order; checkIn: the latest check-ins first. */
      order: z.enum(['signup', 'checkIn']).describe('排序').default('signup'),
    }),
    output: pageOf(AdminSignupView),
    access: { who: ['city_admin', 'county_admin'], objects: 'city' },
  }),
  exportSignups: action({
    summary: '导出报名名单（Excel：全部报名者，手机号隐去中间四位，含签到情况）',
    input: z.object({ fairId }),
    output: ExportedFile,
    access: { who: ['city_admin', 'county_admin'], objects: 'city' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
  applicants: action({
    summary: '用人单位：报名本单位岗位的人（签到入场、在会场登记面试结果后显示联系方式）',
    input: PageInput.extend({ fairId, positionId: positionId.optional() }),
    output: pageOf(ApplicantView),
    access: { who: ['employer', 'city_admin'], objects: 'employer' },
  }),
  exportApplicants: action({
    summary: '用人单位：导出报名本单位岗位的人（Excel：简历与结果，手机号隐去中间四位）',
    input: z.object({ fairId, positionId: positionId.optional() }),
    output: ExportedFile,
    access: { who: ['employer', 'city_admin'], objects: 'employer' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
  recordOutcome: action({
    summary: '登记结果：已面试、已发录用意向、已录用、未录用（对接会开始后，只为已签到入场的人登记）',
    input: z.object({ signupId, positionId, outcome: z.enum(OUTCOMES, { error: '请选择结果' }).describe('结果'), note: freeText('备注', 200).default('') }),
    output: ApplicantView,
    access: { who: ['employer'], objects: 'employer' },
  }),
  report: action({
    summary: '对接会统计：报名、到场、面试、录用、本地就业，按单位类型',
    input: z.object({ fairId }),
    output: FairReport,
    access: { who: ['city_admin'], objects: 'city' },
  }),
  exportReport: action({
    summary: '导出对接会统计（Excel：以对接会名称、会场、日期命名，附岗位明细与报名明细）',
    input: z.object({ fairId }),
    output: ExportedFile,
    access: { who: ['city_admin'], objects: 'city' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
}
