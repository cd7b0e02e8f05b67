// The check-in page's states, driven with the functions and the phone's location answered here:
// locating, a location problem, the fence refusing, a check-in (one request id per attempt, kept
// across a lost reply), a fix the function finds stale, a kiosk code from the query, the stations
// nearby, and 签退.
import { act } from 'react-test-renderer'
import { CallError } from '@/services/cloud'
import { LocationProblem, type Reading } from '@/services/location'
import type { SessionView, StationView } from '../shared/volunteer'
import { useCheckIn, type CheckInPage } from './use-check-in'
import { mountHook, unmountHooks, until } from '@/components/ui/test-harness'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    showToast: jest.fn(),
    showLoading: jest.fn(),
    hideLoading: jest.fn(),
    showModal: jest.fn(() => Promise.resolve({ confirm: true })),
    navigateTo: jest.fn(() => Promise.resolve()),
    stopPullDownRefresh: jest.fn(),
  },
  useDidShow: () => undefined,
  useDidHide: () => undefined,
  usePullDownRefresh: () => undefined,
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/location', () => ({ ...jest.requireActual('@/services/location'), readLocation: jest.fn(), openLocationSetting: jest.fn() }))
jest.mock('@/services/notices', () => ({ askForNotices: jest.fn(() => Promise.resolve([])) }))

const taro = (jest.requireMock('@tarojs/taro') as { default: Record<string, jest.Mock> }).default
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }
const { readLocation } = jest.requireMock('@/services/location') as { readLocation: jest.Mock }

const M_PER_DEG = (6371008.8 * Math.PI) / 180
const STATION = {
  id: 'st_fengcheng',
  name: '凤城街道驿站',
  address: '凤城街道 1 号',
  countyName: '清城区',
  townshipName: '凤城街道',
  location: { lat: 23.697524, lng: 113.055469 },
  radiusM: 300,
  active: true,
  opensAt: '00:00',
  closesAt: '24:00',
  distanceM: 30,
} as unknown as StationView
/** A reading `metres` north of the station. */
const north = (metres: number, accuracy = 15): Reading => ({ lat: STATION.location.lat + metres / M_PER_DEG, lng: STATION.location.lng, accuracy, at: Date.now() })
const SESSION = { id: 'ses_1', stationId: STATION.id, stationName: STATION.name, townshipName: '凤城街道', checkInAt: new Date().toISOString(), flags: [], status: 'open' } as unknown as SessionView

/** What the functions answer: a value, or a function of the input (which may throw). */
let answers: Record<string, unknown>

beforeEach(() => {
  answers = {
    'service.current': null,
    'settings.get': { coarseAccuracyM: 50 },
    'station.get': STATION,
    'station.nearby': { items: [STATION] },
    'service.checkIn': SESSION,
  }
  call.mockReset()
  call.mockImplementation(async (name: string, input: unknown) => {
    const a = answers[name]
    return typeof a === 'function' ? a(input) : a
  })
  readLocation.mockReset()
  readLocation.mockImplementation(async () => north(30))
  for (const fn of Object.values(taro)) fn.mockClear()
})
afterEach(unmountHooks)

function mountCheckIn(params: Record<string, string> = {}): () => CheckInPage {
  return mountHook(() => useCheckIn(params))
}

const calls = (name: string) => call.mock.calls.filter(([n]) => n === name).map(([, input]) => input as Record<string, unknown>)

test('opened for a station: the session, the station, the location and the fence, then 签到 once with a fresh request id', async () => {
  const page = mountCheckIn({ stationId: STATION.id })
  expect(page().state.kind).toBe('loading')
  await until(() => !!page().verdict)
  expect(page().station?.id).toBe(STATION.id)
  expect(page().reading).toMatchObject({ accuracy: 15 })
  expect(page().verdict).toMatchObject({ inside: true, distanceM: 30 })

  await act(async () => {
    await Promise.all([page().checkIn(page().station!), page().checkIn(page().station!)])
  })
  expect(calls('service.checkIn')).toEqual([expect.objectContaining({ stationId: STATION.id, via: 'scan', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) })])
  expect(page().session?.id).toBe(SESSION.id)
  expect(page().busy).toBe(false)
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '签到成功' }))
})

test('outside the fence the check-in stops at the location with the function’s words; no call is made', async () => {
  readLocation.mockImplementation(async () => north(900))
  const page = mountCheckIn({ stationId: STATION.id })
  await until(() => !!page().verdict)
  expect(page().verdict?.inside).toBe(false)
  await act(() => page().checkIn(page().station!))
  expect(page().error).toEqual({ field: 'reading', message: expect.stringContaining('超出 300 米的签到范围') })
  expect(calls('service.checkIn')).toEqual([])

  // 重新定位 at the station forgets the refusal.
  readLocation.mockImplementation(async () => north(20))
  await act(async () => page().relocate())
  await until(() => page().verdict?.inside === true)
  expect(page().error).toBeNull()
})

test('without the location: the problem is kept, and a check-in says to fix it first', async () => {
  readLocation.mockImplementation(async () => {
    throw new LocationProblem('denied', '未获得位置权限', '请在设置中允许使用位置信息')
  })
  const page = mountCheckIn({ stationId: STATION.id })
  await until(() => !!page().problem && !!page().station)
  expect(page().problem?.kind).toBe('denied')
  expect(page().locating).toBe(false)
  await act(() => page().checkIn(page().station!))
  expect(page().error).toEqual({ field: 'reading', message: '没有获取到你的位置，请按上面的提示处理后重新定位。' })
  expect(calls('service.checkIn')).toEqual([])

  // Any other failure reads as 暂时无法定位.
  readLocation.mockImplementation(async () => {
    throw new Error('boom')
  })
  await act(async () => {
    await page().locate()
  })
  expect(page().problem).toMatchObject({ kind: 'failed', title: '暂时无法定位' })
})

test('a lost reply keeps the request id for the retry; a refusal of the fix’s time reads the location again', async () => {
  const page = mountCheckIn({ stationId: STATION.id })
  await until(() => !!page().verdict)
  answers['service.checkIn'] = () => {
    throw new CallError({ code: 'NETWORK', message: '网络不太稳定，请稍后重试' })
  }
  await act(() => page().checkIn(page().station!))
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '网络不太稳定，请稍后重试' }))
  expect(page().error).toBeNull()

  answers['service.checkIn'] = () => {
    throw new CallError({ code: 'INVALID_INPUT', message: '定位是 90 秒前获取的', field: 'reading.at' })
  }
  const readsBefore = readLocation.mock.calls.length
  await act(() => page().checkIn(page().station!))
  const [first, second] = calls('service.checkIn')
  expect(second.requestId).toBe(first.requestId)
  expect(page().error).toEqual({ field: 'reading.at', message: '定位是 90 秒前获取的' })
  await until(() => readLocation.mock.calls.length > readsBefore && !!page().reading)

  // That refusal was not a lost reply: the next attempt is a new one.
  answers['service.checkIn'] = SESSION
  await act(() => page().checkIn(page().station!))
  expect(calls('service.checkIn')[2].requestId).not.toBe(first.requestId)
  expect(page().session?.id).toBe(SESSION.id)
})

test('opened from a kiosk code: checks in with it straight away, with a fresh fix', async () => {
  const page = mountCheckIn({ stationId: STATION.id, kiosk: encodeURIComponent('K1.st_fengcheng.abc.SIG') })
  await until(() => !!page().session)
  expect(calls('service.checkIn')).toEqual([expect.objectContaining({ via: 'kiosk', kioskCode: 'K1.st_fengcheng.abc.SIG', stationId: STATION.id })])
  // The fix on open and the fresh one for the kiosk code.
  expect(readLocation.mock.calls.length).toBeGreaterThanOrEqual(2)
})

test('with no station: the stations around the reading; choosing one checks in as 附近 and a scan names what it read', async () => {
  const page = mountCheckIn({})
  await until(() => page().nearby !== null)
  expect(calls('station.nearby')).toEqual([expect.objectContaining({ radiusKm: 30 })])
  expect(page().nearby?.map((s) => s.id)).toEqual([STATION.id])

  act(() => page().chooseNearby(STATION.id))
  await until(() => !!page().verdict)
  expect(page().via).toBe('nearby')
  await act(() => page().checkIn(page().station!))
  expect(calls('service.checkIn')[0]).toMatchObject({ via: 'nearby' })

  act(() => page().clearStation())
  expect(page().stationId).toBe('')
  await act(() => page().handleScanned('something else'))
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '无法识别这个二维码，请扫描驿站的签到码' }))
  await act(() => page().handleScanned('packages/volunteer/verify/index?code=ABCDEFGHJKLM'))
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: expect.stringContaining('code=ABCDEFGHJKLM') })
})

test('签退 of the running session leaves what was recorded; under a minute leaves nothing', async () => {
  answers['service.current'] = SESSION
  const page = mountCheckIn({})
  await until(() => !!page().session && !!page().station)
  expect(page().verdict).toBeNull()
  expect(calls('station.nearby')).toEqual([])

  const recorded = { ...SESSION, status: 'pending', checkOutAt: new Date().toISOString(), minutes: 60 }
  answers['service.checkOut'] = recorded
  await act(() => page().finish())
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认签退' }))
  expect(page().session).toBeNull()
  expect(page().done).toEqual(recorded)

  unmountHooks()
  const again = mountCheckIn({})
  await until(() => !!again().session)
  answers['service.checkOut'] = { status: 'discarded', message: '签到不到 1 分钟，未留下记录' }
  await act(() => again().finish())
  expect(again().session).toBeNull()
  expect(again().done).toBeNull()
})
