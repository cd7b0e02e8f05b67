// Starts a local cloud for a test file, on a fresh data folder and a random port.
import fs from 'node:fs'
import path from 'node:path'
import type { StorageRule } from '../../localcloud/environment'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../localcloud/server'
import { provisionLocalCloud } from '../../deploy/local'
import type { Caller } from '../../localcloud/runtime/runtime'
import { buildFixtureFunction } from './build'

export interface TestCloud {
  cloud: LocalCloud
  dataDir: string
  /** Runs SDK code inside the probe function (a worker, with the genuine SDK); resolves to what it returns. */
  probe<T = unknown>(code: string, args?: unknown, caller?: Caller): Promise<T>
  /** The same, resolving to the platform's error (errCode, errMsg) when the code throws. */
  probeOutcome(code: string, args?: unknown): Promise<{ ok: true; result: unknown } | { ok: false; errCode: number; errMsg: string }>
  close(): Promise<void>
}

/**
 * A fresh folder inside the project (git-ignored): deployable function folders placed here
 * resolve wx-server-sdk from the project's node_modules, as a deployed function does from its own.
 */
export function tempDir(prefix: string): string {
  const root = path.join(__dirname, '../../.tmp')
  fs.mkdirSync(root, { recursive: true })
  return fs.mkdtempSync(path.join(root, `${prefix}-`))
}

/**
 * A local cloud for the emulator's own tests: `collections` (collections.json's format) are
 * provisioned through the deploy's local target, as every local cloud is.
 */
export async function startTestCloud(
  options: Partial<LocalCloudOptions> & { collections?: object; probeConfig?: object; storageRule?: StorageRule } = {},
): Promise<TestCloud> {
  const { collections, probeConfig, storageRule, ...cloudOptions } = options
  const dataDir = options.dataDir ?? tempDir('lc')
  const functionsDir = options.functionsDir ?? path.join(dataDir, 'functions')
  if (!options.functionsDir) {
    buildFixtureFunction(path.join(__dirname, '../localcloud/fixtures/probe.ts'), functionsDir, 'probe', {
      timeout: 10,
      permissions: { openapi: ['wxacode.getUnlimited', 'subscribeMessage.send', 'security.msgSecCheck', 'security.imgSecCheck', 'phonenumber.getPhoneNumber'] },
      ...probeConfig,
    })
  }
  const cloud = await startLocalCloud({ quiet: true, durable: false, ...cloudOptions, dataDir, functionsDir })
  if (storageRule) cloud.setStorageRule(storageRule)
  if (collections) await provisionLocalCloud(cloud, { collections })
  const caller: Caller = { openid: 'o_test_user', source: 'wx_client' }
  const probeOutcome = async (code: string, args?: unknown, who: Caller = caller) => {
    const outcome = await cloud.invoke('probe', { code, args }, who)
    return outcome.ok ? { ok: true as const, result: outcome.result } : { ok: false as const, errCode: outcome.errCode, errMsg: outcome.errMsg }
  }
  return {
    cloud,
    dataDir,
    probeOutcome,
    async probe<T>(code: string, args?: unknown, who?: Caller) {
      const outcome = await probeOutcome(code, args, who)
      if (!outcome.ok) throw new Error(`probe failed: ${outcome.errCode} ${outcome.errMsg}`)
      return outcome.result as T
    },
    async close() {
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
