// The queue's batch review: the selection stops at the contract's batch, a batch all through is a
// toast and a partial one lists what was left with the function's words, a failed rejection keeps
// its dialog.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { BATCH_MAX, outcomeOf, toggledSelection, useBatchReview } from './use-batch-review'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn() } }))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }

const names = new Map([
  ['a', '林小青'],
  ['b', '陈静怡'],
])

test('a batch all through says nothing more; a partial one names who was left and why', () => {
  expect(outcomeOf('approve', [{ id: 'a', ok: true, message: '' }], names)).toBeNull()
  expect(outcomeOf('approve', [{ id: 'a', ok: true, message: '' }, { id: 'b', ok: false, message: '已被他人审核' }], names)).toEqual({
    title: '已通过 1 份，1 份未处理',
    ok: 1,
    failures: [{ name: '陈静怡', message: '已被他人审核' }],
  })
  expect(outcomeOf('reject', [{ id: 'x', ok: false, message: '不存在' }], names)).toMatchObject({ title: '1 份未能驳回', failures: [{ name: '申请' }] })
})

test('the selection stops at the contract’s batch', () => {
  const full = Array.from({ length: BATCH_MAX }, (_, i) => `r${i}`)
  expect(toggledSelection(full, 'new')).toBeNull()
  expect(toggledSelection(full, 'r3')).toHaveLength(BATCH_MAX - 1)
  expect(toggledSelection([], 'a')).toEqual(['a'])
})

function mountReview(items = [{ id: 'a', name: '林小青' }, { id: 'b', name: '陈静怡' }]) {
  const reload = jest.fn(() => Promise.resolve())
  return { review: mountHook(() => useBatchReview({ items, reload }, 'pending')), reload }
}

beforeEach(() => {
  call.mockReset()
  taro.showToast.mockClear()
  taro.showModal.mockReset()
})

test('select all takes the list; an approval asked for and confirmed reviews them and reloads the queue', async () => {
  const { review, reload } = mountReview()
  act(() => review().toggleAll())
  expect(review().selected).toEqual(['a', 'b'])
  expect(review().allSelected).toBe(true)
  taro.showModal.mockResolvedValue({ confirm: true })
  call.mockResolvedValue({ results: [{ id: 'a', ok: true, message: '' }, { id: 'b', ok: true, message: '' }] })
  await act(async () => review().approve())
  expect(call).toHaveBeenCalledWith('registration.review', { ids: ['a', 'b'], decision: 'approve' })
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通过 2 份' }))
  expect(review().selected).toEqual([])
  expect(reload).toHaveBeenCalledWith(true)
})

test('an approval not confirmed sends nothing', async () => {
  const { review } = mountReview()
  act(() => review().toggle('a'))
  taro.showModal.mockResolvedValue({ confirm: false })
  await act(async () => review().approve())
  expect(call).not.toHaveBeenCalled()
  expect(review().selected).toEqual(['a'])
})

test('a failed rejection keeps the dialog open and the selection', async () => {
  const { review } = mountReview()
  act(() => review().toggle('b'))
  act(() => review().setRejecting(true))
  call.mockRejectedValue(new Error('down'))
  await act(async () => {
    await expect(review().reject('理由')).rejects.toThrow('down')
  })
  expect(review().rejecting).toBe(true)
  expect(review().selected).toEqual(['b'])
  expect(review().busy).toBe('')
})
