// Outcomes a year on: one and two years after disbursement the applicant is asked how many jobs
// the project created and how many households it helps; the county confirms (or corrects) the
// figures, and the reports count the confirmed ones beside those promised on the application.
import type { OutcomeView } from '../../types/loan'
import { addMonths } from '../../types/loan-rules'
import { shanghaiDate, wechatTime, isoOrEmpty as iso } from '../../types/time'
import { _, db } from '../_shared/cloud'
import { COLLECTIONS } from '../_shared/collections'
import { notifyEach, type AnyNotice, type Recipient } from '../_shared/notify'
import { READ_CAP } from '../_shared/paging'
import { claimReminder, timeBudget } from '../_shared/reminders'
import { APPLICANT_PAGE, LENT, type LoanDoc } from './repayments'

export const OUTCOME_YEARS = [1, 2] as const
/** Within the loan function's 20 s timeout, with a margin. */
const TIMER_WORK_MS = 14_000
const loans = () => db.collection<LoanDoc>(COLLECTIONS.loans)

export function outcomeViews(l: LoanDoc): OutcomeView[] {
  return (l.outcomes ?? []).map((o) => ({
    year: o.year,
    askedOn: o.askedOn,
    reported: o.reported ? { jobsCreated: o.reported.jobsCreated, householdsHelped: o.reported.householdsHelped, note: o.reported.note, at: iso(o.reported.at) } : null,
    confirmed: o.confirmed ? { jobsCreated: o.confirmed.jobsCreated, householdsHelped: o.confirmed.householdsHelped, byName: o.confirmed.byName, at: iso(o.confirmed.at) } : null,
  }))
}

/** The year the applicant may report now (asked, not yet confirmed), 0 when none. */
export const yearToReport = (l: LoanDoc) => (l.outcomes ?? []).find((o) => !o.confirmed)?.year ?? 0
/** The year the county may confirm now (reported, not yet confirmed), 0 when none. */
export const yearToConfirm = (l: LoanDoc) => (l.outcomes ?? []).find((o) => o.reported && !o.confirmed)?.year ?? 0

/** The years (1, 2) whose outcome is to be asked at `now` (pure): their anniversary reached by the Shanghai date, not asked yet. */
export function outcomeYearsDue(l: Pick<LoanDoc, 'disbursedOn' | 'outcomes'>, now: Date | number): (typeof OUTCOME_YEARS)[number][] {
  const today = shanghaiDate(now)
  const asked = new Set((l.outcomes ?? []).map((o) => o.year))
  return l.disbursedOn ? OUTCOME_YEARS.filter((y) => !asked.has(y) && addMonths(l.disbursedOn, 12 * y) <= today) : []
}

/**
 * Daily: every loan lent a year (two years) ago or more whose outcome for that year was not
 * asked yet is asked now: the year is added to the loan (conditional on its version) and the
 * applicant told once. Running it twice changes nothing. Pages by _id within a time budget.
 */
export async function askForOutcomes(now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(TIMER_WORK_MS)
  const today = shanghaiDate(now)
  const aYearAgo = addMonths(today, -12)
  const tally = { loans: 0, asked: 0, done: false }
  let after = ''
  for (;;) {
    if (!budget.left()) return tally
    const { data } = await loans()
      .where({ status: _.in(LENT), disbursedOn: _.gt('').and(_.lte(aYearAgo)), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(READ_CAP)
      .get()
    const notices: { to: Recipient; notice: AnyNotice }[] = []
    await Promise.all(
      data.map(async (l) => {
        const due = outcomeYearsDue(l, now)
        if (due.length === 0) return
        const outcomes = [...(l.outcomes ?? []), ...due.map((year) => ({ year, askedOn: today, reported: null, confirmed: null }))]
        const { stats } = await loans().where({ _id: l._id, version: l.version }).update({ data: { outcomes, version: _.inc(1) } })
        // Changed meanwhile: the next run asks.
        if (stats.updated !== 1) return
        tally.asked += due.length
        const year = due[due.length - 1]
        if (await claimReminder(`loan:outcome:${l._id}:${year}`, now)) {
          notices.push({
            to: { userId: l.applicantId, openid: l.applicantOpenid },
            notice: { template: 'reminder', page: `${APPLICANT_PAGE}?id=${l._id}`, values: { thing1: `创业项目放款满${year === 1 ? '一' : '两'}年成效填报`, date2: wechatTime(addMonths(l.disbursedOn, 12 * year)), thing3: '请填报带动就业和帮扶户数' } },
          })
        }
      }),
    )
    await notifyEach(notices, now)
    tally.loans += data.length
    if (data.length < READ_CAP) break
    after = data[data.length - 1]._id
  }
  tally.done = true
  return tally
}
