// A calendar date that exists, on its own: personal.ts (ID numbers) and field-rules.ts (picked
// dates) both need it, and a page that imports one should not carry the other (a shared module
// brings every export the app uses into each subpackage that imports it).

/** A calendar date that exists (2023-02-29 does not). */
export function isRealDate(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}
