// Issue 24: the repayment schedule per product, repayments reconciled against it (on time,
// partial, early, late), arrears, and the subsidy an overdue loan forfeits. Every figure is worked
// out by hand in the comments (or by the plain loop in `amortised`), never by the rule under test.
import { ageOn, eligibilityProblem, reconcile, repaymentSchedule, subsidyPeriods, type ContractTerms } from '../../types/loan-rules'
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
