// The queue's filters and what they ask service.queue for: the tab and township in every call, a
// name only after a pause in typing, the open tabs' counts per township, and the daily cap.
import { act } from 'react-test-renderer'
import { mountHookAsync } from '@/components/ui/test-harness'
import type { StaffScope } from '@/components/township/shared'
import { NAME_PAUSE_MS, useQueue } from './use-queue'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), stopPullDownRefresh: jest.fn() },
  usePullDownRefresh: jest.fn(),
  useReachBottom: jest.fn(),
}))
jest.mock('@/services/cloud', () => ({ call: jest.fn(), errorMessage: (err: Error) => err.message }))
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call

const scope = { single: null, city: false, counties: [], townships: [] } as unknown as StaffScope

/** service.queue answers with `total` records for whatever was asked; settings.get with a 480-minute cap. */
function answer(total = 2) {
  call.mockImplementation((fn: string, input: { status?: string }) => {
    if (fn === 'settings.get') return Promise.resolve({ dailyCapMinutes: 480 })
    return Promise.resolve({ items: Array.from({ length: input.status === 'pending' ? total : 0 }, (_, i) => ({ id: `s${i}` })), total })
  })
}

async function mount(params: { status?: string; flagged?: string } = {}) {
  return mountHookAsync(() => useQueue(scope, params, () => Promise.resolve()))
}

/** The list's calls (pageSize 50; the counts ask for one). */
const listCalls = () => call.mock.calls.filter(([fn, input]) => fn === 'service.queue' && input.pageSize === 50).map(([, input]) => input)

beforeEach(() => {
  call.mockReset()
  jest.useRealTimers()
})

test('the link’s tab and 只看有异常 are the first list asked for; the counts and daily cap come too', async () => {
  answer(7)
  const q = await mount({ status: 'needs_review', flagged: '1' })
  expect(listCalls()).toEqual([{ status: 'needs_review', flaggedOnly: true, page: 1, pageSize: 50 }])
  expect(q().counts).toEqual({ pending: 7, needs_review: 7 })
  expect(q().dailyCap).toBe(480)
  expect(q().list.status).toBe('ready')
})

test('a township narrows the list and the counts; a tab change asks again', async () => {
  answer()
  const q = await mount()
  call.mockClear()
  await act(async () => q().setTownshipCode('441802006'))
  expect(listCalls()).toEqual([{ status: 'pending', flaggedOnly: false, page: 1, pageSize: 50, townshipCode: '441802006' }])
  expect(call).toHaveBeenCalledWith('service.queue', { status: 'needs_review', pageSize: 1, townshipCode: '441802006' })
  const before = q().key
  await act(async () => q().setStatus('approved'))
  expect(q().key).not.toBe(before)
  expect(listCalls().at(-1)).toMatchObject({ status: 'approved', townshipCode: '441802006' })
})

test('a name is searched after a pause in typing, and clearing shows everything at once', async () => {
  answer()
  const q = await mount()
  jest.useFakeTimers()
  call.mockClear()
  await act(async () => q().setTypedName(' 晓雨 '))
  await act(async () => {
    jest.advanceTimersByTime(NAME_PAUSE_MS - 50)
  })
  expect(listCalls()).toEqual([])
  await act(async () => {
    jest.advanceTimersByTime(50)
  })
  expect(q().name).toBe('晓雨')
  expect(listCalls()).toEqual([{ status: 'pending', flaggedOnly: false, page: 1, pageSize: 50, name: '晓雨' }])
  await act(async () => q().setDate('2026-03-04'))
  expect(listCalls().at(-1)).toMatchObject({ name: '晓雨', date: '2026-03-04' })
  await act(async () => q().clearSearch())
  await act(async () => {
    jest.advanceTimersByTime(0)
  })
  expect(q().name).toBe('')
  expect(listCalls().at(-1)).toEqual({ status: 'pending', flaggedOnly: false, page: 1, pageSize: 50 })
})
