// Races through the local cloud's runtime, each with its negative control: the same step done
// by read-then-write, which must show the race (otherwise the test could not see one).
import { seedDemo } from '../../scripts/demo'
import { startAppCloud, type AppCloud } from '../support/app'
import { freshIdNumber, ruralYouthForm, volunteerForm } from '../support/people'
import { race, raceLog } from '../support/race'
import { openAllDay } from '../support/stations'
import { writeQualityFigures } from './report'

let app: AppCloud

beforeAll(async () => {
  app = await startAppCloud({ withProbe: true })
  await seedDemo(app.cloud)
  // The demo stations keep office hours; the check-in race runs at whatever hour the suite does.
  await openAllDay(app.cloud)
  // A scratch collection without the unique indexes the product relies on, for controls.
  await app.probe(`await db.createCollection('race_control')`)
  // Warm every instance of the probe, so controls race rather than queue behind cold starts.
  await race(8, () => app.probe(`await new Promise((r) => setTimeout(r, 50))`))
})
afterAll(async () => {
  writeQualityFigures('races', { races: raceLog })
  await app.close()
})

const docs = (name: string) => [...app.cloud.store.get(name).docs.values()]

/**
 * The control: read, wait a moment (as a slow network would), then write what was read. `sleep`
 * only widens the window that is always there between a read and a write: wide enough (80–120 ms)
 * that invocations overlap even when a loaded machine starts them tens of milliseconds apart.
 */
const sleep = `await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))`

/**
 * The negative control for a check-then-insert: `n` racers each count the control documents with
 * `field` = `value` and, when fewer than `limit` are there, add one, as separate steps (what the
 * functions must not do). How many were added.
 */
async function countThenInsert(n: number, field: string, value: string, limit = 1): Promise<number> {
  await race(n, (i) =>
    app.probe(`
      const { total } = await db.collection('race_control').where({ ${field}: '${value}' }).count()
      if (total >= ${limit}) return
      ${sleep}
      await db.collection('race_control').add({ data: { ${field}: '${value}', by: ${i} } })
    `),
  )
  return docs('race_control').filter((d) => d[field] === value).length
}

test('an invitation redeemed 20 times at once grants one role; read-then-write grants several', async () => {
  const created = await app.call('o_demo_city', 'grants.createInvitation', { role: 'township_staff', scopeId: '441802107' })
  const code = created.ok ? created.data.code : ''
  await race(20, (i) => app.call(`o_redeem_${i}`, 'grants.redeemInvitation', { code, name: '李受邀' }))
  const holders = docs('users').filter((u) => (u.roles as { scopeId: string }[]).some((g) => g.scopeId === '441802107'))

  // Control: check the invitation is open, then mark it used and grant, without a transaction.
  await app.probe(`await db.collection('race_control').add({ data: { _id: 'inv', status: 'open' } })`)
  await race(20, (i) =>
    app.probe(`
      const { data } = await db.collection('race_control').doc('inv').get()
      if (data.status !== 'open') return
      ${sleep}
      await db.collection('race_control').doc('inv').update({ data: { status: 'used' } })
      await db.collection('race_control').add({ data: { grantedTo: 'u${i}' } })
    `),
  )
  const controlGrants = docs('race_control').filter((d) => d.grantedTo).length
  raceLog.push({ name: 'invitation redeemed concurrently: roles granted', n: 20, observed: holders.length, control: controlGrants })
  expect(holders).toHaveLength(1)
  expect(controlGrants).toBeGreaterThan(1)
})

test('one ID number registered by 10 accounts at once is claimed once; count-then-insert claims it several times', async () => {
  const idNumber = freshIdNumber()
  const results = await race(10, (i) => app.call(`o_claim_${i}`, 'registration.submitVolunteer', volunteerForm({ idNumber })))
  // Every submission is answered alike (nothing tells a stranger the ID is taken); one claims it.
  const ids = results.map((r) => (r.ok ? r.data.id : ''))
  expect(ids.filter(Boolean)).toHaveLength(10)
  const claimants = new Set(docs('registrations').filter((r) => ids.includes(r._id as string) && r.idConflict === false).map((r) => r.userId))
  const claimed = docs('identities').filter((c) => claimants.has(c.userId)).length

  const controlClaims = await countThenInsert(10, 'claim', 'id-1')
  raceLog.push({ name: 'one ID registered by many accounts: claims', n: 10, observed: claimed, control: controlClaims })
  expect(claimed).toBe(1)
  expect(controlClaims).toBeGreaterThan(1)
})

test('two reviewers deciding one registration at once: one decision; read-then-write applies both', async () => {
  const regs = await Promise.all(
    Array.from({ length: 5 }, async (_, i) => {
      const r = await app.call(`o_decide_${i}`, 'registration.submitVolunteer', volunteerForm())
      return r.ok ? r.data.id : ''
    }),
  )
  let applied = 0
  for (const id of regs) {
    const [a, b] = await race(2, (i) =>
      app.call(i === 0 ? 'o_demo_county' : 'o_demo_city', 'registration.review', i === 0 ? { ids: [id], decision: 'approve' } : { ids: [id], decision: 'reject', reason: '同时审核' }),
    )
    applied += [a, b].filter((r) => r.ok && r.data.results[0].ok).length
  }

  await app.probe(`await db.collection('race_control').add({ data: Array.from({ length: 5 }, (_, i) => ({ _id: 'reg' + i, status: 'pending', decisions: 0 })) })`)
  for (let i = 0; i < 5; i++) {
    await race(2, () =>
      app.probe(`
        const { data } = await db.collection('race_control').doc('reg${i}').get()
        if (data.status !== 'pending') return
        ${sleep}
        await db.collection('race_control').doc('reg${i}').update({ data: { status: 'decided', decisions: _.inc(1) } })
      `),
    )
  }
  const controlDecisions = docs('race_control').filter((d) => String(d._id).startsWith('reg')).reduce((n, d) => n + Number(d.decisions), 0)
  raceLog.push({ name: 'two reviewers on one registration (5 trials): decisions applied', n: 2, observed: applied, control: controlDecisions })
  expect(applied).toBe(5)
  expect(controlDecisions).toBeGreaterThan(5)
})

test('a rate limit of 5 holds under 20 concurrent calls; read-then-write lets more through', async () => {
  const results = await race(20, () => app.call('o_rate_racer', 'registration.requestTakeover', { name: '张三', idNumber: '11010519491231002X' }))
  const passed = results.filter((r) => !(r.ok === false && r.error.code === 'RATE_LIMITED')).length

  await app.probe(`await db.collection('race_control').add({ data: { _id: 'counter', count: 0, passed: 0 } })`)
  await race(20, () =>
    app.probe(`
      const { data } = await db.collection('race_control').doc('counter').get()
      if (data.count >= 5) return
      ${sleep}
      await db.collection('race_control').doc('counter').update({ data: { count: data.count + 1, passed: _.inc(1) } })
    `),
  )
  const controlPassed = Number(docs('race_control').find((d) => d._id === 'counter')!.passed)
  raceLog.push({ name: 'rate limit 5 under 20 concurrent calls: calls let through', n: 20, observed: passed, control: controlPassed })
  expect(passed).toBe(5)
  expect(controlPassed).toBeGreaterThan(5)
})

test('a first call made 12 times at once creates one account; count-then-insert creates several', async () => {
  await race(12, () => app.call('o_first_racer', 'account.me', {}))
  const accounts = docs('users').filter((u) => u.openid === 'o_first_racer').length

  const controlAccounts = await countThenInsert(12, 'account', 'o_first')
  raceLog.push({ name: 'first call made concurrently: accounts created', n: 12, observed: accounts, control: controlAccounts })
  expect(accounts).toBe(1)
  expect(controlAccounts).toBeGreaterThan(1)
})

test('50 concurrent check-ins by one volunteer make one session; check-then-insert makes several', async () => {
  const at = { lat: 23.697524, lng: 113.055469, accuracy: 10 }
  const results = await race(50, (i) => app.call('o_demo_volunteer', 'service.checkIn', { requestId: `race-checkin-${i}-${Date.now()}`, stationId: 'st_fengcheng', reading: { ...at, at: Date.now() } }))
  const sessions = results.filter((r) => r.ok).length
  await app.call('o_demo_volunteer', 'service.checkOut', { requestId: `race-out-${Date.now()}`, reading: at })

  const controlSessions = await countThenInsert(50, 'openSessionOf', 'v1')
  raceLog.push({ name: 'one volunteer checking in 50 times at once: open sessions', n: 50, observed: sessions, control: controlSessions })
  expect(sessions).toBe(1)
  expect(controlSessions).toBeGreaterThan(1)
})

test('approving sessions of one volunteer concurrently loses no hours; a read-then-write hours counter does', async () => {
  const yesterday = new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10)
  const reg = await app.call('o_race_hours', 'registration.submitVolunteer', volunteerForm())
  await app.call('o_demo_county', 'registration.review', { ids: [reg.ok ? reg.data.id : ''], decision: 'approve' })
  const ids: string[] = []
  for (const [start, end] of [['06:00', '06:30'], ['07:00', '07:30'], ['08:00', '08:30']]) {
    const s = await app.call('o_race_hours', 'service.makeup', { stationId: 'st_fengcheng', date: yesterday, start, end, reason: '室内没有信号' })
    if (s.ok) ids.push(s.data.id)
  }
  await race(ids.length, (i) => app.call(i % 2 ? 'o_demo_township' : 'o_demo_county', 'service.decide', { ids: [ids[i]], decision: 'approve' }))
  const hours = await app.call('o_race_hours', 'service.hours', {})
  const minutes = hours.ok ? hours.data.approvedMinutes : -1

  // Control: each approval reads the volunteer's total and writes it back increased.
  await app.probe(`await db.collection('race_control').add({ data: { _id: 'hours', minutes: 0 } })`)
  await race(3, () =>
    app.probe(`
      const { data } = await db.collection('race_control').doc('hours').get()
      ${sleep}
      await db.collection('race_control').doc('hours').update({ data: { minutes: data.minutes + 30 } })
    `),
  )
  const controlMinutes = Number(docs('race_control').find((d) => d._id === 'hours')!.minutes)
  raceLog.push({ name: 'three 30-minute sessions approved at once: minutes credited', n: 3, observed: minutes, control: controlMinutes })
  expect(ids).toHaveLength(3)
  expect(minutes).toBe(90)
  expect(controlMinutes).toBeLessThan(90)
})

test('200 concurrent confirmations of one perk code record one redemption; without the atomic step, several', async () => {
  const perk = await app.call('o_demo_merchant', 'perk.savePerk', { merchantId: 'm_lianzhou_kitchen', title: '竞争测试', description: '竞争测试优惠', perDay: 5, perMonth: 10, quota: 100, validFrom: '2026-01-01', validTo: '2099-12-31' })
  const perkId = perk.ok ? perk.data.id : ''
  const code = await app.call('o_demo_volunteer', 'perk.code', { perkId })
  const token = code.ok ? code.data.token : ''
  await race(200, () => app.call('o_demo_merchant', 'perk.confirm', { token }))
  const recorded = docs('redemptions').filter((r) => r.perkId === perkId).length

  // Control: check the code is unused, then record it, as separate steps.
  const controlRecorded = await countThenInsert(200, 'redeemedCode', 'code-1')
  raceLog.push({ name: 'one perk code confirmed 200 times at once: redemptions recorded', n: 200, observed: recorded, control: controlRecorded })
  expect(recorded).toBe(1)
  expect(controlRecorded).toBeGreaterThan(1)
})

test('county and city deciding one loan application at once: one decision; read-then-write applies several', async () => {
  const reg = await app.call('o_loan_racer', 'registration.submitRuralYouth', ruralYouthForm({ countyCode: '441802', townshipCode: '441802006' }))
  await app.call('o_demo_county', 'registration.review', { ids: [reg.ok ? reg.data.id : ''], decision: 'approve' })
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)])
  const userId = docs('users').find((u) => u.openid === 'o_loan_racer')!._id as string
  const draft = await app.call('o_loan_racer', 'loan.saveDraft', {
    amountFen: 5_000_000,
    termMonths: 12,
    bankId: 'b_psbc_qingyuan',
    project: { type: 'agriculture', title: '竞争测试项目', townshipCode: '441802006', address: '凤城街道', description: '竞争测试用的创业项目简介，至少二十个字以上。', jobsCreated: 1, householdsHelped: 1 },
    payee: { accountName: '竞争青年', bankName: '邮储银行清远市分行', accountNumber: '6217995500001234567' },
  })
  const id = draft.ok ? draft.data.id : ''
  for (const kind of ['id_photo', 'business_license', 'project_plan'] as const) {
    await app.call('o_loan_racer', 'loan.attachDocument', { id, kind, fileId: app.cloud.storage.put(`uploads/${userId}/${kind}.png`, png) })
  }
  await app.call('o_loan_racer', 'loan.submit', { id })
  const decisions = ['approve', 'reject', 'return', 'approve', 'reject', 'return'] as const
  const results = await race(decisions.length, (i) => app.call(i % 2 ? 'o_demo_city' : 'o_demo_county', 'loan.countyDecide', { id, decision: decisions[i], note: '竞争测试意见' }))
  const applied = results.filter((r) => r.ok).length
  const events = (docs('loans').find((l) => l._id === id)!.history as { action: string }[]).filter((e) => e.action.startsWith('county_')).length

  // Control: check the status, then move it, as separate steps.
  await app.probe(`await db.collection('race_control').add({ data: { _id: 'loan', status: 'submitted', decisions: 0 } })`)
  await race(decisions.length, () =>
    app.probe(`
      const { data } = await db.collection('race_control').doc('loan').get()
      if (data.status !== 'submitted') return
      ${sleep}
      await db.collection('race_control').doc('loan').update({ data: { status: 'decided', decisions: db.command.inc(1) } })
    `),
  )
  const controlDecisions = docs('race_control').find((d) => d._id === 'loan')!.decisions as number
  raceLog.push({ name: 'one loan application decided 6 times at once: decisions applied', n: decisions.length, observed: events, control: controlDecisions })
  expect(applied).toBe(1)
  expect(events).toBe(1)
  expect(controlDecisions).toBeGreaterThan(1)
})

test('one applicant starting 10 applications at once gets one; check-then-insert starts several', async () => {
  const reg = await app.call('o_loan_starter', 'registration.submitRuralYouth', ruralYouthForm({ countyCode: '441802', townshipCode: '441802006' }))
  await app.call('o_demo_county', 'registration.review', { ids: [reg.ok ? reg.data.id : ''], decision: 'approve' })
  await race(10, () => app.call('o_loan_starter', 'loan.saveDraft', { amountFen: 1_000_000 }))
  const userId = docs('users').find((u) => u.openid === 'o_loan_starter')!._id
  const started = docs('loans').filter((l) => l.applicantId === userId).length

  const controlStarted = await countThenInsert(10, 'openApplicationOf', 'u1')
  raceLog.push({ name: 'one applicant starting 10 applications at once: applications', n: 10, observed: started, control: controlStarted })
  expect(started).toBe(1)
  expect(controlStarted).toBeGreaterThan(1)
})

describe('a job fair of 50 places', () => {
  const signups = () => docs('fair_signups')
  let fairId = ''
  let positionId = ''
  const people = Array.from({ length: 200 }, (_, i) => `o_fair_racer_${i}`)

  beforeAll(async () => {
    // 200 volunteers whose term ends soon, approved by the county in batches.
    const ids: string[] = []
    for (let i = 0; i < people.length; i += 20) {
      const batch = await Promise.all(people.slice(i, i + 20).map((openid) => app.call(openid, 'registration.submitVolunteer', volunteerForm({ termStart: '2024-07-01', termEnd: '2026-12-31' }))))
      ids.push(...batch.map((r) => (r.ok ? r.data.id : '')))
    }
    for (let i = 0; i < ids.length; i += 50) await app.call('o_demo_county', 'registration.review', { ids: ids.slice(i, i + 50), decision: 'approve' })
    const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10)
    const f = await app.call('o_demo_city', 'fair.save', {
      title: '竞争测试对接会',
      date: day(10),
      startTime: '09:00',
      endTime: '12:00',
      venue: '青少年宫',
      address: '北江一路',
      signupOpensAt: `${day(-1)} 09:00`,
      signupClosesAt: `${day(9)} 18:00`,
      capacity: 50,
      termEndsWithinDays: 180,
      maxPositions: 1,
      employerIds: ['e_qy_city_invest'],
    })
    fairId = f.ok ? f.data.id : ''
    await app.call('o_demo_city', 'fair.setStatus', { id: fairId, status: 'published' })
    const p = await app.call('o_demo_employer', 'fair.savePosition', { fairId, employerId: 'e_qy_city_invest', title: '竞争岗位', openings: 50, place: '清城区', requirements: '竞争测试岗位', salaryMinFen: 0, salaryMaxFen: 0, contactName: '何经理', contactPhone: '0763-3388123' })
    positionId = p.ok ? p.data.id : ''
  }, 120_000)

  test('200 sign-ups at once: exactly 50 confirmed and 150 waiting in arrival order; count-then-insert overbooks', async () => {
    const results = await race(people.length, (i) => app.call(people[i], 'fair.signUp', { fairId, positionIds: [positionId], shareResume: true }))
    const answered = results.map((r) => (r.ok ? r.data.signup : null))
    const fair = docs('fairs').find((f) => f._id === fairId)!
    const confirmed = signups().filter((s) => s.fairId === fairId && s.status === 'confirmed').length
    const waiting = signups().filter((s) => s.fairId === fairId && s.status === 'waiting').length
    const waitlist = fair.waitlist as string[]
    // Each waiting person was told their place, which is where they stand on the list.
    const ranks = answered.filter((s) => s?.status === 'waiting').map((s) => s!.waitingRank)
    const ranksMatch = answered.filter((s) => s?.status === 'waiting').every((s) => waitlist[s!.waitingRank - 1] === s!.id)

    // Control: count the confirmed, then insert, as separate steps.
    const controlSeats = await countThenInsert(people.length, 'fairSeat', 'f1', 50)
    raceLog.push({ name: '200 sign-ups at once for a fair of 50: confirmed', n: 200, observed: confirmed, control: controlSeats })
    expect(results.every((r) => r.ok)).toBe(true)
    expect([confirmed, waiting, fair.confirmedCount]).toEqual([50, 150, 50])
    expect(waitlist).toHaveLength(150)
    expect(new Set(waitlist).size).toBe(150)
    expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1))
    expect(ranksMatch).toBe(true)
    expect(controlSeats).toBeGreaterThan(50)
  }, 120_000)

  test('10 cancellations at once promote the first 10 waiting, none skipped or twice; read-then-promote doubles', async () => {
    const before = docs('fairs').find((f) => f._id === fairId)!.waitlist as string[]
    const leaving = signups().filter((s) => s.fairId === fairId && s.status === 'confirmed').slice(0, 10).map((s) => s.openid as string)
    await race(leaving.length, (i) => app.call(leaving[i], 'fair.cancel', { fairId }))
    const fair = docs('fairs').find((f) => f._id === fairId)!
    const promoted = signups().filter((s) => s.fairId === fairId && s.promotedAt).map((s) => s._id)
    const confirmed = signups().filter((s) => s.fairId === fairId && s.status === 'confirmed').length

    // Control: read the head of a list, then mark it promoted, for each cancellation.
    await app.probe(`await db.collection('race_control').add({ data: { _id: 'list', waiting: ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10', 'w11', 'w12'] } })`)
    await race(10, () =>
      app.probe(`
        const { data } = await db.collection('race_control').doc('list').get()
        const head = data.waiting[0]
        ${sleep}
        await db.collection('race_control').doc('list').update({ data: { waiting: data.waiting.slice(1) } })
        await db.collection('race_control').add({ data: { promotedInControl: head } })
      `),
    )
    const controlPromotions = docs('race_control').filter((d) => d.promotedInControl)
    const controlDistinct = new Set(controlPromotions.map((d) => d.promotedInControl)).size
    raceLog.push({ name: '10 cancellations at once: distinct people promoted (of 10)', n: 10, observed: new Set(promoted).size, control: controlDistinct })
    expect(fair.confirmedCount).toBe(50)
    expect(confirmed).toBe(50)
    expect(promoted.sort()).toEqual(before.slice(0, 10).sort())
    expect(fair.waitlist).toEqual(before.slice(10))
    expect(controlDistinct).toBeLessThan(10)
  }, 120_000)
})
