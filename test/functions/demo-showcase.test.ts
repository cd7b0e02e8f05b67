// The demo's showcase (npm start): something in every programme it covers, made through the
// functions as people would, once. It runs against the functions as they are, so a change that
// breaks it fails here rather than on somebody's first `npm start`.
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { DEMO_CONTEST_ID, seedShowcase } from '../../scripts/demo'

let app: AppCloud

beforeAll(async () => {
  app = await startDemoCloud()
}, 120_000)
afterAll(async () => {
  await app?.close()
})

test('the showcase fills the trainings and the contest for the demo personas, and a second run adds nothing', async () => {
  expect(await seedShowcase(app.cloud)).toBe(true)
  const before = app.dump()
  expect(await seedShowcase(app.cloud)).toBe(false)
  expect(app.dump()).toBe(before)

  // 林晓雨: courses to see, sessions she signed up for, a completed online course with its certificate.
  expect(ok(await app.call('o_demo_volunteer', 'training.list', {})).total).toBeGreaterThanOrEqual(3)
  expect(ok(await app.call('o_demo_volunteer', 'training.mine', {})).total).toBe(2)
  const records = ok(await app.call('o_demo_volunteer', 'training.records', {}))
  expect(records.completed).toBe(1)
  expect(ok(await app.call('o_any', 'training.verify', { code: records.items.find((r) => r.completed)!.certificateCode })).courseTitle).toBe('乡村振兴政策线上学习')
  // The league's desk: its courses; 李建国 his county's lecture.
  expect(ok(await app.call('o_demo_city', 'training.list', { manage: true })).total).toBeGreaterThanOrEqual(3)
  expect(ok(await app.call('o_demo_county', 'training.list', { manage: true })).items.map((c) => c.title)).toContain('青农大讲堂·砂糖橘电商直播')

  // Grid reports: hers, one taken up; her township's queue holds them. Care: her visit, a follow-up open.
  expect(ok(await app.call('o_demo_volunteer', 'grid.mine', {})).total).toBe(2)
  expect(ok(await app.call('o_demo_township', 'grid.queue', {})).total).toBeGreaterThanOrEqual(1)
  const lin = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === 'o_demo_volunteer')!
  expect(ok(await app.call('o_demo_township', 'care.history', { volunteerId: lin._id as string })).items).toHaveLength(1)

  // Commendations: her honour, published.
  expect(ok(await app.call('o_demo_volunteer', 'commend.mine', {})).items).toHaveLength(1)

  // The contest: both entries under judging; 苏晓岚 (the demo judge) has them to score, told in 消息.
  const judging = ok(await app.call('o_demo_judge', 'contest.judging', {}))
  expect(judging.items).toEqual([expect.objectContaining({ id: DEMO_CONTEST_ID, status: 'judging', toScore: 2, scored: 0 })])
  expect(ok(await app.call('o_demo_judge', 'contest.judgeEntries', { contestId: DEMO_CONTEST_ID })).total).toBe(2)
  expect(ok(await app.call('o_demo_city', 'contest.entries', { contestId: DEMO_CONTEST_ID })).total).toBe(2)
  expect(ok(await app.call('o_demo_youth', 'contest.mine', {})).total).toBe(1)
  const judge = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === 'o_demo_judge')!
  expect([...app.cloud.store.get('messages').docs.values()].filter((m) => m.userId === judge._id).length).toBeGreaterThanOrEqual(1)
})
