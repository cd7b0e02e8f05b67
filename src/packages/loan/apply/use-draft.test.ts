// The application's draft as the form sees it: saved a moment after typing stops (only what
// changed), the steps and their gaps, and what the function refused shown at its field.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { savedLoan } from './fixture'
import { saveStatus, useLoanDraft, type LoanDraft } from './use-draft'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })), pageScrollTo: jest.fn(() => Promise.resolve()), redirectTo: jest.fn() },
  useDidHide: jest.fn(),
  useUnload: jest.fn(),
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: Record<'showToast' | 'pageScrollTo', jest.Mock> }).default
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }

/** Renders a component that only holds the hook, and hands out its latest answer. */
function mountDraft(): () => LoanDraft {
  return mountHook(() => useLoanDraft())
}

beforeEach(() => {
  jest.useFakeTimers({ now: Date.parse('2026-11-25T02:00:00Z') })
  call.mockReset()
  taro.showToast.mockClear()
  taro.pageScrollTo.mockClear()
})
afterEach(() => jest.useRealTimers())

test('the line under the steps says what the saving is doing', () => {
  expect(saveStatus('idle', false, false, 0)).toBe('填写后自动保存草稿')
  expect(saveStatus('idle', false, true, 0)).toBe('有修改，稍后自动保存')
  expect(saveStatus('saving', true, true, 0)).toBe('保存中…')
  expect(saveStatus('saved', true, true, 0)).toBe('标红的内容修改后才会保存')
  expect(saveStatus('saved', false, true, Date.parse('2026-11-25T02:30:00Z'))).toBe('已保存 10:30')
})

test('a saved application opens at its first gap; a returned one at its documents', () => {
  const form = mountDraft()
  act(() => form().restore(savedLoan({ termMonths: 0 })))
  expect(form().step).toBe(0)
  expect(form().fields.amount).toBe('200000')
  act(() => form().restore(savedLoan({ status: 'returned' })))
  expect(form().step).toBe(2)
  expect(form().status).toBe('已保存 10:30')
})

test('typing saves a moment after it stops, and sends only what changed', async () => {
  const form = mountDraft()
  act(() => form().restore(savedLoan()))
  call.mockResolvedValue(savedLoan({ termMonths: 36 }))
  act(() => form().set('term', '3', 'termMonths'))
  act(() => form().set('term', '36', 'termMonths'))
  expect(form().status).toBe('有修改，稍后自动保存')
  act(() => jest.advanceTimersByTime(1000))
  expect(call).not.toHaveBeenCalled()
  await act(async () => {
    jest.advanceTimersByTime(200)
  })
  expect(call).toHaveBeenCalledTimes(1)
  expect(call).toHaveBeenCalledWith('loan.saveDraft', { id: 'L1', termMonths: 36 })
  expect(form().detail?.termMonths).toBe(36)
  expect(form().status).toBe('已保存 10:00')
})

test('moving on with gaps stays, says so and scrolls to the first gap, whose message shows only then', async () => {
  const form = mountDraft()
  expect(form().errorOf('amountFen')).toBeUndefined()
  await act(() => form().nextStep())
  expect(form().step).toBe(0)
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完善本步的信息' }))
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-amountFen' }))
  expect(form().errorOf('amountFen')).toBe('请填写申请金额')
  // The next step's gaps are not shown before it is tried.
  expect(form().errorOf('project.title')).toBeUndefined()
  expect(call).not.toHaveBeenCalled()
})

test('a save refused at a field shows the message there until that field is edited', async () => {
  const form = mountDraft()
  act(() => form().restore(savedLoan()))
  call.mockRejectedValue(new CallError({ code: 'INVALID_INPUT', message: '项目名称含有不允许的字词', field: 'project.title' }))
  act(() => form().set('title', '砂糖橘直播间', 'project.title'))
  await act(async () => {
    await expect(form().save()).rejects.toBeInstanceOf(CallError)
  })
  expect(form().errorOf('project.title')).toBe('项目名称含有不允许的字词')
  expect(form().status).toBe('未保存，请检查标红的内容')
  expect(form().stepDone(1)).toBe(false)
  expect(taro.showToast).not.toHaveBeenCalled()
  act(() => form().set('title', '砂糖橘电商', 'project.title'))
  expect(form().errorOf('project.title')).toBeUndefined()
})

test('changes to the application go one at a time', async () => {
  const form = mountDraft()
  const order: string[] = []
  let release!: () => void
  const first = new Promise<void>((resolve) => (release = resolve))
  let a!: Promise<unknown>
  let b!: Promise<unknown>
  act(() => {
    a = form().serial(async () => {
      order.push('first starts')
      await first
      order.push('first ends')
    })
    b = form().serial(async () => {
      order.push('second starts')
    })
  })
  await act(async () => {
    await Promise.resolve()
  })
  expect(order).toEqual(['first starts'])
  await act(async () => {
    release()
    await Promise.all([a, b])
  })
  expect(order).toEqual(['first starts', 'first ends', 'second starts'])
})
