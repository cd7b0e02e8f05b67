import type { Activity } from './activity'

// Real timers, taken before any test can install fake ones.
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
const realSetInterval = globalThis.setInterval
const realClearInterval = globalThis.clearInterval
export const realSetImmediate = globalThis.setImmediate
export const sleep = (ms: number) => new Promise<void>((r) => realSetTimeout(r, ms))

/** The app's setTimeout/setInterval (WeChat's return numbers; ours too), on the real timers. */
export class AppTimers {
  private seq = 0
  private readonly timeouts = new Map<number, ReturnType<typeof realSetTimeout>>()
  private readonly intervals = new Map<number, ReturnType<typeof realSetInterval>>()

  constructor(
    private readonly activity: Activity,
    private readonly errors: unknown[],
  ) {}

  private run(fn: unknown, args: unknown[]) {
    this.activity.touch()
    if (typeof fn !== 'function') return
    try {
      fn(...args)
    } catch (e) {
      this.errors.push(e) // surfaced by the next tap()/renderPage()/lifecycle(); app.errors has them all
    }
  }

  readonly setTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    const delay = Math.max(0, Number(ms) || 0)
    const id = ++this.seq
    const { shortTimers, settleTimersUpToMs } = this.activity
    if (delay <= settleTimersUpToMs) shortTimers.set(id, Date.now() + delay)
    this.timeouts.set(
      id,
      realSetTimeout(() => {
        this.timeouts.delete(id)
        shortTimers.delete(id)
        this.run(fn, args)
      }, delay),
    )
    return id
  }

  readonly clearTimeout = (id: unknown) => {
    const h = this.timeouts.get(id as number)
    if (h !== undefined) realClearTimeout(h)
    this.timeouts.delete(id as number)
    this.activity.shortTimers.delete(id as number)
  }

  readonly setInterval = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    const id = ++this.seq
    this.intervals.set(id, realSetInterval(() => this.run(fn, args), Math.max(1, Number(ms) || 0)))
    return id
  }

  readonly clearInterval = (id: unknown) => {
    const h = this.intervals.get(id as number)
    if (h !== undefined) realClearInterval(h)
    this.intervals.delete(id as number)
  }

  cancelAll(): void {
    for (const h of this.timeouts.values()) realClearTimeout(h)
    for (const h of this.intervals.values()) realClearInterval(h)
    this.timeouts.clear()
    this.activity.shortTimers.clear()
    this.intervals.clear()
  }
}
