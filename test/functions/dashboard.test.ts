// The league's dashboard against a fixture put straight into the store (hundreds of a kind,
// past the platform's caps): every card's figures are worked out here in plain JavaScript over
// the documents this test inserted, and must match to the minute, the unit and the fen, for the
// city, a county and a township; places out of reach are refused; bad input names its field.
import divisions from '../../data/qingyuan-divisions.json'
import type { DashboardOverview } from '../../types/dashboard'
import type { Envelope } from '../../types'
import { startAppCloud, type AppCloud } from '../support/app'
import { addDays, hoursCell, inSpan, insertDocs, range, reportPeople, seeded, shanghaiAt as shanghai, shanghaiDayOf as shanghaiDay, sheetsOf } from '../support/fixture'

let app: AppCloud
const CITY_ADMIN = 'o_dash_city'
const COUNTY_ADMIN = 'o_dash_county' // 清城区
const OTHER_COUNTY_ADMIN = 'o_dash_county2' // 清新区
const STAFF = 'o_dash_staff' // 凤城街道
const VOLUNTEER = 'o_dash_volunteer'

const FENGCHENG = '441802006'
const DONGCHENG = '441802007'
const TAIHE = '441803102'
const TOWNSHIPS = [FENGCHENG, DONGCHENG, TAIHE]
const placeOf = (township: string) => {
  const county = divisions.counties.find((c) => c.townships.some((t) => t.code === township))!
  return { countyCode: county.code, countyName: county.name, townshipCode: township, townshipName: county.townships.find((t) => t.code === township)!.name }
}

const PERIOD = { from: '2025-03-01', to: '2025-08-31' }
const LAST = { from: '2024-03-01', to: '2024-08-31' }
const YEAR = { from: '2025-01-01', to: PERIOD.to }
const LAST_YEAR = { from: '2024-01-01', to: LAST.to }
const CAP = 8 * 60
const STARS_HOURS = [100, 300, 600, 1000, 1500]

/** A deterministic sequence, so a failure can be replayed. */
const { rand, pick, int } = seeded(20251205)
const hex = (prefix: string, i: number, width = 24) => `${prefix}${String(i).padStart(width - prefix.length, '0')}`

const randomDay = (from: string, to: string) => addDays(from, int(0, (Date.parse(to) - Date.parse(from)) / 86_400_000))
const insert = (collectionName: string, docs: Record<string, unknown>[]) => insertDocs(app, collectionName, docs)

// ---- the fixture ---------------------------------------------------------------------------

const now = new Date()
const users = reportPeople({ city: CITY_ADMIN, county: COUNTY_ADMIN, otherCounty: OTHER_COUNTY_ADMIN, staff: STAFF, volunteer: VOLUNTEER }, (i) => hex('da5b0a', i), now)

// 160 registrations: approved volunteers with terms around the reference days, and others that never count.
const registrations = range(160).map((i) => {
  const township = TOWNSHIPS[i % 3]
  const termStart = randomDay('2023-01-01', '2025-08-31')
  const termEnd = addDays(termStart, pick([180, 365, 540, 730]) - int(0, 100))
  return {
    _id: hex('da5e00', i),
    userId: hex('da5e01', i),
    kind: i % 13 === 0 ? 'rural_youth' : 'volunteer',
    status: i % 11 === 0 ? 'pending' : i % 17 === 0 ? 'rejected' : 'approved',
    ...placeOf(township),
    termStart,
    termEnd,
  }
})

// Four stations (one inactive) and 60 volunteers' sessions: some heavy servers reach star levels,
// several sessions a day reach the daily cap, some span two days, some were adjusted.
const STATIONS = [
  { _id: 'st_dash_a', name: '凤城驿站甲', ...placeOf(FENGCHENG), active: true },
  { _id: 'st_dash_b', name: '凤城驿站乙', ...placeOf(FENGCHENG), active: true },
  { _id: 'st_dash_c', name: '东城驿站', ...placeOf(DONGCHENG), active: true },
  { _id: 'st_dash_d', name: '太和驿站', ...placeOf(TAIHE), active: true },
  { _id: 'st_dash_e', name: '太和旧驿站', ...placeOf(TAIHE), active: false },
]
const stationsOf = (township: string) => STATIONS.filter((s) => s.townshipCode === township && s.active)
type Session = { _id: string; userId: string; stationId: string; stationName: string; townshipCode: string; townshipName: string; countyCode: string; status: string; checkInAt: Date; checkOutAt: Date; days: { date: string; minutes: number }[]; minutes: number; adjustedMinutes: number | null }
const sessions: Session[] = []
for (const v of range(60)) {
  const township = TOWNSHIPS[v % 3]
  const heavy = v < 6
  const count = heavy ? [25, 60, 90, 140, 170, 40][v] : int(1, 8)
  for (const k of range(count)) {
    const station = pick(stationsOf(township))
    const day = randomDay('2024-01-01', '2025-12-31')
    const start = shanghai(day, int(7, 17), int(0, 59))
    const overnight = rand() < 0.08
    const first = heavy ? int(380, 470) : int(20, 300)
    const days = overnight ? [{ date: day, minutes: first }, { date: addDays(day, 1), minutes: int(10, 200) }] : [{ date: day, minutes: first }]
    const minutes = days.reduce((n, d) => n + d.minutes, 0)
    sessions.push({
      _id: hex('da5c00', sessions.length),
      userId: hex('da5e01', v),
      stationId: station._id,
      stationName: station.name,
      townshipCode: station.townshipCode,
      townshipName: station.townshipName,
      countyCode: station.countyCode,
      status: k % 9 === 4 ? 'pending' : k % 13 === 7 ? 'rejected' : 'approved',
      checkInAt: start,
      checkOutAt: new Date(start.getTime() + minutes * 60_000),
      days,
      minutes,
      adjustedMinutes: rand() < 0.06 ? int(30, 600) : null,
    })
    // A second visit the same day: together past the daily cap for the heavy servers.
    if (heavy && k % 4 === 0) {
      const later = new Date(start.getTime() + 30 * 60_000)
      const extra = int(60, 200)
      sessions.push({ ...sessions[sessions.length - 1], _id: hex('da5c00', sessions.length), checkInAt: later, checkOutAt: new Date(later.getTime() + extra * 60_000), days: [{ date: day, minutes: extra }], minutes: extra, adjustedMinutes: null })
    }
  }
}

// Five merchants in two counties, 320 redemptions over two years.
const MERCHANTS = [
  { _id: 'm_dash_1', name: '凤城小馆', category: '餐饮', countyCode: '441802' },
  { _id: 'm_dash_2', name: '东城超市', category: '购物', countyCode: '441802' },
  { _id: 'm_dash_3', name: '城区影院', category: '文化娱乐', countyCode: '441802' },
  { _id: 'm_dash_4', name: '太和饭店', category: '餐饮', countyCode: '441803' },
  { _id: 'm_dash_5', name: '太和书店', category: '文化娱乐', countyCode: '441803' },
]
const redemptions = range(320).map((i) => {
  const merchant = MERCHANTS[i % 7 === 0 ? 4 : i % 5]
  const date = randomDay('2024-01-01', '2025-12-31')
  return { _id: hex('da5d00', i), perkId: `p_${merchant._id}`, merchantId: merchant._id, volunteerId: hex('da5e01', i % 60), volunteerCounty: merchant.countyCode, volunteerName: '林*青', star: 0, confirmedBy: 'x', at: shanghai(date, 12), date, month: date.slice(0, 7) }
})

// 180 loans in every state, with projects in the three townships and subsidies approved over time.
const STATUSES = ['draft', 'submitted', 'city_review', 'bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed', 'rejected', 'withdrawn', 'returned'] as const
const LENT = new Set(['disbursed', 'in_subsidy', 'closed'])
const TYPES = ['agriculture', 'ecommerce', 'homestay', 'rural_tourism', 'other'] as const
const loans = range(180).map((i) => {
  const status = STATUSES[i % STATUSES.length]
  const township = TOWNSHIPS[i % 3 === 0 ? 2 : i % 2]
  const submittedDay = randomDay('2023-10-01', '2025-12-31')
  const disbursedOn = LENT.has(status) ? addDays(submittedDay, int(10, 90)) : ''
  const amountFen = int(2_000_000, 50_000_000) + int(0, 99)
  const subsidies =
    status === 'in_subsidy' || status === 'closed'
      ? range(int(1, 4)).map((k) => ({ key: `${k}`, start: disbursedOn, end: disbursedOn, amountFen: int(1_000, 300_000), at: shanghai(addDays(disbursedOn, 90 * (k + 1)), int(0, 23), int(0, 59)), by: 'x', byName: 'x' }))
      : []
  // Most approved periods were paid since, some weeks later (a few still wait).
  const subsidyPayments = subsidies.filter((_s, k) => (i + k) % 4 !== 0).map((s) => ({ key: s.key, paidOn: addDays(shanghaiDay(s.at), int(3, 60)), transferRef: `T${i}${s.key}`, amountFen: s.amountFen, at: s.at, by: 'x', byName: 'x' }))
  return {
    _id: `L${String(i).padStart(16, '0')}`,
    status,
    countyCode: placeOf(township).countyCode,
    project: { type: pick(TYPES), title: '项目', townshipCode: township, address: '', description: '', jobsCreated: i % 10 === 0 ? null : int(0, 12), householdsHelped: i % 12 === 0 ? null : int(0, 9) },
    submittedAt: status === 'draft' ? null : shanghai(submittedDay, int(0, 23), int(0, 59)),
    disbursedOn,
    disbursement: disbursedOn ? { amountFen } : null,
    subsidies,
    subsidyApprovedFen: subsidies.reduce((n, s) => n + s.amountFen, 0),
    subsidyPayments,
    subsidyDueFrom: '',
  }
})

// Fairs: two held in the period, one a year earlier, one cancelled and one draft in the period;
// positions in Qingyuan and outside it; 260 sign-ups with outcomes (one for a removed position).
const FAIRS = [
  { _id: 'F000000000001', title: '春季岗位对接会', date: '2025-05-20', status: 'published' },
  { _id: 'F000000000002', title: '夏季岗位对接会', date: '2025-07-10', status: 'published' },
  { _id: 'F000000000003', title: '去年岗位对接会', date: '2024-06-15', status: 'published' },
  { _id: 'F000000000004', title: '取消的对接会', date: '2025-06-01', status: 'cancelled' },
  { _id: 'F000000000005', title: '草稿对接会', date: '2025-08-01', status: 'draft' },
  { _id: 'F000000000006', title: '秋季岗位对接会', date: '2025-11-01', status: 'published' },
]
const positions = FAIRS.flatMap((f, i) => range(3).map((k) => ({ _id: `J${String(i * 10 + k).padStart(12, '0')}`, fairId: f._id, employerId: 'e', title: '岗位', openings: 3, countyCode: k === 2 ? '' : '441802' })))
const REMOVED_POSITION = 'J999999999999'
const OUTCOMES = ['interviewed', 'offered', 'hired', 'declined'] as const
const signups = range(260).map((i) => {
  const f = FAIRS[i < 140 ? 0 : i < 190 ? 1 : i < 230 ? 2 : i < 245 ? 3 : 5]
  const own = positions.filter((p) => p.fairId === f._id)
  const place = placeOf(TOWNSHIPS[i % 3])
  const outcomes: Record<string, { outcome: string }> = {}
  for (const p of own) if (rand() < 0.35) outcomes[p._id] = { outcome: pick(OUTCOMES) }
  if (i % 23 === 0) outcomes[REMOVED_POSITION] = { outcome: 'hired' }
  return {
    _id: `${f._id}:${hex('da5e01', i)}`,
    fairId: f._id,
    userId: hex('da5e01', i),
    status: i % 9 === 0 ? 'cancelled' : i % 7 === 0 ? 'waiting' : 'confirmed',
    resume: { name: '林*青', countyName: place.countyName, townshipName: place.townshipName },
    checkedInAt: rand() < 0.6 ? shanghai(f.date, 9) : null,
    outcomes,
  }
})

// ---- the figures, worked out independently ---------------------------------------------

type Scope = { level: 'city' } | { level: 'county'; code: string } | { level: 'township'; code: string }
const inScope = (scope: Scope, place: { countyCode: string; townshipCode?: string }) =>
  scope.level === 'city' || (scope.level === 'county' ? place.countyCode === scope.code : place.townshipCode === scope.code)
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0)
const pair = (current: number, lastYear: number) => ({ current, lastYear })

function expectedVolunteers(scope: Scope) {
  const mine = registrations.filter((r) => r.status === 'approved' && r.kind === 'volunteer' && inScope(scope, r))
  const standing = (asOf: string) => {
    const inPost = mine.filter((r) => r.termStart <= asOf && r.termEnd >= asOf)
    return { inPost: inPost.length, endingSoon: inPost.filter((r) => r.termEnd <= addDays(asOf, 90)).length, finished: mine.filter((r) => r.termEnd < asOf).length }
  }
  const now = standing(PERIOD.to)
  const then = standing(LAST.to)
  const townships = [...new Set(mine.map((r) => r.townshipCode))].sort()
  return {
    asOf: PERIOD.to,
    inPost: pair(now.inPost, then.inPost),
    endingSoon: pair(now.endingSoon, then.endingSoon),
    finished: pair(now.finished, then.finished),
    byTownship: townships.map((t) => {
      const here = mine.filter((r) => r.townshipCode === t)
      const inPost = here.filter((r) => r.termStart <= PERIOD.to && r.termEnd >= PERIOD.to)
      return { townshipCode: t, townshipName: placeOf(t).townshipName, inPost: inPost.length, endingSoon: inPost.filter((r) => r.termEnd <= addDays(PERIOD.to, 90)).length, finished: here.filter((r) => r.termEnd < PERIOD.to).length }
    }),
  }
}

function expectedHours(scope: Scope, period = PERIOD, last = LAST) {
  const approved = sessions.filter((s) => s.status === 'approved' && inScope(scope, s))
  // Per volunteer and day, capped; an adjusted session counts its adjusted minutes on its first day.
  const perDay = new Map<string, Map<string, number>>()
  const township = new Map<string, string>()
  for (const s of approved) {
    const counted = s.adjustedMinutes === null ? s.days : [{ date: s.days[0].date, minutes: s.adjustedMinutes }]
    const days = perDay.get(s.userId) ?? new Map<string, number>()
    for (const d of counted) days.set(d.date, (days.get(d.date) ?? 0) + d.minutes)
    perDay.set(s.userId, days)
    township.set(s.userId, [township.get(s.userId) ?? s.townshipCode, s.townshipCode].sort()[0])
  }
  const people = [...perDay].map(([userId, days]) => {
    const capped = [...days].map(([date, minutes]) => ({ date, minutes: Math.min(minutes, CAP) }))
    const within = (span: { from: string; to: string }) => sum(capped.filter((d) => inSpan(d.date, span)), (d) => d.minutes)
    const total = sum(capped, (d) => d.minutes)
    return { userId, township: township.get(userId)!, capped, total, period: within(period), year: within(YEAR), lastPeriod: within(last), lastYear: within(LAST_YEAR), star: STARS_HOURS.filter((h) => total / 60 >= h).length }
  })
  const townships = [...new Set(people.map((p) => p.township))].sort()
  // Each month the period touches, its days within the period, and the same days a year earlier.
  const months = [...new Set(range(400).map((i) => addDays(period.from, i)).filter((d) => d <= period.to).map((d) => d.slice(0, 7)))]
  const inMonth = (d: string, month: string, span: { from: string; to: string }) => d.startsWith(month) && inSpan(d, span)
  const lastMonth = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`
  return {
    periodMinutes: pair(sum(people, (p) => p.period), sum(people, (p) => p.lastPeriod)),
    yearMinutes: pair(sum(people, (p) => p.year), sum(people, (p) => p.lastYear)),
    totalMinutes: sum(people, (p) => p.total),
    volunteers: people.length,
    byTownship: townships.map((t) => {
      const here = people.filter((p) => p.township === t)
      return { townshipCode: t, townshipName: placeOf(t).townshipName, volunteers: here.length, periodMinutes: sum(here, (p) => p.period), yearMinutes: sum(here, (p) => p.year), totalMinutes: sum(here, (p) => p.total) }
    }),
    stars: range(6).map((star) => ({ star, volunteers: people.filter((p) => p.star === star).length })),
    byMonth: months.map((month) => ({
      month,
      minutes: sum(people, (p) => sum(p.capped.filter((d) => inMonth(d.date, month, period)), (d) => d.minutes)),
      lastYear: sum(people, (p) => sum(p.capped.filter((d) => inMonth(d.date, lastMonth(month), last)), (d) => d.minutes)),
    })),
  }
}

function expectedStations(scope: Scope) {
  const approved = sessions.filter((s) => s.status === 'approved' && inScope(scope, s))
  const current = approved.filter((s) => inSpan(shanghaiDay(s.checkInAt), PERIOD))
  const last = approved.filter((s) => inSpan(shanghaiDay(s.checkInAt), LAST))
  const used = [...new Set([...current, ...last].map((s) => s.stationId))]
  const rows = used.map((id) => {
    const here = current.filter((s) => s.stationId === id)
    const station = STATIONS.find((s) => s._id === id)!
    return { stationId: id, stationName: station.name, townshipName: station.townshipName, sessions: here.length, volunteers: new Set(here.map((s) => s.userId)).size, minutes: sum(here, (s) => s.adjustedMinutes ?? s.minutes), lastYearSessions: last.filter((s) => s.stationId === id).length }
  })
  return {
    active: STATIONS.filter((s) => s.active && inScope(scope, s)).length,
    used: pair(new Set(current.map((s) => s.stationId)).size, new Set(last.map((s) => s.stationId)).size),
    sessions: pair(current.length, last.length),
    byStation: rows.sort((a, b) => b.sessions - a.sessions || a.stationId.localeCompare(b.stationId)),
  }
}

function expectedPerks(scope: Scope) {
  if (scope.level === 'township') return null
  const countyName = (code: string) => divisions.counties.find((c) => c.code === code)!.name
  const rows = MERCHANTS.filter((m) => inScope(scope, m))
    .map((m) => {
      const theirs = redemptions.filter((r) => r.merchantId === m._id)
      return { merchantId: m._id, merchantName: m.name, category: m.category, countyName: countyName(m.countyCode), countyCode: m.countyCode, count: theirs.filter((r) => inSpan(r.date, PERIOD)).length, lastYear: theirs.filter((r) => inSpan(r.date, LAST)).length }
    })
    .filter((r) => r.count + r.lastYear > 0)
    .sort((a, b) => b.count - a.count || a.merchantId.localeCompare(b.merchantId))
  const groups = <K extends string>(key: (r: (typeof rows)[number]) => K) =>
    [...new Set(rows.map(key))].map((k) => ({ key: k, count: sum(rows.filter((r) => key(r) === k), (r) => r.count), lastYear: sum(rows.filter((r) => key(r) === k), (r) => r.lastYear) }))
  const categoryOrder = ['餐饮', '购物', '文化娱乐', '旅游', '医疗健康', '生活服务', '其他']
  return {
    redemptions: pair(sum(rows, (r) => r.count), sum(rows, (r) => r.lastYear)),
    byMerchant: rows.map(({ countyCode: _c, ...r }) => r),
    byCategory: groups((r) => r.category)
      .sort((a, b) => categoryOrder.indexOf(a.key) - categoryOrder.indexOf(b.key))
      .map(({ key, ...g }) => ({ category: key, ...g })),
    byCounty: groups((r) => r.countyCode)
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ key, ...g }) => ({ countyCode: key, countyName: countyName(key), ...g })),
  }
}

function expectedLoans(scope: Scope) {
  const mine = loans.filter((l) => inScope(scope, { countyCode: l.countyCode, townshipCode: l.project.townshipCode }))
  const sentIn = (span: typeof PERIOD) => mine.filter((l) => l.submittedAt && l.status !== 'draft' && inSpan(shanghaiDay(l.submittedAt), span))
  const lentIn = (span: typeof PERIOD) => mine.filter((l) => l.disbursedOn && inSpan(l.disbursedOn, span))
  const both = (f: (span: typeof PERIOD) => number) => pair(f(PERIOD), f(LAST))
  const subsidy = (span: typeof PERIOD) => sum(mine, (l) => sum(l.subsidies.filter((s) => inSpan(shanghaiDay(s.at), span)), (s) => s.amountFen))
  const current = sentIn(PERIOD)
  const lent = lentIn(PERIOD)
  return {
    applications: both((s) => sentIn(s).length),
    byStatus: STATUSES.filter((st) => current.some((l) => l.status === st)).map((status) => ({ status, count: current.filter((l) => l.status === status).length })),
    loans: both((s) => lentIn(s).length),
    lentFen: both((s) => sum(lentIn(s), (l) => l.disbursement!.amountFen)),
    jobsCreated: both((s) => sum(lentIn(s), (l) => l.project.jobsCreated ?? 0)),
    householdsHelped: both((s) => sum(lentIn(s), (l) => l.project.householdsHelped ?? 0)),
    subsidyApprovedFen: both(subsidy),
    subsidyPaidFen: both((span) => sum(mine, (l) => sum(l.subsidyPayments.filter((p) => inSpan(p.paidOn, span)), (p) => p.amountFen))),
    byType: TYPES.filter((t) => lent.some((l) => l.project.type === t)).map((type) => ({ type, loans: lent.filter((l) => l.project.type === type).length, lentFen: sum(lent.filter((l) => l.project.type === type), (l) => l.disbursement!.amountFen) })),
  }
}

function expectedFairs(scope: Scope) {
  // The résumé names the place; the fixture's townships have names of their own.
  const placeNamed = (s: (typeof signups)[number]) => placeOf(TOWNSHIPS.find((t) => placeOf(t).townshipName === s.resume.townshipName)!)
  const outcome = (s: (typeof signups)[number], wanted: string[], local: boolean) =>
    Object.entries(s.outcomes).some(([positionId, o]) => {
      const p = positions.find((x) => x._id === positionId)
      return p !== undefined && wanted.includes(o.outcome) && (!local || p.countyCode !== '')
    })
  const counts = (people: typeof signups) => ({
    signups: people.filter((s) => s.status !== 'cancelled').length,
    attended: people.filter((s) => s.checkedInAt !== null).length,
    offered: people.filter((s) => outcome(s, ['offered', 'hired'], false)).length,
    hired: people.filter((s) => outcome(s, ['hired'], false)).length,
    hiredLocal: people.filter((s) => outcome(s, ['hired'], true)).length,
  })
  const held = (span: typeof PERIOD) => FAIRS.filter((f) => f.status === 'published' && inSpan(f.date, span))
  const peopleAt = (fairs: typeof FAIRS) => signups.filter((s) => fairs.some((f) => f._id === s.fairId) && inScope(scope, placeNamed(s)))
  const figures = (span: typeof PERIOD) => ({ fairs: held(span).length, ...counts(peopleAt(held(span))) })
  const now = figures(PERIOD)
  const then = figures(LAST)
  const keys = ['fairs', 'signups', 'attended', 'offered', 'hired', 'hiredLocal'] as const
  return {
    ...(Object.fromEntries(keys.map((k) => [k, pair(now[k], then[k])])) as Record<(typeof keys)[number], { current: number; lastYear: number }>),
    byFair: held(PERIOD)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((f) => ({ fairId: f._id, title: f.title, date: f.date, ...counts(peopleAt([f])) })),
  }
}

// ---- the calls ---------------------------------------------------------------------------

const overview = (openid: string, input: unknown) => app.raw(openid, 'dashboard', { action: 'overview', input }) as Promise<Envelope<DashboardOverview>>
const inputOf = (scope: Scope) => ({ scope, period: PERIOD })
const figuresOf = (o: DashboardOverview) => ({ volunteers: o.volunteers, hours: o.hours, stations: o.stations, perks: o.perks, loans: o.loans, fairs: o.fairs })
const expected = (scope: Scope) => ({ volunteers: expectedVolunteers(scope), hours: expectedHours(scope), stations: expectedStations(scope), perks: expectedPerks(scope), loans: expectedLoans(scope), fairs: expectedFairs(scope) })

beforeAll(async () => {
  app = await startAppCloud()
  await insert('users', users)
  await insert('registrations', registrations)
  await insert('stations', STATIONS)
  await insert('sessions', sessions)
  await insert('merchants', MERCHANTS.map((m) => ({ ...m, status: 'active', createdAt: now })))
  await insert('redemptions', redemptions)
  await insert('loans', loans)
  await insert('fairs', FAIRS)
  await insert('fair_positions', positions)
  await insert('fair_signups', signups)
}, 120_000)
afterAll(() => app.close())

test('the fixture is past the caps and reaches what the cards count (so the figures below can be wrong)', () => {
  expect(sessions.filter((s) => s.status === 'approved').length).toBeGreaterThan(100)
  expect(redemptions.length).toBeGreaterThan(100)
  expect(loans.length).toBeGreaterThan(100)
  expect(signups.filter((s) => s.fairId === FAIRS[0]._id).length).toBeGreaterThan(100)
  const city = expected({ level: 'city' })
  // Star levels beyond the first, the daily cap and last year's figures all come into play.
  expect(city.hours.stars.filter((s) => s.star >= 1 && s.volunteers > 0).length).toBeGreaterThanOrEqual(2)
  expect(city.loans.subsidyApprovedFen.current).toBeGreaterThan(0)
  expect(city.loans.subsidyPaidFen.current).toBeGreaterThan(0)
  expect(city.loans.subsidyPaidFen.current).not.toBe(city.loans.subsidyApprovedFen.current)
  expect(city.loans.lentFen.lastYear).toBeGreaterThan(0)
  expect(city.fairs.hiredLocal.current).toBeGreaterThan(0)
  expect(city.fairs.hiredLocal.current).toBeLessThan(city.fairs.hired.current)
  const uncapped = sum(
    sessions.filter((s) => s.status === 'approved' && s.adjustedMinutes === null),
    (s) => s.minutes,
  )
  expect(city.hours.totalMinutes).toBeLessThan(uncapped + sum(sessions.filter((s) => s.status === 'approved' && s.adjustedMinutes !== null), (s) => s.adjustedMinutes!))
})

describe.each([
  ['the city, as its admin', CITY_ADMIN, { level: 'city' } as Scope, '清远市'],
  ['a county, as its admin', COUNTY_ADMIN, { level: 'county', code: '441802' } as Scope, '清城区'],
  ['a township, as its staff', STAFF, { level: 'township', code: FENGCHENG } as Scope, '清城区凤城街道'],
  ['a township, as the city admin', CITY_ADMIN, { level: 'township', code: TAIHE } as Scope, '清新区太和镇'],
])('%s', (_label, openid, scope, name) => {
  test('every card matches the figures worked out from the fixture, to the minute and the fen', async () => {
    const r = await overview(openid, inputOf(scope))
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.data.scope).toEqual({ level: scope.level, code: scope.level === 'city' ? '4418' : scope.code, name })
    expect(r.data.period).toEqual(PERIOD)
    expect(r.data.lastYearPeriod).toEqual(LAST)
    expect(figuresOf(r.data)).toEqual(expected(scope))
  })
})

/** The collections an overview read, its caller and the settings aside (each card reads its own). */
async function cardRequests(openid: string, scope: Scope): Promise<string[]> {
  const outcome = await app.cloud.invoke('dashboard', { action: 'overview', input: inputOf(scope) }, { openid, source: 'wx_client' })
  expect(outcome.ok).toBe(true)
  const requests = outcome.ok ? outcome.record.dbRequests.filter((q) => q.action.startsWith('database.') && q.collection !== 'users' && q.collection !== 'settings') : []
  return requests.map((q) => q.collection ?? '').sort()
}

test('each card is one request to the database, all sent together; until the hours rollup is built, the city’s hours and stations cards read live after asking it', async () => {
  // A township's cards are always one request each (its hours and stations read live).
  expect(await cardRequests(STAFF, { level: 'township', code: FENGCHENG })).toEqual(['fairs', 'loans', 'registrations', 'sessions', 'stations', 'training_sessions'])
  // No rollup yet: the hours card asks it (hours_rollups) and reads live (sessions); the stations card reads the stations with the rollup beside them, then live.
  expect(await cardRequests(CITY_ADMIN, { level: 'city' })).toEqual(['contests', 'fairs', 'hours_rollups', 'loans', 'redemptions', 'registrations', 'sessions', 'stations', 'stations', 'training_sessions'])
})

test('a period from mid-month to mid-month, read live (a township): each month its days within the period, beside the same days a year earlier', async () => {
  const scope: Scope = { level: 'township', code: FENGCHENG }
  const r = await overview(STAFF, { scope, period: { from: '2025-03-15', to: '2025-05-10' } })
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  expect(r.data.hours.byMonth).toEqual(expectedHours(scope, { from: '2025-03-15', to: '2025-05-10' }, { from: '2024-03-15', to: '2024-05-10' }).byMonth)
  expect(r.data.hours.byMonth.some((m) => m.minutes > 0 && m.lastYear > 0)).toBe(true)
})

test('the cards of a period read only what the period holds: an index bounds place, state and time', async () => {
  const bounded: Record<string, { index: string | null; examined: number; matched: number }[]> = {}
  for (const scope of [{ level: 'city' }, { level: 'county', code: '441802' }, { level: 'township', code: FENGCHENG }] as Scope[]) {
    const from = app.cloud.db.scans.length
    expect((await overview(CITY_ADMIN, inputOf(scope))).ok).toBe(true)
    // The stations card's sessions (a time range) and the perks card's redemptions (dates).
    const reads = app.cloud.db.scans.slice(from).filter((s) => s.request === 'aggregate' && (s.collection === 'redemptions' || (s.collection === 'sessions' && s.query.includes('checkInAt'))))
    bounded[scope.level] = reads.map((s) => ({ index: s.index, examined: s.examined, matched: s.matched }))
  }
  for (const [level, reads] of Object.entries(bounded)) {
    expect({ level, reads: reads.length }).toEqual({ level, reads: level === 'township' ? 1 : 2 })
    for (const r of reads) expect({ level, index: r.index !== null, examined: r.examined }).toEqual({ level, index: true, examined: r.matched })
  }
})

test('a county admin sees only their county, township staff only their township; others nothing', async () => {
  const refusals: [string, Scope][] = [
    [COUNTY_ADMIN, { level: 'city' }],
    [COUNTY_ADMIN, { level: 'county', code: '441803' }],
    [COUNTY_ADMIN, { level: 'township', code: TAIHE }],
    [OTHER_COUNTY_ADMIN, { level: 'county', code: '441802' }],
    [STAFF, { level: 'city' }],
    [STAFF, { level: 'county', code: '441802' }],
    [STAFF, { level: 'township', code: DONGCHENG }],
    [VOLUNTEER, { level: 'township', code: FENGCHENG }],
  ]
  for (const [openid, scope] of refusals) {
    const r = await overview(openid, inputOf(scope))
    expect({ openid, scope, code: r.ok ? 'ok' : r.error.code }).toEqual({ openid, scope, code: 'FORBIDDEN' })
  }
  // A county admin reaches every township of their county.
  expect((await overview(COUNTY_ADMIN, inputOf({ level: 'township', code: DONGCHENG }))).ok).toBe(true)
})

test('bad input is refused naming the field, and changes nothing', async () => {
  const before = app.dump()
  const cases: [unknown, string][] = [
    [{ scope: { level: 'province' }, period: PERIOD }, 'scope.level'],
    [{ scope: { level: 'county' }, period: PERIOD }, 'scope.code'],
    [{ scope: { level: 'county', code: '441899' }, period: PERIOD }, 'scope.code'],
    [{ scope: { level: 'township', code: '441802' }, period: PERIOD }, 'scope.code'],
    [{ scope: { level: 'city', code: '441802' }, period: PERIOD }, 'scope.code'],
    [{ scope: { level: 'city' }, period: { from: '2025-02-30', to: '2025-03-31' } }, 'period.from'],
    [{ scope: { level: 'city' }, period: { from: '2025-03-01', to: '2025-02-28' } }, 'period.to'],
    [{ scope: { level: 'city' }, period: { from: '2024-03-01', to: '2025-03-01' } }, 'period.to'],
    [{ scope: { level: 'city' } }, 'period'],
  ]
  for (const [input, field] of cases) {
    const r = await overview(CITY_ADMIN, input)
    expect(r.ok).toBe(false)
    if (r.ok) continue
    expect({ field: r.error.field, code: r.error.code }).toEqual({ field, code: 'INVALID_INPUT' })
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
  }
  expect(app.dump()).toBe(before)
})

// ---- the workbook ------------------------------------------------------------------------

const exportOf = (openid: string, input: unknown) => app.raw(openid, 'dashboard', { action: 'exportOverview', input }) as Promise<Envelope<{ fileUrl: string; fileName: string; rows: number }>>
const fenOf = (yuan: unknown) => Math.round(Number(yuan) * 100)

describe.each([
  ['the city, as its admin', CITY_ADMIN, { level: 'city' } as Scope],
  ['a township, as its staff', STAFF, { level: 'township', code: FENGCHENG } as Scope],
])('the workbook of %s', (_label, openid, scope) => {
  test('holds the summary first, then every figure and list matching the fixture to the unit and the fen', async () => {
    const r = await exportOf(openid, inputOf(scope))
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const e = expected(scope)
    const book = await sheetsOf(r.data.fileUrl)
    const perks = scope.level !== 'township'
    expect([...book.keys()]).toEqual(['摘要', '总览', '各镇街志愿者', '各镇街服务时长', '各月服务时长', '星级分布', '驿站', ...(perks ? ['优惠（按商家）'] : []), '贷款（按状态）', '贷款（按项目类型）', '岗位对接会'])
    expect(r.data.fileName).toMatch(/^工作看板-.+-2025-03-01至2025-08-31\.xlsx$/)
    expect(r.data.rows).toBe([...book.values()].reduce((n, rows) => n + rows.length, 0))

    // The headline figures beside last year's: counts to the unit, hours from the minutes, money to the fen.
    const figures = new Map(book.get('总览')!.map(([label, unit, current, lastYear]) => [String(label), { unit, current, lastYear }]))
    const both = (label: string, f: { current: number; lastYear: number }) => expect({ label, ...figures.get(label) }).toEqual({ label, unit: figures.get(label)?.unit, current: f.current, lastYear: f.lastYear })
    const money = (label: string, f: { current: number; lastYear: number }) => expect({ label, unit: figures.get(label)?.unit, current: fenOf(figures.get(label)?.current), lastYear: fenOf(figures.get(label)?.lastYear) }).toEqual({ label, unit: '元', current: f.current, lastYear: f.lastYear })
    both('在岗志愿者', e.volunteers.inPost)
    both('90 天内期满', e.volunteers.endingSoon)
    both('已期满', e.volunteers.finished)
    both('期间服务时长', { current: hoursCell(e.hours.periodMinutes.current), lastYear: hoursCell(e.hours.periodMinutes.lastYear) })
    both('本年服务时长', { current: hoursCell(e.hours.yearMinutes.current), lastYear: hoursCell(e.hours.yearMinutes.lastYear) })
    expect(figures.get('累计服务时长')?.current).toBe(hoursCell(e.hours.totalMinutes))
    expect(figures.get('有服务时长的志愿者')?.current).toBe(e.hours.volunteers)
    expect(figures.get('在用驿站')?.current).toBe(e.stations.active)
    both('有签到的驿站', e.stations.used)
    both('驿站签到', e.stations.sessions)
    if (e.perks) both('爱心商家优惠核销', e.perks.redemptions)
    else expect(figures.has('爱心商家优惠核销')).toBe(false)
    both('贷款申请', e.loans.applications)
    both('发放贷款', e.loans.loans)
    money('放款金额', e.loans.lentFen)
    both('带动就业（申请承诺）', e.loans.jobsCreated)
    both('帮扶困难户（申请承诺）', e.loans.householdsHelped)
    money('核准贴息', e.loans.subsidyApprovedFen)
    money('拨付贴息', e.loans.subsidyPaidFen)
    both('岗位对接会', e.fairs.fairs)
    for (const [label, key] of [['对接会报名', 'signups'], ['对接会到场', 'attended'], ['录用意向', 'offered'], ['入职', 'hired'], ['本地就业', 'hiredLocal']] as const) both(label, e.fairs[key])
    // Trainings and contests as the card on screen has them (their own figures are checked against a fixture in training-report.test.ts).
    const shown = await overview(openid, inputOf(scope))
    if (!shown.ok) throw new Error(JSON.stringify(shown.error))
    const t = shown.data.training
    both('培训报名', t.signups)
    both('参训', t.personTimes)
    both('培训时长', { current: hoursCell(t.minutes.current), lastYear: hoursCell(t.minutes.lastYear) })
    if (t.contests) both('获奖作品', t.contests.awarded)
    else expect(figures.has('获奖作品')).toBe(false)

    // The lists behind them.
    expect(book.get('各镇街志愿者')).toEqual(e.volunteers.byTownship.map((t) => [t.townshipName, t.inPost, t.endingSoon, t.finished]))
    expect(book.get('各镇街服务时长')).toEqual(e.hours.byTownship.map((t) => [t.townshipName, t.volunteers, hoursCell(t.periodMinutes), hoursCell(t.yearMinutes), hoursCell(t.totalMinutes)]))
    expect(book.get('各月服务时长')).toEqual(e.hours.byMonth.map((m) => [m.month, hoursCell(m.minutes), hoursCell(m.lastYear)]))
    expect(book.get('星级分布')).toEqual(e.hours.stars.map((s) => [s.star === 0 ? '未达一星' : `${s.star} 星`, s.volunteers]))
    expect(book.get('驿站')).toEqual(e.stations.byStation.map((s) => [s.stationName, s.townshipName, s.sessions, s.volunteers, hoursCell(s.minutes), s.lastYearSessions]))
    if (e.perks) expect(book.get('优惠（按商家）')).toEqual(e.perks.byMerchant.map((m) => [m.merchantName, m.category, m.countyName, m.count, m.lastYear]))
    expect(book.get('贷款（按状态）')!.map(([, n]) => n)).toEqual(e.loans.byStatus.map((s) => s.count))
    expect(book.get('贷款（按项目类型）')!.map(([, n, yuan]) => [n, fenOf(yuan)])).toEqual(e.loans.byType.map((t) => [t.loans, t.lentFen]))
    expect(book.get('岗位对接会')).toEqual(e.fairs.byFair.map((f) => [f.date, f.title, f.signups, f.attended, f.offered, f.hired, f.hiredLocal]))
    expect(e.fairs.byFair.length).toBe(2)

    // The summary, worded as the league's reports are, with the same figures.
    const summary = book.get('摘要')!.map(([text]) => String(text)).join('\n')
    const served = e.volunteers.byTownship.filter((t) => t.inPost > 0).length
    expect(summary).toContain('（2025年3月1日至8月31日）')
    if (scope.level !== 'township') expect(summary).toContain(`服务镇街${served}个，在岗志愿者${e.volunteers.inPost.current}名`)
    else expect(summary).toContain(`在岗志愿者${e.volunteers.inPost.current}名`)
    expect(summary).toContain(`期间累计服务${Math.round(e.hours.periodMinutes.current / 60)}小时`)
    expect(summary).toContain(`发放贷款${e.loans.loans.current}笔${(e.loans.lentFen.current / 1_000_000).toFixed(2)}万元`)
    expect(summary).toContain(`带动就业${e.loans.jobsCreated.current}人，帮扶${e.loans.householdsHelped.current}户`)
    expect(summary).toContain(`入职${e.fairs.hired.current}人，其中在清远本地就业${e.fairs.hiredLocal.current}人`)
    expect(summary.includes('爱心商家')).toBe(!!e.perks)

    // Nobody is named: no résumé name, no user id.
    const cells = [...book.values()].flat(2).map(String).join('|')
    expect(cells).not.toContain('林*青')
    expect(cells).not.toMatch(/da5e01/)
  })
})

test('the workbook is scoped as the overview is, and bad input is refused naming the field and changing nothing', async () => {
  const refusals: [string, Scope][] = [
    [COUNTY_ADMIN, { level: 'city' }],
    [OTHER_COUNTY_ADMIN, { level: 'county', code: '441802' }],
    [STAFF, { level: 'township', code: DONGCHENG }],
    [VOLUNTEER, { level: 'township', code: FENGCHENG }],
  ]
  for (const [who, scope] of refusals) {
    const r = await exportOf(who, inputOf(scope))
    expect({ who, scope, code: r.ok ? 'ok' : r.error.code }).toEqual({ who, scope, code: 'FORBIDDEN' })
  }
  const before = app.dump()
  for (const [input, field] of [
    [{ scope: { level: 'city' }, period: { from: '2024-03-01', to: '2025-03-01' } }, 'period.to'],
    [{ scope: { level: 'county' }, period: PERIOD }, 'scope.code'],
  ] as const) {
    const r = await exportOf(CITY_ADMIN, input)
    expect(r.ok ? 'ok' : { field: r.error.field, code: r.error.code }).toEqual({ field, code: 'INVALID_INPUT' })
  }
  expect(app.dump()).toBe(before)
})

describe('with the hours rollup built by its timer', () => {
  beforeAll(async () => {
    for (let run = 0; run < 40; run++) {
      const fired = await app.cloud.fireTimer('dashboard', 'rollUpHours')
      if (!fired.ok) throw new Error(JSON.stringify(fired))
      if ((fired.result as { data: { pass?: string; done?: boolean } }).data.pass === 'done') return
    }
    throw new Error('the rollup pass did not end')
  }, 60_000)

  test.each([
    ['the city, as its admin', CITY_ADMIN, { level: 'city' } as Scope],
    ['a county, as its admin', COUNTY_ADMIN, { level: 'county', code: '441802' } as Scope],
  ])('%s: every card still matches the fixture, each card one request, and it says up to when the hours run', async (_label, openid, scope) => {
    const r = await overview(openid, inputOf(scope))
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(figuresOf(r.data)).toEqual(expected(scope))
    expect(r.data.rolledUpAt).not.toBeNull()
    // A period from mid-month to mid-month: each month's bar counts only its days within the period, beside the same days a year earlier.
    const odd = { from: '2025-03-15', to: '2025-05-10' }
    const lastOdd = { from: '2024-03-15', to: '2024-05-10' }
    const clipped = await overview(openid, { scope, period: odd })
    if (!clipped.ok) throw new Error(JSON.stringify(clipped.error))
    expect(clipped.data.hours.byMonth).toEqual(expectedHours(scope, odd, lastOdd).byMonth)
    expect(clipped.data.hours.byMonth.map((m) => m.month)).toEqual(['2025-03', '2025-04', '2025-05'])
    // One each: volunteers, hours (the rollup with its state), stations (with the rollup beside them), perks, loans, fairs, trainings, contests.
    expect(await cardRequests(openid, scope)).toEqual(['contests', 'fairs', 'hours_rollups', 'loans', 'redemptions', 'registrations', 'stations', 'training_sessions'])
  })
})

