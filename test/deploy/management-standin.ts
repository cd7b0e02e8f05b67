// A stand-in for the Tencent Cloud API that CloudBase's management SDK talks to, at the HTTP level:
// each request must be a POST signed with TC3-HMAC-SHA256 by the test's SecretId/SecretKey, carry
// the service's version, name a documented action, and send that action's documented parameters
// (required ones present, nothing unknown, values of the documented shape). It keeps an
// environment's collections, indexes, rules, functions and triggers, and answers as the API does.
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { EJSON } from 'bson'
import { Query } from 'mingo'

export interface ManagementRequest {
  service: string
  action: string
  params: Record<string, any>
}

interface Table {
  indexes: { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]
  aclTag: string
  rule?: string
}

interface Fn {
  Timeout: number
  MemorySize: number
  Description: string
  Variables: { Key: string; Value: string }[]
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[]
}

const VERSIONS: Record<string, string> = { tcb: '2018-06-08', scf: '2018-04-16' }
const ACL_TAGS = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM']

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Parameters of each action: required and optional (the API reference's 输入参数). */
const ACTIONS: Record<string, { service: string; required: string[]; optional?: string[] }> = {
  DescribeEnvInfo: { service: 'tcb', required: ['EnvId'] },
  ListTables: { service: 'tcb', required: ['EnvId', 'MongoConnector'], optional: ['MgoLimit', 'MgoOffset', 'Tag'] },
  DescribeTable: { service: 'tcb', required: ['EnvId', 'MongoConnector', 'TableName'], optional: ['Tag'] },
  CreateTable: { service: 'tcb', required: ['EnvId', 'MongoConnector', 'TableName'], optional: ['Tag'] },
  UpdateTable: { service: 'tcb', required: ['EnvId', 'MongoConnector', 'TableName'], optional: ['CreateIndexes', 'DropIndexes', 'Tag'] },
  DescribeSafeRule: { service: 'tcb', required: ['EnvId', 'CollectionName'], optional: ['WxAppId'] },
  ModifySafeRule: { service: 'tcb', required: ['EnvId', 'CollectionName', 'AclTag'], optional: ['Rule'] },
  DescribeStorageSafeRule: { service: 'tcb', required: ['EnvId', 'Bucket'] },
  ModifyStorageSafeRule: { service: 'tcb', required: ['EnvId', 'Bucket', 'AclTag'], optional: ['Rule'] },
  ListFunctions: { service: 'tcb', required: ['EnvId'], optional: ['Limit', 'Offset'] },
  RunCommands: { service: 'tcb', required: ['EnvId', 'MgoCommands'], optional: ['MongoConnector', 'Tag'] },
  GetFunction: { service: 'scf', required: ['FunctionName', 'Namespace'], optional: ['ShowCode', 'Qualifier', 'CodeSecret'] },
  UpdateFunctionConfiguration: {
    service: 'scf',
    required: ['FunctionName', 'Namespace'],
    optional: ['Timeout', 'MemorySize', 'Description', 'Environment', 'ClsTopicId', 'ClsLogsetId', 'Publish'],
  },
  BatchCreateTrigger: { service: 'scf', required: ['FunctionName', 'Namespace', 'Triggers', 'Count'] },
  DeleteTrigger: { service: 'scf', required: ['FunctionName', 'Namespace', 'TriggerName', 'Type'], optional: ['TriggerDesc', 'Qualifier'] },
}

const hmac = (key: string | Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest()
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex')

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ApiError('InvalidParameter', message)
}

export class ManagementStandIn {
  readonly requests: ManagementRequest[] = []
  readonly tables = new Map<string, Table>()
  readonly functions = new Map<string, Fn>()
  readonly documents = new Map<string, Record<string, unknown>[]>()
  storage: { aclTag: string; rule?: string } = { aclTag: 'PRIVATE' }
  readonly bucket = '7869-xq-test-1300000000'
  readonly databaseInstance = 'tnt-xq-test'
  private server!: http.Server

  constructor(readonly env: { envId: string; secretId: string; secretKey: string; appId: string }) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        let response: Record<string, unknown>
        try {
          response = this.handle(req, body)
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError('InternalError', (err as Error).message)
          response = { Error: { Code: e.code, Message: e.message } }
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ Response: { RequestId: crypto.randomUUID(), ...response } }))
      })
    })
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  /** A function as an upload creates it: the platform's default settings, no triggers. */
  createFunction(name: string): void {
    if (!this.functions.has(name)) this.functions.set(name, { Timeout: 3, MemorySize: 256, Description: '', Variables: [], Triggers: [] })
  }

  actions(): string[] {
    return this.requests.map((r) => r.action)
  }

  private verifySignature(req: http.IncomingMessage, service: string, body: string): void {
    const auth = String(req.headers.authorization ?? '')
    const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(auth)
    if (!match) throw new ApiError('AuthFailure.SignatureFailure', `malformed Authorization: ${auth}`)
    const [, secretId, date, signedService, signature] = match
    if (secretId !== this.env.secretId) throw new ApiError('AuthFailure.SecretIdNotFound', 'unknown SecretId')
    if (signedService !== service) throw new ApiError('AuthFailure.SignatureFailure', `signed for ${signedService}, sent to ${service}`)
    const timestamp = String(req.headers['x-tc-timestamp'] ?? '')
    if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) throw new ApiError('AuthFailure.SignatureFailure', 'date does not match the timestamp')
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '')
    const canonical = `POST\n${new URL(req.url ?? '/', 'http://x').pathname}\n\ncontent-type:${req.headers['content-type']}\nhost:${host}\n\ncontent-type;host\n${sha256(body)}`
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`
    const key = hmac(hmac(hmac(`TC3${this.env.secretKey}`, date), service), 'tc3_request')
    if (crypto.createHmac('sha256', key).update(toSign).digest('hex') !== signature) throw new ApiError('AuthFailure.SignatureFailure', 'signature mismatch')
  }

  private handle(req: http.IncomingMessage, body: string): Record<string, unknown> {
    const service = new URL(req.url ?? '/', 'http://x').pathname.slice(1)
    check(req.method === 'POST', 'POST only')
    this.verifySignature(req, service, body)
    const action = String(req.headers['x-tc-action'] ?? '')
    const spec = ACTIONS[action]
    if (!spec) throw new ApiError('InvalidAction', `unknown action ${action}`)
    if (spec.service !== service) throw new ApiError('InvalidAction', `${action} belongs to ${spec.service}, not ${service}`)
    if (req.headers['x-tc-version'] !== VERSIONS[service]) throw new ApiError('InvalidParameter', `version ${req.headers['x-tc-version']} for ${service}`)
    const params = JSON.parse(body || '{}') as Record<string, any>
    this.requests.push({ service, action, params })
    for (const name of spec.required) check(params[name] !== undefined, `${action}: missing ${name}`)
    for (const name of Object.keys(params)) if (!spec.required.includes(name) && !spec.optional?.includes(name)) throw new ApiError('UnknownParameter', `${action}: unknown parameter ${name}`)
    if ('EnvId' in params) check(params.EnvId === this.env.envId, `${action}: EnvId ${params.EnvId}`)
    if ('Namespace' in params) check(params.Namespace === this.env.envId, `${action}: Namespace ${params.Namespace}`)
    if ('MongoConnector' in params) check(params.MongoConnector.DatabaseName === this.databaseInstance, `${action}: MongoConnector ${JSON.stringify(params.MongoConnector)}`)
    return (this as unknown as Record<string, (p: Record<string, any>) => Record<string, unknown>>)[`on${action}`].call(this, params)
  }

  private table(name: unknown): Table {
    const table = this.tables.get(String(name))
    if (!table) throw new ApiError('ResourceNotFound', `table ${String(name)} does not exist`)
    return table
  }

  private fn(name: unknown): Fn {
    const fn = this.functions.get(String(name))
    if (!fn) throw new ApiError('ResourceNotFound.Function', `function ${String(name)} does not exist`)
    return fn
  }

  onDescribeEnvInfo(): Record<string, unknown> {
    return {
      EnvInfo: {
        EnvBaseInfo: {
          EnvId: this.env.envId,
          Databases: [{ InstanceId: this.databaseInstance, Region: 'ap-shanghai', Status: 'RUNNING' }],
          Storages: [{ Bucket: this.bucket, Region: 'ap-shanghai', AppId: '1300000000' }],
          Functions: [{ Namespace: this.env.envId, Region: 'ap-shanghai' }],
          LogServices: [],
        },
      },
    }
  }

  onListTables(p: Record<string, any>): Record<string, unknown> {
    const names = [...this.tables.keys()].slice(p.MgoOffset ?? 0, (p.MgoOffset ?? 0) + (p.MgoLimit ?? 100))
    return { Tables: names.length ? names.map((TableName) => ({ TableName, Count: 0, Size: 0, IndexCount: 1, IndexSize: 0 })) : null, Pager: { Offset: p.MgoOffset, Limit: p.MgoLimit, Total: this.tables.size } }
  }

  onDescribeTable(p: Record<string, any>): Record<string, unknown> {
    const table = this.table(p.TableName)
    const indexes = [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }, ...table.indexes]
    return { Indexes: indexes.map((i) => ({ ...i, Size: 0, Accesses: { Ops: 0, Since: '' } })), IndexNum: indexes.length }
  }

  onCreateTable(p: Record<string, any>): Record<string, unknown> {
    check(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(p.TableName), `CreateTable: TableName ${p.TableName}`)
    if (this.tables.has(p.TableName)) throw new ApiError('ResourceInUse', `table ${p.TableName} exists`)
    this.tables.set(p.TableName, { indexes: [], aclTag: 'ADMINONLY' })
    return {}
  }

  onUpdateTable(p: Record<string, any>): Record<string, unknown> {
    const table = this.table(p.TableName)
    for (const drop of (p.DropIndexes ?? []) as { IndexName: string }[]) {
      check(typeof drop.IndexName === 'string' && Object.keys(drop).length === 1, `UpdateTable: DropIndexes item ${JSON.stringify(drop)}`)
      check(table.indexes.some((i) => i.Name === drop.IndexName), `UpdateTable: no index ${drop.IndexName} to drop`)
      table.indexes = table.indexes.filter((i) => i.Name !== drop.IndexName)
    }
    for (const create of (p.CreateIndexes ?? []) as { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[]) {
      check(typeof create.IndexName === 'string' && create.MgoKeySchema && Object.keys(create).length === 2, `UpdateTable: CreateIndexes item ${JSON.stringify(create)}`)
      const keys = create.MgoKeySchema.MgoIndexKeys
      check(Array.isArray(keys) && keys.length > 0 && keys.every((k) => typeof k.Name === 'string' && ['1', '-1'].includes(k.Direction)), `UpdateTable: MgoIndexKeys ${JSON.stringify(keys)}`)
      check(typeof create.MgoKeySchema.MgoIsUnique === 'boolean', 'UpdateTable: MgoIsUnique must be a boolean')
      if (table.indexes.some((i) => i.Name === create.IndexName)) throw new ApiError('ResourceInUse', `index ${create.IndexName} exists`)
      table.indexes.push({ Name: create.IndexName, Keys: keys, Unique: create.MgoKeySchema.MgoIsUnique })
    }
    return {}
  }

  private acl(action: string, p: Record<string, any>): { aclTag: string; rule?: string } {
    check(ACL_TAGS.includes(p.AclTag), `${action}: AclTag ${p.AclTag}`)
    if (p.AclTag === 'CUSTOM') {
      check(typeof p.Rule === 'string', `${action}: Rule is required with CUSTOM, as a JSON string`)
      JSON.parse(p.Rule)
    }
    return { aclTag: p.AclTag, rule: p.Rule }
  }

  onDescribeSafeRule(p: Record<string, any>): Record<string, unknown> {
    const table = this.table(p.CollectionName)
    return { AclTag: table.aclTag, Rule: table.rule ?? null }
  }

  onModifySafeRule(p: Record<string, any>): Record<string, unknown> {
    const table = this.table(p.CollectionName)
    const { aclTag, rule } = this.acl('ModifySafeRule', p)
    table.aclTag = aclTag
    table.rule = rule
    return {}
  }

  onDescribeStorageSafeRule(p: Record<string, any>): Record<string, unknown> {
    check(p.Bucket === this.bucket, `DescribeStorageSafeRule: Bucket ${p.Bucket}`)
    return { AclTag: this.storage.aclTag, Rule: this.storage.rule ?? null }
  }

  onModifyStorageSafeRule(p: Record<string, any>): Record<string, unknown> {
    check(p.Bucket === this.bucket, `ModifyStorageSafeRule: Bucket ${p.Bucket}`)
    this.storage = this.acl('ModifyStorageSafeRule', p)
    return {}
  }

  onListFunctions(p: Record<string, any>): Record<string, unknown> {
    const names = [...this.functions.keys()].slice(p.Offset ?? 0, (p.Offset ?? 0) + (p.Limit ?? 20))
    return { Functions: names.map((FunctionName) => ({ FunctionName, FunctionId: FunctionName, Runtime: 'Nodejs16.13', Status: 'Active' })), TotalCount: this.functions.size }
  }

  onGetFunction(p: Record<string, any>): Record<string, unknown> {
    const fn = this.fn(p.FunctionName)
    return { FunctionName: p.FunctionName, Timeout: fn.Timeout, MemorySize: fn.MemorySize, Description: fn.Description, Environment: { Variables: fn.Variables }, Triggers: fn.Triggers }
  }

  onUpdateFunctionConfiguration(p: Record<string, any>): Record<string, unknown> {
    const fn = this.fn(p.FunctionName)
    if (p.Timeout !== undefined) check(Number.isInteger(p.Timeout) && p.Timeout >= 1 && p.Timeout <= 900, `Timeout ${p.Timeout}`)
    if (p.MemorySize !== undefined) check([64, 128, 256, 512, 1024, 2048, 3072].includes(p.MemorySize), `MemorySize ${p.MemorySize}`)
    if (p.Environment !== undefined) {
      const vars = p.Environment.Variables as { Key: string; Value: string }[]
      check(Object.keys(p.Environment).length === 1 && Array.isArray(vars) && vars.every((v) => typeof v.Key === 'string' && typeof v.Value === 'string'), 'Environment.Variables: [{Key, Value}]')
      fn.Variables = vars
    }
    if (p.Timeout !== undefined) fn.Timeout = p.Timeout
    if (p.MemorySize !== undefined) fn.MemorySize = p.MemorySize
    if (p.Description !== undefined) fn.Description = p.Description
    return {}
  }

  onBatchCreateTrigger(p: Record<string, any>): Record<string, unknown> {
    const fn = this.fn(p.FunctionName)
    check(typeof p.Triggers === 'string', 'BatchCreateTrigger: Triggers is a JSON string')
    const triggers = JSON.parse(p.Triggers) as { TriggerName: string; Type: string; TriggerDesc: string }[]
    check(p.Count === triggers.length, 'BatchCreateTrigger: Count must equal the number of triggers')
    for (const t of triggers) {
      check(t.Type === 'timer' && typeof t.TriggerName === 'string' && t.TriggerDesc.trim().split(/\s+/).length === 7, `BatchCreateTrigger: trigger ${JSON.stringify(t)}`)
      if (fn.Triggers.some((x) => x.TriggerName === t.TriggerName)) throw new ApiError('ResourceInUse.Trigger', `trigger ${t.TriggerName} exists`)
      fn.Triggers.push({ TriggerName: t.TriggerName, Type: 'timer', TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) })
    }
    return {}
  }

  onDeleteTrigger(p: Record<string, any>): Record<string, unknown> {
    const fn = this.fn(p.FunctionName)
    check(p.Type === 'timer', `DeleteTrigger: Type ${p.Type}`)
    if (!fn.Triggers.some((t) => t.TriggerName === p.TriggerName)) throw new ApiError('ResourceNotFound.Trigger', `no trigger ${p.TriggerName}`)
    fn.Triggers = fn.Triggers.filter((t) => t.TriggerName !== p.TriggerName)
    return {}
  }

  onRunCommands(p: Record<string, any>): Record<string, unknown> {
    const data: string[] = []
    for (const command of p.MgoCommands as { TableName: string; CommandType: string; Command: string }[]) {
      check(Object.keys(command).sort().join() === 'Command,CommandType,TableName', `RunCommands: MgoCommands item ${JSON.stringify(Object.keys(command))}`)
      this.table(command.TableName)
      const body = EJSON.parse(command.Command, { relaxed: false }) as Record<string, any>
      const docs = this.documents.get(command.TableName) ?? []
      if (command.CommandType === 'INSERT') {
        check(body.insert === command.TableName && Array.isArray(body.documents), 'RunCommands INSERT: {insert, documents}')
        this.documents.set(command.TableName, [...docs, ...body.documents])
        data.push(JSON.stringify({ n: body.documents.length, ok: 1 }))
      } else if (command.CommandType === 'QUERY') {
        check(body.find === command.TableName, 'RunCommands QUERY: {find, filter}')
        const found = new Query(body.filter ?? {}).find(docs).all().slice(0, body.limit ?? 100)
        data.push(...found.map((doc) => EJSON.stringify(doc, { relaxed: false })))
      } else throw new ApiError('InvalidParameter', `RunCommands: CommandType ${command.CommandType}`)
    }
    return { Data: data }
  }
}
