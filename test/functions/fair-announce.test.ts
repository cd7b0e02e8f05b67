// A newly published fair told to everyone who may sign up (issue 20), past the platform's caps
// (issue 17): 250 eligible volunteers and rural youth, inserted straight into the store, each get
// the notice once (消息 for all, WeChat for those who accepted); those who may not sign up, none.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { shanghaiDate, shanghaiDateTime } from '../../types/time'

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
    await app.call(CITY, 'fair.save', {
      title: TITLE,
      date: dateIn(30),
      startTime: '09:00',
      endTime: '12:00',
      venue: '清远市青少年宫',
      address: '清城区北江一路 8 号',
      signupOpensAt: shanghaiDateTime(Date.now() - 3600_000),
      signupClosesAt: `${dateIn(29)} 18:00`,
      capacity: 100,
      termEndsWithinDays: 60,
      allowRuralYouth: true,
      maxPositions: 2,
      employerIds: ['e_qy_city_invest'],
    }),
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
