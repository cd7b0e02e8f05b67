// Decisions notified: every action that changes something someone else cares about should tell
// them (an entry in 消息, and the subscribe message when they accepted it), or say in the contract
// why it tells no one (`silent`). This watches every successful call in the test run: whether it
// changed stored state (a write to anything but counters, the audit trail and 消息 itself) and
// whether it wrote a notice; summarize() turns that into quality.decisionsNotified.
import fs from 'node:fs'
import path from 'node:path'
import type { LocalCloud } from '../../localcloud/server'
import type { Caller, InvokeOutcome } from '../../localcloud/runtime/runtime'
import { QUALITY_DIR } from './report'

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument', 'database.commitTransaction', 'database.updateDocInTransaction', 'database.deleteDocInTransaction'])
/** Writes that are bookkeeping, not a change anyone is told about. */
const BOOKKEEPING = new Set(['rate_limits', 'audit', 'messages'])

export interface ActionNotices {
  /** Successful calls that changed stored state. */
  changed: number
  /** Of those, calls that wrote a notice. */
  notified: number
}

let pending: Record<string, ActionNotices> = {}
let pendingCalls = 0

function flush(): void {
  if (pendingCalls === 0) return
  fs.mkdirSync(QUALITY_DIR, { recursive: true })
  const file = path.join(QUALITY_DIR, `notices-${process.pid}.json`)
  const prior = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ActionNotices>) : {}
  for (const [action, n] of Object.entries(pending)) {
    const p = prior[action] ?? { changed: 0, notified: 0 }
    prior[action] = { changed: p.changed + n.changed, notified: p.notified + n.notified }
  }
  fs.writeFileSync(file, JSON.stringify(prior))
  pending = {}
  pendingCalls = 0
}

/** What one successful invocation did: changed state, and told someone. */
export function noticeFacts(outcome: InvokeOutcome): { changed: boolean; notified: boolean } {
  const requests = outcome.record.dbRequests
  return {
    changed: requests.some((r) => WRITES.has(r.action) && !BOOKKEEPING.has(r.collection ?? '')),
    notified: requests.some((r) => r.action === 'database.insertDocument' && r.collection === 'messages'),
  }
}

/** Wraps a cloud's invoke so that every successful call of a contract action is counted. */
export function watchNotices(cloud: LocalCloud): void {
  const invoke = cloud.invoke.bind(cloud)
  cloud.invoke = async (name: string, data: unknown, caller: Caller): Promise<InvokeOutcome> => {
    const outcome = await invoke(name, data, caller)
    const action = (data as { action?: unknown })?.action
    const succeeded = outcome.ok && (outcome.result as { ok?: boolean } | undefined)?.ok === true
    if (typeof action === 'string' && succeeded) {
      const facts = noticeFacts(outcome)
      if (facts.changed) {
        const key = `${name}.${action}`
        const n = (pending[key] ??= { changed: 0, notified: 0 })
        n.changed++
        if (facts.notified) n.notified++
        if (++pendingCalls >= 50) flush()
      }
    }
    return outcome
  }
  const close = cloud.close.bind(cloud)
  cloud.close = async () => {
    flush()
    await close()
  }
}
