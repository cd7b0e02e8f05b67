// The audit trail: every decision, grant, revocation and read of personal data in clear,
// with who, when, what, before, after and why.
import { COLLECTIONS, type AuditDoc } from './collections'
import { db } from './cloud'

export type AuditEntry = Omit<AuditDoc, '_id' | 'at'>

/** Entries written per request (a batch decision may log thousands). */
const WRITE_BATCH = 100

export async function audit(at: Date, ...entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += WRITE_BATCH) {
    await db.collection<AuditDoc>(COLLECTIONS.audit).add({ data: entries.slice(i, i + WRITE_BATCH).map((e) => ({ ...e, at })) as unknown as AuditDoc })
  }
}
