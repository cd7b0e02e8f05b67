// Time, duration and number formatting for the volunteer pages (no dayjs: Asia/Shanghai has kept
// UTC+8 without daylight saving since 1991, so a fixed offset is exact for every instant shown).

const OFFSET_MS = 8 * 3600_000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** The Shanghai wall clock of an instant as ISO-like text: 2026-11-25T08:30:00. */
function wall(at: string | number): string {
  const t = typeof at === 'number' ? at : Date.parse(at)
  if (Number.isNaN(t)) return ''
  return new Date(t + OFFSET_MS).toISOString().slice(0, 19)
}

/** 08:30 */
export function clock(at: string | number | null | undefined): string {
  return at === null || at === undefined ? '' : wall(at).slice(11, 16)
}

/** 2026-11-25 */
export function ymd(at: string | number): string {
  return wall(at).slice(0, 10)
}

/** 2026-11-25 08:30 */
export function dateTime(at: string | number | null | undefined): string {
  if (at === null || at === undefined) return '—'
  const w = wall(at)
  return w ? `${w.slice(0, 10)} ${w.slice(11, 16)}` : '—'
}

/** Today in Shanghai, YYYY-MM-DD. */
export function today(now = Date.now()): string {
  return ymd(now)
}

/** A Shanghai calendar date moved by whole days. */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86400_000
  return new Date(t).toISOString().slice(0, 10)
}

/** 11月25日 周二 (of a YYYY-MM-DD date). */
export function dayLabel(day: string, withWeekday = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return day
  const label = `${Number(m[2])}月${Number(m[3])}日`
  if (!withWeekday) return label
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return `${label} 周${WEEKDAYS[weekday]}`
}

/** 2026年11月25日 */
export function chineseDate(at: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : ymd(at)
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : at
}

/** 2026-11 → 2026年11月 */
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

/** 45 分钟 · 2 小时 · 2 小时 15 分 */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  const rest = m % 60
  return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`
}

/** Hours with at most one decimal: 12.5, 3, 0. */
export function hours(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10
  return Number.isInteger(h) ? String(h) : h.toFixed(1)
}

/** A round number of hours with one decimal at most, from hours. */
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

/** 35 米 · 1.2 公里 */
export function distance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} 米`
  return `${(Math.round(metres / 100) / 10).toFixed(1)} 公里`
}

/** The minutes between two HH:mm on one day (negative when the end is earlier). */
export function minutesBetween(start: string, end: string): number {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  return toMin(end) - toMin(start)
}

/** The current Shanghai time of day, HH:mm. */
export function nowClock(now = Date.now()): string {
  return clock(now)
}

/** 2026-11-25 → 2026年11月25日 周三, compact: 今天 / 昨天 / 11月23日 周一 */
export function relativeDay(day: string, now = Date.now()): string {
  const t = today(now)
  if (day === t) return '今天'
  if (day === addDays(t, -1)) return '昨天'
  if (day === addDays(t, -2)) return '前天'
  return day.slice(0, 4) === t.slice(0, 4) ? dayLabel(day) : chineseDate(day)
}
