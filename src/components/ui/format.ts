// Times, dates, durations and distances as people in Qingyuan read them: the one place the app
// formats them. Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset
// is exact for every instant shown (no dayjs: it would cost every subpackage 11 KiB). No zod, no
// Taro: any page or subpackage may import it; unused functions are shaken out of each bundle.

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 86400_000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

type Instant = string | number | null | undefined

/** The Shanghai wall clock of an instant as ISO-like text, 2026-11-25T08:30:05 ('' when there is none). */
function wall(at: Instant): string {
  if (at === null || at === undefined || at === '') return ''
  const t = typeof at === 'number' ? at : Date.parse(at)
  if (Number.isNaN(t)) return ''
  return new Date(t + OFFSET_MS).toISOString().slice(0, 19)
}

// ---- instants --------------------------------------------------------------------------------

/** 2026-11-25 08:30 (with `:05` when `seconds`); `empty` when there is no instant. */
export function dateTime(at: Instant, empty = '', seconds = false): string {
  const w = wall(at)
  return w ? `${w.slice(0, 10)} ${w.slice(11, seconds ? 19 : 16)}` : empty
}

/** 08:30 of an instant; `empty` when there is none. */
export function clock(at: Instant, empty = ''): string {
  return wall(at).slice(11, 16) || empty
}

/** The Shanghai date of an instant, 2026-11-25 ('' when there is none). */
export function ymd(at: Instant): string {
  return wall(at).slice(0, 10)
}

/** Today in Shanghai, YYYY-MM-DD. */
export function today(now = Date.now()): string {
  return ymd(now)
}

/** This month in Shanghai, YYYY-MM. */
export function thisMonth(now = Date.now()): string {
  return ymd(now).slice(0, 7)
}

/** The current Shanghai time of day, HH:mm. */
export function nowClock(now = Date.now()): string {
  return clock(now)
}

/** 「今天 18:30」, 「昨天 09:12」 or 「2026-11-20 18:30」. */
export function friendlyTime(at: Instant, now = Date.now()): string {
  const full = dateTime(at)
  if (!full) return ''
  const date = full.slice(0, 10)
  if (date === today(now)) return `今天 ${full.slice(11)}`
  if (date === addDays(today(now), -1)) return `昨天 ${full.slice(11)}`
  return full
}

/** 12月8日 18:00 (with the year when not this year's); — when there is none. */
export function momentText(at: Instant, now = Date.now()): string {
  const w = dateTime(at)
  return w ? `${dayText(w.slice(0, 10), now)} ${w.slice(11, 16)}` : '—'
}

/** 「3 天前」-style age of an instant, for queues. */
export function ago(at: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(at)) / 60000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} 小时前`
  const days = Math.floor(hours / 24)
  return days < 30 ? `${days} 天前` : ymd(at)
}

// ---- calendar days (YYYY-MM-DD) -------------------------------------------------------------

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar date moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** 周三 */
export function weekday(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`)
  return Number.isNaN(t) ? '' : `周${WEEKDAYS[new Date(t).getUTCDay()]}`
}

/** 11月25日 */
export function monthDay(day: string): string {
  const m = DAY.exec(day)
  return m ? `${Number(m[2])}月${Number(m[3])}日` : day
}

/** 11月25日 周二 (without the weekday when `withWeekday` is false). */
export function dayLabel(day: string, withWeekday = true): string {
  if (!DAY.test(day)) return day
  return withWeekday ? `${monthDay(day)} ${weekday(day)}` : monthDay(day)
}

/** 12月9日, with the year when it is not this year's. */
export function dayText(day: string, now = Date.now()): string {
  const m = DAY.exec(day)
  if (!m) return day
  return m[1] === today(now).slice(0, 4) ? monthDay(day) : `${m[1]}年${monthDay(day)}`
}

/** 2026年11月25日, of a date or an instant. */
export function chineseDate(at: string): string {
  const m = DAY.exec(DAY.test(at) ? at : ymd(at))
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : at
}

/** 今天 / 昨天 / 前天 / 11月23日 周一 / 2025年11月23日. */
export function relativeDay(day: string, now = Date.now()): string {
  const t = today(now)
  if (day === t) return '今天'
  if (day === addDays(t, -1)) return '昨天'
  if (day === addDays(t, -2)) return '前天'
  return day.slice(0, 4) === t.slice(0, 4) ? dayLabel(day) : chineseDate(day)
}

/** A YYYY-MM-DD as a local Date at noon (safe for pickers in any time zone). */
export function dateOf(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d, 12)
}

/** A picker's local Date as YYYY-MM-DD. */
export function ymdOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

// ---- months (YYYY-MM) ---------------------------------------------------------------------------

/** 2026-11 → 2026年11月 (11月 when `short`). */
export function monthLabel(month: string, short = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) return month
  return short ? `${Number(m[2])}月` : `${m[1]}年${Number(m[2])}月`
}

/** The last `n` months up to this one (Shanghai), oldest first: ['2025-12', …, '2026-11']. */
export function lastMonths(n: number, now = Date.now()): string[] {
  const [y, m] = today(now).split('-').map(Number)
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i)
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
  })
}

// ---- spans ------------------------------------------------------------------------------------

/** 45 分钟 · 2 小时 · 2 小时 15 分 */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  const rest = m % 60
  return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`
}

/** Minutes as hours with one decimal at most: 450 → 7.5. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10
}

/** The same as text: 12.5, 3, 0. */
export function hours(minutes: number): string {
  return roundHours(minutes / 60)
}

/** Hours rounded to one decimal at most, as text. */
export function roundHours(h: number): string {
  const r = Math.round(h * 10) / 10
  return Number.isInteger(r) ? String(r) : r.toFixed(1)
}

/** 02:15:07 (elapsed time, hours may pass 24). */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
}

/** The minutes between two HH:mm on one day (negative when the end is earlier). */
export function minutesBetween(start: string, end: string): number {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  return toMin(end) - toMin(start)
}

/** 35 米 · 1.2 公里 */
export function distance(metres: number): string {
  const m = Math.round(metres)
  if (m < 1000) return `${m} 米`
  return `${(Math.round(m / 100) / 10).toFixed(1)} 公里`
}

/** Coordinates as the forms keep them: six decimals at most (about 0.1 m). */
export const fixed6 = (n: number) => String(Math.round(n * 1e6) / 1e6)
