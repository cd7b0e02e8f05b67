// 工作看板：全市、县（市、区）或镇街在任意期间的工作数据，附去年同期。每张卡片由数据库上的一次聚合算出
// （驿站卡另有一次驿站计数），各卡片同时读取；期间与去年同期在同一次聚合里分组。
import { dashboard, TERM_ENDING_DAYS, type DashboardFigure, type DashboardLevel, type DashboardOverview } from '../../types/dashboard'
import type { Settings } from '../../types/settings'
import { dayjs, shanghaiDate, shanghaiDayStart } from '../../types/time'
import { LOAN_STATUSES, MERCHANT_CATEGORIES, PROJECT_TYPES, type LoanStatus, type MerchantCategory, type ProjectType } from '../../types/vocabulary'
import { COLLECTIONS, type FairDoc, type LoanDoc, type RedemptionDoc, type RegistrationDoc, type SessionDoc, type StationDoc } from '../_shared/collections'
import { _, db } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, CITY, countyName, townshipOf } from '../_shared/divisions'
import { forbidden, invalid } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { AGGREGATE_CAP } from '../_shared/paging'
import { loadSettings } from '../_shared/settings'

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

type HoursRow = { _id: { township: string; star: number }; volunteers: number; period: number; year: number; total: number; lastPeriod: number; lastYear: number }

/**
 * Approved service time, capped per volunteer and Shanghai day as `creditedPerVolunteer`
 * (_shared/hours.ts) caps it, summed per volunteer for the period, the year and in total, then
 * per township and star level (one aggregation: a few hundred rows however many sessions).
 */
async function hoursCard(place: Place, p: Periods, settings: Settings): Promise<DashboardOverview['hours']> {
  // A day's row counts its minutes, or, once the session is adjusted, the adjusted minutes on its first day.
  const date = { $cond: [{ $eq: [{ $type: '$days.date' }, 'string'] }, '$days.date', { $dateToString: { date: '$checkInAt', format: '%Y-%m-%d', timezone: '+08:00' } }] }
  const adjusted = { $ne: [{ $ifNull: ['$adjustedMinutes', null] }, null] }
  const firstDay = { $lte: [{ $ifNull: ['$dayIndex', 0] }, 0] }
  const credited = { $min: ['$minutes', settings.dailyCapMinutes] }
  const star = { $add: settings.starThresholdsHours.map((h) => ({ $cond: [{ $gte: ['$total', h * 60] }, 1, 0] })) }
  const { list } = await db
    .collection<SessionDoc>(COLLECTIONS.sessions)
    .aggregate()
    .match({ ...byCodes(place), status: 'approved' })
    .unwind({ path: '$days', includeArrayIndex: 'dayIndex', preserveNullAndEmptyArrays: true })
    .group({
      _id: { userId: '$userId', date },
      minutes: { $sum: { $cond: [adjusted, { $cond: [firstDay, '$adjustedMinutes', 0] }, { $ifNull: ['$days.minutes', 0] }] } },
      township: { $min: '$townshipCode' },
    })
    .group({
      _id: '$_id.userId',
      total: { $sum: credited },
      period: sumIf(within('$_id.date', p.from, p.to), credited),
      year: sumIf(within('$_id.date', p.yearFrom, p.to), credited),
      lastPeriod: sumIf(within('$_id.date', p.lastFrom, p.lastTo), credited),
      lastYear: sumIf(within('$_id.date', p.lastYearFrom, p.lastTo), credited),
      township: { $min: '$township' },
    })
    .group({
      _id: { township: '$township', star },
      volunteers: { $sum: 1 },
      period: { $sum: '$period' },
      year: { $sum: '$year' },
      total: { $sum: '$total' },
      lastPeriod: { $sum: '$lastPeriod' },
      lastYear: { $sum: '$lastYear' },
    })
    .limit(AGGREGATE_CAP)
    .end<HoursRow>()
  const townships = new Map<string, DashboardOverview['hours']['byTownship'][number]>()
  const stars = new Map<number, number>()
  const totals = { period: 0, year: 0, total: 0, lastPeriod: 0, lastYear: 0, volunteers: 0 }
  for (const r of list) {
    const code = r._id.township
    const t = townships.get(code) ?? { townshipCode: code, townshipName: townshipOf(code)?.townshipName ?? code, volunteers: 0, periodMinutes: 0, yearMinutes: 0, totalMinutes: 0 }
    t.volunteers += r.volunteers
    t.periodMinutes += r.period
    t.yearMinutes += r.year
    t.totalMinutes += r.total
    townships.set(code, t)
    stars.set(r._id.star, (stars.get(r._id.star) ?? 0) + r.volunteers)
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k]
  }
  return {
    periodMinutes: figure(totals.period, totals.lastPeriod),
    yearMinutes: figure(totals.year, totals.lastYear),
    totalMinutes: totals.total,
    volunteers: totals.volunteers,
    byTownship: [...townships.values()].sort((a, b) => a.townshipCode.localeCompare(b.townshipCode)),
    stars: Array.from({ length: settings.starThresholdsHours.length + 1 }, (_x, s) => ({ star: s, volunteers: stars.get(s) ?? 0 })),
  }
}

type StationRow = { _id: string; sessions: number; lastYear: number; volunteers: number; minutes: number; station: Pick<StationDoc, 'name' | 'townshipName'>[] }

/**
 * The place's active stations (a count of a small collection) and, per station, the approved
 * sessions begun in the period and a year earlier (one aggregation, the station's name looked up
 * beside it). The place, the status and the time (county_time, township_time) bound what it reads.
 */
async function stationsCard(place: Place, p: Periods): Promise<DashboardOverview['stations']> {
  const where = { ...byCodes(place), status: 'approved' }
  const current = withinDays('$checkInAt', p.from, p.to)
  const [active, { list }] = await Promise.all([
    db
      .collection<StationDoc>(COLLECTIONS.stations)
      .where(place.level === 'city' ? { active: true } : { ...byCodes(place), active: true })
      .count(),
    db
      .collection<SessionDoc>(COLLECTIONS.sessions)
      .aggregate()
      .match(_.or([{ ...where, checkInAt: instantRange(p.from, p.to) }, { ...where, checkInAt: instantRange(p.lastFrom, p.lastTo) }]))
      .group({
        _id: { stationId: '$stationId', userId: '$userId' },
        sessions: countIf(current),
        lastYear: countIf({ $not: [current] }),
        minutes: sumIf(current, { $ifNull: ['$adjustedMinutes', '$minutes'] }),
      })
      .group({ _id: '$_id.stationId', sessions: { $sum: '$sessions' }, lastYear: { $sum: '$lastYear' }, volunteers: countIf({ $gt: ['$sessions', 0] }), minutes: { $sum: '$minutes' } })
      .lookup({ from: COLLECTIONS.stations, localField: '_id', foreignField: '_id', as: 'station' })
      .project({ sessions: 1, lastYear: 1, volunteers: 1, minutes: 1, 'station.name': 1, 'station.townshipName': 1 })
      .limit(AGGREGATE_CAP)
      .end<StationRow>(),
  ])
  return {
    active: active.total,
    used: figure(list.filter((r) => r.sessions > 0).length, list.filter((r) => r.lastYear > 0).length),
    sessions: figure(
      list.reduce((n, r) => n + r.sessions, 0),
      list.reduce((n, r) => n + r.lastYear, 0),
    ),
    byStation: list
      .map((r) => ({ stationId: r._id, stationName: r.station[0]?.name ?? '', townshipName: r.station[0]?.townshipName ?? '', sessions: r.sessions, volunteers: r.volunteers, minutes: r.minutes, lastYearSessions: r.lastYear }))
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
type FairRow = { _id: number; fairs: number; signups: number; attended: number; offered: number; hired: number; hiredLocal: number }

/**
 * Fairs held in the period and a year earlier, and per person of the place who signed up: attended,
 * offered, hired, hired for a job in Qingyuan (a position with a county), for positions still
 * listed. One aggregation from the fairs (a few a year), their sign-ups and positions joined by
 * the fair (the sign-ups' fair index serves the join).
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
      s: 1,
      listed: '$positions._id',
      local: { $map: { input: { $filter: { input: '$positions', as: 'j', cond: { $gt: [{ $ifNull: ['$$j.countyCode', ''] }, ''] } } }, as: 'j', in: '$$j._id' } },
    })
    .unwind({ path: '$s', preserveNullAndEmptyArrays: true })
    .group({
      _id: { fair: '$_id', span: '$span' },
      signups: { $sum: inPlace({ $ne: ['$s.status', 'cancelled'] }) },
      attended: { $sum: inPlace({ $ne: [{ $ifNull: ['$s.checkedInAt', null] }, null] }) },
      offered: { $sum: inPlace(anyOutcome(OFFERED, '$listed')) },
      hired: { $sum: inPlace(anyOutcome(['hired'], '$listed')) },
      hiredLocal: { $sum: inPlace(anyOutcome(['hired'], '$local')) },
    })
    .group({ _id: '$_id.span', fairs: { $sum: 1 }, signups: { $sum: '$signups' }, attended: { $sum: '$attended' }, offered: { $sum: '$offered' }, hired: { $sum: '$hired' }, hiredLocal: { $sum: '$hiredLocal' } })
    .limit(AGGREGATE_CAP)
    .end<FairRow>()
  const row = (span: number) => list.find((r) => r._id === span) ?? { fairs: 0, signups: 0, attended: 0, offered: 0, hired: 0, hiredLocal: 0 }
  const [now, then] = [row(1), row(2)]
  const pair = (k: keyof Omit<FairRow, '_id'>) => figure(now[k], then[k])
  return { fairs: pair('fairs'), signups: pair('signups'), attended: pair('attended'), offered: pair('offered'), hired: pair('hired'), hiredLocal: pair('hiredLocal') }
}

export const main = defineFunction('dashboard', dashboard, {
  async overview(input, ctx) {
    const place = await placeFor(ctx, input.scope)
    const p = periodsOf(input.period, shanghaiDate(ctx.now))
    const settings = await loadSettings(ctx.now.getTime())
    // Every card at once: the overview waits as long as its slowest card.
    const [volunteers, hours, stations, perks, loans, fairs] = await Promise.all([
      volunteersCard(place, p),
      hoursCard(place, p, settings),
      stationsCard(place, p),
      perksCard(place, p),
      loansCard(place, p),
      fairsCard(place, p),
    ])
    return {
      scope: { level: place.level, code: place.code, name: place.name },
      period: { from: p.from, to: p.to },
      lastYearPeriod: { from: p.lastFrom, to: p.lastTo },
      computedAt: ctx.now.toISOString(),
      volunteers,
      hours,
      stations,
      perks,
      loans,
      fairs,
    }
  },
})
