// The `service` function: check-in and check-out at stations, make-up requests and appeals,
// township approval (one by one or in batches), hours and star levels, service records.
import { action, CloudFileId, freeText, PageInput, text } from './common'
import { isRealDate } from './personal'
import { ExportJob, JobId, JobPace } from './jobs'
import { MAX_RECORD_MINUTES, ZERO_CREDIT_MESSAGE } from './credit-rules'
import { Coordinate } from './station'
import * as z from './zod'
import { FLAGS, SESSION_SOURCES, SESSION_STATUSES } from './vocabulary'

export { FLAG_LABELS, FLAGS, SESSION_STATUS_LABELS, SESSION_STATUSES, type Flag, type SessionStatus } from './vocabulary'

/** A location reading as wx.getLocation gives it. */
export const Reading = Coordinate.extend({
  accuracy: z.number({ error: '缺少定位精度' }).describe('定位精度').min(0, '定位精度无效').max(100_000, '定位精度无效'),
})
export type Reading = z.infer<typeof Reading>

/**
 * A reading for a check-in, with when it was taken (ms since the epoch, the phone's clock): without
 * a kiosk code the position is the only proof of presence, so it must be fresh.
 */
export const CheckInReading = Reading.extend({
  at: z.number({ error: '缺少定位时间' }).describe('定位时间').int('定位时间无效').min(0, '定位时间无效').optional(),
})
export type CheckInReading = z.infer<typeof CheckInReading>

/** A client-made id that makes a retried or double-tapped request count once. */
const requestId = z.string({ error: '缺少请求编号' }).describe('请求编号').regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效')
/** `<userId>:<requestId>` (or `<userId>:mk…` for a make-up), as the function makes them. */
const sessionId = z.string({ error: '缺少服务记录' }).describe('服务记录').regex(/^[0-9a-f]{16,40}:[A-Za-z0-9_-]{8,64}$/, '服务记录编号无效')
const ymd = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .describe(label)
    .refine(isRealDate, `${label}不是有效日期`)
const hhmm = (label: string) => z.string({ error: `请选择${label}` }).describe(label).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 08:30`)

export const SessionView = z.object({
  id: z.string(),
  status: z.enum(SESSION_STATUSES),
  stationId: z.string(),
  stationName: z.string(),
  townshipName: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  /** Service time by Shanghai calendar day (a session over midnight is split). */
  days: z.array(z.object({ date: z.string(), minutes: z.number() })),
  minutes: z.number(),
  /** The credited minutes an approver set, when adjusted. */
  adjustedMinutes: z.number().nullable(),
  flags: z.array(z.enum(FLAGS)),
  source: z.enum(SESSION_SOURCES),
  note: z.string(),
  decisionReason: z.string(),
  reviewedAt: z.string().nullable(),
})
export type SessionView = z.infer<typeof SessionView>

/** A check-out less than a minute after the check-in: nothing to credit, so no record is kept. */
export const DiscardedCheckOut = z.object({
  status: z.literal('discarded'),
  stationName: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string(),
  message: z.string(),
})
export type DiscardedCheckOut = z.infer<typeof DiscardedCheckOut>

/** A session in the township's approval queue: the volunteer named, nothing more personal. */
export const QueueItem = SessionView.extend({
  volunteerName: z.string(),
  volunteerUserId: z.string(),
  /** The most the caller may credit by adjusting: the record's own span for township staff; a county or the city may credit more. */
  maxCreditMinutes: z.number(),
})
export type QueueItem = z.infer<typeof QueueItem>

export const HoursView = z.object({
  approvedMinutes: z.number(),
  pendingMinutes: z.number(),
  star: z.number(),
  nextStarHours: z.number().nullable(),
  thresholdsHours: z.array(z.number()),
  months: z.array(z.object({ month: z.string(), minutes: z.number() })),
  byStation: z.array(z.object({ stationName: z.string(), minutes: z.number() })),
})
export type HoursView = z.infer<typeof HoursView>

export const CertificateView = z.object({
  code: z.string(),
  /** The name partly masked (林*雨) and the township: enough to recognise, not to identify. */
  volunteerName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  approvedHours: z.number(),
  star: z.number(),
  byStation: z.array(z.object({ stationName: z.string(), hours: z.number() })),
  byMonth: z.array(z.object({ month: z.string(), hours: z.number() })),
  issuedAt: z.string(),
  /** Posts held (职务, recorded by the league), as of issue: to null while held. */
  posts: z.array(z.object({ title: z.string(), from: z.string(), to: z.string().nullable() })),
})
export type CertificateView = z.infer<typeof CertificateView>

const decisionIds = z.array(sessionId).describe('服务记录').min(1, '请选择服务记录').max(100, '一次最多处理 100 条')

export const service = {
  checkIn: action({
    summary: '驿站签到（驿站开放时间内；没有现场签到码时须是刚获取的定位，与驿站坐标完全相同的定位标注待审核）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z
      .object({
        requestId,
        stationId: z.string({ error: '缺少驿站' }).describe('驿站').regex(/^[A-Za-z0-9_-]{4,28}$/, '驿站编号无效'),
        /** The rotating code scanned from the station's kiosk phone, when that is how the volunteer came. */
        kioskCode: z.string().describe('现场签到码').max(120).optional(),
        via: z.enum(['scan', 'kiosk', 'nearby']).describe('签到方式').default('scan'),
        reading: CheckInReading,
      })
      .refine((c) => c.kioskCode !== undefined || c.reading.at !== undefined, { message: '缺少定位时间，请重新定位后再签到（或扫描驿站的现场签到码）', path: ['reading', 'at'] }),
    output: SessionView,
    access: { who: ['volunteer'], objects: 'own' },
  }),
  checkOut: action({
    summary: '签退',
    silent: '本人操作，结果当场显示在本人的页面上；审核结果会通知本人',
    input: z.object({ requestId, reading: Reading.nullable() }),
    output: z.union([SessionView, DiscardedCheckOut]),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  current: action({
    summary: '我正在进行的服务（未签退）',
    input: z.object({}),
    output: SessionView.nullable(),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  history: action({
    summary: '我的服务记录',
    input: PageInput.extend({
      status: z.enum(SESSION_STATUSES).optional(),
      /** A record to show on its own (a notice links to it), when it is the caller's. */
      focus: z.string().min(1).max(64).describe('服务记录').optional(),
    }),
    output: z.object({ items: z.array(SessionView), total: z.number(), focused: SessionView.nullable() }),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  allowance: action({
    summary: '本月还可补签和申诉的次数',
    input: z.object({}),
    output: z.object({ month: z.string(), perMonth: z.number(), used: z.number(), left: z.number() }),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  hours: action({
    summary: '我的服务时长与星级',
    input: z.object({}),
    output: HoursView,
    access: { who: ['volunteer'], objects: 'own' },
  }),
  makeup: action({
    summary: '补签（室内无信号、手机没电等无法签到签退时）',
    silent: '本人操作，结果当场显示在本人的页面上；审核结果会通知本人',
    input: z
      .object({
        stationId: z.string({ error: '请选择驿站' }).describe('驿站').regex(/^[A-Za-z0-9_-]{4,28}$/, '请选择驿站'),
        date: ymd('服务日期'),
        start: hhmm('开始时间'),
        end: hhmm('结束时间'),
        reason: text('补签原因', 200, 4),
        photoFileId: CloudFileId.describe('证明照片').optional(),
      })
      .refine((m) => m.end > m.start, { message: '结束时间应晚于开始时间', path: ['end'] }),
    output: SessionView,
    access: { who: ['volunteer'], objects: 'own' },
    moderate: ['reason'],
  }),
  appeal: action({
    summary: '对未通过或被调整的记录申诉',
    silent: '本人操作，结果当场显示在本人的页面上；重新审核的结果会通知本人',
    input: z.object({ sessionId, reason: text('申诉理由', 200, 4) }),
    output: SessionView,
    access: { who: ['volunteer'], objects: 'own' },
    moderate: ['reason'],
  }),
  queue: action({
    summary: '待审核的服务记录（本镇街）',
    input: PageInput.extend({
      status: z.enum(['pending', 'needs_review', 'approved', 'rejected']).describe('状态').default('pending'),
      townshipCode: z.string().describe('镇街').regex(/^\d{9}$/, '镇街无效').optional(),
      flaggedOnly: z.boolean().default(false),
      /** Part of the volunteer's name. */
      name: z.string().describe('姓名').trim().max(20, '姓名最多 20 个字').optional(),
      /** The Shanghai day the service began. */
      date: z.string().describe('日期').regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
      pageSize: z.number().int().min(1).max(100, '每页最多 100 条').default(50),
    }),
    output: z.object({ items: z.array(QueueItem), total: z.number() }),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
  }),
  decide: action({
    summary: '通过或驳回服务记录（可批量，最多 100 条）',
    input: z
      .object({ ids: decisionIds, decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }).describe('审核结果'), reason: freeText('理由', 200).optional() })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, { message: '驳回时请填写理由（至少 2 个字）', path: ['reason'] }),
    output: z.object({ decided: z.number(), skipped: z.array(z.object({ id: z.string(), message: z.string() })) }),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
    moderate: ['reason'],
  }),
  adjust: action({
    summary: '调整一条记录的计入时长（须填写理由）',
    input: z.object({
      id: sessionId,
      minutes: z.number({ error: '请填写计入时长' }).describe('计入时长（分钟）').int().min(1, ZERO_CREDIT_MESSAGE).max(MAX_RECORD_MINUTES, '时长不能超过 24 小时'),
      reason: text('调整理由', 200, 2),
    }),
    output: QueueItem,
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
    moderate: ['reason'],
  }),
  certificate: action({
    summary: '生成我的志愿服务证明（带核验码）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({}),
    output: CertificateView,
    access: { who: ['volunteer'], objects: 'own' },
    rateLimit: { max: 20, windowSeconds: 86400 },
  }),
  verify: action({
    summary: '核验一份志愿服务证明',
    input: z.object({ code: z.string({ error: '请输入核验码' }).describe('核验码').trim().toUpperCase().regex(/^[2-9A-HJ-NP-Z]{12}$/, '核验码应为 12 位字母或数字') }),
    output: CertificateView,
    access: { who: 'anyone' },
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  report: action({
    summary: '志愿者服务时长汇总（镇街 / 县）',
    input: PageInput.extend({
      townshipCode: z.string().describe('镇街').regex(/^\d{9}$/, '镇街无效').optional(),
      countyCode: z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效').optional(),
      month: z.string().describe('月份').regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11').optional(),
    }),
    output: z.object({
      month: z.string(),
      items: z.array(z.object({ userId: z.string(), name: z.string(), townshipName: z.string(), monthMinutes: z.number(), totalMinutes: z.number(), star: z.number() })),
      total: z.number(),
      /** Up to when the figures run, when read from the hours rollup (the city, one county): exact as of then; null: read live, exact to the moment. */
      rolledUpAt: z.string().nullable(),
    }),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
  }),
  exportReport: action({
    summary: '导出服务时长汇总（Excel）：一个镇街当场生成；县、全市在后台分批生成，带 jobId 再次调用查看进度（只能查看自己发起的导出）',
    silent: '本人操作，进度与文件当场显示在本人的页面上',
    input: z.object({
      townshipCode: z.string().describe('镇街').regex(/^\d{9}$/, '镇街无效').optional(),
      countyCode: z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效').optional(),
      month: z.string().describe('月份').regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11').optional(),
      /** An export already started: where it stands (the other fields are not read). */
      jobId: JobId.optional(),
      pace: JobPace.optional(),
    }),
    output: ExportJob,
    // Starting an export is limited (30 an hour, in the function); asking how one goes is not.
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
  }),
}
