// The local cloud as a deploy target: the same plan and apply as WeChat Cloud, through the local
// cloud's management plane (LocalCloud's managedEnvironment, createCollection, …) in this
// process. `npm start`, the tests and the benchmark provision their local cloud with
// provisionLocalCloud, so the deploy path runs on every start.
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import type { LocalCloud } from '../localcloud/server'
import { CollectionsDeclaration, readDeclaration, type EnvironmentDeclaration, type IndexDeclaration } from './environment'
import { apply, functionBundle, plan, type Plan, type PlanItem } from './plan'
import type { FunctionBundle, FunctionSettings, InvitationDocument, LiveState, LiveTrigger, Target } from './target'

interface FunctionConfigFile {
  timeout?: number
  memorySize?: number
  permissions?: { openapi?: string[] }
  triggers?: LiveTrigger[]
}

/** The repository's rule for every collection: the client reads and writes nothing (functions do). */
const NO_CLIENT_ACCESS = { read: false, write: false }

/** The platform's defaults for what a config.json leaves out. */
const DEFAULT_TIMEOUT = 3
const DEFAULT_MEMORY = 256

export class LocalCloudTarget implements Target {
  readonly keepsScale = true

  constructor(readonly cloud: LocalCloud) {}

  get description(): string {
    return `本地云 ${this.cloud.url}`
  }

  private functionDir(name: string): string {
    return path.join(this.cloud.options.functionsDir, name)
  }

  private readConfig(name: string): FunctionConfigFile {
    return JSON.parse(fs.readFileSync(path.join(this.functionDir(name), 'config.json'), 'utf8')) as FunctionConfigFile
  }

  private async writeConfig(name: string, change: (config: FunctionConfigFile) => FunctionConfigFile): Promise<void> {
    await this.cloud.configureFunction(name, change(this.readConfig(name)) as Parameters<LocalCloud['configureFunction']>[1])
  }

  private async documents(collection: string, query: object): Promise<Record<string, unknown>[]> {
    if (!this.cloud.store.has(collection)) return []
    const reply = (await this.cloud.db.handle('database.getDocument', { collectionName: collection, queryType: 'WHERE', query: JSON.stringify(query), limit: 100 })) as {
      data: { list: string[] }
    }
    return reply.data.list.map((doc) => EJSON.parse(doc, { relaxed: true }) as Record<string, unknown>)
  }

  async read(options: { cityAdmin?: boolean } = {}): Promise<LiveState> {
    const managed = this.cloud.managedEnvironment()
    const collections: LiveState['collections'] = {}
    for (const [name, spec] of Object.entries(managed.collections)) {
      collections[name] = { indexes: (spec.indexes ?? []) as IndexDeclaration[], rule: spec.rule ?? null, ...(spec.scale ? { scale: spec.scale } : {}) }
    }
    const variables = this.cloud.runtime.options.functionEnv
    const functions: LiveState['functions'] = {}
    for (const [name, config] of Object.entries(this.cloud.deployedFunctions()) as [string, FunctionConfigFile][]) {
      functions[name] = {
        bundle: functionBundle(this.functionDir(name)).hash,
        timeout: config.timeout ?? DEFAULT_TIMEOUT,
        memorySize: config.memorySize ?? DEFAULT_MEMORY,
        triggers: config.triggers ?? [],
        variables: { ...variables },
      }
    }
    return { collections, storageRule: managed.storageRule, functions, ...(options.cityAdmin ? { cityAdmin: await this.cityAdmin() } : {}) }
  }

  private async cityAdmin(): Promise<NonNullable<LiveState['cityAdmin']>> {
    if ((await this.documents('users', { 'roles.role': 'city_admin' })).length) return 'present'
    const now = Date.now()
    const open = await this.documents('invitations', { role: 'city_admin', status: 'open' })
    return open.some((inv) => new Date(inv.expiresAt as string).getTime() > now) ? 'invited' : 'none'
  }

  async createCollection(name: string): Promise<void> {
    await this.cloud.createCollection(name)
  }

  async setIndex(collection: string, index: IndexDeclaration): Promise<void> {
    const current = (this.cloud.managedEnvironment().collections[collection]?.indexes ?? []) as IndexDeclaration[]
    const others = current.filter((i) => i.name !== index.name)
    this.cloud.setCollectionIndexes(collection, [...others, index])
  }

  async setCollectionRule(collection: string, rule: Record<string, unknown>): Promise<void> {
    this.cloud.setCollectionRule(collection, rule)
  }

  async setCollectionScale(collection: string, scale: 'large' | undefined): Promise<void> {
    this.cloud.setCollectionScale(collection, scale)
  }

  async setStorageRule(rule: Record<string, unknown>): Promise<void> {
    this.cloud.setStorageRule(rule)
  }

  async uploadFunction(name: string, bundle: FunctionBundle): Promise<void> {
    await this.cloud.deployFunction(name, bundle.dir)
  }

  async configureFunction(name: string, settings: FunctionSettings): Promise<void> {
    await this.writeConfig(name, (config) => ({ ...config, timeout: settings.timeout, memorySize: settings.memorySize }))
    // The local cloud gives every function the same environment (as one WeChat Cloud environment's secrets).
    await this.cloud.setFunctionVariables(settings.variables)
  }

  async setTrigger(functionName: string, trigger: LiveTrigger): Promise<void> {
    await this.writeConfig(functionName, (config) => ({ ...config, triggers: [...(config.triggers ?? []).filter((t) => t.name !== trigger.name), trigger] }))
  }

  async addInvitation(invitation: InvitationDocument): Promise<void> {
    await this.cloud.db.handle('database.insertDocument', { collectionName: 'invitations', data: [EJSON.stringify(invitation, { relaxed: false })] })
  }
}

export interface LocalProvisioning {
  /** Where the functions are built (default: the cloud's own functions folder, as the tests build them). */
  functionsBuild?: string
  /** The functions' environment variables (default: what the cloud was started with). */
  variables?: Record<string, string>
  /**
   * Collections to declare instead of the repository's (the emulator's own tests), in
   * collections.json's format; a collection without a rule gets the repository's (nobody reads or writes from the client).
   */
  collections?: object
  /** Draw the first city admin's invitation when there is none (npm start prints it). */
  bootstrap?: boolean
  declaration?: EnvironmentDeclaration
}

export interface ProvisionResult {
  plan: Plan
  applied: PlanItem[]
  invitation?: InvitationDocument
}

/** The bundles of every declared function that is built in `dir`. */
export function builtBundles(declaration: EnvironmentDeclaration, dir: string): Record<string, FunctionBundle> {
  const bundles: Record<string, FunctionBundle> = {}
  for (const name of Object.keys(declaration.functions)) {
    if (fs.existsSync(path.join(dir, name, 'index.js'))) bundles[name] = functionBundle(path.join(dir, name))
  }
  return bundles
}

/**
 * Provisions a local cloud with the repository's declaration through the local target: the same
 * plan and apply as `npm run deploy`. With `collections`, only those collections (no functions,
 * no storage rule): the emulator's own tests declare what they need.
 */
export async function provisionLocalCloud(cloud: LocalCloud, options: LocalProvisioning = {}): Promise<ProvisionResult> {
  const target = new LocalCloudTarget(cloud)
  const full = options.declaration ?? readDeclaration()
  const declaration: EnvironmentDeclaration = options.collections
    ? {
        ...full,
        collections: CollectionsDeclaration.parse(Object.fromEntries(Object.entries(options.collections).map(([name, spec]) => [name, { rule: NO_CLIENT_ACCESS, ...(spec as object) }]))),
        functions: {},
        // The storage rule stays as the cloud has it (a test may have set one).
        storageRule: { ...NO_CLIENT_ACCESS, ...cloud.managedEnvironment().storageRule },
      }
    : full
  const bundles = builtBundles(declaration, options.functionsBuild ?? cloud.options.functionsDir)
  // A test cloud may run only some functions (a fixture); those not built are not deployed.
  const deployable = { ...declaration, functions: Object.fromEntries(Object.entries(declaration.functions).filter(([name]) => bundles[name])) }
  const live = await target.read({ cityAdmin: !!options.bootstrap })
  const planned = plan({ declaration: deployable, bundles, variables: options.variables ?? cloud.runtime.options.functionEnv, bootstrap: !!options.bootstrap }, live, target)
  const applied = await apply(target, planned)
  return { plan: planned, applied, invitation: applied.some((i) => i.kind === 'invitation') ? planned.invitation : undefined }
}
