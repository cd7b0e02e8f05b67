import { realSetImmediate, sleep } from './timers'

/**
 * What settle() waits for: wx calls in flight, app timers due within `settleTimersUpToMs`, and
 * any activity (setData, a timer callback, a wx call) until two idle turns in a row.
 */
export class Activity {
  private readonly pending = new Set<Promise<unknown>>()
  /** app timer id → due (ms since epoch) */
  readonly shortTimers = new Map<number, number>()
  private count = 0

  constructor(
    readonly settleTimeoutMs: number,
    readonly settleTimersUpToMs: number,
  ) {}

  readonly touch = () => void this.count++

  track(p: Promise<unknown>): void {
    const tracked: Promise<unknown> = p.then(
      () => this.pending.delete(tracked),
      () => this.pending.delete(tracked),
    )
    this.pending.add(tracked)
  }

  readonly settle = async (): Promise<void> => {
    const { pending, shortTimers } = this
    const deadline = Date.now() + this.settleTimeoutMs
    let idle = 0
    while (idle < 2) {
      if (Date.now() > deadline) {
        throw new Error(`weapp harness: the app did not settle within ${this.settleTimeoutMs} ms (${pending.size} wx calls pending, ${shortTimers.size} timers ≤ ${this.settleTimersUpToMs} ms pending)`)
      }
      if (pending.size || shortTimers.size) {
        idle = 0
        // always yield to the macrotask queue (the timers we wait for need it)
        const nextDue = shortTimers.size ? Math.min(...shortTimers.values()) - Date.now() : 20
        const wake = sleep(Math.min(20, Math.max(0, nextDue) + 1))
        await (pending.size ? Promise.race([Promise.all([...pending]).then(() => sleep(0)), wake]) : wake)
        continue
      }
      const before = this.count
      await sleep(0)
      await new Promise<void>((r) => realSetImmediate(r))
      idle = this.count === before ? idle + 1 : 0
    }
  }
}
