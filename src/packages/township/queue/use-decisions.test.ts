// The batch decisions: 通过 asks first (counting flagged records) and sends once; what a batch
// left is listed; a failed 驳回 throws for the note dialog and toasts; an adjusted record drops out.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { Item } from './rules'
import { useDecisions } from './use-decisions'
import type { Selection } from './use-selection'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))
jest.mock('@/services/cloud', () => {
  class CallError extends Error {
    field?: string
  }
  return { call: jest.fn(), CallError, errorMessage: (err: Error) => err.message }
})
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call
const markChanged = (jest.requireMock('@/services/changes') as { markChanged: jest.Mock }).markChanged

const ITEMS = [
  { id: 'a', volunteerName: '林晓雨', flags: ['outside_fence'], minutes: 240, adjustedMinutes: null },
  { id: 'b', volunteerName: '王小青', flags: ['makeup'], minutes: 150, adjustedMinutes: null },
] as unknown as Item[]

function mount(selected: string[]) {
  const selection = { selected, drop: jest.fn() } as unknown as Selection & { drop: jest.Mock }
  const refresh = jest.fn(() => Promise.resolve())
  return { now: mountHook(() => useDecisions(ITEMS, selection, refresh)), selection, refresh }
}

beforeEach(() => {
  jest.clearAllMocks()
})

test('通过 asks first, naming the flagged records; refused, nothing is sent', async () => {
  taro.showModal.mockResolvedValue({ confirm: false })
  const d = mount(['a', 'b'])
  await act(() => d.now().approve())
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '批量通过', content: expect.stringContaining('其中 1 条有异常提示') }))
  expect(call).not.toHaveBeenCalled()
})

test('通过 confirmed: one send, a toast, the records out of the selection, the list and home refreshed', async () => {
  taro.showModal.mockResolvedValue({ confirm: true })
  call.mockResolvedValue({ decided: 2, skipped: [] })
  const d = mount(['a', 'b'])
  await act(async () => {
    void d.now().approve()
    await d.now().approve()
  })
  expect(call).toHaveBeenCalledTimes(1)
  expect(call).toHaveBeenCalledWith('service.decide', { ids: ['a', 'b'], decision: 'approve' })
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通过 2 条', icon: 'success' }))
  expect(d.selection.drop).toHaveBeenCalledWith(['a', 'b'])
  expect(markChanged).toHaveBeenCalledWith('township-home')
  expect(d.refresh).toHaveBeenCalled()
  expect(d.now().busy).toBe('')
})

test('a batch with records left lists them; a failed 通过 is a toast', async () => {
  taro.showModal.mockResolvedValue({ confirm: true })
  call.mockResolvedValueOnce({ decided: 1, skipped: [{ id: 'a', message: '已被他人处理' }] })
  const d = mount(['a', 'b'])
  await act(() => d.now().approve())
  expect(d.now().outcome).toEqual({ title: '已通过 1 条，1 条未处理', rows: [{ name: '林晓雨', message: '已被他人处理' }] })
  act(() => d.now().closeOutcome())
  expect(d.now().outcome).toBeNull()

  call.mockRejectedValueOnce(new Error('网络不给力'))
  await act(() => d.now().approve())
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '网络不给力' }))
})

test('驳回 sends the reason and closes its dialog; a failure keeps it open with the function’s words', async () => {
  const d = mount(['b'])
  act(() => d.now().setRejecting(true))
  call.mockRejectedValueOnce(new Error('无权处理该记录'))
  await act(async () => {
    await expect(d.now().reject('当天驿站未开放')).rejects.toThrow('无权处理该记录')
  })
  expect(d.now().rejecting).toBe(true)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '无权处理该记录' }))

  call.mockResolvedValueOnce({ decided: 1, skipped: [] })
  await act(() => d.now().reject('当天驿站未开放'))
  expect(call).toHaveBeenLastCalledWith('service.decide', { ids: ['b'], decision: 'reject', reason: '当天驿站未开放' })
  expect(d.now().rejecting).toBe(false)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已驳回 1 条' }))
})

test('an adjusted record: the dialog closes, the new figure is said, the record leaves the selection', async () => {
  const d = mount(['a'])
  act(() => d.now().setAdjusting(ITEMS[0]))
  await act(() => d.now().adjusted({ ...ITEMS[0], adjustedMinutes: 180 }))
  expect(d.now().adjusting).toBeNull()
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已调整为 3 小时' }))
  expect(d.selection.drop).toHaveBeenCalledWith(['a'])
  expect(d.refresh).toHaveBeenCalled()
})
