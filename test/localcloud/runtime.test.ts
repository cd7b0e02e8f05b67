// The function runtime: the platform's environment, event and context, cold starts,
// timeouts, errors, calls between functions and the per-invocation record.
import fs from 'node:fs'
import path from 'node:path'
import { startTestCloud, tempDir, type TestCloud } from '../support/localcloud'
import { buildFixtureFunction } from '../support/build'

let t: TestCloud
const functionsDir = tempDir('fns')
const fixture = path.join(functionsDir, 'src.ts')

beforeAll(async () => {
  fs.writeFileSync(
    fixture,
    `import cloud from 'wx-server-sdk'
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
export async function main(event: any, context: any) {
  if (event.op === 'throw') throw new Error('业务代码出错')
  if (event.op === 'sleep') await new Promise((r) => setTimeout(r, event.ms))
  if (event.op === 'call') return (await cloud.callFunction({ name: 'echo', data: { hello: 'from a function', userInfo: { openId: 'forged' } } })).result
  if (event.op === 'callMissing') { try { await cloud.callFunction({ name: 'nope', data: {} }) } catch (e: any) { return { code: e.code, errMsg: e.errMsg } } }
  return { wx: cloud.getWXContext(), event, tz: process.env.TZ, offset: new Date().getTimezoneOffset(), requestId: context.request_id, fn: context.function_name }
}
`,
  )
  buildFixtureFunction(fixture, functionsDir, 'echo', { timeout: 1 })
  // The same code with room for a call to a cold callee (its loading counts against the caller's time).
  buildFixtureFunction(fixture, functionsDir, 'relay', { timeout: 10 })
  // Loading takes longer than its timeout: the platform limits initialisation separately.
  const slowLoad = path.join(functionsDir, 'slow.ts')
  fs.writeFileSync(slowLoad, `const until = Date.now() + 1500\nwhile (Date.now() < until) {}\nexport async function main() { return 'loaded' }\n`)
  buildFixtureFunction(slowLoad, functionsDir, 'slowload', { timeout: 1 })
  buildFixtureFunction(path.join(__dirname, 'fixtures/probe.ts'), functionsDir, 'probe', { timeout: 10 })
  t = await startTestCloud({ functionsDir, collections: {} })
})
afterAll(async () => {
  await t.close()
  fs.rmSync(functionsDir, { recursive: true, force: true })
})

test('the caller identity comes from the injected context, not from the event', async () => {
  const outcome = await t.cloud.invoke('echo', { userInfo: { openId: 'o_forged' }, x: 1 }, { openid: 'o_real', source: 'wx_client' })
  expect(outcome.ok).toBe(true)
  const r = outcome.ok ? (outcome.result as any) : null
  expect(r.wx).toMatchObject({ OPENID: 'o_real', APPID: 'wx-local-appid', ENV: 'local-env', SOURCE: 'wx_client' })
  // The platform overwrites userInfo with the real caller.
  expect(r.event).toEqual({ x: 1, userInfo: { appId: 'wx-local-appid', openId: 'o_real' } })
  expect(r.tz).toBe('UTC')
  expect(r.offset).toBe(0)
  expect(r.fn).toBe('echo')
  expect(r.requestId).toBe(outcome.record.id)
})

test('each invocation gets its own caller: a warm instance keeps no identity from the previous one', async () => {
  const a = await t.cloud.invoke('echo', {}, { openid: 'o_first', source: 'wx_client' })
  const b = await t.cloud.invoke('echo', {}, { source: 'wx_trigger' })
  expect(a.ok && (a.result as any).wx.OPENID).toBe('o_first')
  expect(b.ok && (b.result as any).wx.OPENID).toBeUndefined()
  expect(b.ok && (b.result as any).wx.SOURCE).toBe('wx_trigger')
})

test('cold starts are recorded; a warm call reuses the instance', async () => {
  await t.cloud.runtime.reload()
  const cold = await t.cloud.invoke('echo', {}, { openid: 'o_a', source: 'wx_client' })
  const warm = await t.cloud.invoke('echo', {}, { openid: 'o_a', source: 'wx_client' })
  expect(cold.record.cold).toBe(true)
  expect(cold.record.loadMs).toBeGreaterThan(0)
  expect(warm.record.cold).toBe(false)
})

test('an uncaught error comes back as WeChat reports it (-504002), without crashing the runtime', async () => {
  const outcome = await t.cloud.invoke('echo', { op: 'throw' }, { openid: 'o_a', source: 'wx_client' })
  expect(outcome.ok).toBe(false)
  expect(!outcome.ok && outcome.errCode).toBe(-504002)
  expect(!outcome.ok && outcome.errMsg).toMatch(/^Error: 业务代码出错/)
  const again = await t.cloud.invoke('echo', {}, { openid: 'o_a', source: 'wx_client' })
  expect(again.ok).toBe(true)
})

test('the config.json timeout ends the instance and reports -504003; the next call is a cold start', async () => {
  const outcome = await t.cloud.invoke('echo', { op: 'sleep', ms: 3000 }, { openid: 'o_a', source: 'wx_client' })
  expect(!outcome.ok && outcome.errCode).toBe(-504003)
  expect(!outcome.ok && outcome.errMsg).toBe('Invoking task timed out after 1 seconds')
  expect(outcome.record.durationMs).toBeGreaterThanOrEqual(1000)
  expect(outcome.record.durationMs).toBeLessThan(2500)
  const next = await t.cloud.invoke('echo', {}, { openid: 'o_a', source: 'wx_client' })
  expect(next.ok).toBe(true)
})

test('loading the code does not count against the timeout (a slow cold start still answers)', async () => {
  const outcome = await t.cloud.invoke('slowload', {}, { openid: 'o_a', source: 'wx_client' })
  expect(outcome).toMatchObject({ ok: true, result: 'loaded' })
  expect(outcome.record.cold).toBe(true)
  expect(outcome.record.loadMs).toBeGreaterThanOrEqual(1400)
})

test('cloud.callFunction from one function to another works; the callee sees SOURCE chained and no OPENID', async () => {
  const outcome = await t.cloud.invoke('relay', { op: 'call' }, { openid: 'o_user', source: 'wx_client' })
  expect(outcome.ok ? true : outcome).toBe(true)
  const inner = outcome.ok ? (outcome.result as any) : null
  expect(inner.event).toEqual({ hello: 'from a function', userInfo: { openId: 'forged' } })
  expect(inner.wx.OPENID).toBeUndefined()
  expect(inner.wx.SOURCE).toBe('wx_client,scf')
  const missing = await t.cloud.invoke('relay', { op: 'callMissing' }, { openid: 'o_user', source: 'wx_client' })
  expect(missing.ok && (missing.result as any).code).toBe('FUNCTIONS_REQUEST_FAIL')
})

test('a function that does not exist is reported, not thrown', async () => {
  const outcome = await t.cloud.invoke('not-deployed', {}, { openid: 'o_a', source: 'wx_client' })
  expect(outcome.ok).toBe(false)
})

test('each invocation records its duration and every database request it made', async () => {
  const outcome = await t.cloud.invoke(
    'probe',
    { code: `await db.createCollection('rec'); await db.collection('rec').add({ data: { a: 1 } }); return (await db.collection('rec').count()).total` },
    { openid: 'o_a', source: 'wx_client' },
  )
  expect(outcome.ok).toBe(true)
  expect(outcome.record.dbRequests.map((r) => `${r.action}:${r.collection ?? ''}`)).toEqual([
    'database.addCollection:rec',
    'database.insertDocument:rec',
    'database.calculateDocument:rec',
  ])
  expect(outcome.record.durationMs).toBeGreaterThanOrEqual(0)
  expect(t.cloud.runtime.recent.at(-1)?.id).toBe(outcome.record.id)
})

test('console.log lines of an invocation are captured in its record', async () => {
  const outcome = await t.cloud.invoke('probe', { code: `console.log('第一行'); console.error('第二行'); return 1` }, { openid: 'o_a', source: 'wx_client' })
  await new Promise((r) => setTimeout(r, 50))
  expect(outcome.record.logs).toEqual(expect.arrayContaining(['第一行', '第二行']))
})

test('timer triggers get the platform event and no caller', async () => {
  const outcome = await t.cloud.fireTimer('echo', 'nightly')
  expect(outcome.ok).toBe(true)
  const r = outcome.ok ? (outcome.result as any) : null
  expect(r.event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' })
  expect(r.wx.OPENID).toBeUndefined()
})
