// Which instalments a schedule shows and what one still wants (pure: the pages and their tests).
import type { InstalmentView, LoanDetail } from '@contract/loan'

/** Shown when the schedule is folded: how many rows a long schedule starts with. */
export const FOLDED_ROWS = 6

/**
 * The rows a folded schedule shows, at most `limit`: the last one paid (where the borrower stands),
 * then the overdue and partly paid (what matters most), then the next ones due.
 */
export function foldedInstalments(rows: readonly InstalmentView[], limit = FOLDED_ROWS): InstalmentView[] {
  if (rows.length <= limit) return [...rows]
  const keep = new Set<number>()
  const lastPaid = [...rows].reverse().find((r) => r.status === 'paid')
  if (lastPaid) keep.add(lastPaid.number)
  for (const wanted of [(r: InstalmentView) => r.status === 'overdue' || r.status === 'partial', (r: InstalmentView) => r.status === 'due']) {
    for (const r of rows) {
      if (keep.size >= limit) break
      if (wanted(r)) keep.add(r.number)
    }
  }
  return rows.filter((r) => keep.has(r.number))
}

/** What an instalment still wants: its principal and the interest due on what was outstanding, less what was paid. */
export function instalmentLeft(r: InstalmentView): { principalFen: number; interestFen: number } {
  return { principalFen: Math.max(0, r.principalFen - r.paidPrincipalFen), interestFen: Math.max(0, r.interestDueFen - r.paidInterestFen) }
}

/** The first instalment not yet paid in full (the one a repayment goes to first). */
export const nextInstalment = (d: Pick<LoanDetail, 'instalments'>) => d.instalments.find((r) => r.status !== 'paid') ?? null

