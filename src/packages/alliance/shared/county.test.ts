// An admin's counties on the alliance pages.
import { renderHook } from '@/components/ui/test-harness'
import type { AdminScope } from '@/components/admin/shared'
import { allCountiesLabel, fixedCountyOf, useAllianceScope } from './county'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))
jest.mock('@/components/admin/shared', () => ({
  ...jest.requireActual('@/components/admin/shared'),
  useAdminScope: jest.fn(),
  useDivisions: jest.fn(),
}))
const admin = jest.requireMock('@/components/admin/shared') as { useAdminScope: jest.Mock; useDivisions: jest.Mock }

const QINGCHENG = { code: '441802', name: '清城区' }
const YINGDE = { code: '441881', name: '英德市' }
const DIVISIONS = { counties: [QINGCHENG, YINGDE, { code: '441821', name: '佛冈县' }] }
const scopeOf = (city: boolean, counties: { code: string; name: string }[]) => ({ city, counties, label: '', account: {} }) as unknown as AdminScope

test('a single-county admin is fixed to it; a city admin or one of several counties chooses', () => {
  expect(fixedCountyOf(scopeOf(false, [QINGCHENG]))).toEqual(QINGCHENG)
  expect(fixedCountyOf(scopeOf(false, [QINGCHENG, YINGDE]))).toBeNull()
  expect(fixedCountyOf(scopeOf(true, []))).toBeNull()
  expect(fixedCountyOf(null)).toBeNull()
  expect(allCountiesLabel(scopeOf(true, []))).toBe('全市')
  expect(allCountiesLabel(scopeOf(false, [QINGCHENG, YINGDE]))).toBe('全部县区')
})

test('the counties in reach once the scope and the divisions are known', () => {
  admin.useDivisions.mockReturnValue(DIVISIONS)
  admin.useAdminScope.mockReturnValue({ state: { kind: 'loading' }, reload: jest.fn() })
  const page = renderHook(() => useAllianceScope())
  expect(page.now().scope).toBeNull()
  expect(page.now().counties).toEqual([])

  admin.useAdminScope.mockReturnValue({ state: { kind: 'ready', scope: scopeOf(false, [YINGDE, QINGCHENG]) }, reload: jest.fn() })
  page.rerender(undefined)
  expect(page.now().counties).toEqual([QINGCHENG, YINGDE])
  expect(page.now().fixedCounty).toBeNull()
  page.unmount()
})
