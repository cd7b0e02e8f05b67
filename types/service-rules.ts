// The rules of counting service time, as pure functions the functions apply and the app can
// preview: the location fence, opening hours, a fix fresh enough, splitting a session by
// Shanghai calendar day, the daily cap.
import { dayjs, shanghaiDate, ZONE } from './time'
import type { Flag } from './vocabulary'

export type FenceVerdict =
  /** The reading's accuracy circle lies entirely outside the fence. */
  | { inside: false; distanceM: number; message: string }
  | { inside: true; distanceM: number; flags: Flag[] }

/**
 * Where a reading stands against a station's fence, accounting for its accuracy: a reading
 * whose accuracy circle does not reach inside the fence is outside; one whose centre is
 * outside but whose circle reaches in is at the edge (flagged); a very coarse one is flagged.
 */
export function fenceVerdict(distanceM: number, accuracyM: number, radiusM: number, coarseAccuracyM: number): FenceVerdict {
  const d = Math.round(distanceM)
  if (distanceM - accuracyM > radiusM) {
    return { inside: false, distanceM: d, message: `定位显示你距离驿站约 ${d} 米，超出 ${radiusM} 米的签到范围。请到驿站后再签到，或在室外空旷处重新定位。` }
  }
  const flags: Flag[] = []
  if (distanceM > radiusM) flags.push('edge_of_fence')
  if (accuracyM > coarseAccuracyM) flags.push('coarse_location')
  return { inside: true, distanceM: d, flags }
}

/** The Shanghai wall clock of an instant, HH:mm (UTC+8, without daylight saving since 1991). */
export function shanghaiClock(at: Date | number): string {
  return new Date((typeof at === 'number' ? at : at.getTime()) + 8 * 3600_000).toISOString().slice(11, 16)
}

/**
 * Whether a station takes check-ins at an instant: within its opening hours (HH:mm, Shanghai),
 * from the opening minute through the closing one (00:00–23:59 is open all day).
 */
export function stationOpenAt(hours: { opensAt: string; closesAt: string }, at: Date | number): boolean {
  const now = shanghaiClock(at)
  return now >= hours.opensAt && now <= hours.closesAt
}

/** How old a location fix may be when it is the only proof of presence (no kiosk code), in seconds. */
export const FIX_MAX_AGE_SECONDS = 60
/** How far ahead of the server's clock a fix's time may be (a phone clock running a little fast), in seconds. */
export const FIX_CLOCK_SKEW_SECONDS = 10

/** Why a location fix taken at `fixAt` (ms since the epoch) cannot prove presence at `now`, or '' if it can. */
export function staleFixProblem(fixAt: number | undefined, now: number): string {
  if (fixAt === undefined) return '缺少定位时间，请重新定位后再签到（或扫描驿站的现场签到码）'
  if (fixAt > now + FIX_CLOCK_SKEW_SECONDS * 1000) return '定位时间晚于当前时间，请检查手机时间是否准确，重新定位后再签到'
  const age = Math.round((now - fixAt) / 1000)
  if (age > FIX_MAX_AGE_SECONDS) return `定位是 ${age} 秒前获取的，请重新定位后再签到（定位需在 ${FIX_MAX_AGE_SECONDS} 秒内）。如果刚刚定位过，请检查手机时间是否准确。`
  return ''
}

/**
 * A reading that repeats the station's own coordinates (to within a metre): a phone's fix almost
 * never lands there, a reading copied from the station does. Accepted, but flagged for review.
 */
export const repeatsStationCoordinates = (distanceM: number) => distanceM < 1

/** Minutes of service per Shanghai calendar day between two instants (a session over midnight is split). */
export function splitByDay(start: Date, end: Date): { date: string; minutes: number }[] {
  const out: { date: string; minutes: number }[] = []
  let cursor = dayjs(start).tz(ZONE)
  const stop = dayjs(end).tz(ZONE)
  while (cursor.isBefore(stop)) {
    const midnight = cursor.startOf('day').add(1, 'day')
    const segmentEnd = midnight.isBefore(stop) ? midnight : stop
    const minutes = Math.floor(segmentEnd.diff(cursor, 'second') / 60)
    if (minutes > 0) out.push({ date: cursor.format('YYYY-MM-DD'), minutes })
    cursor = segmentEnd
  }
  return out
}

/** The end of the Shanghai calendar day an instant falls in (where a forgotten session is closed). */
export function endOfShanghaiDay(at: Date): Date {
  return dayjs(at).tz(ZONE).startOf('day').add(1, 'day').toDate()
}

/** Credited minutes per day: each day's total capped. */
export function creditedByDay(days: { date: string; minutes: number }[], capMinutes: number): Map<string, number> {
  const totals = new Map<string, number>()
  for (const d of days) totals.set(d.date, (totals.get(d.date) ?? 0) + d.minutes)
  for (const [date, minutes] of totals) totals.set(date, Math.min(minutes, capMinutes))
  return totals
}

/** The days a session counts on: as checked in and out, or, once adjusted, the adjusted minutes on its first day. */
export function countedDays(session: { days: { date: string; minutes: number }[]; adjustedMinutes: number | null; checkInAt: Date | string }): { date: string; minutes: number }[] {
  if (session.adjustedMinutes === null) return session.days
  // A session of under a minute has no days; its adjustment counts on the day it began.
  return [{ date: session.days[0]?.date ?? shanghaiDate(session.checkInAt), minutes: session.adjustedMinutes }]
}
