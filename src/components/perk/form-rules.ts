// What the alliance's two forms (商家信息, 发布优惠) share: the contract's rule for a short text
// (length, and no phone or ID number in it), and finding the item to edit among a paged list when
// the list page did not hand it over. No Taro here: unit-tested in Node.

/** A mobile number or a long digit run (ID, bank card): kept out of public texts. */
const PERSONAL = /1[3-9]\d{9}|\d{15,}/

/** What is wrong with a text field ('' when nothing); `min` 0 makes it optional. */
export function textProblem(value: string, label: string, min: number, max: number): string {
  const v = value.trim()
  if (min > 0 && !v) return `请填写${label}`
  if (v.length < min) return `${label}至少 ${min} 个字`
  if (v.length > max) return `${label}不能超过 ${max} 个字`
  if (PERSONAL.test(v.replace(/[\s-]/g, ''))) return `为保护个人信息，${label}中请勿填写手机号或证件号`
  return ''
}

/** Looks for `id` page by page (50 a page, at most 20 pages); null when it is not there. */
export async function findPaged<T extends { id: string }>(load: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>, id: string): Promise<T | null> {
  for (let page = 1; page <= 20; page++) {
    const res = await load(page, 50)
    const found = res.items.find((item) => item.id === id)
    if (found) return found
    if (page * 50 >= res.total) break
  }
  return null
}
