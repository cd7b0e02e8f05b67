// The league dashboard's figures as people read them: a change on the same period last year, hours
// from minutes, money in 万元, and the periods one picks (each at most a year, as the function asks).
// Pure (the page and its test); no dayjs (subpackages stay light).

/** How a figure moved from the same period last year: '+12%', '−5%', '持平', '新增' (none last year), or '' (none either year). */
export function changeText(current: number, lastYear: number): string {
  if (lastYear === 0) return current === 0 ? '' : '新增'
  const pct = Math.round(((current - lastYear) / lastYear) * 100)
  if (pct === 0) return '持平'
  return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`
}

/** The tone of a change: up, down or flat (colour only; a rise is not always good news). */
export function changeTone(current: number, lastYear: number): 'up' | 'down' | 'flat' {
  return current > lastYear ? 'up' : current < lastYear ? 'down' : 'flat'
}

/** Minutes as hours with at most one decimal: 90 → '1.5', 6000 → '100', 12345678 → '205,761.3'. */
export function hoursText(minutes: number): string {
  const tenths = Math.round(minutes / 6)
  const whole = Math.floor(tenths / 10)
  const frac = tenths % 10
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return frac === 0 ? grouped : `${grouped}.${frac}`
}

/** A count with thousands separators. */
export const countText = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

const pad = (n: number) => String(n).padStart(2, '0')
const ymdOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

export type PeriodKey = 'month' | 'year' | 'last12'

/** The periods offered, ending today (Shanghai date `today`): this month, this year, the last twelve months. */
export function periodOf(key: PeriodKey, today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number)
  if (key === 'month') return { from: `${y}-${pad(m)}-01`, to: today }
  if (key === 'year') return { from: `${y}-01-01`, to: today }
  // The same day a year back (29 February → the 28th), then the day after, so the period is a year
  // at most as the function counts it: 2026-12-05 → 2025-12-06; 2028-02-29 → 2027-03-01.
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate()
  return { from: ymdOf(new Date(Date.UTC(y - 1, m - 1, Math.min(d, lastDay) + 1))), to: today }
}

/** The same day a year earlier (29 February becomes the 28th), as the function counts it. */
export function yearEarlier(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number)
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate()
  return `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay))}`
}

/**
 * A custom period's problems, field by field, as the function words them (types/dashboard.ts): the
 * end not before the start, and a year at most (so the period and last year's never share a day).
 */
export function periodProblems(from: string, to: string): { from?: string; to?: string } {
  if (!from) return { from: '请选择开始日期' }
  if (!to) return { to: '请选择结束日期' }
  if (to < from) return { to: '结束日期不能早于开始日期' }
  if (yearEarlier(to) >= from) return { to: '统计期间最长一年，请缩短后再试' }
  return {}
}

/** Bars' widths in percent of the largest (a non-zero value at least 2 %, so it shows). */
export function barWidths(values: readonly number[]): number[] {
  const max = Math.max(0, ...values)
  return values.map((v) => (v <= 0 || max === 0 ? 0 : Math.max(2, Math.round((v / max) * 100))))
}

/**
 * Up to when the figures read from the hours rollup run, as the pages say it: 「统计截至 02:20，每分钟
 * 更新」 the same Shanghai day, 「统计截至 12-04 02:20，每分钟更新」 another day (the timer runs
 * every minute: cloudfunctions/dashboard/config.json); '' when the figures were read
 * live, exact to the moment (null).
 */
export function rolledUpText(at: string | null, now = Date.now()): string {
  if (!at) return ''
  const wall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString()
  const then = wall(Date.parse(at))
  const sameDay = then.slice(0, 10) === wall(now).slice(0, 10)
  return `统计截至 ${sameDay ? '' : `${then.slice(5, 10)} `}${then.slice(11, 16)}，每分钟更新`
}

/** A month's two columns in the trend chart: where they stand and how tall, in the chart's own units. */
export interface TrendColumn {
  month: string
  label: string
  /** The group's centre. */
  x: number
  /** Each column's width. */
  width: number
  /** Heights of this period's column and last year's. */
  now: number
  last: number
}

/**
 * The trend chart's columns for a `width` × `height` plot: a group per month, this period's column
 * left of the centre and last year's right of it, heights in proportion to the larger of all
 * (a month with time is never flatter than 2 units); the label is the month (「3月」).
 */
export function trendColumns(months: readonly { month: string; minutes: number; lastYear: number }[], width: number, height: number): TrendColumn[] {
  const max = Math.max(0, ...months.flatMap((m) => [m.minutes, m.lastYear]))
  const group = months.length ? width / months.length : 0
  const column = Math.max(2, Math.min(16, group * 0.32))
  const tall = (v: number) => (v <= 0 || max === 0 ? 0 : Math.max(2, (v / max) * height))
  return months.map((m, i) => ({ month: m.month, label: `${Number(m.month.slice(5))}月`, x: group * (i + 0.5), width: column, now: tall(m.minutes), last: tall(m.lastYear) }))
}
