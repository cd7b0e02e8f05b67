// The batch selection: taps, 全选 (the first hundred), the limit's toast, and a fresh start per filter.
import { act } from 'react-test-renderer'
import { renderHook } from '@/components/ui/test-harness'
import { useSelection } from './use-selection'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn() } }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock } }).default

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}` }))

function mount(items: { id: string }[], key: string) {
  const hook = renderHook((props: { items: { id: string }[]; resetKey: string }) => useSelection(props.items, props.resetKey), { items, resetKey: key })
  return { now: hook.now, rerender: (next: { id: string }[], nextKey: string) => hook.rerender({ items: next, resetKey: nextKey }) }
}

beforeEach(() => taro.showToast.mockClear())

test('taps tick and untick; 全选 takes all, and again clears', () => {
  const sel = mount(records(3), 'pending')
  act(() => sel.now().toggle('s1'))
  expect(sel.now().selected).toEqual(['s1'])
  expect(sel.now().isSelected('s1')).toBe(true)
  expect(sel.now().allSelected).toBe(false)
  act(() => sel.now().toggleAll())
  expect(sel.now().selected).toEqual(['s0', 's1', 's2'])
  expect(sel.now().allSelected).toBe(true)
  act(() => sel.now().toggleAll())
  expect(sel.now().selected).toEqual([])
  expect(taro.showToast).not.toHaveBeenCalled()
})

test('全选 on a longer list takes the first hundred and says so; a 101st tap is refused', () => {
  const sel = mount(records(120), 'pending')
  act(() => sel.now().toggleAll())
  expect(sel.now().selected).toHaveLength(100)
  expect(sel.now().selected[99]).toBe('s99')
  expect(sel.now().allSelected).toBe(true)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已选前 100 条（一次最多 100 条）' }))
  act(() => sel.now().toggle('s110'))
  expect(sel.now().selected).toHaveLength(100)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '一次最多处理 100 条' }))
})

test('decided records drop out; a new tab or filter starts a new selection', () => {
  const sel = mount(records(4), 'pending')
  act(() => sel.now().toggleAll())
  act(() => sel.now().drop(['s0', 's2']))
  expect(sel.now().selected).toEqual(['s1', 's3'])
  sel.rerender(records(4), 'pending')
  expect(sel.now().selected).toEqual(['s1', 's3'])
  sel.rerender(records(2), 'needs_review')
  expect(sel.now().selected).toEqual([])
})
