// Personal data rules: resident ID numbers (GB 11643: checksum, birth date, gender), mobile
// numbers, and how each is masked. No zod here, so forms and main-package code can use it;
// the schemas in registration.ts refine with it.
import { isRealDate } from './date-rules'

/** A real name: 2–20 汉字 (with ·), or a name in Latin letters. */
export const PERSON_NAME_PATTERN = /^[\u4e00-\u9fa5·]{2,20}$|^[A-Za-z][A-Za-z .-]{1,39}$/

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export interface IdCardFacts {
  /** YYYY-MM-DD */
  birthDate: string
  gender: 'male' | 'female'
  /** The six-digit administrative code of where it was issued. */
  regionCode: string
}

/** Upper-cases a trailing x and removes spaces, as people type it. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

/** The check character an ID's first 17 digits call for (mod 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/**
 * Why an ID number is not valid, in Chinese, or null when it is. `today` (YYYY-MM-DD) bounds
 * the birth date: nobody is born in the future.
 */
export function idNumberProblem(id: string, today: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为 18 位，最后一位可以是数字或 X'
  if (!/^[1-8]\d{5}/.test(id)) return '身份证号的地区码无效'
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isRealDate(birth) || birth < '1900-01-01' || birth > today) return '身份证号中的出生日期无效'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对'
  return null
}

export function idCardFacts(id: string): IdCardFacts {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  }
}

/** A calendar date that exists (date-rules.ts), importable from here as before. */
export { isRealDate }

/** 440102199001011234 → 4401**********1234 */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}` : ''
}

/** Mainland mobile numbers. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** 13800138000 → 138****8000 */
export function maskMobile(mobile: string): string {
  return MOBILE_PATTERN.test(mobile) ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : ''
}

/** A name for someone else's screen: 林晓雨 → 林*雨, 黄明 → 黄*. */
/** A bank card or account number as people type it: 12–30 digits, spaces allowed. */
export const BANK_ACCOUNT_PATTERN = /^\d{12,30}$/

/** The digits of an account number as typed (spaces and dashes dropped). */
export const normalizeBankAccount = (raw: string) => raw.replace(/[\s-]/g, '')

/** 6217 **** **** 1234: the first four and last four digits. */
export function maskBankAccount(account: string): string {
  return account.length >= 8 ? `${account.slice(0, 4)} **** **** ${account.slice(-4)}` : ''
}

export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
