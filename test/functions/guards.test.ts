// Guards the contract declares: per-user rate limits and content security on free text.
import { EJSON } from 'bson'
import { FLAGGED_WORD, startDemoCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'

let app: AppCloud

beforeAll(async () => {
  app = await startDemoCloud()
})
afterAll(() => app.close())

test('a rate-limited action refuses beyond its limit per user, even when called concurrently', async () => {
  // registration.requestTakeover: 5 tries a day per user (each try tests a name and ID number).
  const tries = await Promise.all(Array.from({ length: 9 }, () => app.call('o_guesser', 'registration.requestTakeover', { name: '张三', idNumber: '11010519491231002X' })))
  const limited = tries.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')
  expect(tries.filter((r) => !r.ok && r.error.code === 'NOT_FOUND')).toHaveLength(5)
  expect(limited).toHaveLength(4)
  expect(!limited[0].ok && limited[0].error.message).toMatch(/^操作过于频繁，请 \d+ 分钟后再试$/)
  // Another user is not affected.
  expect(await app.call('o_other_guesser', 'registration.requestTakeover', { name: '张三', idNumber: '11010519491231002X' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})

test('free text others will read goes through content security: flagged text is refused naming the field', async () => {
  const before = app.dump()
  const r = await app.call('o_rude', 'registration.submitVolunteer', volunteerForm({ school: `某某${FLAGGED_WORD}大学` }))
  expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', field: 'school', message: '毕业院校含有不适宜公开的内容，请修改后再提交' } })
  const after = JSON.parse(app.dump()) as [string, unknown[]][]
  const prior = JSON.parse(before) as [string, unknown[]][]
  expect(after.find(([n]) => n === 'registrations')).toEqual(prior.find(([n]) => n === 'registrations'))
  expect(await app.call('o_rude', 'account.updateProfile', { nickname: FLAGGED_WORD })).toMatchObject({ ok: false, error: { field: 'nickname' } })
  expect(await app.call('o_demo_county', 'grants.createInvitation', { role: 'township_staff', scopeId: '441802006', note: FLAGGED_WORD })).toMatchObject({
    ok: false,
    error: { field: 'note' },
  })
})

test('list actions are paged with a maximum page size', async () => {
  expect(await app.call('o_demo_city', 'registration.list', { pageSize: 500 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pageSize' } })
})

test('probe finding 9: looking up an invitation by code is rate limited, so codes cannot be found by trying', async () => {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
  const tries = await Promise.all(Array.from({ length: 34 }, (_, i) => app.call('o_code_guesser', 'grants.previewInvitation', { code: `ZZZZZZZZ${alphabet[i % 32]}${alphabet[Math.floor(i / 32)]}` })))
  expect(tries.filter((r) => !r.ok && r.error.code === 'NOT_FOUND')).toHaveLength(30)
  expect(tries.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(4)
})

test('probe finding 12: counters whose window has ended are removed by the daily timer; live ones stay', async () => {
  const counters = () => [...app.cloud.store.get('rate_limits').docs.values()]
  const live = counters().length
  expect(live).toBeGreaterThan(0)
  // Windows that ended yesterday, as the platform would have left them.
  await app.cloud.db.handle('database.insertDocument', {
    collectionName: 'rate_limits',
    data: [
      EJSON.stringify({ _id: 'old-window-1', count: 3, expiresAt: new Date(Date.now() - 86400_000) }, { relaxed: false }),
      EJSON.stringify({ _id: 'old-window-2', count: 1, expiresAt: new Date(Date.now() - 60_000) }, { relaxed: false }),
    ],
  })
  expect(counters()).toHaveLength(live + 2)
  const fired = await app.cloud.fireTimer('account', 'pruneCounters')
  expect(fired).toMatchObject({ ok: true, result: { ok: true, data: { removed: 2 } } })
  expect(counters()).toHaveLength(live)
  expect(counters().every((c) => (c.expiresAt as Date).getTime() > Date.now())).toBe(true)
})
