// The service term (服务期, issue 23 item 4): a volunteer serves from termStart to termEnd (Shanghai
// calendar days, both included). The day after termEnd the daily timer moves them to 期满; for
// the league's grace period (settings.termGraceDays) they may still check in at stations and use
// perks, and the app says how many days remain; after it both are refused, naming the end date.
// Job fairs stay open to them. A county admin may extend the term (a later termEnd), which un-ends it.
// No zod here: pages import it.
import { dayjs, shanghaiDate } from './time'

export const TERM_STATES = ['serving', 'ended'] as const
export type TermState = (typeof TERM_STATES)[number]
export const TERM_STATE_LABELS: Record<TermState, string> = { serving: '服务中', ended: '已期满' }

/** The county's list of service terms (registration.terms): ended, ending within 60 days, or all. */
export const TERM_FILTERS = ['ended', 'ending', 'all'] as const
export const TERM_FILTER_LABELS: Record<(typeof TERM_FILTERS)[number], string> = { ended: '已期满', ending: '60 天内期满', all: '全部' }

/**
 * The daily timer at instant `now` ends every term whose last day is before this Shanghai date:
 * at 15:59 UTC a term ending that Shanghai day still runs (23:59 there); at 16:01 UTC it has ended.
 */
export const termsEndedBefore = (now: Date | number): string => shanghaiDate(now)

/** Where a volunteer stands on a Shanghai day: serving, ended within the grace, or ended past it. */
export type TermStanding =
  | { kind: 'serving'; termEnd: string; daysToEnd: number }
  | { kind: 'grace'; termEnd: string; lastDay: string; daysLeft: number }
  | { kind: 'stopped'; termEnd: string; lastDay: string }

const daysBetween = (from: string, to: string) => dayjs.utc(to).diff(dayjs.utc(from), 'day')
export const addDays = (ymd: string, days: number) => dayjs.utc(ymd).add(days, 'day').format('YYYY-MM-DD')

/**
 * The standing of a term that ends on `termEnd` (its last day of service), `today` in Shanghai.
 * `daysLeft` counts today: on the grace's last day it is 1. `daysToEnd`: 0 on the last day of service.
 */
export function termStanding(termEnd: string, graceDays: number, today: string): TermStanding {
  if (today <= termEnd) return { kind: 'serving', termEnd, daysToEnd: daysBetween(today, termEnd) }
  const lastDay = addDays(termEnd, graceDays)
  if (today <= lastDay) return { kind: 'grace', termEnd, lastDay, daysLeft: daysBetween(today, lastDay) + 1 }
  return { kind: 'stopped', termEnd, lastDay }
}

/** What is refused after the grace. */
export type TermBound = '驿站签到' | '补签' | '商家优惠'

/** The refusal after the grace, naming the end date (and '' while the term runs or its grace lasts). */
export function termRefusal(standing: TermStanding, what: TermBound): string {
  if (standing.kind !== 'stopped') return ''
  return `你的服务期已于 ${standing.termEnd} 期满，宽限期至 ${standing.lastDay} 已过，不能再${what === '商家优惠' ? '使用商家优惠' : what === '补签' ? '申请补签' : '在驿站签到'}；如服务期已延长，请联系所在县（市、区）团委登记`
}

/** One line for the volunteer: 服务期至 …, or 已期满 with the grace days left. */
export function termLine(standing: TermStanding): string {
  if (standing.kind === 'serving') return `服务期至 ${standing.termEnd}`
  if (standing.kind === 'grace') return `服务期已于 ${standing.termEnd} 期满，宽限期还剩 ${standing.daysLeft} 天（至 ${standing.lastDay}），之后驿站签到和商家优惠停止`
  return `服务期已于 ${standing.termEnd} 期满，宽限期至 ${standing.lastDay} 已结束，驿站签到和商家优惠已停止；仍可报名岗位对接会`
}
