// The interest-subsidy rule (据实贴息), pure and exact: which LPR applies, the subsidised rate,
// and each period's amount. Dates are calendar dates (YYYY-MM-DD); money is integer fen.
//
// The rule, as the league and the banks apply it:
// - The rate subsidised is min(actual rate, LPR + spread), the LPR being the one in force on the
//   disbursement date (the latest effective date on or before it): the 1-year LPR for terms of
//   up to 60 months, the 5-year LPR beyond. Later LPR changes do not move it.
// - Interest runs from the disbursement date up to, not including, the earlier of the maturity
//   date and the day the principal is fully repaid (算头不算尾). Principal repaid on a day stops
//   earning interest from that day.
// - Periods are calendar quarters (the first and last cut at disbursement and end).
// - A period's subsidy = Σ over its days of outstanding fen × subsidised rate bp / (10000 × day
//   basis), summed exactly and rounded once, half up, to the fen.
import { dayjs } from './time'
import type { RepaymentType } from './vocabulary'

export interface LprEntry {
  effectiveDate: string
  oneYearBp: number
  fiveYearBp: number
}

export interface SubsidyTerms {
  amountFen: number
  disbursedOn: string
  maturityOn: string
  subsidyRateBp: number
  dayBasis: number
  /** Principal repaid, by date (any order). */
  repayments: readonly { date: string; principalFen: number }[]
}

export interface SubsidyPeriod {
  key: string
  start: string
  /** Last day (inclusive). */
  end: string
  days: number
  openingFen: number
  closingFen: number
  amountFen: number
}

const DAY_MS = 86_400_000
const dayNumber = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY_MS
const ymdOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a)
}

/** The date n months after a date, clamped to the month's end (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(ymd: string, months: number): string {
  return dayjs.utc(ymd).add(months, 'month').format('YYYY-MM-DD')
}

/** The LPR tenor a term uses: 1-year for loans of up to five years. */
export function lprTenor(termMonths: number): '1y' | '5y' {
  return termMonths <= 60 ? '1y' : '5y'
}

/** The LPR in force on a date (null if the table starts later). */
export function lprOn(table: readonly LprEntry[], date: string): LprEntry | null {
  let found: LprEntry | null = null
  for (const row of table) if (row.effectiveDate <= date && (!found || row.effectiveDate > found.effectiveDate)) found = row
  return found
}

/** min(actual, LPR + spread), in bp. */
export function subsidyRate(actualBp: number, lprBp: number, spreadBp: number): number {
  return Math.min(actualBp, lprBp + spreadBp)
}

/** Exact n / d rounded half up (n, d ≥ 0). */
function roundHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d))
}

/** The day interest stops: maturity, or the day the last of the principal was repaid if earlier. */
export function accrualEnd(terms: Pick<SubsidyTerms, 'amountFen' | 'maturityOn' | 'repayments'>): string {
  const sorted = [...terms.repayments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  let outstanding = terms.amountFen
  for (const r of sorted) {
    outstanding -= r.principalFen
    if (outstanding <= 0) return r.date < terms.maturityOn ? r.date : terms.maturityOn
  }
  return terms.maturityOn
}

const quarterKey = (day: number) => {
  const ymd = ymdOf(day)
  return `${ymd.slice(0, 4)}-Q${Math.floor((Number(ymd.slice(5, 7)) - 1) / 3) + 1}`
}
/** The first day of the quarter after the one holding `day`. */
const nextQuarterStart = (day: number) => {
  const ymd = ymdOf(day)
  const year = Number(ymd.slice(0, 4))
  const nextMonth = Math.floor((Number(ymd.slice(5, 7)) - 1) / 3) * 3 + 3
  return Date.UTC(year + Math.floor(nextMonth / 12), nextMonth % 12, 1) / DAY_MS
}

/** Every subsidy period of a loan, from disbursement to the end of accrual. */
export function subsidyPeriods(terms: SubsidyTerms): SubsidyPeriod[] {
  const start = dayNumber(terms.disbursedOn)
  const stop = dayNumber(accrualEnd(terms))
  // Outstanding principal changes only on repayment days: walk the days in segments.
  const changes = new Map<number, number>()
  for (const r of terms.repayments) changes.set(dayNumber(r.date), (changes.get(dayNumber(r.date)) ?? 0) + r.principalFen)
  let outstanding = terms.amountFen
  for (const [day, fen] of changes) if (day <= start) outstanding -= fen
  const rate = BigInt(terms.subsidyRateBp)
  const denominator = BigInt(10_000 * terms.dayBasis)
  const periods: SubsidyPeriod[] = []
  for (let from = start; from < stop; ) {
    const to = Math.min(nextQuarterStart(from), stop)
    const opening = Math.max(outstanding, 0)
    let numerator = 0n
    let segment = from
    const boundaries = [...changes.keys()].filter((d) => d > from && d < to).sort((a, b) => a - b)
    for (const boundary of [...boundaries, to]) {
      numerator += BigInt(Math.max(outstanding, 0)) * rate * BigInt(boundary - segment)
      if (boundary < to) outstanding -= changes.get(boundary)!
      segment = boundary
    }
    periods.push({ key: quarterKey(from), start: ymdOf(from), end: ymdOf(to - 1), days: to - from, openingFen: opening, closingFen: Math.max(outstanding, 0), amountFen: roundHalfUp(numerator, denominator) })
    if (changes.has(to)) outstanding -= changes.get(to)!
    from = to
  }
  return periods
}

export interface ContractTerms {
  amountFen: number
  disbursedOn: string
  maturityOn: string
  /** The loan's actual annual rate, in bp. */
  rateBp: number
  repaymentType: RepaymentType
}

/** Whole months from disbursement to maturity (at least one). */
function contractMonths(t: Pick<ContractTerms, 'disbursedOn' | 'maturityOn'>): number {
  let n = 1
  while (addMonths(t.disbursedOn, n) < t.maturityOn) n++
  return n
}

/**
 * The principal the contract repays on each instalment date (monthly from disbursement; the last
 * on maturity): 等额本息 amortises a level payment at the actual rate, 等额本金 repays equal parts,
 * interest-only and bullet loans repay it all at maturity. Fen are whole; the last instalment
 * takes what rounding left.
 */
export function contractPrincipal(t: ContractTerms): { date: string; principalFen: number }[] {
  const n = contractMonths(t)
  const dateOf = (k: number) => (k === n ? t.maturityOn : addMonths(t.disbursedOn, k))
  if (t.repaymentType === 'interest_only' || t.repaymentType === 'bullet') return [{ date: t.maturityOn, principalFen: t.amountFen }]
  const out: { date: string; principalFen: number }[] = []
  let left = t.amountFen
  const r = t.rateBp / 10_000 / 12
  const payment = r === 0 ? t.amountFen / n : (t.amountFen * r) / (1 - (1 + r) ** -n)
  for (let k = 1; k <= n; k++) {
    const due = k === n ? left : Math.min(left, Math.round(t.repaymentType === 'equal_principal' ? t.amountFen / n : payment - left * r))
    out.push({ date: dateOf(k), principalFen: due })
    left -= due
  }
  return out
}

/**
 * The repayments a projection assumes: those recorded, then from the day after `today` the
 * contract's instalments, each bringing the outstanding principal down to where the contract
 * has it (none while the borrower is ahead), and the rest at maturity.
 */
export function projectedRepayments(t: ContractTerms, recorded: readonly { date: string; principalFen: number }[], today: string): { date: string; principalFen: number }[] {
  let outstanding = t.amountFen - recorded.reduce((n, r) => n + r.principalFen, 0)
  const out = [...recorded]
  let contractLeft = t.amountFen
  for (const due of contractPrincipal(t)) {
    contractLeft -= due.principalFen
    if (due.date <= today || outstanding <= 0) continue
    const pay = Math.max(0, outstanding - contractLeft)
    if (pay > 0) {
      out.push({ date: due.date, principalFen: pay })
      outstanding -= pay
    }
  }
  return out
}
