// The read guard in tests: a function that asks the database for more than the platform's cap
// (get() 100, aggregate 10,000) gets a silently short answer on WeChat Cloud, so any such request
// fails the call that made it, naming the function, action and query. Answers the cap cut short
// are kept on the cloud (`cappedReads`, also in its console) for the city-scale checks. The same
// guard fails a call that scanned a large collection without an index (see scan-guard.ts).
import type { LocalCloud, CappedReadRecord } from '../../localcloud/server'
import type { Caller, InvokeOutcome } from '../../localcloud/runtime/runtime'
import { describeUnindexedScan, recordScanFigures, unindexedScansSince } from './scan-guard'

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

/** What the guard fails a caller for since record `seq`: reads over a cap, then unindexed scans of large collections. */
function findingsSince(cloud: LocalCloud, seq: number, during = ''): string[] {
  const over = overCapSince(cloud, seq)
  const scans = unindexedScansSince(cloud, seq)
  const out: string[] = []
  if (over.length > 0) out.push(`read past the platform's cap${during}:\n${over.map(describeCappedRead).join('\n')}`)
  if (scans.length > 0) out.push(`unindexed scan of a large collection${during} (declare an index in cloudfunctions/collections.json):\n${scans.map(describeUnindexedScan).join('\n')}`)
  return out
}

/**
 * Makes every invocation through `cloud.invoke` fail its caller when it asked for more than a cap
 * or scanned a large collection that no index serves. Its unindexed scans count in the quality
 * report, unless the test trips the guard on purpose (`countInQualityReport: false`).
 */
export function guardReads(cloud: LocalCloud, options: { countInQualityReport?: boolean } = {}): void {
  const invoke = cloud.invoke.bind(cloud)
  let seen = lastSeq(cloud)
  cloud.invoke = async (name: string, data: unknown, caller: Caller): Promise<InvokeOutcome> => {
    const outcome = await invoke(name, data, caller)
    const found = findingsSince(cloud, seen)
    seen = lastSeq(cloud)
    if (found.length > 0) throw new Error(found.join('\n'))
    return outcome
  }
  // And once more when the cloud closes (its test file's afterAll), for requests whose caller
  // swallowed the failure or that ran outside `invoke` (timers, function-to-function calls).
  const close = cloud.close.bind(cloud)
  cloud.close = async () => {
    const found = findingsSince(cloud, 0, ' during this run')
    if (options.countInQualityReport !== false) recordScanFigures(cloud)
    await close()
    if (found.length > 0) throw new Error(found.join('\n'))
  }
}
