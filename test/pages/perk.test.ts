// Page logic of the perk pages, unit by unit (issue 19): the merchant's countdown of a scanned
// code, the volunteer's code refresh, and what a scan that read nothing says.
import { codeStatus, countdownRatio, countdownText, CONFIRM_MARGIN_SECONDS, expiryOf } from '../../src/packages/merchant/redeem/code-state'
import { clockOf, countdownText as volunteerCountdown, dueForRefresh, MIN_SHOWN_SECONDS, scannable, secondsLeft } from '../../src/packages/perks/detail/code-clock'
import { perkCodeOf, scanFailed, scanned } from '../../src/components/perk/scan-result'

const T0 = 1_800_000_000_000

describe('defect 7, the merchant: a scanned code counts down and turns 已过期 before the server would refuse it', () => {
  test('a code checked with 13 s left: live, then urgent, then expired with 确认核销 off', () => {
    const expiresAt = expiryOf(13, T0)
    expect(codeStatus(expiresAt, T0)).toEqual({ kind: 'live', left: 13, soon: false })
    expect(countdownText(codeStatus(expiresAt, T0))).toBe('优惠码 13 秒后过期，请核对后确认核销')
    expect(codeStatus(expiresAt, T0 + 4_000)).toEqual({ kind: 'live', left: 9, soon: true })
    expect(countdownText(codeStatus(expiresAt, T0 + 4_000))).toBe('仅剩 9 秒，请尽快确认核销')
    // A confirmation needs time to arrive: with less than the margin left the code is already dead here.
    expect(codeStatus(expiresAt, T0 + (13 - CONFIRM_MARGIN_SECONDS) * 1000 + 1)).toEqual({ kind: 'expired' })
    expect(codeStatus(expiresAt, T0 + 60_000)).toEqual({ kind: 'expired' })
    expect(countdownText({ kind: 'expired' })).toContain('优惠码已过期')
    expect(countdownRatio({ kind: 'expired' }, 60)).toBe(0)
    expect(countdownRatio(codeStatus(expiresAt, T0), 60)).toBeCloseTo(13 / 60)
  })

  test('the count comes from the server\'s seconds, from when the check was sent: a phone clock hours off changes nothing', () => {
    const skewed = T0 - 3 * 3600_000
    const expiresAt = expiryOf(45, skewed)
    expect(codeStatus(expiresAt, skewed + 1_000)).toEqual({ kind: 'live', left: 44, soon: false })
    expect(codeStatus(expiresAt, skewed + 44_000).kind).toBe('expired')
    expect(expiryOf(-3, T0)).toBe(T0)
  })
})

describe('defect 7, the volunteer: the code shown is replaced while it still has 30 s, and never shown nearly dead', () => {
  test('a code the function says to show for 30 s of its 60 has ≥ 29 s left when it is replaced', () => {
    const clock = clockOf({ refreshInSeconds: 30 }, 60, T0)
    expect(dueForRefresh(clock, T0 + 29_999)).toBe(false)
    expect(dueForRefresh(clock, T0 + 30_000)).toBe(true)
    expect(secondsLeft(clock, clock.refreshAt)).toBeGreaterThanOrEqual(29)
    expect(secondsLeft(clock, T0)).toBe(59)
    expect(volunteerCountdown(secondsLeft(clock, T0 + 10_000))).toBe('49 秒内有效 · 到期前自动换新码')
  })

  test('if no new code comes (no network), the old one is veiled before it is too short-lived to scan and confirm', () => {
    const clock = clockOf({ refreshInSeconds: 30 }, 60, T0)
    expect(scannable(clock, T0 + 45_000)).toBe(true)
    expect(scannable(clock, T0 + (59 - MIN_SHOWN_SECONDS) * 1000 + 1)).toBe(false)
    expect(volunteerCountdown(5)).toBe('仅剩 5 秒，正在换新码')
    expect(volunteerCountdown(0)).toBe('已过期，正在换新码')
  })
})

describe('item 13: a scan that read nothing says nothing; a scan of something else says so', () => {
  const code = `P1.${'a'.repeat(40)}`
  test('cancelled, or closed without a result: nothing to say', () => {
    expect(scanFailed({ errMsg: 'scanCode:fail cancel' })).toEqual({ kind: 'nothing' })
    expect(scanned({ errMsg: 'scanCode:ok', result: '' })).toEqual({ kind: 'nothing' })
    expect(scanned({ result: '   ' })).toEqual({ kind: 'nothing' })
    expect(scanned(undefined)).toEqual({ kind: 'nothing' })
  })
  test('a client without a scanner (the web build answers success with no result) is told how to go on, not that the code is wrong', () => {
    expect(scanned({ errMsg: 'h5 端当前仅在微信公众号 JS-SDK 环境下支持此 API' })).toEqual({ kind: 'unavailable' })
    expect(scanFailed({ errMsg: 'scanCode:fail auth deny' })).toEqual({ kind: 'unavailable' })
    expect(scanFailed(new Error('boom'))).toEqual({ kind: 'unavailable' })
  })
  test('something else scanned keeps the precise message; our code goes through', () => {
    expect(scanned({ errMsg: 'scanCode:ok', result: 'https://example.com/menu' })).toEqual({ kind: 'foreign' })
    expect(scanned({ errMsg: 'scanCode:ok', result: `  ${code} ` })).toEqual({ kind: 'code', token: code })
    expect(perkCodeOf(`E1.${'a'.repeat(40)}`)).toBe('')
  })
})
