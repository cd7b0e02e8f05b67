// 发布 / 编辑优惠's fields, the contract's rules for them (perk.savePerk) checked on the phone so
// a slip costs no round trip, and what is sent. No Taro here: unit-tested in Node.
import type { InputOf } from '@contract/index'
import { addDays } from '@/components/ui/format'
import { textProblem } from '@/components/perk/form-rules'
import type { PerkView } from '@/components/perk/shared'
import type { RowErrors } from '@/components/ui/submit'

export interface Fields {
  title: string
  description: string
  terms: string
  minStar: number
  counties: string[]
  perDay: string
  perMonth: string
  quota: string
  validFrom: string
  validTo: string
}

/** The form's rows in page order. */
export const ROWS = ['title', 'description', 'terms', 'pictureFileId', 'minStar', 'counties', 'perDay', 'perMonth', 'quota', 'validFrom', 'validTo'] as const
export type Row = (typeof ROWS)[number]

/** The row of a field as the function names it; null for one the form does not show. */
export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  return (ROWS as readonly string[]).includes(head) ? (head as Row) : null
}

export const rowOf = (key: keyof Fields): Row => key

/** A new perk: once a day, four times a month, 100 in all, for half a year from today. */
export function fieldsOf(p: PerkView | null, todayYmd: string): Fields {
  if (!p) return { title: '', description: '', terms: '', minStar: 0, counties: [], perDay: '1', perMonth: '4', quota: '100', validFrom: todayYmd, validTo: addDays(todayYmd, 180) }
  return {
    title: p.title,
    description: p.description,
    terms: p.terms,
    minStar: p.minStar,
    counties: p.counties,
    perDay: String(p.perDay),
    perMonth: String(p.perMonth),
    quota: String(p.quota),
    validFrom: p.validFrom,
    validTo: p.validTo,
  }
}

/** A whole number typed in, or NaN. */
export const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

function countProblem(value: string, empty: string, min: number, max: number, label: string, unit: string): string {
  const n = whole(value)
  if (!value.trim()) return empty
  if (!(n >= min)) return `${label}至少 ${min}${unit}`
  if (n > max) return `${label}最多 ${max}${unit}`
  return ''
}

export function check(f: Fields): RowErrors<Row> {
  const perDay = whole(f.perDay)
  const perMonth = countProblem(f.perMonth, '请填写每人每月次数', 1, 100, '每人每月', ' 次')
  const found: RowErrors<Row> = {
    title: textProblem(f.title, '优惠名称', 2, 30),
    description: textProblem(f.description, '优惠内容', 4, 200),
    terms: textProblem(f.terms, '使用说明', 0, 300),
    perDay: countProblem(f.perDay, '请填写每人每日次数', 1, 10, '每人每日', ' 次'),
    perMonth: perMonth || (perDay >= 1 && whole(f.perMonth) < perDay ? '每月次数不能少于每日次数' : ''),
    quota: countProblem(f.quota, '请填写总名额', 1, 1_000_000, '总名额', ''),
    validFrom: f.validFrom ? '' : '请选择开始日期',
    validTo: !f.validTo ? '请选择结束日期' : f.validFrom && f.validTo < f.validFrom ? '结束日期不能早于开始日期' : '',
  }
  for (const row of Object.keys(found) as Row[]) if (!found[row]) delete found[row]
  return found
}

/** What perk.savePerk is sent for these (checked) fields. */
export function saveInput(f: Fields, merchantId: string, existing: PerkView | null, pictureFileId: string | undefined): InputOf<'perk.savePerk'> {
  return {
    ...(existing ? { id: existing.id } : {}),
    merchantId,
    title: f.title.trim(),
    description: f.description.trim(),
    terms: f.terms.trim(),
    ...(pictureFileId ? { pictureFileId } : {}),
    minStar: f.minStar,
    counties: f.counties,
    perDay: whole(f.perDay),
    perMonth: whole(f.perMonth),
    quota: whole(f.quota),
    validFrom: f.validFrom,
    validTo: f.validTo,
  }
}
