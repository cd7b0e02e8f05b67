// The counties a perk is limited to, by name.
import { act } from 'react-test-renderer'
import { mountHook, unmountHooks } from '@/components/ui/test-harness'
import { useCountyNames } from './use-county-names'

jest.mock('@/components/admin/shared', () => ({ loadDivisions: jest.fn() }))
const loadDivisions = (jest.requireMock('@/components/admin/shared') as { loadDivisions: jest.Mock }).loadDivisions

const names = (codes: string[] | undefined): (() => string) => mountHook(() => useCountyNames(codes))

beforeEach(() => loadDivisions.mockReset())
afterEach(unmountHooks)

test('names the counties in order, keeping a code it does not know', async () => {
  loadDivisions.mockResolvedValue({ counties: [{ code: '441802', name: '清城区' }, { code: '441881', name: '英德市' }] })
  const got = names(['441881', '441802', '449999'])
  await act(async () => undefined)
  expect(got()).toBe('英德市、清城区、449999')
})

test('a perk open to all asks for nothing; a failed load names nothing', async () => {
  expect(names([])()).toBe('')
  expect(loadDivisions).not.toHaveBeenCalled()
  loadDivisions.mockRejectedValue(new Error('offline'))
  const got = names(['441802'])
  await act(async () => undefined)
  expect(got()).toBe('')
})
