// The staff's daily-reminder offer: shown until answered on this phone; an accept keeps it away
// for good (a long-term template stays accepted), 暂不 or WeChat's 取消 for the quiet time only.
import { act } from 'react-test-renderer'
import { renderHook } from './test-harness'
import type { useTodoReminderOffer as UseOffer } from './use-todo-reminder'

const storage = new Map<string, unknown>()
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    showToast: jest.fn(),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  },
}))
jest.mock('@/services/subscribe', () => ({ requestSubscription: jest.fn() }))
const requestSubscription = (jest.requireMock('@/services/subscribe') as { requestSubscription: jest.Mock }).requestSubscription
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock } }).default

// The build's template ids are read when the notices module loads.
process.env.TARO_APP_NOTICE_TEMPLATE_IDS = JSON.stringify({ XQ_TPL_TODO: 'tpl-todo' })
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useTodoReminderOffer } = require('./use-todo-reminder') as { useTodoReminderOffer: typeof UseOffer }
beforeEach(() => {
  storage.clear()
  jest.clearAllMocks()
})

test('accepted once, the offer does not come back', async () => {
  requestSubscription.mockResolvedValue({ 'tpl-todo': 'accept' })
  const first = renderHook(() => useTodoReminderOffer())
  expect(first.now().open).toBe(true)
  await act(() => first.now().accept())
  expect(requestSubscription).toHaveBeenCalledWith(['tpl-todo'], [expect.objectContaining({ kind: 'long-term' })])
  expect(first.now().open).toBe(false)
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已开启：有待办时，每天早上通过微信提醒你' }))
  // Another visit, a month later: still not offered.
  const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 30 * 86400_000)
  expect(renderHook(() => useTodoReminderOffer()).now().open).toBe(false)
  later.mockRestore()
})

test('暂不 keeps it away for two weeks, then it is offered again', () => {
  const offer = renderHook(() => useTodoReminderOffer())
  act(() => offer.now().decline())
  expect(offer.now().open).toBe(false)
  expect(requestSubscription).not.toHaveBeenCalled()
  expect(renderHook(() => useTodoReminderOffer()).now().open).toBe(false)
  const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 15 * 86400_000)
  expect(renderHook(() => useTodoReminderOffer()).now().open).toBe(true)
  later.mockRestore()
})

test("WeChat's 取消 counts as a refusal: the offer goes, and the toast says the desk still shows the work", async () => {
  requestSubscription.mockResolvedValue({ 'tpl-todo': 'reject' })
  const offer = renderHook(() => useTodoReminderOffer())
  await act(() => offer.now().accept())
  expect(offer.now().open).toBe(false)
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '未开启，待办仍会出现在工作台和消息里' }))
  expect(renderHook(() => useTodoReminderOffer()).now().open).toBe(false)
})
