// Issue 24: the loan timers decide by Shanghai dates, whatever the UTC date. Each timer's decision
// for one loan is pure (followUpPlan, lapsesIfApprovedBefore, outcomeYearsDue) and is checked here
// at runs of 23:30 Shanghai (15:30 UTC, the same date) and 00:10 Shanghai (16:10 UTC the day
// before); the notices' keys hold no date, so a run either side of midnight tells once. (The
// timers themselves, their writes and their notices, run through the local cloud in loan.test.ts.)
import { followUpPlan, type LoanDoc } from '../../cloudfunctions/loan/repayments'
import { lapsesIfApprovedBefore } from '../../cloudfunctions/loan/lapse'
import { outcomeYearsDue } from '../../cloudfunctions/loan/outcomes'

/** 200,000 yuan lent 2025-07-15 for 24 months at 4.80 %, 等额本金: the first instalment 833,333 + 80,000 due 2025-08-15. */
function lent(over: Partial<LoanDoc> = {}): LoanDoc {
  return {
    _id: 'Ltimer',
    status: 'disbursed',
    version: 3,
    disbursement: { amountFen: 20_000_000, disbursedOn: '2025-07-15', maturityOn: '2027-07-15', rateBp: 480, repaymentType: 'equal_principal' },
    repayments: [],
    overdue: null,
    arrearsHistory: [],
    nextDueOn: '2025-08-15',
    ...over,
  } as unknown as LoanDoc
}
/** 23:30 and 00:10 in Shanghai, as UTC instants. */
const at2330 = (shanghaiDay: string) => new Date(`${shanghaiDay}T15:30:00Z`)
const at0010 = (shanghaiDay: string) => new Date(new Date(`${shanghaiDay}T00:10:00+08:00`).getTime())

describe('the daily repayment check', () => {
  test('the 7-day reminder: not at 23:30 on 08-07 (8 days ahead), due at 00:10 on 08-08 (UTC still 08-07), under one key however many runs', () => {
    expect(at0010('2025-08-08').toISOString()).toBe('2025-08-07T16:10:00.000Z')
    expect(followUpPlan(lent(), at2330('2025-08-07'))).toMatchObject({ fields: null, newly: false, due: null })
    const first = followUpPlan(lent(), at0010('2025-08-08'))!
    expect(first).toMatchObject({ fields: null, due: { number: 1, dueOn: '2025-08-15', owedFen: 913_333 }, dueKey: 'loan:due:Ltimer:1' })
    // The runs of the following days ask for the same key: claimed once, told once.
    for (const run of [at2330('2025-08-08'), at0010('2025-08-09'), at2330('2025-08-14')]) expect(followUpPlan(lent(), run)!.dueKey).toBe('loan:due:Ltimer:1')
    // On the due day it is no longer "coming"; the next instalment (09-15) is outside the window.
    expect(followUpPlan(lent(), at2330('2025-08-15'))).toMatchObject({ fields: null, due: null })
  })

  test('overdue: unpaid at 23:30 on the due date is not yet; at 00:10 the next day it is, from that day; later runs change nothing', () => {
    expect(followUpPlan(lent(), at2330('2025-08-15'))!.newly).toBe(false)
    const marked = followUpPlan(lent(), at0010('2025-08-16'))!
    expect(marked).toMatchObject({ newly: true, cleared: false, overdueKey: 'loan:overdue:Ltimer:2025-08-16' })
    expect(marked.fields).toEqual({ overdue: { since: '2025-08-16', dueOn: '2025-08-15', amountFen: 913_333 }, arrearsHistory: [], nextDueOn: '2025-08-15' })
    // As written by that run: the runs at 23:30 that day and 00:10 the day after find nothing to change.
    const written = lent(marked.fields!)
    for (const run of [at2330('2025-08-16'), at0010('2025-08-17')]) expect(followUpPlan(written, run)).toMatchObject({ fields: null, newly: false, cleared: false, due: null })
  })

  test('cleared by the Shanghai date: a repayment of the arrears seen by the run at 00:10 on 08-18 closes them on 08-18, not UTC 08-17', () => {
    const overdue = { since: '2025-08-16', dueOn: '2025-08-15', amountFen: 913_333 }
    const repaid = lent({ overdue, repayments: [{ date: '2025-08-17', principalFen: 833_333, interestFen: 80_000 }] as LoanDoc['repayments'] })
    const plan = followUpPlan(repaid, at0010('2025-08-18'))!
    expect(plan).toMatchObject({ newly: false, cleared: true })
    expect(plan.fields).toEqual({ overdue: null, arrearsHistory: [{ since: '2025-08-16', until: '2025-08-18' }], nextDueOn: '2025-09-15' })
    expect(followUpPlan({ ...repaid, ...plan.fields! }, at2330('2025-08-18'))!.fields).toBeNull()
  })
})

describe('the lapse of an approval never disbursed (window 90 days)', () => {
  // Approved at 00:30 on 2026-09-06 in Shanghai (16:30 UTC on 09-05): 09-06 + 90 days = 12-05 is the window's last day.
  const approvedAt = new Date('2026-09-05T16:30:00Z')
  test('at 23:30 on 12-05 it stands; at 00:10 on 12-06 (UTC still 12-05) it lapses', () => {
    expect(lapsesIfApprovedBefore(at2330('2026-12-05'), 90)).toEqual(new Date('2026-09-05T16:00:00Z'))
    expect(approvedAt < lapsesIfApprovedBefore(at2330('2026-12-05'), 90)).toBe(false)
    expect(lapsesIfApprovedBefore(at0010('2026-12-06'), 90)).toEqual(new Date('2026-09-06T16:00:00Z'))
    expect(approvedAt < lapsesIfApprovedBefore(at0010('2026-12-06'), 90)).toBe(true)
    // The cutoff moves only with the Shanghai date: every run of 12-06 uses the same one.
    expect(lapsesIfApprovedBefore(at2330('2026-12-06'), 90)).toEqual(new Date('2026-09-06T16:00:00Z'))
  })
})

describe('outcomes asked a year and two years on', () => {
  const loan = (outcomes: { year: 1 | 2 }[] = []) => ({ disbursedOn: '2025-12-06', outcomes }) as unknown as LoanDoc
  test('the first year at 00:10 on its anniversary (not at 23:30 the evening before); asked once; the second a year later', () => {
    expect(outcomeYearsDue(loan(), at2330('2026-12-05'))).toEqual([])
    expect(outcomeYearsDue(loan(), at0010('2026-12-06'))).toEqual([1])
    expect(outcomeYearsDue(loan([{ year: 1 }]), at2330('2026-12-06'))).toEqual([])
    expect(outcomeYearsDue(loan([{ year: 1 }]), at2330('2027-12-05'))).toEqual([])
    expect(outcomeYearsDue(loan([{ year: 1 }]), at0010('2027-12-06'))).toEqual([2])
    // Never asked (the timer down a while): both years at once.
    expect(outcomeYearsDue(loan(), at0010('2027-12-06'))).toEqual([1, 2])
    expect(outcomeYearsDue({ disbursedOn: '', outcomes: [] } as unknown as LoanDoc, at0010('2027-12-06'))).toEqual([])
  })
})
