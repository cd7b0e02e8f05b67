// The interest-subsidy rule, checked against amounts worked out by hand (in the comments), to the fen.
// Formula: Σ outstanding fen × subsidised rate bp × days / (10000 × day basis), rounded half up per period.
import { accrualEnd, addMonths, contractPrincipal, daysBetween, lprOn, lprTenor, OUTSIDE_CITY, placeProblem, projectedRepayments, reviewBasis, subsidyPeriods, subsidyRate, type SubsidyTerms } from '../../types/loan-rules'
import { PUBLISHED_LPR } from '../../types/loan'

const SPREAD = 120

function terms(t: Partial<SubsidyTerms> & Pick<SubsidyTerms, 'amountFen' | 'disbursedOn' | 'subsidyRateBp'> & { termMonths?: number }): SubsidyTerms {
  return { dayBasis: 360, repayments: [], maturityOn: addMonths(t.disbursedOn, t.termMonths ?? 12), ...t }
}

describe('which rate is subsidised', () => {
  test('the LPR in force on the disbursement date, of the tenor the term calls for', () => {
    expect(lprOn(PUBLISHED_LPR, '2025-07-15')).toMatchObject({ effectiveDate: '2025-05-20', oneYearBp: 300 })
    // Disbursed 2024-10-10: the 2024-07-22 quotation (335) is in force; 2024-10-21's 310 comes later.
    expect(lprOn(PUBLISHED_LPR, '2024-10-10')).toMatchObject({ effectiveDate: '2024-07-22', oneYearBp: 335, fiveYearBp: 385 })
    expect(lprOn(PUBLISHED_LPR, '2024-10-21')).toMatchObject({ effectiveDate: '2024-10-21', oneYearBp: 310 })
    expect(lprOn(PUBLISHED_LPR, '2019-08-19')).toBeNull()
    expect(lprTenor(60)).toBe('1y')
    expect(lprTenor(61)).toBe('5y')
  })

  test('the actual rate up to LPR + 120 bp', () => {
    expect(subsidyRate(480, 300, SPREAD)).toBe(420) // above the cap: 3.00 % + 1.20 %
    expect(subsidyRate(350, 300, SPREAD)).toBe(350) // below it: the actual rate
    expect(subsidyRate(420, 300, SPREAD)).toBe(420)
  })

  test('calendar arithmetic', () => {
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29)
    expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28)
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2025-08-01', 12)).toBe('2026-08-01')
  })
})

describe('subsidy per period, to the fen', () => {
  test('rate above the cap: 200,000 yuan at 4.80 % disbursed 2025-07-15 is subsidised at 4.20 %', () => {
    const rate = subsidyRate(480, lprOn(PUBLISHED_LPR, '2025-07-15')!.oneYearBp, SPREAD)
    const periods = subsidyPeriods(terms({ amountFen: 20_000_000, disbursedOn: '2025-07-15', subsidyRateBp: rate, termMonths: 24 }))
    // 2025-Q3: 07-15..09-30 = 17 + 31 + 30 = 78 days; 20,000,000 × 420 × 78 / 3,600,000 = 182,000 exactly.
    expect(periods[0]).toEqual({ key: '2025-Q3', start: '2025-07-15', end: '2025-09-30', days: 78, openingFen: 20_000_000, closingFen: 20_000_000, amountFen: 182_000, overdueDays: 0, forfeitedFen: 0 })
    // 2025-Q4: 92 days; 20,000,000 × 420 × 92 / 3,600,000 = 214,666.67 → 214,667.
    expect(periods[1]).toMatchObject({ key: '2025-Q4', days: 92, amountFen: 214_667 })
    // Matures 2027-07-15: the last period is 2027-07-01..07-14, 14 days: 8.4e9 × 14 / 3.6e6 = 32,666.67 → 32,667.
    expect(periods.at(-1)).toMatchObject({ key: '2027-Q3', start: '2027-07-01', end: '2027-07-14', days: 14, amountFen: 32_667 })
    expect(periods).toHaveLength(9)
    expect(periods.reduce((n, p) => n + p.days, 0)).toBe(daysBetween('2025-07-15', '2027-07-15'))
  })

  test('rate below the cap: the same loan at 3.50 % is subsidised at 3.50 %', () => {
    const periods = subsidyPeriods(terms({ amountFen: 20_000_000, disbursedOn: '2025-07-15', subsidyRateBp: subsidyRate(350, 300, SPREAD), termMonths: 24 }))
    // 2025-Q4: 20,000,000 × 350 × 92 / 3,600,000 = 178,888.89 → 178,889.
    expect(periods[1]).toMatchObject({ key: '2025-Q4', amountFen: 178_889 })
  })

  test('the LPR changing after disbursement does not change the subsidy', () => {
    // Disbursed 2024-10-10 at 5.00 %: cap 335 + 120 = 455 (the 2024-10-21 cut to 310 does not apply).
    const rate = subsidyRate(500, lprOn(PUBLISHED_LPR, '2024-10-10')!.oneYearBp, SPREAD)
    expect(rate).toBe(455)
    const periods = subsidyPeriods(terms({ amountFen: 10_000_000, disbursedOn: '2024-10-10', subsidyRateBp: rate }))
    // 2024-Q4: 10-10..12-31 = 22 + 30 + 31 = 83 days; 10,000,000 × 455 × 83 / 3,600,000 = 104,902.78 → 104,903.
    expect(periods[0]).toMatchObject({ key: '2024-Q4', days: 83, amountFen: 104_903 })
    // 2025-Q1 (90 days): 4.55e9 × 90 / 3.6e6 = 113,750 exactly, whatever the LPR did in between.
    expect(periods[1]).toMatchObject({ key: '2025-Q1', days: 90, amountFen: 113_750 })
  })

  test('a leap year quarter has 91 days; the day basis is a setting', () => {
    // 50,000 yuan at 4.00 % from 2024-01-01 (cap 345 + 120 = 465, so 400 applies).
    const rate = subsidyRate(400, lprOn(PUBLISHED_LPR, '2024-01-01')!.oneYearBp, SPREAD)
    expect(rate).toBe(400)
    const on360 = subsidyPeriods(terms({ amountFen: 5_000_000, disbursedOn: '2024-01-01', subsidyRateBp: rate }))
    // 2024-Q1: 31 + 29 + 31 = 91 days; 5,000,000 × 400 × 91 / 3,600,000 = 50,555.56 → 50,556.
    expect(on360[0]).toMatchObject({ key: '2024-Q1', end: '2024-03-31', days: 91, amountFen: 50_556 })
    const on365 = subsidyPeriods(terms({ amountFen: 5_000_000, disbursedOn: '2024-01-01', subsidyRateBp: rate, dayBasis: 365 }))
    // On 365: 1.82e11 / 3,650,000 = 49,863.01 → 49,863.
    expect(on365[0]).toMatchObject({ days: 91, amountFen: 49_863 })
  })

  test('partial repayment mid-period and early repayment end the subsidy early', () => {
    // 100,000 yuan from 2025-08-01 for 12 months at 4.50 % (subsidised 4.20 %); 40,000 repaid
    // 2025-11-16, the remaining 60,000 on 2026-02-10 (repaid principal stops earning that day).
    const t = terms({
      amountFen: 10_000_000,
      disbursedOn: '2025-08-01',
      subsidyRateBp: subsidyRate(450, 300, SPREAD),
      repayments: [
        { date: '2026-02-10', principalFen: 6_000_000 },
        { date: '2025-11-16', principalFen: 4_000_000 },
      ],
    })
    expect(accrualEnd(t)).toBe('2026-02-10')
    const periods = subsidyPeriods(t)
    expect(periods.map((p) => p.key)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1'])
    // 2025-Q3: 08-01..09-30 = 61 days; 10,000,000 × 420 × 61 / 3,600,000 = 71,166.67 → 71,167.
    expect(periods[0]).toMatchObject({ days: 61, amountFen: 71_167 })
    // 2025-Q4: 10-01..11-15 = 46 days on 10,000,000 and 11-16..12-31 = 46 days on 6,000,000:
    // (4.2e9 × 46 + 2.52e9 × 46) / 3.6e6 = 3.0912e11 / 3.6e6 = 85,866.67 → 85,867 (rounded once, not per segment).
    expect(periods[1]).toMatchObject({ days: 92, openingFen: 10_000_000, closingFen: 6_000_000, amountFen: 85_867 })
    // 2026-Q1: 01-01..02-09 = 40 days on 6,000,000: 2.52e9 × 40 / 3.6e6 = 28,000 exactly.
    expect(periods[2]).toMatchObject({ start: '2026-01-01', end: '2026-02-09', days: 40, openingFen: 6_000_000, amountFen: 28_000 })
  })

  test('without repayment the subsidy stops at maturity (overdue interest is not subsidised)', () => {
    const periods = subsidyPeriods(terms({ amountFen: 10_000_000, disbursedOn: '2025-08-01', subsidyRateBp: 420, termMonths: 12 }))
    expect(periods.at(-1)).toMatchObject({ key: '2026-Q3', start: '2026-07-01', end: '2026-07-31', days: 31 })
    // A repayment after maturity does not extend it.
    const late = subsidyPeriods(terms({ amountFen: 10_000_000, disbursedOn: '2025-08-01', subsidyRateBp: 420, termMonths: 12, repayments: [{ date: '2026-09-01', principalFen: 10_000_000 }] }))
    expect(late.at(-1)).toMatchObject({ end: '2026-07-31' })
  })

  test('rounding is half up, once per period', () => {
    // 4,500 fen × 400 bp × 1 day / 3,600,000 = 0.5 → 1 fen; 4,499 fen gives 0.4998 → 0.
    const one = (amountFen: number) => subsidyPeriods({ amountFen, disbursedOn: '2025-03-31', maturityOn: '2025-04-01', subsidyRateBp: 400, dayBasis: 360, repayments: [] })[0].amountFen
    expect(one(4_500)).toBe(1)
    expect(one(4_499)).toBe(0)
  })

  test('a loan repaid in full on its disbursement day has no subsidy', () => {
    expect(subsidyPeriods(terms({ amountFen: 1_000_000, disbursedOn: '2025-08-01', subsidyRateBp: 420, repayments: [{ date: '2025-08-01', principalFen: 1_000_000 }] }))).toEqual([])
  })
})

describe('a projection repays the principal as the contract does (issue 19, defect 5)', () => {
  const loan = { amountFen: 20_000_000, disbursedOn: '2025-07-15', maturityOn: '2030-07-15', rateBp: 480 }

  test('等额本息 amortises a level payment: principal parts grow, and sum to the loan', () => {
    const parts = contractPrincipal({ ...loan, repaymentType: 'equal_installment' })
    expect(parts).toHaveLength(60)
    expect(parts[0]).toEqual({ date: '2025-08-15', principalFen: 295_595 }) // 20,000,000 × 0.004 / (1 − 1.004⁻⁶⁰) = 375,594.9 a month, less 80,000 interest
    expect(parts.at(-1)!.date).toBe('2030-07-15')
    expect(parts.reduce((n, p) => n + p.principalFen, 0)).toBe(20_000_000)
    for (let i = 1; i < 59; i++) expect(parts[i].principalFen).toBeGreaterThanOrEqual(parts[i - 1].principalFen)
  })

  test('等额本金 repays equal parts; interest-only and bullet loans repay at maturity', () => {
    const equal = contractPrincipal({ ...loan, maturityOn: '2026-07-15', repaymentType: 'equal_principal' })
    expect(equal.map((p) => p.principalFen)).toEqual(Array(12).fill(1_666_667).map((f, i) => (i === 11 ? 20_000_000 - 11 * 1_666_667 : f)))
    expect(contractPrincipal({ ...loan, repaymentType: 'interest_only' })).toEqual([{ date: '2030-07-15', principalFen: 20_000_000 }])
    expect(contractPrincipal({ ...loan, repaymentType: 'bullet' })).toEqual([{ date: '2030-07-15', principalFen: 20_000_000 }])
  })

  test('a 60-month 等额本息 loan: the principal falls quarter by quarter and the subsidy is about half the never-repaid figure', () => {
    const contract = { ...loan, repaymentType: 'equal_installment' as const }
    const base = { amountFen: loan.amountFen, disbursedOn: loan.disbursedOn, maturityOn: loan.maturityOn, subsidyRateBp: 420, dayBasis: 360 }
    const flat = subsidyPeriods({ ...base, repayments: [] })
    const amortised = subsidyPeriods({ ...base, repayments: projectedRepayments(contract, [], '2025-07-15') })
    expect(amortised).toHaveLength(21)
    expect(flat.every((p) => p.openingFen === 20_000_000)).toBe(true) // the defect: what the applicant was shown
    for (let i = 1; i < amortised.length; i++) expect(amortised[i].openingFen).toBeLessThan(amortised[i - 1].openingFen)
    // The last quarter runs to the day before maturity, when the last instalment is repaid.
    expect(amortised.at(-1)).toMatchObject({ end: '2030-07-14', closingFen: contractPrincipal(contract).at(-1)!.principalFen })
    const total = (ps: { amountFen: number }[]) => ps.reduce((n, p) => n + p.amountFen, 0)
    expect(total(amortised) / total(flat)).toBeGreaterThan(0.5)
    expect(total(amortised) / total(flat)).toBeLessThan(0.56)
  })

  test('recorded repayments count as made; the borrower ahead of the contract repays nothing more until the contract catches up; behind, the next instalment catches up', () => {
    const contract = { ...loan, maturityOn: '2026-07-15', repaymentType: 'equal_principal' as const }
    // Repaid 4,000,000 on 2025-08-15: nothing on 09-15 (the contract still has 16,666,666 out), then down to its 14,999,999.
    const ahead = projectedRepayments(contract, [{ date: '2025-08-15', principalFen: 4_000_000 }], '2025-08-20')
    expect(ahead[0]).toEqual({ date: '2025-08-15', principalFen: 4_000_000 })
    expect(ahead[1]).toEqual({ date: '2025-10-15', principalFen: 16_000_000 - (20_000_000 - 3 * 1_666_667) })
    expect(ahead.reduce((n, r) => n + r.principalFen, 0)).toBe(20_000_000)
    // Nothing repaid by 2025-10-20 (three instalments due): the next instalment brings it back to the contract's path.
    const behind = projectedRepayments(contract, [], '2025-10-20')
    expect(behind[0]).toEqual({ date: '2025-11-15', principalFen: 4 * 1_666_667 })
    expect(behind.reduce((n, r) => n + r.principalFen, 0)).toBe(20_000_000)
  })
})

describe('户籍或创业项目须有一项在清远市内 (issue 24 item 6)', () => {
  const at = (projectTownshipCode: string, householdTownshipCode: string) => ({ projectTownshipCode, householdTownshipCode })

  test('the project’s county reviews a project in the city, the 户籍’s one outside it; unknown until both are known', () => {
    expect(reviewBasis(at('441802006', '441881001'))).toBe('project')
    expect(reviewBasis(at('441802006', OUTSIDE_CITY))).toBe('project')
    expect(reviewBasis(at('441802006', ''))).toBe('project') // an application from before the 户籍 was asked
    expect(reviewBasis(at(OUTSIDE_CITY, '441881001'))).toBe('household')
    expect(reviewBasis(at(OUTSIDE_CITY, ''))).toBeNull()
    expect(reviewBasis(at(OUTSIDE_CITY, OUTSIDE_CITY))).toBeNull()
    expect(reviewBasis(at('', '441881001'))).toBeNull()
  })

  test('only both outside breaks the rule, named on the field just set', () => {
    expect(placeProblem(at(OUTSIDE_CITY, '441881001'))).toBeNull()
    expect(placeProblem(at('441802006', OUTSIDE_CITY))).toBeNull()
    expect(placeProblem(at(OUTSIDE_CITY, ''))).toBeNull() // not decidable yet: submit asks for the 户籍
    expect(placeProblem(at(OUTSIDE_CITY, OUTSIDE_CITY))).toEqual({ field: 'householdTownshipCode', message: '户籍或创业项目须有一项在清远市内：户籍在清远市外的，创业项目须在清远市内' })
    expect(placeProblem(at(OUTSIDE_CITY, OUTSIDE_CITY), 'project.townshipCode')!.field).toBe('project.townshipCode')
  })
})
