// A test-only build of the fair function whose clock stands still at the instant each call names
// (test/support/still-clock.ts). Built by fair-twins.test.ts in place of its cloud's fair
// function; never deployed.
import { main as fair } from '../../cloudfunctions/fair/index'
import { withStillClock } from '../support/still-clock'

export const main = withStillClock(fair as (event: { frozenAt?: number; action: string; input: unknown }) => Promise<unknown>)
