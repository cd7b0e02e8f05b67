// A volunteer's approved service time: computed from their approved sessions (one aggregation),
// capped per Shanghai day, so concurrent approvals can never lose hours. Stars follow from it.
import { countedDays, creditedByDay } from '../../types/service-rules'
import { starLevel, type Settings } from '../../types/settings'
import { COLLECTIONS, type SessionDoc } from './collections'
import { db } from './cloud'

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
