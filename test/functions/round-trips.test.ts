// Database requests of the calls people wait on (issue 17): a fair sign-up, a cancellation that
// promotes the first waiting, one registration approval. The runtime records every request of a
// call; the counts are deterministic, so a change that adds one fails here, listing them all.
import { configureFunctionsInProcess, ok, startDemoCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'
import { shanghaiDate, shanghaiDateTime } from '../../types/time'

let app: AppCloud

beforeAll(async () => {
  configureFunctionsInProcess()
  app = await startDemoCloud()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

/** Calls `fn.action` as `openid` and answers the database requests it made, as "action collection". */
async function requestsOf(openid: string, fn: string, action: string, input: unknown): Promise<{ requests: string[]; data: unknown }> {
  const outcome = await app.cloud.invoke(fn, { action, input }, { openid, source: 'wx_client' })
  if (!outcome.ok) throw new Error(`${fn}.${action} failed: ${outcome.errMsg}`)
  const result = outcome.result as { ok: boolean; data?: unknown; error?: unknown }
  if (!result.ok) throw new Error(`${fn}.${action} refused: ${JSON.stringify(result.error)}`)
  const requests = outcome.record.dbRequests.filter((r) => r.action.startsWith('database.')).map((r) => `${r.action.replace('database.', '')}${r.collection ? ` ${r.collection}` : ''}`)
  return { requests, data: result.data }
}

/** At most `max` requests; on failure the message lists them. */
function expectAtMost(name: string, requests: string[], max: number) {
  const listed = `${name}: ${requests.length} requests\n  ${requests.join('\n  ')}`
  console.log(listed)
  if (requests.length > max) throw new Error(`${listed}\nexpected at most ${max}`)
}

const DAY = 86_400_000

async function approvedVolunteer(openid: string): Promise<string> {
  ok(await app.call(openid, 'account.me', {}))
  const reg = ok(await app.call(openid, 'registration.submitVolunteer', volunteerForm({ termStart: '2024-07-01', termEnd: shanghaiDate(Date.now() + 30 * DAY) })))
  return reg.id
}

test('one registration approval: at most 5 requests (the reviewer read with the registrations, one conditional update, the role, its audit entry and its notice)', async () => {
  const id = await approvedVolunteer('o_trips_applicant')
  const { requests, data } = await requestsOf('o_demo_county', 'registration', 'review', { ids: [id], decision: 'approve' })
  expect((data as { results: { ok: boolean }[] }).results[0].ok).toBe(true)
  expectAtMost('registration.review (one approval)', requests, 5)
})

test('a fair sign-up ≤ 6 requests (a place free, and to the waiting list), a cancellation that promotes the first waiting ≤ 6, a list page ≤ 2 besides the account', async () => {
  const people = ['o_trips_first', 'o_trips_second']
  const ids = [await approvedVolunteer(people[0]), await approvedVolunteer(people[1])]
  ok(await app.call('o_demo_county', 'registration.review', { ids, decision: 'approve' }))
  const day = (offset: number) => shanghaiDate(Date.now() + offset * DAY)
  const fair = ok(
    await app.call('o_demo_city', 'fair.save', {
      title: '往返次数对接会',
      date: day(10),
      startTime: '09:00',
      endTime: '12:00',
      venue: '青少年宫',
      address: '北江一路',
      signupOpensAt: shanghaiDateTime(Date.now() - 3600_000),
      signupClosesAt: `${day(9)} 18:00`,
      capacity: 1,
      termEndsWithinDays: 365,
      allowRuralYouth: false,
      maxPositions: 1,
      employerIds: ['e_qy_city_invest'],
    }),
  )
  ok(await app.call('o_demo_city', 'fair.setStatus', { id: fair.id, status: 'published' }))
  const position = ok(await app.call('o_demo_employer', 'fair.savePosition', { fairId: fair.id, employerId: 'e_qy_city_invest', title: '往返岗位', openings: 1, place: '清城区', requirements: '往返测试岗位', salaryMinFen: 0, salaryMaxFen: 0, contactName: '何经理', contactPhone: '0763-3388123' }))
  const signUp = { fairId: fair.id, positionIds: [position.id], shareResume: true as const }

  const first = await requestsOf(people[0], 'fair', 'signUp', signUp)
  expect((first.data as { signup: { status: string } }).signup.status).toBe('confirmed')
  expectAtMost('fair.signUp (a place free)', first.requests, 6)

  const second = await requestsOf(people[1], 'fair', 'signUp', signUp)
  expect((second.data as { signup: { status: string; waitingRank: number } }).signup).toMatchObject({ status: 'waiting', waitingRank: 1 })
  expectAtMost('fair.signUp (to the waiting list)', second.requests, 6)

  const cancel = await requestsOf(people[0], 'fair', 'cancel', { fairId: fair.id })
  expect((cancel.data as { fair: { confirmed: number; waiting: number } }).fair).toMatchObject({ confirmed: 1, waiting: 0 })
  expect(ok(await app.call(people[1], 'fair.get', { id: fair.id })).fair.mine).toMatchObject({ status: 'confirmed' })
  expectAtMost('fair.cancel (promoting the first waiting)', cancel.requests, 6)

  // A list page: the caller's account, then at most two requests (the page and its total).
  const pages: [string, string, string, unknown][] = [
    ['o_demo_city', 'fair', 'signups', { fairId: fair.id }],
    ['o_demo_city', 'fair', 'list', { when: 'upcoming' }],
    [people[1], 'fair', 'mine', {}],
    ['o_demo_employer', 'fair', 'applicants', { fairId: fair.id }],
    ['o_demo_county', 'registration', 'list', { status: 'pending' }],
    ['o_demo_county', 'registration', 'listTakeovers', { status: 'pending' }],
  ]
  for (const [openid, fn, action, input] of pages) {
    const { requests } = await requestsOf(openid, fn, action, input)
    expect(requests[0]).toBe('getDocument users')
    expectAtMost(`${fn}.${action} (a page, besides the account)`, requests.slice(1), 2)
  }
  // The report: the fair with its positions in one request, then one per group of figures (by standing, by position, by person).
  const report = await requestsOf('o_demo_city', 'fair', 'report', { fairId: fair.id })
  expect(report.requests[0]).toBe('getDocument users')
  expectAtMost('fair.report (besides the account: the fair, then one a card)', report.requests.slice(1), 4)
}, 60_000)
