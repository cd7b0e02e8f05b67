// The invitation form's own check: each role's scope, the contract's limits, the rows.
import type { AdminScope } from '@/components/admin/shared'
import { checkInvitation, rolesFor, rowOfField, scopeIdOf, type InviteFields } from './check'

const base: InviteFields = { role: 'township_staff', countyCode: '441802', townshipCode: '441802006', organisation: null, days: 7, note: '' }
const org = { id: 'm1', name: '清城茶铺', countyName: '清城区' } as InviteFields['organisation']

test('each role asks for its own scope', () => {
  expect(checkInvitation({ ...base, townshipCode: '' })).toEqual({ scopeId: '请选择镇街' })
  expect(checkInvitation({ ...base, countyCode: '', townshipCode: '' })).toEqual({ scopeId: '请先选择县（市、区）和镇街' })
  expect(checkInvitation({ ...base, role: 'county_admin', countyCode: '' })).toEqual({ scopeId: '请选择县（市、区）' })
  expect(checkInvitation({ ...base, role: 'bank_officer' })).toEqual({ scopeId: '请选择银行' })
  expect(checkInvitation({ ...base, role: 'city_admin', countyCode: '', townshipCode: '' })).toEqual({})
})

test('the expiry and the note keep the contract’s limits', () => {
  expect(checkInvitation({ ...base, days: 0 })).toEqual({ expiresInDays: '有效期至少 1 天' })
  expect(checkInvitation({ ...base, days: 1.5 })).toEqual({ expiresInDays: '有效期至少 1 天' })
  expect(checkInvitation({ ...base, days: 31 })).toEqual({ expiresInDays: '有效期最长 30 天' })
  expect(checkInvitation({ ...base, note: '字'.repeat(61) })).toEqual({ note: '备注不能超过 60 字' })
  expect(checkInvitation({ ...base, note: ` ${'字'.repeat(60)} ` })).toEqual({})
})

test('the scope sent is the one the role is granted in', () => {
  expect(scopeIdOf(base)).toBe('441802006')
  expect(scopeIdOf({ ...base, role: 'county_admin' })).toBe('441802')
  expect(scopeIdOf({ ...base, role: 'city_admin' })).toBe('')
  expect(scopeIdOf({ ...base, role: 'merchant', organisation: org })).toBe('m1')
})

test('a county admin invites fewer roles than the city', () => {
  const county = { city: false, counties: [{ code: '441802', name: '清城区' }] } as AdminScope
  expect(rolesFor(county)).toEqual(['township_staff', 'county_admin', 'merchant'])
  expect(rolesFor({ ...county, city: true })).toHaveLength(6)
})

test('the function’s fields reach their rows', () => {
  expect(rowOfField('scopeId')).toBe('scopeId')
  expect(rowOfField('expiresInDays')).toBe('expiresInDays')
  expect(rowOfField('role')).toBeNull()
})
