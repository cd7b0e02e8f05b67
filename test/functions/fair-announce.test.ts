// A newly published fair told to everyone who may sign up (issue 20), past the platform's caps
// (issue 17): 250 eligible volunteers and rural youth, inserted straight into the store, each get
// the notice once (消息 for all, WeChat for those who accepted); those who may not sign up, none.
// A fair cancelled while its announcement is still going out is announced to nobody more.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { fairForm, setFields } from '../support/fairs'
import { shanghaiDate } from '../../types/time'

let app: AppCloud
const CITY = 'o_demo_city'
const DAY = 86_400_000
const dateIn = (days: number) => shanghaiDate(Date.now() + days * DAY)
const ELIGIBLE = 250
const TITLE = '返乡就业岗位对接会'

beforeAll(async () => {
  app = await startDemoCloud()
}, 120_000)
afterAll(async () => {
  await app?.close()
})

const insert = (collection: string, docs: object[]) => app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })

interface Person {
  openid: string
  userId: string
  kind: 'volunteer' | 'rural_youth'
  status: 'approved' | 'pending'
  termEnd: string
}

/** 250 who may sign up (volunteers whose term ends in time, rural youth), and 30 who may not. */
function people(): { eligible: Person[]; others: Person[] } {
  const person = (i: number, kind: Person['kind'], status: Person['status'], termEnd: string): Person => ({ openid: `o_ann_${i}`, userId: `u_ann_${String(i).padStart(3, '0')}`, kind, status, termEnd })
  const eligible = Array.from({ length: ELIGIBLE }, (_, i) => (i % 5 === 4 ? person(i, 'rural_youth', 'approved', '') : person(i, 'volunteer', 'approved', dateIn(i % 60))))
  const others = [
    ...Array.from({ length: 10 }, (_, i) => person(1000 + i, 'volunteer', 'approved', dateIn(400))), // term ends too late
    ...Array.from({ length: 10 }, (_, i) => person(2000 + i, 'volunteer', 'pending', dateIn(1))), // not yet approved
    ...Array.from({ length: 10 }, (_, i) => person(3000 + i, 'rural_youth', 'pending', '')),
  ]
  return { eligible, others }
}

test('publishing a fair tells every one of 250 who may sign up, once, and nobody else; the timer finishes what the call could not', async () => {
  const { eligible, others } = people()
  const now = new Date()
  const everyone = [...eligible, ...others]
  await insert(
    'users',
    everyone.map((p) => ({ _id: p.userId, openid: p.openid, nickname: '', avatarFileId: '', mobile: '', status: 'active', roles: [], createdAt: now, updatedAt: now })),
  )
  await insert(
    'registrations',
    // _ids against the users' order, so the cursor's order is the registrations' own.
    everyone.map((p, i) => ({ _id: `r_ann_${String((i * 7919) % 10000).padStart(4, '0')}`, userId: p.userId, kind: p.kind, status: p.status, name: '测试', countyCode: '441802', countyName: '清城区', townshipCode: '441802006', townshipName: '凤城街道', termStart: '', termEnd: p.termEnd, createdAt: now, updatedAt: now })),
  )
  const accepted = eligible.filter((_, i) => i % 10 === 0)
  for (const p of accepted) app.acceptNotices(p.openid, 'reminder')
  app.cloud.outbox.length = 0

  const draft = ok(
    await app.call(CITY, 'fair.save', fairForm({ title: TITLE, capacity: 100, termEndsWithinDays: 60, allowRuralYouth: true, employerIds: ['e_qy_city_invest'] }, 30)),
  )
  ok(await app.call(CITY, 'fair.setStatus', { id: draft.id, status: 'published' }))
  // Whatever the call left, the timer finishes; a second run finds nothing left.
  const run = await app.cloud.fireTimer('fair', 'announceFairs')
  expect(run.ok && run.result).toMatchObject({ ok: true })
  const again = await app.cloud.fireTimer('fair', 'announceFairs')
  expect(again.ok && again.result).toMatchObject({ ok: true, data: { fairs: 0, told: 0 } })
  expect([...app.cloud.store.get('fairs').docs.values()].find((f) => f._id === draft.id)).not.toHaveProperty('announceAfter')

  const told = [...app.cloud.store.get('messages').docs.values()].filter((m) => m.title === TITLE)
  const byUser = new Map<string, number>()
  for (const m of told) byUser.set(m.userId as string, (byUser.get(m.userId as string) ?? 0) + 1)
  // Everyone the rule admits (the demo's approved people too), counted from the store.
  const lastTermEnd = dateIn(90)
  const admitted = new Set(
    ([...app.cloud.store.get('registrations').docs.values()] as unknown as Person[]).filter((r) => r.status === 'approved' && (r.kind === 'rural_youth' || r.termEnd <= lastTermEnd)).map((r) => r.userId),
  )
  expect(admitted.size).toBeGreaterThan(ELIGIBLE)
  expect([...byUser.keys()].sort()).toEqual([...admitted].sort())
  expect([...byUser.values()].every((n) => n === 1)).toBe(true)
  expect(eligible.every((p) => byUser.has(p.userId))).toBe(true)
  expect(others.some((p) => byUser.has(p.userId))).toBe(false)
  // By WeChat, exactly those who accepted the template.
  const sent = app.cloud.outbox.filter((m) => m.data.thing1?.value === TITLE).map((m) => m.touser)
  expect(sent.sort()).toEqual(accepted.map((p) => p.openid).sort())
})

test('cancelled while its announcement is still going out, a fair is announced to nobody more; its sign-ups are told it is cancelled', async () => {
  const title = '暂缓举办的岗位对接会'
  const draft = ok(
    await app.call(CITY, 'fair.save', fairForm({ title, capacity: 100, termEndsWithinDays: 60, allowRuralYouth: true, employerIds: ['e_qy_city_invest'] }, 40)),
  )
  // Published, and its announcement stopped after the first page (the publishing call's time ran out
  // there): the fair as that call leaves it, its cursor at the 100th eligible registration, the rest
  // waiting for the timer.
  const eligibleIds = ([...app.cloud.store.get('registrations').docs.values()] as unknown as (Person & { _id: string })[])
    .filter((r) => r.status === 'approved' && (r.kind === 'rural_youth' || r.termEnd <= dateIn(100)))
    .map((r) => r._id)
    .sort()
  expect(eligibleIds.length).toBeGreaterThan(200)
  await setFields(app, 'fairs', draft.id, { status: 'published', announceAfter: eligibleIds[99] })
  const toldOfIt = () => [...app.cloud.store.get('messages').docs.values()].filter((m) => m.title === title)
  // One of those told signs up (the demo's rural youth, 黄家明); then the league cancels the fair.
  const youth = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === 'o_demo_youth')!
  const signedUp = { openid: 'o_demo_youth', userId: youth._id as string }
  const position = ok(
    await app.call('o_demo_employer', 'fair.savePosition', {
      fairId: draft.id,
      employerId: 'e_qy_city_invest',
      title: '乡村运营专员',
      openings: 3,
      place: '清城区',
      countyCode: '441802',
      requirements: '熟悉农村电商',
      salaryMinFen: 500_000,
      salaryMaxFen: 800_000,
      contactName: '何经理',
      contactPhone: '0763-3388123',
    }),
  )
  ok(await app.call(signedUp.openid, 'fair.signUp', { fairId: draft.id, positionIds: [position.id], shareResume: true }))
  ok(await app.call(CITY, 'fair.setStatus', { id: draft.id, status: 'cancelled', reason: '场地检修，另行通知' }))

  // The timer, however often it runs, announces it to nobody more.
  for (let i = 0; i < 2; i++) {
    const run = await app.cloud.fireTimer('fair', 'announceFairs')
    expect(run.ok && run.result).toMatchObject({ ok: true, data: { told: 0 } })
  }
  // Nobody was told it is open; the one who signed up hears that it is cancelled, with the reason.
  const told = toldOfIt()
  expect(told.map((m) => m.userId)).toEqual([signedUp.userId])
  expect(`${told[0].tag} ${told[0].text}`).toContain('场地检修，另行通知')
})
