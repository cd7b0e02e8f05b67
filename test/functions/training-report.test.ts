// Reports of the trainings and contests (issue 22 item 5) against a fixture put straight into the
// store: 150+ attendances across two counties, sessions a year earlier, drafts and cancelled
// sign-ups that never count, certificates (one withdrawn), online progress, contests of the city
// and a county with entries, results, awards and appeals. Every figure is worked out here in plain
// JavaScript over the documents this test inserted, for the city, a county and a township; the
// workbooks are opened with exceljs and matched to the same figures; places out of reach are
// refused and change nothing; the dashboard's card agrees.
import type { Envelope, OutputOf } from '../../types'
import { maskName } from '../../types/personal'
import { TRAINING_KIND_LABELS } from '../../types/vocabulary'
import { scan } from '../quality/pii'
import { startAppCloud, type AppCloud } from '../support/app'
import { addDays, hoursCell, inSpan, insertDocs, range, reportPeople, seeded, shanghaiAt, shanghaiDayOf as dayOf, sheetsOf } from '../support/fixture'

let app: AppCloud
const CITY_ADMIN = 'o_trr_city'
const COUNTY_ADMIN = 'o_trr_county' // 清城区
const OTHER_COUNTY_ADMIN = 'o_trr_county2' // 清新区
const STAFF = 'o_trr_staff' // 凤城街道
const VOLUNTEER = 'o_trr_volunteer'

const FENGCHENG = '441802006'
const DONGCHENG = '441802007'
const TAIHE = '441803102'
const COUNTY_OF: Record<string, string> = { [FENGCHENG]: '441802', [DONGCHENG]: '441802', [TAIHE]: '441803' }
const TOWNSHIPS = [FENGCHENG, DONGCHENG, TAIHE]
const KINDS = ['preservice', 'practice', 'leader', 'ecommerce', 'lecture', 'online'] as const

const PERIOD = { from: '2025-03-01', to: '2025-08-31' }
const LAST = { from: '2024-03-01', to: '2024-08-31' }

const { rand, int } = seeded(20251205)
const hex = (prefix: string, i: number, width = 13) => `${prefix}${i.toString(16).padStart(width - prefix.length, '0')}`
/** The instant a Shanghai wall-clock time happens (on the hour). */
const shanghai = (ymd: string, hour: number) => shanghaiAt(ymd, hour)
const insert = (collectionName: string, docs: Record<string, unknown>[]) => insertDocs(app, collectionName, docs)

// ---- the fixture ---------------------------------------------------------------------------

const now = new Date()
const users = reportPeople({ city: CITY_ADMIN, county: COUNTY_ADMIN, otherCounty: OTHER_COUNTY_ADMIN, staff: STAFF, volunteer: VOLUNTEER }, (i) => hex('trr0', i, 24), now)

// 144 learners: each approved once (volunteer or rural youth) in one of three townships; every 9th
// also has a pending registration elsewhere (never places them); learners 70, 71, 142 and 143 have none approved.
const LEARNERS = range(144).map((i) => ({ userId: hex('trl', i, 24), township: TOWNSHIPS[i % 3], kind: i % 4 === 0 ? 'rural_youth' : 'volunteer', approved: i % 72 < 70 }))
const registrations = LEARNERS.flatMap((l, i) => [
  { _id: hex('trg', i, 24), userId: l.userId, kind: l.kind, status: l.approved ? 'approved' : 'pending', countyCode: COUNTY_OF[l.township], townshipCode: l.township, name: `学员${i}`, createdAt: now },
  ...(i % 9 === 0 ? [{ _id: hex('trh', i, 24), userId: l.userId, kind: l.kind === 'volunteer' ? 'rural_youth' : 'volunteer', status: 'pending', countyCode: '441803', townshipCode: TAIHE, name: `学员${i}`, createdAt: now }] : []),
])
const placeOfLearner = (userId: string, kind?: string) => {
  const l = LEARNERS.find((x) => x.userId === userId)!
  return l.approved && (!kind || kind === l.kind) ? { county: COUNTY_OF[l.township], township: l.township } : { county: '', township: '' }
}

// Courses: one per kind (the city's, and 清城区's practice course), an online course with 3 parts, and a draft.
const courses = KINDS.map((kind, i) => ({
  _id: hex('C', i),
  title: `课程${i}`,
  kind,
  audience: 'both',
  department: '团市委',
  countyCode: kind === 'practice' ? '441802' : '',
  description: '',
  requiredSessions: 1,
  parts: kind === 'online' ? [0, 1, 2].map((p) => ({ id: `p00000${p}`, title: `课时${p}`, minutes: 30 + p * 15, link: '' })) : [],
  status: 'published',
  createdBy: 'x',
  createdAt: now,
  updatedAt: now,
}))

// 16 sessions: 10 in the period, 4 a year earlier, one before the last-year span, one draft (never counted).
const SESSION_DATES = [...range(10).map((i) => addDays(PERIOD.from, i * 17)), ...range(4).map((i) => addDays(LAST.from, i * 40)), '2024-01-15', addDays(PERIOD.from, 5)]
const sessions = SESSION_DATES.map((date, i) => ({
  _id: hex('S', i),
  courseId: courses[i % 5]._id,
  countyCode: courses[i % 5].countyCode,
  title: `第${i + 1}期`,
  date,
  startTime: '09:00',
  endTime: '11:30',
  minutes: 90 + (i % 3) * 30,
  status: i === 15 ? 'draft' : 'published',
  capacity: 100,
  confirmedCount: 0,
  waitlist: [],
  createdAt: now,
  updatedAt: now,
}))

// Sign-ups: 24–40 learners per session; confirmed (4 in 5 attended), waiting or cancelled (never counted).
const signups = sessions.flatMap((s, si) => {
  const start = int(0, LEARNERS.length - 1)
  return range(int(24, 40)).map((k) => {
    const l = LEARNERS[(start + k * 5) % LEARNERS.length]
    const roll = rand()
    const status = roll < 0.8 ? 'confirmed' : roll < 0.9 ? 'waiting' : 'cancelled'
    const attended = status === 'confirmed' && rand() < 0.8
    return { _id: `${s._id}:${l.userId}`, sessionId: s._id, courseId: s.courseId, userId: l.userId, kind: l.kind, status, attended, minutes: attended ? s.minutes : 0, name: `学员${si}`, createdAt: now, updatedAt: now }
  })
})

// Certificates: completed in the period, a year earlier or outside; every 7th withdrawn.
const certificates = range(40).map((i): Record<string, unknown> & { userId: string; kind: string; completedAt: Date; revokedAt?: Date | null } => {
  const l = LEARNERS[(i * 7) % 72]
  const course = courses[i % 6]
  const day = i % 3 === 0 ? addDays(LAST.from, i) : i % 5 === 0 ? '2023-06-01' : addDays(PERIOD.from, i * 3)
  return { _id: `${course._id}:${l.userId}:${i}`, code: hex('T', i, 12), userId: l.userId, courseId: course._id, kind: course.kind, name: '学员', courseTitle: course.title, department: '', hours: 2, sessions: [], completedAt: shanghai(day, i % 2 ? 23 : 1), ...(i % 7 === 3 ? { revokedAt: now } : i % 2 ? { revokedAt: null } : {}) }
})

// Online progress: parts of the online course, last made in the period, a year earlier or before; one unknown part id.
const ONLINE = courses[5]
const progress = range(30).map((i) => {
  const l = LEARNERS[(i * 5 + 1) % 72]
  const day = i % 4 === 0 ? addDays(LAST.from, i) : i % 9 === 0 ? '2022-02-02' : addDays(PERIOD.from, i * 2)
  return { _id: `${ONLINE._id}:${l.userId}`, courseId: ONLINE._id, userId: l.userId, parts: ['p000000', 'p000001', 'p000002', 'p9999ff'].slice(0, 1 + (i % 4)), updatedAt: shanghai(day, 12) }
})

// Contests: the city's and 清城区's in the period, 清新区's in the period, the city's a year earlier, and a draft.
const contest = (i: number, countyCode: string, created: string, status: string) => ({
  _id: hex('K', i, 24),
  kind: 'live',
  title: `大赛${i}`,
  rules: '',
  countyCode,
  countyName: countyCode === '441802' ? '清城区' : countyCode === '441803' ? '清新区' : '',
  mode: 'team',
  maxTeamSize: 5,
  rounds: [{ name: '初赛' }, { name: '决赛' }],
  rubric: [],
  awards: [
    { name: '一等奖', count: 1 },
    { name: '二等奖', count: 2 },
  ],
  appealDays: 3,
  status,
  round: 1,
  submitted: 0,
  settledRound: 1,
  publishedAt: null,
  appealUntil: null,
  version: 1,
  createdBy: 'x',
  createdAt: shanghai(created, 10),
  updatedAt: now,
})
const contests = [contest(0, '', '2025-04-01', 'published'), contest(1, '441802', '2025-05-01', 'judging'), contest(2, '441803', '2025-06-01', 'open'), contest(3, '', '2024-05-01', 'published'), contest(4, '', '2025-05-05', 'draft')]
const OUTCOMES = ['晋级', '未晋级']
const entries = contests.flatMap((c, ci) =>
  range(6 + ci * 3).map((i) => {
    const team = i % 3 !== 0
    const members = team ? 1 + (i % 4) : 1
    const submitted = i % 5 !== 4
    const results = submitted ? [{ round: 0, score: 80, rank: i + 1, outcome: OUTCOMES[i % 2] }, ...(i % 2 === 0 ? [{ round: 1, score: 85, rank: i + 1, outcome: i < 2 ? '一等奖' : i < 6 ? '二等奖' : '优胜' }] : [])] : []
    const award = results.length === 2 && i < 6 ? (i < 2 ? '一等奖' : '二等奖') : ''
    return { _id: hex(`E${ci}`, i, 24), contestId: c._id, contestTitle: c.title, countyCode: c.countyCode, mode: team ? 'team' : 'individual', captainId: 'x', captainName: `队长${ci}${i}`, members: [], memberIds: range(members).map((m) => `m${ci}${i}${m}`), teamCode: `T${ci}${i}`, title: `作品${ci}-${i}`, workUrl: '', pictureIds: [], description: '', status: award ? 'awarded' : 'submitted', round: 1, submittedAt: submitted ? now : null, results, lastRound: results.length - 1, lastRank: i + 1, lastScore: 80 + i, award, version: 1, createdAt: now, updatedAt: now }
  }),
)
const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const
const appeals = entries.filter((_e, i) => i % 4 === 1).map((e, i) => ({ _id: `${e._id}:0`, contestId: e.contestId, countyCode: e.countyCode, entryId: e._id, entryTitle: e.title, round: 0, userId: 'x', reason: '复核', status: APPEAL_STATUSES[i % 3], answer: '', answeredBy: '', answeredAt: null, createdAt: now }))

// ---- what the reports must say, worked out here --------------------------------------------

type Place = { level: 'city' } | { level: 'county'; code: string } | { level: 'township'; code: string }
const within = (p: Place, where: { county: string; township: string }) => p.level === 'city' || (p.level === 'county' ? where.county === p.code : where.township === p.code)

function expectedTraining(p: Place) {
  const rows = (span: { from: string; to: string }) =>
    signups
      .filter((x) => x.status === 'confirmed')
      .map((x) => ({ x, s: sessions.find((s) => s._id === x.sessionId)! }))
      .filter(({ s }) => s.status === 'published' && inSpan(s.date, span))
      .map(({ x, s }) => ({ ...x, kind: courses.find((c) => c._id === s.courseId)!.kind, where: placeOfLearner(x.userId, x.kind) }))
      .filter((x) => within(p, x.where))
  const now = rows(PERIOD)
  const then = rows(LAST)
  const certs = (span: { from: string; to: string }) => certificates.filter((c) => !c.revokedAt && inSpan(dayOf(c.completedAt), span) && within(p, placeOfLearner(c.userId)))
  const online = (span: { from: string; to: string }) => progress.filter((x) => inSpan(dayOf(x.updatedAt), span) && within(p, placeOfLearner(x.userId)))
  const parts = (list: typeof progress) => list.reduce((n, x) => n + x.parts.filter((id) => ONLINE.parts.some((q) => q.id === id)).length, 0)
  const partMinutes = (list: typeof progress) => list.reduce((n, x) => n + ONLINE.parts.filter((q) => x.parts.includes(q.id)).reduce((m, q) => m + q.minutes, 0), 0)
  const people = (list: typeof now) => new Set(list.map((x) => x.userId)).size
  const attended = (list: typeof now) => list.filter((x) => x.attended)
  const minutes = (list: typeof now) => attended(list).reduce((n, x) => n + x.minutes, 0)
  const placeKey = (w: { county: string; township: string }) => (p.level === 'city' ? w.county : w.township)
  const places = [...new Set([...now, ...then].map((x) => placeKey(x.where)))]
  return {
    totals: {
      signups: { current: now.length, lastYear: then.length },
      personTimes: { current: attended(now).length, lastYear: attended(then).length },
      people: { current: people(now), lastYear: people(then) },
      minutes: { current: minutes(now), lastYear: minutes(then) },
      completions: { current: certs(PERIOD).length, lastYear: certs(LAST).length },
      onlineParts: { current: parts(online(PERIOD)), lastYear: parts(online(LAST)) },
      onlineMinutes: { current: partMinutes(online(PERIOD)), lastYear: partMinutes(online(LAST)) },
    },
    byKind: KINDS.map((kind) => {
      const mine = now.filter((x) => x.kind === kind)
      return { kind, signups: mine.length, personTimes: attended(mine).length, people: people(mine), minutes: minutes(mine), completions: certs(PERIOD).filter((c) => c.kind === kind).length, lastYearPersonTimes: attended(then.filter((x) => x.kind === kind)).length }
    }),
    byPlace: Object.fromEntries(
      places.map((code) => {
        const mine = now.filter((x) => placeKey(x.where) === code)
        return [code, { signups: mine.length, personTimes: attended(mine).length, people: people(mine), minutes: minutes(mine), lastYearPersonTimes: attended(then.filter((x) => placeKey(x.where) === code)).length }]
      }),
    ),
  }
}

function expectedContests(p: { level: 'city' } | { level: 'county'; code: string }) {
  const start = shanghai(PERIOD.from, 0)
  const end = shanghai(addDays(PERIOD.to, 1), 0)
  const held = contests.filter((c) => c.status !== 'draft' && c.createdAt >= start && c.createdAt < end && (p.level === 'city' || c.countyCode === p.code))
  return held
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((c) => {
      const mine = entries.filter((e) => e.contestId === c._id)
      const count = (f: (e: (typeof mine)[number]) => boolean) => mine.filter(f).length
      const awards = [...new Set(mine.map((e) => e.award).filter(Boolean))].map((name) => ({ name, count: count((e) => e.award === name) }))
      return {
        contestId: c._id,
        entries: mine.length,
        byMode: (['individual', 'team'] as const).map((mode) => ({ mode, entries: count((e) => e.mode === mode) })).filter((m) => m.entries > 0),
        people: mine.reduce((n, e) => n + e.memberIds.length, 0),
        submitted: count((e) => e.submittedAt !== null),
        judged: count((e) => e.results.length > 0),
        rounds: [0, 1].map((round) => {
          const outcomes = [...new Set(mine.flatMap((e) => e.results.filter((r) => r.round === round).map((r) => r.outcome)))]
          return outcomes.map((outcome) => ({ outcome, count: count((e) => e.results.some((r) => r.round === round && r.outcome === outcome)) })).sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome))
        }),
        awards: awards.sort((a, b) => ['一等奖', '二等奖'].indexOf(a.name) - ['一等奖', '二等奖'].indexOf(b.name)),
        appeals: APPEAL_STATUSES.map((status) => ({ status, count: appeals.filter((a) => a.contestId === c._id && a.status === status).length })),
      }
    })
}

beforeAll(async () => {
  app = await startAppCloud()
  await insert('users', users)
  await insert('registrations', registrations)
  await insert('training_courses', courses)
  await insert('training_sessions', sessions)
  await insert('training_signups', signups)
  await insert('training_certificates', certificates)
  await insert('training_progress', progress)
  await insert('contests', contests)
  await insert('contest_entries', entries)
  await insert('contest_appeals', appeals)
})

afterAll(() => app.close())

type Report = OutputOf<'training.report'>
const report = (openid: string, scope: Place, period = PERIOD) => app.raw(openid, 'training', { action: 'report', input: { scope, period } }) as Promise<Envelope<Report>>
const contestReport = (openid: string, scope: Place) => app.raw(openid, 'contest', { action: 'report', input: { scope, period: PERIOD } }) as Promise<Envelope<OutputOf<'contest.report'>>>

test('the fixture is past the caps, across two counties, with what never counts (so the figures below can be wrong)', () => {
  const counted = signups.filter((x) => x.attended && inSpan(sessions.find((s) => s._id === x.sessionId)!.date, PERIOD))
  expect(counted.length).toBeGreaterThan(100)
  expect(new Set(counted.map((x) => placeOfLearner(x.userId, x.kind).county))).toEqual(new Set(['441802', '441803', '']))
  expect(signups.some((x) => x.status === 'waiting')).toBe(true)
  expect(signups.some((x) => x.status === 'cancelled')).toBe(true)
  expect(signups.some((x) => x.sessionId === sessions[15]._id)).toBe(true)
  expect(certificates.some((c) => c.revokedAt && inSpan(dayOf(c.completedAt), PERIOD))).toBe(true)
})

describe.each([
  ['the city, as its admin', CITY_ADMIN, { level: 'city' } as Place],
  ['清城区, as its admin', COUNTY_ADMIN, { level: 'county', code: '441802' } as Place],
  ['清新区, as the city admin', CITY_ADMIN, { level: 'county', code: '441803' } as Place],
  ['凤城街道, as its staff', STAFF, { level: 'township', code: FENGCHENG } as Place],
])('training.report for %s', (_name, who, scope) => {
  let r: Report
  const want = expectedTraining(scope)
  beforeAll(async () => {
    const got = await report(who, scope)
    if (!got.ok) throw new Error(JSON.stringify(got.error))
    r = got.data
  })

  test('totals: sign-ups, person-times, people, minutes, completions and online parts, beside last year', () => {
    expect(r.totals).toEqual(want.totals)
    expect(r.totals.personTimes.current).toBeGreaterThan(0)
    expect(r.lastYearPeriod).toEqual(LAST)
  })

  test('per kind', () => {
    expect(r.byKind).toEqual(want.byKind)
  })

  test('per county for the city, per township below it', () => {
    expect(r.placeLevel).toBe(scope.level === 'city' ? 'county' : 'township')
    const got = Object.fromEntries(r.byPlace.map(({ code, name: _n, completions: _c, ...rest }) => [code, rest]))
    expect(got).toEqual(want.byPlace)
    expect(r.byPlace.reduce((n, x) => n + x.personTimes, 0)).toBe(want.totals.personTimes.current)
    expect(r.byPlace.reduce((n, x) => n + x.completions, 0)).toBe(want.totals.completions.current)
  })
})

test('places out of reach are refused, a township holds no contest, and bad input names its field: nothing changes', async () => {
  const before = app.dump()
  for (const [who, scope] of [
    [COUNTY_ADMIN, { level: 'city' }],
    [COUNTY_ADMIN, { level: 'county', code: '441803' }],
    [OTHER_COUNTY_ADMIN, { level: 'township', code: FENGCHENG }],
    [STAFF, { level: 'county', code: '441802' }],
    [STAFF, { level: 'township', code: DONGCHENG }],
  ] as const) {
    for (const fn of ['training', 'contest']) {
      const got = (await app.raw(who, fn, { action: 'report', input: { scope, period: PERIOD } })) as Envelope<unknown>
      expect(got.ok).toBe(false)
      // A county admin asking for a township's contests is told contests are held by the city or a county.
      if (!got.ok) expect(got.error.code).toBe(fn === 'contest' && scope.level === 'township' && who !== STAFF ? 'INVALID_INPUT' : 'FORBIDDEN')
    }
  }
  for (const fn of ['training', 'contest']) {
    const got = (await app.raw(VOLUNTEER, fn, { action: 'report', input: { scope: { level: 'township', code: FENGCHENG }, period: PERIOD } })) as Envelope<unknown>
    expect(got.ok).toBe(false)
  }
  const township = await contestReport(CITY_ADMIN, { level: 'township', code: FENGCHENG })
  expect(township.ok || township.error).toMatchObject({ code: 'INVALID_INPUT', field: 'scope.level' })
  const long = await report(CITY_ADMIN, { level: 'city' }, { from: '2024-01-01', to: '2025-01-01' })
  expect(long.ok || long.error).toMatchObject({ code: 'INVALID_INPUT', field: 'period.to' })
  expect(app.dump()).toBe(before)
})

describe.each([
  ['the city', CITY_ADMIN, { level: 'city' } as const],
  ['清城区', COUNTY_ADMIN, { level: 'county', code: '441802' } as const],
])('contest.report for %s', (_name, who, scope) => {
  test('every contest it holds created in the period: entries, people, submitted, judged, results per round, awards, appeals', async () => {
    const want = expectedContests(scope)
    const got = await contestReport(who, scope)
    if (!got.ok) throw new Error(JSON.stringify(got.error))
    expect(got.data.items.map((i) => ({ contestId: i.contestId, entries: i.entries, byMode: i.byMode, people: i.people, submitted: i.submitted, judged: i.judged, rounds: i.rounds.map((x) => x.outcomes), awards: i.awards, appeals: i.appeals }))).toEqual(want)
    expect(got.data.totals.entries).toBe(want.reduce((n, c) => n + c.entries, 0))
    expect(got.data.totals.awarded).toBe(want.reduce((n, c) => n + c.awards.reduce((m, a) => m + a.count, 0), 0))
    expect(want.length).toBe(scope.level === 'city' ? 3 : 1)
  })
})

// ---- the workbooks -------------------------------------------------------------------------

const rate = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—')

test('the training workbook holds the figures, per kind, per county and per session, to the unit', async () => {
  const got = (await app.raw(CITY_ADMIN, 'training', { action: 'exportReport', input: { scope: { level: 'city' }, period: PERIOD } })) as Envelope<{ fileUrl: string; rows: number }>
  if (!got.ok) throw new Error(JSON.stringify(got.error))
  const book = await sheetsOf(got.data.fileUrl)
  const want = expectedTraining({ level: 'city' })
  const t = want.totals
  expect(book.get('总览')!.map((r) => r.slice(2))).toEqual([
    [t.signups.current, t.signups.lastYear],
    [t.personTimes.current, t.personTimes.lastYear],
    [rate(t.personTimes.current, t.signups.current), rate(t.personTimes.lastYear, t.signups.lastYear)],
    [t.people.current, t.people.lastYear],
    [t.completions.current, t.completions.lastYear],
    [rate(t.completions.current, t.people.current), rate(t.completions.lastYear, t.people.lastYear)],
    [hoursCell(t.minutes.current), hoursCell(t.minutes.lastYear)],
    [t.onlineParts.current, t.onlineParts.lastYear],
    [hoursCell(t.onlineMinutes.current), hoursCell(t.onlineMinutes.lastYear)],
  ])
  expect(book.get('按类别')!.map((r) => [r[0], r[1], r[2], r[4], r[6]])).toEqual(want.byKind.map((k) => [expect.any(String), k.signups, k.personTimes, k.people, hoursCell(k.minutes)]))
  const counties = book.get('按县（市、区）')!
  expect(counties.map((r) => r[0])).toEqual(['清城区', '清新区', '未注明'])
  expect(counties.map((r) => r[2])).toEqual(['441802', '441803', ''].map((c) => want.byPlace[c].personTimes))
  // Per session: the sessions of the period (not the draft), their attendances adding up to the total; nobody named.
  const perSession = book.get('各场次')!
  const heldInPeriod = sessions.filter((s) => s.status === 'published' && inSpan(s.date, PERIOD))
  expect(perSession).toHaveLength(heldInPeriod.length)
  expect(perSession.map((r) => r[0])).toEqual(heldInPeriod.map((s) => s.date).sort())
  expect(perSession.reduce((n, r) => n + Number(r[6]), 0)).toBe(t.personTimes.current)
  // Nobody named in clear (the learners' sheet masks them: 学**5).
  expect(JSON.stringify([...book.values()])).not.toMatch(/学员\d/)
})

const PLACE_NAMES: Record<string, string> = { '441802': '清城区', '441803': '清新区', [FENGCHENG]: '凤城街道', [DONGCHENG]: '东城街道', [TAIHE]: '太和镇', '': '未注明' }
/** The learners' sheet as it must read: per course and learner (a seat at a session of the period), in course then learner order. */
function expectedLearners(p: Place) {
  const seats = signups
    .filter((x) => x.status === 'confirmed')
    .map((x) => ({ x, s: sessions.find((s) => s._id === x.sessionId)! }))
    .filter(({ s }) => s.status === 'published' && inSpan(s.date, PERIOD))
    .map(({ x }) => ({ ...x, where: placeOfLearner(x.userId, x.kind) }))
    .filter((x) => within(p, x.where))
  const rows = new Map<string, typeof seats>()
  for (const x of seats) rows.set(`${x.courseId}|${x.userId}`, [...(rows.get(`${x.courseId}|${x.userId}`) ?? []), x])
  const people = new Set(seats.map((x) => x.userId)).size
  const list = [...rows.values()]
    .map((mine) => {
      const { courseId, userId, kind, where } = mine[0]
      const course = courses.find((c) => c._id === courseId)!
      const i = LEARNERS.findIndex((l) => l.userId === userId)
      const named = LEARNERS[i].approved && LEARNERS[i].kind === kind
      const done = certificates.some((c) => c.userId === userId && c.courseId === courseId && !c.revokedAt)
      const attended = mine.filter((x) => x.attended)
      return { key: [course.title, courseId, userId], cells: [course.title, TRAINING_KIND_LABELS[course.kind], named ? maskName(`学员${i}`) : '', PLACE_NAMES[where.county], PLACE_NAMES[where.township], mine.length, attended.length, hoursCell(attended.reduce((n, x) => n + x.minutes, 0)), done ? '是' : '否'] }
    })
    .sort((a, b) => a.key.join('|').localeCompare(b.key.join('|')))
    .map((r) => r.cells)
  return { rows: list, people }
}

describe.each([
  ['the city', CITY_ADMIN, { level: 'city' } as Place],
  ['凤城街道, as its staff', STAFF, { level: 'township', code: FENGCHENG } as Place],
])('the training workbook of %s', (_name, who, scope) => {
  test('lists the learners behind the figures per course: masked name, place, seats, sessions attended, hours, completed', async () => {
    const got = (await app.raw(who, 'training', { action: 'exportReport', input: { scope, period: PERIOD } })) as Envelope<{ fileUrl: string; rows: number }>
    if (!got.ok) throw new Error(JSON.stringify(got.error))
    const book = await sheetsOf(got.data.fileUrl)
    const learners = book.get('各课程学员')!
    const { rows: want, people } = expectedLearners(scope)
    expect(learners).toEqual(want)
    expect(got.data.rows).toBe([...book.values()].reduce((n, rows) => n + rows.length, 0))
    // Its attendances are the report's: the sheet adds up to 出勤人次 and 面授学时.
    const t = expectedTraining(scope).totals
    expect(learners.reduce((n, r) => n + Number(r[6]), 0)).toBe(t.personTimes.current)
    expect(learners.reduce((n, r) => n + Number(r[5]), 0)).toBe(t.signups.current)
    if (scope.level === 'city') {
      // Past a page of the platform's reads, a learner with a completed course and one with a withdrawn certificate among them.
      expect(people).toBeGreaterThan(100)
      expect(want.some((r) => r[8] === '是')).toBe(true)
      expect(certificates.some((c) => c.revokedAt && want.some((r) => r[0] === courses.find((x) => x._id === c.courseId)!.title))).toBe(true)
      expect(want.some((r) => r[2] === '' && r[4] === '未注明')).toBe(true)
    } else expect(learners.every((r) => r[4] === '凤城街道')).toBe(true)
    // No ID number, mobile or bank number, and no name in clear.
    const text = JSON.stringify(learners)
    expect(scan(text)).toEqual([])
    expect(text).not.toMatch(/学员\d/)
    expect(learners.every((r) => r[2] === '' || /^学\*+\d$/.test(String(r[2])))).toBe(true)
  })
})

test('the contest workbook holds each contest, its rounds and its awarded entries, captains masked', async () => {
  const got = (await app.raw(CITY_ADMIN, 'contest', { action: 'exportReport', input: { scope: { level: 'city' }, period: PERIOD } })) as Envelope<{ fileUrl: string; rows: number }>
  if (!got.ok) throw new Error(JSON.stringify(got.error))
  const book = await sheetsOf(got.data.fileUrl)
  const want = expectedContests({ level: 'city' })
  expect(book.get('总览')!.map((r) => r[1])).toEqual([
    want.length,
    want.reduce((n, c) => n + c.entries, 0),
    want.reduce((n, c) => n + c.people, 0),
    want.reduce((n, c) => n + c.submitted, 0),
    want.reduce((n, c) => n + c.judged, 0),
    want.reduce((n, c) => n + c.awards.reduce((m, a) => m + a.count, 0), 0),
    want.reduce((n, c) => n + c.appeals.reduce((m, a) => m + a.count, 0), 0),
  ])
  expect(book.get('各大赛')!.map((r) => [r[3], r[4]])).toEqual(want.map((c) => ['individual', 'team'].map((m) => c.byMode.find((x) => x.mode === m)?.entries ?? 0)))
  expect(book.get('各轮结果')!.reduce((n, r) => n + Number(r[3]), 0)).toBe(want.reduce((n, c) => n + c.rounds.flat().reduce((m, o) => m + o.count, 0), 0))
  const awarded = book.get('获奖作品')!
  expect(awarded).toHaveLength(want.reduce((n, c) => n + c.awards.reduce((m, a) => m + a.count, 0), 0))
  for (const row of awarded) expect(String(row[2])).toMatch(/^队\*/)
})

test('the dashboard shows the trainings and contests of the same place and period', async () => {
  for (const [who, scope] of [
    [CITY_ADMIN, { level: 'city' }],
    [COUNTY_ADMIN, { level: 'county', code: '441802' }],
    [STAFF, { level: 'township', code: FENGCHENG }],
  ] as const) {
    const got = (await app.raw(who, 'dashboard', { action: 'overview', input: { scope, period: PERIOD } })) as Envelope<OutputOf<'dashboard.overview'>>
    if (!got.ok) throw new Error(JSON.stringify(got.error))
    const want = expectedTraining(scope)
    expect(got.data.training.personTimes).toEqual(want.totals.personTimes)
    expect(got.data.training.signups).toEqual(want.totals.signups)
    expect(got.data.training.minutes).toEqual(want.totals.minutes)
    if (scope.level === 'township') {
      expect(got.data.training.contests).toBeNull()
      continue
    }
    const held = expectedContests(scope)
    expect(got.data.training.contests!.contests.current).toBe(held.length)
    expect(got.data.training.contests!.entries.current).toBe(held.reduce((n, c) => n + c.entries, 0))
    expect(got.data.training.contests!.awarded.current).toBe(held.reduce((n, c) => n + c.awards.reduce((m, a) => m + a.count, 0), 0))
  }
  // The city's contest a year earlier.
  const city = (await app.raw(CITY_ADMIN, 'dashboard', { action: 'overview', input: { scope: { level: 'city' }, period: PERIOD } })) as Envelope<OutputOf<'dashboard.overview'>>
  expect(city.ok && city.data.training.contests!.contests.lastYear).toBe(1)
})

test('round trips: the caller read, then one aggregation per figure group (training) and the contests read, then one aggregation each for entries, results and appeals (contest)', async () => {
  const period = PERIOD
  const trips = async (fn: string) => {
    const outcome = await app.cloud.invoke(fn, { action: 'report', input: { scope: { level: 'city' }, period } }, { openid: CITY_ADMIN, source: 'wx_client' })
    expect(outcome.ok).toBe(true)
    return outcome.ok ? outcome.record.dbRequests.filter((q) => q.action.startsWith('database.')).map((q) => `${q.action.replace('database.', '')} ${q.collection ?? ''}`.trim()) : []
  }
  expect((await trips('training')).sort()).toEqual(['aggregateDocuments training_certificates', 'aggregateDocuments training_progress', 'aggregateDocuments training_sessions', 'getDocument users'])
  const contest = await trips('contest')
  expect(contest.length).toBeLessThanOrEqual(5)
  expect(contest.filter((q) => q.startsWith('aggregate')).sort()).toEqual(['aggregateDocuments contest_appeals', 'aggregateDocuments contest_entries', 'aggregateDocuments contest_entries'])
})
