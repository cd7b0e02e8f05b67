// Reminders sent by timers, once: each is claimed by writing a key first (the collection's _id is
// unique), so a timer that runs twice, or two runs that overlap, send it once. A run that stops
// after claiming sends nothing for that key: a reminder is at most once, never twice.
import { db, isDuplicateKey } from './cloud'
import { COLLECTIONS, type ReminderDoc } from './collections'

/** Claims `key` for this run: true if no run had claimed it. */
export async function claimReminder(key: string, now: Date): Promise<boolean> {
  try {
    await db.collection<ReminderDoc>(COLLECTIONS.reminders).add({ data: { _id: key, at: now } })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}
