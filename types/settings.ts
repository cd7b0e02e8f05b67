// The `settings` function: every number a rule uses is configuration the city admin can change
// (DOMAIN.md), with these defaults.
import { action, integer, text } from './common'
import { DEFAULT_CARE_VISIT_INTERVAL_DAYS } from './care-rules'
import { DEFAULT_COARSE_ACCURACY_M } from './geo-rules'
import { DEFAULT_GRID_DUE_HOURS, dueHoursProblem, GRID_DUE_HOURS_BOUNDS } from './grid-rules'
import { OVERDUE_SUBSIDY_RULES } from './loan-rules'
import { PROJECT_TYPES } from './vocabulary'
import { RADIUS_RULE } from './station-rules'
import * as z from './zod'

/** Where people call with questions about the programmes: shown under 帮助与咨询 on each programme's home. */
export const HelpLine = z.object({
  name: text('咨询单位', 30, 2),
  /** A landline (0763-3362001) or a mobile; empty until the league sets one. */
  phone: z.string().describe('咨询电话').trim().regex(/^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9})?$/, '咨询电话应为座机（如 0763-3362001）或手机号'),
  hours: text('接听时间', 40, 2),
})
export type HelpLine = z.infer<typeof HelpLine>

export const Settings = z.object({
  /** Credited service time per volunteer per Shanghai calendar day, in minutes. */
  dailyCapMinutes: z.number().describe('每日时长上限（分钟）').int().min(60, '每日上限至少 60 分钟').max(24 * 60, '每日上限不能超过 24 小时'),
  /** The check-in radius a new station gets, in metres. */
  defaultRadiusM: integer({ ...RADIUS_RULE, label: '默认签到半径（米）' }),
  /** A location reading less precise than this (metres) is accepted but flagged as coarse. */
  coarseAccuracyM: z.number().describe('定位精度告警阈值（米）').int().min(50).max(5000),
  /** A session longer than this (minutes) is flagged as unusually long. */
  longSessionMinutes: z.number().describe('超长时长告警（分钟）').int().min(60).max(24 * 60),
  /** Make-up requests and appeals a volunteer may file per Shanghai calendar month. */
  makeupsPerMonth: z.number().describe('每月补签与申诉次数').int().min(0).max(31),
  /** The most a micro-loan may be, in fen (500,000 yuan by default). */
  loanCeilingFen: z.number().describe('贷款额度上限（分）').int().min(100_000, '额度上限至少 1000 元').max(1_000_000_000),
  /** Subsidy is paid at the actual rate up to the LPR plus this many basis points. */
  subsidySpreadBp: z.number().describe('贴息上浮（基点）').int().min(0).max(1000),
  /** The day count of subsidy interest: 360 (the rule) or 365 (some banks' convention). */
  subsidyDayBasis: z.union([z.literal(360), z.literal(365)]).describe('计息天数基准'),
  /**
   * What an overdue loan loses: the subsidy of the days it was overdue (the seeds and DOMAIN are
   * silent; this is the lighter reading), or that of every period it was overdue in.
   */
  overdueSubsidyRule: z.enum(OVERDUE_SUBSIDY_RULES, { error: '请选择逾期贴息规则' }).describe('逾期贴息规则'),
  /** Who may apply for a micro-loan: age in whole years on the day of application (inclusive bounds). */
  loanAgeMin: z.number({ error: '请填写申请年龄下限' }).describe('申请年龄下限（周岁）').int('年龄应为整数').min(16, '申请年龄下限不能低于 16 周岁').max(70, '申请年龄下限不能高于 70 周岁'),
  loanAgeMax: z.number({ error: '请填写申请年龄上限' }).describe('申请年龄上限（周岁）').int('年龄应为整数').min(16, '申请年龄上限不能低于 16 周岁').max(70, '申请年龄上限不能高于 70 周岁'),
  /**
   * An approval the bank has not disbursed within this many days (Shanghai dates) lapses: the
   * daily check ends it and the applicant may apply again.
   */
  loanDisbursementWindowDays: z
    .number({ error: '请填写放款期限' })
    .describe('银行批准后放款期限（天）')
    .int('放款期限应为整数天')
    .min(7, '放款期限不能少于 7 天')
    .max(365, '放款期限不能超过 365 天'),
  /** 探访慰问: a volunteer in post not visited for more than this many days is on the league's 未探访 list. */
  careVisitIntervalDays: z
    .number({ error: '请填写探访周期' })
    .describe('探访周期（天）')
    .int('探访周期应为整数天')
    .min(7, '探访周期不能少于 7 天')
    .max(365, '探访周期不能超过 365 天'),
  /**
   * After a volunteer's service term ends (期满), this many days (Shanghai dates) they may still
   * check in at stations and use perks; after it both are refused (types/term.ts).
   */
  termGraceDays: z
    .number({ error: '请填写服务期满宽限天数' })
    .describe('服务期满宽限天数')
    .int('宽限天数应为整数')
    .min(0, '宽限天数不能为负')
    .max(365, '宽限天数不能超过 365 天'),
  /** The project types the league funds this year. */
  loanProjectTypes: z
    .array(z.enum(PROJECT_TYPES, { error: '项目类型无效' }))
    .describe('支持的项目类型')
    .min(1, '至少支持一种项目类型')
    .refine((t) => new Set(t).size === t.length, '项目类型不能重复'),
  /** Cumulative approved hours for 1★ … 5★. */
  helpLine: HelpLine.describe('帮助与咨询'),
  starThresholdsHours: z
    .array(z.number().int().min(1).max(100_000))
    .describe('星级时长门槛（小时）')
    .length(5, '需要 5 个星级门槛')
    .refine((t) => t.every((h, i) => i === 0 || h > t[i - 1]), '星级门槛应逐级递增'),
  /** 志愿网格员: hours from a report to its due time, per urgency (types/grid-rules.ts); an open matter past it is overdue. */
  gridDueHours: z
    .object({
      normal: z.number({ error: '请填写一般事项的办理时限' }).describe('一般事项办理时限（小时）').int('时限应为整数小时').min(GRID_DUE_HOURS_BOUNDS.min, '办理时限至少 1 小时').max(GRID_DUE_HOURS_BOUNDS.max, '办理时限不能超过 720 小时'),
      pressing: z.number({ error: '请填写较急事项的办理时限' }).describe('较急事项办理时限（小时）').int('时限应为整数小时').min(GRID_DUE_HOURS_BOUNDS.min, '办理时限至少 1 小时').max(GRID_DUE_HOURS_BOUNDS.max, '办理时限不能超过 720 小时'),
      urgent: z.number({ error: '请填写紧急事项的办理时限' }).describe('紧急事项办理时限（小时）').int('时限应为整数小时').min(GRID_DUE_HOURS_BOUNDS.min, '办理时限至少 1 小时').max(GRID_DUE_HOURS_BOUNDS.max, '办理时限不能超过 720 小时'),
    })
    .describe('网格事项办理时限')
    .refine((h) => !dueHoursProblem(h), { message: '办理时限应为紧急 ≤ 较急 ≤ 一般', path: ['urgent'] }),
})
export type Settings = z.infer<typeof Settings>


export const DEFAULT_SETTINGS: Settings = {
  dailyCapMinutes: 8 * 60,
  defaultRadiusM: 300,
  coarseAccuracyM: DEFAULT_COARSE_ACCURACY_M,
  longSessionMinutes: 10 * 60,
  makeupsPerMonth: 3,
  loanCeilingFen: 500_000 * 100,
  subsidySpreadBp: 120,
  subsidyDayBasis: 360,
  overdueSubsidyRule: 'forfeit_overdue_days',
  // Rural youth (农村青年) as the league's entrepreneurship programmes count them: 18 to 45.
  loanAgeMin: 18,
  loanAgeMax: 45,
  loanProjectTypes: [...PROJECT_TYPES],
  // Three months: long enough for a bank's own checks, short enough that an approval does not hold the applicant's one loan forever.
  loanDisbursementWindowDays: 90,
  // A month to finish what is under way (a last check-in, a perk already promised) after the term ends.
  termGraceDays: 30,
  // A visit a quarter, as the league's routine of care asks.
  careVisitIntervalDays: DEFAULT_CARE_VISIT_INTERVAL_DAYS,
  helpLine: { name: '清远团市委乡村振兴项目办', phone: '', hours: '工作日 9:00–12:00，14:30–17:30' },
  // The national convention for star volunteers.
  starThresholdsHours: [100, 300, 600, 1000, 1500],
  // 紧急 within 4 hours, 较急 within a day, 一般 within three days.
  gridDueHours: { ...DEFAULT_GRID_DUE_HOURS },
}

export const settings = {
  get: action({
    summary: '查看业务参数',
    input: z.object({}),
    output: Settings,
    access: { who: 'signed_in' },
  }),
  update: action({
    summary: '修改业务参数（团市委）',
    silent: '团市委调整全市业务参数，不针对某个人；改动记入审计',
    input: Settings.partial().refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的参数', path: ['dailyCapMinutes'] }),
    output: Settings,
    access: { who: ['city_admin'], objects: 'city' },
  }),
}

/** The star level (0–5) for approved hours, and what the next one needs. */
export function starLevel(hours: number, thresholds: readonly number[]): { star: number; next: number | null } {
  const star = thresholds.filter((t) => hours >= t).length
  return { star, next: star < thresholds.length ? thresholds[star] : null }
}
