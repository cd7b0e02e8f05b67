// After a conditional update that counted nothing updated: the database counts only documents it
// changed (the platform and the local cloud alike), so 0 also means "the document held these
// values already" — the same save sent twice in one millisecond, whose twin wrote them. Before
// refusing, a call reads the document again and asks whether it holds what the call would write.
import type { Collection, Criteria, UpdateData } from './db-types'

/** Field by field, whether a document holds these values (dates and nested values compared as JSON). */
export const holds = (doc: object, fields: object): boolean =>
  Object.entries(fields).every(([k, v]) => JSON.stringify((doc as Record<string, unknown>)[k]) === JSON.stringify(v))

/**
 * Writes `fields` to the document `id` only while `condition` holds, in one conditional update;
 * true when this call changed it. Nothing updated does not by itself mean the condition failed:
 * the document may hold these values already (the same save sent twice in one millisecond, whose
 * twin wrote them: false), or the condition came to hold since (tried again). So it reads again:
 * `refuse` throws for a document that truly fails the condition (or is gone); after three tries,
 * `busy` is thrown.
 */
export async function updateWhile<T extends { _id: string }>(
  collection: Collection<T>,
  id: string,
  condition: Criteria,
  fields: object,
  refuse: (doc: T | null) => void,
  busy: () => Error,
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { stats } = await collection.where({ ...condition, _id: id }).update({ data: fields as UpdateData<T> })
    if (stats.updated === 1) return true
    const { data: now } = await collection.doc(id).get()
    refuse(now)
    if (now && holds(now, fields)) return false
  }
  throw busy()
}
