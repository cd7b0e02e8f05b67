// 户籍或创业项目须有一项在清远市内 (issue 24 item 6): the application records the applicant's 户籍所在地
// (a township of the city or 「清远市外」); a project outside the city is allowed only with a 户籍 in
// it, described by a free-text place and reviewed by the 户籍's county, which alone (with the city)
// sees it, decides it and counts it in its reports. Both outside is refused at draft save and at
// submit, naming the rule, writing nothing; bad codes are refused naming the field.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { ruralYouthForm } from '../support/people'
import type { InputOf, OutputOf } from '../../types'

let app: AppCloud
const QINGCHENG = 'o_demo_county' // 清城区团委 (441802)
const CITY = 'o_demo_city'
const YINGDE = 'o_hukou_county_yingde' // 英德市团委 (441881)

type Detail = OutputOf<'loan.get'>
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])

const PROJECT = {
  type: 'ecommerce' as const,
  title: '英德红茶电商直播',
  address: '从化区温泉镇某村 12 号',
  description: '在外地建设红茶直播间与分拣仓，带动家乡茶农通过电商销售英德红茶。',
  jobsCreated: 6,
  householdsHelped: 4,
}
const OUTSIDE_PROJECT = { ...PROJECT, townshipCode: 'outside', outsidePlace: '广东省广州市从化区' }
const PAYEE = { accountName: '黄家明', bankName: '邮储银行清远市分行', accountNumber: '6217 9955 0000 1234 567' }

const userIdOf = (openid: string) => [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === openid)!._id as string
let uploads = 0
function upload(openid: string): string {
  uploads += 1
  return app.cloud.storage.put(`uploads/${userIdOf(openid)}/h${uploads}.png`, PNG)
}

let youths = 0
/** A fresh approved rural youth (each may hold one open application). */
async function youth(): Promise<string> {
  youths += 1
  const openid = `o_hukou_youth_${youths}`
  const reg = ok(await app.call(openid, 'registration.submitRuralYouth', ruralYouthForm({ name: '黄家明', countyCode: '441802', townshipCode: '441802006' })))
  ok(await app.call(QINGCHENG, 'registration.review', { ids: [reg.id], decision: 'approve' }))
  return openid
}

/** A draft with everything but the place, its three documents attached. */
async function draft(openid: string, place: Partial<InputOf<'loan.saveDraft'>>): Promise<Detail> {
  let d = ok(await app.call(openid, 'loan.saveDraft', { amountFen: 10_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', payee: PAYEE, ...place }))
  for (const kind of ['id_photo', 'business_license', 'project_plan'] as const) d = ok(await app.call(openid, 'loan.attachDocument', { id: d.id, kind, fileId: upload(openid) }))
  return d
}

const loanDocs = () => [...app.cloud.store.get('loans').docs.values()]

beforeAll(async () => {
  app = await startDemoCloud()
  const inv = ok(await app.call(CITY, 'grants.createInvitation', { role: 'county_admin', scopeId: '441881' } as never))
  ok(await app.call(YINGDE, 'grants.redeemInvitation', { code: inv.code, name: '英德团委' }))
})
afterAll(() => app.close())

test('a project in the city is reviewed by the project’s county, whatever the 户籍', async () => {
  const me = await youth()
  const d = await draft(me, { householdTownshipCode: '441881101', project: { ...PROJECT, townshipCode: '441802006', address: '凤城街道石角村' } })
  expect(d).toMatchObject({ countyCode: '441802', countyName: '清城区', townshipName: '凤城街道', reviewBasis: 'project', householdTownshipCode: '441881101', householdPlace: '英德市 · 沙口镇', projectPlace: '清城区 · 凤城街道', missing: [] })
  ok(await app.call(me, 'loan.submit', { id: d.id }))
  expect(ok(await app.call(QINGCHENG, 'loan.queue', { view: 'todo' })).items.map((l) => l.id)).toContain(d.id)
  expect(ok(await app.call(YINGDE, 'loan.queue', { view: 'all' })).items.map((l) => l.id)).not.toContain(d.id)
  ok(await app.call(me, 'loan.withdraw', { id: d.id }))
})

describe('a project outside the city with a 户籍 in it', () => {
  let id = ''
  let me = ''

  test('is saved with its place in words and reviewed by the 户籍’s county', async () => {
    me = await youth()
    // The project first (no 户籍 yet): saved, but it cannot go without one, and no county reviews it yet.
    let d = ok(await app.call(me, 'loan.saveDraft', { project: { townshipCode: 'outside' } }))
    id = d.id
    expect(d).toMatchObject({ countyCode: '', reviewBasis: null, projectPlace: '清远市外' })
    expect(d.missing).toEqual(expect.arrayContaining(['项目所在地（省、市、县）', '户籍所在地（项目在清远市外时必填）']))
    d = await draft(me, { id, householdTownshipCode: '441881001', project: OUTSIDE_PROJECT })
    expect(d).toMatchObject({ countyCode: '441881', countyName: '英德市', townshipName: '', reviewBasis: 'household', householdPlace: '英德市 · 英城街道', projectPlace: '清远市外 · 广东省广州市从化区', missing: [], can: { submit: true } })
    expect(d.project).toMatchObject({ townshipCode: 'outside', outsidePlace: '广东省广州市从化区' })
    const sent = ok(await app.call(me, 'loan.submit', { id }))
    expect(sent.status).toBe('submitted')
  })

  test('only the 户籍 county (and the city) sees it, decides it and counts it', async () => {
    const todo = ok(await app.call(YINGDE, 'loan.queue', { view: 'todo' }))
    expect(todo.items.map((l) => l.id)).toContain(id)
    expect(todo.items.find((l) => l.id === id)).toMatchObject({ countyName: '英德市', projectPlace: '清远市外 · 广东省广州市从化区' })
    // 清城区 (where the applicant registered) and the project's place play no part.
    expect(ok(await app.call(QINGCHENG, 'loan.queue', { view: 'all' })).items.map((l) => l.id)).not.toContain(id)
    expect(await app.call(QINGCHENG, 'loan.get', { id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const before = app.dump()
    expect(await app.call(QINGCHENG, 'loan.countyDecide', { id, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(app.dump()).toBe(before)
    // Reports group by the reviewing county.
    const report = ok(await app.call(YINGDE, 'loan.report', {}))
    expect(report.byCounty.find((r) => r.countyCode === '441881')!.applications).toBeGreaterThanOrEqual(1)
    const qingcheng = ok(await app.call(QINGCHENG, 'loan.report', {})).byCounty.find((r) => r.countyCode === '441802')!.applications
    const cityReport = ok(await app.call(CITY, 'loan.report', {}))
    expect(cityReport.byCounty.find((r) => r.countyCode === '441802')!.applications).toBe(qingcheng)
    const decided = ok(await app.call(YINGDE, 'loan.countyDecide', { id, decision: 'approve', note: '户籍在英德，项目在广州从化' }))
    expect(decided).toMatchObject({ status: 'city_review', history: expect.arrayContaining([expect.objectContaining({ actorRole: '英德市团委', action: 'county_approve' })]) })
    expect(ok(await app.call(CITY, 'loan.get', { id }))).toMatchObject({ reviewBasis: 'household', householdPlace: '英德市 · 英城街道' })
  })
})

describe('both outside the city is refused, naming the rule, writing nothing', () => {
  test('at a first save: no application and no lock', async () => {
    const me = await youth()
    const before = app.dump()
    expect(await app.call(me, 'loan.saveDraft', { householdTownshipCode: 'outside', project: OUTSIDE_PROJECT })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'householdTownshipCode', message: '户籍或创业项目须有一项在清远市内：户籍在清远市外的，创业项目须在清远市内' },
    })
    expect(app.dump()).toBe(before)
    // The same person may then apply with the project in the city (nothing was held).
    const d = ok(await app.call(me, 'loan.saveDraft', { householdTownshipCode: 'outside', project: { townshipCode: '441802007' } }))
    expect(d).toMatchObject({ countyCode: '441802', reviewBasis: 'project', householdPlace: '清远市外' })
    // Moving that project out of the city is refused on the project's field; the draft stays as it was.
    const kept = app.dump()
    expect(await app.call(me, 'loan.saveDraft', { id: d.id, project: { townshipCode: 'outside', outsidePlace: '湖南省长沙市' } })).toMatchObject({ ok: false, error: { field: 'project.townshipCode', message: expect.stringContaining('户籍或创业项目须有一项在清远市内') } })
    expect(app.dump()).toBe(kept)
    ok(await app.call(me, 'loan.withdraw', { id: d.id }))
  })

  test('on a saved draft whose project is outside: a 户籍 outside is refused; a 户籍 in the city again moves the review back', async () => {
    const me = await youth()
    const d = await draft(me, { householdTownshipCode: '441803102', project: OUTSIDE_PROJECT })
    expect(d).toMatchObject({ countyCode: '441803', countyName: '清新区' })
    const before = app.dump()
    expect(await app.call(me, 'loan.saveDraft', { id: d.id, householdTownshipCode: 'outside' })).toMatchObject({ ok: false, error: { field: 'householdTownshipCode', message: expect.stringContaining('户籍或创业项目须有一项在清远市内') } })
    expect(app.dump()).toBe(before)
    // Choosing a project in the city drops the outside place and the project's county reviews.
    const back = ok(await app.call(me, 'loan.saveDraft', { id: d.id, project: { townshipCode: '441821100' } }))
    expect(back).toMatchObject({ countyCode: '441821', townshipName: '石角镇', reviewBasis: 'project', project: { outsidePlace: '' }, projectPlace: '佛冈县 · 石角镇' })
    ok(await app.call(me, 'loan.withdraw', { id: d.id }))
  })

  test('at submit, the rule is checked again as the application stands', async () => {
    const me = await youth()
    const d = await draft(me, { householdTownshipCode: '441881001', project: OUTSIDE_PROJECT })
    // As if the 户籍 had been stored outside by an older page: submit refuses and changes nothing.
    await app.cloud.db.handle('database.modifyDocument', {
      collectionName: 'loans',
      queryType: 'DOC',
      query: JSON.stringify({ _id: d.id }),
      data: EJSON.stringify({ $set: { householdTownshipCode: 'outside' } }, { relaxed: false }),
      merge: true,
    })
    const before = app.dump()
    expect(await app.call(me, 'loan.submit', { id: d.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'householdTownshipCode', message: expect.stringContaining('户籍或创业项目须有一项在清远市内') } })
    expect(app.dump()).toBe(before)
    // A project outside with no 户籍 stated is incomplete, naming what is missing.
    await app.cloud.db.handle('database.modifyDocument', {
      collectionName: 'loans',
      queryType: 'DOC',
      query: JSON.stringify({ _id: d.id }),
      data: EJSON.stringify({ $set: { householdTownshipCode: '' } }, { relaxed: false }),
      merge: true,
    })
    expect(await app.call(me, 'loan.submit', { id: d.id })).toMatchObject({ ok: false, error: { field: 'householdTownshipCode', message: expect.stringContaining('户籍所在地') } })
    expect(loanDocs().find((l) => l._id === d.id)!.status).toBe('draft')
  })
})

test('bad codes are refused naming the field, changing nothing', async () => {
  const me = await youth()
  const d = ok(await app.call(me, 'loan.saveDraft', { amountFen: 5_000_000 }))
  const before = app.dump()
  for (const [input, field] of [
    [{ householdTownshipCode: '4418' }, 'householdTownshipCode'],
    [{ householdTownshipCode: 'OUTSIDE' }, 'householdTownshipCode'],
    [{ householdTownshipCode: 441802006 }, 'householdTownshipCode'],
    [{ householdTownshipCode: '440103001' }, 'householdTownshipCode'], // 广州 越秀区: not a township of the city
    [{ project: { townshipCode: 'elsewhere' } }, 'project.townshipCode'],
    [{ project: { townshipCode: 'outside', outsidePlace: '广' } }, 'project.outsidePlace'],
    [{ project: { townshipCode: 'outside', outsidePlace: '广东省广州市从化区温泉镇某某村委会第十二经济合作社旁边那条路往东再走三百米左右的地方' } }, 'project.outsidePlace'],
  ] as const) {
    const r = await app.call(me, 'loan.saveDraft', { id: d.id, ...(input as object) } as never)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    if (field === 'householdTownshipCode') expect((r as { error: { message: string } }).error.message).toMatch(/户籍所在/)
  }
  expect(app.dump()).toBe(before)
  // With a 户籍 in the city, an unknown project township says the way out of the city.
  ok(await app.call(me, 'loan.saveDraft', { id: d.id, householdTownshipCode: '441802006' }))
  expect(await app.call(me, 'loan.saveDraft', { id: d.id, project: { townshipCode: '440103001' } })).toMatchObject({ ok: false, error: { field: 'project.townshipCode', message: expect.stringContaining('请选「清远市外」') } })
})

test('an application without a 户籍 (as before it was asked) behaves as before: the project’s county reviews', async () => {
  const me = await youth()
  const d = await draft(me, { project: { ...PROJECT, townshipCode: '441802007', address: '东城街道某村' } })
  ok(await app.call(me, 'loan.submit', { id: d.id }))
  expect(loanDocs().find((l) => l._id === d.id)).not.toHaveProperty('householdTownshipCode')
  const seen = ok(await app.call(QINGCHENG, 'loan.get', { id: d.id }))
  expect(seen).toMatchObject({ status: 'submitted', householdTownshipCode: '', householdPlace: '', reviewBasis: 'project', countyCode: '441802', projectPlace: '清城区 · 东城街道', project: { outsidePlace: '' } })
  expect(await app.call(YINGDE, 'loan.get', { id: d.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})
