// A volunteer's approved service time: computed from their approved sessions (one aggregation),
// capped per Shanghai day, so concurrent approvals can never lose hours. Stars follow from it.
import { countedDays, creditedByDay } from '../../types/service-rules'
import { starLevel, type Settings } from '../../types/settings'
import { COLLECTIONS, type SessionDoc } from './collections'
import { db } from './cloud'
import type { Aggregate } from './db-types'

/** Approved time of a volunteer, per day capped and grouped (one aggregation). */
export async function approvedDays(userId: string): Promise<{ date: string; minutes: number; stationName: string }[]> {
  const { list } = await db
    .collection<SessionDoc>(COLLECTIONS.sessions)
    .aggregate()
    .match({ userId, status: 'approved' })
    .project({ stationName: 1, days: 1, adjustedMinutes: 1, checkInAt: 1 })
    .limit(10_000)
    .end<Pick<SessionDoc, 'stationName' | 'days' | 'adjustedMinutes' | 'checkInAt'>>()
  return list.flatMap((s) => countedDays(s).map((d) => ({ ...d, stationName: s.stationName })))
}

export function summarizeHours(days: { date: string; minutes: number; stationName: string }[], settings: Settings) {
  const credited = creditedByDay(days, settings.dailyCapMinutes)
  const approvedMinutes = [...credited.values()].reduce((a, b) => a + b, 0)
  const months = new Map<string, number>()
  for (const [date, minutes] of credited) months.set(date.slice(0, 7), (months.get(date.slice(0, 7)) ?? 0) + minutes)
  // Per station: each day's cap shared in proportion to the station's minutes that day.
  const raw = new Map<string, number>()
  for (const d of days) raw.set(d.date, (raw.get(d.date) ?? 0) + d.minutes)
  const stations = new Map<string, number>()
  for (const d of days) {
    const share = raw.get(d.date)! > 0 ? (d.minutes / raw.get(d.date)!) * credited.get(d.date)! : 0
    stations.set(d.stationName, (stations.get(d.stationName) ?? 0) + share)
  }
  const { star, next } = starLevel(approvedMinutes / 60, settings.starThresholdsHours)
  return {
    approvedMinutes,
    star,
    nextStarHours: next,
    months: [...months].sort(([a], [b]) => b.localeCompare(a)).map(([month, minutes]) => ({ month, minutes })),
    byStation: [...stations].sort(([, a], [, b]) => b - a).map(([stationName, minutes]) => ({ stationName, minutes: Math.round(minutes) })),
  }
}


/** A volunteer's star level now. */
export async function currentStar(userId: string, settings: Settings): Promise<number> {
  return summarizeHours(await approvedDays(userId), settings).star
}

/** Shanghai keeps one offset all year (no daylight saving): a date's calendar day there. */
const SHANGHAI_OFFSET = '+08:00'

const firstDay = { $lte: [{ $ifNull: ['$dayIndex', 0] }, 0] }

/**
 * A session's days as an aggregation counts them (what `countedDays` does for one session): the
 * days unwound (`unwind`, a session without days kept, on the day it began), and for each its
 * Shanghai `date`, the `minutes` it counts (as checked in and out or, once the session is adjusted,
 * the adjusted minutes on its first day) and whether it is the session's `firstDay`.
 */
export const COUNTED_DAY = {
  unwind: { path: '$days', includeArrayIndex: 'dayIndex', preserveNullAndEmptyArrays: true },
  date: { $cond: [{ $eq: [{ $type: '$days.date' }, 'string'] }, '$days.date', { $dateToString: { date: '$checkInAt', format: '%Y-%m-%d', timezone: SHANGHAI_OFFSET } }] },
  minutes: { $cond: [{ $ne: [{ $ifNull: ['$adjustedMinutes', null] }, null] }, { $cond: [firstDay, '$adjustedMinutes', 0] }, { $ifNull: ['$days.minutes', 0] }] },
  firstDay,
}

/**
 * Approved time per volunteer, computed on the database (what `countedDays` and `creditedByDay`
 * compute for one volunteer): each session's counted days (as checked in and out, or the adjusted
 * minutes on its first day), summed per volunteer and Shanghai day, each day capped at `capMinutes`,
 * then summed per volunteer. `approved` is the aggregation already matched to approved sessions;
 * the rows are `{ _id: userId, totalMinutes, monthMinutes, townshipName }`, one per volunteer.
 */
export function creditedPerVolunteer(approved: Aggregate, capMinutes: number, month: string): Aggregate {
  // Three passes over the sessions at most (match, unwind, group): each pass over a city's
  // sessions is what costs.
  const credited = { $min: ['$minutes', capMinutes] }
  return approved
    .unwind(COUNTED_DAY.unwind)
    .group({
      _id: { userId: '$userId', date: COUNTED_DAY.date },
      minutes: { $sum: COUNTED_DAY.minutes },
      townshipName: { $min: '$townshipName' },
    })
    .group({
      _id: '$_id.userId',
      totalMinutes: { $sum: credited },
      monthMinutes: { $sum: { $cond: [{ $eq: [{ $substrBytes: ['$_id.date', 0, 7] }, month] }, credited, 0] } },
      townshipName: { $min: '$townshipName' },
    })
}
