// Time the way the rules count it: instants are stored as they are (UTC on the server);
// calendar days, months and deadlines are Asia/Shanghai's.
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

export const ZONE = 'Asia/Shanghai'

/** The Shanghai calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(at: Date | number | string = new Date()): string {
  return dayjs(at).tz(ZONE).format('YYYY-MM-DD')
}

/** An instant shown to people: 2026-11-25 18:30 (Shanghai). */
export function shanghaiDateTime(at: Date | number | string): string {
  return dayjs(at).tz(ZONE).format('YYYY-MM-DD HH:mm')
}

/** The instant a Shanghai calendar date (YYYY-MM-DD) begins. */
export function shanghaiDayStart(ymd: string): Date {
  return dayjs.tz(ymd, ZONE).toDate()
}

/** The Shanghai calendar date `days` after the Shanghai date of an instant (whatever UTC's date is). */
export function shanghaiDaysAhead(at: Date | number, days: number): string {
  return dayjs(at).tz(ZONE).add(days, 'day').format('YYYY-MM-DD')
}

/** A date (and clock) as WeChat's time keyword wants it: 2026年12月6日 09:00. */
export function wechatTime(ymd: string, clock = ''): string {
  const [y, m, d] = ymd.split('-').map(Number)
  return `${y}年${m}月${d}日${clock ? ` ${clock}` : ''}`
}

export { dayjs }

/** An instant as ISO text, or null when there is none. */
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null)
/** An instant as the contract sends it (ISO 8601), '' for none. */
export const isoOrEmpty = (d: Date | null | undefined): string => (d ? new Date(d).toISOString() : '')

/** The instant a Shanghai wall-clock moment ('2026-12-09 09:00') names. */
export const shanghaiMoment = (moment: string): Date => dayjs.tz(moment, ZONE).toDate()
