// The product's real functions, built as for deployment, running in a local cloud:
// what function tests call, as any persona.
import fs from 'node:fs'
import path from 'node:path'
import type { ActionName, Envelope, InputOf, OutputOf } from '../../types'
import { templateIdVariable, type NoticeName } from '../../types/notices'
import { localTemplateIds } from '../../localcloud/environment'
import { placeBuiltFunctions } from './functions-cache'
import { seedDemo } from '../../scripts/demo'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../localcloud/server'
import { provisionLocalCloud } from '../../deploy/local'
import { tempDir } from './localcloud'
import { buildFixtureFunction } from './build'
import { watchPersonalData } from '../quality/pii'
import { guardReads } from './read-guard'
import { watchNotices } from '../quality/notices'

/** The storage security rule the deployment sets (the deploy reads it; provisionLocalCloud applies it). */
export const STORAGE_RULES_FILE = path.resolve(__dirname, '../../cloudfunctions/storage.rules.json')

/** Keys a deployment configures as function environment variables; fixed ones for tests. */
export const TEST_FUNCTION_ENV: Record<string, string> = {
  XQ_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  XQ_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
  XQ_TOKEN_KEY: Buffer.alloc(32, 11).toString('base64'),
  XQ_CITY_ADMIN_OPENIDS: 'o_bootstrap_admin',
  XQ_MINIPROGRAM_STATE: 'developer',
  ...localTemplateIds(),
}

/** For tests that run a piece of function code in this process (sealing a code, encrypting): the same configuration. */
export function configureFunctionsInProcess(): void {
  Object.assign(process.env, TEST_FUNCTION_ENV)
}

/** A word msgSecCheck flags in tests. */
export const FLAGGED_WORD = '违禁词'

export interface AppCloud {
  cloud: LocalCloud
  /** The cloud's data folder (the database and the storage's files). */
  dataDir: string
  /** Calls an action as the WeChat user `openid` (as the mini program would). */
  call<A extends ActionName>(openid: string, name: A, input: InputOf<A>): Promise<Envelope<OutputOf<A>>>
  /** Calls with an arbitrary event (for malformed requests). */
  raw(openid: string | undefined, fn: string, event: unknown): Promise<unknown>
  /**
   * The WeChat user `openid` accepts a subscribe-message template in the mini program's dialog
   * (wx.requestSubscribeMessage), `times` times: a one-time template lets one message through per accept.
   */
  acceptNotices(openid: string, name?: NoticeName, times?: number): void
  /** Runs SDK code in the probe function (see startAppCloud's withProbe). */
  probe<T = unknown>(code: string, args?: unknown): Promise<T>
  /**
   * Every document of every collection, for "nothing changed" checks. Rate-limit counters are
   * left out: counting attempts, refused ones included, is their purpose.
   */
  dump(): string
  close(): Promise<void>
}

/**
 * A quiet local cloud provisioned by the deploy (deploy/local.ts: collections, indexes, rules,
 * storage rule, the functions' configuration and triggers) with the tests' function environment,
 * watched as every test watches it: personal data at rest, reads, notices.
 */
export async function startWatchedCloud(options: Omit<LocalCloudOptions, 'functionEnv' | 'quiet'>): Promise<LocalCloud> {
  // (Not durable: no test of this cloud kills its process; test/quality/durability.test.ts does, on its own.)
  const cloud = await startLocalCloud({ durable: false, ...options, functionEnv: TEST_FUNCTION_ENV, quiet: true })
  await provisionLocalCloud(cloud)
  watchPersonalData(cloud, Buffer.from(TEST_FUNCTION_ENV.XQ_INDEX_KEY, 'base64'))
  guardReads(cloud)
  watchNotices(cloud)
  return cloud
}

/** startAppCloud with the demo data seeded (scripts/demo), as most function and page tests start. */
export async function startDemoCloud(options: { withProbe?: boolean } = {}): Promise<AppCloud> {
  const app = await startAppCloud(options)
  await seedDemo(app.cloud)
  return app
}

/** An answer's data; a refusal fails the test with the function's error (for steps that must go through). */
export const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data as T
}

/** Calls `name` as `who`, loosely typed, for arranging a page test: the data, or a throw naming the refused action. */
export async function callData(appCloud: AppCloud, who: string, name: string, input: unknown): Promise<any> {
  const dot = name.indexOf('.')
  const result = (await appCloud.raw(who, name.slice(0, dot), { action: name.slice(dot + 1), input })) as { ok: boolean; data?: unknown; error?: unknown }
  if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`)
  return result.data
}

/** Fires a daily reminder's timer twice: the first run tells whoever has work waiting, the second (the same day) no one again. */
export async function fireReminderTwice(app: AppCloud, fn: string, timer: string): Promise<void> {
  const fired = await app.cloud.fireTimer(fn, timer)
  expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { told: expect.any(Number) } })
  const again = await app.cloud.fireTimer(fn, timer)
  expect(again.ok && again.result).toMatchObject({ ok: true, data: { told: 0 } })
}

/** `withProbe`: also deploy the test-only probe function (SDK code sent in the event), for negative controls. */
export async function startAppCloud(options: { withProbe?: boolean } = {}): Promise<AppCloud> {
  const dataDir = tempDir('app')
  const functionsDir = path.join(dataDir, 'functions')
  await placeBuiltFunctions(functionsDir, { minify: false })
  if (options.withProbe) buildFixtureFunction(path.resolve(__dirname, '../localcloud/fixtures/probe.ts'), functionsDir, 'probe', { timeout: 20 })
  const cloud = await startWatchedCloud({
    dataDir,
    functionsDir,
    maxInstancesPerFunction: 4,
    // Text containing this word is what WeChat's content security would flag, in tests.
    flaggedWords: [FLAGGED_WORD],
  })
  const raw = async (openid: string | undefined, fn: string, event: unknown) => {
    const outcome = await cloud.invoke(fn, event, openid ? { openid, source: 'wx_client' } : { source: 'wx_client' })
    if (!outcome.ok) throw new Error(`${fn} failed: ${outcome.errCode} ${outcome.errMsg}`)
    return outcome.result
  }
  return {
    cloud,
    dataDir,
    raw,
    acceptNotices(openid, name = 'review', times = 1) {
      for (let i = 0; i < times; i++) {
        const answered = cloud.subscriptions.answer(openid, { [TEST_FUNCTION_ENV[templateIdVariable(name)]]: 'accept' })
        if (!answered.ok) throw new Error(answered.errMsg)
      }
    },
    async probe(code, args) {
      return (await raw('o_probe', 'probe', { code, args })) as never
    },
    async call(openid, name, input) {
      const dot = name.indexOf('.')
      return (await raw(openid, name.slice(0, dot), { action: name.slice(dot + 1), input })) as never
    },
    dump() {
      return JSON.stringify([...cloud.store.collections.entries()].filter(([n]) => n !== 'rate_limits').map(([n, c]) => [n, [...c.docs.values()]]))
    },
    async close() {
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
