// Care visits and posts (the care function) on the demo data plus a fixture put straight into the
// store: 150 approved volunteers and their visits, past the platform's read cap. A volunteer's care
// history is read only within their township, their county and the city league (nobody else: not
// other townships or counties, not merchants, banks, employers, nor the volunteer); the health note
// is sealed at rest and its reading audited; bad input names its field and changes nothing; the
// league's 未探访 and overdue lists match what plain JavaScript works out over the fixture, page by
// page with true totals; one 头雁 per county at a time, also when six admins record one at once
// (and a read-then-write control does record several); posts show on the volunteer's record.
import { EJSON } from 'bson'
import divisions from '../../data/qingyuan-divisions.json'
import type { Envelope } from '../../types'
import { dayjs, shanghaiDate } from '../../types/time'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { race } from '../support/race'

let app: AppCloud
const FENGCHENG = '441802006'
const DONGCHENG = '441802007'
const TAIHE = '441803102'
const STAFF = 'o_demo_township' // 凤城街道
const COUNTY = 'o_demo_county' // 清城区
const CITY = 'o_demo_city'
const OTHER_STAFF = 'o_care_dongcheng' // 东城街道 (same county, another township)
const OTHER_COUNTY = 'o_care_qingxin' // 清新区
const OUTSIDERS = ['o_demo_merchant', 'o_demo_bank', 'o_demo_employer', 'o_demo_volunteer', 'o_demo_youth', 'o_care_stranger', OTHER_STAFF, OTHER_COUNTY]

const today = shanghaiDate(new Date())
const ago = (days: number) => dayjs(today).subtract(days, 'day').format('YYYY-MM-DD')
const hex = (prefix: string, i: number) => `${prefix}${String(i).padStart(24 - prefix.length, '0')}`
const placeOf = (township: string) => {
  const county = divisions.counties.find((c) => c.townships.some((t) => t.code === township))!
  return { countyCode: county.code, countyName: county.name, townshipCode: township, townshipName: county.townships.find((t) => t.code === township)!.name }
}
const raw = <T>(openid: string, action: string, input: unknown) => app.raw(openid, 'care', { action, input }) as Promise<Envelope<T>>
const docs = (name: string) => [...app.cloud.store.get(name).docs.values()]
const userIdOf = (openid: string) => docs('users').find((u) => u.openid === openid)!._id as string

async function insert(collectionName: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await app.cloud.db.handle('database.insertDocument', { collectionName, data: rows.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false })) })
  }
}

// ---- the fixture: 150 approved volunteers (清城区 凤城 and 东城, 清新区 太和) and others that never count ----

const now = new Date()
type Reg = { _id: string; userId: string; name: string; kind: string; status: string; termStart: string; termEnd: string } & ReturnType<typeof placeOf>
const regs: Reg[] = Array.from({ length: 170 }, (_x, i) => ({
  _id: `${hex('ca5e01', i)}:volunteer`,
  userId: hex('ca5e01', i),
  name: `关怀${String.fromCharCode(0x4e00 + i)}`,
  kind: 'volunteer',
  // Every 17th is still pending; every 10th has served its term; every 23rd has not begun.
  status: i % 17 === 5 ? 'pending' : 'approved',
  termStart: i % 23 === 7 ? dayjs(today).add(30, 'day').format('YYYY-MM-DD') : ago(400),
  termEnd: i % 10 === 3 ? ago(20) : dayjs(today).add(300, 'day').format('YYYY-MM-DD'),
  ...placeOf(i % 5 === 4 ? TAIHE : i % 2 === 0 ? FENGCHENG : DONGCHENG),
}))
/** Six volunteers of 英德市 for the 头雁 race. */
const raceRegs: Reg[] = Array.from({ length: 6 }, (_x, i) => ({ _id: `${hex('ca5e09', i)}:volunteer`, userId: hex('ca5e09', i), name: `英德${String.fromCharCode(0x4e00 + i)}`, kind: 'volunteer', status: 'approved', termStart: ago(100), termEnd: dayjs(today).add(300, 'day').format('YYYY-MM-DD'), ...placeOf('441881001') }))
const FILLER = { idSealed: '', idBlindIndex: '', idMasked: '', mobile: '', gender: 'female', birthDate: '2001-01-01', school: '', major: '', graduationYear: 2024, politicalStatus: '共青团员', skills: [], occupation: '', rejectReason: '', reviewerId: '' }

type Visit = { _id: string; volunteerId: string; visitDate: string; openCount: number; openDue: string; countyCode: string; townshipCode: string }
const visitsFixture: Visit[] = []
regs.forEach((r, i) => {
  // A third never visited; others visited once or twice, some long ago; some follow-ups open, some past due.
  if (i % 3 === 0) return
  const dates = i % 4 === 0 ? [ago(200), ago(120)] : [ago((i * 7) % 150)]
  dates.forEach((visitDate, k) => {
    const openDue = i % 6 === 1 ? ago(3 + k) : i % 6 === 2 ? dayjs(today).add(5, 'day').format('YYYY-MM-DD') : ''
    visitsFixture.push({ _id: hex(`ca5e0${k + 2}`, i), volunteerId: r.userId, visitDate, openCount: openDue ? 1 : 0, openDue, countyCode: r.countyCode, townshipCode: r.townshipCode })
  })
})
const visitDoc = (v: Visit, r: Reg) => ({
  ...v,
  volunteerName: r.name,
  townshipName: r.townshipName,
  visitors: ['夹具探访人'],
  aspects: { housing: { rating: 'good', note: '' }, meals: { rating: 'good', note: '' }, office: { rating: 'good', note: '' }, health: { rating: 'good', note: '' }, work: { rating: 'fair', note: '' } },
  needs: '',
  followUps: v.openDue ? [{ id: 'f1', text: '夹具跟进', owner: '夹具责任人', due: v.openDue, done: false, doneAt: null, doneBy: '' }] : [],
  version: 1,
  recordedBy: 'fixture',
  recordedByName: '夹具',
  createdAt: now,
  updatedAt: now,
})

const user = (openid: string, role: string, scopeType: string, scopeId: string, scopeName: string) => ({ openid, nickname: '', avatarFileId: '', mobile: '', status: 'active', roles: [{ role, scopeType, scopeId, scopeName }], createdAt: now, updatedAt: now })

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  await insert('users', [user(OTHER_STAFF, 'township_staff', 'township', DONGCHENG, '东城街道'), user(OTHER_COUNTY, 'county_admin', 'county', '441803', '清新区'), user('o_care_yingde', 'county_admin', 'county', '441881', '英德市')])
  await app.call('o_care_stranger', 'account.me', {})
  ok(await app.call(CITY, 'settings.update', { careVisitIntervalDays: 60 }))
  await insert('registrations', [...regs, ...raceRegs].map((r) => ({ ...FILLER, ...r, submittedAt: now, reviewedAt: now, updatedAt: now, consents: {} })))
  const byUser = new Map(regs.map((r) => [r.userId, r]))
  await insert('care_visits', visitsFixture.map((v) => visitDoc(v, byUser.get(v.volunteerId)!)))
}, 120_000)
afterAll(() => app.close())

// ---- what plain JavaScript says --------------------------------------------------------------

const lastVisit = (userId: string) => visitsFixture.filter((v) => v.volunteerId === userId).reduce((m, v) => (v.visitDate > m ? v.visitDate : m), '')
const inScope = (r: Reg, scope: { countyCode?: string; townshipCode?: string }) => (!scope.countyCode || r.countyCode === scope.countyCode) && (!scope.townshipCode || r.townshipCode === scope.townshipCode)
function expectedNotVisited(scope: { countyCode?: string; townshipCode?: string }, days: number): string[] {
  const since = ago(days)
  return [...regs, ...raceRegs]
    .filter((r) => r.status === 'approved' && inScope(r, scope) && r.termStart <= today && r.termEnd >= today && lastVisit(r.userId) < since)
    .sort((a, b) => lastVisit(a.userId).localeCompare(lastVisit(b.userId)) || a._id.localeCompare(b._id))
    .map((r) => r.userId)
}

async function allPages<T>(openid: string, action: string, input: Record<string, unknown>): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = []
  const totals: number[] = []
  for (let page = 1; page < 20; page++) {
    const r = ok(await raw<{ items: T[]; total: number }>(openid, action, { ...input, page, pageSize: 50 }))
    items.push(...r.items)
    totals.push(r.total)
    if (r.items.length < 50) break
  }
  return { items, totals }
}

// ---- visits and who reads them ---------------------------------------------------------------

const ASPECTS = { housing: { rating: 'good', note: '宿舍在镇政府院内' }, meals: { rating: 'good' }, office: { rating: 'fair', note: '与党政办合用' }, health: { rating: 'concern', note: '腰伤复发，需定期理疗' }, work: { rating: 'good' } }

test('a county admin records a visit with a follow-up; its township, county and the city read it, nobody else does', async () => {
  const volunteerId = userIdOf('o_demo_volunteer')
  const visit = ok(
    await raw<{ id: string; followUps: { id: string; done: boolean }[] }>(COUNTY, 'record', {
      volunteerId,
      visitDate: today,
      visitors: ['李建国', '陈思敏'],
      aspects: ASPECTS,
      needs: '希望增加一台办公电脑',
      followUps: [{ text: '协调镇政府调配办公电脑', owner: '陈思敏', due: dayjs(today).add(14, 'day').format('YYYY-MM-DD') }],
    }),
  )
  // The health note is sealed at rest; the others are as typed.
  const stored = app.cloud.store.get('care_visits').docs.get(visit.id)!
  expect(JSON.stringify(stored)).not.toContain('腰伤')
  expect(stored).toMatchObject({ volunteerId, townshipCode: FENGCHENG, countyCode: '441802', openCount: 1, aspects: { office: { note: '与党政办合用' }, health: { rating: 'concern', note: '' } } })

  for (const reader of [STAFF, COUNTY, CITY]) {
    const h = ok(await raw<{ items: { id: string; aspects: { aspect: string; note: string }[] }[]; volunteer: { lastVisitDate: string; openFollowUps: number } }>(reader, 'history', { volunteerId }))
    expect(h.items.map((v) => v.id)).toEqual([visit.id])
    expect(h.items[0].aspects.find((a) => a.aspect === 'health')!.note).toBe('腰伤复发，需定期理疗')
    expect(h.volunteer).toMatchObject({ lastVisitDate: today, openFollowUps: 1 })
  }
  // Each reading of the sealed note is in the audit trail.
  expect(docs('audit').filter((a) => a.action === 'care.readHealthNotes' && a.targetId === volunteerId)).toHaveLength(3)

  const before = app.dump()
  for (const outsider of OUTSIDERS) {
    for (const [action, input] of [
      ['history', { volunteerId }],
      ['record', { volunteerId, visitDate: today, visitors: ['旁人'], aspects: ASPECTS }],
      ['setFollowUp', { visitId: visit.id, followUpId: 'f1', done: true }],
    ] as const) {
      const r = await raw(outsider, action, input)
      expect({ outsider, action, r }).toMatchObject({ r: { ok: false, error: { code: 'FORBIDDEN' } } })
    }
  }
  // Lists of a township out of reach are refused too.
  expect(await raw(OTHER_STAFF, 'volunteers', { townshipCode: FENGCHENG })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await raw(OTHER_COUNTY, 'notVisited', { countyCode: '441802' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  // Refusals changed nothing (the audit reads above came before).
  expect(app.dump()).toBe(before)

  // The follow-up is done later (by the township), then undone; a repeat changes nothing.
  const done = ok(await raw<{ followUps: { done: boolean; doneAt: string | null }[] }>(STAFF, 'setFollowUp', { visitId: visit.id, followUpId: 'f1', done: true }))
  expect(done.followUps[0]).toMatchObject({ done: true, doneAt: expect.any(String) })
  expect(app.cloud.store.get('care_visits').docs.get(visit.id)).toMatchObject({ openCount: 0, openDue: '', version: 2 })
  ok(await raw(STAFF, 'setFollowUp', { visitId: visit.id, followUpId: 'f1', done: true }))
  expect(app.cloud.store.get('care_visits').docs.get(visit.id)).toMatchObject({ version: 2 })
  expect(docs('audit').filter((a) => a.action === 'care.setFollowUp' && a.targetId === visit.id)).toHaveLength(1)
})

test('bad input names its field and changes nothing', async () => {
  const volunteerId = userIdOf('o_demo_volunteer')
  const good = { volunteerId, visitDate: today, visitors: ['李建国'], aspects: ASPECTS, followUps: [] }
  const before = app.dump()
  const cases: [unknown, string, RegExp][] = [
    [{ ...good, visitDate: dayjs(today).add(1, 'day').format('YYYY-MM-DD') }, 'visitDate', /不能晚于今天/],
    [{ ...good, visitDate: '2026-02-30' }, 'visitDate', /探访日期/],
    [{ ...good, visitors: [] }, 'visitors', /探访人/],
    [{ ...good, aspects: { ...ASPECTS, meals: {} } }, 'aspects.meals.rating', /饮食/],
    [{ ...good, aspects: { ...ASPECTS, health: { rating: 'bad' } } }, 'aspects.health.rating', /身体/],
    [{ ...good, needs: '请打 13800138000 联系' }, 'needs', /需求/],
    [{ ...good, followUps: [{ text: '调配电脑', owner: '陈思敏', due: '2020-01-01' }] }, 'followUps.0.due', /完成期限不能早于探访日期/],
    [{ ...good, followUps: [{ text: '', owner: '陈思敏', due: today }] }, 'followUps.0.text', /跟进事项/],
    [{ ...good, volunteerId: 'nobody' }, '', /没有找到这位志愿者/],
  ]
  for (const [input, field, message] of cases) {
    const r = (await raw(COUNTY, 'record', input)) as { ok: boolean; error?: { field?: string; message: string } }
    expect({ field, ok: r.ok, at: r.error?.field ?? '', says: message.test(r.error?.message ?? '') }).toEqual({ field, ok: false, at: field, says: true })
  }
  expect(await raw(COUNTY, 'addPost', { volunteerId, kind: 'team_deputy', startDate: '2026-03-01', endDate: '2026-02-01' })).toMatchObject({ ok: false, error: { field: 'endDate' } })
  expect(await raw(COUNTY, 'addPost', { volunteerId, kind: 'captain', startDate: '2026-03-01' })).toMatchObject({ ok: false, error: { field: 'kind' } })
  expect(app.dump()).toBe(before)
})

// ---- the league's lists ------------------------------------------------------------------------

test('未探访: volunteers in post not visited within the period, never visited first, paged with true totals; the period is the league setting', async () => {
  for (const [who, scope] of [
    [CITY, {}],
    [COUNTY, { countyCode: '441802' }],
    [STAFF, { townshipCode: FENGCHENG }],
    [OTHER_COUNTY, {}],
  ] as const) {
    const { items, totals } = await allPages<{ volunteerId: string }>(who, 'notVisited', scope)
    const expected = expectedNotVisited(who === OTHER_COUNTY ? { countyCode: '441803' } : scope, 60)
    // (The demo volunteer's term has ended or not, as the clock says: leave her out of the comparison.)
    const demo = userIdOf('o_demo_volunteer')
    expect(items.map((v) => v.volunteerId).filter((id) => id !== demo)).toEqual(expected)
    expect(new Set(totals)).toEqual(new Set([items.length]))
  }
  expect(expectedNotVisited({}, 60).length).toBeGreaterThan(50)
  expect((await allPages(CITY, 'volunteers', {})).items.length).toBeGreaterThan(100)

  // The period is the league's setting (60 days here, set before the function first read its settings).
  const r = ok(await raw<{ intervalDays: number; since: string }>(CITY, 'notVisited', { countyCode: '441803' }))
  expect(r).toMatchObject({ intervalDays: 60, since: ago(60) })
  expect(expectedNotVisited({}, 60)).not.toEqual(expectedNotVisited({}, 90))
  // A volunteer's history judges the last visit against the same period.
  const someone = (await allPages(CITY, 'volunteers', {})).items[0] as { volunteerId: string }
  expect(ok(await raw<{ intervalDays: number }>(CITY, 'history', { volunteerId: someone.volunteerId }))).toMatchObject({ intervalDays: 60 })
})

test('the volunteer list: the township sees its own volunteers with their last visit, paged stably', async () => {
  const { items, totals } = await allPages<{ volunteerId: string; townshipCode: string; lastVisitDate: string | null; visits: number }>(STAFF, 'volunteers', {})
  const mine = regs.filter((r) => r.status === 'approved' && r.townshipCode === FENGCHENG)
  expect(items.length).toBe(mine.length + 1) // and 林晓雨
  expect(new Set(totals)).toEqual(new Set([items.length]))
  expect(new Set(items.map((v) => v.townshipCode))).toEqual(new Set([FENGCHENG]))
  expect(new Set(items.map((v) => v.volunteerId)).size).toBe(items.length)
  for (const r of mine.slice(0, 20)) {
    const row = items.find((v) => v.volunteerId === r.userId)!
    expect(row).toMatchObject({ lastVisitDate: lastVisit(r.userId) || null, visits: visitsFixture.filter((v) => v.volunteerId === r.userId).length })
  }
  const named = ok(await raw<{ items: { name: string }[]; total: number }>(COUNTY, 'volunteers', { keyword: regs[2].name }))
  expect(named.items.map((v) => v.name)).toEqual([regs[2].name])
})

test('overdue follow-ups: open and past their date, in the caller’s reach, earliest first', async () => {
  const overdue = (scope: { countyCode?: string; townshipCode?: string }) =>
    visitsFixture.filter((v) => v.openDue && v.openDue < today && inScope({ countyCode: v.countyCode, townshipCode: v.townshipCode } as Reg, scope)).sort((a, b) => a.openDue.localeCompare(b.openDue) || a._id.localeCompare(b._id))
  for (const [who, scope] of [
    [CITY, {}],
    [COUNTY, {}],
    [STAFF, {}],
  ] as const) {
    const { items, totals } = await allPages<{ visitId: string; followUps: { overdue: boolean }[] }>(who, 'overdueFollowUps', scope)
    const expected = overdue(who === COUNTY ? { countyCode: '441802' } : who === STAFF ? { townshipCode: FENGCHENG } : {})
    expect(items.map((i) => i.visitId)).toEqual(expected.map((v) => v._id))
    expect(totals[0]).toBe(expected.length)
    expect(items.every((i) => i.followUps.length === 1 && i.followUps[0].overdue)).toBe(true)
  }
})

// ---- posts -------------------------------------------------------------------------------------

test('posts: recorded by the county, shown on the record and told to the volunteer; one 头雁 per county at a time', async () => {
  const volunteerId = userIdOf('o_demo_volunteer')
  // Township staff do not record posts; another county's admin cannot for 清城区.
  expect(await raw(STAFF, 'addPost', { volunteerId, kind: 'team_deputy', startDate: '2026-01-01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await raw(OTHER_COUNTY, 'addPost', { volunteerId, kind: 'team_deputy', startDate: '2026-01-01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  const post = ok(await raw<{ id: string; title: string; current: boolean }>(COUNTY, 'addPost', { volunteerId, kind: 'county_deputy', startDate: '2025-09-01' }))
  expect(post).toMatchObject({ title: '清城区团委副书记（头雁）', current: true })
  const mine = ok(await app.call('o_demo_volunteer', 'care.myPosts', {}))
  expect(mine.items.map((p) => p.title)).toEqual(['清城区团委副书记（头雁）'])
  expect(docs('messages').some((m) => m.userId === volunteerId && String(m.title).includes('头雁') && m.tag === '已聘任')).toBe(true)

  // A second 头雁 in 清城区 overlapping is refused, naming the date; another county's is not.
  const other = regs.find((r) => r.status === 'approved' && r.countyCode === '441802')!.userId
  const before = app.dump()
  expect(await raw(COUNTY, 'addPost', { volunteerId: other, kind: 'county_deputy', startDate: '2026-06-01' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'startDate' } })
  expect(app.dump()).toBe(before)
  const taihe = regs.find((r) => r.status === 'approved' && r.countyCode === '441803')!.userId
  ok(await raw(OTHER_COUNTY, 'addPost', { volunteerId: taihe, kind: 'county_deputy', startDate: '2026-06-01' }))

  // Once ended, the next 头雁 may begin the day after, not on the last day.
  const ended = ok(await raw<{ endDate: string; current: boolean }>(COUNTY, 'endPost', { postId: post.id, endDate: ago(10) }))
  expect(ended).toMatchObject({ endDate: ago(10), current: false })
  expect(await raw(COUNTY, 'addPost', { volunteerId: other, kind: 'county_deputy', startDate: ago(10) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  ok(await raw(COUNTY, 'addPost', { volunteerId: other, kind: 'county_deputy', startDate: ago(9) }))
  // Extending the first again would overlap the successor.
  expect(await raw(COUNTY, 'endPost', { postId: post.id, endDate: today })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  // Team and township posts may be held by several; both show in the county's list and in the history.
  ok(await raw(COUNTY, 'addPost', { volunteerId, kind: 'team_deputy', startDate: '2025-07-01', endDate: '2026-06-30' }))
  const list = ok(await raw<{ items: { volunteerId: string }[]; total: number }>(COUNTY, 'posts', {}))
  expect(list.total).toBe(3)
  expect(ok(await raw<{ items: unknown[] }>(CITY, 'posts', { countyCode: '441803' })).items).toHaveLength(1)
  expect(await raw(COUNTY, 'posts', { countyCode: '441803' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  const h = ok(await raw<{ posts: { kind: string }[] }>(STAFF, 'history', { volunteerId }))
  expect(h.posts.map((p) => p.kind).sort()).toEqual(['county_deputy', 'team_deputy'])
})

test('six admins record a 头雁 of one county at once: one is recorded; read-then-write records several', async () => {
  // 英德市 has no 头雁 yet: its admin and the city admin race to record six different volunteers.
  const candidates = raceRegs.map((r) => r.userId)
  const results = await race(6, (i) => raw(i % 2 ? CITY : 'o_care_yingde', 'addPost', { volunteerId: candidates[i], kind: 'county_deputy', startDate: ago(i) }))
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(5).fill('CONFLICT'))
  expect(docs('care_posts').filter((p) => p.kind === 'county_deputy' && p.countyCode === '441881')).toHaveLength(1)
  expect(docs('care_post_slots').find((s) => s._id === 'county_deputy:441881')!.terms).toHaveLength(1)

  // The control: check for an overlapping 头雁, then write one, as separate steps.
  await app.probe(`await db.createCollection('care_race_control')`)
  // Warm every instance of the probe, so the control's racers overlap rather than queue behind cold starts.
  await race(8, () => app.probe(`await new Promise((r) => setTimeout(r, 50))`))
  await race(6, (i) =>
    app.probe(`
      const { total } = await db.collection('care_race_control').where({ countyCode: '441881' }).count()
      if (total > 0) return
      await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))
      await db.collection('care_race_control').add({ data: { countyCode: '441881', by: ${i} } })
    `),
  )
  expect(docs('care_race_control').length).toBeGreaterThan(1)
})

test('the certificate names the posts held', async () => {
  // An hour's approved service for the demo volunteer (put in the store: her term may be over by the clock), so a certificate can be issued.
  const day = ago(200)
  const at = new Date(`${day}T01:00:00Z`)
  await insert('sessions', [{ _id: 'care_cert_session', userId: userIdOf('o_demo_volunteer'), openid: 'o_demo_volunteer', stationId: 'st_fengcheng', stationName: '凤城驿站', ...placeOf(FENGCHENG), status: 'approved', checkInAt: at, checkOutAt: new Date(at.getTime() + 3_600_000), checkIn: null, checkOut: null, days: [{ date: day, minutes: 60 }], minutes: 60, adjustedMinutes: null, flags: [], source: 'makeup' }])
  const cert = ok(await app.call('o_demo_volunteer', 'service.certificate', {}))
  expect(cert.posts.map((p) => p.title).sort()).toEqual(['凤城街道志愿服务队副队长', '清城区团委副书记（头雁）'].sort())
  expect(cert.posts.find((p) => p.title === '清城区团委副书记（头雁）')).toMatchObject({ from: '2025-09-01', to: ago(10) })
  // Read back by anyone who verifies it, as issued.
  expect(ok(await app.call('o_care_stranger', 'service.verify', { code: cert.code })).posts).toEqual(cert.posts)
})
