// The local WeChat Cloud: one loopback HTTP service that answers the genuine wx-server-sdk
// (database, storage, functions, open API), runs the deployable functions in worker
// threads, and serves the development gateway, the console and the H5 build.
import { LOCAL_CLOUD_ENV, readManagedEnvironment, writeManagedEnvironment, type ManagedEnvironment, type StorageRule } from './environment'
import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Access, type SdkCredentials } from './access'
import { DatabaseService, PLATFORM_LIMITS, type CappedRead, type DatabaseLimits } from './db/database'
import { DbError } from './db/errors'
import { Store, type CollectionSpec, type CollectionsFile } from './db/store'
import type { IndexSpec } from './db/indexes'
import { BodyTooLarge, isLoopback, readBody, sendJson } from './http'
import { OpenApiService, type OutboxMessage } from './openapi'
import { Runtime, type Caller, type FunctionConfig, type InvocationRecord, type InvokeOutcome } from './runtime/runtime'
import { buildWorkerScript } from './runtime/build-worker'
import { contentType, StorageService } from './storage'
import { Gateway, type Persona } from './gateway'
import { renderConsole, consoleApi } from './console'
import { CronSchedule } from './cron'
import { StorageRules } from './rules'
import { declaredTemplates, Subscriptions, type RegisteredTemplate } from './subscriptions'

export interface LocalCloudOptions {
  dataDir: string
  functionsDir: string
  port?: number
  envId?: string
  appId?: string
  /** Environment variables every function gets (secrets live here, never in the repository). */
  functionEnv?: Record<string, string>
  /** The H5 build to serve at `/`, if any. */
  staticDir?: string
  personas?: Persona[]
  maxInstancesPerFunction?: number
  limits?: Partial<DatabaseLimits>
  /**
   * The subscribe-message templates the mini program has registered (its console's 我的模板).
   * Default: the product's declaration (types/notices.ts) under the ids `functionEnv` configures.
   */
  templates?: RegisteredTemplate[]
  /** Words that security.msgSecCheck flags (tests set them). */
  flaggedWords?: string[]
  /** Fire timer triggers on their schedule (off in tests, which fire them explicitly). */
  timers?: boolean
  quiet?: boolean
  /**
   * Each write acknowledged only after the disk has it (LMDB's synchronous commit), as the
   * platform acknowledges writes; the default. Tests that do not kill the process switch it off:
   * a write still reaches the file (it survives the process, not the machine) at a tenth of the cost.
   */
  durable?: boolean
}

/** A read the platform's caps shaped, with the function invocation that made it (none: a script or test). */
export interface CappedReadRecord extends CappedRead {
  /** Numbers every record of this start, in order. */
  seq: number
  at: string
  functionName?: string
  action?: string
  invocationId?: string
}

/** The largest request the SDK endpoint accepts (a function's payload limit on the platform is 6 MB). */
const MAX_BODY_BYTES = 20 * 1024 * 1024

export class LocalCloud {
  readonly store: Store
  readonly db: DatabaseService
  readonly storage: StorageService
  readonly openapi: OpenApiService
  /** Who accepted which subscribe-message template, and what each send made of it. */
  readonly subscriptions: Subscriptions
  readonly runtime: Runtime
  readonly gateway: Gateway
  /** This start's secret and the checks every request passes (see access.ts). */
  readonly access: Access
  /** The storage rule the gateway's uploads are held to (the management plane sets it). */
  storageRules: StorageRules
  /** What the management plane keeps (the deploy sets it): the store reads its collections' declarations. */
  private readonly managed: ManagedEnvironment
  private server!: http.Server
  private port = 0
  private timerHandles: NodeJS.Timeout[] = []
  private readonly envId: string
  /**
   * The read guard: every request that asked for more than the platform's cap, and every answer
   * the cap cut short (the newest 1,000). Kept across resets: it is about the code, not the data.
   */
  readonly cappedReads: CappedReadRecord[] = []
  private cappedReadSeq = 0

  constructor(readonly options: LocalCloudOptions) {
    if (process.env.NODE_ENV === 'production') {
      throw new Error('The local cloud is a development tool and refuses to start with NODE_ENV=production.')
    }
    this.envId = options.envId ?? LOCAL_CLOUD_ENV
    this.access = new Access(() => this.port)
    this.managed = readManagedEnvironment(options.dataDir)
    this.storageRules = new StorageRules(this.managed.storageRule ?? {})
    this.store = new Store(path.join(options.dataDir, 'db'), { durable: options.durable ?? true })
    this.db = new DatabaseService(this.store, { ...PLATFORM_LIMITS, ...options.limits })
    this.storage = new StorageService(options.dataDir, this.envId, () => this.url)
    this.subscriptions = new Subscriptions(options.templates ?? declaredTemplates(options.functionEnv), path.join(options.dataDir, 'subscriptions.json'))
    this.openapi = new OpenApiService(this.storage, options.flaggedWords ?? [], this.subscriptions)
    this.runtime = new Runtime({
      functionsDir: options.functionsDir,
      adminUrl: '',
      envId: this.envId,
      appId: options.appId ?? 'wx-local-appid',
      functionEnv: options.functionEnv ?? {},
      credentials: this.access.credentials,
      maxInstancesPerFunction: options.maxInstancesPerFunction ?? 4,
      idleMs: 5 * 60_000,
      workerScript: buildWorkerScript(path.join(options.dataDir, 'runtime')),
    })
    this.gateway = new Gateway(this, options.personas ?? [])
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /**
   * This start's token: scripts and tests send it as the `x-xq-local-token` header to the gateway,
   * the console's API and the controls (the pages we serve get it as a cookie).
   */
  get token(): string {
    return this.access.token
  }

  /** The SecretId/SecretKey the function workers sign their SDK requests with (see signSdkRequest). */
  get sdkCredentials(): SdkCredentials {
    return this.access.credentials
  }

  async start(): Promise<this> {
    // The store keeps this object as its declaration: what a reset recreates, with its indexes.
    await this.store.open(this.managed.collections)
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: (err as Error).message })
        else res.end()
      })
    })
    // The store answers on this process's event loop, so a long aggregation (seconds over a city's
    // sessions) keeps every other socket waiting. A keep-alive socket the SDK's pool (agentkeepalive,
    // freeSocketTimeout 4.8 s) reuses meanwhile must not be closed by an idle timer that expired during
    // that wait: the request already written on it would fail with ECONNRESET, which a platform
    // database never does. The client drops idle sockets itself; close() closes all connections.
    this.server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      // Loopback only: this is a development tool, never reachable from the network.
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve())
    })
    this.port = (this.server.address() as AddressInfo).port
    this.runtime.options.adminUrl = `${this.url}/admin`
    if (this.options.timers) this.scheduleTimers()
    return this
  }

  // The management plane: what WeChat Cloud's console and management API change (collections,
  // indexes, security rules, function code and configuration), kept in the data folder. The
  // deploy's local target (deploy/local.ts) reads and changes the environment only through these.

  /** Every collection with its indexes and rule, and the storage rule, as the management API reads them. */
  managedEnvironment(): ManagedEnvironment {
    const collections: CollectionsFile = {}
    for (const name of this.store.collections.keys()) collections[name] = { indexes: [], ...structuredClone(this.managed.collections[name]) }
    return { collections, storageRule: structuredClone(this.managed.storageRule) }
  }

  async createCollection(name: string): Promise<void> {
    this.managed.collections[name] ??= {}
    if (!this.store.has(name)) await this.store.createCollection(name)
    this.keepManaged()
  }

  /** Replaces a collection's indexes; one that existing documents violate (a unique key twice) is refused and nothing changes. */
  setCollectionIndexes(name: string, indexes: IndexSpec[]): void {
    const coll = this.store.get(name)
    const before = coll.indexes.map((index) => index.spec)
    coll.setIndexes(indexes)
    try {
      for (const index of coll.indexes) for (const doc of coll.docs.values()) index.checkUnique(doc, name)
    } catch (err) {
      coll.setIndexes(before)
      throw err
    }
    this.managedSpec(name).indexes = structuredClone(indexes)
    this.keepManaged()
  }

  setCollectionRule(name: string, rule: Record<string, unknown>): void {
    this.store.get(name)
    this.managedSpec(name).rule = structuredClone(rule)
    this.keepManaged()
  }

  /** Marks a collection as one that grows with the city (`scale: large`, what the scan guard reads). */
  setCollectionScale(name: string, scale: CollectionSpec['scale']): void {
    this.store.get(name)
    const spec = this.managedSpec(name)
    if (scale) spec.scale = scale
    else delete spec.scale
    this.keepManaged()
  }

  /** Sets the storage rule; one the rule language cannot read is refused (RuleError) and nothing changes. */
  setStorageRule(rule: StorageRule): void {
    this.storageRules = new StorageRules(rule)
    this.managed.storageRule = structuredClone(rule)
    this.keepManaged()
  }

  /** The deployed functions and each one's configuration (its config.json, what the runtime reads). */
  deployedFunctions(): Record<string, FunctionConfig> {
    return Object.fromEntries(this.runtime.functionNames().map((name) => [name, this.runtime.config(name) ?? {}]))
  }

  /** Uploads a function's built folder (index.js, package.json, config.json), as an upload replaces the code. */
  async deployFunction(name: string, builtDir: string): Promise<void> {
    const dir = path.join(this.options.functionsDir, name)
    if (path.resolve(builtDir) !== path.resolve(dir)) {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.cpSync(builtDir, dir, { recursive: true })
    }
    await this.functionsChanged()
  }

  /** Sets a function's configuration (timeout, memory, open-API permissions, timer triggers). */
  async configureFunction(name: string, config: FunctionConfig & { memorySize?: number }): Promise<void> {
    if (!this.runtime.config(name)) throw new Error(`function ${name} is not deployed`)
    fs.writeFileSync(path.join(this.options.functionsDir, name, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
    await this.functionsChanged()
  }

  /** The names of the environment variables every function gets (values stay with the runtime). */
  functionVariableNames(): string[] {
    return Object.keys(this.runtime.options.functionEnv)
  }

  /** Sets functions' environment variables; the next invocation of each function starts with them. */
  async setFunctionVariables(variables: Record<string, string>): Promise<void> {
    this.runtime.options.functionEnv = { ...this.runtime.options.functionEnv, ...variables }
    await this.functionsChanged()
  }

  private managedSpec(name: string): CollectionSpec {
    return (this.managed.collections[name] ??= {})
  }

  private keepManaged(): void {
    writeManagedEnvironment(this.options.dataDir, this.managed)
  }

  /** New code or configuration: running instances go (the next call is a cold start) and timers follow the new triggers. */
  private async functionsChanged(): Promise<void> {
    await this.runtime.reload()
    if (!this.options.timers || !this.server) return
    for (const handle of this.timerHandles) clearTimeout(handle)
    this.timerHandles = []
    this.scheduleTimers()
  }

  /** Invokes a function as the platform would for the given caller. */
  invoke(name: string, data: unknown, caller: Caller): Promise<InvokeOutcome> {
    // The platform carries the event as JSON: what JSON cannot hold (undefined, functions) is gone.
    data = data === undefined ? {} : JSON.parse(JSON.stringify(data))
    const event = caller.openid
      ? { ...(data as object), userInfo: { appId: caller.appid ?? this.runtime.options.appId, openId: caller.openid } }
      : data
    return this.runtime.invoke(name, event, caller)
  }

  /** Fires a function's timer trigger now, with the event the platform sends. */
  fireTimer(name: string, triggerName: string): Promise<InvokeOutcome> {
    const event = { Type: 'Timer', TriggerName: triggerName, Time: new Date().toISOString(), Message: '' }
    return this.runtime.invoke(name, event, { source: 'wx_trigger' })
  }

  private scheduleTimers(): void {
    for (const name of this.runtime.functionNames()) {
      for (const trigger of this.runtime.config(name)?.triggers ?? []) {
        if (trigger.type !== 'timer') continue
        const schedule = new CronSchedule(trigger.config)
        const arm = () => {
          const next = schedule.next(new Date())
          if (!next) return
          const handle = setTimeout(() => {
            void this.fireTimer(name, trigger.name)
            arm()
          }, next.getTime() - Date.now())
          handle.unref()
          this.timerHandles.push(handle)
        }
        arm()
      }
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const p = url.pathname
    // A page of another site may send requests here; one whose host name was re-pointed at
    // 127.0.0.1 (DNS rebinding) names that host. Refused before anything is read or done.
    if (!this.access.hostAllowed(req)) {
      return sendJson(res, 403, { errCode: -1, errMsg: 'forbidden: the local cloud answers only to 127.0.0.1 and localhost on its own port' })
    }
    if (!this.access.originAllowed(req)) return sendJson(res, 403, { errCode: -1, errMsg: 'forbidden: a request from another origin' })
    if (p === '/admin' || p.startsWith('/admin/')) return this.handleAdmin(req, res, p)
    if (p.startsWith('/cos/')) return this.storage.serveObject(req, res, url)
    const gateway = p.startsWith('/functions/') || p.startsWith('/dev/') || p === '/storage/upload'
    if (gateway || p.startsWith('/console/api/') || p.startsWith('/_localcloud/')) {
      if (!this.access.fetchSiteAllowed(req)) return sendJson(res, 403, { errCode: -1, errMsg: 'forbidden: a request from another site' })
      if (!this.access.hasToken(req)) {
        return sendJson(res, 403, { errCode: -1, errMsg: "forbidden: this start's local cloud token is missing (open the app or the console from the address npm start prints)" })
      }
    }
    if (gateway) return this.gateway.handle(req, res, url)
    if (p === '/console' || p === '/console/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'set-cookie': this.access.cookie() })
      return void res.end(renderConsole())
    }
    if (p.startsWith('/console/api/')) return consoleApi(this, req, res, url)
    if (p.startsWith('/_localcloud/')) return this.handleControl(req, res, p)
    return this.serveStatic(res, p)
  }

  /**
   * The SDK endpoint. `/admin/w/<id>` identifies the worker (and so the invocation) calling. Only
   * requests signed with this start's SDK credentials (which only our workers get) are served.
   */
  private async handleAdmin(req: IncomingMessage, res: ServerResponse, p: string): Promise<void> {
    const requestId = randomUUID()
    const unsigned = (why: string) => sendJson(res, 401, { requestId, code: 'SIGN_PARAM_INVALID', message: `request refused: ${why}` })
    if (!this.access.claimsSdkCredentials(req)) return unsigned("not signed with this start's SDK credentials")
    let raw: Buffer
    try {
      raw = await readBody(req, MAX_BODY_BYTES)
    } catch (err) {
      const e = err instanceof BodyTooLarge ? DbError.invalidParam(err.message) : null
      return sendJson(res, 200, { requestId, code: e?.code ?? 'SYS_ERR', message: e?.message ?? (err as Error).message })
    }
    const invalid = this.access.verifySdkSignature(req, raw)
    if (invalid) return unsigned(invalid)
    const workerId = p.startsWith('/admin/w/') ? p.slice('/admin/w/'.length) : null
    const invocation = workerId ? this.runtime.invocationOf(workerId) : null
    const started = performance.now()
    let action = 'unknown'
    let collection: string | undefined
    try {
      if (req.method !== 'POST') throw DbError.invalidParam('the SDK endpoint accepts POST only')
      const type = req.headers['content-type'] ?? ''
      if (type.startsWith('multipart/form-data')) {
        const fn = workerId ? this.runtime.functionOf(workerId) : null
        const reply = await this.openapi.handleMultipart(raw, type, fn?.config.permissions?.openapi ?? null)
        action = reply.action
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        return void res.end(reply.body)
      }
      let body: Record<string, unknown>
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
      } catch {
        throw DbError.invalidParam('request body is not valid JSON')
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw DbError.invalidParam('request body must be an object')
      action = typeof body.action === 'string' ? body.action : 'unknown'
      collection = typeof body.collectionName === 'string' ? body.collectionName : undefined
      const data = await this.dispatch(action, body, invocation)
      sendJson(res, 200, { requestId, ...data })
    } catch (err) {
      const e = err instanceof DbError ? err : null
      // An unexpected failure is a server error of ours, reported the way the platform reports its own.
      sendJson(res, 200, { requestId, code: e?.code ?? 'SYS_ERR', message: e?.message ?? (err as Error).message })
      if (!e && !this.options.quiet) console.error('[localcloud]', err)
    } finally {
      invocation?.dbRequests.push({ action, collection, ms: performance.now() - started })
    }
  }

  private async dispatch(action: string, body: Record<string, unknown>, invocation: InvocationRecord | null) {
    if (action.startsWith('database.')) {
      return this.db.handle(action, body, (read) => {
        if (this.cappedReads.length >= 1000) this.cappedReads.shift()
        this.cappedReads.push({
          ...read,
          seq: ++this.cappedReadSeq,
          at: new Date().toISOString(),
          functionName: invocation?.functionName,
          action: invocation?.action,
          invocationId: invocation?.id,
        })
      })
    }
    if (action.startsWith('storage.')) return this.storage.handle(action, body)
    if (action === 'functions.invokeFunction') {
      const name = typeof body.function_name === 'string' ? body.function_name : ''
      let data: unknown = {}
      if (typeof body.request_data === 'string' && body.request_data) {
        try {
          data = JSON.parse(body.request_data)
        } catch {
          throw DbError.invalidParam('request_data is not valid JSON')
        }
      }
      // A function called by another gets no OPENID (it is not called from the mini program);
      // its SOURCE extends the caller's chain, as getWXContext documents.
      const source = invocation ? `${invocation.caller.source},scf` : 'scf'
      const outcome = await this.runtime.invoke(name, data, { source })
      if (!outcome.ok) {
        const code = outcome.errCode === -501000 ? 'FUNCTIONS_REQUEST_FAIL' : 'FUNCTIONS_EXECUTE_FAIL'
        throw new DbError(code, outcome.errMsg)
      }
      return { data: { response_data: outcome.result === undefined ? '' : JSON.stringify(outcome.result) } }
    }
    throw new DbError('INVALID_ACTION', `unknown action: ${action}`)
  }

  /** Test and tooling controls, loopback only: reset, snapshot, restore, fire a timer. */
  private async handleControl(req: IncomingMessage, res: ServerResponse, p: string): Promise<void> {
    if (!isLoopback(req) || req.method !== 'POST') return sendJson(res, 403, { message: 'forbidden' })
    const body = JSON.parse((await readBody(req, 1 << 20)).toString('utf8') || '{}') as Record<string, string>
    if (p === '/_localcloud/reset') await this.reset()
    else if (p === '/_localcloud/snapshot') this.snapshot(body.dir)
    else if (p === '/_localcloud/restore') await this.restore(body.dir)
    else if (p === '/_localcloud/timer') {
      const outcome = await this.fireTimer(body.function, body.trigger)
      return sendJson(res, 200, outcome.ok ? { ok: true, result: outcome.result } : { ok: false, errCode: outcome.errCode, errMsg: outcome.errMsg })
    } else return sendJson(res, 404, { message: 'unknown control' })
    sendJson(res, 200, { ok: true })
  }

  async reset(): Promise<void> {
    // Open transactions belong to the data being replaced: their locks and snapshots go with it.
    this.db.endAll()
    await this.store.reset()
    fs.rmSync(path.join(this.options.dataDir, 'files'), { recursive: true, force: true })
    fs.mkdirSync(path.join(this.options.dataDir, 'files'), { recursive: true })
    this.openapi.outbox.length = 0
    this.subscriptions.clear()
  }

  /** A snapshot is a folder: the database as JSON lines, and the files. */
  snapshot(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    this.store.exportTo(path.join(dir, 'db.jsonl'))
    const files = path.join(this.options.dataDir, 'files')
    if (fs.existsSync(files)) fs.cpSync(files, path.join(dir, 'files'), { recursive: true })
  }

  async restore(dir: string): Promise<void> {
    this.db.endAll()
    await this.store.importFrom(path.join(dir, 'db.jsonl'))
    const files = path.join(this.options.dataDir, 'files')
    const saved = path.join(dir, 'files')
    // No files then and none now (most restores between test cases): nothing to replace.
    if (!fs.existsSync(saved) && isEmptyFolder(files)) return
    fs.rmSync(files, { recursive: true, force: true })
    if (fs.existsSync(saved)) fs.cpSync(saved, files, { recursive: true })
    else fs.mkdirSync(files, { recursive: true })
  }

  get outbox(): OutboxMessage[] {
    return this.openapi.outbox
  }

  private serveStatic(res: ServerResponse, p: string): void {
    const root = this.options.staticDir
    if (!root || !fs.existsSync(root)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end('本地云已启动；H5 应用尚未构建（npm run build:h5）。控制台：/console')
    }
    const rel = path.posix.normalize(decodeURIComponent(p)).replace(/^(\.\.(\/|$))+/, '')
    let file = path.join(root, rel)
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, 'index.html')
    }
    const immutable = /\.[0-9a-f]{8,}\./.test(path.basename(file))
    const html = file.endsWith('.html')
    res.writeHead(200, {
      'content-type': contentType(file),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : html ? 'no-store' : 'no-cache',
      // The app's page hands its scripts this start's token (they call the gateway with it).
      ...(html ? { 'set-cookie': this.access.cookie() } : {}),
    })
    fs.createReadStream(file).pipe(res)
  }

  async close(): Promise<void> {
    for (const handle of this.timerHandles) clearTimeout(handle)
    await this.runtime.stop()
    this.db.endAll()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
    await this.store.close()
  }
}

function isEmptyFolder(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0
  } catch {
    return false
  }
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  return new LocalCloud(options).start()
}
