// One instance of a cloud function: a worker thread that loads the function's deployable
// index.js and serves one invocation at a time, with the environment the platform injects
// for that invocation (WX_OPENID and friends are per-invocation, as on WeChat Cloud).
import { inspect } from 'node:util'
import { parentPort, workerData } from 'node:worker_threads'

export interface InvokeMessage {
  type: 'invoke'
  invocationId: string
  event: unknown
  context: Record<string, unknown>
  env: Record<string, string | undefined>
}

export type WorkerReply =
  | { type: 'log'; invocationId: string; line: string }
  /** The code is loaded and main is about to run: the function's timeout counts from here. */
  | { type: 'started'; invocationId: string }
  | { type: 'result'; invocationId: string; ok: true; result: string | undefined; loadMs: number }
  | { type: 'result'; invocationId: string; ok: false; error: { name: string; message: string; stack?: string }; loadMs: number }

interface FunctionModule {
  main?: (event: unknown, context: unknown) => unknown
}

const { entry } = workerData as { entry: string }
let loaded: FunctionModule | null = null
let current = ''

// Console output is sent on the same port as the result, so every line reaches the
// invocation that wrote it before that invocation's result does.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    const line = args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 4, breakLength: Infinity }))).join(' ')
    for (const part of line.split('\n')) parentPort!.postMessage({ type: 'log', invocationId: current, line: part } satisfies WorkerReply)
  }
}
/** Keys set for the previous invocation, cleared before the next so no identity leaks across callers. */
let previousKeys: string[] = []

function applyEnv(env: Record<string, string | undefined>): void {
  for (const key of previousKeys) delete process.env[key]
  previousKeys = []
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue
    process.env[key] = value
    previousKeys.push(key)
  }
}

parentPort!.on('message', async (msg: InvokeMessage) => {
  if (msg.type !== 'invoke') return
  let loadMs = 0
  current = msg.invocationId
  try {
    applyEnv(msg.env)
    if (!loaded) {
      const started = performance.now()
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(entry) as FunctionModule
      loadMs = performance.now() - started
    }
    if (typeof loaded.main !== 'function') throw new Error(`${entry} does not export main`)
    parentPort!.postMessage({ type: 'started', invocationId: msg.invocationId } satisfies WorkerReply)
    const value = await loaded.main(msg.event, msg.context)
    // The platform returns the JSON serialisation of what main resolves to.
    const result = value === undefined ? undefined : JSON.stringify(value)
    parentPort!.postMessage({ type: 'result', invocationId: msg.invocationId, ok: true, result, loadMs } satisfies WorkerReply)
  } catch (err) {
    const e = err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err))
    parentPort!.postMessage({
      type: 'result',
      invocationId: msg.invocationId,
      ok: false,
      error: { name: e.name, message: e.message, stack: e.stack },
      loadMs,
    } satisfies WorkerReply)
  }
})
