// The report pages' view: the period (a custom pair counts once it passes the check; the last good
// one is asked for meanwhile) and the places drilled into from where the caller starts.
import { act } from 'react-test-renderer'
import { renderHookAsync, renderHook } from '@/components/ui/test-harness'
import type { StaffScope } from '@/components/township/shared'
import { today } from '@/components/ui/format'
import { periodOf } from './dashboard-figures'
import { startName, startScope, usePlaceTrail, useReportPeriod } from './use-report-view'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn() } }))
jest.mock('@/services/cloud', () => ({
  call: jest.fn(() =>
    Promise.resolve({
      counties: [
        { code: '441802', name: '清城区', townships: [{ code: '441802001', name: '凤城街道' }, { code: '441802002', name: '东城街道' }] },
        { code: '441803', name: '清新区', townships: [{ code: '441803100', name: '太和镇' }] },
      ],
    }),
  ),
  CallError: class extends Error {},
  errorMessage: (e: unknown) => String(e),
}))

const staff = (s: Partial<StaffScope>) => ({ city: false, counties: [], townships: [], ...s }) as unknown as StaffScope

test('this year to begin with; a custom pair that fails the check keeps the last good one asked for', () => {
  const p = renderHook(() => useReportPeriod())
  expect(p.now().period).toEqual(periodOf('year', today()))
  act(() => p.now().setPeriodKey('month'))
  expect(p.now().period).toEqual(periodOf('month', today()))
  act(() => p.now().setPeriodKey('custom'))
  act(() => p.now().pick({ from: '2025-03-01', to: '2025-05-31' }))
  expect(p.now().period).toEqual({ from: '2025-03-01', to: '2025-05-31' })
  // The end before the start: shown as picked (its problem under it), the figures stay on the last good pair.
  act(() => p.now().pick({ from: '2025-03-01', to: '2025-02-01' }))
  expect(p.now().picked).toEqual({ from: '2025-03-01', to: '2025-02-01' })
  expect(p.now().period).toEqual({ from: '2025-03-01', to: '2025-05-31' })
  // Longer than a year: the same.
  act(() => p.now().pick({ from: '2023-01-01', to: '2025-02-01' }))
  expect(p.now().period).toEqual({ from: '2025-03-01', to: '2025-05-31' })
})

test('where a caller starts: the city, their first county, or their township', () => {
  expect(startScope(staff({ city: true }))).toEqual({ level: 'city' })
  expect(startName(staff({ city: true }))).toBe('全市')
  const county = staff({ counties: [{ code: '441802', name: '清城区' }] })
  expect(startScope(county)).toEqual({ level: 'county', code: '441802' })
  expect(startName(county)).toBe('清城区')
  const township = staff({ townships: [{ code: '441802001', name: '凤城街道' }] } as Partial<StaffScope>)
  expect(startScope(township)).toEqual({ level: 'township', code: '441802001' })
  expect(startName(township)).toBe('凤城街道')
})

test('the city drills to a county, then a township (nothing below it), and back', async () => {
  const t = await renderHookAsync(() => usePlaceTrail(staff({ city: true })))
  expect(t.now().scope).toEqual({ level: 'city' })
  expect(t.now().belowLevel).toBe('county')
  expect(t.now().below.map((b) => b.label)).toEqual(['清城区', '清新区'])
  act(() => t.now().drill({ level: 'county', code: '441802' }, '清城区'))
  expect(t.now().scope).toEqual({ level: 'county', code: '441802' })
  expect(t.now().belowLevel).toBe('township')
  expect(t.now().below.map((b) => b.value)).toEqual(['441802001', '441802002'])
  act(() => t.now().drill({ level: 'township', code: '441802002' }, '东城街道'))
  expect(t.now().below).toEqual([])
  expect(t.now().trail.map((c) => c.name)).toEqual(['清城区', '东城街道'])
  act(() => t.now().back(1))
  expect(t.now().scope).toEqual({ level: 'county', code: '441802' })
  act(() => t.now().back(0))
  expect(t.now().scope).toEqual({ level: 'city' })
})

test('no scope before the caller is known', async () => {
  expect((await renderHookAsync(() => usePlaceTrail(null))).now()).toMatchObject({ scope: null, below: [] })
})
