// The hours rollup (cloudfunctions/_shared/rollups.ts) against a fixture put straight into the
// store: 150 volunteers over 16 townships of two counties, ~1,400 sessions over two years (the
// daily cap reached, sessions across midnight, adjusted ones, a few volunteers serving in two
// townships of a county, a few in both counties, some on the same day). The dashboard's hours card
// and service.report are worked out here in plain JavaScript and must match, in sequence: with no
// rollup (live), after the timer (from the rows, one request), with the rollup stale (a past day's
// session adjusted, a make-up for last year approved, an adjusted record appealed back to pending, a
// new volunteer, one newly serving in a second township and one in a second county: the city and
// county show the figures as of the last run and say so, a township is live), after the timer again,
// and after a second run that changes nothing. Scope is unchanged: a county admin sees their county,
// never the city.
import { createHash } from 'node:crypto'
import { EJSON } from 'bson'
import divisions from '../../data/qingyuan-divisions.json'
import type { DashboardOverview } from '../../types/dashboard'
import type { Envelope } from '../../types'
import { ok, startAppCloud, type AppCloud } from '../support/app'

let app: AppCloud
const CITY_ADMIN = 'o_roll_city'
const COUNTY_ADMIN = 'o_roll_county' // 清城区
const STAFF = 'o_roll_staff'

const COUNTIES = divisions.counties.filter((c) => c.code === '441802' || c.code === '441803')
const TOWNSHIPS = COUNTIES.flatMap((c) => c.townships.slice(0, 8).map((t) => ({ townshipCode: t.code, townshipName: t.name, countyCode: c.code })))
const STAFF_TOWNSHIP = TOWNSHIPS[1]
const PERIOD = { from: '2025-03-01', to: '2025-08-31' }
const LAST = { from: '2024-03-01', to: '2024-08-31' }
const YEAR = { from: '2025-01-01', to: PERIOD.to }
const LAST_YEAR = { from: '2024-01-01', to: LAST.to }
const MONTH = '2025-06'
const CAP = 8 * 60
const STARS_HOURS = [100, 300, 600, 1000, 1500]

let seed = 20261205
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
const range = (n: number) => Array.from({ length: n }, (_x, i) => i)
const hex = (prefix: string, i: number, width = 24) => `${prefix}${String(i).padStart(width - prefix.length, '0')}`
const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const randomDay = (from: string, to: string) => addDays(from, int(0, (Date.parse(to) - Date.parse(from)) / 86_400_000))
const shanghai = (ymd: string, hour: number, minute = 0) => new Date(Date.parse(`${ymd}T00:00:00Z`) + (hour - 8) * 3_600_000 + minute * 60_000)
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0)

async function insert(collectionName: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    await app.cloud.db.handle('database.insertDocument', { collectionName, data: docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false })) })
  }
}
async function update(collectionName: string, id: string, data: Record<string, unknown>): Promise<void> {
  await app.cloud.db.handle('database.modifyDocument', { collectionName, queryType: 'DOC', query: JSON.stringify({ _id: id }), data: EJSON.stringify({ $set: data }, { relaxed: false }), merge: true })
}

// ---- the fixture ---------------------------------------------------------------------------

const now = new Date()
const LONG_AGO = new Date('2025-10-01T00:00:00Z')
const users = [
  { openid: CITY_ADMIN, roles: [{ role: 'city_admin', scopeType: 'city', scopeId: '4418', scopeName: '清远市' }] },
  { openid: COUNTY_ADMIN, roles: [{ role: 'county_admin', scopeType: 'county', scopeId: '441802', scopeName: '清城区' }] },
  { openid: STAFF, roles: [{ role: 'township_staff', scopeType: 'township', scopeId: STAFF_TOWNSHIP.townshipCode, scopeName: STAFF_TOWNSHIP.townshipName }] },
].map((u, i) => ({ _id: hex('r011a0', i), ...u, nickname: '', avatarFileId: '', mobile: '', status: 'active', createdAt: now, updatedAt: now }))

type Session = {
  _id: string
  userId: string
  stationId: string
  stationName: string
  townshipCode: string
  townshipName: string
  countyCode: string
  status: string
  checkInAt: Date
  checkOutAt: Date
  days: { date: string; minutes: number }[]
  minutes: number
  adjustedMinutes: number | null
  reviewedAt: Date | null
  updatedAt: Date
}
const sessions: Session[] = []
const VOLUNTEERS = 150
// Hexadecimal ids, as the platform's: spread over the timer's slices (by their first two characters).
const userOf = (v: number) => createHash('md5').update(`roll-${v}`).digest('hex').slice(0, 24)
function addSession(v: number, t: (typeof TOWNSHIPS)[number], day: string, first: number, options: { overnight?: number; status?: string; adjusted?: number | null; reviewedAt?: Date } = {}): Session {
  const days = options.overnight ? [{ date: day, minutes: first }, { date: addDays(day, 1), minutes: options.overnight }] : [{ date: day, minutes: first }]
  const minutes = sum(days, (d) => d.minutes)
  const start = shanghai(day, 20 - Math.ceil(first / 60), 0)
  const s: Session = {
    _id: hex('r011s0', sessions.length),
    userId: userOf(v),
    stationId: `st_roll_${t.townshipCode}`,
    stationName: `${t.townshipName}驿站`,
    ...t,
    status: options.status ?? 'approved',
    checkInAt: start,
    checkOutAt: new Date(start.getTime() + minutes * 60_000),
    days,
    minutes,
    adjustedMinutes: options.adjusted ?? null,
    reviewedAt: options.status === 'pending' ? null : (options.reviewedAt ?? LONG_AGO),
    updatedAt: options.reviewedAt ?? LONG_AGO,
  }
  sessions.push(s)
  return s
}
for (const v of range(VOLUNTEERS)) {
  const home = TOWNSHIPS[v % TOWNSHIPS.length]
  const heavy = v % 25 === 0
  for (const k of range(heavy ? 60 : int(2, 12))) {
    const day = randomDay('2024-01-01', '2025-09-30')
    addSession(v, home, day, heavy ? int(300, 470) : int(20, 300), {
      overnight: rand() < 0.08 ? int(10, 200) : 0,
      status: k % 9 === 4 ? 'pending' : k % 13 === 7 ? 'rejected' : 'approved',
      adjusted: rand() < 0.06 ? int(30, 600) : null,
    })
    // The heavy ones come back the same day: past the daily cap.
    if (heavy && k % 4 === 0) addSession(v, home, day, int(60, 200))
  }
  // Every 25th from the 8th serves in the other county too, on a day of their own there and on one they also served at home.
  if (v % 25 === 8) {
    const away = TOWNSHIPS.find((t) => t.countyCode !== home.countyCode)!
    const day = randomDay('2025-03-01', '2025-08-31')
    addSession(v, away, day, 400)
    addSession(v, home, day, 200)
    addSession(v, away, randomDay('2024-03-01', '2024-08-31'), 90)
  }
  // Every tenth serves in a second township too (the same county), one day at both.
  if (v % 10 === 3) {
    const other = TOWNSHIPS.find((t) => t.countyCode === home.countyCode && t.townshipCode !== home.townshipCode)!
    const day = randomDay('2025-03-01', '2025-08-31')
    addSession(v, other, day, 300)
    addSession(v, home, day, 300)
  }
}
const registrations = range(VOLUNTEERS + 2).map((v) => ({
  _id: hex('r011r0', v),
  userId: userOf(v),
  kind: 'volunteer',
  status: 'approved',
  name: `卷${String.fromCharCode(0x4e00 + v)}志愿者`,
  ...TOWNSHIPS[v % TOWNSHIPS.length],
  termStart: '2024-01-01',
  termEnd: '2026-12-31',
}))

// ---- the figures, worked out here ----------------------------------------------------------

type Scope = { level: 'city' } | { level: 'county' | 'township'; code: string }
const inScope = (scope: Scope, s: Session) => scope.level === 'city' || (scope.level === 'county' ? s.countyCode === scope.code : s.townshipCode === scope.code)
const inSpan = (ymd: string, span: { from: string; to: string }) => ymd >= span.from && ymd <= span.to

function people(scope: Scope, list: Session[] = sessions) {
  const perDay = new Map<string, Map<string, number>>()
  const township = new Map<string, string>()
  const name = new Map<string, string>()
  for (const s of list.filter((x) => x.status === 'approved' && inScope(scope, x))) {
    const counted = s.adjustedMinutes === null ? s.days : [{ date: s.days[0].date, minutes: s.adjustedMinutes }]
    const days = perDay.get(s.userId) ?? new Map<string, number>()
    for (const d of counted) days.set(d.date, (days.get(d.date) ?? 0) + d.minutes)
    perDay.set(s.userId, days)
    township.set(s.userId, [township.get(s.userId) ?? s.townshipCode, s.townshipCode].sort()[0])
    name.set(s.userId, [name.get(s.userId) ?? s.townshipName, s.townshipName].sort()[0])
  }
  return [...perDay].map(([userId, days]) => {
    const capped = [...days].map(([date, minutes]) => ({ date, minutes: Math.min(minutes, CAP) }))
    const within = (span: { from: string; to: string }) => sum(capped.filter((d) => inSpan(d.date, span)), (d) => d.minutes)
    const total = sum(capped, (d) => d.minutes)
    const star = STARS_HOURS.filter((h) => total / 60 >= h).length
    const months = new Map<string, number>()
    for (const d of capped) months.set(d.date.slice(0, 7), (months.get(d.date.slice(0, 7)) ?? 0) + d.minutes)
    return { userId, township: township.get(userId)!, townshipName: name.get(userId)!, total, months, month: sum(capped.filter((d) => d.date.startsWith(MONTH)), (d) => d.minutes), period: within(PERIOD), year: within(YEAR), lastPeriod: within(LAST), lastYear: within(LAST_YEAR), star }
  })
}

function expectedHours(scope: Scope, list: Session[] = sessions): DashboardOverview['hours'] {
  const ps = people(scope, list)
  const codes = [...new Set(ps.map((p) => p.township))].sort()
  const nameOf = (code: string) => TOWNSHIPS.find((t) => t.townshipCode === code)!.townshipName
  return {
    periodMinutes: { current: sum(ps, (p) => p.period), lastYear: sum(ps, (p) => p.lastPeriod) },
    yearMinutes: { current: sum(ps, (p) => p.year), lastYear: sum(ps, (p) => p.lastYear) },
    totalMinutes: sum(ps, (p) => p.total),
    volunteers: ps.length,
    byTownship: codes.map((code) => {
      const here = ps.filter((p) => p.township === code)
      return { townshipCode: code, townshipName: nameOf(code), volunteers: here.length, periodMinutes: sum(here, (p) => p.period), yearMinutes: sum(here, (p) => p.year), totalMinutes: sum(here, (p) => p.total) }
    }),
    stars: range(STARS_HOURS.length + 1).map((star) => ({ star, volunteers: ps.filter((p) => p.star === star).length })),
    byMonth: ['03', '04', '05', '06', '07', '08'].map((m) => ({ month: `2025-${m}`, minutes: sum(ps, (p) => p.months.get(`2025-${m}`) ?? 0), lastYear: sum(ps, (p) => p.months.get(`2024-${m}`) ?? 0) })),
  }
}

function expectedReport(scope: Scope, list: Session[] = sessions) {
  const nameOf = (userId: string) => registrations.find((r) => r.userId === userId)!.name
  return people(scope, list)
    .sort((a, b) => b.total - a.total || (a.userId < b.userId ? -1 : 1))
    .map((p) => ({ userId: p.userId, name: nameOf(p.userId), townshipName: p.townshipName, monthMinutes: p.month, totalMinutes: p.total, star: p.star }))
}

// ---- the calls ---------------------------------------------------------------------------

const overview = (openid: string, scope: Scope) => app.raw(openid, 'dashboard', { action: 'overview', input: { scope, period: PERIOD } }) as Promise<Envelope<DashboardOverview>>
const reportInput = (scope: Scope) => (scope.level === 'city' ? {} : scope.level === 'county' ? { countyCode: scope.code } : { townshipCode: scope.code })
const PLACES: [string, Scope][] = [
  [CITY_ADMIN, { level: 'city' }],
  [COUNTY_ADMIN, { level: 'county', code: '441802' }],
  [STAFF, { level: 'township', code: STAFF_TOWNSHIP.townshipCode }],
]

/** Every report page of the place, with the total and when the rollup was made. */
async function wholeReport(openid: string, scope: Scope, pageSize: number) {
  const items: unknown[] = []
  let total = -1
  let rolledUpAt: string | null = null
  for (let page = 1; ; page++) {
    const r = ok(await app.call(openid, 'service.report', { ...reportInput(scope), month: MONTH, page, pageSize }))
    total = r.total
    rolledUpAt = r.rolledUpAt
    items.push(...r.items)
    if (r.items.length < pageSize) break
  }
  return { items, total, rolledUpAt }
}

/**
 * The hours card and the report of every place match the sessions `asRead` (the rollup's figures
 * for the city and the county, as of its last run) or `now` (a township, always live); `rolled`:
 * whether the city and the county said they read a rollup, and up to when.
 */
async function expectExact(rolled: string | null, pageSizes = [50], asRead: Session[] = sessions, now: Session[] = sessions): Promise<void> {
  for (const [openid, scope] of PLACES) {
    const live = scope.level === 'township'
    const list = live ? now : asRead
    const o = ok(await overview(openid, scope))
    expect(o.hours).toEqual(expectedHours(scope, list))
    expect(o.rolledUpAt).toBe(live ? null : rolled)
    const expected = expectedReport(scope, list)
    for (const pageSize of scope.level === 'city' ? pageSizes : [20]) {
      const r = await wholeReport(openid, scope, pageSize)
      expect(r.total).toBe(expected.length)
      expect(r.items).toEqual(expected)
      expect(r.rolledUpAt).toBe(live ? null : rolled)
    }
  }
}

const fire = async () => {
  const fired = await app.cloud.fireTimer('dashboard', 'rollUpHours')
  if (!fired.ok || !(fired.result as Envelope<unknown>).ok) throw new Error(JSON.stringify(fired))
  return (fired.result as { data: Record<string, unknown> }).data
}
const rows = async () => {
  const out: Record<string, unknown>[] = []
  for (let offset = 0; ; offset += 100) {
    const r = (await app.cloud.db.handle('database.getDocument', { collectionName: 'hours_rollups', queryType: 'WHERE', query: '{}', offset, limit: 100 })) as { data: { list: string[] } }
    const list = r.data.list.map((d) => EJSON.parse(d) as Record<string, unknown>)
    out.push(...list)
    if (list.length < 100) return out.filter((d) => d._id !== '~state')
  }
}

beforeAll(async () => {
  app = await startAppCloud()
  await insert('users', users)
  await insert('registrations', registrations)
  await insert('sessions', sessions)
}, 60_000)
afterAll(() => app.close())

test('the fixture is past the caps and has what the rollup must get right', () => {
  const city = people({ level: 'city' })
  expect(city.length).toBeGreaterThan(100)
  expect(sessions.filter((s) => s.status === 'approved').length).toBeGreaterThan(1000)
  expect(new Set(city.map((p) => p.township)).size).toBe(16)
  expect(city.filter((p) => p.star >= 1).length).toBeGreaterThanOrEqual(2)
  // Volunteers serving in two townships: the county caps their shared day, the townships do not.
  const county = people({ level: 'county', code: '441802' })
  const mixed = county.find((p) => p.userId === userOf(3))!
  const one = people({ level: 'township', code: TOWNSHIPS[3].townshipCode }).find((p) => p.userId === userOf(3))!
  expect(mixed.total).toBeGreaterThan(one.total)
})

test('in sequence: no rollup, the timer, a stale rollup, the timer again, twice: exact figures as of the time each says', async () => {
  // No rollup yet: read live.
  await expectExact(null)

  // The timer builds it in slices of user ids, as many a run as its time allows; until the pass is
  // done the figures are read live (a partial rollup serves nothing), then every volunteer is a row
  // (those in both counties a row for the city and one per county).
  const firstRun = Date.now()
  let run = await fire()
  for (let n = 1; run.pass === 'under way' && n < 60; n++) {
    await expectExact(null, [])
    run = await fire()
  }
  expect(run).toMatchObject({ pass: 'done' })
  const built = await rows()
  const city = people({ level: 'city' })
  const twoCounties = city.filter((p) => new Set(sessions.filter((s) => s.userId === p.userId && s.status === 'approved').map((s) => s.countyCode)).size > 1)
  expect(twoCounties.length).toBeGreaterThanOrEqual(5)
  expect(built).toHaveLength(city.length + 2 * twoCounties.length)
  expect(built.filter((r) => String(r._id).includes('~'))).toHaveLength(2 * twoCounties.length)
  // The volunteers lay in many of the timer's slices: the pass walked them all.
  expect(new Set(built.map((r) => String(r._id).slice(0, 2))).size).toBeGreaterThan(60)
  const state = ok(await overview(CITY_ADMIN, { level: 'city' }))
  const countedTo = state.rolledUpAt!
  // Up to when: the start of the run that finished the pass (its cutoff), never later than now.
  expect(Date.parse(countedTo)).toBeGreaterThanOrEqual(firstRun - 1000)
  expect(Date.parse(countedTo)).toBeLessThanOrEqual(Date.now())
  await expectExact(countedTo)
  // The rows are what the readers now read: a row made wrong shows in the figures (a control).
  const victim = userOf(7)
  await update('hours_rollups', victim, { totalMinutes: 999_999 })
  await expect(expectExact(countedTo)).rejects.toThrow()
  await update('hours_rollups', victim, { totalMinutes: (built.find((r) => r._id === victim) as { totalMinutes: number }).totalMinutes })
  await expectExact(countedTo)

  // The rollup goes stale: a past day's session adjusted, a make-up for last year approved, an
  // adjusted record appealed (approved → pending: its time taken back), a new volunteer, one newly
  // serving in a second township, one newly serving in the other county.
  const asBuilt = sessions.map((s) => ({ ...s }))
  const later = new Date()
  const change = async (s: Session, data: Partial<Session>) => {
    Object.assign(s, data, { updatedAt: later })
    await update('sessions', s._id, { ...data, updatedAt: later })
  }
  await change(sessions.find((s) => s.userId === userOf(8) && s.status === 'approved' && s.adjustedMinutes === null)!, { adjustedMinutes: 333, reviewedAt: later })
  await change(sessions.find((s) => s.status === 'pending')!, { status: 'approved', reviewedAt: later })
  const appealed = sessions.find((s) => s.status === 'approved' && s.adjustedMinutes !== null && s.userId !== userOf(8))!
  await change(appealed, { status: 'pending' })
  const home11 = TOWNSHIPS[11 % 16]
  const fresh = [
    addSession(9, TOWNSHIPS[9 % 16], '2024-06-15', 240, { reviewedAt: later }),
    addSession(VOLUNTEERS, TOWNSHIPS[1], '2025-06-10', 200, { reviewedAt: later }),
    addSession(11, TOWNSHIPS.find((t) => t.countyCode === home11.countyCode && t.townshipCode !== home11.townshipCode)!, '2025-06-11', 120, { reviewedAt: later }),
    addSession(12, TOWNSHIPS.find((t) => t.countyCode !== TOWNSHIPS[12 % 16].countyCode)!, '2025-06-12', 150, { reviewedAt: later }),
  ]
  await insert('sessions', fresh)
  // The city and the county still show the figures as of the last run, and say so; a township is
  // live. Pages of 20 too.
  await expectExact(countedTo, [20, 50], asBuilt, sessions)

  // The timer takes them in; the figures are exact again, as of this run.
  expect(await fire()).toMatchObject({ done: true })
  const after = await rows()
  expect(after.find((r) => r._id === userOf(VOLUNTEERS))).toBeTruthy()
  expect(after.filter((r) => r.userId === userOf(12)).map((r) => r._id).sort()).toEqual([userOf(12), `${userOf(12)}~441802`, `${userOf(12)}~441803`])
  const recounted = ok(await overview(CITY_ADMIN, { level: 'city' })).rolledUpAt!
  expect(Date.parse(recounted)).toBeGreaterThan(Date.parse(countedTo))
  await expectExact(recounted)

  // Run twice: nothing changes.
  const before = (await rows()).sort((a, b) => String(a._id).localeCompare(String(b._id)))
  await fire()
  expect((await rows()).sort((a, b) => String(a._id).localeCompare(String(b._id)))).toEqual(before)
  await expectExact(ok(await overview(CITY_ADMIN, { level: 'city' })).rolledUpAt)
}, 180_000)

test('a volunteer whose last approved time is taken back leaves no row behind', async () => {
  const lone = addSession(VOLUNTEERS + 1, TOWNSHIPS[2], '2025-05-05', 120, { reviewedAt: new Date() })
  await insert('sessions', [lone])
  await fire()
  expect((await rows()).some((r) => r.userId === userOf(VOLUNTEERS + 1))).toBe(true)
  lone.status = 'pending'
  lone.updatedAt = new Date()
  await update('sessions', lone._id, { status: 'pending', updatedAt: lone.updatedAt })
  await fire()
  expect((await rows()).some((r) => r.userId === userOf(VOLUNTEERS + 1))).toBe(false)
  await expectExact(ok(await overview(CITY_ADMIN, { level: 'city' })).rolledUpAt)
})

test('scope is unchanged: the county admin cannot read the city, the staff not the county', async () => {
  expect(await overview(COUNTY_ADMIN, { level: 'city' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await overview(STAFF, { level: 'county', code: '441802' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(COUNTY_ADMIN, 'service.report', { countyCode: '441803' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  // The county's report holds only its own volunteers.
  const county = ok(await app.call(COUNTY_ADMIN, 'service.report', { month: MONTH, pageSize: 50 }))
  expect(county.total).toBe(people({ level: 'county', code: '441802' }).length)
})

test('only the platform fires the timer', async () => {
  expect(await app.raw(STAFF, 'dashboard', { Type: 'Timer', TriggerName: 'rollUpHours' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})
