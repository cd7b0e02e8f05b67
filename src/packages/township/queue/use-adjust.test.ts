// 调整时长's form: starts from the record, checks as typed and on 确认, sends once, and shows the
// function's refusal of a field in the dialog.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { Item } from './rules'
import { useAdjust } from './use-adjust'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn() } }))
jest.mock('@/services/cloud', () => {
  class CallError extends Error {
    field?: string
    constructor(init: { message: string; field?: string }) {
      super(init.message)
      this.field = init.field
    }
  }
  return { call: jest.fn(), CallError, errorMessage: (err: Error) => err.message }
})
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock } }).default
const cloud = jest.requireMock('@/services/cloud') as { call: jest.Mock; CallError: new (init: { message: string; field?: string }) => Error }

const RECORD = { id: 'a', minutes: 240, adjustedMinutes: null, maxCreditMinutes: 240 } as unknown as Item

function mount(item: Item | null) {
  const onDone = jest.fn(() => Promise.resolve())
  return { now: mountHook(() => useAdjust(item, onDone)), onDone }
}

beforeEach(() => jest.clearAllMocks())

test('starts from the record’s minutes; a figure beyond it is said as it is typed', () => {
  const f = mount(RECORD)
  expect(f.now().minutes).toBe('240')
  expect(f.now().valid).toBe(true)
  act(() => f.now().setMinutes('1,000'))
  expect(f.now().minutes).toBe('1000')
  expect(f.now().shown).toEqual({ field: 'minutes', message: expect.stringContaining('不能超过记录的 4 小时') })
  act(() => f.now().setMinutes(''))
  expect(f.now().shown).toBeNull()
})

test('确认 needs the minutes and a reason before it sends, then sends once', async () => {
  const f = mount(RECORD)
  act(() => f.now().setMinutes(''))
  await act(() => f.now().confirm())
  expect(f.now().shown).toEqual({ field: 'minutes', message: '请填写计入时长' })
  act(() => f.now().setMinutes('180'))
  await act(() => f.now().confirm())
  expect(f.now().shown).toEqual({ field: 'reason', message: '请填写调整理由（至少 2 个字）' })
  act(() => f.now().setReason('按登记簿计入'))
  expect(f.now().shown).toBeNull()
  expect(cloud.call).not.toHaveBeenCalled()

  const updated = { ...RECORD, adjustedMinutes: 180 }
  cloud.call.mockResolvedValue(updated)
  await act(async () => {
    void f.now().confirm()
    await f.now().confirm()
  })
  expect(cloud.call).toHaveBeenCalledTimes(1)
  expect(cloud.call).toHaveBeenCalledWith('service.adjust', { id: 'a', minutes: 180, reason: '按登记簿计入' })
  expect(f.onDone).toHaveBeenCalledWith(updated)
  expect(f.now().busy).toBe(false)
})

test('the function’s refusal of a field stands in the dialog; any other is a toast', async () => {
  const f = mount(RECORD)
  act(() => f.now().setReason('核实过'))
  cloud.call.mockRejectedValueOnce(new cloud.CallError({ message: '理由不能包含链接', field: 'reason' }))
  await act(() => f.now().confirm())
  expect(f.now().shown).toEqual({ field: 'reason', message: '理由不能包含链接' })
  expect(taro.showToast).not.toHaveBeenCalled()

  cloud.call.mockRejectedValueOnce(new cloud.CallError({ message: '记录已被他人处理' }))
  await act(() => f.now().confirm())
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '记录已被他人处理' }))
  expect(f.onDone).not.toHaveBeenCalled()
})
