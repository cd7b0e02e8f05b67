// 工作看板：全市、县（市、区）或镇街在任意期间的工作数据，附去年同期。每张卡片由数据库上的一次聚合算出
// （驿站卡另有一次驿站计数），各卡片同时读取；期间与去年同期在同一次聚合里分组。
// 导出：同一视图的 Excel 工作簿，第一页为按团委工作报告写法的一页摘要，其后为各项数字与明细。
import { summaryParagraphs } from '../../types/dashboard-summary'
import { dashboard, TERM_ENDING_DAYS, type DashboardFigure, type DashboardLevel, type DashboardOverview } from '../../types/dashboard'
import type { Settings } from '../../types/settings'
import { dayjs, shanghaiDate, shanghaiDayStart } from '../../types/time'
import { LOAN_STATUS_LABELS, LOAN_STATUSES, MERCHANT_CATEGORIES, PROJECT_TYPE_LABELS, PROJECT_TYPES, type LoanStatus, type MerchantCategory, type ProjectType } from '../../types/vocabulary'
import { COLLECTIONS, type FairDoc, type LoanDoc, type RedemptionDoc, type RegistrationDoc, type SessionDoc, type StationDoc } from '../_shared/collections'
import { _, $, db } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, CITY, countyName, townshipOf } from '../_shared/divisions'
import { forbidden, invalid } from '../_shared/errors'
import { col, exportWorkbook, workbookName, type Sheet } from '../_shared/excel'
import { defineFunction } from '../_shared/handler'
import { COUNTED_DAY } from '../_shared/hours'
import { AGGREGATE_CAP } from '../_shared/paging'
import { minutesInSpans, readRollup, rollUpHours, rollupIn, sumBetween, withRollup, type RollupParts, type RollupPlace } from '../_shared/rollups'
import type { Aggregate, LookupPipeline } from '../_shared/db-types'
import { loadSettings } from '../_shared/settings'
import { trainingCard } from './training-card'

/** The place an overview covers, once the caller may see it. */
interface Place {
  level: DashboardLevel
  code: string
  name: string
  countyCode: string
  countyName: string
  townshipCode: string
  townshipName: string
}

/** The period and the same days a year earlier, as Shanghai dates and as the instants they begin and end. */
interface Periods {
  from: string
  to: string
  lastFrom: string
  lastTo: string
  /** The period's calendar year up to its end, and the same a year earlier. */
  yearFrom: string
  lastYearFrom: string
  /** The day volunteers' standing is read on (the period's end, but not after today), and a year earlier. */
  asOf: string
  lastAsOf: string
}

const YMD = 'YYYY-MM-DD'
const yearEarlier = (ymd: string) => dayjs(ymd).subtract(1, 'year').format(YMD)
const dayAfter = (ymd: string) => dayjs(ymd).add(1, 'day').format(YMD)

function periodsOf(input: { from: string; to: string }, today: string): Periods {
  const asOf = input.to < today ? input.to : today
  return {
    from: input.from,
    to: input.to,
    lastFrom: yearEarlier(input.from),
    lastTo: yearEarlier(input.to),
    yearFrom: `${input.to.slice(0, 4)}-01-01`,
    lastYearFrom: `${yearEarlier(input.to).slice(0, 4)}-01-01`,
    asOf,
    lastAsOf: yearEarlier(asOf),
  }
}

/** Refuses a place the caller does not manage: the city for city admins, a county for its admins, a township for its staff too. */
async function placeFor(ctx: CallContext, scope: { level: DashboardLevel; code?: string }): Promise<Place> {
  const reach = await ctx.townshipReach()
  if (scope.level === 'city') {
    if (reach !== 'city') throw forbidden('只有团市委可以查看全市的看板')
    return { level: 'city', code: CITY.code, name: CITY.name, countyCode: '', countyName: '', townshipCode: '', townshipName: '' }
  }
  const code = scope.code ?? ''
  if (scope.level === 'county') {
    const name = countyName(code)
    if (!name) throw invalid('scope.code', '没有这个县（市、区）')
    if (reach !== 'city' && !reach.counties.has(code)) throw forbidden('只能查看本县（市、区）的看板')
    return { level: 'county', code, name, countyCode: code, countyName: name, townshipCode: '', townshipName: '' }
  }
  const t = townshipOf(code)
  if (!t) throw invalid('scope.code', '没有这个镇街')
  if (reach !== 'city' && !reach.townships.has(code) && !reach.counties.has(t.countyCode)) throw forbidden('只能查看本镇街的看板')
  return { level: 'township', code, name: `${t.countyName}${t.townshipName}`, ...t }
}

/** Where a collection keeps its place by code (registrations, sessions, stations): the criteria of the place. */
function byCodes(place: Place): Record<string, unknown> {
  if (place.level === 'township') return { townshipCode: place.townshipCode }
  if (place.level === 'county') return { countyCode: place.countyCode }
  // The whole city, named: the indexes led by the county serve a list of values, never "any".
  return { countyCode: _.in(allCounties.map((c) => c.code)) }
}

// ---- expressions -------------------------------------------------------------------------

const within = (value: unknown, from: unknown, to: unknown) => ({ $and: [{ $gte: [value, from] }, { $lte: [value, to] }] })
/** Instants: from the first day's start up to (not including) the day after the last. */
const withinDays = (value: unknown, from: string, to: string) => ({ $and: [{ $gte: [value, shanghaiDayStart(from)] }, { $lt: [value, shanghaiDayStart(dayAfter(to))] }] })
const countIf = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } })
const sumIf = (condition: unknown, value: unknown) => ({ $sum: { $cond: [condition, value, 0] } })
const figure = (current: number, lastYear: number): DashboardFigure => ({ current, lastYear })
const instantRange = (from: string, to: string) => _.gte(shanghaiDayStart(from)).and(_.lt(shanghaiDayStart(dayAfter(to))))

// ---- cards -------------------------------------------------------------------------------

type VolunteerRow = { _id: string; inPost: number; endingSoon: number; finished: number; lastInPost: number; lastEndingSoon: number; lastFinished: number }

/** Approved volunteers by standing on the reference day and a year earlier, per township (one aggregation). */
async function volunteersCard(place: Place, p: Periods): Promise<DashboardOverview['volunteers']> {
  const standing = (asOf: string) => {
    const inPost = { $and: [{ $lte: ['$termStart', asOf] }, { $gte: ['$termEnd', asOf] }] }
    const soon = dayjs(asOf).add(TERM_ENDING_DAYS, 'day').format(YMD)
    return { inPost: countIf(inPost), endingSoon: countIf({ $and: [inPost, { $lte: ['$termEnd', soon] }] }), finished: countIf({ $lt: ['$termEnd', asOf] }) }
  }
  const now = standing(p.asOf)
  const then = standing(p.lastAsOf)
  const { list } = await db
    .collection<RegistrationDoc>(COLLECTIONS.registrations)
    .aggregate()
    // The review queue's index (status, county) serves every level: a township names its county too.
    .match({ status: 'approved', ...(place.level === 'township' ? { countyCode: place.countyCode } : {}), ...byCodes(place), kind: 'volunteer' })
    .group({ _id: '$townshipCode', ...now, lastInPost: then.inPost, lastEndingSoon: then.endingSoon, lastFinished: then.finished })
    .limit(AGGREGATE_CAP)
    .end<VolunteerRow>()
  const sum = (key: keyof Omit<VolunteerRow, '_id'>) => list.reduce((n, r) => n + r[key], 0)
  return {
    asOf: p.asOf,
    inPost: figure(sum('inPost'), sum('lastInPost')),
    endingSoon: figure(sum('endingSoon'), sum('lastEndingSoon')),
    finished: figure(sum('finished'), sum('lastFinished')),
    byTownship: list
      .map((r) => ({ townshipCode: r._id, townshipName: townshipOf(r._id)?.townshipName ?? r._id, inPost: r.inPost, endingSoon: r.endingSoon, finished: r.finished }))
      .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode)),
  }
}

type HoursRow = { _id: { township: string; star: number }; volunteers: number; total: number } & Record<string, number>

/** The place as the hours rollup serves places (a township: read live, exact to the moment). */
const rollupPlace = (place: Place): RollupPlace | null => (place.level === 'city' ? { level: 'city' } : place.level === 'county' ? { level: 'county', countyCode: place.countyCode } : null)

/** The calendar months the period touches, each clipped to the period, and the same days a year earlier. */
function monthsOf(p: Periods): { month: string; from: string; to: string; lastFrom: string; lastTo: string }[] {
  const out: { month: string; from: string; to: string; lastFrom: string; lastTo: string }[] = []
  for (let m = dayjs(p.from).startOf('month'); m.format('YYYY-MM') <= p.to.slice(0, 7); m = m.add(1, 'month')) {
    const from = m.format(YMD) < p.from ? p.from : m.format(YMD)
    const to = m.endOf('month').format(YMD) > p.to ? p.to : m.endOf('month').format(YMD)
    out.push({ month: m.format('YYYY-MM'), from, to, lastFrom: yearEarlier(from), lastTo: yearEarlier(to) })
  }
  return out
}

/** The spans the hours card sums each volunteer's credited days over: the period, the year, both a year earlier, and each month of the period (m0…) and a year earlier (l0…). */
function hourSpans(p: Periods): Record<string, readonly [string, string]> {
  return {
    period: [p.from, p.to],
    year: [p.yearFrom, p.to],
    lastPeriod: [p.lastFrom, p.lastTo],
    lastYear: [p.lastYearFrom, p.lastTo],
    ...Object.fromEntries(monthsOf(p).flatMap((m, i) => [[`m${i}`, [m.from, m.to] as const], [`l${i}`, [m.lastFrom, m.lastTo] as const]])),
  }
}

/**
 * Approved service time, capped per volunteer and Shanghai day as `creditedPerVolunteer`
 * (_shared/hours.ts) caps it, summed per volunteer for the period, the year, in total and per
 * month, then per township and star level: a few hundred rows however many sessions. One request:
 * for the city and a county, from the hours rollup (_shared/rollups.ts), as of its last run; for a
 * township (and until the rollup is built), live from the sessions.
 */
async function hoursCard(place: Place, p: Periods, settings: Settings): Promise<{ card: DashboardOverview['hours']; rolledUpAt: string | null }> {
  const spans = hourSpans(p)
  const names = Object.keys(spans)
  const star = { $add: settings.starThresholdsHours.map((h) => ({ $cond: [{ $gte: ['$total', h * 60] }, 1, 0] })) }
  // Per township and star: the volunteers, their totals and each span's minutes (`at`: where a row keeps them).
  const byTownshipAndStar = (at: string) => ({ _id: { township: '$township', star }, volunteers: { $sum: 1 }, total: { $sum: '$total' }, ...Object.fromEntries(names.map((k) => [k, { $sum: `$${at}${k}` }])) })
  const where = rollupPlace(place)
  const rolled = where
    ? await readRollup<{ groups: HoursRow[] }>(where, settings.dailyCapMinutes, {
        groups: (rows) => rows.project({ township: '$townshipCode', total: '$totalMinutes', s: minutesInSpans(spans) }).group(byTownshipAndStar('s.')),
      })
    : null
  const list = rolled ? rolled.parts.groups : (await liveHours(place, spans, settings).group(byTownshipAndStar('')).limit(AGGREGATE_CAP).end<HoursRow>()).list
  const townships = new Map<string, DashboardOverview['hours']['byTownship'][number]>()
  const stars = new Map<number, number>()
  const totals: Record<string, number> = { total: 0, volunteers: 0, ...Object.fromEntries(names.map((k) => [k, 0])) }
  for (const r of list) {
    const code = r._id.township
    const t = townships.get(code) ?? { townshipCode: code, townshipName: townshipOf(code)?.townshipName ?? code, volunteers: 0, periodMinutes: 0, yearMinutes: 0, totalMinutes: 0 }
    t.volunteers += r.volunteers
    t.periodMinutes += r.period
    t.yearMinutes += r.year
    t.totalMinutes += r.total
    townships.set(code, t)
    stars.set(r._id.star, (stars.get(r._id.star) ?? 0) + r.volunteers)
    for (const k of Object.keys(totals)) totals[k] += r[k] ?? 0
  }
  const card = {
    periodMinutes: figure(totals.period, totals.lastPeriod),
    yearMinutes: figure(totals.year, totals.lastYear),
    totalMinutes: totals.total,
    volunteers: totals.volunteers,
    byTownship: [...townships.values()].sort((a, b) => a.townshipCode.localeCompare(b.townshipCode)),
    stars: Array.from({ length: settings.starThresholdsHours.length + 1 }, (_x, s) => ({ star: s, volunteers: stars.get(s) ?? 0 })),
    byMonth: monthsOf(p).map((m, i) => ({ month: m.month, minutes: totals[`m${i}`], lastYear: totals[`l${i}`] })),
  }
  return { card, rolledUpAt: rolled ? rolled.countedTo.toISOString() : null }
}

/** Per volunteer of the place, their credited minutes in total and in each span, from their sessions. */
function liveHours(place: Place, spans: Record<string, readonly [string, string]>, settings: Settings): Aggregate {
  const credited = { $min: ['$minutes', settings.dailyCapMinutes] }
  return db
    .collection<SessionDoc>(COLLECTIONS.sessions)
    .aggregate()
    .match({ ...byCodes(place), status: 'approved' })
    .unwind(COUNTED_DAY.unwind)
    .group({
      _id: { userId: '$userId', date: COUNTED_DAY.date },
      minutes: { $sum: COUNTED_DAY.minutes },
      township: { $min: '$townshipCode' },
    })
    .group({
      _id: '$_id.userId',
      total: { $sum: credited },
      ...Object.fromEntries(Object.entries(spans).map(([k, [from, to]]) => [k, sumIf(within('$_id.date', from, to), credited)])),
      township: { $min: '$township' },
    })
}

type StationUse = { _id: string; sessions: number; lastYear: number; volunteers: number; minutes: number }
type PlaceStations = { list: Pick<StationDoc, '_id' | 'name' | 'townshipName' | 'active'>[]; uses: StationUse[] }

/**
 * The place's stations (whether in use, their names) and, per station, the approved sessions begun
 * in the period and a year earlier, the volunteers and minutes of the period: one request, from the
 * place's stations with their use looked up beside them — for the city and a county from the
 * hours rollup's rows (as of its last run), for a township (and until the rollup is built) from
 * the sessions, which the place, the status and the time (county_time, township_time) bound.
 */
async function stationsCard(place: Place, p: Periods, settings: Settings): Promise<DashboardOverview['stations']> {
  const stations = () =>
    db
      .collection<StationDoc>(COLLECTIONS.stations)
      .aggregate()
      .match(byCodes(place))
      .group({ _id: null, list: { $push: { _id: '$_id', name: '$name', townshipName: '$townshipName', active: '$active' } } })
  const where = rollupPlace(place)
  const parts: RollupParts<Pick<PlaceStations, 'uses'>> = {
    uses: (rows) =>
      rows
        .project({ st: { $map: { input: '$stations', as: 'x', in: { s: '$$x.s', n: sumBetween('$$x.days', p.from, p.to, 'n'), last: sumBetween('$$x.days', p.lastFrom, p.lastTo, 'n'), m: sumBetween('$$x.days', p.from, p.to, 'm') } } } })
        .unwind('$st')
        .match(_.or([{ 'st.n': _.gt(0) }, { 'st.last': _.gt(0) }]))
        // A row is one volunteer of the place: a station's volunteers are its rows with a session in the period.
        .group({ _id: '$st.s', sessions: { $sum: '$st.n' }, lastYear: { $sum: '$st.last' }, volunteers: countIf({ $gt: ['$st.n', 0] }), minutes: { $sum: '$st.m' } }),
  }
  if (where) {
    const { list } = await withRollup(stations(), where, parts).end<PlaceStations>()
    // No stations in the place: nothing to count, whatever the rollup.
    if (list.length === 0) return stationFigures(undefined)
    const rolled = rollupIn(list[0], settings.dailyCapMinutes, parts)
    if (rolled) return stationFigures({ list: list[0].list, uses: rolled.parts.uses })
  }
  const what = { ...byCodes(place), status: 'approved' }
  const current = withinDays('$checkInAt', p.from, p.to)
  const live = ($.pipeline() as LookupPipeline)
    .match(_.or([{ ...what, checkInAt: instantRange(p.from, p.to) }, { ...what, checkInAt: instantRange(p.lastFrom, p.lastTo) }]))
    .group({
      _id: { stationId: '$stationId', userId: '$userId' },
      sessions: countIf(current),
      lastYear: countIf({ $not: [current] }),
      minutes: sumIf(current, { $ifNull: ['$adjustedMinutes', '$minutes'] }),
    })
    .group({ _id: '$_id.stationId', sessions: { $sum: '$sessions' }, lastYear: { $sum: '$lastYear' }, volunteers: countIf({ $gt: ['$sessions', 0] }), minutes: { $sum: '$minutes' } }) as LookupPipeline
  const { list } = await stations().lookup({ from: COLLECTIONS.sessions, pipeline: live.done(), as: 'uses' }).end<PlaceStations>()
  return stationFigures(list[0])
}

/** The stations card from the place's stations and their use (none: an empty card). */
function stationFigures(read: PlaceStations | undefined): DashboardOverview['stations'] {
  const list = read?.uses ?? []
  const named = new Map((read?.list ?? []).map((s) => [s._id, s]))
  return {
    active: (read?.list ?? []).filter((s) => s.active).length,
    used: figure(list.filter((r) => r.sessions > 0).length, list.filter((r) => r.lastYear > 0).length),
    sessions: figure(
      list.reduce((n, r) => n + r.sessions, 0),
      list.reduce((n, r) => n + r.lastYear, 0),
    ),
    byStation: list
      .map((r) => ({ stationId: r._id, stationName: named.get(r._id)?.name ?? '', townshipName: named.get(r._id)?.townshipName ?? '', sessions: r.sessions, volunteers: r.volunteers, minutes: r.minutes, lastYearSessions: r.lastYear }))
      .sort((a, b) => b.sessions - a.sessions || a.stationId.localeCompare(b.stationId)),
  }
}

type MerchantRow = { _id: string; count: number; lastYear: number; merchant: { name: string; category: MerchantCategory; countyCode: string }[] }

/**
 * Redemptions per merchant in the period and a year earlier, with the merchant's name, category
 * and county looked up beside them and, for a county, only its merchants (one aggregation);
 * categories and counties add up the merchants' rows. Merchants are kept by county only.
 */
async function perksCard(place: Place, p: Periods): Promise<DashboardOverview['perks']> {
  if (place.level === 'township') return null
  let pipeline = db
    .collection<RedemptionDoc>(COLLECTIONS.redemptions)
    .aggregate()
    .match(_.or([{ date: _.gte(p.from).and(_.lte(p.to)) }, { date: _.gte(p.lastFrom).and(_.lte(p.lastTo)) }]))
    .group({ _id: '$merchantId', count: countIf({ $gte: ['$date', p.from] }), lastYear: countIf({ $lt: ['$date', p.from] }) })
    .lookup({ from: COLLECTIONS.merchants, localField: '_id', foreignField: '_id', as: 'merchant' })
  if (place.level === 'county') pipeline = pipeline.match({ 'merchant.countyCode': place.countyCode })
  const { list } = await pipeline
    .project({ count: 1, lastYear: 1, 'merchant.name': 1, 'merchant.category': 1, 'merchant.countyCode': 1 })
    .limit(AGGREGATE_CAP)
    .end<MerchantRow>()
  const byMerchant = list
    .map((r) => {
      const m = r.merchant[0]
      return { merchantId: r._id, merchantName: m?.name ?? '', category: m?.category ?? '其他', countyCode: m?.countyCode ?? '', count: r.count, lastYear: r.lastYear }
    })
    .sort((a, b) => b.count - a.count || a.merchantId.localeCompare(b.merchantId))
  const tally = <K extends string>(keyOf: (m: (typeof byMerchant)[number]) => K) => {
    const out = new Map<K, { count: number; lastYear: number }>()
    for (const m of byMerchant) {
      const t = out.get(keyOf(m)) ?? { count: 0, lastYear: 0 }
      out.set(keyOf(m), { count: t.count + m.count, lastYear: t.lastYear + m.lastYear })
    }
    return out
  }
  const categories = tally((m) => m.category)
  const counties = tally((m) => m.countyCode)
  return {
    redemptions: figure(
      byMerchant.reduce((n, m) => n + m.count, 0),
      byMerchant.reduce((n, m) => n + m.lastYear, 0),
    ),
    byMerchant: byMerchant.map(({ countyCode, ...m }) => ({ ...m, countyName: countyName(countyCode) ?? '' })),
    byCategory: MERCHANT_CATEGORIES.filter((c) => categories.has(c)).map((c) => ({ category: c, ...categories.get(c)! })),
    byCounty: [...counties].map(([code, t]) => ({ countyCode: code, countyName: countyName(code) ?? '', ...t })).sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
  }
}

type LoanRow = {
  _id: { status: LoanStatus; type: ProjectType | null; applied: number; lent: number }
  n: number
  fen: number
  jobs: number
  households: number
  subsidy: number
  lastSubsidy: number
  paid: number
  lastPaid: number
}

/**
 * Loans of projects in the place (one aggregation): grouped by state, project type, when sent in
 * and when disbursed (1: in the period, 2: a year earlier, 0: neither), with the subsidy approved
 * and paid in each span. Its groups are a few hundred at most whatever the number of loans.
 */
async function loansCard(place: Place, p: Periods): Promise<DashboardOverview['loans']> {
  const scope = place.level === 'city' ? {} : place.level === 'county' ? { countyCode: place.countyCode } : { countyCode: place.countyCode, 'project.townshipCode': place.townshipCode }
  const span = (value: unknown, inSpan: (v: unknown, from: string, to: string) => unknown) => ({ $cond: [inSpan(value, p.from, p.to), 1, { $cond: [inSpan(value, p.lastFrom, p.lastTo), 2, 0] }] })
  const subsidyIn = (from: string, to: string) => ({
    $reduce: { input: { $ifNull: ['$subsidies', []] }, initialValue: 0, in: { $add: ['$$value', { $cond: [withinDays('$$this.at', from, to), '$$this.amountFen', 0] }] } },
  })
  // Payments (loan/repayments.ts SubsidyPayment) count on the transfer's date; every paid period was approved first.
  const paidIn = (from: string, to: string) => ({
    $reduce: { input: { $ifNull: ['$subsidyPayments', []] }, initialValue: 0, in: { $add: ['$$value', { $cond: [within('$$this.paidOn', from, to), '$$this.amountFen', 0] }] } },
  })
  const sent = (from: string, to: string) => ({ submittedAt: instantRange(from, to) })
  const lent = (from: string, to: string) => ({ disbursedOn: _.gte(from).and(_.lte(to)) })
  const { list } = await db
    .collection<LoanDoc>(COLLECTIONS.loans)
    .aggregate()
    .match(_.and([scope, _.or([sent(p.from, p.to), sent(p.lastFrom, p.lastTo), lent(p.from, p.to), lent(p.lastFrom, p.lastTo), { subsidyApprovedFen: _.gt(0) }])]))
    .group({
      _id: { status: '$status', type: '$project.type', applied: span('$submittedAt', withinDays), lent: span('$disbursedOn', within) },
      n: { $sum: 1 },
      fen: { $sum: { $ifNull: ['$disbursement.amountFen', 0] } },
      jobs: { $sum: { $ifNull: ['$project.jobsCreated', 0] } },
      households: { $sum: { $ifNull: ['$project.householdsHelped', 0] } },
      subsidy: { $sum: subsidyIn(p.from, p.to) },
      lastSubsidy: { $sum: subsidyIn(p.lastFrom, p.lastTo) },
      paid: { $sum: paidIn(p.from, p.to) },
      lastPaid: { $sum: paidIn(p.lastFrom, p.lastTo) },
    })
    .limit(AGGREGATE_CAP)
    .end<LoanRow>()
  const add = (pick: (r: LoanRow) => number, when: (r: LoanRow) => boolean) => list.filter(when).reduce((n, r) => n + pick(r), 0)
  const applied = (span: number) => (r: LoanRow) => r._id.applied === span && r._id.status !== 'draft'
  const lentIn = (span: number) => (r: LoanRow) => r._id.lent === span
  const both = (pick: (r: LoanRow) => number, when: (span: number) => (r: LoanRow) => boolean) => figure(add(pick, when(1)), add(pick, when(2)))
  const byStatus = new Map<LoanStatus, number>()
  for (const r of list.filter(applied(1))) byStatus.set(r._id.status, (byStatus.get(r._id.status) ?? 0) + r.n)
  const byType = new Map<ProjectType, { loans: number; lentFen: number }>()
  for (const r of list.filter(lentIn(1))) {
    const type = r._id.type ?? 'other'
    const t = byType.get(type) ?? { loans: 0, lentFen: 0 }
    byType.set(type, { loans: t.loans + r.n, lentFen: t.lentFen + r.fen })
  }
  return {
    applications: both((r) => r.n, applied),
    byStatus: LOAN_STATUSES.filter((s) => byStatus.has(s)).map((status) => ({ status, count: byStatus.get(status)! })),
    loans: both((r) => r.n, lentIn),
    lentFen: both((r) => r.fen, lentIn),
    jobsCreated: both((r) => r.jobs, lentIn),
    householdsHelped: both((r) => r.households, lentIn),
    subsidyApprovedFen: figure(
      list.reduce((n, r) => n + r.subsidy, 0),
      list.reduce((n, r) => n + r.lastSubsidy, 0),
    ),
    subsidyPaidFen: figure(
      list.reduce((n, r) => n + r.paid, 0),
      list.reduce((n, r) => n + r.lastPaid, 0),
    ),
    byType: PROJECT_TYPES.filter((t) => byType.has(t)).map((type) => ({ type, ...byType.get(type)! })),
  }
}

const OFFERED = ['offered', 'hired']
type FairRow = { _id: { fair: string; span: number }; title: string; date: string; signups: number; attended: number; offered: number; hired: number; hiredLocal: number }
type FairFigure = 'signups' | 'attended' | 'offered' | 'hired' | 'hiredLocal'

/**
 * Fairs held in the period and a year earlier, and per person of the place who signed up: attended,
 * offered, hired, hired for a job in Qingyuan (a position with a county), for positions still
 * listed. One aggregation from the fairs (a few a year), their sign-ups and positions joined by
 * the fair (the sign-ups' fair index serves the join): a row per fair, added up here.
 */
async function fairsCard(place: Place, p: Periods): Promise<DashboardOverview['fairs']> {
  const mine =
    place.level === 'city'
      ? { $gt: [{ $ifNull: ['$s._id', ''] }, ''] }
      : place.level === 'county'
        ? { $eq: ['$s.resume.countyName', place.countyName] }
        : { $and: [{ $eq: ['$s.resume.countyName', place.countyName] }, { $eq: ['$s.resume.townshipName', place.townshipName] }] }
  const outcomes = { $objectToArray: { $ifNull: ['$s.outcomes', {}] } }
  const anyOutcome = (outcomesIn: string[], positions: string) => ({
    $gt: [{ $size: { $filter: { input: outcomes, as: 'o', cond: { $and: [{ $in: ['$$o.v.outcome', outcomesIn] }, { $in: ['$$o.k', positions] }] } } } }, 0],
  })
  const inPlace = (condition: unknown) => ({ $cond: [{ $and: [mine, condition] }, 1, 0] })
  const { list } = await db
    .collection<FairDoc>(COLLECTIONS.fairs)
    .aggregate()
    .match(_.or([{ status: 'published', date: _.gte(p.from).and(_.lte(p.to)) }, { status: 'published', date: _.gte(p.lastFrom).and(_.lte(p.lastTo)) }]))
    .lookup({ from: COLLECTIONS.fairSignups, localField: '_id', foreignField: 'fairId', as: 's' })
    .lookup({ from: COLLECTIONS.fairPositions, localField: '_id', foreignField: 'fairId', as: 'positions' })
    .project({
      span: { $cond: [{ $gte: ['$date', p.from] }, 1, 2] },
      title: { $ifNull: ['$title', ''] },
      date: 1,
      s: 1,
      listed: '$positions._id',
      local: { $map: { input: { $filter: { input: '$positions', as: 'j', cond: { $gt: [{ $ifNull: ['$$j.countyCode', ''] }, ''] } } }, as: 'j', in: '$$j._id' } },
    })
    .unwind({ path: '$s', preserveNullAndEmptyArrays: true })
    .group({
      _id: { fair: '$_id', span: '$span' },
      title: { $first: '$title' },
      date: { $first: '$date' },
      signups: { $sum: inPlace({ $ne: ['$s.status', 'cancelled'] }) },
      attended: { $sum: inPlace({ $ne: [{ $ifNull: ['$s.checkedInAt', null] }, null] }) },
      offered: { $sum: inPlace(anyOutcome(OFFERED, '$listed')) },
      hired: { $sum: inPlace(anyOutcome(['hired'], '$listed')) },
      hiredLocal: { $sum: inPlace(anyOutcome(['hired'], '$local')) },
    })
    .limit(AGGREGATE_CAP)
    .end<FairRow>()
  const [now, then] = [list.filter((r) => r._id.span === 1), list.filter((r) => r._id.span === 2)]
  const pair = (k: FairFigure) =>
    figure(
      now.reduce((n, r) => n + r[k], 0),
      then.reduce((n, r) => n + r[k], 0),
    )
  return {
    fairs: figure(now.length, then.length),
    signups: pair('signups'),
    attended: pair('attended'),
    offered: pair('offered'),
    hired: pair('hired'),
    hiredLocal: pair('hiredLocal'),
    byFair: now
      .map((r) => ({ fairId: r._id.fair, title: r.title, date: r.date, signups: r.signups, attended: r.attended, offered: r.offered, hired: r.hired, hiredLocal: r.hiredLocal }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.fairId.localeCompare(b.fairId)),
  }
}

/** Every card for the place and period, the cards read at once (the overview waits as long as its slowest card). */
async function overviewOf(input: { scope: { level: DashboardLevel; code?: string }; period: { from: string; to: string } }, ctx: CallContext): Promise<DashboardOverview> {
  const place = await placeFor(ctx, input.scope)
  const p = periodsOf(input.period, shanghaiDate(ctx.now))
  const settings = await loadSettings(ctx.now.getTime())
  // Trainings and contests (./training-card.ts), read beside the other cards.
  const trainingRead = trainingCard(place, p)
  trainingRead.catch(() => undefined) // awaited below; a card failing first leaves it handled
  const [volunteers, { card: hours, rolledUpAt }, stations, perks, loans, fairs] = await Promise.all([
    volunteersCard(place, p),
    hoursCard(place, p, settings),
    stationsCard(place, p, settings),
    perksCard(place, p),
    loansCard(place, p),
    fairsCard(place, p),
  ])
  return {
    scope: { level: place.level, code: place.code, name: place.name },
    period: { from: p.from, to: p.to },
    lastYearPeriod: { from: p.lastFrom, to: p.lastTo },
    computedAt: ctx.now.toISOString(),
    rolledUpAt,
    volunteers,
    hours,
    stations,
    perks,
    loans,
    fairs,
    training: await trainingRead,
  }
}

// ---- the workbook --------------------------------------------------------------------------

/** Minutes as hours to two decimals (a workbook's cell; the minutes themselves are the overview's). */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100
/** Fen as yuan (exact to the fen). */
const yuan = (fen: number) => fen / 100

/**
 * The view as a workbook: the one-page summary first (as the league's reports word it), the
 * headline figures beside last year's, then the lists behind them. Every row is an aggregate
 * (places, stations, merchants, fairs): no person is named in it.
 */
export function overviewSheets(o: DashboardOverview): Sheet[] {
  const f = (label: string, unit: string, x: DashboardFigure, show: (n: number) => number = (n) => n) => ({ label, unit, current: show(x.current), lastYear: show(x.lastYear) })
  const one = (label: string, unit: string, value: number) => ({ label, unit, current: value, lastYear: '' })
  const figures = [
    f('在岗志愿者', '名', o.volunteers.inPost),
    f(`${TERM_ENDING_DAYS} 天内期满`, '名', o.volunteers.endingSoon),
    f('已期满', '名', o.volunteers.finished),
    f('期间服务时长', '小时', o.hours.periodMinutes, hours),
    f('本年服务时长', '小时', o.hours.yearMinutes, hours),
    one('累计服务时长', '小时', hours(o.hours.totalMinutes)),
    one('有服务时长的志愿者', '名', o.hours.volunteers),
    one('在用驿站', '个', o.stations.active),
    f('有签到的驿站', '个', o.stations.used),
    f('驿站签到', '次', o.stations.sessions),
    ...(o.perks ? [f('爱心商家优惠核销', '次', o.perks.redemptions)] : []),
    f('贷款申请', '笔', o.loans.applications),
    f('发放贷款', '笔', o.loans.loans),
    f('放款金额', '元', o.loans.lentFen, yuan),
    f('带动就业（申请承诺）', '人', o.loans.jobsCreated),
    f('帮扶困难户（申请承诺）', '户', o.loans.householdsHelped),
    f('核准贴息', '元', o.loans.subsidyApprovedFen, yuan),
    f('拨付贴息', '元', o.loans.subsidyPaidFen, yuan),
    f('岗位对接会', '场', o.fairs.fairs),
    f('对接会报名', '人次', o.fairs.signups),
    f('对接会到场', '人次', o.fairs.attended),
    f('录用意向', '人', o.fairs.offered),
    f('入职', '人', o.fairs.hired),
    f('本地就业', '人', o.fairs.hiredLocal),
    f('培训报名', '人次', o.training.signups),
    f('参训', '人次', o.training.personTimes),
    f('培训时长', '小时', o.training.minutes, hours),
    ...(o.training.contests ? [f('大赛', '项', o.training.contests.contests), f('参赛作品', '件', o.training.contests.entries), f('获奖作品', '件', o.training.contests.awarded)] : []),
  ]
  const sheets: Sheet[] = [
    { title: '摘要', columns: [col(`${o.scope.name} ${o.period.from} 至 ${o.period.to}`, 'text', 120)], rows: summaryParagraphs(o).map((text) => ({ text })) },
    {
      title: '总览',
      columns: [col('项目', 'label', 24), col('单位', 'unit', 8), col(`本期（${o.period.from} 至 ${o.period.to}）`, 'current', 26), col(`去年同期（${o.lastYearPeriod.from} 至 ${o.lastYearPeriod.to}）`, 'lastYear', 26)],
      rows: figures,
    },
    {
      title: '各镇街志愿者',
      columns: [col('镇街', 'name', 18), col('在岗（名）', 'inPost'), col(`${TERM_ENDING_DAYS} 天内期满（名）`, 'endingSoon', 18), col('已期满（名）', 'finished')],
      rows: o.volunteers.byTownship.map((t) => ({ name: t.townshipName, inPost: t.inPost, endingSoon: t.endingSoon, finished: t.finished })),
    },
    {
      title: '各镇街服务时长',
      columns: [col('镇街', 'name', 18), col('志愿者（名）', 'volunteers'), col('期间（小时）', 'period'), col('本年（小时）', 'year'), col('累计（小时）', 'total')],
      rows: o.hours.byTownship.map((t) => ({ name: t.townshipName, volunteers: t.volunteers, period: hours(t.periodMinutes), year: hours(t.yearMinutes), total: hours(t.totalMinutes) })),
    },
    {
      title: '各月服务时长',
      columns: [col('月份', 'month', 12), col('本期（小时）', 'now'), col('去年同期（小时）', 'last', 18)],
      rows: o.hours.byMonth.map((m) => ({ month: m.month, now: hours(m.minutes), last: hours(m.lastYear) })),
    },
    {
      title: '星级分布',
      columns: [col('星级', 'star'), col('志愿者（名）', 'volunteers')],
      rows: o.hours.stars.map((s) => ({ star: s.star === 0 ? '未达一星' : `${s.star} 星`, volunteers: s.volunteers })),
    },
    {
      title: '驿站',
      columns: [col('驿站', 'name', 22), col('镇街', 'township', 16), col('签到（次）', 'sessions'), col('志愿者（名）', 'volunteers'), col('时长（小时）', 'hours'), col('去年同期签到（次）', 'lastYear', 18)],
      rows: o.stations.byStation.map((s) => ({ name: s.stationName, township: s.townshipName, sessions: s.sessions, volunteers: s.volunteers, hours: hours(s.minutes), lastYear: s.lastYearSessions })),
    },
  ]
  if (o.perks) {
    sheets.push({
      title: '优惠（按商家）',
      columns: [col('商家', 'name', 22), col('类别', 'category', 12), col('县（市、区）', 'county', 14), col('核销（次）', 'count'), col('去年同期（次）', 'lastYear', 16)],
      rows: o.perks.byMerchant.map((m) => ({ name: m.merchantName, category: m.category, county: m.countyName, count: m.count, lastYear: m.lastYear })),
    })
  }
  sheets.push(
    {
      title: '贷款（按状态）',
      columns: [col('期间申请的办理状态', 'status', 24), col('申请（笔）', 'count')],
      rows: o.loans.byStatus.map((s) => ({ status: LOAN_STATUS_LABELS[s.status], count: s.count })),
    },
    {
      title: '贷款（按项目类型）',
      columns: [col('项目类型', 'type', 20), col('放款（笔）', 'loans'), col('放款金额（元）', 'lent', 18)],
      rows: o.loans.byType.map((t) => ({ type: PROJECT_TYPE_LABELS[t.type], loans: t.loans, lent: yuan(t.lentFen) })),
    },
    {
      title: '岗位对接会',
      columns: [col('日期', 'date', 12), col('对接会', 'title', 30), col('报名（人次）', 'signups'), col('到场（人次）', 'attended'), col('录用意向（人）', 'offered', 16), col('入职（人）', 'hired'), col('本地就业（人）', 'hiredLocal', 16)],
      rows: o.fairs.byFair.map(({ fairId: _id, ...r }) => r),
    },
  )
  return sheets
}

export const main = defineFunction('dashboard', dashboard, {
  overview: (input, ctx) => overviewOf(input, ctx),

  /** The view on screen (the same place and period) as a workbook, the summary its first sheet. */
  async exportOverview(input, ctx) {
    const o = await overviewOf(input, ctx)
    const sheets = overviewSheets(o)
    const file = await exportWorkbook(workbookName('工作看板', o.scope.name, `${o.period.from}至${o.period.to}`), sheets)
    const rows = sheets.reduce((n, s) => n + s.rows.length, 0)
    return { ...file, rows }
  },
}, { rollUpHours })
