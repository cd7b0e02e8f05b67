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
import { PROJECT_TYPE_LABELS, type InstalmentStatus, type ProjectType, type RepaymentTiming, type RepaymentType } from './vocabulary'

export { INSTALMENT_STATUSES, REPAYMENT_TIMINGS, type InstalmentStatus, type RepaymentTiming } from './vocabulary'

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
  /** Days the loan was overdue: from `since` up to, not including, `until` ('' while it still is). */
  arrears?: readonly { since: string; until: string }[]
  /** What being overdue costs (settings.overdueSubsidyRule; the overdue days by default). */
  overdueRule?: OverdueSubsidyRule
}

/** An overdue loan loses the subsidy of the days it was overdue, or of every period it was overdue in. */
export const OVERDUE_SUBSIDY_RULES = ['forfeit_overdue_days', 'forfeit_period'] as const
export type OverdueSubsidyRule = (typeof OVERDUE_SUBSIDY_RULES)[number]

export interface SubsidyPeriod {
  key: string
  start: string
  /** Last day (inclusive). */
  end: string
  days: number
  openingFen: number
  closingFen: number
  amountFen: number
  /** Days of the period the loan was overdue, and the subsidy they cost (the amount without them, less amountFen). */
  overdueDays: number
  forfeitedFen: number
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

/**
 * Every subsidy period of a loan, from disbursement to the end of accrual. Days the loan was
 * overdue earn nothing (or, under 'forfeit_period', the period they fall in earns nothing); the
 * period says how many and what they cost, both amounts rounded once, half up.
 */
export function subsidyPeriods(terms: SubsidyTerms): SubsidyPeriod[] {
  const start = dayNumber(terms.disbursedOn)
  const stop = dayNumber(accrualEnd(terms))
  // Outstanding principal changes only on repayment days: walk the days in segments.
  const changes = new Map<number, number>()
  for (const r of terms.repayments) changes.set(dayNumber(r.date), (changes.get(dayNumber(r.date)) ?? 0) + r.principalFen)
  const arrears = (terms.arrears ?? []).map((a) => [dayNumber(a.since), a.until ? dayNumber(a.until) : Infinity] as const)
  const overdueOn = (day: number) => arrears.some(([from, until]) => day >= from && day < until)
  const edges = new Set<number>([...changes.keys(), ...arrears.flatMap(([from, until]) => [from, until])])
  let outstanding = terms.amountFen
  for (const [day, fen] of changes) if (day <= start) outstanding -= fen
  const rate = BigInt(terms.subsidyRateBp)
  const denominator = BigInt(10_000 * terms.dayBasis)
  const periods: SubsidyPeriod[] = []
  for (let from = start; from < stop; ) {
    const to = Math.min(nextQuarterStart(from), stop)
    const opening = Math.max(outstanding, 0)
    let full = 0n
    let kept = 0n
    let overdueDays = 0
    let segment = from
    const boundaries = [...edges].filter((d) => d > from && d < to).sort((a, b) => a - b)
    for (const boundary of [...boundaries, to]) {
      const owed = BigInt(Math.max(outstanding, 0)) * rate * BigInt(boundary - segment)
      full += owed
      if (overdueOn(segment)) overdueDays += boundary - segment
      else kept += owed
      if (boundary < to && changes.has(boundary)) outstanding -= changes.get(boundary)!
      segment = boundary
    }
    const whole = roundHalfUp(full, denominator)
    const amountFen = overdueDays > 0 && terms.overdueRule === 'forfeit_period' ? 0 : roundHalfUp(kept, denominator)
    periods.push({ key: quarterKey(from), start: ymdOf(from), end: ymdOf(to - 1), days: to - from, openingFen: opening, closingFen: Math.max(outstanding, 0), amountFen, overdueDays, forfeitedFen: whole - amountFen })
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
  return repaymentSchedule(t)
    .filter((s) => s.principalFen > 0)
    .map((s) => ({ date: s.dueOn, principalFen: s.principalFen }))
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

// ---- the repayment schedule and its reconciliation -------------------------------------------
//
// Instalment interest follows the banks' monthly convention (30/360): each month owes
// outstanding × annual rate / 12, whatever the month's length, computed exactly and rounded
// half up once per instalment. (The subsidy above counts actual days; the two are separate
// rules: the bank's schedule, and the league's subsidy.)

/** The day count the schedule's interest uses, shown with it. */
export const SCHEDULE_INTEREST_BASIS = '30/360' as const
/** 12 months × 10,000 bp: a month's interest is outstanding × rate bp / MONTH_DENOMINATOR. */
const MONTH_DENOMINATOR = 120_000n

export interface Instalment {
  /** 1-based. */
  number: number
  dueOn: string
  /** How many months of interest it carries (1; a bullet loan's one instalment carries the term). */
  months: number
  principalFen: number
  interestFen: number
  totalFen: number
}


/**
 * The schedule the contract sets at disbursement, one instalment a month from disbursement (the
 * last on maturity): 等额本息 a level payment A·r(1+r)ⁿ / ((1+r)ⁿ − 1) (r = rate / 12, computed
 * exactly, rounded half up to the fen) of which interest on the outstanding comes first; 等额本金
 * equal principal parts (the last takes what rounding left) plus interest on the outstanding;
 * 按期付息到期还本 the month's interest each month and the principal with the last; bullet all
 * principal and interest at maturity.
 */
export function repaymentSchedule(t: ContractTerms): Instalment[] {
  const n = contractMonths(t)
  const dueOn = (k: number) => (k === n ? t.maturityOn : addMonths(t.disbursedOn, k))
  const rate = BigInt(t.rateBp)
  const monthInterest = (outstanding: number, months = 1) => roundHalfUp(BigInt(outstanding) * rate * BigInt(months), MONTH_DENOMINATOR)
  const row = (k: number, months: number, principalFen: number, interestFen: number): Instalment => ({ number: k, dueOn: dueOn(k), months, principalFen, interestFen, totalFen: principalFen + interestFen })
  if (t.repaymentType === 'bullet') return [row(n, n, t.amountFen, monthInterest(t.amountFen, n))]
  const out: Instalment[] = []
  let left = t.amountFen
  const growth = (MONTH_DENOMINATOR + rate) ** BigInt(n)
  const level = rate === 0n ? roundHalfUp(BigInt(t.amountFen), BigInt(n)) : roundHalfUp(BigInt(t.amountFen) * rate * growth, MONTH_DENOMINATOR * (growth - MONTH_DENOMINATOR ** BigInt(n)))
  const equalPart = roundHalfUp(BigInt(t.amountFen), BigInt(n))
  for (let k = 1; k <= n; k++) {
    const interest = monthInterest(left)
    const part = t.repaymentType === 'equal_installment' ? level - interest : t.repaymentType === 'equal_principal' ? equalPart : 0
    const principal = k === n ? left : Math.max(0, Math.min(left, part))
    out.push(row(k, 1, principal, interest))
    left -= principal
  }
  return out
}

export interface ReconciledInstalment extends Instalment {
  /** Interest owed on the principal actually outstanding at each of its months' starts (30/360). */
  interestDueFen: number
  paidPrincipalFen: number
  paidInterestFen: number
  status: InstalmentStatus
  /** The day the repayment that settled it was made ('' while unsettled). */
  paidOn: string
}

export interface Arrears {
  /** The earliest unpaid instalment's due date: days past due count from it. */
  dueOn: string
  daysPastDue: number
  /** Principal and interest due and unpaid. */
  amountFen: number
}

export interface Reconciliation {
  instalments: ReconciledInstalment[]
  /** Per repayment, in the order given. */
  timings: RepaymentTiming[]
  arrears: Arrears | null
  /** The due date of the first instalment not settled ('' when all are). */
  nextDueOn: string
}

type Paid = { date: string; principalFen: number; interestFen?: number }

/**
 * The schedule against what was repaid, as of `today` (a Shanghai date): repayments settle the
 * instalments in order, principal against the contract's principal and interest against the
 * interest owed on what was really outstanding (principal repaid early owes no interest after,
 * principal repaid late owes it). An instalment is paid once both are covered; overdue when not
 * and its due date is past; a loan with nothing outstanding owes nothing more. Each repayment is
 * late if an instalment due before its date was unpaid, early if it repays principal beyond the
 * instalment it falls in, on time if it settles that instalment, else partial.
 */
export function reconcile(t: ContractTerms, schedule: readonly Instalment[], repayments: readonly Paid[], today: string): Reconciliation {
  const order = repayments.map((r, i) => ({ ...r, interestFen: r.interestFen ?? 0, i })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i))
  const rate = BigInt(t.rateBp)
  // Principal outstanding at a month's start: what repayments dated on or before it left.
  const outstandingOn = (day: string) => t.amountFen - order.filter((r) => r.date <= day).reduce((n, r) => n + r.principalFen, 0)
  let month = 0
  let contractLeft = t.amountFen
  const cumPrincipal: number[] = []
  const cumInterest: number[] = []
  const interestDue = schedule.map((s) => {
    let owed = 0n
    for (let m = 0; m < s.months; m++, month++) {
      const start = addMonths(t.disbursedOn, month)
      // A month still to begin assumes the contract's repayments before it are made.
      const outstanding = start <= today ? outstandingOn(start) : Math.min(outstandingOn(start), contractLeft)
      owed += BigInt(Math.max(outstanding, 0)) * rate
    }
    contractLeft -= s.principalFen
    return roundHalfUp(owed, MONTH_DENOMINATOR)
  })
  schedule.forEach((s, k) => {
    cumPrincipal.push((cumPrincipal[k - 1] ?? 0) + s.principalFen)
    cumInterest.push((cumInterest[k - 1] ?? 0) + interestDue[k])
  })
  /** How many leading instalments these totals settle (all, once the principal is repaid). */
  const settled = (principal: number, interest: number) => {
    if (principal >= t.amountFen) return schedule.length
    let k = 0
    while (k < schedule.length && cumPrincipal[k] <= principal && cumInterest[k] <= interest) k++
    return k
  }
  const timings: RepaymentTiming[] = new Array(repayments.length)
  const paidOn: string[] = schedule.map(() => '')
  let principal = 0
  let interest = 0
  for (const r of order) {
    const before = settled(principal, interest)
    principal += r.principalFen
    interest += r.interestFen
    const after = settled(principal, interest)
    for (let k = before; k < after; k++) paidOn[k] = r.date
    // The instalment the repayment falls in: the first due on or after its date.
    const current = schedule.findIndex((s) => s.dueOn >= r.date)
    const cur = current === -1 ? schedule.length : current
    timings[r.i] = before < cur ? 'late' : cur < schedule.length && principal > cumPrincipal[cur] ? 'early' : after > cur ? 'on_time' : 'partial'
  }
  const done = settled(principal, interest)
  const instalments = schedule.map((s, k): ReconciledInstalment => {
    const paidPrincipalFen = k < done ? s.principalFen : Math.min(Math.max(principal - (cumPrincipal[k - 1] ?? 0), 0), s.principalFen)
    const paidInterestFen = k < done ? interestDue[k] : Math.min(Math.max(interest - (cumInterest[k - 1] ?? 0), 0), interestDue[k])
    const status: InstalmentStatus = k < done ? 'paid' : s.dueOn < today ? 'overdue' : paidPrincipalFen + paidInterestFen > 0 ? 'partial' : 'due'
    return { ...s, interestDueFen: interestDue[k], paidPrincipalFen, paidInterestFen, status, paidOn: k < done ? paidOn[k] : '' }
  })
  const late = instalments.filter((s) => s.status === 'overdue')
  const arrears = late.length === 0 ? null : { dueOn: late[0].dueOn, daysPastDue: daysBetween(late[0].dueOn, today), amountFen: late.reduce((n, s) => n + s.principalFen - s.paidPrincipalFen + s.interestDueFen - s.paidInterestFen, 0) }
  return { instalments, timings, arrears, nextDueOn: instalments[done]?.dueOn ?? '' }
}

// ---- eligibility at application ---------------------------------------------------------------

/** Whole years from a birth date (YYYY-MM-DD) to a day: a birthday counts from that day (29 February from 1 March in other years). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1
}

export interface EligibilityRules {
  loanAgeMin: number
  loanAgeMax: number
  loanProjectTypes: readonly ProjectType[]
}

/**
 * The first rule of the league's an application breaks, naming the field at fault and the rule
 * (null when it keeps them all): the applicant's age on `today` from the birth date of their ID
 * number, and the project type. (One open application per person is the lock the draft takes; a
 * project must lie in one of the city's townships, which the draft already checks.)
 */
export function eligibilityProblem(a: { birthDate: string; projectType: ProjectType | null }, rules: EligibilityRules, today: string): { field: string; message: string } | null {
  const age = ageOn(a.birthDate, today)
  if (age < rules.loanAgeMin || age > rules.loanAgeMax) {
    return { field: 'birthDate', message: `申请人年龄应为 ${rules.loanAgeMin}–${rules.loanAgeMax} 周岁（按身份证出生日期 ${a.birthDate} 计算，现为 ${age} 周岁）` }
  }
  return projectTypeProblem(a.projectType, rules)
}

// ---- where: 户籍 or business in the city (issue 24 item 6) -------------------------------------

/** The place code of somewhere outside the city (a 户籍 or a project): 「清远市外」. */
export const OUTSIDE_CITY = 'outside'
/** The rule, as the refusal and the loan home state it. */
export const PLACE_RULE = '户籍或创业项目须有一项在清远市内'

/** Which place decides the reviewing county: the project's township when it lies in the city, else the 户籍's. */
export type ReviewBasis = 'project' | 'household'

const inCity = (code: string) => code !== '' && code !== OUTSIDE_CITY

/**
 * Whose county reviews the application: the project's when the project lies in the city; the
 * 户籍's when the project is outside it and the 户籍 is in it; null while that is not known (no
 * project place yet, or a project outside the city with no 户籍 stated). Codes are a township of
 * the city, OUTSIDE_CITY, or '' (not stated; applications from before the 户籍 was asked keep
 * the project in the city, as the rule then was).
 */
export function reviewBasis(a: { projectTownshipCode: string; householdTownshipCode: string }): ReviewBasis | null {
  if (inCity(a.projectTownshipCode)) return 'project'
  if (a.projectTownshipCode === OUTSIDE_CITY && inCity(a.householdTownshipCode)) return 'household'
  return null
}

/**
 * The place rule broken, naming the field (null when kept or not decidable yet): a project
 * outside the city needs a 户籍 in it. `changed` names the field this save sets (the 户籍 when
 * both or neither), so the refusal shows where the person just acted.
 */
export function placeProblem(a: { projectTownshipCode: string; householdTownshipCode: string }, changed: 'householdTownshipCode' | 'project.townshipCode' = 'householdTownshipCode'): { field: string; message: string } | null {
  if (a.projectTownshipCode !== OUTSIDE_CITY || a.householdTownshipCode !== OUTSIDE_CITY) return null
  return { field: changed, message: `${PLACE_RULE}：户籍在清远市外的，创业项目须在清远市内` }
}

/** The project type outside those the league funds, named (null when funded or not chosen yet). */
export function projectTypeProblem(type: ProjectType | null | undefined, rules: Pick<EligibilityRules, 'loanProjectTypes'>): { field: string; message: string } | null {
  if (!type || rules.loanProjectTypes.includes(type)) return null
  return { field: 'project.type', message: `「${PROJECT_TYPE_LABELS[type]}」不在本期贴息贷款支持的项目类型内（支持：${rules.loanProjectTypes.map((t) => PROJECT_TYPE_LABELS[t]).join('、')}）` }
}
