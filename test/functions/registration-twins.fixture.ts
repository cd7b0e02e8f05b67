// A test-only build of the registration function whose clock stands still at the instant each call
// names (test/support/still-clock.ts), and whose conditional updates (where(...).update) wait
// `pause` ms when a call asks (so that copies sent at once all read before any writes); an event
// `{ warm: ms }` only waits, to start instances. Built by registration-twins.test.ts in place of
// its cloud's registration function; never deployed.
import cloud from 'wx-server-sdk'
import { main as registration } from '../../cloudfunctions/registration/index'
import { withStillClock } from '../support/still-clock'

type Event = { frozenAt?: number; action: string; input: unknown; warm?: number; pause?: number }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let pause = 0
// The SDK's query class, as the function's own database object builds it.
const query = Object.getPrototypeOf(cloud.database().collection('registrations').where({})) as { update: (...args: unknown[]) => Promise<unknown> }
const update = query.update
query.update = async function (this: unknown, ...args: unknown[]) {
  if (pause) await sleep(pause)
  return update.apply(this, args)
}

const still = withStillClock(registration as (event: Event) => Promise<unknown>)

export async function main(event: Event): Promise<unknown> {
  if (event.warm) return sleep(event.warm).then(() => null)
  pause = event.pause ?? 0
  try {
    return await still(event)
  } finally {
    pause = 0
  }
}
