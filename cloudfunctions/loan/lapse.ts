// An approval the bank never disburses lapses: once the settings' window (loanDisbursementWindowDays,
// counted in Shanghai dates from the day of the bank's approval) is over, the daily check ends the
// application (approved → lapsed, types/machines.ts), frees the applicant's one open application
// and tells them they may apply again. The bank's 待放款 queue and its morning digest no longer
// count it, and a lapsed loan cannot be disbursed.
import { loanMachine } from '../../types/machines'
import { shanghaiDate, shanghaiDayStart, shanghaiDaysAhead } from '../../types/time'
import { audit } from '../_shared/audit'
import { _, db } from '../_shared/cloud'
import { COLLECTIONS, type LoanEvent } from '../_shared/collections'
import { conflict } from '../_shared/errors'
import { checkChange, takeStep } from '../_shared/machines'
import { notifyEach, type AnyNotice, type Recipient } from '../_shared/notify'
import { READ_CAP } from '../_shared/paging'
import { timeBudget } from '../_shared/reminders'
import { loadSettings } from '../_shared/settings'
import { applicantOf, decisionNotice, releaseLock, type LoanDoc } from './repayments'

/** Within the loan function's 20 s timeout, with a margin. */
const TIMER_WORK_MS = 14_000
/** The machine's step this sweep takes, declared for the timer (by: system). */
const LAPSE = 'loan.lapseUndisbursedLoans'
const loans = () => db.collection<LoanDoc>(COLLECTIONS.loans)

/**
 * The instant before which an approval has lapsed at `now` (pure): approved on the Shanghai day
 * `windowDays` before today, the bank may still disburse today (the window's last day); approved
 * before that day's start, too late. A run at 23:30 and one at 00:10 fall on different Shanghai days.
 */
export function lapsesIfApprovedBefore(now: Date | number, windowDays: number): Date {
  return shanghaiDayStart(shanghaiDaysAhead(now, -windowDays))
}

/**
 * Daily (Shanghai morning, before the bank's digest): every approved loan whose approval day is
 * more than the window before today lapses. Each is written conditionally on its version (a
 * disbursement recorded meanwhile wins), with its event and audit entry; its lock is released
 * and the applicant told once (only the run whose write went through tells). Running it twice
 * changes nothing. Pages by _id within a time budget; the next run goes on.
 */
export async function lapseUndisbursedLoans(now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(TIMER_WORK_MS)
  const { loanDisbursementWindowDays: windowDays } = await loadSettings(now.getTime())
  const approvedBefore = lapsesIfApprovedBefore(now, windowDays)
  const tally = { loans: 0, lapsed: 0, done: false }
  let after = ''
  for (;;) {
    if (!budget.left()) return tally
    const { data } = await loans()
      .where({ status: 'approved', 'approval.at': _.lt(approvedBefore), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(READ_CAP)
      .get()
    const notices: { to: Recipient; notice: AnyNotice }[] = []
    const lapsed = await Promise.all(data.map((l) => lapse(l, windowDays, now, notices)))
    await notifyEach(notices, now)
    tally.loans += data.length
    tally.lapsed += lapsed.filter(Boolean).length
    if (data.length < READ_CAP) break
    after = data[data.length - 1]._id
  }
  tally.done = true
  return tally
}

async function lapse(l: LoanDoc, windowDays: number, now: Date, notices: { to: Recipient; notice: AnyNotice }[]): Promise<boolean> {
  const step = takeStep(loanMachine, { action: LAPSE, from: l.status, roles: ['system'] }, () => conflict(`${LAPSE}: loan ${l._id} is ${l.status}`))
  const set = { status: 'lapsed' as const }
  checkChange(step, l.status, set)
  const approvedOn = shanghaiDate(l.approval!.at)
  const event: LoanEvent = {
    at: now,
    actorId: 'system',
    actorName: '系统',
    actorRole: '每日放款期限核对',
    action: 'lapse',
    from: l.status,
    to: 'lapsed',
    note: `银行于 ${approvedOn} 批准后 ${windowDays} 天内未放款，申请已失效；可重新申请`,
  }
  const { stats } = await loans()
    .where({ _id: l._id, version: l.version })
    .update({ data: { ...set, version: _.inc(1), updatedAt: now, history: _.push([event]) } })
  // Changed meanwhile (disbursed): nothing lapses; the next run looks again.
  if (stats.updated !== 1) return false
  const next: LoanDoc = { ...l, ...set, version: l.version + 1, updatedAt: now, history: [...l.history, event] }
  await Promise.all([
    audit(now, { actorId: 'system', action: 'loan.lapse', targetType: 'loan', targetId: l._id, before: { status: l.status }, after: { status: 'lapsed' }, reason: event.note }),
    releaseLock(next),
  ])
  notices.push({ to: applicantOf(next), notice: decisionNotice(next, '已失效', `银行未在 ${windowDays} 天内放款，可重新申请`) })
  return true
}
