// The code a volunteer shows: fetched after 出示优惠码, replaced before it dies, kept through a
// network slip, ended by a refusal, and turned into 已核销 when the merchant's confirmation shows.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { POLL_MS, usePerkCode, isTransient, type PerkCode } from './use-perk-code'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })), vibrateShort: jest.fn(() => Promise.resolve()) },
  useDidHide: jest.fn(),
  useDidShow: jest.fn(),
  useUnload: jest.fn(),
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/notices', () => ({ askForNotices: jest.fn(() => Promise.resolve([])) }))

const taroModule = jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock }; useDidHide: jest.Mock; useDidShow: jest.Mock }
const taro = taroModule.default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call

const START = Date.parse('2026-05-01T02:00:00Z')
const NO_REDEMPTIONS = { items: [], total: 0 }

/** perk.code answers in turn from `codes` (a value, or an error to throw); nobody has redeemed anything. */
function answer(...codes: unknown[]) {
  call.mockImplementation((name: string) => {
    if (name !== 'perk.code') return Promise.resolve(NO_REDEMPTIONS)
    const next = codes.shift()
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next)
  })
}

/** perk.code's answer for a code made at `madeAt` (it lives 60 s, replaced after 30). */
const codeOut = (token: string, madeAt: number) => ({ token, expiresAt: new Date(madeAt + 60_000).toISOString(), refreshInSeconds: 30, volunteerName: '张*', star: 2, perkTitle: '堂食 8.8 折' })

function mount(eligible = true): { latest: () => PerkCode; refreshPerk: jest.Mock } {
  const refreshPerk = jest.fn()
  return { latest: mountHook(() => usePerkCode('p1', { id: 'p1', eligible }, refreshPerk)), refreshPerk }
}

/** Lets the awaited promises of the hook settle. */
const settle = () => act(async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
})

beforeEach(() => {
  jest.useFakeTimers({ now: START })
  call.mockReset()
  taro.showToast.mockClear()
  taro.showModal.mockClear()
})
afterEach(() => jest.useRealTimers())

test('network trouble and overload are worth another try; a refusal is not', () => {
  expect(isTransient(new CallError({ code: 'NETWORK', message: '网络不太稳定' }))).toBe(true)
  expect(isTransient(new CallError({ code: 'RATE_LIMITED', message: '太频繁' }))).toBe(true)
  expect(isTransient(new Error('boom'))).toBe(true)
  expect(isTransient(new CallError({ code: 'FORBIDDEN', message: '今日次数已用完' }))).toBe(false)
})

test('出示优惠码 opens the sheet, then shows the fetched code with its countdown; a second code comes before the first dies', async () => {
  const { latest } = mount()
  answer(codeOut('t1', START), codeOut('t2', START + 30_000))
  await act(async () => {
    void latest().openCode()
  })
  await settle()
  expect(call).toHaveBeenCalledWith('perk.code', { perkId: 'p1' })
  expect(latest().code?.token).toBe('t1')
  expect(latest().secondsLeft).toBe(59)
  expect(latest().scannable).toBe(true)

  await act(async () => {
    jest.advanceTimersByTime(30_000)
  })
  await settle()
  expect(call.mock.calls.filter(([name]) => name === 'perk.code')).toHaveLength(2)
  expect(latest().code?.token).toBe('t2')
})

test('an ineligible volunteer gets no code', async () => {
  const { latest } = mount(false)
  await act(async () => {
    await latest().openCode()
  })
  expect(latest().show).toBeNull()
  expect(call).not.toHaveBeenCalled()
})

test('a refusal ends the showing, says why, and loads the perk again', async () => {
  const { latest, refreshPerk } = mount()
  answer(new CallError({ code: 'FORBIDDEN', message: '今日次数已用完' }))
  await act(async () => {
    void latest().openCode()
  })
  await settle()
  expect(latest().show).toBeNull()
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '暂时不能出示优惠码', content: '今日次数已用完' }))
  expect(refreshPerk).toHaveBeenCalled()
})

test('no network at the first code closes the sheet with a toast; later it keeps the shown code and says it is retrying', async () => {
  const first = mount()
  answer(new CallError({ code: 'NETWORK', message: '网络不太稳定，请稍后重试' }))
  await act(async () => {
    void first.latest().openCode()
  })
  await settle()
  expect(first.latest().show).toBeNull()
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不太稳定，请稍后重试' }))

  const second = mount()
  answer(codeOut('t1', START), new CallError({ code: 'NETWORK', message: '网络不太稳定，请稍后重试' }))
  await act(async () => {
    void second.latest().openCode()
  })
  await settle()
  await act(async () => {
    jest.advanceTimersByTime(30_000)
  })
  await settle()
  const show = second.latest().show
  expect(show?.phase === 'code' && show.problem).toBe('网络不太稳定，请稍后重试')
  expect(second.latest().code?.token).toBe('t1')
})

test('the merchant’s confirmation of this showing turns the sheet into 已核销; an older redemption does not', async () => {
  const { latest, refreshPerk } = mount()
  call.mockImplementation((name: string) => {
    if (name === 'perk.code') return Promise.resolve(codeOut('t1', START))
    return Promise.resolve({ items: [{ perkId: 'p1', at: new Date(START - 3600_000).toISOString() }], total: 1 })
  })
  await act(async () => {
    void latest().openCode()
  })
  await settle()
  await act(async () => {
    jest.advanceTimersByTime(POLL_MS)
  })
  await settle()
  expect(latest().show?.phase).toBe('code')

  const at = new Date(START + 5000).toISOString()
  call.mockImplementation((name: string) => (name === 'perk.code' ? Promise.resolve(codeOut('t1', START)) : Promise.resolve({ items: [{ perkId: 'p1', at }], total: 1 })))
  await act(async () => {
    jest.advanceTimersByTime(POLL_MS)
  })
  await settle()
  expect(latest().show).toEqual({ phase: 'redeemed', at })
  expect(refreshPerk).toHaveBeenCalled()

  act(() => latest().closeCode())
  expect(latest().show).toBeNull()
})
