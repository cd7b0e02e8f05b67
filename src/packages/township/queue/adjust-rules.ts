// 调整时长's rules, by the functions' own (types/credit-rules.ts): what is wrong with the minutes
// typed, and which figures the presets offer. No Taro here: unit-tested in Node.
import { MAX_RECORD_MINUTES, overSpanMessage, ZERO_CREDIT_MESSAGE } from '@contract/credit-rules'
import type { Item } from './rules'

/** The most a caller may credit this record (the contract says it per record). */
export const maxCredit = (item: Item | null) => item?.maxCreditMinutes ?? 0

/** True when the caller may credit no more than the record itself (not a county admin or above). */
export const cappedAtRecord = (item: Item | null) => maxCredit(item) < MAX_RECORD_MINUTES

/** The figure typed, NaN when blank. */
export const minutesOf = (typed: string) => (typed.trim() === '' ? NaN : Number(typed))

/** What is wrong with the minutes typed ('' when nothing). */
export function minutesProblem(typed: string, item: Item | null): string {
  if (typed.trim() === '') return '请填写计入时长'
  const value = minutesOf(typed)
  if (!Number.isInteger(value)) return '请填写整数分钟'
  if (value < 1) return ZERO_CREDIT_MESSAGE
  if (item && value > maxCredit(item)) return cappedAtRecord(item) ? overSpanMessage(item.minutes) : '时长不能超过 24 小时'
  return ''
}

/** Only figures the caller may credit: the record as it is, the daily cap below it, round hours within it. */
export function adjustPresets(item: Item | null, dailyCap: number | null): number[] {
  if (!item) return []
  const max = maxCredit(item)
  return [...new Set([item.minutes, ...(dailyCap !== null && item.minutes > dailyCap ? [dailyCap] : []), 30, 60, 120].filter((m) => m >= 1 && m <= max))]
}

/** The reason is required: at least 2 characters. */
export const reasonProblem = (reason: string) => (reason.trim().length < 2 ? '请填写调整理由（至少 2 个字）' : '')
