// 商家信息's fields, the contract's rules for them (perk.saveMerchant) checked on the phone first,
// and what is sent. No Taro here: unit-tested in Node.
import type { InputOf } from '@contract/index'
import type { MerchantCategory } from '@contract/vocabulary'
import { textProblem } from '@/components/perk/form-rules'
import type { Merchant } from '@/components/perk/shared'
import type { RowErrors } from '@/components/ui/submit'

export interface Fields {
  name: string
  category: MerchantCategory | ''
  isDepartment: boolean
  countyCode: string
  address: string
  lat: string
  lng: string
  contactName: string
  contactPhone: string
}

/** The form's rows in page order (lat and lng stand in one row, 'location'). */
export const ROWS = ['name', 'category', 'countyCode', 'address', 'location', 'contactName', 'contactPhone'] as const
export type Row = (typeof ROWS)[number] | 'isDepartment'

const MOBILE = /^1[3-9]\d{9}$/

/** The row a field stands in. */
export const rowOf = (key: keyof Fields): Row => (key === 'lat' || key === 'lng' ? 'location' : key)

/** The row of a field as the function names it ('location.lat'); null for one the form does not show. */
export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  if (head === 'location' || head === 'lat' || head === 'lng') return 'location'
  return (ROWS as readonly string[]).includes(head) ? (head as Row) : null
}

/** The fields of a merchant (a new one in `countyCode`); the phone is never shown, only replaced. */
export function fieldsOf(m: Merchant | null, countyCode: string): Fields {
  return {
    name: m?.name ?? '',
    category: m?.category ?? '',
    isDepartment: m?.isDepartment ?? false,
    countyCode: m?.countyCode ?? countyCode,
    address: m?.address ?? '',
    lat: m?.location ? String(m.location.lat) : '',
    lng: m?.location ? String(m.location.lng) : '',
    contactName: m?.contactName ?? '',
    contactPhone: '',
  }
}

function locationProblem(f: Fields): string {
  const lat = f.lat.trim()
  const lng = f.lng.trim()
  if (!lat && !lng) return ''
  const a = Number(lat)
  const b = Number(lng)
  if (!lat || !lng || !Number.isFinite(a) || !Number.isFinite(b)) return '请同时填写纬度和经度（数字），或都不填'
  if (a < 3 || a > 54) return '纬度超出范围（中国境内约 3–54）'
  if (b < 73 || b > 136) return '经度超出范围（中国境内约 73–136）'
  return ''
}

function phoneProblem(phone: string, editing: boolean): string {
  if (!phone.trim()) return editing ? '' : '请填写联系电话'
  return MOBILE.test(phone.trim()) ? '' : '联系电话应为 11 位手机号'
}

/** The contract's rules. Editing, an empty phone keeps the one on file. */
export function check(f: Fields, editing: boolean): RowErrors<Row> {
  const found: RowErrors<Row> = {
    name: textProblem(f.name, '商家名称', 2, 40),
    category: f.category ? '' : '请选择类别',
    countyCode: f.countyCode ? '' : '请选择县（市、区）',
    address: textProblem(f.address, '地址', 2, 80),
    location: locationProblem(f),
    contactName: textProblem(f.contactName, '联系人', 2, 20),
    contactPhone: phoneProblem(f.contactPhone, editing),
  }
  for (const row of Object.keys(found) as Row[]) if (!found[row]) delete found[row]
  return found
}

/** What perk.saveMerchant is sent for these (checked) fields. */
export function saveInput(f: Fields, merchant: Merchant | null): InputOf<'perk.saveMerchant'> {
  return {
    ...(merchant ? { id: merchant.id } : {}),
    name: f.name.trim(),
    category: f.category as MerchantCategory,
    isDepartment: f.isDepartment,
    countyCode: f.countyCode,
    address: f.address.trim(),
    location: f.lat.trim() && f.lng.trim() ? { lat: Number(f.lat), lng: Number(f.lng) } : null,
    contactName: f.contactName.trim(),
    ...(f.contactPhone.trim() ? { contactPhone: f.contactPhone.trim() } : {}),
  }
}
