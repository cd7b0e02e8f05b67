// The folded repayment schedule: at most six rows — the last paid, the overdue and partly paid,
// then the next due — and what the next instalment still wants.
import type { InstalmentView } from '@contract/loan'
import { foldedInstalments, instalmentLeft, nextInstalment } from './instalment-rows'

const row = (number: number, status: InstalmentView['status'], paid: Partial<InstalmentView> = {}): InstalmentView => ({
  number,
  dueOn: `2026-${String(number).padStart(2, '0')}-05`,
  months: 1,
  principalFen: 100_000,
  interestFen: 5_000,
  totalFen: 105_000,
  interestDueFen: 5_000,
  paidPrincipalFen: 0,
  paidInterestFen: 0,
  status,
  paidOn: '',
  ...paid,
})

test('a short schedule shows every row', () => {
  const rows = [row(1, 'paid'), row(2, 'due'), row(3, 'due')]
  expect(foldedInstalments(rows).map((r) => r.number)).toEqual([1, 2, 3])
})

test('folded: the last paid, then the overdue and partial, then the next due, six at most, in order', () => {
  const rows = [row(1, 'paid'), row(2, 'paid'), row(3, 'overdue'), row(4, 'partial'), ...[5, 6, 7, 8, 9, 10].map((n) => row(n, 'due'))]
  expect(foldedInstalments(rows).map((r) => r.number)).toEqual([2, 3, 4, 5, 6, 7])
})

test('many overdue: the last paid keeps its place, the overdue fill the rest', () => {
  const rows = [row(1, 'paid'), ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => row(n, 'overdue')), row(10, 'due')]
  expect(foldedInstalments(rows).map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6])
})

test('the next instalment and what it still wants (interest due on what was really outstanding)', () => {
  const rows = [row(1, 'paid'), row(2, 'partial', { paidPrincipalFen: 40_000, interestDueFen: 5_200, paidInterestFen: 5_200 }), row(3, 'due')]
  const next = nextInstalment({ instalments: rows })!
  expect(next.number).toBe(2)
  expect(instalmentLeft(next)).toEqual({ principalFen: 60_000, interestFen: 0 })
  expect(nextInstalment({ instalments: [row(1, 'paid')] })).toBeNull()
})
