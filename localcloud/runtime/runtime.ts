// The function runtime: each deployable function folder (index.js, package.json,
// config.json) runs in a pool of worker threads, one invocation per worker at a time, as
// the platform's instances do. Cold starts, the config.json timeout, uncaught errors and
// the per-invocation record (duration, cold or warm, database requests) are handled here.
import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import type { InvokeMessage, WorkerReply } from './worker'

export interface FunctionConfig {
  /** Seconds; the platform's default is 3. */
  timeout?: number
  permissions?: { openapi?: string[] }
  triggers?: { name: string; type: 'timer'; config: string }[]
}

export interface Caller {
  openid?: string
  appid?: string
  unionid?: string
  /** TCB_SOURCE: wx_client for the mini program, scf for another function, timer for a trigger. */
  source: string
}

export interface DbRequestRecord {
  action: string
  collection?: string
  ms: number
}

export interface InvocationRecord {
  id: string
  functionName: string
  /** The event's `action`, when it names one (how the product's functions route). */
  action?: string
  caller: Caller
  startedAt: number
  durationMs: number
  cold: boolean
  /** Time spent loading the function's code (part of a cold start). */
  loadMs: number
  ok: boolean
  errorCode?: number
  errorMessage?: string
  dbRequests: DbRequestRecord[]
  logs: string[]
}

/** Round trips to the database an invocation made (its other SDK requests, files and open API, aside). */
export function dbRoundTrips(record: InvocationRecord): number {
  return record.dbRequests.filter((r) => r.action.startsWith('database.')).length
}

export type InvokeOutcome =
  | { ok: true; result: unknown; record: InvocationRecord }
  | { ok: false; errCode: number; errMsg: string; record: InvocationRecord }

/** The error codes WeChat reports for a function that failed or timed out. */
export const FUNCTION_ERRORS = {
  executeFail: -504002,
  timeout: -504003,
  notFound: -501000,
} as const

export interface RuntimeOptions {
  functionsDir: string
  /** The URL of this local cloud's SDK endpoint, without the trailing worker segment. */
  adminUrl: string
  envId: string
  appId: string
  /** Environment variables every function gets (the console's 环境变量), e.g. keys. */
  functionEnv: Record<string, string>
  /**
   * The credentials the SDK signs its requests with (on the platform, the instance's temporary
   * keys): this start's, which the SDK endpoint checks.
   */
  credentials: { secretId: string; secretKey: string }
  maxInstancesPerFunction: number
  /** An idle instance is reclaimed after this long, as the platform does. */
  idleMs: number
  workerScript: string
  onRecord?: (record: InvocationRecord) => void
}

interface Instance {
  id: string
  worker: Worker
  busy: InvocationState | null
  warm: boolean
  idleTimer: NodeJS.Timeout | null
  logBuffer: string
}

interface InvocationState {
  record: InvocationRecord
  resolve: (outcome: InvokeOutcome) => void
  timer: NodeJS.Timeout
  /** Called when the code is loaded: the function's own timeout starts. */
  startExecution: () => void
}

/** How long loading a function's code may take (the platform limits initialisation separately). */
const INIT_TIMEOUT_SEC = 30

interface Pending {
  run: (instance: Instance) => void
}

class FunctionPool {
  readonly instances = new Set<Instance>()
  private readonly queue: Pending[] = []

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly config: FunctionConfig,
    private readonly runtime: Runtime,
  ) {}

  acquire(run: (instance: Instance) => void): void {
    const idle = [...this.instances].find((i) => !i.busy)
    if (idle) return run(idle)
    if (this.instances.size < this.runtime.options.maxInstancesPerFunction) return run(this.spawn())
    this.queue.push({ run })
  }

  release(instance: Instance): void {
    const next = this.queue.shift()
    if (next) return next.run(instance)
    instance.idleTimer = setTimeout(() => this.retire(instance), this.runtime.options.idleMs)
    instance.idleTimer.unref()
  }

  private spawn(): Instance {
    const id = randomUUID().slice(0, 8)
    const opts = this.runtime.options
    const worker = new Worker(opts.workerScript, {
      workerData: { entry: path.join(this.dir, 'index.js') },
      // The environment the platform injects into every instance (see shared notes/local-cloud.md).
      env: {
        ...opts.functionEnv,
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${opts.adminUrl}/w/${id}` }),
        TENCENTCLOUD_SECRETID: opts.credentials.secretId,
        TENCENTCLOUD_SECRETKEY: opts.credentials.secretKey,
        TENCENTCLOUD_SESSIONTOKEN: '',
        SCF_NAMESPACE: opts.envId,
        TCB_ENV: opts.envId,
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        SCF_FUNCTIONNAME: this.name,
        TZ: 'UTC',
        NODE_ENV: 'production',
        SILENCE: 'true',
      },
      stdout: true,
      stderr: true,
    })
    const instance: Instance = { id, worker, busy: null, warm: false, idleTimer: null, logBuffer: '' }
    const capture = (chunk: Buffer) => this.captureLog(instance, chunk.toString('utf8'))
    worker.stdout.on('data', capture)
    worker.stderr.on('data', capture)
    worker.on('message', (reply: WorkerReply) => this.onReply(instance, reply))
    worker.on('error', (err) => this.onCrash(instance, err))
    worker.on('exit', () => this.instances.delete(instance))
    this.instances.add(instance)
    this.runtime.registerInstance(id, instance)
    return instance
  }

  private captureLog(instance: Instance, text: string): void {
    instance.logBuffer += text
    const lines = instance.logBuffer.split('\n')
    instance.logBuffer = lines.pop() ?? ''
    for (const line of lines) {
      instance.busy?.record.logs.push(line)
      this.runtime.log(`[${this.name}] ${line}`)
    }
  }

  run(instance: Instance, event: unknown, caller: Caller, resolve: (o: InvokeOutcome) => void): void {
    if (instance.idleTimer) clearTimeout(instance.idleTimer)
    const opts = this.runtime.options
    const timeoutSec = this.config.timeout ?? 3
    const invocationId = randomUUID()
    const record: InvocationRecord = {
      id: invocationId,
      functionName: this.name,
      action: actionOf(event),
      caller,
      startedAt: Date.now(),
      durationMs: 0,
      cold: !instance.warm,
      loadMs: 0,
      ok: false,
      dbRequests: [],
      logs: [],
    }
    // The platform ends an instance that overruns its timeout; so do we. Loading the code (a
    // cold start) has its own, longer limit, as on the platform: the timeout counts from main.
    const overrun = (limitSec: number, what: string) => () => {
      const state = instance.busy
      if (!state) return
      instance.busy = null
      void instance.worker.terminate()
      this.instances.delete(instance)
      this.finish(state, {
        ok: false,
        errCode: FUNCTION_ERRORS.timeout,
        errMsg: `Invoking task timed out after ${limitSec} seconds${what}`,
      })
      this.refill()
    }
    const timer = setTimeout(overrun(INIT_TIMEOUT_SEC, ' (initialisation)'), INIT_TIMEOUT_SEC * 1000)
    const startExecution = () => {
      clearTimeout(timer)
      if (instance.busy?.record.id === invocationId) instance.busy.timer = setTimeout(overrun(timeoutSec, ''), timeoutSec * 1000)
    }
    instance.busy = { record, resolve, timer, startExecution }
    const wxEnv = {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
      WX_OPENID: caller.openid,
      WX_APPID: caller.openid ? caller.appid ?? opts.appId : undefined,
      WX_UNIONID: caller.unionid,
      WX_CLIENTIP: caller.openid ? '127.0.0.1' : undefined,
      TCB_SOURCE: caller.source,
    }
    const message: InvokeMessage = {
      type: 'invoke',
      invocationId,
      event,
      context: {
        callbackWaitsForEmptyEventLoop: false,
        memory_limit_in_mb: 256,
        time_limit_in_ms: timeoutSec * 1000,
        request_id: invocationId,
        function_name: this.name,
        function_version: '$LATEST',
        namespace: opts.envId,
        tencentcloud_region: 'ap-shanghai',
        environment: JSON.stringify(Object.fromEntries(Object.entries(wxEnv).filter(([, v]) => v !== undefined))),
      },
      env: wxEnv,
    }
    instance.worker.postMessage(message)
  }

  private onReply(instance: Instance, reply: WorkerReply): void {
    if (reply.type === 'started') {
      if (instance.busy?.record.id === reply.invocationId) instance.busy.startExecution()
      return
    }
    if (reply.type === 'log') {
      if (instance.busy?.record.id === reply.invocationId) instance.busy.record.logs.push(reply.line)
      this.runtime.log(`[${this.name}] ${reply.line}`)
      return
    }
    const state = instance.busy
    if (!state || reply.invocationId !== state.record.id) return
    instance.busy = null
    instance.warm = true
    state.record.loadMs = reply.loadMs
    if (reply.ok) {
      let result: unknown = null
      if (reply.result !== undefined) result = JSON.parse(reply.result)
      this.finish(state, { ok: true, result })
    } else {
      const { name, message, stack } = reply.error
      // WeChat reports the thrown error's text, stack included, under -504002.
      this.finish(state, {
        ok: false,
        errCode: FUNCTION_ERRORS.executeFail,
        errMsg: `${name}: ${message}${stack ? `\n${stack.split('\n').slice(1).join('\n')}` : ''}`,
      })
    }
    this.release(instance)
  }

  private onCrash(instance: Instance, err: Error): void {
    this.instances.delete(instance)
    const state = instance.busy
    instance.busy = null
    if (state) {
      this.finish(state, { ok: false, errCode: FUNCTION_ERRORS.executeFail, errMsg: `${err.name}: ${err.message}` })
    }
    this.refill()
  }

  /** After an instance is lost, queued invocations get a new one. */
  private refill(): void {
    while (this.queue.length > 0 && this.instances.size < this.runtime.options.maxInstancesPerFunction) {
      this.queue.shift()!.run(this.spawn())
    }
  }

  private finish(state: InvocationState, outcome: { ok: true; result: unknown } | { ok: false; errCode: number; errMsg: string }) {
    clearTimeout(state.timer)
    const record = state.record
    record.durationMs = Date.now() - record.startedAt
    record.ok = outcome.ok
    if (!outcome.ok) {
      record.errorCode = outcome.errCode
      record.errorMessage = outcome.errMsg
    }
    this.runtime.recordInvocation(record)
    state.resolve({ ...outcome, record } as InvokeOutcome)
  }

  private retire(instance: Instance): void {
    if (instance.busy) return
    this.instances.delete(instance)
    void instance.worker.terminate()
  }

  async stop(): Promise<void> {
    await Promise.all([...this.instances].map((i) => i.worker.terminate()))
    this.instances.clear()
  }
}

export class Runtime {
  private readonly pools = new Map<string, FunctionPool>()
  private readonly instancesById = new Map<string, Instance>()
  readonly recent: InvocationRecord[] = []
  readonly logLines: string[] = []

  constructor(readonly options: RuntimeOptions) {}

  /** Names of the deployable functions found in the functions folder. */
  functionNames(): string[] {
    if (!fs.existsSync(this.options.functionsDir)) return []
    return fs
      .readdirSync(this.options.functionsDir)
      .filter((name) => fs.existsSync(path.join(this.options.functionsDir, name, 'index.js')))
      .sort()
  }

  config(name: string): FunctionConfig | null {
    const dir = path.join(this.options.functionsDir, name)
    if (!/^[A-Za-z0-9_-]+$/.test(name) || !fs.existsSync(path.join(dir, 'index.js'))) return null
    const file = path.join(dir, 'config.json')
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig) : {}
  }

  private pool(name: string): FunctionPool | null {
    let pool = this.pools.get(name)
    if (!pool) {
      const config = this.config(name)
      if (!config) return null
      pool = new FunctionPool(name, path.join(this.options.functionsDir, name), config, this)
      this.pools.set(name, pool)
    }
    return pool
  }

  invoke(name: string, event: unknown, caller: Caller): Promise<InvokeOutcome> {
    const pool = this.pool(name)
    if (!pool) {
      const record: InvocationRecord = {
        id: randomUUID(),
        functionName: name,
        caller,
        startedAt: Date.now(),
        durationMs: 0,
        cold: false,
        loadMs: 0,
        ok: false,
        errorCode: FUNCTION_ERRORS.notFound,
        errorMessage: `FunctionName parameter could not be found`,
        dbRequests: [],
        logs: [],
      }
      return Promise.resolve({ ok: false, errCode: FUNCTION_ERRORS.notFound, errMsg: record.errorMessage!, record })
    }
    return new Promise((resolve) => pool.acquire((instance) => pool.run(instance, event, caller, resolve)))
  }

  /** The invocation a worker is serving now: how an SDK request is attributed to its invocation. */
  invocationOf(workerId: string): InvocationRecord | null {
    return this.instancesById.get(workerId)?.busy?.record ?? null
  }

  functionOf(workerId: string): { name: string; config: FunctionConfig } | null {
    for (const pool of this.pools.values()) {
      for (const instance of pool.instances) if (instance.id === workerId) return { name: pool.name, config: pool.config }
    }
    return null
  }

  registerInstance(id: string, instance: Instance): void {
    this.instancesById.set(id, instance)
    instance.worker.on('exit', () => this.instancesById.delete(id))
  }

  recordInvocation(record: InvocationRecord): void {
    this.recent.push(record)
    if (this.recent.length > 500) this.recent.shift()
    this.options.onRecord?.(record)
  }

  log(line: string): void {
    this.logLines.push(line)
    if (this.logLines.length > 2000) this.logLines.shift()
  }

  /** Drops every instance, so the next invocation of each function is a cold start (after a rebuild). */
  async reload(): Promise<void> {
    const pools = [...this.pools.values()]
    this.pools.clear()
    await Promise.all(pools.map((p) => p.stop()))
  }

  async stop(): Promise<void> {
    await this.reload()
  }
}

function actionOf(event: unknown): string | undefined {
  const action = event && typeof event === 'object' ? (event as { action?: unknown }).action : undefined
  return typeof action === 'string' ? action.slice(0, 64) : undefined
}
