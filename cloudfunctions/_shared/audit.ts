// The audit trail: every decision, grant, revocation and read of personal data in clear,
// with who, when, what, before, after and why.
import { COLLECTIONS, type AuditDoc } from './collections'
import { db } from './cloud'

export type AuditEntry = Omit<AuditDoc, '_id' | 'at'>

export async function audit(at: Date, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  await db.collection<AuditDoc>(COLLECTIONS.audit).add({ data: entries.map((e) => ({ ...e, at })) as unknown as AuditDoc })
}
