// A review decides by one update conditional on the registration being as the review read it (no
// transaction): races against it, each with its negative control (the same step by read-then-write).
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'
import { race } from '../support/race'
import { readyRaceControl, storeOf } from '../support/fixture'

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区 441802
const CITY = 'o_demo_city'

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  await readyRaceControl(app, 4)
}, 120_000)
afterAll(async () => {
  await app?.close()
})

const { docs } = storeOf(() => app)
/** The control's pause between its read and its write (a slow network's). */
const sleep = `await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))`

test('one approval sent four times at once (county and city, twice each): decided once, one role, one audit entry, one notice; read-then-write decides several times', async () => {
  const trials = 4
  let decided = 0
  for (let t = 0; t < trials; t++) {
    const openid = `o_twice_${t}`
    const reg = ok(await app.call(openid, 'registration.submitVolunteer', volunteerForm()))
    const answers = await race(4, (i) => app.call(i % 2 ? CITY : COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
    const oks = answers.filter((a) => a.ok && a.data.results[0].ok)
    decided += oks.length
    expect(oks).toHaveLength(1)
    expect(answers.filter((a) => a.ok && !a.data.results[0].ok).map((a) => a.ok && a.data.results[0].message)).toEqual(Array(3).fill('该申请已被处理'))
    const user = docs('users').find((u) => u.openid === openid) as { _id: string; roles: { role: string }[] }
    expect(user.roles.filter((g) => g.role === 'volunteer')).toHaveLength(1)
    expect(docs('audit').filter((e) => e.targetId === reg.id && e.action === 'registration.approve')).toHaveLength(1)
    expect(docs('messages').filter((m) => m.userId === user._id && m.template === 'review')).toHaveLength(1)
  }

  await app.probe(`await db.collection('race_control').add({ data: Array.from({ length: ${trials} }, (_, i) => ({ _id: 'twice' + i, status: 'pending', decisions: 0 })) })`)
  for (let t = 0; t < trials; t++) {
    await race(4, () =>
      app.probe(`
        const { data } = await db.collection('race_control').doc('twice${t}').get()
        if (data.status !== 'pending') return
        ${sleep}
        await db.collection('race_control').doc('twice${t}').update({ data: { status: 'approved', decisions: _.inc(1) } })
      `),
    )
  }
  const control = docs('race_control').filter((d) => String(d._id).startsWith('twice')).reduce((n, d) => n + Number(d.decisions), 0)
  expect(decided).toBe(trials)
  expect(control).toBeGreaterThan(trials)
}, 60_000)

test('an approval racing its owner moving the registration to another county: never approved as it said before, nor the approval undone by the move; read-then-write approves the moved one', async () => {
  const trials = 8
  for (let t = 0; t < trials; t++) {
    const openid = `o_moving_${t}`
    const form = volunteerForm()
    const reg = ok(await app.call(openid, 'registration.submitVolunteer', form))
    // The review starts a little later each trial, so that the two land in either order and in between.
    const [review, moved] = await Promise.all([
      new Promise((r) => setTimeout(r, t * 4)).then(() => app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' })),
      app.call(openid, 'registration.submitVolunteer', { ...form, countyCode: '441881', townshipCode: '441881001' }),
    ])
    const stored = docs('registrations').find((r) => r._id === reg.id) as { status: string; countyCode: string; townshipCode: string; userId: string }
    const user = docs('users').find((u) => u._id === stored.userId) as { roles: { role: string; scopeId: string }[] }
    const approved = review.ok && review.data.results[0].ok
    // 清城区's admin approved only a registration of 清城区, and the role is the township it names.
    if (stored.status === 'approved') {
      expect(approved).toBe(true)
      expect(moved.ok).toBe(false)
      expect(stored.countyCode).toBe('441802')
      expect(user.roles.filter((g) => g.role === 'volunteer').map((g) => g.scopeId)).toEqual([stored.townshipCode])
    } else {
      expect(approved).toBe(false)
      expect(stored).toMatchObject({ status: 'pending', countyCode: '441881' })
      expect(user.roles.filter((g) => g.role === 'volunteer')).toEqual([])
    }
  }

  // The control: the review reads, the owner moves the registration meanwhile, the review writes what it decided on the old read.
  await app.probe(`await db.collection('race_control').add({ data: Array.from({ length: ${trials} }, (_, i) => ({ _id: 'moving' + i, status: 'pending', countyCode: '441802' })) })`)
  for (let t = 0; t < trials; t++) {
    await Promise.all([
      app.probe(`
        const { data } = await db.collection('race_control').doc('moving${t}').get()
        if (data.status !== 'pending' || data.countyCode !== '441802') return
        ${sleep}
        await db.collection('race_control').doc('moving${t}').update({ data: { status: 'approved' } })
      `),
      app.probe(`await new Promise((r) => setTimeout(r, 20)); await db.collection('race_control').where({ _id: 'moving${t}', status: 'pending' }).update({ data: { countyCode: '441881' } })`),
    ])
  }
  const wrong = docs('race_control').filter((d) => String(d._id).startsWith('moving') && d.status === 'approved' && d.countyCode !== '441802').length
  expect(wrong).toBeGreaterThan(0)
}, 60_000)
