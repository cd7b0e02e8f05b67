// A registration changed and sent twice in the same millisecond (a double tap on 提交): the
// resubmission is written only over the registration as it was read, so a twin that read it
// before the other wrote finds it changed. It is no conflict when what is stored is what it would
// have written: every copy is answered as submitted, and one registration stands, as changed.
import path from 'node:path'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { storeOf } from '../support/fixture'
import { volunteerForm } from '../support/people'
import { race } from '../support/race'
import { deployStill, twins } from '../support/twins'

let app: AppCloud
const { docs } = storeOf(() => app)

beforeAll(async () => {
  app = await startDemoCloud()
  await deployStill(app, 'registration', path.resolve(__dirname, 'registration-twins.fixture.ts'))
  // Every instance started, so that copies sent at once run at once rather than queue behind cold starts.
  await race(4, () => app.raw(undefined, 'registration', { warm: 150 }))
}, 120_000)
afterAll(async () => {
  await app?.close()
})

test('a changed registration submitted twice at one instant, in turn and at once: every copy answered as submitted, the one registration as changed', async () => {
  const openid = 'o_twin_applicant'
  const form = volunteerForm()
  const first = ok(await app.call(openid, 'registration.submitVolunteer', form))
  const changed = { ...form, school: '广东海洋大学', skills: ['电子商务', '数据分析'] as typeof form.skills }
  // Each copy's write waits 100 ms, so that the copies sent at once all read the registration before any writes it.
  const answers = await twins(app, openid, 'registration.submitVolunteer', changed, 4, { pause: 100 })
  expect(answers.filter((a) => !a.ok)).toEqual([])
  expect(answers.every((a) => a.ok && a.data.id === first.id && a.data.school === '广东海洋大学' && a.data.status === 'pending')).toBe(true)
  const mine = docs('registrations').filter((r) => r.userId === docs('users').find((u) => u.openid === openid)!._id)
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ status: 'pending', school: '广东海洋大学', skills: ['电子商务', '数据分析'], idConflict: false })
})

test('a resubmission that finds the registration decided meanwhile is refused, and the decision stands', async () => {
  const openid = 'o_twin_decided'
  const form = volunteerForm()
  const reg = ok(await app.call(openid, 'registration.submitVolunteer', form))
  ok(await app.call('o_demo_county', 'registration.review', { ids: [reg.id], decision: 'approve' }))
  expect(await app.call(openid, 'registration.submitVolunteer', { ...form, school: '广东海洋大学' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(docs('registrations').find((r) => r._id === reg.id)).toMatchObject({ status: 'approved', school: form.school })
})
