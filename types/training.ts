// The `training` function: the league's trainings (三训). The city or a county league sets up a
// course (岗前 / 实务 / 领头雁 / 电商 / 青农大讲堂 / 线上) for volunteers, rural youth or both, with
// its sessions (time, place, capacity, sign-up window, materials) or, online, its parts; eligible
// people sign up within capacity or onto an ordered waiting list (the job fairs' engine), check in
// at the door with the session's rotating code (and out, for long sessions), or are marked present
// by list; completing a course gives a certificate anyone can verify. Training hours are counted
// apart from service hours.
import { action, clock, date, freeText, integer, moment, PageInput, pageOf, text } from './common'
import type { IntegerRule } from './field-rules'
import { Coordinate } from './station'
import { SIGNUP_STATUSES, TRAINING_AUDIENCES, TRAINING_DOOR_CODE, TRAINING_KINDS, type TrainingAudience, type TrainingKind } from './vocabulary'
import { trainingReportActions } from './training-report'
import { SignupRowBase } from './signups'
import * as z from './zod'

export { TRAINING_AUDIENCES, TRAINING_KINDS, type TrainingAudience, type TrainingKind }

const rule = (label: string, min: number, max: number, unit: string): IntegerRule => ({
  label,
  min,
  max,
  missing: `请填写${label}`,
  notInteger: `${label}应为整数`,
  tooSmall: `${label}至少 ${min} ${unit}`,
  tooBig: `${label}最多 ${max} ${unit}`,
})
export const TRAINING_CAPACITY_RULE = rule('名额', 1, 2000, '人')
export const REQUIRED_SESSIONS_RULE = rule('结业所需场次', 1, 20, '场')
export const PART_MINUTES_RULE = rule('学时（分钟）', 1, 600, '分钟')
export const MAX_PARTS = 30

export const COURSE_ID = /^C[0-9a-f]{12}$/
export const SESSION_ID = /^S[0-9a-f]{12}$/
const courseId = z.string({ error: '缺少课程' }).describe('课程').regex(COURSE_ID, '课程编号无效')
const sessionId = z.string({ error: '缺少场次' }).describe('场次').regex(SESSION_ID, '场次编号无效')
const signupId = z.string({ error: '缺少报名' }).describe('报名').regex(/^S[0-9a-f]{12}:[A-Za-z0-9_-]{4,64}$/, '报名编号无效')
const partId = z.string({ error: '缺少课时' }).describe('课时').regex(/^p[0-9a-f]{6}$/, '课时编号无效')
const link = z
  .string({ error: '链接应为文字' })
  .describe('学习链接')
  .trim()
  .max(300, '学习链接最多 300 个字符')
  .regex(/^(https:\/\/[^\s]+)?$/, '学习链接应以 https:// 开头')

export const CoursePart = z.object({ id: partId.optional(), title: text('课时名称', 40, 2), minutes: integer(PART_MINUTES_RULE), link: link.default('') })

export const CourseInput = z
  .object({
    id: courseId.optional(),
    title: text('课程名称', 40, 4),
    kind: z.enum(TRAINING_KINDS, { error: '请选择培训类别' }).describe('培训类别'),
    audience: z.enum(TRAINING_AUDIENCES, { error: '请选择培训对象' }).describe('培训对象'),
    department: text('主办部门', 40, 2),
    /** '' for a city-wide course; a county's own course is open to that county's people. */
    countyCode: z.string().describe('所属县（市、区）').regex(/^(\d{6})?$/, '县（市、区）无效').default(''),
    description: freeText('课程介绍', 1000).default(''),
    /** Sessions attended that complete the course (face-to-face courses). */
    requiredSessions: integer(REQUIRED_SESSIONS_RULE).default(1),
    /** An online course's parts, each completed by the learner. */
    parts: z.array(CoursePart).describe('课时').max(MAX_PARTS, `最多 ${MAX_PARTS} 个课时`).default([]),
  })
  .refine((c) => c.kind !== 'online' || c.parts.length > 0, { message: '线上课程请至少添加 1 个课时', path: ['parts'] })
export type CourseInput = z.input<typeof CourseInput>

export const SessionInput = z
  .object({
    id: sessionId.optional(),
    courseId,
    title: text('场次名称', 30, 2),
    date: date('日期'),
    startTime: clock('开始时间'),
    endTime: clock('结束时间'),
    venue: text('地点', 40, 2),
    address: text('详细地址', 80, 4),
    location: Coordinate.nullable().default(null),
    capacity: integer(TRAINING_CAPACITY_RULE),
    signupOpensAt: moment('报名开始时间'),
    signupClosesAt: moment('报名截止时间'),
    materials: freeText('学习资料', 1000).default(''),
    /** A long session: attendance counts only once the person checks out at the end too. */
    checkOut: z.boolean().describe('需要签退').default(false),
  })
  .refine((s) => s.endTime > s.startTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
  .refine((s) => s.signupClosesAt > s.signupOpensAt, { message: '报名截止时间应晚于报名开始时间', path: ['signupClosesAt'] })
  .refine((s) => s.signupClosesAt <= `${s.date} ${s.startTime}`, { message: '报名应在开课前截止', path: ['signupClosesAt'] })
export type SessionInput = z.input<typeof SessionInput>

export const MyTrainingSignup = z.object({
  id: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  /** Place on the waiting list (1 = next), 0 when not waiting. */
  waitingRank: z.number(),
  checkedInAt: z.string(),
  checkedOutAt: z.string(),
  /** Attendance counted (checked in, and out where the session asks). */
  attended: z.boolean(),
})

export const SessionView = z.object({
  id: z.string(),
  courseId: z.string(),
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  venue: z.string(),
  address: z.string(),
  location: Coordinate.nullable(),
  capacity: z.number(),
  confirmed: z.number(),
  waiting: z.number(),
  signupOpensAt: z.string(),
  signupClosesAt: z.string(),
  materials: z.string(),
  checkOut: z.boolean(),
  minutes: z.number(),
  status: z.enum(['draft', 'published', 'cancelled']),
  phase: z.enum(['upcoming', 'open', 'closed', 'over']),
  mine: MyTrainingSignup.nullable(),
})
export type SessionView = z.infer<typeof SessionView>

export const CourseView = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(TRAINING_KINDS),
  audience: z.enum(TRAINING_AUDIENCES),
  department: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  description: z.string(),
  requiredSessions: z.number(),
  parts: z.array(z.object({ id: z.string(), title: z.string(), minutes: z.number(), link: z.string(), done: z.boolean() })),
  status: z.enum(['draft', 'published', 'cancelled']),
  sessionCount: z.number(),
  /** The first session's date ('' none yet). */
  firstDate: z.string(),
  /** The caller may edit it (an admin within reach). */
  canManage: z.boolean(),
  /** The caller's certificate code once completed ('' not yet). */
  certificateCode: z.string(),
})
export type CourseView = z.infer<typeof CourseView>

export const RosterItem = SignupRowBase.extend({
  checkedOutAt: z.string(),
  checkInMethod: z.enum(['code', 'list']).nullable(),
  attended: z.boolean(),
})
export type RosterItem = z.infer<typeof RosterItem>

export const TrainingCertificateView = z.object({
  code: z.string(),
  /** The name partly masked (林*雨). */
  name: z.string(),
  courseTitle: z.string(),
  kind: z.enum(TRAINING_KINDS),
  department: z.string(),
  hours: z.number(),
  sessions: z.array(z.object({ title: z.string(), date: z.string() })),
  completedAt: z.string(),
  /** When the certificate was withdrawn (attendance undone below the requirement); '' while it stands. */
  revokedAt: z.string(),
})
export type TrainingCertificateView = z.infer<typeof TrainingCertificateView>

export const RecordItem = z.object({
  courseId: z.string(),
  title: z.string(),
  kind: z.enum(TRAINING_KINDS),
  attendedSessions: z.number(),
  requiredSessions: z.number(),
  partsDone: z.number(),
  partsTotal: z.number(),
  hours: z.number(),
  completed: z.boolean(),
  certificateCode: z.string(),
})
export type RecordItem = z.infer<typeof RecordItem>

const CheckInResult = z.object({ courseTitle: z.string(), sessionTitle: z.string(), at: z.string(), direction: z.enum(['in', 'out']), attended: z.boolean(), completed: z.boolean() })
const doorCode = z.string({ error: '请扫描现场的签到码' }).describe('签到码').trim().max(120, '签到码无效').regex(TRAINING_DOOR_CODE, '这不是培训现场的签到码')

const admins = ['city_admin', 'county_admin'] as const
const learners = ['volunteer', 'rural_youth'] as const

export const training = {
  list: action({
    summary: '培训课程列表（报名者看到面向自己的已发布课程；团委管理本级的全部课程）',
    input: PageInput.extend({ kind: z.enum(TRAINING_KINDS).describe('培训类别').optional(), manage: z.boolean().describe('管理视图').default(false) }),
    output: pageOf(CourseView),
    access: { who: 'signed_in' },
  }),
  get: action({
    summary: '查看一门课程及其场次',
    input: z.object({ id: courseId }),
    output: z.object({ course: CourseView, sessions: z.array(SessionView) }),
    access: { who: 'signed_in' },
  }),
  save: action({
    summary: '新建或修改培训课程',
    silent: '课程资料的维护；发布或取消时另行处理通知',
    input: CourseInput,
    output: CourseView,
    access: { who: admins, objects: 'county' },
    moderate: ['title', 'department', 'description'],
  }),
  saveSession: action({
    summary: '新增或修改课程的场次（时间、地点、名额、报名时间、资料）',
    silent: '场次资料的维护；名额增加时候补递补者会收到通知',
    input: SessionInput,
    output: SessionView,
    access: { who: admins, objects: 'county' },
    moderate: ['title', 'venue', 'address', 'materials'],
  }),
  setStatus: action({
    summary: '发布或取消课程（取消时通知已报名者）',
    input: z.object({ id: courseId, status: z.enum(['published', 'cancelled'], { error: '请选择状态' }).describe('状态'), reason: freeText('理由', 200).default('') }),
    output: CourseView,
    access: { who: admins, objects: 'county' },
  }),
  signUp: action({
    summary: '报名一场培训（已满时进入候补）',
    input: z.object({ sessionId }),
    output: z.object({ session: SessionView }),
    access: { who: learners, objects: 'own' },
  }),
  cancel: action({
    summary: '取消培训报名（候补第一位自动递补）',
    silent: '本人操作，结果当场显示在本人的页面上；因此从候补递补的人会收到通知',
    input: z.object({ sessionId, reason: freeText('原因', 200).default('') }),
    output: z.object({ session: SessionView }),
    access: { who: learners, objects: 'own' },
  }),
  mine: action({
    summary: '我报名的培训场次',
    input: PageInput,
    output: z.object({ items: z.array(SessionView.extend({ courseTitle: z.string(), kind: z.enum(TRAINING_KINDS) })), total: z.number() }),
    access: { who: learners, objects: 'own' },
  }),
  doorCode: action({
    summary: '场次现场签到码（每 30 秒更换，过期不能再用）',
    input: z.object({ sessionId }),
    output: z.object({ code: z.string(), expiresAt: z.string(), refreshInSeconds: z.number(), title: z.string() }),
    access: { who: admins, objects: 'county' },
  }),
  checkIn: action({
    summary: '扫描现场签到码签到或签退（签退用于需要签退的长课）',
    silent: '本人操作，结果当场显示在本人的页面上；完成课程时另行通知证书可领取',
    input: z.object({ code: doorCode, direction: z.enum(['in', 'out']).describe('签到或签退').default('in') }),
    output: CheckInResult,
    access: { who: learners, objects: 'own' },
  }),
  markAttendance: action({
    summary: '按名单登记出勤或撤销出勤（为不便用手机的学员；留痕；撤销后不再达到结业要求的，结业证书随之撤销）',
    input: z.object({
      sessionId,
      signupIds: z.array(signupId).describe('学员').min(1, '请选择学员').max(50, '一次最多登记 50 人'),
      present: z.boolean({ error: '请选择出勤或缺勤' }).describe('出勤'),
      reason: freeText('说明', 100).default(''),
    }),
    output: z.object({ changed: z.number(), completed: z.number(), revoked: z.number() }),
    access: { who: admins, objects: 'county' },
  }),
  roster: action({
    summary: '场次报名名单与出勤（按报名与候补顺序；可按姓名或手机尾号查找）',
    input: PageInput.extend({
      sessionId,
      status: z.enum(SIGNUP_STATUSES).describe('状态').optional(),
      keyword: z.string({ error: '请输入姓名或手机尾号' }).describe('姓名或手机尾号').trim().max(20, '姓名或手机尾号最多 20 个字').optional(),
    }),
    output: z.object({ items: z.array(RosterItem), total: z.number(), attended: z.number() }),
    access: { who: admins, objects: 'county' },
  }),
  completePart: action({
    summary: '线上课程：学完一个课时',
    silent: '本人操作，结果当场显示在本人的页面上；学完全部课时时另行通知证书可领取',
    input: z.object({ courseId, partId }),
    output: z.object({ course: CourseView }),
    access: { who: learners, objects: 'own' },
  }),
  records: action({
    summary: '我的学习记录：参加的培训、学时与结业情况（培训学时与志愿服务时长分开计算）',
    input: z.object({}),
    output: z.object({ items: z.array(RecordItem), hours: z.number(), completed: z.number() }),
    access: { who: learners, objects: 'own' },
  }),
  certificate: action({
    summary: '我的结业证书（带核验码）',
    input: z.object({ courseId }),
    output: TrainingCertificateView,
    access: { who: learners, objects: 'own' },
  }),
  verify: action({
    summary: '核验一份培训结业证书',
    input: z.object({ code: z.string({ error: '请输入核验码' }).describe('核验码').trim().toUpperCase().regex(/^T[2-9A-HJ-NP-Z]{11}$/, '核验码应为 T 开头的 12 位字母或数字') }),
    output: TrainingCertificateView,
    access: { who: 'anyone' },
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  /** Reports (issue 22 item 5): types/training-report.ts. */
  ...trainingReportActions,
}
