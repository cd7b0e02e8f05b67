// A form's errors from the contract's issues: each issue (a zod issue, or one of types/*-rules.ts
// checks, which have the same shape) at the row its path names, the first per row. No zod, no
// Taro: any form can use it.

export interface IssueLike {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/**
 * The first message per row; `rowOf` takes a field as the function reports it ('location.lat'),
 * as showSaveError's does, and names the row that shows it (null: no row shows that field).
 * Issues no row shows are in `unplaced`, for a toast.
 */
export function fieldErrors<Row extends string>(issues: readonly IssueLike[], rowOf: (field: string) => Row | null): { errors: Partial<Record<Row, string>>; unplaced: string[] } {
  const errors: Partial<Record<Row, string>> = {}
  const unplaced: string[] = []
  for (const issue of issues) {
    const row = rowOf(issue.path.map(String).join('.'))
    if (row === null) unplaced.push(issue.message)
    else if (!errors[row]) errors[row] = issue.message
  }
  return { errors, unplaced }
}
