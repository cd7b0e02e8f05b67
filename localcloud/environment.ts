// The local cloud's own environment: the values a deployment takes from WeChat's consoles (the
// cloud environment's id, the subscribe-message template ids), chosen for this machine. Builds
// and functions that run against the local cloud get them as configuration, exactly as they
// would get real ones; nothing in production code has a fallback to them.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { NOTICE_NAMES, templateIdVariable, type NoticeName } from '../types/notices'
import type { CollectionsFile } from './db/store'

/** The cloud environment id the app's local builds call (Taro.cloud.init({ env })). */
export const LOCAL_CLOUD_ENV = 'local-env'

/** Local template ids say so, and have WeChat's shape (43 characters of base64url). */
export const LOCAL_TEMPLATE_PREFIX = 'xqlocal-'

export function localTemplateId(name: NoticeName): string {
  return `${LOCAL_TEMPLATE_PREFIX}${name}-`.padEnd(43, '0')
}

/** XQ_TPL_<NAME> → the local id of each declared template. */
export function localTemplateIds(): Record<string, string> {
  return Object.fromEntries(NOTICE_NAMES.map((name) => [templateIdVariable(name), localTemplateId(name)]))
}

/**
 * The functions' environment on this machine (on WeChat Cloud: the function's environment
 * variables in the console, cloudfunctions/_shared/config.ts): the local template ids, the given
 * first city admins, and keys generated once per data folder (secrets.json), never committed.
 */
export function localFunctionEnv(dataDir: string, cityAdminOpenids: string[]): Record<string, string> {
  return { ...localTemplateIds(), XQ_CITY_ADMIN_OPENIDS: cityAdminOpenids.join(','), XQ_MINIPROGRAM_STATE: 'developer', ...localSecrets(dataDir) }
}

function localSecrets(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, 'secrets.json')
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>
  const secrets = {
    XQ_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    XQ_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
    XQ_TOKEN_KEY: crypto.randomBytes(32).toString('base64'),
  }
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

/**
 * What WeChat Cloud's management plane keeps for an environment, and the local cloud keeps in its
 * data folder (environment.json) the same way: each collection's indexes and security rule, and
 * the storage rule. The deploy sets them (deploy/local.ts); the local cloud only obeys them.
 * Function configuration lives where the local runtime reads it, each function's config.json.
 */
export interface ManagedEnvironment {
  collections: CollectionsFile
  storageRule: StorageRule | null
}

export type StorageRule = Partial<Record<'read' | 'write', boolean | string>>

const MANAGED_FILE = 'environment.json'

/** The environment as a data folder last kept it (an empty one: nothing declared yet, as a new cloud environment). */
export function readManagedEnvironment(dataDir: string): ManagedEnvironment {
  const file = path.join(dataDir, MANAGED_FILE)
  if (!fs.existsSync(file)) return { collections: {}, storageRule: null }
  const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ManagedEnvironment>
  return { collections: kept.collections ?? {}, storageRule: kept.storageRule ?? null }
}

export function writeManagedEnvironment(dataDir: string, environment: ManagedEnvironment): void {
  fs.mkdirSync(dataDir, { recursive: true })
  // Written whole and renamed into place: a crash leaves the old or the new declaration, never half.
  const file = path.join(dataDir, MANAGED_FILE)
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(environment, null, 2))
  fs.renameSync(`${file}.tmp`, file)
}
