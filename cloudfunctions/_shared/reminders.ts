// Reminders sent by timers, once: each is claimed by writing a key first (the collection's _id is
// unique), so a timer that runs twice, or two runs that overlap, send it once. A run that stops
// after claiming sends nothing for that key: a reminder is at most once, never twice.
import type { Role } from '../../types/roles'
import { db, isDuplicateKey } from './cloud'
import { COLLECTIONS, type ReminderDoc } from './collections'
import { holdersIn, notifyEach, type Recipient } from './notify'

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

/**
 * The morning digest of a queue: for each scope with work waiting (`waiting`: its code, its name,
 * how many), everyone holding `role` there is told how many, with the long-term 待办 template.
 * Resolves to how many people were told.
 */
export async function tellWhatWaits(
  role: Role,
  waiting: { code: string; name: string; n: number }[],
  what: { title: string; page: string },
  now: Date,
): Promise<number> {
  const items: { to: Recipient; notice: { template: 'todo'; page: string; values: { thing1: string; number2: string; thing3: string } } }[] = []
  const holders = await holdersIn(role, waiting.map((w) => w.code))
  for (const w of waiting) {
    for (const to of holders.get(w.code) ?? []) {
      items.push({ to, notice: { template: 'todo', page: what.page, values: { thing1: what.title, number2: String(w.n), thing3: `${w.name}，请及时审核` } } })
    }
  }
  await notifyEach(items, now)
  return items.length
}

/**
 * A timer's working time: a run stops taking new batches once `ms` have passed since it began
 * (a margin inside the function's config.json timeout), and the next run goes on from there
 * (everything a timer does is found again by its query, and told once by its claim).
 */
export function timeBudget(ms: number, startedAt = Date.now()): { left: () => boolean; deadline: number } {
  const deadline = startedAt + ms
  return { left: () => Date.now() < deadline, deadline }
}
