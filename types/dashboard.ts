// The `dashboard` function: the league's figures for a place and a period, each beside the same
// period a year earlier — volunteers, service hours, stations, perks, loans and job fairs — for the
// city admin (any place), a county admin (their county) and township staff (their township).
import { action, date } from './common'
import { dayjs } from './time'
import { LOAN_STATUSES, MERCHANT_CATEGORIES, PROJECT_TYPES } from './vocabulary'
import * as z from './zod'

export const DASHBOARD_LEVELS = ['city', 'county', 'township'] as const
export type DashboardLevel = (typeof DASHBOARD_LEVELS)[number]

export { TERM_ENDING_DAYS } from './dashboard-summary'


const scope = z
  .object({
    level: z.enum(DASHBOARD_LEVELS, { error: '请选择范围：全市、县（市、区）或镇街' }).describe('范围'),
    code: z.string({ error: '请选择县（市、区）或镇街' }).describe('县（市、区）或镇街代码').optional(),
  })
  .superRefine((s, ctx) => {
    if (s.level === 'city' && s.code !== undefined) ctx.addIssue({ code: 'custom', message: '全市范围不需要代码', path: ['code'] })
    if (s.level === 'county' && !/^\d{6}$/.test(s.code ?? '')) ctx.addIssue({ code: 'custom', message: '请选择县（市、区）（6 位代码）', path: ['code'] })
    if (s.level === 'township' && !/^\d{9}$/.test(s.code ?? '')) ctx.addIssue({ code: 'custom', message: '请选择镇街（9 位代码）', path: ['code'] })
  })
  .describe('范围')

const period = z
  .object({ from: date('开始日期'), to: date('结束日期') })
  .superRefine((p, ctx) => {
    if (p.to < p.from) ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期', path: ['to'] })
    // At most a year, so the period and the same period a year earlier never share a day.
    else if (dayjs(p.to).subtract(1, 'year').format('YYYY-MM-DD') >= p.from) ctx.addIssue({ code: 'custom', message: '统计期间最长一年，请缩短后再试', path: ['to'] })
  })
  .describe('统计期间')

/** A figure for the period and for the same period a year earlier. */
const Figure = z.object({ current: z.number(), lastYear: z.number() })
export type DashboardFigure = z.infer<typeof Figure>

const overviewInput = z.object({ scope, period })

const Span = z.object({ from: z.string(), to: z.string() })

/**
 * Trainings and contests for the place and period (cloudfunctions/dashboard/training-card.ts):
 * attendances (person-times) and sign-ups of the place's learners at sessions held in the period,
 * and entries and awards of the contests the place holds (null for a township: contests are the
 * city's or a county's) created in the period.
 */
export const DashboardTrainingCard = z.object({
  personTimes: Figure,
  signups: Figure,
  minutes: Figure,
  contests: z.object({ contests: Figure, entries: Figure, awarded: Figure }).nullable(),
})
export type DashboardTrainingCard = z.infer<typeof DashboardTrainingCard>

export const DashboardOverview = z.object({
  scope: z.object({ level: z.enum(DASHBOARD_LEVELS), code: z.string(), name: z.string() }),
  period: Span,
  /** The same days a year earlier (29 February becomes the 28th). */
  lastYearPeriod: Span,
  computedAt: z.string(),
  /**
   * Up to when the hours and stations cards' figures run: the start of the hours rollup's last run
   * (cloudfunctions/_shared/rollups.ts; the city and a county read it), exact as of then; null when
   * the cards were aggregated live, exact to the moment (a township, or until the rollup is built).
   */
  rolledUpAt: z.string().nullable(),
  /**
   * Approved volunteer registrations as of the reference day (the period's end, or today if
   * that is later): in post (term begun and not ended), of those ending within TERM_ENDING_DAYS,
   * and finished (term ended). lastYear: as of the same day a year earlier.
   */
  volunteers: z.object({
    asOf: z.string(),
    inPost: Figure,
    endingSoon: Figure,
    finished: Figure,
    byTownship: z.array(z.object({ townshipCode: z.string(), townshipName: z.string(), inPost: z.number(), endingSoon: z.number(), finished: z.number() })),
  }),
  /**
   * Approved service minutes, each volunteer's day capped at the daily cap: in the period, in
   * the period's calendar year up to its end, and in total. A volunteer's minutes count to the
   * township they served in (the first by code, if several); star levels follow each volunteer's total.
   */
  hours: z.object({
    periodMinutes: Figure,
    yearMinutes: Figure,
    totalMinutes: z.number(),
    volunteers: z.number(),
    byTownship: z.array(z.object({ townshipCode: z.string(), townshipName: z.string(), volunteers: z.number(), periodMinutes: z.number(), yearMinutes: z.number(), totalMinutes: z.number() })),
    /** Volunteers with approved time, by star level (0: below the first threshold). */
    stars: z.array(z.object({ star: z.number(), volunteers: z.number() })),
    /**
     * Per calendar month the period touches (YYYY-MM, in order), the credited minutes of its days
     * within the period, and of the same days a year earlier: the trend chart's two series.
     */
    byMonth: z.array(z.object({ month: z.string(), minutes: z.number(), lastYear: z.number() })),
  }),
  /** Stations in the place, and approved sessions begun in the period at each. */
  stations: z.object({
    active: z.number(),
    used: Figure,
    sessions: Figure,
    byStation: z.array(z.object({ stationId: z.string(), stationName: z.string(), townshipName: z.string(), sessions: z.number(), volunteers: z.number(), minutes: z.number(), lastYearSessions: z.number() })),
  }),
  /**
   * Redemptions at merchants of the place (merchants are kept by county): null for a township,
   * whose merchants the data does not tell apart.
   */
  perks: z
    .object({
      redemptions: Figure,
      byMerchant: z.array(z.object({ merchantId: z.string(), merchantName: z.string(), category: z.enum(MERCHANT_CATEGORIES), countyName: z.string(), count: z.number(), lastYear: z.number() })),
      byCategory: z.array(z.object({ category: z.enum(MERCHANT_CATEGORIES), count: z.number(), lastYear: z.number() })),
      byCounty: z.array(z.object({ countyCode: z.string(), countyName: z.string(), count: z.number(), lastYear: z.number() })),
    })
    .nullable(),
  /**
   * Loans of projects in the place: applications sent in during the period (byStatus: where
   * they stand now), loans disbursed in it (amount, projects by type, jobs and households the
   * applications promised), subsidy approved in it (when the city approved the period) and
   * subsidy paid in it (the transfer's date).
   */
  loans: z.object({
    applications: Figure,
    byStatus: z.array(z.object({ status: z.enum(LOAN_STATUSES), count: z.number() })),
    loans: Figure,
    lentFen: Figure,
    jobsCreated: Figure,
    householdsHelped: Figure,
    subsidyApprovedFen: Figure,
    subsidyPaidFen: Figure,
    byType: z.array(z.object({ type: z.enum(PROJECT_TYPES), loans: z.number(), lentFen: z.number() })),
  }),
  /**
   * Job fairs held in the period (not cancelled) and the people of the place (as their résumé
   * gives it) who took part: signed up (not cancelled), attended, offered, hired, hired for a job
   * in Qingyuan; each person counted once per fair.
   */
  fairs: z.object({
    fairs: Figure,
    signups: Figure,
    attended: Figure,
    offered: Figure,
    hired: Figure,
    hiredLocal: Figure,
    /** The fairs held in the period, each with the figures of the people of the place, by date. */
    byFair: z.array(
      z.object({ fairId: z.string(), title: z.string(), date: z.string(), signups: z.number(), attended: z.number(), offered: z.number(), hired: z.number(), hiredLocal: z.number() }),
    ),
  }),
  /** Trainings (三训) and contests (两赛) of the place in the period: cloudfunctions/dashboard/training-card.ts. */
  training: DashboardTrainingCard,
})
export type DashboardOverview = z.infer<typeof DashboardOverview>

export const dashboard = {
  overview: action({
    summary: '工作看板：志愿者、服务时长、驿站、优惠、贷款、对接会（任意期间，附去年同期）',
    input: overviewInput,
    output: DashboardOverview,
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
  }),
  exportOverview: action({
    summary: '导出工作看板（Excel：一页摘要、各项数字及其明细）',
    input: overviewInput,
    output: z.object({ fileUrl: z.string(), fileName: z.string(), rows: z.number() }),
    access: { who: ['township_staff', 'county_admin', 'city_admin'], objects: 'township' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
}

// ---- for the programmes' own reports (types/training-report.ts): the same place and period ----
export { scope as DashboardScopeInput, period as DashboardPeriodInput }

