// A test-only build of the fair function whose clock stands still at the instant each call names
// (`frozenAt`, ms; a call naming none runs on the real clock): two calls at one instant are one
// save sent twice in the same millisecond, on demand rather than by chance. Built by
// fair-twins.test.ts in place of its cloud's fair function; never deployed.
import { main as fair } from '../../cloudfunctions/fair/index'

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
globalThis.Date = StillDate as DateConstructor

/** One invocation at a time runs in an instance (as on the platform), so the clock is the call's own. */
export async function main(event: { frozenAt?: number; action: string; input: unknown }): Promise<unknown> {
  frozenAt = event.frozenAt ?? 0
  try {
    return await fair(event)
  } finally {
    frozenAt = 0
  }
}
