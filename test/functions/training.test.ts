// Trainings: courses and sessions set up by the league within its reach; sign-up within capacity or
// onto an ordered waiting list (the job fairs' engine), promotion on cancellation, a 200-way race
// with a read-then-write control that overbooks; door codes that expire, belong to one session and
// cannot be replayed (once in; out only with a later code); attendance by list; completion, the
// certificate and its verification; training hours apart from service hours; the roster paged
// over 130 sign-ups; the eve-of-session reminder, once.
import { EJSON } from 'bson'
import { ok, startDemoCloud, TEST_FUNCTION_ENV, type AppCloud } from '../support/app'
import { race, raceLog } from '../support/race'
import { shanghaiDate, shanghaiDateTime } from '../../types/time'
import type { InputOf, OutputOf } from '../../types'
import { kioskCode } from '../../cloudfunctions/_shared/kiosk'

let app: AppCloud
const CITY = 'o_demo_city'
const COUNTY = 'o_demo_county' // 清城区 441802
const OTHER_COUNTY = 'o_tr_county2' // 清新区 441803, invited below
const VOLUNTEER = 'o_demo_volunteer' // 清城区
const KEY = Buffer.from(TEST_FUNCTION_ENV.XQ_TOKEN_KEY, 'base64')
const DAY = 86_400_000
const dateIn = (days: number) => shanghaiDate(Date.now() + days * DAY)
const momentIn = (ms: number) => shanghaiDateTime(Date.now() + ms)
const windowNow = (back = 0) => Math.floor(Date.now() / 30_000) * 30 - back * 30

type Course = OutputOf<'training.get'>['course']
type Session = OutputOf<'training.saveSession'>

async function newCourse(overrides: Partial<InputOf<'training.save'>> = {}, who = CITY): Promise<Course> {
  return ok(await app.call(who, 'training.save', { title: '乡村振兴岗前培训', kind: 'preservice', audience: 'volunteer', department: '团市委组织部', description: '市情、县情、工作方法', ...overrides }))
}

async function newSession(courseId: string, overrides: Partial<InputOf<'training.saveSession'>> = {}, who = CITY): Promise<Session> {
  return ok(await app.call(who, 'training.saveSession', sessionInput(courseId, overrides)))
}

function sessionInput(courseId: string, overrides: Partial<InputOf<'training.saveSession'>> = {}): InputOf<'training.saveSession'> {
  return {
    courseId,
    title: '第一期',
    date: dateIn(7),
    startTime: '09:00',
    endTime: '11:30',
    venue: '清远市青少年宫',
    address: '清城区北江一路 8 号',
    location: { lat: 23.68, lng: 113.05 },
    capacity: 10,
    signupOpensAt: momentIn(-3600_000),
    signupClosesAt: `${dateIn(6)} 18:00`,
    materials: '讲义：https://example.org/a.pdf',
    ...overrides,
  }
}

async function published(overrides: Partial<InputOf<'training.save'>> = {}, session: Partial<InputOf<'training.saveSession'>> = {}) {
  const c = await newCourse(overrides)
  const s = await newSession(c.id, session)
  ok(await app.call(CITY, 'training.setStatus', { id: c.id, status: 'published' }))
  return { c, s }
}

async function insert(collectionName: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    await app.cloud.db.handle('database.insertDocument', { collectionName, data: docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false })) })
  }
}

async function setSession(id: string, set: Record<string, unknown>) {
  await app.cloud.db.handle('database.modifyDocument', { collectionName: 'training_sessions', queryType: 'DOC', query: JSON.stringify({ _id: id }), data: EJSON.stringify({ $set: set }, { relaxed: false }), merge: true })
}

const docs = (name: string): Record<string, unknown>[] => [...(app.cloud.store.get(name)?.docs.values() ?? [])] as Record<string, unknown>[]

let people = 0
/** `n` approved volunteers of 清城区, inserted directly (the registration flow has its own tests). */
async function volunteers(n: number, kind: 'volunteer' | 'rural_youth' = 'volunteer'): Promise<string[]> {
  const now = new Date()
  const made = Array.from({ length: n }, () => {
    const i = ++people
    const id = `tr${String(i).padStart(22, '0')}`
    return {
      openid: `o_tr_${i}`,
      user: { _id: id, openid: `o_tr_${i}`, nickname: '', avatarFileId: '', mobile: '', roles: kind === 'volunteer' ? [{ role: 'volunteer', scopeType: 'township', scopeId: '441802006', scopeName: '凤城街道' }] : [{ role: 'rural_youth', scopeType: 'city', scopeId: '4418', scopeName: '清远市' }], status: 'active', createdAt: now, updatedAt: now },
      reg: { _id: `rg${id}`, userId: id, kind, status: 'approved', name: `学员${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`.replace(/\d/g, (d) => '〇一二三四五六七八九'[Number(d)]), mobile: `1390000${String(i).padStart(4, '0')}`, countyCode: '441802', countyName: '清城区', townshipCode: '441802006', townshipName: '凤城街道', termStart: '2025-07-01', termEnd: '2027-06-30' },
    }
  })
  await insert('users', made.map((m) => m.user))
  await insert('registrations', made.map((m) => m.reg))
  return made.map((m) => m.openid)
}

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  const inv = ok(await app.call(CITY, 'grants.createInvitation', { role: 'county_admin', scopeId: '441803' }))
  ok(await app.call(OTHER_COUNTY, 'grants.redeemInvitation', { code: inv.code, name: '李清新' }))
}, 120_000)
afterAll(() => app.close())

describe('courses and sessions', () => {
  test('the league sets up a course within its reach; bad input names the field and writes nothing; drafts are hidden; publishing needs a session', async () => {
    const before = app.dump()
    const base = { title: '农村电商实务', kind: 'ecommerce', audience: 'both', department: '市商务局' } as const
    expect(await app.call(CITY, 'training.save', { ...base, kind: 'cooking' as never })).toMatchObject({ ok: false, error: { field: 'kind', message: '请选择培训类别' } })
    expect(await app.call(CITY, 'training.save', { ...base, title: '课' })).toMatchObject({ ok: false, error: { field: 'title', message: expect.stringContaining('课程名称') } })
    expect(await app.call(CITY, 'training.save', { ...base, kind: 'online' })).toMatchObject({ ok: false, error: { field: 'parts', message: '线上课程请至少添加 1 个课时' } })
    expect(await app.call(CITY, 'training.save', { ...base, parts: [{ title: '第一课', minutes: 0 }] , kind: 'online' })).toMatchObject({ ok: false, error: { field: 'parts.0.minutes' } })
    expect(await app.call(COUNTY, 'training.save', base)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call(COUNTY, 'training.save', { ...base, countyCode: '441803' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call(VOLUNTEER, 'training.save', base)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(app.dump()).toBe(before)

    const county = await newCourse({ ...base, countyCode: '441802' }, COUNTY)
    expect(county).toMatchObject({ status: 'draft', countyName: '清城区', canManage: true, sessionCount: 0 })
    expect(await app.call(OTHER_COUNTY, 'training.saveSession', sessionInput(county.id))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call(COUNTY, 'training.setStatus', { id: county.id, status: 'published' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '请先安排至少 1 个场次再发布' } })
    const bad = [
      [{ endTime: '08:00' }, 'endTime'],
      [{ signupClosesAt: `${dateIn(7)} 10:00` }, 'signupClosesAt'],
      [{ capacity: 0 }, 'capacity'],
      [{ date: '2026-02-30' }, 'date'],
      [{ location: { lat: 95, lng: 113 } }, 'location.lat'],
    ] as const
    for (const [change, field] of bad) expect(await app.call(COUNTY, 'training.saveSession', sessionInput(county.id, change as never))).toMatchObject({ ok: false, error: { field } })
    const s = await newSession(county.id, {}, COUNTY)
    expect(s).toMatchObject({ status: 'draft', minutes: 150, capacity: 10, confirmed: 0, phase: 'open' })
    expect(await app.call(VOLUNTEER, 'training.get', { id: county.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await app.call(VOLUNTEER, 'training.signUp', { sessionId: s.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    ok(await app.call(COUNTY, 'training.setStatus', { id: county.id, status: 'published' }))
    const seen = ok(await app.call(VOLUNTEER, 'training.get', { id: county.id }))
    expect(seen.course).toMatchObject({ status: 'published', canManage: false, sessionCount: 1, firstDate: dateIn(7) })
    expect(seen.sessions[0]).toMatchObject({ status: 'published', venue: '清远市青少年宫', location: { lat: 23.68, lng: 113.05 }, mine: null })
    expect(ok(await app.call(VOLUNTEER, 'training.list', {})).items.map((c) => c.id)).toContain(county.id)
  })

  test('people see the courses meant for them: the audience and the county', async () => {
    const forVolunteers = (await published({ title: '志愿者岗前培训班' })).c
    const forYouth = (await published({ title: '领头雁直播带货班', kind: 'leader', audience: 'rural_youth' })).c
    const elsewhere = await newCourse({ title: '清新区青农大讲堂', kind: 'lecture', audience: 'both', countyCode: '441803' }, OTHER_COUNTY)
    await newSession(elsewhere.id, {}, OTHER_COUNTY)
    ok(await app.call(OTHER_COUNTY, 'training.setStatus', { id: elsewhere.id, status: 'published' }))
    const seen = ok(await app.call(VOLUNTEER, 'training.list', { pageSize: 50 })).items.map((c) => c.id)
    expect(seen).toContain(forVolunteers.id)
    expect(seen).not.toContain(forYouth.id)
    expect(seen).not.toContain(elsewhere.id)
    const sessionElsewhere = ok(await app.call(OTHER_COUNTY, 'training.get', { id: elsewhere.id })).sessions[0]
    expect(await app.call(VOLUNTEER, 'training.signUp', { sessionId: sessionElsewhere.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('清新区') } })
    const youthSession = ok(await app.call(CITY, 'training.get', { id: forYouth.id })).sessions[0]
    expect(await app.call(VOLUNTEER, 'training.signUp', { sessionId: youthSession.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '这门课程面向农村青年' } })
    const managed = ok(await app.call(OTHER_COUNTY, 'training.list', { manage: true, pageSize: 50 })).items
    expect(managed.map((c) => c.id)).toEqual(expect.arrayContaining([elsewhere.id]))
    expect(managed.every((c) => c.countyCode === '441803')).toBe(true)
  })
})

describe('sign-up, the waiting list and promotion', () => {
  test('within capacity, then the waiting list in arrival order; a cancellation promotes the first waiting, who is told', async () => {
    const { c, s } = await published({ title: '农业项目立项申报实务' }, { capacity: 2 })
    const [a, b, w1, w2, w3] = await volunteers(5)
    for (const who of [a, b]) expect(ok(await app.call(who, 'training.signUp', { sessionId: s.id })).session.mine).toMatchObject({ status: 'confirmed', waitingRank: 0 })
    const ranks = []
    for (const who of [w1, w2, w3]) ranks.push(ok(await app.call(who, 'training.signUp', { sessionId: s.id })).session.mine?.waitingRank)
    expect(ranks).toEqual([1, 2, 3])
    expect(await app.call(a, 'training.signUp', { sessionId: s.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '你已报名这一场' } })
    const told = (openid: string) => {
      const userId = (docs('users').find((u) => u.openid === openid) as { _id: string })._id
      return docs('messages').filter((m) => m.userId === userId).map((m) => `${m.title} ${m.tag} ${m.text}`)
    }
    expect(told(a).join()).toContain('报名成功')
    expect(told(w2).join()).toContain('候补中')

    const after = ok(await app.call(b, 'training.cancel', { sessionId: s.id })).session
    expect(after).toMatchObject({ confirmed: 2, waiting: 2 })
    const get = async (who: string) => ok(await app.call(who, 'training.get', { id: c.id })).sessions[0].mine
    expect(await get(w1)).toMatchObject({ status: 'confirmed' })
    expect(await get(w2)).toMatchObject({ status: 'waiting', waitingRank: 1 })
    expect(told(w1).join()).toContain('候补成功')
    // A waiting person leaving keeps the order of the rest.
    ok(await app.call(w2, 'training.cancel', { sessionId: s.id }))
    expect(await get(w3)).toMatchObject({ status: 'waiting', waitingRank: 1 })
    // More seats: the list moves up.
    ok(await app.call(CITY, 'training.saveSession', sessionInput(c.id, { id: s.id, capacity: 3 })))
    expect(await get(w3)).toMatchObject({ status: 'confirmed' })
    expect(await app.call(CITY, 'training.saveSession', sessionInput(c.id, { id: s.id, capacity: 1 }))).toMatchObject({ ok: false, error: { field: 'capacity' } })
    // Signing up again after cancelling goes to the end.
    expect(ok(await app.call(b, 'training.signUp', { sessionId: s.id })).session.mine).toMatchObject({ status: 'waiting', waitingRank: 1 })
    expect(ok(await app.call(b, 'training.mine', {})).items.map((x) => x.id)).toContain(s.id)
    const audits = docs('audit').filter((e) => e.action === 'training.promote' || e.action === 'training.cancel_signup')
    expect(audits.length).toBeGreaterThanOrEqual(4)
  })

  test('the sign-up window and a cancelled course are kept', async () => {
    const { c, s } = await published({ title: '农房管控风貌提升实务' }, { signupOpensAt: momentIn(3600_000) })
    const [a] = await volunteers(1)
    const before = app.dump()
    expect(await app.call(a, 'training.signUp', { sessionId: s.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('开始') } })
    expect(app.dump()).toBe(before)
    await setSession(s.id, { signupOpensAt: new Date(Date.now() - 60_000) })
    ok(await app.call(a, 'training.signUp', { sessionId: s.id }))
    expect(await app.call(CITY, 'training.setStatus', { id: c.id, status: 'cancelled' })).toMatchObject({ ok: false, error: { field: 'reason' } })
    ok(await app.call(CITY, 'training.setStatus', { id: c.id, status: 'cancelled', reason: '场地调整' }))
    const [b] = await volunteers(1)
    expect(await app.call(b, 'training.signUp', { sessionId: s.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  test('200 sign-ups at once for 50 places: exactly 50 confirmed, 150 waiting in one ordered list; count-then-insert overbooks', async () => {
    const { s } = await published({ title: '领头雁乡村电商培训' }, { capacity: 50 })
    const crowd = await volunteers(200)
    const results = await race(crowd.length, (i) => app.call(crowd[i], 'training.signUp', { sessionId: s.id }))
    expect(results.every((r) => r.ok)).toBe(true)
    const session = docs('training_sessions').find((x) => x._id === s.id)!
    const mine = docs('training_signups').filter((x) => x.sessionId === s.id)
    const confirmed = mine.filter((x) => x.status === 'confirmed').length
    const waiting = mine.filter((x) => x.status === 'waiting')
    const waitlist = session.waitlist as string[]
    expect([confirmed, waiting.length, session.confirmedCount]).toEqual([50, 150, 50])
    expect(new Set(waitlist).size).toBe(150)
    expect([...waitlist].sort()).toEqual(waiting.map((x) => x._id as string).sort())
    // Each answer's rank is where the person stands on the one list.
    const ranks = results.map((r) => (r.ok ? r.data.session.mine?.waitingRank : -1)).filter((r) => r! > 0)
    expect(new Set(ranks).size).toBe(ranks.length)

    // Control: count the confirmed, then take a seat, without a condition: overbooks. Every
    // instance of the probe is warmed first: otherwise the one warm instance takes the calls in
    // turn while the others start cold (seconds on a loaded machine), and every count follows the
    // last seat taken (as races.test.ts warms them for its controls).
    await app.probe(`await db.createCollection('race_control')`)
    await race(8, () => app.probe(`await new Promise((r) => setTimeout(r, 50))`))
    await race(200, (i) =>
      app.probe(`
        const { total } = await db.collection('race_control').where({ seat: 'training' }).count()
        if (total >= 50) return
        await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))
        await db.collection('race_control').add({ data: { seat: 'training', by: ${i} } })
      `),
    )
    const control = docs('race_control').filter((d) => d.seat === 'training').length
    raceLog.push({ name: '200 sign-ups at once for a training session of 50: confirmed', n: 200, observed: confirmed, control })
    expect(control).toBeGreaterThan(50)

    // Ten confirmed leave at once: the first ten waiting take their seats, in order, once each.
    const firstTen = waitlist.slice(0, 10)
    const leaving = mine.filter((x) => x.status === 'confirmed').slice(0, 10).map((x) => x.openid as string)
    await race(leaving.length, (i) => app.call(leaving[i], 'training.cancel', { sessionId: s.id }))
    const now = docs('training_sessions').find((x) => x._id === s.id)!
    const after = docs('training_signups').filter((x) => x.sessionId === s.id)
    expect(now.confirmedCount).toBe(50)
    expect(after.filter((x) => x.status === 'confirmed').length).toBe(50)
    expect(firstTen.every((id) => after.find((x) => x._id === id)?.status === 'confirmed')).toBe(true)
    expect(now.waitlist).toEqual(waitlist.slice(10))
  }, 60_000)
})

describe('attendance at the door', () => {
  test('a door code expires, belongs to its session, checks in once; the check-out needs a later code; the roster shows it', async () => {
    const { c, s } = await published({ title: '项目资金审计实务', requiredSessions: 1 }, { date: dateIn(0), startTime: '00:00', endTime: '23:59', signupClosesAt: `${dateIn(0)} 00:00`, signupOpensAt: momentIn(-2 * DAY), checkOut: true })
    const other = await published({ title: '另一门课' }, { date: dateIn(0), startTime: '00:00', endTime: '23:59', signupClosesAt: `${dateIn(0)} 00:00`, signupOpensAt: momentIn(-2 * DAY) })
    // Sign-up closed at the day's start: arranged directly as confirmed.
    const [a, b] = await volunteers(2)
    await setSession(s.id, { signupClosesAt: new Date(Date.now() + 60_000) })
    ok(await app.call(a, 'training.signUp', { sessionId: s.id }))
    ok(await app.call(b, 'training.signUp', { sessionId: s.id }))

    const door = ok(await app.call(CITY, 'training.doorCode', { sessionId: s.id }))
    expect(door.refreshInSeconds).toBeLessThanOrEqual(30)
    expect(await app.call(VOLUNTEER, 'training.doorCode', { sessionId: s.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call(OTHER_COUNTY, 'training.doorCode', { sessionId: s.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const before = app.dump()
    const stale = kioskCode(s.id, windowNow(4), KEY)
    expect(await app.call(a, 'training.checkIn', { code: stale })).toMatchObject({ ok: false, error: { field: 'code', message: expect.stringContaining('已过期') } })
    const forged = `${door.code.slice(0, -4)}AAAA`
    expect(await app.call(a, 'training.checkIn', { code: forged })).toMatchObject({ ok: false, error: { field: 'code', message: expect.stringContaining('无效') } })
    const otherDoor = ok(await app.call(CITY, 'training.doorCode', { sessionId: other.s.id }))
    expect(await app.call(a, 'training.checkIn', { code: otherDoor.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '你没有报名这一场培训' } })
    expect(await app.call(a, 'training.checkIn', { code: 'not a code' })).toMatchObject({ ok: false, error: { field: 'code' } })
    expect(await app.call(a, 'training.checkIn', { code: door.code, direction: 'out' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '请先签到' } })
    expect(app.dump()).toBe(before)

    // In with the code of the window before (still good), once.
    const previous = kioskCode(s.id, windowNow(1), KEY)
    expect(ok(await app.call(a, 'training.checkIn', { code: previous }))).toMatchObject({ direction: 'in', attended: false, completed: false })
    const replayed = await Promise.all([app.call(a, 'training.checkIn', { code: previous }), app.call(a, 'training.checkIn', { code: door.code })])
    expect(replayed.map((r) => r.ok)).toEqual([false, false])
    // Out: the code used to come in cannot be replayed; the current one (a later window) can, once.
    await setSession(s.id, { endsAt: new Date(Date.now() + 10 * 60_000) })
    expect(await app.call(a, 'training.checkIn', { code: previous, direction: 'out' })).toMatchObject({ ok: false, error: { field: 'code', message: '请扫描现场最新的签到码签退' } })
    const out = ok(await app.call(a, 'training.checkIn', { code: kioskCode(s.id, windowNow(), KEY), direction: 'out' }))
    expect(out).toMatchObject({ direction: 'out', attended: true, completed: true })
    expect(await app.call(a, 'training.checkIn', { code: kioskCode(s.id, windowNow(), KEY), direction: 'out' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    const roster = ok(await app.call(CITY, 'training.roster', { sessionId: s.id }))
    expect(roster).toMatchObject({ total: 2, attended: 1 })
    expect(roster.items.find((x) => x.attended)).toMatchObject({ checkInMethod: 'code', mobileMasked: expect.stringMatching(/^139\*{4}\d{4}$/) })
    // The certificate came with the check-out: told, and verifiable by anyone.
    const cert = ok(await app.call(a, 'training.certificate', { courseId: c.id }))
    expect(cert).toMatchObject({ courseTitle: '项目资金审计实务', kind: 'preservice', department: '团市委组织部', hours: expect.any(Number) })
    expect(ok(await app.call('o_tr_anyone', 'training.verify', { code: cert.code.toLowerCase() }))).toEqual(cert)
    expect(await app.call('o_tr_anyone', 'training.verify', { code: 'T23456789ABC' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await app.call(b, 'training.certificate', { courseId: c.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(docs('training_certificates').filter((x) => x.courseId === c.id)).toHaveLength(1)
  })

  test('staff mark attendance by list; two sessions complete the course; records count training hours apart from service hours', async () => {
    const c = await newCourse({ title: '青农大讲堂·乡村振兴', kind: 'lecture', audience: 'both', requiredSessions: 2 })
    const s1 = await newSession(c.id, { title: '第一讲', date: dateIn(0), startTime: '00:00', endTime: '02:00', signupClosesAt: `${dateIn(0)} 00:00`, signupOpensAt: momentIn(-2 * DAY) })
    const s2 = await newSession(c.id, { title: '第二讲', date: dateIn(0), startTime: '00:00', endTime: '01:00', signupClosesAt: `${dateIn(0)} 00:00`, signupOpensAt: momentIn(-2 * DAY) })
    ok(await app.call(CITY, 'training.setStatus', { id: c.id, status: 'published' }))
    const [a] = await volunteers(1)
    const [y] = await volunteers(1, 'rural_youth')
    const [waiting] = await volunteers(1)
    for (const s of [s1, s2]) await setSession(s.id, { signupClosesAt: new Date(Date.now() + 60_000), capacity: 2 })
    for (const who of [a, y]) for (const s of [s1, s2]) ok(await app.call(who, 'training.signUp', { sessionId: s.id }))
    ok(await app.call(waiting, 'training.signUp', { sessionId: s1.id }))
    expect(await app.call(COUNTY, 'training.roster', { sessionId: s1.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '团市委的课程由团市委管理' } })
    const roster = ok(await app.call(CITY, 'training.roster', { sessionId: s1.id })).items
    const ids = (r: typeof roster) => r.filter((x) => x.status === 'confirmed').map((x) => x.id)
    const waitingId = roster.find((x) => x.status === 'waiting')!.id
    const before = app.dump()
    expect(await app.call(CITY, 'training.markAttendance', { sessionId: s1.id, signupIds: [waitingId], present: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('候补中') } })
    expect(await app.call(CITY, 'training.markAttendance', { sessionId: s2.id, signupIds: ids(roster), present: true })).toMatchObject({ ok: false, error: { field: 'signupIds' } })
    expect(await app.call(OTHER_COUNTY, 'training.markAttendance', { sessionId: s1.id, signupIds: ids(roster), present: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(app.dump()).toBe(before)
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s1.id, signupIds: ids(roster), present: true, reason: '学员未带手机' }))).toEqual({ changed: 2, completed: 0, revoked: 0 })
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s1.id, signupIds: ids(roster), present: true }))).toEqual({ changed: 0, completed: 0, revoked: 0 })
    const r2 = ok(await app.call(CITY, 'training.roster', { sessionId: s2.id })).items
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s2.id, signupIds: ids(r2), present: true }))).toEqual({ changed: 2, completed: 2, revoked: 0 })
    expect(docs('audit').filter((e) => e.action === 'training.mark_present').length).toBeGreaterThanOrEqual(4)

    const records = ok(await app.call(a, 'training.records', {}))
    expect(records.items).toEqual([expect.objectContaining({ courseId: c.id, attendedSessions: 2, requiredSessions: 2, hours: 3, completed: true, certificateCode: expect.stringMatching(/^T/) })])
    expect(records).toMatchObject({ hours: 3, completed: 1 })
    const cert = ok(await app.call(y, 'training.certificate', { courseId: c.id }))
    expect(cert.sessions.map((x) => x.title).sort()).toEqual(['第一讲', '第二讲'])
    expect(cert.hours).toBe(3)
    const userA = (docs('users').find((u) => u.openid === a) as { _id: string })._id
    expect(docs('messages').filter((m) => m.userId === userA && String(m.title).includes('结业证书')).length).toBe(1)
    // Training hours are not service hours.
    expect(docs('sessions').filter((x) => x.userId === userA)).toHaveLength(0)
  })

  test('undoing attendance withdraws the certificate (verify says when), marking it again reinstates it with its code', async () => {
    const c = await newCourse({ title: '实务培训·项目资金审计', kind: 'practice', audience: 'volunteer', requiredSessions: 1 })
    const s = await newSession(c.id, { title: '第一讲', date: dateIn(0), startTime: '00:00', endTime: '01:30', signupClosesAt: `${dateIn(0)} 00:00`, signupOpensAt: momentIn(-2 * DAY) })
    ok(await app.call(CITY, 'training.setStatus', { id: c.id, status: 'published' }))
    await setSession(s.id, { signupClosesAt: new Date(Date.now() + 60_000) })
    const [a, b] = await volunteers(2)
    for (const who of [a, b]) ok(await app.call(who, 'training.signUp', { sessionId: s.id }))
    const roster = ok(await app.call(CITY, 'training.roster', { sessionId: s.id })).items
    const idOf = (openid: string) => `${s.id}:${(docs('users').find((u) => u.openid === openid) as { _id: string })._id}`
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s.id, signupIds: roster.map((r) => r.id), present: true }))).toEqual({ changed: 2, completed: 2, revoked: 0 })
    const cert = ok(await app.call(a, 'training.certificate', { courseId: c.id }))
    expect(cert.revokedAt).toBe('')
    // Undone for one of them: their certificate is withdrawn, told; the other's stands.
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s.id, signupIds: [idOf(a)], present: false, reason: '误登记' }))).toEqual({ changed: 1, completed: 0, revoked: 1 })
    const verified = ok(await app.call('o_tr_anyone', 'training.verify', { code: cert.code }))
    expect(verified).toEqual({ ...cert, revokedAt: expect.stringMatching(/^\d{4}-/) })
    expect(await app.call(a, 'training.certificate', { courseId: c.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('撤销') } })
    expect(ok(await app.call(a, 'training.records', {})).items.filter((r) => r.courseId === c.id && (r.completed || r.certificateCode))).toEqual([])
    expect(ok(await app.call(a, 'training.get', { id: c.id })).course.certificateCode).toBe('')
    expect(ok(await app.call(b, 'training.verify', { code: ok(await app.call(b, 'training.certificate', { courseId: c.id })).code })).revokedAt).toBe('')
    const userA = idOf(a).split(':')[1]
    expect(docs('messages').filter((m) => m.userId === userA && String(m.title).includes('结业证书') && JSON.stringify(m).includes('已撤销'))).toHaveLength(1)
    expect(docs('audit').filter((e) => e.action === 'training.revoke_certificate' && e.targetId === `${c.id}:${userA}`)).toHaveLength(1)
    // Undoing again changes nothing; marking again reinstates the same certificate.
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s.id, signupIds: [idOf(a)], present: false }))).toEqual({ changed: 0, completed: 0, revoked: 0 })
    expect(ok(await app.call(CITY, 'training.markAttendance', { sessionId: s.id, signupIds: [idOf(a)], present: true }))).toEqual({ changed: 1, completed: 1, revoked: 0 })
    expect(ok(await app.call('o_tr_anyone', 'training.verify', { code: cert.code }))).toMatchObject({ code: cert.code, revokedAt: '' })
    expect(ok(await app.call(a, 'training.certificate', { courseId: c.id })).code).toBe(cert.code)
    expect(docs('training_certificates').filter((x) => x.courseId === c.id)).toHaveLength(2)
  })

  test('an online course completes part by part; the certificate comes with the last part', async () => {
    const c = await newCourse({ title: '线上扶智课堂：直播入门', kind: 'online', audience: 'both', parts: [{ title: '选品', minutes: 30 }, { title: '开播', minutes: 45, link: 'https://example.org/live' }] })
    ok(await app.call(CITY, 'training.setStatus', { id: c.id, status: 'published' }))
    const [a] = await volunteers(1)
    const parts = ok(await app.call(a, 'training.get', { id: c.id })).course.parts
    expect(await app.call(a, 'training.completePart', { courseId: c.id, partId: 'p000000' })).toMatchObject({ ok: false, error: { field: 'partId' } })
    const first = ok(await app.call(a, 'training.completePart', { courseId: c.id, partId: parts[0].id })).course
    expect(first.parts.map((p) => p.done)).toEqual([true, false])
    expect(first.certificateCode).toBe('')
    ok(await app.call(a, 'training.completePart', { courseId: c.id, partId: parts[0].id }))
    const last = ok(await app.call(a, 'training.completePart', { courseId: c.id, partId: parts[1].id })).course
    expect(last.certificateCode).toMatch(/^T/)
    expect(ok(await app.call(a, 'training.records', {})).items[0]).toMatchObject({ partsDone: 2, partsTotal: 2, hours: 1.3, completed: true })
  })
})

describe('the roster and the reminder', () => {
  test('130 sign-ups: the roster pages in sign-up order with the true total, found by name or mobile tail', async () => {
    const { s } = await published({ title: '电商直播培训班' }, { capacity: 100 })
    // The roster's paging is what is tested here: 130 sign-ups inserted directly (30 of them waiting), some at the same instant.
    const crowd = await volunteers(130)
    const users = docs('users').filter((u) => crowd.includes(u.openid as string))
    const regs = new Map(docs('registrations').map((r) => [r.userId, r]))
    const t0 = Date.now() - 3600_000
    const rows = users.map((u, i) => {
      const r = regs.get(u._id)!
      return {
        _id: `${s.id}:${u._id}`, sessionId: s.id, courseId: s.courseId, userId: u._id, openid: u.openid, status: i < 100 ? 'confirmed' : 'waiting', name: r.name, kind: 'volunteer', townshipName: '凤城街道',
        mobileMasked: `139****${String(r.mobile).slice(-4)}`, mobileTail: String(r.mobile).slice(-4), checkedInAt: null, checkInWindow: 0, checkedOutAt: null, checkInMethod: null, attended: false, minutes: 0, markedBy: '',
        promotedAt: null, cancelledAt: null, createdAt: new Date(t0 + Math.floor(i / 3) * 1000), updatedAt: new Date(t0),
      }
    })
    await insert('training_signups', rows)
    await setSession(s.id, { confirmedCount: 100, waitlist: rows.slice(100).map((r) => r._id) })
    const seen: string[] = []
    for (let page = 1; page <= 3; page++) {
      const r = ok(await app.call(CITY, 'training.roster', { sessionId: s.id, page, pageSize: 50 }))
      expect(r.total).toBe(130)
      seen.push(...r.items.map((x) => x.id))
    }
    expect(new Set(seen).size).toBe(130)
    const time = (v: unknown) => new Date(v as Date).getTime()
    const byOrder = docs('training_signups')
      .filter((x) => x.sessionId === s.id)
      .sort((x, y) => time(x.createdAt) - time(y.createdAt) || (String(x._id) < String(y._id) ? -1 : 1))
    expect(seen).toEqual(byOrder.map((x) => x._id))
    expect(ok(await app.call(CITY, 'training.roster', { sessionId: s.id, status: 'waiting', pageSize: 50 })).total).toBe(30)
    const one = byOrder[7]
    const tail = String(docs('registrations').find((r) => r.userId === one.userId)!.mobile).slice(-4)
    expect(ok(await app.call(CITY, 'training.roster', { sessionId: s.id, keyword: tail })).items.map((x) => x.id)).toEqual([one._id])
    expect(ok(await app.call(CITY, 'training.roster', { sessionId: s.id, keyword: String(one.name) })).items.map((x) => x.id)).toContain(one._id)
  })

  test('the eve of a session, everyone with a seat is reminded once', async () => {
    const { s } = await published({ title: '岗前培训（明天）' }, { date: dateIn(1), signupClosesAt: `${dateIn(0)} 23:59` })
    const [a, b] = await volunteers(2)
    ok(await app.call(a, 'training.signUp', { sessionId: s.id }))
    ok(await app.call(b, 'training.signUp', { sessionId: s.id }))
    ok(await app.call(b, 'training.cancel', { sessionId: s.id }))
    const fired = await app.cloud.fireTimer('training', 'remindTomorrow')
    expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { reminded: expect.any(Number) } })
    const again = await app.cloud.fireTimer('training', 'remindTomorrow')
    expect(again.ok && again.result).toMatchObject({ ok: true, data: { reminded: 0 } })
    const userOf = (openid: string) => (docs('users').find((u) => u.openid === openid) as { _id: string })._id
    const reminders = (who: string) => docs('messages').filter((m) => m.userId === userOf(who) && m.template === 'reminder').length
    expect([reminders(a), reminders(b)]).toEqual([1, 0])
  })
})

describe('round trips', () => {
  /** The database requests one call makes (as the bench counts them). */
  async function requestsOf(openid: string, action: string, input: unknown): Promise<string[]> {
    const outcome = await app.cloud.invoke('training', { action, input }, { openid, source: 'wx_client' })
    if (!outcome.ok) throw new Error(outcome.errMsg)
    expect(outcome.result).toMatchObject({ ok: true })
    return outcome.record.dbRequests.filter((r) => r.action.startsWith('database.')).map((r) => `${r.action.replace('database.', '')} ${r.collection ?? ''}`)
  }

  test('a sign-up with a place free takes at most 6 requests (its notice included); a check-in with the door code at most 3', async () => {
    const { c, s } = await published({ title: '往返测试培训', requiredSessions: 2 })
    const [a] = await volunteers(1)
    const signUp = await requestsOf(a, 'signUp', { sessionId: s.id })
    expect(signUp.length).toBeLessThanOrEqual(6)
    await setSession(s.id, { date: dateIn(0), startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3600_000) })
    const code = ok(await app.call(CITY, 'training.doorCode', { sessionId: s.id })).code
    const checkIn = await requestsOf(a, 'checkIn', { code })
    expect(checkIn.length).toBeLessThanOrEqual(3)
    expect(ok(await app.call(a, 'training.get', { id: c.id })).sessions[0].mine).toMatchObject({ attended: true })
  })
})
