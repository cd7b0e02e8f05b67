// Kiosk mode: entered only for a station that is on, the next code fetched when this one is due,
// a failure retried after a few seconds, a refusal for good stops it, and leaving asks first.
import { act } from 'react-test-renderer'
import { renderHookAsync } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { RETRY_MS, useKiosk } from './use-kiosk'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn() }, useDidHide: jest.fn(), useDidShow: jest.fn(), useUnload: jest.fn() }))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call

let serial = 0
function codes(refreshInSeconds = 30) {
  call.mockImplementation(() => Promise.resolve({ code: `K1.st_1.${++serial}`, refreshInSeconds, expiresAt: new Date(Date.now() + (refreshInSeconds + 15) * 1000).toISOString() }))
}

async function mount() {
  const hook = await renderHookAsync(() => useKiosk('st_1'))
  return { now: hook.now, unmount: hook.unmount }
}

/** Lets the clock run `ms`, settling what it sets off. */
const pass = (ms: number) =>
  act(async () => {
    await jest.advanceTimersByTimeAsync(ms)
  })

beforeEach(() => {
  jest.clearAllMocks()
  jest.useFakeTimers()
})
afterEach(() => jest.useRealTimers())

test('a station that is off is not shown in kiosk mode', async () => {
  const k = await mount()
  act(() => k.now().enter(false))
  expect(k.now().on).toBe(false)
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '驿站已停用，请先在驿站信息中启用' }))
  expect(call).not.toHaveBeenCalled()
})

test('the code is fetched on entry and again when it is due, counting down between', async () => {
  codes(30)
  const k = await mount()
  await act(async () => k.now().enter(true))
  expect(call).toHaveBeenCalledWith('station.kioskCode', { id: 'st_1' })
  expect(k.now().code?.code).toBe(`K1.st_1.${serial}`)
  const first = k.now().code?.code
  await pass(10_000)
  expect(k.now().left).toBe(20)
  expect(call).toHaveBeenCalledTimes(1)
  await pass(20_500)
  expect(call).toHaveBeenCalledTimes(2)
  expect(k.now().code?.code).not.toBe(first)
  k.unmount()
})

test('a failure is retried after a few seconds; a refusal for good stops asking', async () => {
  codes(30)
  call.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不太稳定，请稍后重试' }))
  const k = await mount()
  await act(async () => k.now().enter(true))
  expect(k.now().error).toBe('网络不太稳定，请稍后重试')
  expect(k.now().stopped).toBe(false)
  await pass(RETRY_MS + 300)
  expect(call).toHaveBeenCalledTimes(2)
  expect(k.now().error).toBe('')
  expect(k.now().code).not.toBeNull()

  call.mockRejectedValue(new CallError({ code: 'FORBIDDEN', message: '驿站已停用' }))
  await pass(30_500)
  expect(k.now().error).toBe('驿站已停用')
  expect(k.now().stopped).toBe(true)
  const asked = call.mock.calls.length
  await pass(60_000)
  expect(call.mock.calls.length).toBe(asked)
  expect(k.now().stale).toBe(true)
  k.unmount()
})

test('leaving asks first', async () => {
  codes()
  const k = await mount()
  await act(async () => k.now().enter(true))
  taro.showModal.mockResolvedValueOnce({ confirm: false })
  await act(() => k.now().exit())
  expect(k.now().on).toBe(true)
  taro.showModal.mockResolvedValueOnce({ confirm: true })
  await act(() => k.now().exit())
  expect(k.now().on).toBe(false)
  expect(k.now().code).toBeNull()
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '退出现场签到' }))
})
