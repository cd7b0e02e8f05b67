// A cloud function's handler whose clock stands still at the instant each call names (`frozenAt`,
// ms; a call naming none runs on the real clock): two calls at one instant are one save sent twice
// in the same millisecond, on demand rather than by chance. For test-only builds of a function
// (buildFixtureFunction); never deployed. One invocation at a time runs in an instance (as on the
// platform), so the clock is the call's own.
const RealDate = Date
let frozenAt = 0

class StillDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(frozenAt || RealDate.now())
    else super(...(args as [string | number | Date]))
  }

  static now(): number {
    return frozenAt || RealDate.now()
  }
}

/** `main` with the clock held at the instant each event names. */
export function withStillClock<E extends { frozenAt?: number }>(main: (event: E) => Promise<unknown>): (event: E) => Promise<unknown> {
  globalThis.Date = StillDate as DateConstructor
  return async (event) => {
    frozenAt = event.frozenAt ?? 0
    try {
      return await main(event)
    } finally {
      frozenAt = 0
    }
  }
}
