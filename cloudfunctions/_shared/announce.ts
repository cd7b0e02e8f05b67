// Announcing something newly open (a job fair, a contest) to everyone it is meant for: the people
// of the approved registrations a query picks, told in 消息 (and by subscribe message where they
// agreed), a page at a time, each person once.
//
// The announcing document keeps a cursor (`announceAfter`: the last person told, '' at the
// start, removed when everyone was): each page is claimed by moving it with an update
// conditional on where it stood and on the document still being open, so a publishing call and
// a timer run never tell the same page twice, and a document closed meanwhile tells nobody more.
// Pages run in userId order, so a person holding two registrations (a volunteer who is also
// registered as a rural youth) is told once, even when a page ends between them.
import { COLLECTIONS, type RegistrationDoc } from './collections'
import { _, db } from './cloud'
import { notify, recipientsOf, type Notice } from './notify'
import type { NoticeName } from '../../types/notices'
import { READ_CAP } from './paging'

export interface Announcement<N extends NoticeName> {
  /** The announcing document: its collection, its id, and what it must still match (e.g. `{ status: 'published' }`). */
  collection: string
  id: string
  still: Record<string, unknown>
  /** Its cursor as read ('' when it starts; undefined when done). */
  after: string | undefined
  /** Which approved registrations are meant (merged with `status: 'approved'`): a query on registrations. */
  eligible: Record<string, unknown>
  notice: Notice<N>
}

/** Tells the next pages of an announcement while `budget` lasts; resolves to how many were told. */
export async function announce<N extends NoticeName>(a: Announcement<N>, budget: { left: () => boolean }, now: Date): Promise<number> {
  if (a.after === undefined) return 0
  const registrations = db.collection<RegistrationDoc>(COLLECTIONS.registrations)
  const owner = db.collection<{ _id: string; announceAfter?: string }>(a.collection)
  let after = a.after
  let told = 0
  while (budget.left()) {
    const { data } = await registrations
      .where(_.and([{ status: 'approved', userId: _.gt(after) }, a.eligible]))
      .orderBy('userId', 'asc')
      .limit(READ_CAP)
      .field({ userId: true })
      .get()
    const next = data.length ? data[data.length - 1].userId : null
    const moved = await owner.where({ _id: a.id, ...a.still, announceAfter: after }).update({ data: { announceAfter: next === null ? _.remove() : next } })
    if (moved.stats.updated !== 1 || next === null) break // another run took it on, it closed, or everyone was told
    const to = await recipientsOf([...new Set(data.map((r) => r.userId))])
    await notify(to, a.notice, now)
    told += to.length
    after = next
  }
  return told
}
