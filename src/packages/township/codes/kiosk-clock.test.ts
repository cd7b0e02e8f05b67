// Kiosk mode's clock: the refresh, how long a code is trusted, and the countdown.
import { kioskClock, kioskCodeOf, shanghaiClock } from './kiosk-clock'

const AT = Date.parse('2026-03-04T02:00:00Z')

test('a code is refreshed after its seconds, and trusted to its expiry but not a minute beyond the refresh', () => {
  expect(kioskCodeOf({ code: 'K1.a.b', refreshInSeconds: 30, expiresAt: '2026-03-04T02:00:45Z' }, AT)).toEqual({ code: 'K1.a.b', refreshAt: AT + 30_000, period: 30, staleAt: AT + 45_000, receivedAt: AT })
  expect(kioskCodeOf({ code: 'x', refreshInSeconds: 30, expiresAt: '2026-03-04T03:00:00Z' }, AT).staleAt).toBe(AT + 90_000)
  // An expiry before the refresh, or none readable: stale at the refresh.
  expect(kioskCodeOf({ code: 'x', refreshInSeconds: 30, expiresAt: '2026-03-04T02:00:10Z' }, AT).staleAt).toBe(AT + 30_000)
  expect(kioskCodeOf({ code: 'x', refreshInSeconds: 0, expiresAt: 'soon' }, AT)).toMatchObject({ period: 1, refreshAt: AT + 1000, staleAt: AT + 1000 })
})

test('the countdown rounds up, the bar empties, and a code past its time is stale', () => {
  const code = kioskCodeOf({ code: 'x', refreshInSeconds: 30, expiresAt: '2026-03-04T02:00:45Z' }, AT)
  expect(kioskClock(code, AT)).toEqual({ left: 30, stale: false, ratio: 1 })
  expect(kioskClock(code, AT + 14_500)).toEqual({ left: 16, stale: false, ratio: 0.5166666666666667 })
  expect(kioskClock(code, AT + 40_000)).toEqual({ left: 0, stale: false, ratio: 0 })
  expect(kioskClock(code, AT + 46_000).stale).toBe(true)
  expect(kioskClock(null, AT)).toEqual({ left: 0, stale: false, ratio: 0 })
})

test('the time of the last code is Shanghai’s', () => {
  expect(shanghaiClock(AT)).toBe('10:00:00')
})
