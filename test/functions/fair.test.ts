// Job fairs: set-up and positions, sign-up rules, the waiting list and its order, entry codes at
// the door, outcomes with contact data revealed only after an interview, and the report.
import ExcelJS from 'exceljs'
import { EJSON } from 'bson'
import { configureFunctionsInProcess, ok, startDemoCloud, type AppCloud } from '../support/app'
import { ruralYouthForm, volunteerForm } from '../support/people'
import { fairForm, formOf, inviteEmployer, setFields } from '../support/fairs'
import { insertDocs } from '../support/fixture'
import { shanghaiDate, shanghaiDateTime, shanghaiDaysAhead } from '../../types/time'
import type { InputOf, OutputOf } from '../../types'
import { localTemplateId } from '../../localcloud/environment'

const REMINDER = localTemplateId('reminder')

let app: AppCloud
const CITY = 'o_demo_city'
const COUNTY = 'o_demo_county'
const EMPLOYER = 'o_demo_employer' // 清远市城市投资控股集团 e_qy_city_invest (国企)
const EMPLOYER2 = 'o_fair_lvyuan' // 清远市绿源农业科技有限公司 e_lvyuan_agri (民企), invited below
const OUTSIDER = 'o_fair_youthcenter' // 清远市青年创业服务中心 e_youth_service, not invited to the fairs

type Fair = OutputOf<'fair.get'>['fair']
const DAY = 86_400_000
const dateIn = (days: number) => shanghaiDate(Date.now() + days * DAY)
const momentIn = (ms: number) => shanghaiDateTime(Date.now() + ms)

/** A published fair, sign-up open now, held in ten days, inviting both employers. */
async function newFair(overrides: Partial<InputOf<'fair.save'>> = {}): Promise<Fair> {
  const f = ok(await app.call(CITY, 'fair.save', fairForm(overrides)))
  return ok(await app.call(CITY, 'fair.setStatus', { id: f.id, status: 'published' }))
}

async function newPosition(fairId: string, openid = EMPLOYER, employerId = 'e_qy_city_invest', overrides: Partial<InputOf<'fair.savePosition'>> = {}) {
  return ok(await newPositionRaw(fairId, openid, employerId, overrides))
}

let volunteers = 0
/** An approved volunteer whose term ends soon (eligible for the fairs here). */
async function newVolunteer(name = '志愿者', termEnd = dateIn(30)): Promise<string> {
  const openid = `o_fair_v${++volunteers}`
  const reg = ok(await app.call(openid, 'registration.submitVolunteer', volunteerForm({ name, termStart: '2024-07-01', termEnd, mobile: `1390000${String(1000 + volunteers).slice(-4)}` })))
  ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
  return openid
}

const setFair = (id: string, set: Record<string, unknown>) => setFields(app, 'fairs', id, set)

beforeAll(async () => {
  app = await startDemoCloud()
  await inviteEmployer(app, EMPLOYER2, 'e_lvyuan_agri')
  await inviteEmployer(app, OUTSIDER, 'e_youth_service')
})
afterAll(() => app.close())

describe('fairs and positions', () => {
  test('the city admin sets up a fair; bad times and unknown employers are refused naming the field; drafts are hidden', async () => {
    const base = { title: '测试对接会', date: dateIn(10), startTime: '09:00', endTime: '12:00', venue: '青少年宫', address: '北江一路', signupOpensAt: momentIn(-3600_000), signupClosesAt: `${dateIn(9)} 18:00`, capacity: 5, termEndsWithinDays: 180, maxPositions: 2 }
    const before = app.dump()
    expect(await app.call(CITY, 'fair.save', { ...base, signupClosesAt: momentIn(-7200_000) })).toMatchObject({ ok: false, error: { field: 'signupClosesAt' } })
    expect(await app.call(CITY, 'fair.save', { ...base, signupClosesAt: `${dateIn(10)} 10:00` })).toMatchObject({ ok: false, error: { field: 'signupClosesAt', message: expect.stringContaining('报名应在对接会开始前截止') } })
    expect(await app.call(CITY, 'fair.save', { ...base, endTime: '08:00' })).toMatchObject({ ok: false, error: { field: 'endTime' } })
    expect(await app.call(CITY, 'fair.save', { ...base, capacity: 0 })).toMatchObject({ ok: false, error: { field: 'capacity' } })
    expect(await app.call(CITY, 'fair.save', { ...base, employerIds: ['e_nowhere'] })).toMatchObject({ ok: false, error: { field: 'employerIds' } })
    expect(await app.call(COUNTY, 'fair.save', base)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(app.dump()).toBe(before)

    const draft = ok(await app.call(CITY, 'fair.save', base))
    expect(draft).toMatchObject({ status: 'draft', phase: 'open', capacity: 5, confirmed: 0 })
    const volunteer = await newVolunteer('周明')
    expect(await app.call(volunteer, 'fair.get', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    ok(await app.call(CITY, 'fair.setStatus', { id: draft.id, status: 'published' }))
    expect(ok(await app.call(volunteer, 'fair.get', { id: draft.id })).fair).toMatchObject({ status: 'published', title: '测试对接会' })
    expect(ok(await app.call(volunteer, 'fair.list', {})).items.map((f) => f.id)).toContain(draft.id)
  })

  test('invited employers list positions and edit only their own, until the deadline', async () => {
    const f = await newFair()
    const p = await newPosition(f.id)
    expect(p).toMatchObject({ employerName: '清远市城市投资控股集团', employerType: 'state_owned', countyName: '清城区', applicants: 0 })
    expect(await newPositionRaw(f.id, OUTSIDER, 'e_youth_service')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '本单位未受邀参加这场对接会' } })
    expect(await newPositionRaw(f.id, EMPLOYER2, 'e_qy_city_invest')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await newPositionRaw(f.id, EMPLOYER2, 'e_lvyuan_agri', { id: p.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能修改本单位的岗位' } })
    expect(await newPositionRaw(f.id, EMPLOYER, 'e_qy_city_invest', { salaryMinFen: 900_000 })).toMatchObject({ ok: false, error: { field: 'salaryMaxFen' } })
    expect(await newPositionRaw(f.id, EMPLOYER, 'e_qy_city_invest', { contactPhone: '12345' })).toMatchObject({ ok: false, error: { field: 'contactPhone' } })
    const edited = await newPosition(f.id, EMPLOYER, 'e_qy_city_invest', { id: p.id, title: '乡村运营主管', openings: 2 })
    expect(edited).toMatchObject({ id: p.id, title: '乡村运营主管', openings: 2 })
    const mine = ok(await app.call(EMPLOYER, 'fair.myFairs', {}))
    expect(mine.fairs.map((x) => x.id)).toContain(f.id)
    expect(mine.positions.map((x) => x.id)).toContain(p.id)

    await setFair(f.id, { signupClosesAt: new Date(Date.now() - 60_000) })
    expect(await newPositionRaw(f.id, EMPLOYER, 'e_qy_city_invest', { id: p.id, title: '截止后修改' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '报名已截止，岗位不能再修改' } })
    expect(await app.call(EMPLOYER, 'fair.removePosition', { id: p.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

function newPositionRaw(fairId: string, openid: string, employerId: string, overrides: Record<string, unknown> = {}) {
  return app.call(openid, 'fair.savePosition', {
    fairId,
    employerId,
    title: '乡村运营专员',
    openings: 3,
    place: '清城区',
    countyCode: '441802',
    requirements: '服务期满志愿者，熟悉农村电商',
    salaryMinFen: 500_000,
    salaryMaxFen: 800_000,
    contactName: '何经理',
    contactPhone: '0763-3388123',
    ...overrides,
  } as never)
}

describe('sign-up', () => {
  test('who may sign up, when, and for how many positions', async () => {
    const f = await newFair()
    const [a, b, c] = [await newPosition(f.id), await newPosition(f.id, EMPLOYER2, 'e_lvyuan_agri'), await newPosition(f.id, EMPLOYER2, 'e_lvyuan_agri', { title: '电商主播' })]
    const early = await newVolunteer('钱早', dateIn(400))
    const youthOpenid = 'o_fair_youth'
    const reg = ok(await app.call(youthOpenid, 'registration.submitRuralYouth', ruralYouthForm({ countyCode: '441802', townshipCode: '441802006' })))
    ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    const v = await newVolunteer('孙满')
    const other = await newFair()
    const elsewhere = await newPosition(other.id)
    const before = app.dump()
    expect(await app.call(early, 'fair.signUp', { fairId: f.id, positionIds: [a.id], shareResume: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('期满的志愿者') } })
    expect(await app.call(youthOpenid, 'fair.signUp', { fairId: f.id, positionIds: [a.id], shareResume: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '本场对接会只面向服务期满的志愿者' } })
    expect(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [a.id, b.id, c.id], shareResume: true })).toMatchObject({ ok: false, error: { field: 'positionIds', message: '本场每人最多选择 2 个岗位' } })
    expect(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [a.id], shareResume: false } as never)).toMatchObject({ ok: false, error: { field: 'shareResume' } })
    expect(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [elsewhere.id], shareResume: true })).toMatchObject({ ok: false, error: { field: 'positionIds' } })
    expect(app.dump()).toBe(before)

    // The résumé the employer will see, previewed first.
    const resume = ok(await app.call(v, 'fair.resume', {}))
    expect(resume).toMatchObject({ name: '孙满', kind: 'volunteer', school: '华南农业大学', approvedHours: 0, star: 0, mobileMasked: expect.stringMatching(/^139\*{4}\d{4}$/) })
    const signed = ok(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [a.id, b.id], shareResume: true }))
    expect(signed.signup).toMatchObject({ status: 'confirmed', waitingRank: 0, positionIds: [a.id, b.id] })
    expect(signed.fair).toMatchObject({ confirmed: 1, waiting: 0, mine: { status: 'confirmed' } })
    // Signing up again changes the choice, not the place.
    expect(ok(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [c.id], shareResume: true })).signup).toMatchObject({ status: 'confirmed', positionIds: [c.id] })
    expect(ok(await app.call(v, 'fair.get', { id: f.id })).fair.confirmed).toBe(1)

    // Rural youth where the fair allows; not before opening nor after the deadline.
    await setFair(f.id, { allowRuralYouth: true })
    ok(await app.call(youthOpenid, 'fair.signUp', { fairId: f.id, positionIds: [a.id], shareResume: true }))
    await setFair(other.id, { signupClosesAt: new Date(Date.now() - 1000) })
    expect(await app.call(v, 'fair.signUp', { fairId: other.id, positionIds: [elsewhere.id], shareResume: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('截止') } })
    await setFair(other.id, { signupOpensAt: new Date(Date.now() + DAY), signupClosesAt: new Date(Date.now() + 2 * DAY) })
    expect(await app.call(v, 'fair.signUp', { fairId: other.id, positionIds: [elsewhere.id], shareResume: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('开始') } })
  })

  test('the résumé a sign-up carries counts the hours of approved sessions only, as the preview shows them', async () => {
    const f = await newFair()
    const p = await newPosition(f.id)
    const v = await newVolunteer('周时长')
    const userId = ([...app.cloud.store.get('users').docs.values()].find((u) => u.openid === v) as { _id: string })._id
    const session = (n: number, status: string, minutes: number, adjustedMinutes: number | null) => ({
      _id: `S_resume_${n}`, userId, status, stationName: '凤城街道服务站', checkInAt: new Date(Date.now() - (30 - n) * DAY), days: [{ date: dateIn(n - 30), minutes }], adjustedMinutes,
    })
    // Two hours on one day, an adjusted hour and a half on another; five hours still waiting for review.
    await insertDocs(app, 'sessions', [session(1, 'approved', 120, null), session(2, 'approved', 200, 90), session(3, 'pending', 300, null)])
    expect(ok(await app.call(v, 'fair.resume', {})).approvedHours).toBe(3.5)
    const signed = ok(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true }))
    const seen = ok(await app.call(EMPLOYER, 'fair.applicants', { fairId: f.id })).items.find((x) => x.signupId === signed.signup.id)
    expect(seen?.resume).toMatchObject({ name: '周时长', approvedHours: 3.5 })
  })

  test('a full fair puts newcomers on the waiting list; a cancellation promotes the first, in order, and tells them', async () => {
    const f = await newFair({ capacity: 2 })
    const p = await newPosition(f.id)
    const people = [await newVolunteer('甲一'), await newVolunteer('乙二'), await newVolunteer('丙三'), await newVolunteer('丁四'), await newVolunteer('戊五')]
    const results = []
    for (const openid of people) results.push(ok(await app.call(openid, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true })).signup)
    expect(results.map((s) => [s.status, s.waitingRank])).toEqual([
      ['confirmed', 0],
      ['confirmed', 0],
      ['waiting', 1],
      ['waiting', 2],
      ['waiting', 3],
    ])
    // A waiting person has no entry code yet.
    expect(await app.call(people[2], 'fair.entryCode', { fairId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('候补') } })
    app.cloud.outbox.length = 0
    // Those on the waiting list accepted the notice when they signed up; promotion tells the one promoted.
    for (const p of people.slice(2)) app.acceptNotices(p)
    const after = ok(await app.call(people[0], 'fair.cancel', { fairId: f.id, reason: '已找到工作' }))
    expect(after.fair).toMatchObject({ confirmed: 2, waiting: 2, mine: null })
    expect(app.cloud.outbox.map((m) => m.touser)).toEqual([people[2]])
    expect(ok(await app.call(people[2], 'fair.get', { id: f.id })).fair.mine).toMatchObject({ status: 'confirmed' })
    expect(ok(await app.call(people[3], 'fair.get', { id: f.id })).fair.mine).toMatchObject({ status: 'waiting', waitingRank: 1 })
    // The seat given from the line is in the audit trail, as the cancellation that freed it.
    const promotedId = `${f.id}:${ok(await app.call(people[2], 'account.me', {})).userId}`
    const trail = [...app.cloud.store.get('audit').docs.values()]
    expect(trail.find((a) => a.action === 'fair.promote' && a.targetId === promotedId)).toMatchObject({ actorId: 'system', before: { status: 'waiting' }, after: { status: 'confirmed' } })
    expect(trail.some((a) => a.action === 'fair.cancel_signup' && String(a.targetId).startsWith(f.id))).toBe(true)
    // A waiting person who cancels leaves the list; the order of the rest holds.
    ok(await app.call(people[3], 'fair.cancel', { fairId: f.id }))
    expect(ok(await app.call(people[4], 'fair.get', { id: f.id })).fair.mine).toMatchObject({ status: 'waiting', waitingRank: 1 })
    // Signing up again after cancelling goes to the end of the list.
    expect(ok(await app.call(people[0], 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true })).signup).toMatchObject({ status: 'waiting', waitingRank: 2 })
    // More seats move the list up.
    ok(await app.call(CITY, 'fair.save', { ...formOf(f), capacity: 3 }))
    expect(ok(await app.call(people[4], 'fair.get', { id: f.id })).fair.mine).toMatchObject({ status: 'confirmed' })
    expect(await app.call(CITY, 'fair.save', { ...formOf(f), capacity: 1 })).toMatchObject({ ok: false, error: { field: 'capacity' } })
    const list = ok(await app.call(CITY, 'fair.signups', { fairId: f.id }))
    expect(list.items.map((s) => [s.name, s.status, s.waitingRank])).toEqual([
      ['乙二', 'confirmed', 0],
      ['丙三', 'confirmed', 0],
      ['戊五', 'confirmed', 0],
      ['甲一', 'waiting', 1],
      ['丁四', 'cancelled', 0],
    ])
  })
})

describe('the day, outcomes and the report', () => {
  test('entry codes check in once, on the day; employers record outcomes and see contacts after an interview; the report counts it', async () => {
    const f = await newFair({ capacity: 3 })
    const soe = await newPosition(f.id, EMPLOYER, 'e_qy_city_invest', { title: '乡村振兴项目专员', countyCode: '441802' })
    const outside = await newPosition(f.id, EMPLOYER2, 'e_lvyuan_agri', { title: '广州门店店长', place: '广州市天河区', countyCode: '' })
    const [a, b, c] = [await newVolunteer('赵一'), await newVolunteer('钱二'), await newVolunteer('孙三')]
    ok(await app.call(a, 'fair.signUp', { fairId: f.id, positionIds: [soe.id, outside.id], shareResume: true }))
    ok(await app.call(b, 'fair.signUp', { fairId: f.id, positionIds: [outside.id], shareResume: true }))
    ok(await app.call(c, 'fair.signUp', { fairId: f.id, positionIds: [soe.id], shareResume: true }))

    const code = ok(await app.call(a, 'fair.entryCode', { fairId: f.id }))
    expect(code).toMatchObject({ name: '赵*', fairTitle: f.title })
    expect(code.token).toMatch(/^E1\./)
    expect(await app.call(CITY, 'fair.checkIn', { token: code.token })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('今天不能签到') } })
    // The day comes.
    await setFair(f.id, { date: shanghaiDate(Date.now()), startsAt: new Date(Date.now() - 3600_000) })
    expect(await app.call(a, 'fair.checkIn', { token: code.token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const edited = `${code.token.slice(0, -4)}${code.token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`
    expect(await app.call(CITY, 'fair.checkIn', { token: edited })).toMatchObject({ ok: false, error: { field: 'token' } })
    expect(ok(await app.call(COUNTY, 'fair.checkIn', { token: code.token }))).toMatchObject({ name: '赵*', positions: 2 })
    expect([...app.cloud.store.get('audit').docs.values()].filter((x) => x.action === 'fair.check_in' && String(x.targetId).startsWith(f.id))).toHaveLength(1)
    expect(await app.call(CITY, 'fair.checkIn', { token: code.token })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该入场码已使用，不能重复入场' } })
    expect(await app.call(a, 'fair.entryCode', { fairId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已于') } })
    expect(await app.call(a, 'fair.cancel', { fairId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    ok(await app.call(CITY, 'fair.checkIn', { token: ok(await app.call(b, 'fair.entryCode', { fairId: f.id })).token }))
    expect(ok(await app.call(CITY, 'fair.signups', { fairId: f.id, attended: true })).items.map((s) => s.name).sort()).toEqual(['赵一', '钱二'].sort())

    // Employers see the people who chose their positions, contact masked until an interview.
    const list = ok(await app.call(EMPLOYER, 'fair.applicants', { fairId: f.id }))
    expect(list.items.map((x) => x.resume.name).sort()).toEqual(['孙三', '赵一'].sort())
    expect(list.items.every((x) => x.mobile === '' && /\*{4}/.test(x.resume.mobileMasked))).toBe(true)
    expect(list.items.find((x) => x.resume.name === '赵一')!.choices.map((ch) => ch.positionTitle)).toEqual(['乡村振兴项目专员'])
    const signupOfA = list.items.find((x) => x.resume.name === '赵一')!.signupId
    expect(await app.call(EMPLOYER2, 'fair.recordOutcome', { signupId: signupOfA, positionId: soe.id, outcome: 'hired' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const signupOfB = ok(await app.call(EMPLOYER2, 'fair.applicants', { fairId: f.id })).items.find((x) => x.resume.name === '钱二')!.signupId
    expect(await app.call(EMPLOYER, 'fair.recordOutcome', { signupId: signupOfB, positionId: soe.id, outcome: 'interviewed' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const interviewed = ok(await app.call(EMPLOYER, 'fair.recordOutcome', { signupId: signupOfA, positionId: soe.id, outcome: 'interviewed', note: '周五复试' }))
    expect(interviewed.mobile).toMatch(/^1390000\d{4}$/)
    const reads = () => [...app.cloud.store.get('audit').docs.values()].filter((e) => e.action === 'pii.read' && e.targetId === signupOfA).length
    const n = reads()
    const again = ok(await app.call(EMPLOYER, 'fair.applicants', { fairId: f.id, positionId: soe.id }))
    expect(again.items.find((x) => x.signupId === signupOfA)!.mobile).toMatch(/^1390000\d{4}$/)
    expect(reads()).toBe(n + 1)
    ok(await app.call(EMPLOYER, 'fair.recordOutcome', { signupId: signupOfA, positionId: soe.id, outcome: 'hired' }))
    ok(await app.call(EMPLOYER2, 'fair.recordOutcome', { signupId: signupOfA, positionId: outside.id, outcome: 'offered' }))
    ok(await app.call(EMPLOYER2, 'fair.recordOutcome', { signupId: signupOfB, positionId: outside.id, outcome: 'hired' }))
    // Each outcome is told to the person in 消息, newest first ("offered" in a phrase WeChat takes: 录用意向).
    const zhaoInbox = ok(await app.call(a, 'account.messages', {}))
    expect(zhaoInbox.items.map((m) => [m.tag, m.text])).toEqual([
      ['录用意向', '已发录用意向'],
      ['已录用', '已录用'],
      ['已面试', '周五复试'],
      ['已签到', expect.stringMatching(/^\d{2}:\d{2} 入场$/)],
      ['已通过', '服务镇街：凤城街道'], // the registration's approval, before all this
    ])

    const report = ok(await app.call(CITY, 'fair.report', { fairId: f.id }))
    expect(report).toMatchObject({ capacity: 3, signups: 3, confirmed: 3, waiting: 0, attended: 2, people: { interviewed: 2, offered: 2, hired: 2, hiredLocal: 1 } })
    expect(report.byEmployerType.find((t) => t.type === 'state_owned')).toMatchObject({ positions: 1, applicants: 2, interviews: 1, offers: 1, hires: 1, hiresLocal: 1 })
    expect(report.byEmployerType.find((t) => t.type === 'private')).toMatchObject({ positions: 1, applicants: 2, interviews: 2, offers: 2, hires: 1, hiresLocal: 0 })
    expect(await app.call(EMPLOYER, 'fair.report', { fairId: f.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const file = ok(await app.call(CITY, 'fair.exportReport', { fairId: f.id }))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await (await fetch(file.fileUrl)).arrayBuffer()) as never)
    const overall = book.getWorksheet('总体')!.getSheetValues().filter(Boolean) as unknown[][]
    expect(overall.find((r) => r[1] === '在清远本地录用人数')).toEqual(expect.arrayContaining([1]))
    expect(book.getWorksheet('按单位类型')).toBeTruthy()
  })

  test('outcomes only once the fair has begun and only for people checked in at the door; the mobile only after such an interview (issue #14)', async () => {
    const f = await newFair()
    const p = await newPosition(f.id, EMPLOYER, 'e_qy_city_invest', { title: '乡村电商运营' })
    const [came, stayedAway] = [await newVolunteer('吴到场'), await newVolunteer('郑未到')]
    ok(await app.call(came, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true }))
    ok(await app.call(stayedAway, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true }))
    const people = ok(await app.call(EMPLOYER, 'fair.applicants', { fairId: f.id, positionId: p.id })).items
    const signupOf = (name: string) => people.find((x) => x.resume.name === name)!.signupId
    const record = (name: string, outcome: 'interviewed' | 'declined' | 'hired') => app.call(EMPLOYER, 'fair.recordOutcome', { signupId: signupOf(name), positionId: p.id, outcome })
    const mobiles = async () => ok(await app.call(EMPLOYER, 'fair.applicants', { fairId: f.id, positionId: p.id })).items.map((x) => [x.resume.name, x.mobile])

    // Days before the fair (the probe's case): no outcome, no mobile.
    let before = app.dump()
    for (const outcome of ['interviewed', 'declined'] as const) {
      expect(await record('郑未到', outcome)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('开始后才能登记结果') } })
    }
    expect(app.dump()).toBe(before)
    // The day, hours before it starts: checked in at the door, still no outcome.
    await setFair(f.id, { date: shanghaiDate(Date.now()), startsAt: new Date(Date.now() + 2 * 3600_000) })
    ok(await app.call(CITY, 'fair.checkIn', { token: ok(await app.call(came, 'fair.entryCode', { fairId: f.id })).token }))
    before = app.dump()
    expect(await record('吴到场', 'interviewed')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('开始后才能登记结果') } })
    expect(app.dump()).toBe(before)
    // Once it has begun: not for someone who never came in; the mobile stays hidden.
    await setFair(f.id, { startsAt: new Date(Date.now() - 3600_000) })
    before = app.dump()
    for (const outcome of ['interviewed', 'declined', 'hired'] as const) {
      expect(await record('郑未到', outcome)).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'signupId', message: '该报名者还没有在会场入口签到，签到入场后才能登记结果' } })
    }
    expect(app.dump()).toBe(before)
    expect((await mobiles()).map(([, m]) => m)).toEqual(['', ''])
    // For someone who came in: recorded, and the mobile is shown (to this employer).
    const interviewed = ok(await record('吴到场', 'interviewed'))
    expect(interviewed.mobile).toMatch(/^1390000\d{4}$/)
    expect(Object.fromEntries(await mobiles())).toEqual({ 吴到场: interviewed.mobile, 郑未到: '' })
    // An outcome written before the fair began, for someone never checked in (as the earlier version allowed), shows no mobile.
    const early = { outcome: 'interviewed', note: '', at: new Date(Date.now() - 5 * DAY), by: 'someone' }
    await setFields(app, 'fair_signups', signupOf('郑未到'), { [`outcomes.${p.id}`]: early })
    expect(Object.fromEntries(await mobiles())).toEqual({ 吴到场: interviewed.mobile, 郑未到: '' })
  })

  test('an expired entry code is refused; cancelling the fair tells everyone', async () => {
    const f = await newFair()
    const p = await newPosition(f.id)
    const v = await newVolunteer('周末')
    ok(await app.call(v, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true }))
    await setFair(f.id, { date: shanghaiDate(Date.now()) })
    const realNow = Date.now
    const code = ok(await app.call(v, 'fair.entryCode', { fairId: f.id }))
    // Sealed with an expiry a minute away: present it as the door would after two minutes.
    const { unseal, seal } = await import('../../cloudfunctions/_shared/sealed')
    configureFunctionsInProcess()
    const claims = unseal('fair-entry-v1', 'E1', code.token)!
    const stale = seal('fair-entry-v1', 'E1', { ...claims, e: Math.floor(realNow() / 1000) - 5 })
    expect(await app.call(CITY, 'fair.checkIn', { token: stale })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已过期') } })
    app.cloud.outbox.length = 0
    app.acceptNotices(v)
    expect(await app.call(CITY, 'fair.setStatus', { id: f.id, status: 'cancelled' })).toMatchObject({ ok: false, error: { field: 'reason' } })
    ok(await app.call(CITY, 'fair.setStatus', { id: f.id, status: 'cancelled', reason: '因天气原因取消' }))
    expect(app.cloud.outbox.map((m) => m.touser)).toEqual([v])
    expect(await app.call(CITY, 'fair.checkIn', { token: code.token })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '对接会已取消' } })
  })
})

describe('issue 19: the admin home, the door without a phone, exports past 100', () => {
  test('a cancelled (or draft) fair is not counted as upcoming where the admin home asks for published ones', async () => {
    const live = await newFair({ title: '即将举办的对接会' })
    const called = await newFair({ title: '将被取消的对接会' })
    ok(await app.call(CITY, 'fair.setStatus', { id: called.id, status: 'cancelled', reason: '场地调整' }))
    const draft = ok(await app.call(CITY, 'fair.save', { ...formOf(live), id: undefined, title: '尚未发布的对接会' }))
    const published = ok(await app.call(CITY, 'fair.list', { when: 'upcoming', status: 'published', pageSize: 50 }))
    const ids = published.items.map((f) => f.id)
    expect(ids).toContain(live.id)
    expect(ids).not.toContain(called.id)
    expect(ids).not.toContain(draft.id)
    expect(published.items.every((f) => f.status === 'published')).toBe(true)
    // The total is what the admin home shows: it counts the same fairs.
    expect(published.total).toBe(published.items.length)
    // The fair admin's list still shows all three to the city admin; others never see a cancelled fair.
    expect(ok(await app.call(CITY, 'fair.list', { when: 'upcoming', pageSize: 50 })).items.map((f) => f.id)).toEqual(expect.arrayContaining([live.id, called.id, draft.id]))
    expect(ok(await app.call(COUNTY, 'fair.list', { when: 'upcoming', status: 'cancelled' }))).toEqual({ items: [], total: 0 })
  })

  test('the door finds someone by name or mobile tail and checks them in by name: on the day, once, audited, the person told; the list shows who came and how', async () => {
    const f = await newFair({ capacity: 2, title: '按姓名签到测试会' })
    const p = await newPosition(f.id)
    const [came, scanned, waiting] = [await newVolunteer('欧阳晓峰'), await newVolunteer('欧阳晓云'), await newVolunteer('司马候补')]
    for (const who of [came, scanned, waiting]) ok(await app.call(who, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true }))
    const find = async (keyword: string) => ok(await app.call(COUNTY, 'fair.signups', { fairId: f.id, keyword })).items
    const [found] = await find('欧阳晓峰')
    expect(found).toMatchObject({ name: '欧阳晓峰', status: 'confirmed', checkedInAt: '', checkInMethod: null, mobileMasked: expect.stringMatching(/^139\*{4}\d{4}$/) })
    expect((await find('欧阳')).map((s) => s.name).sort()).toEqual(['欧阳晓云', '欧阳晓峰'].sort())
    expect((await find(found.mobileMasked.slice(-4))).map((s) => s.id)).toEqual([found.id])
    expect(await app.call(COUNTY, 'fair.signups', { fairId: f.id, keyword: '139' })).toMatchObject({ ok: false, error: { field: 'keyword', message: expect.stringContaining('后 4 位') } })
    expect(await find('.*')).toEqual([])

    // Days before the fair: refused, nothing written.
    let before = app.dump()
    expect(await app.call(COUNTY, 'fair.checkInByName', { signupId: found.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('今天不能签到') } })
    expect(app.dump()).toBe(before)
    // The day comes.
    await setFair(f.id, { date: shanghaiDate(Date.now()), startsAt: new Date(Date.now() - 600_000) })
    expect(await app.call(came, 'fair.checkInByName', { signupId: found.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    app.cloud.outbox.length = 0
    app.acceptNotices(came)
    const admitted = ok(await app.call(COUNTY, 'fair.checkInByName', { signupId: found.id, reason: '手机没电' }))
    expect(admitted).toMatchObject({ name: '欧阳晓峰', fairTitle: '按姓名签到测试会', positions: 1 })
    // The person is told; the check-in is in the audit trail with who let them in and why.
    expect(app.cloud.outbox.map((m) => m.touser)).toEqual([came])
    const countyAdmin = ok(await app.call(COUNTY, 'account.me', {})).userId
    expect([...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'fair.check_in' && a.targetId === found.id)).toEqual([
      expect.objectContaining({ actorId: countyAdmin, after: { checkedIn: true, method: 'name' }, reason: expect.stringContaining('手机没电') }),
    ])
    // Once: neither by name again nor with the entry code.
    before = app.dump()
    expect(await app.call(CITY, 'fair.checkInByName', { signupId: found.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('欧阳晓峰 已于') } })
    expect(await app.call(came, 'fair.entryCode', { fairId: f.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已于') } })
    // Someone on the waiting list is not let in by name either.
    const [onHold] = await find('司马候补')
    expect(await app.call(CITY, 'fair.checkInByName', { signupId: onHold.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '司马候补 仍在候补，未获得入场资格' } })
    expect(await app.call(CITY, 'fair.checkInByName', { signupId: `${f.id}:nobody` })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(app.dump()).toBe(before)
    // A scanned code still works for the next person; the list tells the two ways apart.
    ok(await app.call(CITY, 'fair.checkIn', { token: ok(await app.call(scanned, 'fair.entryCode', { fairId: f.id })).token }))
    const attended = ok(await app.call(CITY, 'fair.signups', { fairId: f.id, attended: true, order: 'checkIn' })).items
    expect(attended.map((s) => [s.name, s.checkInMethod])).toEqual([
      ['欧阳晓云', 'code'],
      ['欧阳晓峰', 'name'],
    ])
    expect(attended.every((s) => s.checkedInAt)).toBe(true)
    // Outcomes may follow, as for a scanned check-in.
    ok(await app.call(EMPLOYER, 'fair.recordOutcome', { signupId: found.id, positionId: p.id, outcome: 'interviewed' }))
    // A cancelled fair lets nobody in.
    const other = await newFair({ capacity: 2 })
    const op = await newPosition(other.id)
    const late = await newVolunteer('诸葛迟到')
    ok(await app.call(late, 'fair.signUp', { fairId: other.id, positionIds: [op.id], shareResume: true }))
    await setFair(other.id, { date: shanghaiDate(Date.now()) })
    ok(await app.call(CITY, 'fair.setStatus', { id: other.id, status: 'cancelled', reason: '因天气原因取消' }))
    const [lateOne] = ok(await app.call(CITY, 'fair.signups', { fairId: other.id })).items
    expect(await app.call(CITY, 'fair.checkInByName', { signupId: lateOne.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '对接会已取消' } })
  })

  test('130 sign-ups: the list, the report, the sign-up export and the employer\'s export hold them all, mobiles masked, files named for the fair', async () => {
    const f = await newFair({ capacity: 200, title: '百人岗位对接会' })
    const [soe, agri] = [await newPosition(f.id, EMPLOYER, 'e_qy_city_invest', { title: '乡村振兴项目专员' }), await newPosition(f.id, EMPLOYER2, 'e_lvyuan_agri', { title: '电商主播', countyCode: '' })]
    const now = Date.now()
    const people = Array.from({ length: 130 }, (_, i) => {
      const n = String(i).padStart(3, '0')
      return EJSON.stringify(
        {
          _id: `${f.id}:u_many_${n}`,
          fairId: f.id,
          userId: `u_many_${n}`,
          openid: `o_many_${n}`,
          status: 'confirmed',
          positionIds: i % 2 === 0 ? [soe.id] : [soe.id, agri.id],
          employerIds: i % 2 === 0 ? ['e_qy_city_invest'] : ['e_qy_city_invest', 'e_lvyuan_agri'],
          resume: { name: `百人${n}`, kind: 'volunteer', gender: 'female', age: 24, mobileMasked: `139****${String(5000 + i)}`, countyName: '清城区', townshipName: '凤城街道', school: '华南农业大学', major: '农学', graduationYear: 2024, politicalStatus: '共青团员', skills: ['电子商务'], occupation: '', termStart: '2024-07-01', termEnd: dateIn(30), approvedHours: 120, star: 1 },
          registrationId: `r_many_${n}`,
          checkedInAt: i < 40 ? new Date(now - 60_000 + i) : null,
          checkedInBy: i < 40 ? 'door' : '',
          entryNonce: i < 20 ? `nonce_${n}` : '',
          outcomes: i < 10 ? { [soe.id]: { outcome: 'hired', note: '', at: new Date(now), by: 'employer' } } : {},
          promotedAt: null,
          cancelledAt: null,
          createdAt: new Date(now - 3600_000 + i * 1000),
          updatedAt: new Date(now),
        },
        { relaxed: false },
      )
    })
    await app.cloud.db.handle('database.insertDocument', { collectionName: 'fair_signups', data: people })
    await setFair(f.id, { confirmedCount: 130 })

    // The league's list: every one of them, in sign-up order, page by page.
    const first = ok(await app.call(CITY, 'fair.signups', { fairId: f.id, pageSize: 50 }))
    expect(first.total).toBe(130)
    expect(first.items[0].name).toBe('百人000')
    const third = ok(await app.call(CITY, 'fair.signups', { fairId: f.id, pageSize: 50, page: 3 }))
    expect(third.items.map((s) => s.name)).toEqual(Array.from({ length: 30 }, (_, i) => `百人${String(100 + i).padStart(3, '0')}`))
    expect(ok(await app.call(CITY, 'fair.signups', { fairId: f.id, attended: true, pageSize: 1 })).total).toBe(40)
    // The report counts all of them.
    const report = ok(await app.call(CITY, 'fair.report', { fairId: f.id }))
    expect(report).toMatchObject({ signups: 130, confirmed: 130, attended: 40, people: { hired: 10 } })
    expect(report.byEmployer.find((e) => e.employerId === 'e_qy_city_invest')).toMatchObject({ applicants: 130, hires: 10 })

    const load = async (url: string) => {
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(Buffer.from(await (await fetch(url)).arrayBuffer()) as never)
      return book
    }
    const text = (book: ExcelJS.Workbook) => book.worksheets.map((w) => JSON.stringify(w.getSheetValues())).join('\n')
    const mobile = /(?<!\d)1[3-9]\d{9}(?!\d)/

    // The sign-up list as Excel: all 130, the mobile masked, named for the fair.
    const list = ok(await app.call(COUNTY, 'fair.exportSignups', { fairId: f.id }))
    expect(list).toMatchObject({ rows: 130, fileName: `对接会报名名单-百人岗位对接会-清远市青少年宫-${f.date}.xlsx` })
    const listBook = await load(list.fileUrl)
    const sheet = listBook.getWorksheet('报名名单')!
    expect(sheet.rowCount).toBe(131)
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([1, '百人000', '乡村振兴志愿者', '139****5000', '清城区', '凤城街道', '已签到入场', '清远市城市投资控股集团·乡村振兴项目专员', '扫码']))
    expect(sheet.getRow(131).values).toEqual(expect.arrayContaining([130, '百人129', '已报名']))
    expect(sheet.getRow(32).values).toEqual(expect.arrayContaining(['百人030', '按姓名']))
    expect(text(listBook)).not.toMatch(mobile)
    expect([...app.cloud.store.get('audit').docs.values()].some((a) => a.action === 'fair.export_signups' && a.targetId === f.id)).toBe(true)
    expect(await app.call(EMPLOYER, 'fair.exportSignups', { fairId: f.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    // The employer's applicants: its own positions only, everyone who chose them.
    const mine = ok(await app.call(EMPLOYER, 'fair.exportApplicants', { fairId: f.id }))
    expect(mine).toMatchObject({ rows: 130, fileName: `对接会应聘人员-清远市城市投资控股集团-百人岗位对接会-${f.date}.xlsx` })
    const mineBook = await load(mine.fileUrl)
    const applicants = mineBook.getWorksheet('应聘人员')!
    expect(applicants.rowCount).toBe(131)
    expect(text(mineBook)).not.toContain('电商主播')
    expect(text(mineBook)).not.toMatch(mobile)
    expect(applicants.getRow(2).values).toEqual(expect.arrayContaining(['百人000', '女', 24, '华南农业大学', '139****5000', '乡村振兴项目专员', '已录用']))
    const theirs = ok(await app.call(EMPLOYER2, 'fair.exportApplicants', { fairId: f.id }))
    expect(theirs.rows).toBe(65)
    expect(await app.call(EMPLOYER2, 'fair.exportApplicants', { fairId: f.id, positionId: soe.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    // The report's workbook: named for the fair, place and day, with the rows behind its figures.
    const file = ok(await app.call(CITY, 'fair.exportReport', { fairId: f.id }))
    expect(file.fileName).toBe(`岗位对接会统计-百人岗位对接会-清远市青少年宫-${f.date}.xlsx`)
    const book = await load(file.fileUrl)
    expect(book.worksheets.map((w) => w.name)).toEqual(['总体', '按单位类型', '按用人单位', '岗位明细', '报名明细'])
    expect(book.getWorksheet('报名明细')!.rowCount).toBe(131)
    const positionsSheet = (book.getWorksheet('岗位明细')!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1))
    expect(positionsSheet).toEqual(
      expect.arrayContaining([
        expect.arrayContaining(['清远市城市投资控股集团', '国有企业', '乡村振兴项目专员', '清城区', 130, 10]),
        expect.arrayContaining(['清远市绿源农业科技有限公司', '电商主播', '否', 65]),
      ]),
    )
    expect(text(book)).not.toMatch(mobile)
  })
})

describe('issue 20: the eve of the fair', () => {
  test('everyone with a seat at tomorrow’s fair is reminded once (in 消息; by WeChat if they accepted), however often the timer runs; the waiting list is not', async () => {
    const f = await newFair({ capacity: 2, title: '明日岗位对接会' })
    const people = [await newVolunteer('冯一'), await newVolunteer('陈二'), await newVolunteer('褚三')]
    const p = await newPosition(f.id)
    for (const who of people) ok(await app.call(who, 'fair.signUp', { fairId: f.id, positionIds: [p.id], shareResume: true }))
    // Tomorrow in Shanghai, whatever UTC's date is now.
    await setFair(f.id, { date: shanghaiDaysAhead(Date.now(), 1) })
    app.acceptNotices(people[0], 'reminder')
    app.cloud.outbox.length = 0
    const first = await app.cloud.fireTimer('fair', 'remindTomorrow')
    expect(first.ok && first.result).toMatchObject({ ok: true, data: { reminded: 2 } })
    const again = await app.cloud.fireTimer('fair', 'remindTomorrow')
    expect(again.ok && again.result).toMatchObject({ ok: true, data: { reminded: 0 } })
    expect(app.cloud.outbox.map((m) => [m.touser, m.templateId, m.data.thing1.value])).toEqual([[people[0], REMINDER, '明日岗位对接会']])
    const reminded = async (who: string) => ok(await app.call(who, 'account.messages', {})).items.filter((m) => m.tag === '提醒')
    expect(await reminded(people[0])).toEqual([expect.objectContaining({ title: '明日岗位对接会', text: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 09:00　清远市青少年宫，凭入场码签到$/), page: `packages/fair/detail/index?id=${f.id}` })])
    expect(await reminded(people[1])).toHaveLength(1)
    expect(await reminded(people[2])).toEqual([]) // on the waiting list: no seat to be reminded of
  })
})
