// A fair past the platform's caps (issue 17): 250 sign-ups, inserted straight into the store as
// the functions write them. Every list total and page, report figure, export row count and
// cancellation notice must hold all of them (one read of the platform answers at most 100).
import ExcelJS from 'exceljs'
import { EJSON } from 'bson'
import { configureFunctionsInProcess, ok, startDemoCloud, type AppCloud } from '../support/app'
import { fairForm, inviteEmployer, setFields } from '../support/fairs'
import { shanghaiDate } from '../../types/time'

let app: AppCloud
const CITY = 'o_demo_city'
const COUNTY = 'o_demo_county'
const EMPLOYER = 'o_demo_employer' // e_qy_city_invest
const EMPLOYER2 = 'o_scale_lvyuan' // e_lvyuan_agri, invited below
const DAY = 86_400_000
const PEOPLE = 250
const CAPACITY = 120
const dateIn = (days: number) => shanghaiDate(Date.now() + days * DAY)

beforeAll(async () => {
  configureFunctionsInProcess()
  app = await startDemoCloud()
  await inviteEmployer(app, EMPLOYER2, 'e_lvyuan_agri')
}, 120_000)

afterAll(async () => {
  await app?.close()
})

interface Person {
  i: number
  id: string
  userId: string
  openid: string
  name: string
  status: 'confirmed' | 'waiting'
  createdAt: Date
  positionIds: string[]
  outcomes: Record<string, { outcome: string; note: string; at: Date; by: string }>
  checkedIn: boolean
}

/**
 * 250 people: the first 120 hold the seats, the other 130 wait (the list in the reverse of their
 * arrival, so its order is the list's, not the time's). Sign-up times come in tens (ties broken
 * by _id), and ids are shuffled against arrival. Everyone chose the state-owned employer's
 * position, the odd ones also the private one's; the first 30 were hired (a local job), the next
 * 20 interviewed (and the odd among them offered the other job); five more have an outcome for a
 * position since deleted, which counts nowhere. The first 60 came in at the door.
 */
function arrange(fairId: string, soe: string, agri: string, now: number): Person[] {
  return Array.from({ length: PEOPLE }, (_, i) => {
    const n = String((i * 7919) % 1000).padStart(3, '0')
    const at = new Date(now)
    const outcomes: Person['outcomes'] = {}
    if (i < 30) outcomes[soe] = { outcome: 'hired', note: '', at, by: 'employer' }
    else if (i < 50) {
      outcomes[soe] = { outcome: 'interviewed', note: '', at, by: 'employer' }
      if (i % 2 === 1) outcomes[agri] = { outcome: 'offered', note: '', at, by: 'employer' }
    } else if (i < 55) outcomes.J_removed = { outcome: 'hired', note: '', at, by: 'employer' }
    return {
      i,
      id: `${fairId}:u_scale_${n}`,
      userId: `u_scale_${n}`,
      openid: `o_scale_${n}`,
      name: `规模${n}`,
      status: i < CAPACITY ? 'confirmed' : 'waiting',
      createdAt: new Date(now - 3 * 3600_000 + Math.floor(i / 10) * 60_000),
      positionIds: i % 2 === 0 ? [soe] : [soe, agri],
      outcomes,
      checkedIn: i < 60,
    }
  })
}

const signupDoc = (p: Person, fairId: string, now: number) =>
  EJSON.stringify(
    {
      _id: p.id,
      fairId,
      userId: p.userId,
      openid: p.openid,
      status: p.status,
      positionIds: p.positionIds,
      employerIds: p.positionIds.length === 1 ? ['e_qy_city_invest'] : ['e_qy_city_invest', 'e_lvyuan_agri'],
      resume: { name: p.name, kind: 'volunteer', gender: 'male', age: 23, mobileMasked: `138****${String(6000 + p.i)}`, countyName: '清城区', townshipName: '凤城街道', school: '广东海洋大学', major: '农业经济', graduationYear: 2024, politicalStatus: '共青团员', skills: ['数据分析'], occupation: '', termStart: '2024-07-01', termEnd: dateIn(30), approvedHours: 80, star: 1 },
      registrationId: `r_scale_${p.userId}`,
      checkedInAt: p.checkedIn ? new Date(now - 60_000) : null,
      checkedInBy: p.checkedIn ? 'door' : '',
      entryNonce: p.checkedIn ? `nonce_${p.userId}` : '',
      outcomes: p.outcomes,
      promotedAt: null,
      cancelledAt: null,
      createdAt: p.createdAt,
      updatedAt: new Date(now),
    },
    { relaxed: false },
  )

const setFair = (id: string, set: Record<string, unknown>) => setFields(app, 'fairs', id, set)

async function workbook(url: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await (await fetch(url)).arrayBuffer()) as never)
  return book
}

/** Every page of a list, `pageSize` at a time, until the total: the items and each page's total. */
async function everyPage<T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = []
  const totals: number[] = []
  for (let page = 1; page <= 100; page++) {
    const got = await read(page)
    totals.push(got.total)
    items.push(...got.items)
    if (got.items.length === 0 || items.length >= got.total) break
  }
  return { items, totals }
}

test('250 sign-ups for one fair: every page, figure, export row, promotion and cancellation notice counts all of them', async () => {
  const setup = fairForm({ title: '全市岗位对接会', venue: '清远市体育馆', address: '清城区人民一路', capacity: CAPACITY })
  const f = ok(await app.call(CITY, 'fair.save', setup))
  ok(await app.call(CITY, 'fair.setStatus', { id: f.id, status: 'published' }))
  const position = { fairId: f.id, openings: 50, place: '清城区', requirements: '服务期满志愿者', salaryMinFen: 500_000, salaryMaxFen: 800_000, contactName: '何经理', contactPhone: '0763-3388123' }
  const soe = ok(await app.call(EMPLOYER, 'fair.savePosition', { ...position, employerId: 'e_qy_city_invest', title: '乡村振兴项目专员', countyCode: '441802' }))
  const agri = ok(await app.call(EMPLOYER2, 'fair.savePosition', { ...position, employerId: 'e_lvyuan_agri', title: '电商主播', countyCode: '' }))
  const now = Date.now()
  const people = arrange(f.id, soe.id, agri.id, now)
  await app.cloud.db.handle('database.insertDocument', { collectionName: 'fair_signups', data: people.map((p) => signupDoc(p, f.id, now)) })
  const waiting = people.filter((p) => p.status === 'waiting').reverse()
  await setFair(f.id, { confirmedCount: CAPACITY, waitlist: waiting.map((p) => p.id) })

  // The league's list: confirmed by sign-up time (ties by id), then the waiting list in its order.
  const byTime = (a: Person, b: Person) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)
  const expected = [...people.filter((p) => p.status === 'confirmed').sort(byTime), ...waiting].map((p) => p.id)
  for (const pageSize of [50, 7]) {
    const { items, totals } = await everyPage((page) => app.call(CITY, 'fair.signups', { fairId: f.id, page, pageSize }).then(ok))
    expect(new Set(totals)).toEqual(new Set([PEOPLE]))
    expect(items.map((s) => s.id)).toEqual(expected)
    expect(items.slice(CAPACITY).map((s) => s.waitingRank)).toEqual(waiting.map((_, k) => k + 1))
  }
  expect(ok(await app.call(CITY, 'fair.signups', { fairId: f.id, status: 'waiting', pageSize: 1 })).total).toBe(PEOPLE - CAPACITY)
  expect(ok(await app.call(CITY, 'fair.signups', { fairId: f.id, attended: true, pageSize: 1 })).total).toBe(60)

  // An employer's applicants, page by page.
  const applicants = await everyPage((page) => app.call(EMPLOYER2, 'fair.applicants', { fairId: f.id, page, pageSize: 50 }).then(ok))
  const odd = people.filter((p) => p.positionIds.includes(agri.id))
  expect(new Set(applicants.totals)).toEqual(new Set([odd.length]))
  expect(new Set(applicants.items.map((a) => a.signupId))).toEqual(new Set(odd.map((p) => p.id)))

  // The report, counted from the arrangement.
  const withOutcome = (positionId: string, outcomes: string[]) => people.filter((p) => outcomes.includes(p.outcomes[positionId]?.outcome ?? '')).length
  const anyOutcome = (outcomes: string[]) => people.filter((p) => [soe.id, agri.id].some((id) => outcomes.includes(p.outcomes[id]?.outcome ?? ''))).length
  const INTERVIEWED = ['interviewed', 'offered', 'hired', 'declined']
  const report = ok(await app.call(CITY, 'fair.report', { fairId: f.id }))
  expect(report).toMatchObject({
    signups: PEOPLE,
    confirmed: CAPACITY,
    waiting: PEOPLE - CAPACITY,
    cancelled: 0,
    attended: people.filter((p) => p.checkedIn).length,
    people: { interviewed: anyOutcome(INTERVIEWED), offered: anyOutcome(['offered', 'hired']), hired: anyOutcome(['hired']), hiredLocal: withOutcome(soe.id, ['hired']) },
  })
  expect(report.people).toEqual({ interviewed: 50, offered: 40, hired: 30, hiredLocal: 30 })
  const rowOf = (employerId: string) => report.byEmployer.find((e) => e.employerId === employerId)
  expect(rowOf('e_qy_city_invest')).toMatchObject({ positions: 1, openings: 50, applicants: PEOPLE, interviews: withOutcome(soe.id, INTERVIEWED), offers: withOutcome(soe.id, ['offered', 'hired']), hires: 30, hiresLocal: 30 })
  expect(rowOf('e_lvyuan_agri')).toMatchObject({ positions: 1, openings: 50, applicants: odd.length, interviews: withOutcome(agri.id, INTERVIEWED), offers: 10, hires: 0, hiresLocal: 0 })

  // The exports: one row a person (or application), every one.
  const signupsFile = ok(await app.call(COUNTY, 'fair.exportSignups', { fairId: f.id }))
  expect(signupsFile.rows).toBe(PEOPLE)
  expect((await workbook(signupsFile.fileUrl)).getWorksheet('报名名单')!.rowCount).toBe(PEOPLE + 1)
  for (const [openid, chose] of [[EMPLOYER, PEOPLE], [EMPLOYER2, odd.length]] as const) {
    const file = ok(await app.call(openid, 'fair.exportApplicants', { fairId: f.id }))
    expect(file.rows).toBe(chose)
    expect((await workbook(file.fileUrl)).getWorksheet('应聘人员')!.rowCount).toBe(chose + 1)
  }
  const reportFile = ok(await app.call(CITY, 'fair.exportReport', { fairId: f.id }))
  expect(reportFile.rows).toBe(PEOPLE)
  const book = await workbook(reportFile.fileUrl)
  expect(book.getWorksheet('报名明细')!.rowCount).toBe(PEOPLE + 1)
  expect(book.getWorksheet('岗位明细')!.rowCount).toBe(3)

  // More seats for everyone: all 130 waiting move up at once, in batches, each told.
  const saved = ok(await app.call(CITY, 'fair.save', { ...setup, id: f.id, capacity: PEOPLE + 10 }))
  expect(saved).toMatchObject({ confirmed: PEOPLE, waiting: 0 })
  const promoted = [...app.cloud.store.get('fair_signups').docs.values()].filter((s) => s.fairId === f.id && s.promotedAt)
  expect(new Set(promoted.map((s) => s._id))).toEqual(new Set(waiting.map((p) => p.id)))
  const toldPromoted = [...app.cloud.store.get('messages').docs.values()].filter((m) => String(m.page).includes(f.id) && m.tag === '候补成功')
  expect(new Set(toldPromoted.map((m) => m.userId))).toEqual(new Set(waiting.map((p) => p.userId)))

  // Cancelling the fair tells all 250: each in 消息, and by WeChat whoever accepted the template.
  const consenting = people.filter((p) => p.i % 10 === 0).map((p) => p.openid)
  for (const openid of consenting) app.acceptNotices(openid)
  app.cloud.outbox.length = 0
  ok(await app.call(CITY, 'fair.setStatus', { id: f.id, status: 'cancelled', reason: '场馆检修，改期举办' }))
  const told = [...app.cloud.store.get('messages').docs.values()].filter((m) => String(m.page).includes(f.id) && m.tag === '已取消')
  expect(new Set(told.map((m) => m.userId))).toEqual(new Set(people.map((p) => p.userId)))
  expect(told).toHaveLength(PEOPLE)
  expect(told.filter((m) => m.pushed === 'sent')).toHaveLength(consenting.length)
  expect(app.cloud.outbox.map((m) => m.touser).sort()).toEqual([...consenting].sort())
}, 120_000)
