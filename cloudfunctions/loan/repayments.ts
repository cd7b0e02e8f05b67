// After disbursement: the repayment schedule kept on the loan, what was repaid against it, and
// arrears. The daily check (followUpRepayments) marks a loan overdue when an instalment is unpaid
// after its due date and reminds the borrower before each instalment; a repayment that settles
// the arrears clears them at once. The days a loan was overdue are kept (arrearsHistory), since
// the subsidy of those days is forfeited (types/loan-rules.ts subsidyPeriods).
import { reconcile, repaymentSchedule, subsidyPeriods, type ContractTerms, type Instalment, type OverdueSubsidyRule, type Reconciliation, type SubsidyTerms } from '../../types/loan-rules'
import { dayjs, shanghaiDate, shanghaiDaysAhead, wechatTime } from '../../types/time'
import { LOAN_STATUS_LABELS, type LoanStatus } from '../../types/vocabulary'
import { audit } from '../_shared/audit'
import { _, db } from '../_shared/cloud'
import { COLLECTIONS, type LoanDoc as StoredLoan, type LoanEvent, type LoanLockDoc } from '../_shared/collections'
import { notifyEach, type AnyNotice, type Recipient } from '../_shared/notify'
import { READ_CAP } from '../_shared/paging'
import { claimReminder, timeBudget } from '../_shared/reminders'

/** A repayment as recorded: principal, and (since schedules are kept) the interest paid with it and the page's request id. */
export type Repayment = StoredLoan['repayments'][number] & { interestFen?: number; requestId?: string }

/** The transfer of one approved subsidy period to the applicant, as the city recorded it. */
export interface SubsidyPayment {
  key: string
  paidOn: string
  transferRef: string
  amountFen: number
  at: Date
  by: string
  byName: string
}

/** Overdue now: since the first day past due (an interval of arrearsHistory when cleared), the oldest unpaid instalment's due date, and what is unpaid. */
export interface OverdueMark {
  since: string
  dueOn: string
  amountFen: number
}

export interface Outcome {
  year: 1 | 2
  askedOn: string
  reported: { jobsCreated: number; householdsHelped: number; note: string; at: Date; by: string } | null
  confirmed: { jobsCreated: number; householdsHelped: number; at: Date; by: string; byName: string } | null
}

/** A loan with what came after disbursement (absent on loans disbursed before schedules were kept). */
export type LoanDoc = Omit<StoredLoan, 'repayments' | 'subsidies'> & {
  repayments: Repayment[]
  subsidies: (StoredLoan['subsidies'][number] & { forfeitedFen?: number })[]
  schedule?: Instalment[]
  overdue?: OverdueMark | null
  arrearsHistory?: { since: string; until: string }[]
  /** The due date of the first instalment not settled ('' when none): the daily check's reminders. */
  nextDueOn?: string
  subsidyPayments?: SubsidyPayment[]
  /** Asked a year and two years after disbursement (outcomes.ts). */
  outcomes?: Outcome[]
  /** The latest figures the county confirmed (the reports sum them beside the promised ones). */
  confirmedJobs?: number
  confirmedHouseholds?: number
  /** The applicant's ID number and mobile as submitted, masked: shown without reading the registration on every answer. */
  applicantMasked?: { idMasked: string; mobileMasked: string }
}

const loans = () => db.collection<LoanDoc>(COLLECTIONS.loans)
/** A loan being repaid (its subsidy running). */
export const LENDING: readonly LoanStatus[] = ['disbursed', 'in_subsidy']
/** The states of a loan once disbursed (its disbursement, repayments and subsidies stay with it). */
export const LENT: LoanStatus[] = [...LENDING, 'closed']
/** The applicant's page of a loan, where their notices lead. */
export const APPLICANT_PAGE = 'packages/loan/detail/index'
/** Within the loan function's 20 s timeout, with a margin. */
const TIMER_WORK_MS = 14_000
/** Borrowers are reminded this many days before an instalment falls due. */
export const DUE_REMINDER_DAYS = 7
export const dayAfter = (ymd: string) => dayjs.utc(ymd).add(1, 'day').format('YYYY-MM-DD')
/** Fen in words: 1,768.47 元. */
export const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`

export function contractOf(l: Pick<LoanDoc, 'disbursement'>): ContractTerms | null {
  const d = l.disbursement
  return d ? { amountFen: d.amountFen, disbursedOn: d.disbursedOn, maturityOn: d.maturityOn, rateBp: d.rateBp, repaymentType: d.repaymentType } : null
}

/** The schedule set at disbursement (computed the same way for loans disbursed before it was kept). */
export function scheduleOf(l: Pick<LoanDoc, 'disbursement' | 'schedule'>): Instalment[] {
  const contract = contractOf(l)
  return l.schedule ?? (contract ? repaymentSchedule(contract) : [])
}

/** Where the loan stands against its schedule today (null before disbursement). */
export function standing(l: Pick<LoanDoc, 'disbursement' | 'schedule' | 'repayments'>, today: string): Reconciliation | null {
  const contract = contractOf(l)
  return contract ? reconcile(contract, scheduleOf(l), l.repayments, today) : null
}

/** The days the loan was overdue, closed and open, as the subsidy rule reads them. */
export function arrearsOf(l: Pick<LoanDoc, 'overdue' | 'arrearsHistory'>): { since: string; until: string }[] {
  return [...(l.arrearsHistory ?? []), ...(l.overdue ? [{ since: l.overdue.since, until: '' }] : [])]
}

export function subsidyTermsOf(l: Pick<LoanDoc, 'disbursement' | 'repayments' | 'overdue' | 'arrearsHistory'>, rule: OverdueSubsidyRule): SubsidyTerms | null {
  const d = l.disbursement
  if (!d) return null
  return { amountFen: d.amountFen, disbursedOn: d.disbursedOn, maturityOn: d.maturityOn, subsidyRateBp: d.subsidyRateBp, dayBasis: d.dayBasis, repayments: l.repayments, arrears: arrearsOf(l), overdueRule: rule }
}

/** Where the subsidy stands: the next period awaiting approval (due from the day after it ends), and whether the loan is settled. */
export function subsidyState(l: Pick<LoanDoc, 'disbursement' | 'repayments' | 'subsidies' | 'outstandingFen' | 'overdue' | 'arrearsHistory'>, rule: OverdueSubsidyRule): { dueFrom: string; settled: boolean } {
  const terms = subsidyTermsOf(l, rule)
  if (!terms) return { dueFrom: '', settled: false }
  const next = subsidyPeriods(terms)[l.subsidies.length]
  return { dueFrom: next ? dayAfter(next.end) : '', settled: !next && l.outstandingFen === 0 }
}

export interface ArrearsFields {
  overdue: OverdueMark | null
  arrearsHistory: { since: string; until: string }[]
  nextDueOn: string
}

/**
 * The arrears fields after reconciling: the daily check marks a loan overdue (`mark`), from the
 * day after the oldest unpaid instalment fell due; a loan marked overdue and no longer in arrears
 * is cleared as of `clearedOn` (the repayment's date, or today), its days kept in the history.
 */
export function arrearsFields(l: Pick<LoanDoc, 'overdue' | 'arrearsHistory'>, rec: Reconciliation, options: { mark: boolean; clearedOn: string }): ArrearsFields {
  const history = l.arrearsHistory ?? []
  const was = l.overdue ?? null
  let overdue: OverdueMark | null = was
  if (rec.arrears) {
    if (was) overdue = { since: was.since, dueOn: rec.arrears.dueOn, amountFen: rec.arrears.amountFen }
    else if (options.mark) overdue = { since: dayAfter(rec.arrears.dueOn), dueOn: rec.arrears.dueOn, amountFen: rec.arrears.amountFen }
  } else overdue = null
  const cleared = was && !overdue ? [{ since: was.since, until: options.clearedOn < was.since ? was.since : options.clearedOn }] : []
  return { overdue, arrearsHistory: [...history, ...cleared], nextDueOn: rec.nextDueOn }
}

const sameArrears = (l: LoanDoc, f: ArrearsFields) =>
  JSON.stringify([l.overdue ?? null, l.arrearsHistory ?? [], l.nextDueOn ?? '']) === JSON.stringify([f.overdue, f.arrearsHistory, f.nextDueOn])

export function applicantOf(l: LoanDoc): Recipient {
  return { userId: l.applicantId, openid: l.applicantOpenid }
}

/** A step of the application told to the applicant (消息, and the `review` subscribe message): what happened, and a note. */
export function decisionNotice(l: LoanDoc, what: string, note: string): AnyNotice {
  return { template: 'review', page: `${APPLICANT_PAGE}?id=${l._id}`, values: { thing1: `创业贷款：${l.project.title || '申请'}`, phrase2: what, thing3: note || LOAN_STATUS_LABELS[l.status] } }
}

/** The applicant's one open application ends with this loan: they may start another. */
export async function releaseLock(l: LoanDoc): Promise<void> {
  await db.collection<LoanLockDoc>(COLLECTIONS.loanLocks).where({ _id: l.applicantId, loanId: l._id }).remove()
}

/**
 * Daily (Shanghai morning): every loan being repaid is reconciled with today's date. A loan with
 * an instalment unpaid after its due date is marked overdue (its borrower told once), one whose
 * arrears were settled is cleared, and a borrower whose next instalment falls due within
 * DUE_REMINDER_DAYS is reminded once per instalment. Writes only what changed (conditional on the
 * loan's version, so a repayment recorded meanwhile wins and the next run sees it): running it
 * twice changes nothing. Pages by _id within a time budget; the next run goes on.
 */
export async function followUpRepayments(now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(TIMER_WORK_MS)
  let after = ''
  const tally = { loans: 0, marked: 0, cleared: 0, reminded: 0, done: false }
  for (;;) {
    if (!budget.left()) return tally
    const { data } = await loans()
      .where({ status: _.in([...LENDING]), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(READ_CAP)
      .get()
    const notices: { to: Recipient; notice: AnyNotice }[] = []
    await Promise.all(data.map((l) => followUp(l, now, tally, notices)))
    await notifyEach(notices, now)
    tally.loans += data.length
    tally.reminded += notices.length
    if (data.length < READ_CAP) break
    after = data[data.length - 1]._id
  }
  tally.done = true
  return tally
}

/** What the daily check does to one loan at an instant: by the Shanghai date of `now`, whatever the UTC date. */
export interface FollowUpPlan {
  /** The arrears fields to write (null: unchanged). */
  fields: ArrearsFields | null
  /** Marked overdue now (its notice claimed by `overdueKey`), or cleared now. */
  newly: boolean
  cleared: boolean
  overdueKey: string
  /** The instalment due within DUE_REMINDER_DAYS to remind of, claimed once by `dueKey` (whichever day's run comes first). */
  due: { number: number; dueOn: string; owedFen: number } | null
  dueKey: string
}

/** The daily check's decision for a loan (pure): reconciled as of the Shanghai date of `now`. */
export function followUpPlan(l: LoanDoc, now: Date | number): FollowUpPlan | null {
  const today = shanghaiDate(now)
  const rec = standing(l, today)
  if (!rec) return null
  const fields = arrearsFields(l, rec, { mark: true, clearedOn: today })
  const changed = !sameArrears(l, fields)
  const next = rec.instalments.find((s) => s.status !== 'paid' && s.dueOn > today)
  const due = next && next.dueOn <= shanghaiDaysAhead(now, DUE_REMINDER_DAYS) ? { number: next.number, dueOn: next.dueOn, owedFen: next.principalFen - next.paidPrincipalFen + next.interestDueFen - next.paidInterestFen } : null
  return {
    fields: changed ? fields : null,
    newly: changed && !!fields.overdue && !l.overdue,
    cleared: changed && !fields.overdue && !!l.overdue,
    overdueKey: fields.overdue ? `loan:overdue:${l._id}:${fields.overdue.since}` : '',
    due,
    dueKey: due ? `loan:due:${l._id}:${due.number}` : '',
  }
}

async function followUp(l: LoanDoc, now: Date, tally: { marked: number; cleared: number }, notices: { to: Recipient; notice: AnyNotice }[]): Promise<void> {
  const plan = followUpPlan(l, now)
  if (!plan) return
  const page = `${APPLICANT_PAGE}?id=${l._id}`
  const { fields, newly, cleared } = plan
  if (fields) {
    const event: LoanEvent | null = newly || cleared
      ? {
          at: now,
          actorId: 'system',
          actorName: '系统',
          actorRole: '每日还款核对',
          action: newly ? 'overdue' : 'overdue_cleared',
          from: l.status,
          to: l.status,
          note: newly ? `${fields.overdue!.dueOn} 到期的还款未还清，逾期 ${yuan(fields.overdue!.amountFen)}` : '逾期已还清',
        }
      : null
    const set: Record<string, unknown> = { ...fields, version: _.inc(1) }
    if (event) set.history = _.push([event])
    const { stats } = await loans().where({ _id: l._id, version: l.version }).update({ data: set })
    // Changed meanwhile (a repayment): the next run reconciles it again.
    if (stats.updated !== 1) return
    if (event) {
      await audit(now, { actorId: 'system', action: `loan.${event.action}`, targetType: 'loan', targetId: l._id, before: { overdue: l.overdue ?? null }, after: { overdue: fields.overdue }, reason: event.note })
    }
    if (newly) {
      tally.marked++
      if (await claimReminder(plan.overdueKey, now)) {
        notices.push({ to: applicantOf(l), notice: { template: 'reminder', page, values: { thing1: '创业贷款还款已逾期', date2: wechatTime(fields.overdue!.dueOn), thing3: `逾期 ${yuan(fields.overdue!.amountFen)}，请尽快还款` } } })
      }
    }
    if (cleared) tally.cleared++
  }
  // The next instalment within the reminder window, once per instalment.
  if (plan.due && (await claimReminder(plan.dueKey, now))) {
    notices.push({ to: applicantOf(l), notice: { template: 'reminder', page, values: { thing1: `创业贷款第 ${plan.due.number} 期还款`, date2: wechatTime(plan.due.dueOn), thing3: `应还 ${yuan(plan.due.owedFen)}，请按时还款` } } })
  }
}
