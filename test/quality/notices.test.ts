// How the decisions-notified figure reads a call: what counts as changing state, what as a notice.
import type { InvokeOutcome } from '../../localcloud/runtime/runtime'
import { contract } from '../../types'
import { noticeFacts } from './notices'

const call = (...requests: [string, string?][]): InvokeOutcome =>
  ({ ok: true, result: { ok: true }, record: { dbRequests: requests.map(([action, collection]) => ({ action, collection, ms: 1 })) } }) as unknown as InvokeOutcome

test('bookkeeping (counters, the audit trail, 消息 itself) is not a change; a write elsewhere is; a notice is an entry in 消息', () => {
  expect(noticeFacts(call(['database.getDocument', 'users'], ['database.modifyDocument', 'rate_limits'], ['database.insertDocument', 'audit']))).toEqual({ changed: false, notified: false })
  expect(noticeFacts(call(['database.modifyDocument', 'sessions'], ['database.insertDocument', 'audit']))).toEqual({ changed: true, notified: false })
  expect(noticeFacts(call(['database.modifyDocument', 'sessions'], ['database.insertDocument', 'messages']))).toEqual({ changed: true, notified: true })
  expect(noticeFacts(call(['database.commitTransaction']))).toEqual({ changed: true, notified: false })
})

test('every reason given for telling no one is a sentence, on an action that exists', () => {
  const silent = Object.entries(contract).flatMap(([fn, actions]) =>
    Object.entries(actions as Record<string, { silent?: string }>)
      .filter(([, def]) => def.silent !== undefined)
      .map(([name, def]) => [`${fn}.${name}`, def.silent!] as const),
  )
  expect(silent.length).toBeGreaterThan(20)
  for (const [action, reason] of silent) expect({ action, long: reason.length >= 8 }).toEqual({ action, long: true })
})
