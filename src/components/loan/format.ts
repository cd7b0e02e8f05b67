// Money, rates and dates of the loan pages, exact: money travels as integer fen and rates as
// basis points; what people type (yuan, percentages) is parsed as decimal text, digit by digit,
// never through floating-point multiplication. No zod, no dayjs (subpackages only).
import type { LoanStatus } from '@contract/vocabulary'

/** 1234567 → '1,234,567' (no Intl: the same on every phone). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Integer fen as yuan text: 20000000 → '200,000.00'. */
export function yuanText(fen: number): string {
  const negative = fen < 0
  const abs = Math.abs(Math.round(fen))
  const whole = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${negative ? '-' : ''}${group(String(whole))}.${cents}`
}

/** 20000000 → '200,000.00 元'. */
export function yuan(fen: number): string {
  return `${yuanText(fen)} 元`
}

/** Whole yuan when there are no cents: 20000000 → '200,000 元', 12345 → '123.45 元'. */
export function yuanShort(fen: number): string {
  if (fen % 100 !== 0) return yuan(fen)
  return `${fen < 0 ? '-' : ''}${group(String(Math.abs(fen) / 100))} 元`
}

/** In 万元 with at most two decimals (reports): 28000000_00 → '2,800', 1_234_567 → '1.23'. */
export function wan(fen: number): string {
  // 1 万元 = 1,000,000 fen; round half up to 0.01 万元 (100 元) with integers only.
  const hundredYuan = Math.floor((Math.abs(fen) + 5000) / 10000)
  const whole = Math.floor(hundredYuan / 100)
  const frac = hundredYuan % 100
  const text = frac === 0 ? group(String(whole)) : `${group(String(whole))}.${String(frac).padStart(2, '0').replace(/0$/, '')}`
  return fen < 0 ? `-${text}` : text
}

/** Fen as the text an input starts with: 20000000 → '200000', 12345 → '123.45'. */
export function fenToInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const whole = Math.floor(fen / 100)
  const cents = fen % 100
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`
}

export type Parsed = { ok: true; value: number } | { ok: false; error: string }

/** Yuan typed by a person ('200000', '1,500.5', '２００') as integer fen, or why not. */
export function parseYuan(text: string, label = '金额'): Parsed {
  const s = toHalfWidth(text).trim().replace(/[,，\s]/g, '').replace(/元$/, '')
  if (!s) return { ok: false, error: `请填写${label}` }
  if (/^\d+\.\d{3,}$/.test(s)) return { ok: false, error: `${label}最多精确到分（两位小数）` }
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return { ok: false, error: `${label}只能填写数字，例如 200000 或 1500.50` }
  const whole = m[1].replace(/^0+(?=\d)/, '')
  if (whole.length > 9) return { ok: false, error: `${label}过大` }
  // Digits, not arithmetic: '1500' + '50' → 150050 fen.
  return { ok: true, value: Number(`${whole}${(m[2] ?? '').padEnd(2, '0')}`) }
}

/** A percentage typed by a person ('4.35', '4.3', '4') as basis points (435, 430, 400), or why not. */
export function parsePercent(text: string, label = '利率'): Parsed {
  const s = toHalfWidth(text).trim().replace(/\s/g, '').replace(/[%％]$/, '')
  if (!s) return { ok: false, error: `请填写${label}` }
  if (/^\d+\.\d{3,}$/.test(s)) return { ok: false, error: `${label}最多两位小数（1 个基点 = 0.01%）` }
  const m = /^(\d{1,2})(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return { ok: false, error: `${label}请填写百分数，例如 4.35` }
  return { ok: true, value: Number(`${m[1]}${(m[2] ?? '').padEnd(2, '0')}`) }
}

/** A whole number typed by a person, within bounds. */
export function parseWhole(text: string, label: string, min: number, max: number, unit = ''): Parsed {
  const s = toHalfWidth(text).trim()
  if (!s) return { ok: false, error: `请填写${label}` }
  if (!/^\d+$/.test(s)) return { ok: false, error: `${label}请填写整数` }
  const n = Number(s)
  if (n < min) return { ok: false, error: `${label}至少 ${min}${unit}` }
  if (n > max) return { ok: false, error: `${label}最多 ${max}${unit}` }
  return { ok: true, value: n }
}

/** Full-width digits and dots (中文输入法) as ASCII. */
function toHalfWidth(s: string): string {
  return s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** Basis points as a percentage: 435 → '4.35%'. */
export function percent(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`
}

/** Basis points as the text an input starts with: 435 → '4.35', 400 → '4.00'. */
export function bpToInput(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '' : percent(bp).slice(0, -1)
}

/** Bytes as people read them. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toString()} MB`
}

/** '2026-Q4' → '2026 年第四季度'; short: '26Q4'. */
export function quarterLabel(key: string, short = false): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(key)
  if (!m) return key
  if (short) return `${m[1].slice(2)}年Q${m[2]}`
  return `${m[1]} 年第${'一二三四'[Number(m[2]) - 1]}季度`
}

/** Statuses in which the applicant still has an application going (one at a time). */
export const OPEN_STATUSES: readonly LoanStatus[] = ['draft', 'submitted', 'city_review', 'bank_review', 'returned', 'approved', 'disbursed', 'in_subsidy']
/** Statuses the applicant can still edit. */
export const EDITABLE_STATUSES: readonly LoanStatus[] = ['draft', 'returned']

export type Tone = 'brand' | 'green' | 'grey' | 'amber' | 'blue'
export const STATUS_TONE: Record<LoanStatus, Tone> = {
  draft: 'grey',
  submitted: 'amber',
  city_review: 'amber',
  bank_review: 'blue',
  approved: 'blue',
  disbursed: 'green',
  in_subsidy: 'green',
  closed: 'grey',
  rejected: 'brand',
  withdrawn: 'grey',
  returned: 'amber',
  lapsed: 'grey',
}

/** How far along the road an application is: 0 申请 … 5 贴息 (−1: ended without a loan). */
export function stageIndex(status: LoanStatus): number {
  switch (status) {
    case 'draft':
    case 'returned':
      return 0
    case 'submitted':
      return 1
    case 'city_review':
      return 2
    case 'bank_review':
      return 3
    case 'approved':
      return 4
    case 'disbursed':
    case 'in_subsidy':
    case 'closed':
      return 5
    default:
      return -1
  }
}
export const STAGES = ['提交申请', '县团委', '团市委', '银行审批', '放款', '贴息'] as const

/** What each kind of event in an application's history is called. */
export function eventLabel(action: string, office = ''): string {
  const fixed: Record<string, string> = {
    create: '创建申请草稿',
    submit: '提交申请',
    resubmit: '补充材料后重新提交',
    withdraw: '撤回申请',
    bank_approve: '银行批准贷款',
    bank_reject: '银行不予批准',
    bank_return: '银行退回，请补充材料',
    disburse: '银行放款',
    repay: '登记还款',
    approve_subsidy: '贴息已核准',
    lapse: '银行未在期限内放款，申请失效',
  }
  if (fixed[action]) return fixed[action]
  if (action.endsWith('_approve')) return `${office}审核通过`
  if (action.endsWith('_reject')) return `${office}审核未通过`
  if (action.endsWith('_return')) return `${office}退回，请补充材料`
  return action
}
