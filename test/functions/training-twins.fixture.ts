// A test-only build of the training function whose clock stands still at the instant each call
// names (test/support/still-clock.ts). Built by training-twins.test.ts in place of its cloud's
// training function; never deployed.
import { main as training } from '../../cloudfunctions/training/index'
import { withStillClock } from '../support/still-clock'

export const main = withStillClock(training as (event: { frozenAt?: number; action: string; input: unknown }) => Promise<unknown>)
