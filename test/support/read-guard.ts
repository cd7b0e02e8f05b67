// The read guard in tests: a function that asks the database for more than the platform's cap
// (get() 100, aggregate 10,000) gets a silently short answer on WeChat Cloud, so any such request
// fails the call that made it, naming the function, action and query. Answers the cap cut short
// are kept on the cloud (`cappedReads`, also in its console) for the city-scale checks.
import type { LocalCloud, CappedReadRecord } from '../../localcloud/server'
import type { Caller, InvokeOutcome } from '../../localcloud/runtime/runtime'

export function describeCappedRead(r: CappedReadRecord): string {
  const who = r.functionName ? `${r.functionName}.${r.action ?? '?'}` : '(outside a function)'
  const asked = r.requested === undefined ? 'no limit' : `limit ${r.requested}`
  return `${who}: ${r.request} on ${r.collection} with ${asked} (the platform's cap is ${r.cap}); query ${r.query}`
}

/** Function requests over the cap recorded after record number `seq`. */
export function overCapSince(cloud: LocalCloud, seq: number): CappedReadRecord[] {
  return cloud.cappedReads.filter((r) => r.seq > seq && r.kind === 'over-cap' && r.functionName)
}

const lastSeq = (cloud: LocalCloud) => cloud.cappedReads.at(-1)?.seq ?? 0

/** Makes every invocation through `cloud.invoke` fail its caller when it asked for more than a cap. */
export function guardReads(cloud: LocalCloud): void {
  const invoke = cloud.invoke.bind(cloud)
  let seen = lastSeq(cloud)
  cloud.invoke = async (name: string, data: unknown, caller: Caller): Promise<InvokeOutcome> => {
    const outcome = await invoke(name, data, caller)
    const over = overCapSince(cloud, seen)
    seen = lastSeq(cloud)
    if (over.length > 0) throw new Error(`read past the platform's cap:\n${over.map(describeCappedRead).join('\n')}`)
    return outcome
  }
  // And once more when the cloud closes (its test file's afterAll), for requests whose caller
  // swallowed the failure or that ran outside `invoke` (timers, function-to-function calls).
  const close = cloud.close.bind(cloud)
  cloud.close = async () => {
    const over = overCapSince(cloud, 0)
    await close()
    if (over.length > 0) throw new Error(`read past the platform's cap during this run:\n${over.map(describeCappedRead).join('\n')}`)
  }
}
