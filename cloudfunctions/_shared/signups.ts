// The one sign-up engine: seats within a capacity, an ordered waiting list, and promotion of the
// head of the list whenever a seat comes free. Used by the job fairs (`fairs` / `fair_signups`)
// and the training sessions (`training_sessions` / `training_signups`), each naming its two
// collections; what a sign-up decides before (eligibility, windows) and tells after (notices,
// audit) stays with its function.
//
// Capacity is never exceeded however many sign up at once: a seat is taken only by an update
// conditional on the holder's confirmed count being below capacity (and nobody waiting ahead);
// whoever does not get one is appended to the holder's waiting list, whose order is arrival
// order. Every change of seats ends with `fillFromWaitlist`, which promotes the head of the list
// while seats are free, one conditional step at a time, so concurrent cancellations neither
// skip anyone nor promote anyone twice.
import { _, $ } from './cloud'
import { conflict } from './errors'
import type { Aggregate, Collection } from './db-types'

/** What a seat holder (a fair, a training session) keeps of its seats. */
export interface Seats {
  confirmedCount: number
  capacity: number
  /** Sign-up ids waiting, in arrival order (appended atomically; the head is promoted first). */
  waitlist: string[]
  status: string
}

/** A sign-up as the engine moves it: waiting → confirmed (promotedAt set when promoted). */
export interface SeatSignup {
  _id: string
  status: string
}

/** What a cancellation did to the seats: who was promoted (`known`: their sign-ups, as the caller read them) and the seats after. */
export interface Released<H extends Seats, S> {
  promoted: string[]
  known: S[]
  seats: Partial<SeatsOf<H>>
}

/** A holder's seats as the engine reads them. */
export type SeatsOf<H extends Seats> = Pick<H, keyof Seats>

/** How many promotion steps one call takes at most (each promotes up to PROMOTION_BATCH). */
const MAX_PROMOTIONS = 50
/** How many of the waiting list one step promotes at most (one conditional update of the holder, one of their sign-ups). */
const PROMOTION_BATCH = 50
/** The state a holder must be in for seats to be taken or given. */
const OPEN = 'published'

export interface SignupEngine<H extends Seats & { _id: string }, S extends SeatSignup> {
  /**
   * Writes a person's sign-up as `pending` before a seat is sought: a new record, or (`again`:
   * their cancelled one) afresh, only from cancelled and once. Two calls at once: one goes on, the
   * other is refused.
   */
  enter(record: S, again: boolean): Promise<void>
  /**
   * A seat for `signupId` (written beforehand as `pending`), if one is free and nobody waits
   * ahead; otherwise the end of the waiting list, and then any seat that came free meanwhile is
   * filled (perhaps with this one). `seated`: the seat was taken at once.
   */
  takeSeat(holderId: string, signupId: string, now: Date): Promise<{ seated: true } | { seated: false; promoted: string[]; seats: SeatsOf<H> | null }>
  /**
   * The end of the waiting list for `signupId` (written beforehand as `pending`), then any seat
   * free meanwhile is filled (perhaps with this one): for a sign-up that read the holder full or
   * someone waiting, so that it does not first try for a seat it cannot take.
   */
  joinWaitlist(holderId: string, signupId: string, now: Date): Promise<{ promoted: string[]; seats: SeatsOf<H> | null }>
  fillFromWaitlist(holderId: string, now: Date): Promise<{ promoted: string[]; seats: SeatsOf<H> | null }>
  /** A confirmed person leaves (`read`: sign-ups the caller read with the holder, the head of the list among them if it could). */
  releaseSeat(h: H, read: S[], now: Date): Promise<Released<H, S>>
  /** A waiting person leaves the list. */
  leaveWaitlist(h: H, signupId: string, now: Date): Promise<Released<H, S>>
}

export function signupEngine<H extends Seats & { _id: string }, S extends SeatSignup>(holders: () => Collection<H>, signups: () => Collection<S>): SignupEngine<H, S> {
  /**
   * Gives free seats to the head of the waiting list, in order, a batch at a time: take as many
   * seats as are free and drop that many from the head of the list only if the head is still who
   * we read (each place checked) and the seats are still free. Their sign-ups then move to
   * confirmed; any who cancelled meanwhile give their seat back. Ends when no seat is free or
   * nobody waits. Returns who was promoted (to notify them) and the seats as last read (for the reply).
   */
  async function fillFromWaitlist(holderId: string, now: Date): Promise<{ promoted: string[]; seats: SeatsOf<H> | null }> {
    const promoted: string[] = []
    let seats: SeatsOf<H> | null = null
    for (let i = 0; i < MAX_PROMOTIONS; i++) {
      const { data: h } = await holders().doc(holderId).field({ confirmedCount: true, capacity: true, waitlist: true, status: true }).get()
      seats = h
      if (!h || h.status !== OPEN || h.waitlist.length === 0 || h.confirmedCount >= h.capacity) break
      const heads = h.waitlist.slice(0, Math.min(h.capacity - h.confirmedCount, PROMOTION_BATCH))
      const stillFirst = Object.fromEntries(heads.map((id, k) => [`waitlist.${k}`, id]))
      const { stats } = await holders()
        .where(_.and([{ _id: holderId, ...stillFirst }, _.expr($.lte([$.add(['$confirmedCount', heads.length]), '$capacity']))]))
        .update({ data: { confirmedCount: _.inc(heads.length), waitlist: _.pull(_.in(heads)), updatedAt: now } })
      if (stats.updated !== 1) continue // someone else moved the list first: read again
      const { stats: moved } = await signups().where({ _id: _.in(heads), status: 'waiting' }).update({ data: { status: 'confirmed', promotedAt: now, updatedAt: now } })
      if (moved.updated === heads.length) {
        promoted.push(...heads)
        continue
      }
      // Some cancelled meanwhile: their seats go back, and the next step fills them.
      const { data: promotedNow } = await signups().where({ _id: _.in(heads), status: 'confirmed', promotedAt: now }).field({ _id: true }).get()
      promoted.push(...promotedNow.map((s) => s._id))
      await holders().doc(holderId).update({ data: { confirmedCount: _.inc(promotedNow.length - heads.length) } })
    }
    return { promoted, seats }
  }

  async function joinWaitlist(holderId: string, signupId: string, now: Date): Promise<{ promoted: string[]; seats: SeatsOf<H> | null }> {
    await signups().doc(signupId).update({ data: { status: 'waiting' } })
    await holders().doc(holderId).update({ data: { waitlist: _.push([signupId]) } })
    // A seat may have come free before this one joined (and it may be this one's).
    return fillFromWaitlist(holderId, now)
  }

  return {
    fillFromWaitlist,
    joinWaitlist,

    async enter(record, again) {
      const busy = () => conflict('报名正在处理，请稍后刷新')
      if (again) {
        const { _id: id, ...fresh } = record
        const { stats } = await signups().where({ _id: id, status: 'cancelled' }).update({ data: fresh as never })
        if (stats.updated !== 1) throw busy()
        return
      }
      try {
        await signups().add({ data: record })
      } catch {
        throw busy()
      }
    },

    async takeSeat(holderId, signupId, now) {
      const { stats: seat } = await holders()
        .where(_.and([{ _id: holderId, status: OPEN, waitlist: _.size(0) }, _.expr($.lt(['$confirmedCount', '$capacity']))]))
        .update({ data: { confirmedCount: _.inc(1) } })
      if (seat.updated === 1) {
        await signups().doc(signupId).update({ data: { status: 'confirmed' } })
        return { seated: true }
      }
      return { seated: false, ...(await joinWaitlist(holderId, signupId, now)) }
    },

    /**
     * The seat passes to the head of the waiting list in one conditional step on the list (the
     * count unchanged), if the head is still who was read; otherwise the seat is given back to
     * the count and the list filled as any freed seat.
     */
    async releaseSeat(h, read, now) {
      const head = h.waitlist[0]
      const headDoc = read.find((d) => d._id === head && d.status === 'waiting')
      if (h.status === OPEN && headDoc) {
        const { stats } = await holders().where({ _id: h._id, status: OPEN, 'waitlist.0': head }).update({ data: { waitlist: _.shift(), updatedAt: now } })
        if (stats.updated === 1) {
          const { stats: moved } = await signups().where({ _id: head, status: 'waiting' }).update({ data: { status: 'confirmed', promotedAt: now, updatedAt: now } })
          if (moved.updated === 1) return { promoted: [head], known: [headDoc], seats: { waitlist: h.waitlist.slice(1) } as Partial<SeatsOf<H>> }
          // The head cancelled meanwhile: the seat is free after all (given back below).
        }
      } else {
        // Nobody waits (as the count's own condition says at the moment it drops): no one to promote.
        const { stats } = await holders().where({ _id: h._id, waitlist: _.size(0) }).update({ data: { confirmedCount: _.inc(-1), updatedAt: now } })
        if (stats.updated === 1) return { promoted: [], known: [], seats: { confirmedCount: h.confirmedCount - 1 } as Partial<SeatsOf<H>> }
      }
      await holders().doc(h._id).update({ data: { confirmedCount: _.inc(-1), updatedAt: now } })
      const { promoted, seats } = await fillFromWaitlist(h._id, now)
      return { promoted, known: [], seats: seats ?? {} }
    },

    /** The seats do not change (a seat left free by a broken call is filled). */
    async leaveWaitlist(h, signupId, now) {
      await holders().doc(h._id).update({ data: { waitlist: _.pull(signupId), updatedAt: now } })
      const waitlist = h.waitlist.filter((w) => w !== signupId)
      if (h.status !== OPEN || h.confirmedCount >= h.capacity || waitlist.length === 0) return { promoted: [], known: [], seats: { waitlist } as Partial<SeatsOf<H>> }
      const { promoted, seats } = await fillFromWaitlist(h._id, now)
      return { promoted, known: [], seats: seats ?? {} }
    },
  }
}

/** A waiting sign-up's place on its holder's list (1 = next), 0 when not waiting. */
export const waitingRank = (s: SeatSignup, h: Pick<Seats, 'waitlist'>) => (s.status === 'waiting' ? h.waitlist.indexOf(s._id) + 1 : 0)

/**
 * A person's own sign-ups (我的报名), a page of them newest first (ties on _id), each with what
 * `join` looks up beside it on the database (its fair, its session and course), and the true
 * total: two requests, whatever the page.
 */
export async function ownSignupPage<S, R>(signups: () => Collection<S>, criteria: Record<string, unknown>, page: { page: number; pageSize: number }, join: (page: Aggregate) => Aggregate): Promise<{ list: R[]; total: number }> {
  const [{ total }, { list }] = await Promise.all([
    signups().where(criteria).count(),
    join(
      signups()
        .aggregate()
        .match(criteria)
        .sort({ createdAt: -1, _id: 1 })
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize),
    ).end<R>(),
  ])
  return { list, total }
}
