// Past the platform's caps (a read answers at most 100): 250 of a kind, put straight into the
// store, and every list total, page, report figure, export row and notice must be exact.
import ExcelJS from 'exceljs'
import { EJSON } from 'bson'
import { shanghaiDate } from '../../types/time'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import type { InvocationRecord } from '../../localcloud/runtime/runtime'
import type { ActionName, InputOf, OutputOf } from '../../types'

let app: AppCloud
const STAFF = 'o_demo_township' // 凤城街道 441802006
const COUNTY = 'o_demo_county' // 清城区 441802
const MERCHANT = 'o_demo_merchant' // m_lianzhou_kitchen, 清城区
const YOUTH = 'o_demo_youth' // 清城区
const N = 250
const FENGCHENG = { id: 'st_fengcheng', name: '凤城街道新时代文明实践志愿服务驿站', lat: 23.697524, lng: 113.055469 }
const PLACE = { townshipCode: '441802006', townshipName: '凤城街道', countyCode: '441802' }
const pad = (i: number) => String(i).padStart(3, '0')
const range = (n: number) => Array.from({ length: n }, (_x, i) => i)

/** Documents written as the functions write them, in one request. */
async function insert(collectionName: string, docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}

/** Calls an action and keeps the invocation's record (its database requests). */
async function traced<A extends ActionName>(openid: string, name: A, input: InputOf<A>): Promise<{ data: OutputOf<A>; record: InvocationRecord }> {
  const dot = name.indexOf('.')
  const outcome = await app.cloud.invoke(name.slice(0, dot), { action: name.slice(dot + 1), input }, { openid, source: 'wx_client' })
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.errCode} ${outcome.errMsg}`)
  return { data: ok(outcome.result as never), record: outcome.record }
}

/** Database requests beyond the caller's account and the cached settings: what a page itself costs. */
const pageRequests = (record: InvocationRecord) => record.dbRequests.filter((r) => r.action.startsWith('database.') && r.collection !== 'users' && r.collection !== 'settings').length

/** Every page of a list (`pageSize` a page), until a short page. */
async function allPages<T>(read: (page: number) => Promise<{ items: T[]; total: number }>, pageSize = 50): Promise<{ items: T[]; total: number; pages: number }> {
  const items: T[] = []
  let total = 0
  let page = 1
  for (; ; page++) {
    const r = await read(page)
    total = r.total
    items.push(...r.items)
    if (r.items.length < pageSize) break
  }
  return { items, total, pages: page }
}

async function workbook(url: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (await fetch(url)).arrayBuffer())
  return book
}

const docsOf = (collection: string) => [...app.cloud.store.get(collection).docs.values()] as Record<string, unknown>[]
const sentTo = (openids: Set<string>) => app.cloud.subscriptions.events.filter((e) => e.type === 'sent' && openids.has(e.openid)).length
const toldUsers = (userIds: Set<string>) => new Set(docsOf('messages').map((m) => m.userId as string).filter((u) => userIds.has(u))).size

beforeAll(async () => {
  app = await startDemoCloud()
})
afterAll(() => app.close())

describe('250 sessions in a township', () => {
  // Service on 2025-04-10 (Shanghai), one pending 2-hour record per volunteer, a minute apart.
  // User ids as the platform makes them (hex), as session ids require.
  const users = range(N).map((i) => `5ca1e000000${String(i).padStart(5, '0')}`)
  const openid = (userId: string) => `o_${userId}`
  const at = (i: number) => new Date(Date.UTC(2025, 3, 10, 0, i))
  const session = (userId: string, id: string, checkInAt: Date, minutes: number, status: string) => ({
    _id: id, userId, openid: openid(userId), stationId: FENGCHENG.id, stationName: FENGCHENG.name, ...PLACE,
    status, checkInAt, checkOutAt: new Date(checkInAt.getTime() + minutes * 60_000), checkIn: null, checkOut: null, days: [{ date: '2025-04-10', minutes }], minutes, adjustedMinutes: null,
    flags: [], source: 'scan', note: '', photoFileId: '', checkOutRequestId: '', decisionReason: '', decisionId: '', reviewedBy: '', reviewedAt: status === 'approved' ? checkInAt : null, createdAt: checkInAt, updatedAt: checkInAt,
  })
  const queueOf = (page: number) => traced(STAFF, 'service.queue', { status: 'pending', page, pageSize: 100 })
  let before = 0

  beforeAll(async () => {
    before = (await queueOf(1)).data.total
    await insert('registrations', users.map((userId, i) => ({ _id: `${userId}:volunteer`, userId, kind: 'volunteer', status: 'approved', name: `规模${pad(i)}`, ...PLACE, townshipName: '凤城街道', countyName: '清城区' })))
    await insert('sessions', users.map((userId, i) => session(userId, `${userId}:scalerec`, at(i), 120, 'pending')))
    // The first volunteer also served 10 approved hours that day, one record overlapping the pending one: over the day's cap.
    await insert('sessions', [session(users[0], `${users[0]}:extra1`, new Date(Date.UTC(2025, 3, 10, 1, 30)), 300, 'approved'), session(users[0], `${users[0]}:extra2`, new Date(Date.UTC(2025, 3, 10, 6, 30)), 300, 'approved')])
  })

  test('the queue: a true total, every page in time order, names and same-day flags, two requests a page', async () => {
    const { items, total, pages } = await allPages(async (page) => (await queueOf(page)).data, 100)
    expect(total).toBe(before + N)
    expect(pages).toBe(Math.ceil(total / 100) + (total % 100 === 0 ? 1 : 0))
    expect(new Set(items.map((s) => s.id)).size).toBe(total)
    const mine = items.filter((s) => s.volunteerName.startsWith('规模'))
    expect(mine.map((s) => s.id)).toEqual(users.map((u) => `${u}:scalerec`))
    expect(items.map((s) => s.checkInAt)).toEqual([...items.map((s) => s.checkInAt)].sort())
    expect(mine[0].flags).toEqual(expect.arrayContaining(['over_daily_cap', 'overlapping']))
    expect(mine[1].flags).toEqual([])
    const { record } = await queueOf(2)
    expect(pageRequests(record)).toBeLessThanOrEqual(2)
    // Searching by name finds all of them, not the first hundred names.
    const named = ok(await app.call(STAFF, 'service.queue', { status: 'pending', name: '规模', pageSize: 100, page: 3 }))
    expect(named).toMatchObject({ total: N })
    expect(named.items).toHaveLength(N - 200)
  })

  test('approved in batches of 100: all 250 decided, all 250 told (the 200 who accepted also by subscribe message)', async () => {
    for (const u of users.slice(0, 200)) app.acceptNotices(openid(u))
    let decided = 0
    for (let i = 0; i < N; i += 100) decided += ok(await app.call(STAFF, 'service.decide', { ids: users.slice(i, i + 100).map((u) => `${u}:scalerec`), decision: 'approve' })).decided
    expect(decided).toBe(N)
    expect(toldUsers(new Set(users))).toBe(N)
    expect(sentTo(new Set(users.map(openid)))).toBe(200)
    expect((await queueOf(1)).data.total).toBe(before)
  })

  test('the month report: exact figures per volunteer (the day capped on the database), every page, two requests a page; the export has every row', async () => {
    const report = (page: number) => traced(STAFF, 'service.report', { month: '2025-04', page, pageSize: 50 })
    const { items, total } = await allPages(async (page) => (await report(page)).data)
    expect(new Set(items.map((r) => r.userId)).size).toBe(total)
    const mine = items.filter((r) => r.name.startsWith('规模'))
    expect(mine).toHaveLength(N)
    expect(mine.find((r) => r.userId === users[0])).toMatchObject({ monthMinutes: 480, totalMinutes: 480, townshipName: '凤城街道' })
    expect(mine.filter((r) => r.monthMinutes === 120 && r.totalMinutes === 120)).toHaveLength(N - 1)
    expect(items.map((r) => r.totalMinutes)).toEqual([...items.map((r) => r.totalMinutes)].sort((a, b) => b - a))
    const second = (await report(2)).record
    // A township's report is live (exact to the moment): the page with names, and the count.
    expect(pageRequests(second)).toBeLessThanOrEqual(2)
    expect(second.dbRequests.filter((r) => r.collection === 'hours_rollups')).toHaveLength(0)

    const file = ok(await app.call(STAFF, 'service.exportReport', { month: '2025-04' }))
    expect(file.rows).toBe(total)
    const [summary, detail] = (await workbook(file.fileUrl)).worksheets
    expect(summary.rowCount - 1).toBe(total)
    expect((summary.getSheetValues().slice(2) as unknown[][]).filter((r) => String(r[1]).startsWith('规模'))).toHaveLength(N)
    expect((detail.getSheetValues().slice(2) as unknown[][]).filter((r) => String(r[1]).startsWith('规模'))).toHaveLength(N + 2)
  })
})

describe('the midnight timer with 250 sessions left open', () => {
  const users = range(N).map((i) => `u_open_${pad(i)}`)
  const openid = (userId: string) => `o_${userId}`

  test('closes all 250 and tells all 250 (the 150 who accepted also by subscribe message)', async () => {
    // Checked in yesterday (Shanghai) at 10:00 and never checked out.
    const yesterday = new Date(Date.parse(`${shanghaiDate(Date.now() - 86400_000)}T02:00:00Z`))
    await insert('open_sessions', users.map((userId, i) => ({
      _id: userId, sessionId: `${userId}:req`, requestId: 'req', openid: openid(userId), stationId: FENGCHENG.id, stationName: FENGCHENG.name, stationLocation: { lat: FENGCHENG.lat, lng: FENGCHENG.lng }, radiusM: 300,
      ...PLACE, townshipName: '凤城街道', checkInAt: new Date(yesterday.getTime() + i * 1000), checkIn: { lat: FENGCHENG.lat, lng: FENGCHENG.lng, accuracy: 20, distanceM: 0 }, flags: [], via: 'scan',
    })))
    for (const u of users.slice(0, 150)) app.acceptNotices(openid(u))
    const fired = await app.cloud.fireTimer('service', 'closeOpenSessions')
    expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { done: true } })
    const mine = new Set(users)
    expect(docsOf('open_sessions').filter((o) => mine.has(o._id as string))).toEqual([])
    expect(docsOf('sessions').filter((s) => mine.has(s.userId as string) && s.status === 'needs_review')).toHaveLength(N)
    expect(toldUsers(mine)).toBe(N)
    expect(sentTo(new Set(users.map(openid)))).toBe(150)
  })
})

describe('the star timer with 250 volunteers past a level', () => {
  const users = range(N).map((i) => `5ca1e5000000${String(i).padStart(4, '0')}`)
  const openid = (userId: string) => `o_star_${userId}`

  test('tells all 250 once (and none again the next night)', async () => {
    const now = new Date()
    await insert('users', users.map((userId) => ({ _id: userId, openid: openid(userId), nickname: '志愿者', avatarFileId: '', mobile: '', roles: [], status: 'active', createdAt: now, updatedAt: now })))
    // 13 days of 8 hours (the day's cap) approved today: 104 hours, past the first level (100).
    const days = range(13).map((d) => ({ date: `2025-06-${String(d + 1).padStart(2, '0')}`, minutes: 480 }))
    const start = new Date(Date.UTC(2025, 5, 1, 0, 0))
    await insert('sessions', users.map((userId) => ({
      _id: `${userId}:stars`, userId, openid: openid(userId), stationId: FENGCHENG.id, stationName: FENGCHENG.name, ...PLACE, status: 'approved', checkInAt: start, checkOutAt: start, checkIn: null, checkOut: null,
      days, minutes: 13 * 480, adjustedMinutes: null, flags: [], source: 'makeup', note: '', photoFileId: '', checkOutRequestId: '', decisionReason: '', decisionId: '', reviewedBy: '', reviewedAt: now, createdAt: now, updatedAt: now,
    })))
    const fired = await app.cloud.fireTimer('service', 'tellNewStars')
    expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { done: true } })
    expect((fired.ok && (fired.result as { data: { told: number } }).data.told) || 0).toBeGreaterThanOrEqual(N)
    const mine = new Set(users)
    expect(toldUsers(mine)).toBe(N)
    expect(docsOf('users').filter((u) => mine.has(u._id as string) && u.starNotified === 1)).toHaveLength(N)
    const again = await app.cloud.fireTimer('service', 'tellNewStars')
    expect(again.ok && again.result).toMatchObject({ ok: true, data: { told: 0 } })
  })
})

describe('250 redemptions at one merchant', () => {
  const DATE = '2025-05-05'
  const PERK = 'p_kitchen_discount'

  beforeAll(async () => {
    await insert('redemptions', range(N).map((i) => ({
      _id: `r_scale_${pad(i)}`, perkId: PERK, merchantId: 'm_lianzhou_kitchen', volunteerId: `u_redeem_${pad(i)}`, volunteerCounty: '441802', volunteerName: `规*${i}`, star: 1, confirmedBy: 'staff',
      // Two at each second: the order's ties are broken by id.
      at: new Date(Date.UTC(2025, 4, 5, 2, 0, Math.floor(i / 2))), date: DATE, month: '2025-05',
    })))
  })

  test("the merchant's day: a true total and every page, newest first, named, two requests a page", async () => {
    const read = (page: number) => traced(MERCHANT, 'perk.merchantRedemptions', { date: DATE, page, pageSize: 50 })
    const { items, total } = await allPages(async (page) => (await read(page)).data)
    expect(total).toBe(N)
    expect(new Set(items.map((r) => r.id)).size).toBe(N)
    expect(items.every((r) => r.perkTitle === '堂食 8.8 折' && r.merchantName === '连州菜馆（清城店）')).toBe(true)
    expect(items.map((r) => r.at)).toEqual([...items.map((r) => r.at)].sort().reverse())
    expect(pageRequests((await read(2)).record)).toBeLessThanOrEqual(2)
  })

  test('the totals are exact, and the export lists every redemption', async () => {
    const period = { from: DATE, to: DATE }
    const { data: totals, record } = await traced(COUNTY, 'perk.totals', period)
    expect(totals).toMatchObject({ total: N, byMerchant: [{ merchantId: 'm_lianzhou_kitchen', merchantName: '连州菜馆（清城店）', count: N }], byPerk: [{ perkId: PERK, perkTitle: '堂食 8.8 折', count: N }], byCounty: [{ countyCode: '441802', countyName: '清城区', count: N }] })
    // The county's merchants, then one request per group of figures.
    expect(pageRequests(record)).toBeLessThanOrEqual(3)
    const file = ok(await app.call(COUNTY, 'perk.exportTotals', period))
    expect(file.rows).toBe(N)
    const detail = (await workbook(file.fileUrl)).worksheets[3]
    expect(detail.rowCount - 1).toBe(N)
    expect(detail.getRow(2).values).toEqual([undefined, '2025-05-05 10:00', '清城区', '连州菜馆（清城店）', '堂食 8.8 折', '规*0', 1])
  })
})

describe('250 loans in a county', () => {
  const PROJECT = { type: 'ecommerce' as const, title: '凤城砂糖橘电商直播', townshipCode: '441802006', address: '凤城街道石角村', description: '建设产地直播间与冷链分拣点，带动周边果农通过电商销售砂糖橘。', jobsCreated: 8, householdsHelped: 5 }
  const PAYEE = { accountName: '黄家明', bankName: '邮储银行清远市分行', accountNumber: '6217 9955 0000 1234 567' }
  const LENT_FEN = 10_000_000
  const queue = (input: Partial<InputOf<'loan.queue'>>) => traced(COUNTY, 'loan.queue', { view: 'all', countyCode: '441802', page: 1, pageSize: 50, ...input } as InputOf<'loan.queue'>)
  let queueBefore: OutputOf<'loan.queue'>
  let todoBefore: number
  let reportBefore: OutputOf<'loan.report'>

  beforeAll(async () => {
    queueBefore = (await queue({})).data
    todoBefore = (await queue({ view: 'todo' })).data.total
    reportBefore = ok(await app.call(COUNTY, 'loan.report', { countyCode: '441802' }))
    // A draft made through the function, as the template of 250 applications: half waiting for the county, half lent today.
    const draft = ok(await app.call(YOUTH, 'loan.saveDraft', { amountFen: 20_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', branch: '清城支行', project: PROJECT, payee: PAYEE }))
    const template = app.cloud.store.get('loans').docs.get(draft.id)!
    const now = Date.now()
    const today = shanghaiDate(now)
    await insert('loans', range(N).map((i) => {
      const submittedAt = new Date(now - (i + 1) * 60_000)
      const lent = i % 2 === 1
      return {
        ...template, _id: `loan_scale_${pad(i)}`, submittedAt, updatedAt: submittedAt,
        ...(lent ? { status: 'disbursed', disbursedOn: today, disbursement: { amountFen: LENT_FEN, on: today }, outstandingFen: LENT_FEN } : { status: 'submitted' }),
      }
    }))
  })

  test('the queue: a true total and every page, the to-do badge exact, two requests a page', async () => {
    const { items, total } = await allPages(async (page) => (await queue({ page })).data)
    expect(total).toBe(queueBefore.total + N)
    expect(new Set(items.map((l) => l.id)).size).toBe(total)
    expect(items.filter((l) => l.id.startsWith('loan_scale_'))).toHaveLength(N)
    const { data, record } = await queue({ page: 2 })
    expect(data.counts.todo).toBe(queueBefore.counts.todo + N / 2)
    expect(pageRequests(record)).toBeLessThanOrEqual(2)
    const todo = await allPages(async (page) => (await queue({ view: 'todo', page })).data)
    expect(todo.total).toBe(todoBefore + N / 2)
    expect(todo.items).toHaveLength(todo.total)
    // A keyword narrows the list and its total alike.
    expect((await queue({ keyword: '砂糖橘' })).data.total).toBeGreaterThanOrEqual(N)
  })

  test('the report is exact, one request per group of figures, and the export holds the same figures', async () => {
    const { data: report, record } = await traced(COUNTY, 'loan.report', { countyCode: '441802' })
    expect(report.total.applications).toBe(reportBefore.total.applications + N)
    expect(report.total.loans).toBe(reportBefore.total.loans + N / 2)
    expect(report.total.lentFen).toBe(reportBefore.total.lentFen + (N / 2) * LENT_FEN)
    expect(report.total.jobsCreated).toBe(reportBefore.total.jobsCreated + (N / 2) * PROJECT.jobsCreated)
    expect(pageRequests(record)).toBeLessThanOrEqual(3)
    const file = ok(await app.call(COUNTY, 'loan.exportReport', { countyCode: '441802' }))
    expect(file.rows).toBe(report.byCounty.length)
    const sheet = (await workbook(file.fileUrl)).worksheets[0]
    expect(sheet.rowCount - 2).toBe(file.rows)
    expect(sheet.getRow(2).values).toEqual([undefined, '清城区', report.total.applications, report.total.loans, report.total.lentFen / 1_000_000, report.total.subsidyFen / 100, report.total.projects, report.total.jobsCreated, report.total.householdsHelped])
  })
})
