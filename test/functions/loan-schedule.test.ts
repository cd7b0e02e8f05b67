// Issue 24: the repayment schedule per product, repayments reconciled against it (on time,
// partial, early, late), arrears, and the subsidy an overdue loan forfeits. Every figure is worked
// out by hand in the comments (or by the plain loop in `amortised`), never by the rule under test.
import { ageOn, eligibilityProblem, projectedRepayments, reconcile, repaymentSchedule, subsidyPeriods, type ContractTerms } from '../../types/loan-rules'
import { shanghaiDate } from '../../types/time'

/** 12,000 yuan at 6.00 % for 6 months from 2025-01-31: r = 0.5 % a month (30/360). */
const LOAN: ContractTerms = { amountFen: 1_200_000, disbursedOn: '2025-01-31', maturityOn: '2025-07-31', rateBp: 600, repaymentType: 'equal_principal' }
const DUE = ['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31']
const rows = (t: ContractTerms) => repaymentSchedule(t).map((s) => [s.dueOn, s.principalFen, s.interestFen, s.totalFen])

describe('the schedule per product (30/360, fen exact)', () => {
  test('等额本金: 200,000 a month, interest 0.5 % of what is outstanding', () => {
    // 1,200,000 × 0.005 = 6,000; then 1,000,000 → 5,000; 800,000 → 4,000; … 200,000 → 1,000.
    expect(rows(LOAN)).toEqual(DUE.map((d, i) => [d, 200_000, 6_000 - 1_000 * i, 206_000 - 1_000 * i]))
  })

  test('等额本息: a level payment, interest first, the last instalment takes what rounding left', () => {
    // 6,000 / (1 − 1.005⁻⁶) = 203,514.55 → 203,515 a month, computed here by a plain float loop.
    const level = Math.round((1_200_000 * 0.005) / (1 - 1.005 ** -6))
    expect(level).toBe(203_515)
    const amortised: (string | number)[][] = []
    let left = 1_200_000
    DUE.forEach((d, i) => {
      const interest = Math.round(left * 0.005)
      const principal = i === 5 ? left : level - interest
      amortised.push([d, principal, interest, principal + interest])
      left -= principal
    })
    expect(rows({ ...LOAN, repaymentType: 'equal_installment' })).toEqual(amortised)
    // By hand: 5,012.425 → 5,012 (month 2); 1,012.495 → 1,012 (month 6, whose principal is the 202,499 left).
    expect(amortised[1]).toEqual(['2025-03-31', 198_503, 5_012, 203_515])
    expect(amortised[5]).toEqual(['2025-07-31', 202_499, 1_012, 203_511])
  })

  test('按期付息到期还本: 6,000 interest each month, the principal with the last; bullet: everything at maturity', () => {
    expect(rows({ ...LOAN, repaymentType: 'interest_only' })).toEqual(DUE.map((d, i) => [d, i === 5 ? 1_200_000 : 0, 6_000, i === 5 ? 1_206_000 : 6_000]))
    // 1,200,000 × 6 % × 6 / 12 = 36,000.
    expect(repaymentSchedule({ ...LOAN, repaymentType: 'bullet' })).toEqual([{ number: 6, dueOn: '2025-07-31', months: 6, principalFen: 1_200_000, interestFen: 36_000, totalFen: 1_236_000 }])
  })

  test('half up, once per instalment: 4,500 fen × 6.00 % / 12 = 22.5 → 23; 4,499 fen → 22.495 → 22', () => {
    const one = (amountFen: number) => repaymentSchedule({ amountFen, disbursedOn: '2025-01-15', maturityOn: '2025-02-15', rateBp: 600, repaymentType: 'bullet' })[0].interestFen
    expect(one(4_500)).toBe(23)
    expect(one(4_499)).toBe(22)
  })
})

describe('repayments against the schedule (等额本金 above)', () => {
  const schedule = repaymentSchedule(LOAN)
  const pay = (date: string, principalFen: number, interestFen: number) => ({ date, principalFen, interestFen })

  test('on time: two instalments paid on their due dates; the third is still to come', () => {
    const r = reconcile(LOAN, schedule, [pay('2025-02-28', 200_000, 6_000), pay('2025-03-31', 200_000, 5_000)], '2025-04-10')
    expect(r.timings).toEqual(['on_time', 'on_time'])
    expect(r.instalments.map((s) => [s.status, s.paidOn])).toEqual([['paid', '2025-02-28'], ['paid', '2025-03-31'], ['due', ''], ['due', ''], ['due', ''], ['due', '']])
    expect(r).toMatchObject({ arrears: null, nextDueOn: '2025-04-30' })
  })

  test('partial: half the principal on the due date; overdue the next day, by what is missing', () => {
    const paid = [pay('2025-02-28', 100_000, 6_000)]
    const onTheDay = reconcile(LOAN, schedule, paid, '2025-02-28')
    expect(onTheDay.timings).toEqual(['partial'])
    expect(onTheDay.instalments[0]).toMatchObject({ status: 'partial', paidPrincipalFen: 100_000, paidInterestFen: 6_000 })
    expect(onTheDay.arrears).toBeNull()
    const dayAfter = reconcile(LOAN, schedule, paid, '2025-03-01')
    expect(dayAfter.instalments[0].status).toBe('overdue')
    expect(dayAfter.arrears).toEqual({ dueOn: '2025-02-28', daysPastDue: 1, amountFen: 100_000 })
  })

  test('late: the first instalment paid ten days after it fell due; the principal kept owes a month of interest on it', () => {
    const r = reconcile(LOAN, schedule, [pay('2025-03-10', 200_000, 6_000)], '2025-03-10')
    expect(r.timings).toEqual(['late'])
    expect(r.instalments[0]).toMatchObject({ status: 'paid', paidOn: '2025-03-10' })
    // Month 2 begins 2025-02-28 with 1,200,000 still out (the repayment came later): 1,200,000 × 0.005 = 6,000, not the contract's 5,000.
    expect(r.instalments[1]).toMatchObject({ interestFen: 5_000, interestDueFen: 6_000, status: 'due' })
    // Nothing paid by 2025-04-02: two instalments overdue, 206,000 + 200,000 + 6,000 (month 2 on 1,200,000); days from the oldest.
    expect(reconcile(LOAN, schedule, [], '2025-04-02').arrears).toEqual({ dueOn: '2025-02-28', daysPastDue: 33, amountFen: 412_000 })
  })

  test('early: 600,000 of principal before the first due date covers three instalments of principal; interest after it falls', () => {
    const r = reconcile(LOAN, schedule, [pay('2025-02-20', 600_000, 6_000)], '2025-03-05')
    expect(r.timings).toEqual(['early'])
    expect(r.instalments[0]).toMatchObject({ status: 'paid', paidOn: '2025-02-20' })
    // Month 2 begins 2025-02-28 with 600,000 out: 3,000 interest, unpaid yet (due 03-31), principal covered.
    expect(r.instalments[1]).toMatchObject({ interestDueFen: 3_000, paidPrincipalFen: 200_000, paidInterestFen: 0, status: 'partial' })
    expect(r.instalments[2]).toMatchObject({ paidPrincipalFen: 200_000, status: 'partial' })
    expect(r).toMatchObject({ arrears: null, nextDueOn: '2025-03-31' })
  })

  test('an early payoff settles every instalment: nothing more is owed', () => {
    const r = reconcile(LOAN, schedule, [pay('2025-02-28', 200_000, 6_000), pay('2025-03-15', 1_000_000, 5_000)], '2025-09-01')
    expect(r.timings).toEqual(['on_time', 'early'])
    expect(r.instalments.every((s) => s.status === 'paid' && s.paidOn !== '')).toBe(true)
    expect(r).toMatchObject({ arrears: null, nextDueOn: '' })
  })

  test('the Shanghai date decides: 15:59 UTC on the due date is still the due date, 16:00 UTC is the next day', () => {
    const asOf = (instant: string) => reconcile(LOAN, schedule, [], shanghaiDate(instant)).arrears
    expect(asOf('2025-02-28T15:59:00Z')).toBeNull()
    expect(asOf('2025-02-28T16:00:00Z')).toEqual({ dueOn: '2025-02-28', daysPastDue: 1, amountFen: 206_000 })
  })
})

describe('the subsidy an overdue loan forfeits', () => {
  // 100,000 yuan subsidised at 4.20 % from 2025-08-01 for a year, overdue 2025-09-16 up to 2025-10-11.
  const terms = { amountFen: 10_000_000, disbursedOn: '2025-08-01', maturityOn: '2026-08-01', subsidyRateBp: 420, dayBasis: 360, repayments: [], arrears: [{ since: '2025-09-16', until: '2025-10-11' }] }

  test('the overdue days earn nothing (the default rule); the period says how many and what they cost', () => {
    const [q3, q4, q1] = subsidyPeriods(terms)
    // 2025-Q3: 61 days, 15 overdue (09-16..09-30): 4.2e9 × 46 / 3.6e6 = 53,666.67 → 53,667; all 61 days 71,166.67 → 71,167.
    expect(q3).toMatchObject({ key: '2025-Q3', days: 61, overdueDays: 15, amountFen: 53_667, forfeitedFen: 71_167 - 53_667 })
    // 2025-Q4: 92 days, 10 overdue (10-01..10-10): 4.2e9 × 82 / 3.6e6 = 95,666.67 → 95,667; all 92: 107,333.33 → 107,333.
    expect(q4).toMatchObject({ key: '2025-Q4', overdueDays: 10, amountFen: 95_667, forfeitedFen: 107_333 - 95_667 })
    // 2026-Q1: 90 days, none overdue: 4.2e9 × 90 / 3.6e6 = 105,000.
    expect(q1).toMatchObject({ key: '2026-Q1', overdueDays: 0, amountFen: 105_000, forfeitedFen: 0 })
  })

  test("'forfeit_period': a period with an overdue day earns nothing", () => {
    const [q3, q4, q1] = subsidyPeriods({ ...terms, overdueRule: 'forfeit_period' })
    expect(q3).toMatchObject({ overdueDays: 15, amountFen: 0, forfeitedFen: 71_167 })
    expect(q4).toMatchObject({ overdueDays: 10, amountFen: 0, forfeitedFen: 107_333 })
    expect(q1).toMatchObject({ amountFen: 105_000, forfeitedFen: 0 })
  })

  test('still overdue (no end yet): every day from the first overdue one to the end of accrual', () => {
    const periods = subsidyPeriods({ ...terms, arrears: [{ since: '2026-07-02', until: '' }] })
    // 2026-Q3: 07-01..07-31 = 31 days, 30 overdue: one day earns 4.2e9 / 3.6e6 = 1,166.67 → 1,167.
    expect(periods.at(-1)).toMatchObject({ key: '2026-Q3', days: 31, overdueDays: 30, amountFen: 1_167 })
  })
})

describe('the subsidy for each repayment case, to the fen (the 等额本金 loan above, subsidised at 4.20 % on actual days / 360)', () => {
  // A day on P fen earns P × 420 / 3,600,000 = P × 7 / 60,000. Quarters: Q1 01-31..03-31 (60 days), Q2 04-01..06-30 (91), Q3 07-01..07-30 (30).
  const base = { amountFen: 1_200_000, disbursedOn: '2025-01-31', maturityOn: '2025-07-31', subsidyRateBp: 420, dayBasis: 360 }
  const onTime = DUE.map((date) => ({ date, principalFen: 200_000 }))
  const figures = (ps: { key: string; end: string; days: number; amountFen: number; overdueDays: number; forfeitedFen: number }[]) => ps.map((p) => [p.key, p.end, p.days, p.amountFen, p.overdueDays, p.forfeitedFen])

  test('on time: every instalment on its due date', () => {
    // Q1: 1,200,000 × 28 (01-31..02-27) + 1,000,000 × 31 (02-28..03-30) + 800,000 × 1 = 65,400,000 → × 7 / 60,000 = 7,630.
    // Q2: 800,000 × 29 + 600,000 × 31 + 400,000 × 30 + 200,000 × 1 = 54,000,000 → 6,300. Q3: 200,000 × 30 = 6,000,000 → 700.
    expect(figures(subsidyPeriods({ ...base, repayments: onTime }))).toEqual([
      ['2025-Q1', '2025-03-31', 60, 7_630, 0, 0],
      ['2025-Q2', '2025-06-30', 91, 6_300, 0, 0],
      ['2025-Q3', '2025-07-30', 30, 700, 0, 0],
    ])
  })

  test('partial: half the first instalment on its due date, the rest with the second; overdue 03-01 up to 03-31, those 30 days earn nothing', () => {
    const repayments = [{ date: '2025-02-28', principalFen: 100_000 }, { date: '2025-03-31', principalFen: 300_000 }, ...onTime.slice(2)]
    // The daily check marks it overdue the day after 02-28; the repayment of 03-31 clears it as of that day.
    expect(reconcile(LOAN, repaymentSchedule(LOAN), [{ date: '2025-02-28', principalFen: 100_000, interestFen: 6_000 }], '2025-03-01').arrears).toMatchObject({ dueOn: '2025-02-28', amountFen: 100_000 })
    // Q1: 1,200,000 × 28 + 1,100,000 × 31 + 800,000 × 1 = 68,500,000 → 7,991.67 → 7,992 in full; without 03-01..03-30
    // (30 days on 1,100,000 = 33,000,000): 35,500,000 → 4,141.67 → 4,142; forfeited 7,992 − 4,142 = 3,850.
    expect(figures(subsidyPeriods({ ...base, repayments, arrears: [{ since: '2025-03-01', until: '2025-03-31' }] }))).toEqual([
      ['2025-Q1', '2025-03-31', 60, 4_142, 30, 3_850],
      ['2025-Q2', '2025-06-30', 91, 6_300, 0, 0],
      ['2025-Q3', '2025-07-30', 30, 700, 0, 0],
    ])
  })

  test('late: the first instalment ten days late (overdue 03-01..03-09), the rest on time; under either rule', () => {
    const repayments = [{ date: '2025-03-10', principalFen: 200_000 }, ...onTime.slice(1)]
    const arrears = [{ since: '2025-03-01', until: '2025-03-10' }]
    // Q1: 1,200,000 × 38 (01-31..03-09) + 1,000,000 × 21 (03-10..03-30) + 800,000 × 1 = 67,400,000 → 7,863.33 → 7,863 in full;
    // without the 9 overdue days on 1,200,000 (10,800,000): 56,600,000 → 6,603.33 → 6,603; forfeited 1,260.
    expect(figures(subsidyPeriods({ ...base, repayments, arrears }))[0]).toEqual(['2025-Q1', '2025-03-31', 60, 6_603, 9, 1_260])
    // 'forfeit_period': the whole quarter it was overdue in; the next quarters as on time.
    expect(figures(subsidyPeriods({ ...base, repayments, arrears, overdueRule: 'forfeit_period' }))).toEqual([
      ['2025-Q1', '2025-03-31', 60, 0, 9, 7_863],
      ['2025-Q2', '2025-06-30', 91, 6_300, 0, 0],
      ['2025-Q3', '2025-07-30', 30, 700, 0, 0],
    ])
  })

  test('early payoff: the first instalment on time, the other 1,000,000 on 03-15; the last period is recomputed to end the day before', () => {
    // Before it, the plan projects the contract's instalments: the on-time figures.
    const planned = subsidyPeriods({ ...base, repayments: projectedRepayments(LOAN, onTime.slice(0, 1), '2025-03-01') })
    expect(figures(planned).map((p) => p[3])).toEqual([7_630, 6_300, 700])
    // Paid off 03-15: interest and subsidy stop that day. Q1 is 01-31..03-14 = 43 days:
    // 1,200,000 × 28 + 1,000,000 × 15 (02-28..03-14) = 48,600,000 → × 7 / 60,000 = 5,670 exactly; no later period.
    expect(figures(subsidyPeriods({ ...base, repayments: [onTime[0], { date: '2025-03-15', principalFen: 1_000_000 }] }))).toEqual([['2025-Q1', '2025-03-14', 43, 5_670, 0, 0]])
    // Paid off on 04-01, the first day of Q2: Q1 whole (7,630, on the on-time path up to 03-31), Q2 has no day left.
    expect(figures(subsidyPeriods({ ...base, repayments: [...onTime.slice(0, 2), { date: '2025-04-01', principalFen: 800_000 }] }))).toEqual([['2025-Q1', '2025-03-31', 60, 7_630, 0, 0]])
  })
})

describe('eligibility at application', () => {
  test('age in whole years: a birthday counts from its day; 29 February from 1 March', () => {
    expect(ageOn('2001-03-15', '2026-03-14')).toBe(24)
    expect(ageOn('2001-03-15', '2026-03-15')).toBe(25)
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26)
  })

  test('the bounds are inclusive; the project type must be one the league funds', () => {
    const rules = { loanAgeMin: 18, loanAgeMax: 45, loanProjectTypes: ['agriculture', 'homestay'] as const }
    expect(eligibilityProblem({ birthDate: '2008-12-06', projectType: null }, rules, '2026-12-06')).toBeNull() // 18 that day
    expect(eligibilityProblem({ birthDate: '2008-12-07', projectType: null }, rules, '2026-12-06')).toMatchObject({ field: 'birthDate' }) // 17
    expect(eligibilityProblem({ birthDate: '1980-12-07', projectType: 'agriculture' }, rules, '2026-12-06')).toBeNull() // 45
    expect(eligibilityProblem({ birthDate: '1980-12-06', projectType: 'agriculture' }, rules, '2026-12-06')).toMatchObject({ field: 'birthDate' }) // 46
    expect(eligibilityProblem({ birthDate: '2000-01-01', projectType: 'ecommerce' }, rules, '2026-12-06')).toMatchObject({ field: 'project.type' })
  })
})
