// The `registration` function: volunteers and rural youth register (program 1 of DOMAIN.md),
// county admins review; people who changed WeChat accounts take over their record.
import { action, date, freeText, PageInput, pageOf, personName, text } from './common'
import { idNumberProblem, isRealDate, MOBILE_PATTERN, normalizeIdNumber } from './personal'
import * as z from './zod'
import { TERM_FILTER_LABELS, TERM_FILTERS, TERM_STATES } from './term'
import {
  POLITICAL_STATUSES,
  PRIVACY_VERSION,
  REGISTRATION_KINDS,
  REGISTRATION_STATUSES,
  SENSITIVE_CONSENT_VERSION,
  SKILLS,
  type RegistrationKind,
  type RegistrationStatus,
} from './vocabulary'

export { POLITICAL_STATUSES, PRIVACY_VERSION, REGISTRATION_KINDS, REGISTRATION_STATUSES, SENSITIVE_CONSENT_VERSION, SKILLS, type RegistrationKind, type RegistrationStatus }

/** Today in Shanghai, for the ID's birth-date bound (the server passes its own clock). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

const idNumber = z
  .string({ error: '请填写身份证号' })
  .describe('身份证号')
  .transform(normalizeIdNumber)
  .superRefine((id, ctx) => {
    const problem = idNumberProblem(id, today())
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const mobile = z.string({ error: '请填写手机号' }).describe('手机号').trim().regex(MOBILE_PATTERN, '手机号格式不正确，应为 11 位大陆手机号')
const calendarDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .describe(label)
    .refine(isRealDate, `${label}不是有效日期`)
const code = (label: string, digits: number) =>
  z
    .string({ error: `请选择${label}` })
    .describe(label)
    .regex(new RegExp(`^\\d{${digits}}$`), `请选择${label}`)

const consents = {
  privacyVersion: z.string({ error: '请阅读并同意隐私政策' }).describe('隐私政策').max(20),
  sensitiveVersion: z.string({ error: '请单独同意处理身份证号等敏感个人信息' }).describe('敏感个人信息授权').max(20),
}

const personBase = {
  name: personName(),
  idNumber,
  mobile,
  countyCode: code('所在县（市、区）', 6),
  townshipCode: code('服务镇街', 9),
  /** Derived from the ID; when the form sends them they must agree with it. */
  gender: z.enum(['male', 'female']).describe('性别').optional(),
  birthDate: calendarDate('出生日期').optional(),
  ...consents,
}

export const VolunteerForm = z
  .object({
    ...personBase,
    school: text('毕业院校', 40),
    major: text('所学专业', 40),
    graduationYear: z
      .number({ error: '请选择毕业年份' })
      .describe('毕业年份')
      .int()
      .min(1990, '毕业年份不正确')
      .max(new Date().getFullYear() + 1, '毕业年份不正确'),
    politicalStatus: z.enum(POLITICAL_STATUSES, { error: '请选择政治面貌' }).describe('政治面貌'),
    skills: z.array(z.enum(SKILLS, { error: '请从列表中选择特长' })).describe('特长').min(1, '请至少选择一项特长').max(6, '特长最多选 6 项'),
    termStart: calendarDate('服务开始日期'),
    termEnd: calendarDate('服务结束日期'),
  })
  .refine((f) => f.termEnd > f.termStart, { message: '服务结束日期应晚于开始日期', path: ['termEnd'] })
export type VolunteerForm = z.input<typeof VolunteerForm>
export type VolunteerFormData = z.output<typeof VolunteerForm>

export const RuralYouthForm = z.object({
  ...personBase,
  occupation: text('从事的行业或项目', 60, 2),
})
export type RuralYouthForm = z.input<typeof RuralYouthForm>
export type RuralYouthFormData = z.output<typeof RuralYouthForm>

/** What a registration says of the person past who and where (study, politics, skills, the service term, occupation), as views show it. */
export const REGISTRATION_PROFILE = {
  school: z.string(),
  major: z.string(),
  graduationYear: z.number().nullable(),
  politicalStatus: z.string(),
  skills: z.array(z.string()),
  termStart: z.string(),
  termEnd: z.string(),
  occupation: z.string(),
}

/**
 * A registration as its owner sees it: the ID masked; in clear only when they ask for it to edit
 * a registration that is not yet approved (that read is logged).
 */
export const MyRegistration = z.object({
  id: z.string(),
  kind: z.enum(REGISTRATION_KINDS),
  status: z.enum(REGISTRATION_STATUSES),
  name: z.string(),
  idMasked: z.string(),
  /** '' unless asked for (`revealId`). */
  idNumber: z.string(),
  mobile: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  ...REGISTRATION_PROFILE,
  rejectReason: z.string(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
})
export type MyRegistration = z.infer<typeof MyRegistration>

/** A registration in a reviewer's list: personal data masked. */
export const RegistrationSummary = z.object({
  id: z.string(),
  kind: z.enum(REGISTRATION_KINDS),
  status: z.enum(REGISTRATION_STATUSES),
  name: z.string(),
  idMasked: z.string(),
  mobileMasked: z.string(),
  gender: z.enum(['male', 'female']),
  age: z.number(),
  countyName: z.string(),
  townshipName: z.string(),
  school: z.string(),
  skills: z.array(z.string()),
  submittedAt: z.string(),
  rejectReason: z.string(),
  /** Another account holds this ID number: the county must find out who is who before approving. */
  idConflict: z.boolean(),
})
export type RegistrationSummary = z.infer<typeof RegistrationSummary>

/** What a reviewer sees when opening one: the ID in clear (that read is logged). */
export const RegistrationDetail = RegistrationSummary.extend({
  idNumber: z.string(),
  mobile: z.string(),
  birthDate: z.string(),
  major: z.string(),
  graduationYear: z.number().nullable(),
  politicalStatus: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  occupation: z.string(),
  reviewedAt: z.string().nullable(),
  reviewerName: z.string(),
  /** The registration that holds the ID number, when it is another account's (masked). */
  conflictWith: z.object({ name: z.string(), countyName: z.string(), townshipName: z.string(), status: z.enum(REGISTRATION_STATUSES), submittedAt: z.string() }).nullable(),
})
export type RegistrationDetail = z.infer<typeof RegistrationDetail>

/** A registration's id (`<userId>:<kind>`) and a takeover request's id, as the functions make them. */
const registrationId = z.string({ error: '缺少申请编号' }).describe('申请编号').regex(/^[0-9a-f]{16,40}:(volunteer|rural_youth)$/, '申请编号无效')
const takeoverId = z.string({ error: '缺少申请编号' }).describe('申请编号').regex(/^[0-9a-f]{16,40}$/, '申请编号无效')
const reason = freeText('理由', 200)

export const TakeoverView = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  reason: z.string(),
})

export const TakeoverCase = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.string(),
  name: z.string(),
  idMasked: z.string(),
  townshipName: z.string(),
  /** The two accounts side by side, masked. */
  oldAccount: z.object({ nickname: z.string(), mobileMasked: z.string(), createdAt: z.string(), roles: z.array(z.string()) }),
  newAccount: z.object({ nickname: z.string(), mobileMasked: z.string(), createdAt: z.string() }),
})

// ---- the service term (issue 23 item 4; rules in types/term.ts) ------------------------------

const TermExtensionView = z.object({ from: z.string(), to: z.string(), reason: z.string(), byName: z.string(), at: z.string() })

/** A volunteer's term as they (and the county) see it: where it stands today and the extensions recorded. */
export const TermView = z.object({
  registrationId: z.string(),
  name: z.string(),
  countyName: z.string(),
  townshipName: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  /** The stored state: 'ended' once the daily timer moved it (types/term.ts). */
  state: z.enum(TERM_STATES),
  /** Today: serving, ended within the grace (check-ins and perks still work), or past it. */
  standing: z.enum(['serving', 'grace', 'stopped']),
  /** The grace's last day ('' while serving). */
  lastDay: z.string(),
  /** Serving: days to the term's last day (0 on it); in the grace: days left counting today; else 0. */
  daysLeft: z.number(),
  graceDays: z.number(),
  /** One sentence for the volunteer: 服务期至 …, or 已期满 with the grace left. */
  line: z.string(),
  endedAt: z.string().nullable(),
  extensions: z.array(TermExtensionView),
})
export type TermView = z.infer<typeof TermView>

export { TERM_FILTERS, TERM_FILTER_LABELS }

export const ExtendTermInput = z
  .object({
    id: registrationId,
    termEnd: date('新的服务结束日期'),
    reason: text('延期理由', 200, 4),
  })
export type ExtendTermInput = z.input<typeof ExtendTermInput>

export const registration = {
  mine: action({
    summary: '查看我的注册信息（身份证号打码；修改未通过的注册时可显示完整号码，读取留痕）',
    input: z.object({ revealId: z.boolean().describe('显示完整身份证号').default(false) }),
    output: z.object({ volunteer: MyRegistration.nullable(), ruralYouth: MyRegistration.nullable() }),
    access: { who: 'signed_in' },
  }),
  submitVolunteer: action({
    summary: '提交（或修改后重新提交）乡村振兴志愿者注册',
    silent: '本人操作，结果当场显示在本人的页面上；审核结果会通知本人',
    input: VolunteerForm,
    output: MyRegistration,
    access: { who: 'signed_in' },
    rateLimit: { max: 10, windowSeconds: 3600 },
    moderate: ['school', 'major'],
  }),
  submitRuralYouth: action({
    summary: '提交（或修改后重新提交）农村青年注册',
    silent: '本人操作，结果当场显示在本人的页面上；审核结果会通知本人',
    input: RuralYouthForm,
    output: MyRegistration,
    access: { who: 'signed_in' },
    rateLimit: { max: 10, windowSeconds: 3600 },
    moderate: ['occupation'],
  }),
  list: action({
    summary: '审核队列：本县（团市委：全市）的注册申请',
    input: PageInput.extend({
      status: z.enum(REGISTRATION_STATUSES).describe('状态').default('pending'),
      kind: z.enum(REGISTRATION_KINDS).describe('类型').optional(),
      countyCode: z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效').optional(),
      townshipCode: z.string().describe('镇街').regex(/^\d{9}$/, '镇街无效').optional(),
      keyword: z.string().describe('姓名').trim().max(20).optional(),
    }),
    output: pageOf(RegistrationSummary),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  detail: action({
    summary: '查看一份注册申请（显示完整身份证号，读取留痕）',
    input: z.object({ id: registrationId }),
    output: RegistrationDetail,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  review: action({
    summary: '通过或驳回注册申请（可批量）',
    input: z
      .object({
        ids: z.array(registrationId).describe('申请').min(1, '请选择要审核的申请').max(50, '一次最多审核 50 份'),
        decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }).describe('审核结果'),
        reason: reason.optional(),
      })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, { message: '驳回时请填写理由（至少 2 个字）', path: ['reason'] }),
    output: z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string() })) }),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    moderate: ['reason'],
  }),
  requestTakeover: action({
    summary: '更换微信账号：申请接管原注册记录',
    silent: '本人操作，结果当场显示在本人的页面上；确认结果会通知本人',
    input: z.object({ name: personBase.name, idNumber }),
    output: TakeoverView,
    access: { who: 'signed_in' },
    // Each try checks a name and ID number against the records: few tries, so it cannot be used to guess.
    rateLimit: { max: 5, windowSeconds: 86400 },
  }),
  myTakeover: action({
    summary: '查看我的账号接管申请',
    input: z.object({}),
    output: TakeoverView.nullable(),
    access: { who: 'signed_in' },
  }),
  myTerm: action({
    summary: '查看我的服务期（期满后的宽限期还剩几天）',
    input: z.object({}),
    output: TermView.nullable(),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  terms: action({
    summary: '本县（团市委：全市）志愿者的服务期：已期满、即将期满或全部，可按姓名查找',
    input: PageInput.extend({
      filter: z.enum(TERM_FILTERS, { error: '请选择范围' }).describe('范围').default('ended'),
      countyCode: z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效').optional(),
      keyword: z.string().describe('姓名').trim().max(20).optional(),
    }),
    output: z.object({ items: z.array(TermView), total: z.number(), graceDays: z.number() }),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  extendTerm: action({
    summary: '登记志愿者服务期延期（新的结束日期晚于现在的，写明理由；已期满的恢复为服务中）',
    input: ExtendTermInput,
    output: TermView,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    moderate: ['reason'],
  }),
  listTakeovers: action({
    summary: '待确认的账号接管申请（本县）',
    input: PageInput.extend({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
    output: pageOf(TakeoverCase),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  decideTakeover: action({
    summary: '确认或驳回账号接管（记录、角色与历史转到新账号）',
    input: z
      .object({ id: takeoverId, decision: z.enum(['approve', 'reject']).describe('审核结果'), reason: reason.optional() })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, { message: '驳回时请填写理由（至少 2 个字）', path: ['reason'] }),
    output: TakeoverCase,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
}
