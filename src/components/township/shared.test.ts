// Who a township page's caller is, and which townships they may choose from.
import type { Account, Divisions } from '@/components/admin/shared'
import { placesInReach, staffScopeOf } from './shared'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const account = (...roles: [string, string, string][]) => ({ roles: roles.map(([role, scopeId, scopeName]) => ({ role, scopeId, scopeName })) }) as unknown as Account

const DIVISIONS = {
  counties: [
    { code: '441802', name: '清城区', townships: [{ code: '441802006', name: '凤城街道' }, { code: '441802007', name: '东城街道' }] },
    { code: '441803', name: '清新区', townships: [{ code: '441803100', name: '太和镇' }] },
  ],
} as unknown as Divisions

test('township staff of one township: that one, by name', () => {
  const scope = staffScopeOf(account(['township_staff', '441802006', '凤城街道'], ['volunteer', '', '']))!
  expect(scope).toMatchObject({ city: false, label: '镇街团委干事 · 凤城街道', reach: '凤城街道', single: { code: '441802006', name: '凤城街道' } })
  expect(placesInReach(scope, DIVISIONS)).toEqual([{ code: '441802', name: '清城区', townships: [{ code: '441802006', name: '凤城街道' }] }])
})

test('a county admin reaches their county whole; the city every county; others none', () => {
  const county = staffScopeOf(account(['county_admin', '441803', '清新区']))!
  expect(county).toMatchObject({ reach: '清新区全部镇街', single: null })
  expect(placesInReach(county, DIVISIONS).map((c) => c.code)).toEqual(['441803'])
  const city = staffScopeOf(account(['city_admin', '4418', '']))!
  expect(city).toMatchObject({ city: true, reach: '清远市全部镇街', counties: [], townships: [] })
  expect(placesInReach(city, DIVISIONS)).toBe(DIVISIONS.counties)
  expect(placesInReach(city, null)).toEqual([])
  expect(staffScopeOf(account(['volunteer', '', '']))).toBeNull()
})
