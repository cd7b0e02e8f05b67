// The `dashboard` function: the league's figures for a place and a period, each beside the same
// period a year earlier — volunteers, service hours, stations, perks, loans and job fairs — for the
// city admin (any place), a county admin (their county) and township staff (their township).
import { action, date } from './common'
import { dayjs } from './time'
import { LOAN_STATUSES, MERCHANT_CATEGORIES, PROJECT_TYPES } from './vocabulary'
import * as z from './zod'

export const DASHBOARD_LEVELS = ['city', 'county', 'township'] as const
export type DashboardLevel = (typeof DASHBOARD_LEVELS)[number]

/** A volunteer whose term ends within this many days of the reference day is 即将期满. */
export const TERM_ENDING_DAYS = 90


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

export const DashboardOverview = z.object({
  scope: z.object({ level: z.enum(DASHBOARD_LEVELS), code: z.string(), name: z.string() }),
  period: Span,
  /** The same days a year earlier (29 February becomes the 28th). */
  lastYearPeriod: Span,
  computedAt: z.string(),
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

// ---- the one-page summary ------------------------------------------------------------------
// Written as the league's reports state their figures (服务镇街 N 个、在岗志愿者 N 名、累计服务
// N 小时、发放贷款 N 笔 N 万元、带动就业 N 人、帮扶 N 户…): the page shows and copies it, and it is
// the workbook's first sheet. Pure, so the page and the function say the same words.

/** A date as the reports write it: 2025年3月1日. */
const dateWords = (ymd: string) => `${Number(ymd.slice(0, 4))}年${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`

/** The period in words: 2025年3月1日至8月31日 (the year once when both days share it). */
export function periodWords(span: { from: string; to: string }): string {
  const to = span.to.slice(0, 4) === span.from.slice(0, 4) ? dateWords(span.to).replace(/^\d+年/, '') : dateWords(span.to)
  return `${dateWords(span.from)}至${to}`
}

/** Minutes as whole hours, or one decimal below ten (reports round hours). */
export const summaryHours = (minutes: number) => (minutes >= 600 ? String(Math.round(minutes / 60)) : String(Math.round(minutes / 6) / 10))

/** Fen as 万元 with two decimals (12 345 678 fen → 12.35). */
export const summaryWan = (fen: number) => (fen / 1_000_000).toFixed(2)

/** Fen as 元 with two decimals. */
export const summaryYuan = (fen: number) => (fen / 100).toFixed(2)

/** How a figure compares with the same period last year, in words (empty when neither has any). */
function versus(current: number, lastYear: number, unit: string, show: (n: number) => string = String): string {
  if (lastYear === 0) return current === 0 ? '' : '（去年同期无）'
  const pct = Math.round(((current - lastYear) / lastYear) * 1000) / 10
  const change = pct === 0 ? '持平' : pct > 0 ? `增长${pct}%` : `下降${Math.abs(pct)}%`
  return `（去年同期${show(lastYear)}${unit}，${change}）`
}

/** Townships with volunteers in post on the reference day (服务镇街). */
export const townshipsServed = (o: DashboardOverview) => o.volunteers.byTownship.filter((t) => t.inPost > 0).length

/**
 * The summary as paragraphs: a title, then volunteers and service, stations, perks (not for a
 * township), loans and the subsidy, job fairs. Every figure is the overview's own.
 */
export function summaryParagraphs(o: DashboardOverview): string[] {
  const v = o.volunteers
  const h = o.hours
  const l = o.loans
  const f = o.fairs
  const served = o.scope.level === 'township' ? '' : `服务镇街${townshipsServed(o)}个，`
  const out = [
    `${o.scope.name}共青团乡村振兴工作情况（${periodWords(o.period)}）`,
    `一、志愿服务。截至${dateWords(v.asOf)}，${o.scope.name}${served}在岗志愿者${v.inPost.current}名${versus(v.inPost.current, v.inPost.lastYear, '名')}，其中${TERM_ENDING_DAYS}天内期满${v.endingSoon.current}名，已期满${v.finished.current}名。期间累计服务${summaryHours(h.periodMinutes.current)}小时${versus(h.periodMinutes.current, h.periodMinutes.lastYear, '小时', summaryHours)}，本年累计服务${summaryHours(h.yearMinutes.current)}小时，历年累计服务${summaryHours(h.totalMinutes)}小时、参与志愿者${h.volunteers}名；达到一星及以上的志愿者${h.stars.filter((s) => s.star > 0).reduce((n, s) => n + s.volunteers, 0)}名。`,
    `二、驿站阵地。在用志愿服务驿站${o.stations.active}个，期间有签到的驿站${o.stations.used.current}个，签到服务${o.stations.sessions.current}次${versus(o.stations.sessions.current, o.stations.sessions.lastYear, '次')}。`,
  ]
  if (o.perks) out.push(`三、爱心商家。期间志愿者在爱心商家享受优惠${o.perks.redemptions.current}次${versus(o.perks.redemptions.current, o.perks.redemptions.lastYear, '次')}，涉及商家${o.perks.byMerchant.filter((m) => m.count > 0).length}家。`)
  const n = o.perks ? ['四', '五'] : ['三', '四']
  out.push(
    `${n[0]}、创业贴息贷款。期间受理贷款申请${l.applications.current}笔，发放贷款${l.loans.current}笔${summaryWan(l.lentFen.current)}万元${versus(l.lentFen.current, l.lentFen.lastYear, '万元', summaryWan)}，带动就业${l.jobsCreated.current}人，帮扶${l.householdsHelped.current}户；核准贴息${summaryYuan(l.subsidyApprovedFen.current)}元，拨付贴息${summaryYuan(l.subsidyPaidFen.current)}元。`,
    `${n[1]}、岗位对接。期间举办乡村振兴志愿者岗位对接会${f.fairs.current}场，报名${f.signups.current}人次、到场${f.attended.current}人次，达成录用意向${f.offered.current}人，入职${f.hired.current}人，其中在清远本地就业${f.hiredLocal.current}人。`,
  )
  return out
}
