// WeChat Cloud as a deploy target. CloudBase's management SDK (@cloudbase/manager-node, Tencent
// Cloud API 3.0 signed with the account's SecretId/SecretKey) reads and changes what the cloud
// console would: collections and indexes (ListTables, DescribeTable, CreateTable, UpdateTable),
// security rules (DescribeSafeRule/ModifySafeRule, DescribeStorageSafeRule/ModifyStorageSafeRule),
// function settings and timer triggers (GetFunction, UpdateFunctionConfiguration,
// BatchCreateTrigger, DeleteTrigger). Function code goes up through miniprogram-ci (code-upload
// key), as DevTools uploads it: that is the path WeChat documents for a mini program's functions.
import CloudBase from '@cloudbase/manager-node'
import { EJSON } from 'bson'
import type { IndexDeclaration } from './environment'
import type { FunctionBundle, FunctionSettings, InvitationDocument, LiveFunction, LiveState, LiveTrigger, Target } from './target'

/** Uploads a built function folder (miniprogram-ci's cloud.uploadFunction in a real deploy). */
export type FunctionCodeUploader = (name: string, dir: string) => Promise<void>

export interface WeChatCloudOptions {
  envId: string
  /** The mini program's AppID (DescribeSafeRule asks for it for WeChat environments). */
  appId: string
  secretId: string
  secretKey: string
  uploadFunctionCode: FunctionCodeUploader
  /**
   * Where the management API is (tests: the stand-in's base URL; each service is asked at
   * `<base>/<service>`). Default: Tencent Cloud's endpoints.
   */
  managementEndpoint?: string
}

/** The deploy records which build a function runs in its description (GetFunction returns it). */
const BUILD_MARK = /^xq-build:([0-9a-f]{16})$/

const PAGE = 100

/**
 * manager-node reads TCB_BASE_URL for its tcb service only; a stand-in serves every service
 * (tcb, scf, flexdb) at one address, so each service's base URL is pointed there.
 */
function pointManagementApiAt(base: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CloudService } = require('@cloudbase/manager-node/lib/utils/cloud-api-request') as { CloudService: { prototype: object } }
  Object.defineProperty(CloudService.prototype, 'baseUrl', {
    configurable: true,
    get(this: { service: string }) {
      return `${base}/${this.service}`
    },
  })
}

interface TableIndex {
  Name: string
  Keys: { Name: string; Direction: string }[]
  Unique: boolean
}

export class WeChatCloudTarget implements Target {
  readonly keepsScale = false
  private readonly app: CloudBase

  constructor(readonly options: WeChatCloudOptions) {
    if (options.managementEndpoint) pointManagementApiAt(options.managementEndpoint)
    this.app = new CloudBase({ secretId: options.secretId, secretKey: options.secretKey, envId: options.envId })
  }

  get description(): string {
    return `微信云开发 ${this.options.envId}`
  }

  private tcb(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.app.commonService('tcb', '2018-06-08').call({ Action: action, Param: { EnvId: this.options.envId, ...params } })
  }

  async read(options: { cityAdmin?: boolean } = {}): Promise<LiveState> {
    const collections: LiveState['collections'] = {}
    for (const name of await this.collectionNames()) {
      const table = await this.app.database.describeCollection(name)
      const indexes = ((table.Indexes ?? []) as unknown as TableIndex[])
        .filter((index) => index.Name !== '_id_')
        .map((index) => ({
          name: index.Name,
          keys: Object.fromEntries(index.Keys.map((key) => [key.Name, Number(key.Direction) === -1 ? -1 : 1])) as IndexDeclaration['keys'],
          ...(index.Unique ? { unique: true } : {}),
        }))
      const safe = await this.tcb('DescribeSafeRule', { CollectionName: name, WxAppId: this.options.appId })
      collections[name] = { indexes, rule: safe.AclTag === 'CUSTOM' && typeof safe.Rule === 'string' ? (JSON.parse(safe.Rule) as Record<string, unknown>) : null }
    }
    const storage = (await this.app.storage.getStorageAcl({ withRule: true })) as unknown as { acl: string; rule?: Record<string, unknown> }
    const functions: LiveState['functions'] = {}
    for (const name of await this.functionNames()) functions[name] = await this.readFunction(name)
    return {
      collections,
      storageRule: storage.acl === 'CUSTOM' && storage.rule ? storage.rule : null,
      functions,
      ...(options.cityAdmin ? { cityAdmin: await this.cityAdmin(new Set(Object.keys(collections))) } : {}),
    }
  }

  private async collectionNames(): Promise<string[]> {
    const names: string[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.app.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset })
      names.push(...page.Collections.map((c) => c.CollectionName))
      if (page.Collections.length < PAGE) return names
    }
  }

  private async functionNames(): Promise<string[]> {
    const names: string[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = (await this.app.functions.getFunctionList(PAGE, offset)) as unknown as { Functions?: { FunctionName: string }[] }
      const list = page.Functions ?? []
      names.push(...list.map((f) => f.FunctionName))
      if (list.length < PAGE) return names
    }
  }

  private async readFunction(name: string): Promise<LiveFunction> {
    const detail = (await this.app.functions.getFunctionDetail(name)) as unknown as {
      Timeout: number
      MemorySize: number
      Description?: string
      Environment?: { Variables?: { Key: string; Value: string }[] }
      Triggers?: { TriggerName: string; Type: string; TriggerDesc: string }[]
    }
    const triggers: LiveTrigger[] = (detail.Triggers ?? [])
      .filter((t) => t.Type === 'timer')
      .map((t) => ({ name: t.TriggerName, type: 'timer', config: cronOf(t.TriggerDesc) }))
    return {
      bundle: BUILD_MARK.exec(detail.Description ?? '')?.[1] ?? null,
      timeout: detail.Timeout,
      memorySize: detail.MemorySize,
      triggers,
      variables: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
    }
  }

  private async command(table: string, type: 'QUERY' | 'INSERT', command: object): Promise<string[]> {
    const reply = await this.app.database.runCommands({ MgoCommands: [{ TableName: table, CommandType: type, Command: JSON.stringify(command) }] })
    return reply.Data ?? []
  }

  /** Read with RunCommands (the database's own find), in collections that exist: a new environment has none. */
  private async cityAdmin(existing: Set<string>): Promise<NonNullable<LiveState['cityAdmin']>> {
    if (existing.has('users')) {
      const admins = await this.command('users', 'QUERY', { find: 'users', filter: { 'roles.role': 'city_admin' }, limit: 1 })
      if (admins.some((rows) => rows.includes('city_admin'))) return 'present'
    }
    if (!existing.has('invitations')) return 'none'
    const open = await this.command('invitations', 'QUERY', {
      find: 'invitations',
      filter: { role: 'city_admin', status: 'open', expiresAt: { $gt: { $date: new Date().toISOString() } } },
      limit: 1,
    })
    return open.some((rows) => rows.includes('city_admin')) ? 'invited' : 'none'
  }

  async createCollection(name: string): Promise<void> {
    await this.app.database.createCollection(name)
  }

  async setIndex(collection: string, index: IndexDeclaration, replacing: boolean): Promise<void> {
    if (index.sparse) throw new Error(`index ${index.name}: WeChat Cloud's index settings have no sparse option`)
    await this.app.database.updateCollection(collection, {
      ...(replacing ? { DropIndexes: [{ IndexName: index.name }] } : {}),
      CreateIndexes: [
        {
          IndexName: index.name,
          MgoKeySchema: { MgoIndexKeys: Object.entries(index.keys).map(([field, direction]) => ({ Name: field, Direction: String(direction) })), MgoIsUnique: !!index.unique },
        },
      ],
    })
  }

  async setCollectionRule(collection: string, rule: Record<string, unknown>): Promise<void> {
    await this.tcb('ModifySafeRule', { CollectionName: collection, AclTag: 'CUSTOM', Rule: JSON.stringify(rule) })
  }

  async setCollectionScale(): Promise<void> {
    // WeChat Cloud has no such setting: `scale` is for the local cloud's scan guard (keepsScale is false).
  }

  async setStorageRule(rule: Record<string, unknown>): Promise<void> {
    await this.app.storage.setStorageAcl('CUSTOM', rule as { read: string | boolean; write: string | boolean })
  }

  async uploadFunction(name: string, bundle: FunctionBundle): Promise<void> {
    await this.options.uploadFunctionCode(name, bundle.dir)
  }

  async configureFunction(name: string, settings: FunctionSettings): Promise<void> {
    await this.app.functions.updateFunctionConfig({
      name,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      envVariables: settings.variables,
      description: `xq-build:${settings.bundle}`,
    } as Parameters<CloudBase['functions']['updateFunctionConfig']>[0])
  }

  async setTrigger(functionName: string, trigger: LiveTrigger, replacing: boolean): Promise<void> {
    if (replacing) await this.app.functions.deleteFunctionTrigger(functionName, trigger.name)
    await this.app.functions.createFunctionTriggers(functionName, [trigger])
  }

  async addInvitation(invitation: InvitationDocument): Promise<void> {
    await this.command('invitations', 'INSERT', { insert: 'invitations', documents: [EJSON.serialize(invitation, { relaxed: false })] })
  }
}

/** A timer trigger's description: SCF returns `{"cron":"…"}`; older answers give the cron itself. */
function cronOf(description: string): string {
  try {
    const parsed = JSON.parse(description) as { cron?: string }
    return parsed.cron ?? description
  } catch {
    return description
  }
}
