// What an action reads beside its caller's account (cloudfunctions/_shared/context.ts): joined to
// the account's own read it costs no request of its own, and it reads the same as when asked for
// afterwards; the account comes back as it is read alone (none of the join's fields on it).
import path from 'node:path'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { buildFixtureFunction } from '../support/build'
import { volunteerForm } from '../support/people'

let app: AppCloud

beforeAll(async () => {
  app = await startDemoCloud()
  buildFixtureFunction(path.resolve(__dirname, 'registration-caller-join.fixture.ts'), path.join(app.dataDir, 'functions'), 'caller_join', { timeout: 10 })
}, 120_000)
afterAll(async () => {
  await app?.close()
})

async function callerJoin(openid: string, event: object): Promise<{ result: { user: Record<string, unknown> | null; parts: Record<string, unknown> | null }; requests: string[] }> {
  const outcome = await app.cloud.invoke('caller_join', event, { openid, source: 'wx_client' })
  if (!outcome.ok) throw new Error(outcome.errMsg)
  const requests = outcome.record.dbRequests.filter((r) => r.action.startsWith('database.')).map((r) => `${r.action.replace('database.', '')} ${r.collection}`)
  return { result: outcome.result as never, requests }
}

test('a join read with the account: one request, the same account and parts as asked for afterwards; a join other than the call’s is read by itself', async () => {
  const openid = 'o_caller_join'
  const reg = ok(await app.call(openid, 'registration.submitVolunteer', volunteerForm()))
  const [joined, after, other] = [await callerJoin(openid, { joined: true }), await callerJoin(openid, {}), await callerJoin(openid, { joined: true, asOther: true })]

  expect(joined.requests).toEqual(['aggregateDocuments users'])
  expect(after.requests).toEqual(['getDocument users', 'aggregateDocuments users'])
  expect(other.requests).toEqual(['aggregateDocuments users', 'aggregateDocuments users'])

  // The account as read alone: its own fields only.
  expect(joined.result.user).toEqual(after.result.user)
  expect(Object.keys(joined.result.user!)).not.toContain('regs')
  expect(Object.keys(joined.result.user!)).not.toContain('regKey')
  // The parts: what the join names, the same either way.
  expect(joined.result.parts).toEqual(after.result.parts)
  expect((joined.result.parts!.regs as { _id: string }[]).map((r) => r._id)).toEqual([reg.id])
  expect(Object.keys(other.result.parts!).sort()).toEqual(['other', 'regKey'])
  expect((other.result.parts!.other as { _id: string }[]).map((r) => r._id)).toEqual([reg.id])

  // Someone who never called: no account, nothing joined.
  expect((await callerJoin('o_caller_join_new', { joined: true })).result).toEqual({ user: null, parts: null })
})
