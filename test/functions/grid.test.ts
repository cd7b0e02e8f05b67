// 志愿网格员 (issue 23, item 1): a volunteer reports a matter, the township of its place accepts,
// assigns and closes it (or declines it), the reporter follows it and is told; scope, refusals that
// change nothing, overdue matters, two staff assigning at once, paging past 100, statistics, the digest.
import { EJSON } from 'bson'
import { configureFunctionsInProcess, fireReminderTwice, ok, startDemoCloud, type AppCloud } from '../support/app'
import { race, raceLog } from '../support/race'
import type { GridReportInput } from '../../types/grid'
import { decrypt } from '../../cloudfunctions/_shared/pii'

let app: AppCloud
let n = 0
const rid = () => `gridreq${String(++n).padStart(4, '0')}`
const VOL = 'o_demo_volunteer' // 凤城街道, 清城区
const STAFF = 'o_demo_township' // 凤城街道
const COUNTY = 'o_demo_county' // 清城区
const OTHER_TOWNSHIP = 'o_grid_dongcheng' // 东城街道 staff, 清城区
const OTHER_COUNTY = 'o_grid_qingxin' // 清新区 admin
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200)])

const docs = (name: string) => [...app.cloud.store.get(name).docs.values()]
const userIdOf = (openid: string) => docs('users').find((u) => u.openid === openid)!._id as string
const gridDoc = (id: string) => app.cloud.store.get('grid_reports').docs.get(id) as Record<string, any>

async function insert(collection: string, ...rows: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: rows.map((d) => EJSON.stringify(d, { relaxed: false })) })
}
async function update(collection: string, id: string, fields: Record<string, unknown>): Promise<void> {
  await app.cloud.db.handle('database.modifyDocument', { collectionName: collection, queryType: 'DOC', query: JSON.stringify({ _id: id }), data: EJSON.stringify({ $set: fields }, { relaxed: false }), merge: true })
}

const form = (over: Partial<GridReportInput> = {}): GridReportInput => ({
  requestId: rid(),
  category: 'environment',
  urgency: 'normal',
  text: '村口垃圾堆放多日无人清理，气味很大',
  place: { location: { lat: 23.6975, lng: 113.0555 }, address: '凤城街道新城村村口' },
  ...over,
})

beforeAll(async () => {
  configureFunctionsInProcess()
  app = await startDemoCloud({ withProbe: true })
  const now = new Date()
  const person = (openid: string, nickname: string, role: Record<string, string>) => ({ openid, nickname, avatarFileId: '', mobile: '', status: 'active', createdAt: now, updatedAt: now, roles: [role] })
  await insert(
    'users',
    person(OTHER_TOWNSHIP, '东城干事', { role: 'township_staff', scopeType: 'township', scopeId: '441802007', scopeName: '东城街道' }),
    person(OTHER_COUNTY, '清新区团委', { role: 'county_admin', scopeType: 'county', scopeId: '441803', scopeName: '清新区' }),
    person('o_grid_vol2', '邓志愿', { role: 'volunteer', scopeType: 'township', scopeId: '441803102', scopeName: '太和镇' }),
  )
  await app.probe(`await db.createCollection('race_control')`)
  // Warm the probe's instances, so the control's racers race rather than queue behind cold starts.
  await race(4, () => app.probe(`await new Promise((r) => setTimeout(r, 50))`))
}, 120_000)

afterAll(async () => {
  await app?.close()
})

test('a volunteer reports a matter with a photo: the photo is checked and moved, due by its urgency, the township is its place', async () => {
  const userId = userIdOf(VOL)
  const photo = app.cloud.storage.put(`uploads/${userId}/grid-1.jpg`, JPEG)
  const before = Date.now()
  const r = ok(await app.call(VOL, 'grid.report', form({ urgency: 'urgent', photoFileIds: [photo] })))
  expect(r).toMatchObject({ status: 'submitted', townshipName: '凤城街道', countyName: '清城区', mine: true, reporter: '', overdue: false, version: 1 })
  expect(r.photos).toHaveLength(1)
  // 紧急: four hours (the settings' default).
  expect(new Date(r.dueAt).getTime() - before).toBeGreaterThanOrEqual(4 * 3600_000 - 5_000)
  expect(new Date(r.dueAt).getTime() - before).toBeLessThanOrEqual(4 * 3600_000 + 60_000)
  expect(app.cloud.storage.exists(`uploads/${userId}/grid-1.jpg`)).toBe(false)
  expect(gridDoc(r.id).photoIds[0]).toMatch(/\/grid\/g[0-9a-f]{16}-0-[0-9a-f]+\.jpg$/)
  expect(r.history).toEqual([expect.objectContaining({ status: 'submitted', by: '你' })])
  // A place in another township (the map said so) goes to that township.
  const there = ok(await app.call(VOL, 'grid.report', form({ townshipCode: '441802007' })))
  expect(there.townshipName).toBe('东城街道')
})

test('refusals name the field in Chinese and change nothing: no text, not a picture, a made-up township; only volunteers report', async () => {
  const userId = userIdOf(VOL)
  const notPicture = app.cloud.storage.put(`uploads/${userId}/note.jpg`, Buffer.from('just text'))
  const before = app.dump()
  expect(await app.call(VOL, 'grid.report', form({ text: '' }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'text', message: expect.stringContaining('问题描述') } })
  expect(await app.call(VOL, 'grid.report', form({ category: 'noise' as never }))).toMatchObject({ ok: false, error: { field: 'category', message: expect.stringContaining('问题类别') } })
  expect(await app.call(VOL, 'grid.report', form({ place: { location: { lat: 0, lng: 0 }, address: '某地' } }))).toMatchObject({ ok: false, error: { field: 'place.location.lat' } })
  expect(await app.call(VOL, 'grid.report', form({ townshipCode: '441802999' }))).toMatchObject({ ok: false, error: { field: 'townshipCode', message: '没有这个镇街' } })
  expect(await app.call(VOL, 'grid.report', form({ photoFileIds: [notPicture] }))).toMatchObject({ ok: false, error: { field: 'photoFileIds.0' } })
  expect(await app.call(VOL, 'grid.report', form({ text: '联系我 13800138000 看看' }))).toMatchObject({ ok: false, error: { field: 'text' } })
  expect(await app.call('o_demo_youth', 'grid.report', form())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(app.dump()).toBe(before)
})

test('the same form sent twice files one matter', async () => {
  const input = form()
  const a = ok(await app.call(VOL, 'grid.report', input))
  const b = ok(await app.call(VOL, 'grid.report', input))
  expect(b.id).toBe(a.id)
  expect(docs('grid_reports').filter((d) => d._id === a.id)).toHaveLength(1)
})

test('accept → assign → close: each step audited, the reporter told in 消息 and sees the timeline; the phone stays masked', async () => {
  const r = ok(await app.call(VOL, 'grid.report', form({ category: 'safety', text: '桥边护栏松动，小孩上学经过很危险' })))
  const reporterId = userIdOf(VOL)
  const messagesBefore = docs('messages').filter((m) => m.userId === reporterId).length
  const staffView = ok(await app.call(STAFF, 'grid.get', { id: r.id }))
  expect(staffView).toMatchObject({ mine: false, reporter: '林*雨', can: { accept: true, assign: false, close: false, decline: true } })
  const accepted = ok(await app.call(STAFF, 'grid.accept', { id: r.id, version: 1 }))
  expect(accepted).toMatchObject({ status: 'accepted', version: 2, can: { accept: false, assign: true, close: true, decline: true } })
  const assigned = ok(await app.call(STAFF, 'grid.assign', { id: r.id, version: 2, assignee: { kind: 'department', name: '凤城街道城管办', phone: '13800138000' }, note: '请三日内修复' }))
  expect(assigned.assignee).toEqual({ kind: 'department', name: '凤城街道城管办', phoneMasked: '138****8000' })
  expect(JSON.stringify(assigned)).not.toContain('13800138000')
  expect(decrypt(gridDoc(r.id).assignee.phoneSealed)).toBe('13800138000')
  const closed = ok(await app.call(STAFF, 'grid.close', { id: r.id, version: 3, resolution: '护栏已加固并刷上警示漆' }))
  expect(closed).toMatchObject({ status: 'closed', resolution: '护栏已加固并刷上警示漆', late: false, overdue: false })
  expect(closed.closedAt).not.toBe('')

  const mine = ok(await app.call(VOL, 'grid.get', { id: r.id }))
  expect(mine.history.map((h) => [h.status, h.by])).toEqual([
    ['submitted', '你'],
    ['accepted', '凤城街道团委'],
    ['assigned', '凤城街道团委'],
    ['closed', '凤城街道团委'],
  ])
  expect(mine.can).toEqual({ accept: false, assign: false, close: false, decline: false })
  const told = docs('messages').filter((m) => m.userId === reporterId).slice(messagesBefore)
  expect(told.map((m) => m.tag)).toEqual(['已受理', '已交办', '已办结'])
  expect(told[0].page).toBe(`packages/grid/detail/index?id=${r.id}`)
  expect(docs('audit').filter((a) => a.targetId === r.id).map((a) => a.action)).toEqual(['grid.accept', 'grid.assign', 'grid.close'])
})

test('wrong state, a stale version or an empty reason are refused and change nothing; declining tells the reporter why', async () => {
  const r = ok(await app.call(VOL, 'grid.report', form()))
  const before = app.dump()
  expect(await app.call(STAFF, 'grid.assign', { id: r.id, version: 1, assignee: { kind: 'person', name: '王师傅' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该事项待受理，不能交办' } })
  expect(await app.call(STAFF, 'grid.close', { id: r.id, version: 1, resolution: '已处理完毕' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await app.call(STAFF, 'grid.accept', { id: r.id, version: 7 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'version' } })
  expect(await app.call(STAFF, 'grid.decline', { id: r.id, version: 1, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
  expect(await app.call(STAFF, 'grid.accept', { id: 'g0000000000000000', version: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(app.dump()).toBe(before)
  const declined = ok(await app.call(STAFF, 'grid.decline', { id: r.id, version: 1, reason: '属于物业管理范围，已告知物业' }))
  expect(declined).toMatchObject({ status: 'declined', declineReason: '属于物业管理范围，已告知物业' })
  expect(docs('messages').at(-1)).toMatchObject({ userId: userIdOf(VOL), tag: '不予受理', text: '属于物业管理范围，已告知物业' })
  expect(await app.call(STAFF, 'grid.accept', { id: r.id, version: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该事项不予受理，不能受理' } })
})

test('a township sees only its matters; the county its townships; another county and other volunteers nothing', async () => {
  const r = ok(await app.call(VOL, 'grid.report', form({ text: '凤城街道只属于本镇的事项' })))
  const inQueue = async (openid: string) => {
    const q = await app.call(openid, 'grid.queue', { tab: 'open', pageSize: 50 })
    return q.ok ? q.data.items.some((i) => i.id === r.id) : q.error.code
  }
  expect(await inQueue(STAFF)).toBe(true)
  expect(await inQueue(COUNTY)).toBe(true)
  expect(await inQueue('o_demo_city')).toBe(true)
  expect(await inQueue(OTHER_TOWNSHIP)).toBe(false)
  expect(await inQueue(OTHER_COUNTY)).toBe(false)
  expect(await inQueue(VOL)).toBe('FORBIDDEN')
  const before = app.dump()
  for (const who of [OTHER_TOWNSHIP, OTHER_COUNTY, 'o_grid_vol2']) expect(await app.call(who, 'grid.get', { id: r.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  for (const who of [OTHER_TOWNSHIP, OTHER_COUNTY]) expect(await app.call(who, 'grid.accept', { id: r.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(OTHER_TOWNSHIP, 'grid.queue', { tab: 'open', townshipCode: '441802006' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(OTHER_COUNTY, 'grid.stats', { countyCode: '441802', from: '2020-01-01', to: '2030-12-31' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(app.dump()).toBe(before)
  // The county accepts a matter of its township as the township would.
  expect(ok(await app.call(COUNTY, 'grid.accept', { id: r.id, version: 1 })).status).toBe('accepted')
})

test('two staff assigning at once: one wins, the other is told it was handled; read-then-write assigns twice', async () => {
  const r = ok(await app.call(VOL, 'grid.report', form({ category: 'dispute', text: '两户人家因宅基地边界争吵' })))
  ok(await app.call(STAFF, 'grid.accept', { id: r.id, version: 1 }))
  const results = await race(6, (i) => app.call(i % 2 ? COUNTY : STAFF, 'grid.assign', { id: r.id, version: 2, assignee: { kind: 'person', name: `调解员${'甲乙丙丁戊己'[i]}` } }))
  expect(results.filter((x) => x.ok)).toHaveLength(1)
  expect(results.filter((x) => !x.ok).map((x) => !x.ok && x.error)).toEqual(Array(5).fill(expect.objectContaining({ code: 'CONFLICT' })))
  const stored = gridDoc(r.id)
  expect(stored.history.filter((h: { status: string }) => h.status === 'assigned')).toHaveLength(1)
  expect(docs('audit').filter((a) => a.targetId === r.id && a.action === 'grid.assign')).toHaveLength(1)

  // Control: read the state, then write the assignment, without a condition.
  await app.probe(`await db.collection('race_control').add({ data: { _id: 'grid', status: 'accepted', assigned: [] } })`)
  await race(4, (i) =>
    app.probe(`
      const { data } = await db.collection('race_control').doc('grid').get()
      if (data.status !== 'accepted') return
      await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))
      await db.collection('race_control').doc('grid').update({ data: { status: 'assigned', assigned: db.command.push([${i}]) } })
    `),
  )
  const control = (app.cloud.store.get('race_control').docs.get('grid')!.assigned as number[]).length
  raceLog.push({ name: 'grid matter assigned by staff at once: assignments', n: 6, observed: results.filter((x) => x.ok).length, control })
  expect(control).toBeGreaterThan(1)
})

test('an open matter past its due time is overdue: flagged and counted in the queue; closing it late is recorded', async () => {
  const r = ok(await app.call(VOL, 'grid.report', form({ urgency: 'pressing', text: '路灯不亮已经一周，夜里行人摔倒' })))
  await update('grid_reports', r.id, { dueAt: new Date(Date.now() - 3600_000) })
  const q = ok(await app.call(STAFF, 'grid.queue', { tab: 'overdue', pageSize: 50 }))
  expect(q.items.find((i) => i.id === r.id)).toMatchObject({ overdue: true })
  expect(q.items.every((i) => i.overdue)).toBe(true)
  expect(q.overdue).toBe(q.total)
  const open = ok(await app.call(STAFF, 'grid.queue', { tab: 'open', pageSize: 50 }))
  expect(open.overdue).toBeGreaterThanOrEqual(1)
  expect(open.overdue).toBe(open.items.filter((i) => i.overdue).length)
  expect(ok(await app.call(VOL, 'grid.get', { id: r.id })).overdue).toBe(true)
  ok(await app.call(STAFF, 'grid.accept', { id: r.id, version: 1 }))
  const closed = ok(await app.call(STAFF, 'grid.close', { id: r.id, version: 2, resolution: '已联系供电所更换灯泡' }))
  expect(closed).toMatchObject({ late: true, overdue: false })
})

test('more than 100 matters page in a stable order with a true total (queue and 我的上报)', async () => {
  const now = Date.now()
  const userId = userIdOf(VOL)
  const rows = Array.from({ length: 130 }, (_x, i) => {
    const at = new Date(now - (i + 1) * 60_000)
    return {
      _id: `g${(0xa000000000000000n + BigInt(i)).toString(16)}`,
      userId, openid: VOL, reporterName: '林*雨', category: 'livelihood', urgency: 'normal', text: `批量事项 ${i}`, address: '新城村', location: { lat: 23.69, lng: 113.05 },
      townshipCode: '441802006', townshipName: '凤城街道', countyCode: '441802', countyName: '清城区', photoIds: [], status: 'submitted', version: 1,
      // Every fifth shares a due time with the next: the order must still be total.
      dueAt: new Date(now + 86_400_000 + Math.floor(i / 5) * 60_000), acceptedAt: null, assignedAt: null, assignee: null, assignNote: '', resolution: '', resolutionPhotoIds: [],
      declineReason: '', closedAt: null, closeMinutes: 0, late: false, handledBy: '', history: [{ at, status: 'submitted', by: userId, byName: '林晓雨', note: '' }], createdAt: at, updatedAt: at,
    }
  })
  await insert('grid_reports', ...rows)
  const open = docs('grid_reports').filter((d) => d.townshipCode === '441802006' && ['submitted', 'accepted', 'assigned'].includes(d.status as string)).length
  const seen: string[] = []
  for (let page = 1; page <= Math.ceil(open / 50); page++) {
    const q = ok(await app.call(STAFF, 'grid.queue', { tab: 'open', page, pageSize: 50 }))
    expect(q.total).toBe(open)
    seen.push(...q.items.map((i) => i.id))
  }
  expect(seen).toHaveLength(open)
  expect(new Set(seen).size).toBe(open)
  const dues = seen.map((id) => new Date(gridDoc(id).dueAt).getTime())
  expect(dues).toEqual([...dues].sort((a, b) => a - b))
  expect(ok(await app.call(STAFF, 'grid.queue', { tab: 'open', page: 99, pageSize: 50 })).items).toEqual([])

  const mineTotal = docs('grid_reports').filter((d) => d.userId === userId).length
  const mine: string[] = []
  for (let page = 1; page <= Math.ceil(mineTotal / 50); page++) {
    const m = ok(await app.call(VOL, 'grid.mine', { page, pageSize: 50 }))
    expect(m.total).toBe(mineTotal)
    mine.push(...m.items.map((i) => i.id))
  }
  expect(new Set(mine).size).toBe(mineTotal)
})

test('closed and declined matters page newest due first with a true total, the township’s own only', async () => {
  for (const [tab, status] of [['closed', 'closed'], ['declined', 'declined']] as const) {
    const mine = docs('grid_reports').filter((d) => d.townshipCode === '441802006' && d.status === status)
    expect(mine.length).toBeGreaterThan(0)
    const q = ok(await app.call(STAFF, 'grid.queue', { tab, pageSize: 50 }))
    expect(q.total).toBe(mine.length)
    expect(q.items.map((i) => i.id).sort()).toEqual(mine.map((d) => d._id).sort())
    const dues = q.items.map((i) => Date.parse(i.dueAt))
    expect(dues).toEqual([...dues].sort((a, b) => b - a))
    expect(q.items.every((i) => i.status === status && !i.overdue)).toBe(true)
  }
  expect(ok(await app.call(OTHER_TOWNSHIP, 'grid.queue', { tab: 'closed' })).total).toBe(docs('grid_reports').filter((d) => d.townshipCode === '441802007' && d.status === 'closed').length)
})

test('statistics by township, category and time to close, for the place the caller manages', async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const s = ok(await app.call(COUNTY, 'grid.stats', { from: '2020-01-01', to: today }))
  expect(s.scope).toEqual({ level: 'county', code: '441802', name: '清城区' })
  const all = docs('grid_reports').filter((d) => d.countyCode === '441802')
  expect(s.totals.reported).toBe(all.length)
  expect(s.totals.closed).toBe(all.filter((d) => d.status === 'closed').length)
  expect(s.totals.declined).toBe(all.filter((d) => d.status === 'declined').length)
  expect(s.totals.closedLate).toBe(all.filter((d) => d.status === 'closed' && d.late).length)
  expect(s.totals.overdue).toBe(all.filter((d) => ['submitted', 'accepted', 'assigned'].includes(d.status as string) && (d.dueAt as Date).getTime() < Date.now()).length)
  expect(s.byCategory.find((c) => c.category === 'livelihood')!.reported).toBe(all.filter((d) => d.category === 'livelihood').length)
  expect(s.byTownship.map((t) => t.townshipName).sort()).toEqual(['东城街道', '凤城街道'])
  expect(s.closeTimes.reduce((a, c) => a + c.count, 0)).toBe(s.totals.closed)
  expect(s.closeTimes[0].count).toBe(s.totals.closed) // all closed within the test, inside a day
  const township = ok(await app.call(STAFF, 'grid.stats', { from: '2020-01-01', to: today }))
  expect(township.scope.level).toBe('township')
  expect(township.byTownship.map((t) => t.townshipName)).toEqual(['凤城街道'])
  expect(await app.call(STAFF, 'grid.stats', { countyCode: '441802', from: '2020-01-01', to: today })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(STAFF, 'grid.stats', { from: today, to: '2020-01-01' })).toMatchObject({ ok: false, error: { field: 'to' } })
})

test('round trips: a report ≤ 4 database requests, the township queue ≤ 2 (issue 23)', async () => {
  const requestsOf = async (openid: string, action: string, input: unknown) => {
    const outcome = await app.cloud.invoke('grid', { action, input }, { openid, source: 'wx_client' })
    if (!outcome.ok || !(outcome.result as { ok: boolean }).ok) throw new Error(`grid.${action} failed: ${JSON.stringify(outcome.ok ? outcome.result : outcome.errMsg)}`)
    return outcome.record.dbRequests.filter((r) => r.action.startsWith('database.')).map((r) => `${r.action.replace('database.', '')} ${r.collection ?? ''}`)
  }
  const report = await requestsOf(VOL, 'report', form())
  expect({ report, n: report.length <= 4 }).toEqual({ report, n: true })
  const queue = await requestsOf(STAFF, 'queue', { tab: 'open' })
  expect({ queue, n: queue.length <= 2 }).toEqual({ queue, n: true })
})

test('each morning the staff of townships with open matters are told how many, once a day', async () => {
  const staffId = userIdOf(STAFF)
  const before = docs('messages').filter((m) => m.userId === staffId).length
  await fireReminderTwice(app, 'grid', 'tellStaffWhatWaits')
  const told = docs('messages').filter((m) => m.userId === staffId).slice(before)
  expect(told).toHaveLength(1)
  expect(told[0]).toMatchObject({ title: '网格上报事项待办理', page: 'packages/grid/queue/index' })
})
