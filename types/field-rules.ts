// The rules of single fields, as both sides apply them: the contract's schemas (common.ts's
// text() and freeText(), integer()) are built from these, and the app's forms check a would-be
// request with them, without zod (zod would not fit in a subpackage's size budget). Each check
// returns the first problem the schema would report, in the schema's words, or '' when there is none.
// No zod, no dates library: any page can import it.
import { isRealDate } from './date-rules'

/** A problem with a request, at the field its path names: the shape of a zod issue, without zod. */
export interface Issue {
  path: (string | number)[]
  message: string
}

/**
 * Collects the problems of a would-be request: `at(path, message, wrongType)` keeps each non-empty
 * one. As in zod, a value of the wrong type (nothing typed: undefined, NaN) stops the checks that
 * compare fields (`comparable()` is then false); a value out of bounds does not.
 */
export function issueList() {
  const issues: Issue[] = []
  let typesRight = true
  return {
    issues,
    at(path: string | (string | number)[], message: string, wrongType = false): void {
      if (!message) return
      issues.push({ path: typeof path === 'string' ? [path] : path, message })
      if (wrongType) typesRight = false
    },
    comparable: () => typesRight,
  }
}

/** A number zod takes as one (not NaN, not infinite). */
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

// ---- text ------------------------------------------------------------------------------------

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
/** Text carrying control characters (pasted from elsewhere) is refused. */
export const hasControlCharacters = (s: string) => CONTROL_CHARACTERS.test(s)
/** Text others may read must not carry anyone's phone or ID number. */
export const carriesPersonalNumber = (s: string) => /1[3-9]\d{9}|\d{15,}/.test(s.replace(/[\s-]/g, ''))

/** What free text (possibly empty, trimmed, at most `max` characters) may be told. */
export function freeTextMessages(label: string, max: number, typeError = `${label}应为文字`) {
  return {
    type: typeError,
    tooLong: `${label}不能超过 ${max} 个字`,
    controlCharacters: `${label}含有无效字符`,
    personalNumber: `为保护个人信息，${label}中请勿填写手机号或证件号`,
  }
}

/** What required text (at least `min` characters) may be told. */
export function textMessages(label: string, max: number, min = 1) {
  return { ...freeTextMessages(label, max, `请填写${label}`), tooShort: min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字` }
}

/** freeText(label, max)'s first problem with a value. */
export function freeTextProblem(label: string, max: number, value: unknown): string {
  const m = freeTextMessages(label, max)
  if (typeof value !== 'string') return m.type
  const s = value.trim()
  if (s.length > max) return m.tooLong
  if (hasControlCharacters(s)) return m.controlCharacters
  if (carriesPersonalNumber(s)) return m.personalNumber
  return ''
}

/** text(label, max, min)'s first problem with a value. */
export function textProblem(label: string, max: number, min: number, value: unknown): string {
  if (typeof value !== 'string') return `请填写${label}`
  return freeTextProblem(label, max, value) || (value.trim().length < min ? textMessages(label, max, min).tooShort : '')
}

// ---- whole numbers -------------------------------------------------------------------------------

/** A whole number within bounds, with what each problem is called. */
export interface IntegerRule {
  label: string
  min: number
  max: number
  /** Not a number at all (nothing typed). */
  missing: string
  notInteger: string
  tooSmall: string
  tooBig: string
}

/** integer(rule)'s first problem with a value. */
export function integerProblem(rule: IntegerRule, value: unknown): string {
  if (!isNumber(value)) return rule.missing
  if (!Number.isSafeInteger(value)) return rule.notInteger
  if (value < rule.min) return rule.tooSmall
  if (value > rule.max) return rule.tooBig
  return ''
}

// ---- coordinates ---------------------------------------------------------------------------------

/** Where a coordinate may lie: mainland China's bounds, with the contract's messages. */
export const COORDINATE_BOUNDS = {
  lat: { min: 3, max: 54, missing: '缺少纬度', outside: '纬度超出范围' },
  lng: { min: 73, max: 136, missing: '缺少经度', outside: '经度超出范围' },
} as const

/** A coordinate's first problem per axis (Coordinate's checks), each at `[...path, axis]`; `at` as issueList's. */
export function checkCoordinate(c: { lat: number; lng: number }, path: (string | number)[], at: (path: (string | number)[], message: string, wrongType: boolean) => void): void {
  for (const axis of ['lat', 'lng'] as const) {
    const v = c[axis]
    const b = COORDINATE_BOUNDS[axis]
    at([...path, axis], !isNumber(v) ? b.missing : v < b.min || v > b.max ? b.outside : '', !isNumber(v))
  }
}

// ---- times and dates (Shanghai wall clock) -------------------------------------------------------

/** HH:mm, 00:00–23:59. */
export const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/
/** 'YYYY-MM-DD HH:mm'. */
export const MOMENT_PATTERN = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d$/

/** What a picked time, date or moment may be told. */
export const whenMessages = (label: string) => ({
  missing: `请选择${label}`,
  clockFormat: `${label}格式应为 08:30`,
  momentFormat: `${label}格式应为 2026-12-01 18:00`,
  noSuchDay: `${label}不是有效日期`,
})

/** clock(label)'s first problem with a value. */
export function clockProblem(label: string, value: unknown): string {
  const m = whenMessages(label)
  return typeof value !== 'string' ? m.missing : CLOCK_PATTERN.test(value) ? '' : m.clockFormat
}

/** date(label)'s first problem with a value (YYYY-MM-DD, a day that exists). */
export function dateProblem(label: string, value: unknown): string {
  const m = whenMessages(label)
  return typeof value !== 'string' ? m.missing : isRealDate(value) ? '' : m.noSuchDay
}

/** moment(label)'s first problem with a value ('YYYY-MM-DD HH:mm', a day that exists). */
export function momentProblem(label: string, value: unknown): string {
  const m = whenMessages(label)
  return typeof value !== 'string' ? m.missing : !MOMENT_PATTERN.test(value) ? m.momentFormat : isRealDate(value.slice(0, 10)) ? '' : m.noSuchDay
}
