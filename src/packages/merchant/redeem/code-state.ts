// A scanned perk code's life on the merchant's screen. The server says how many seconds the code
// has left when it answers perk.verify; counting down from the moment the check was sent (on this
// phone's clock, whatever time it shows) never credits the code with more life than it has.
// A code is treated as dead a little before the server would refuse it, so that 确认核销 never
// sends a confirmation that will arrive too late. No Taro here: unit-tested in Node.

/** Seconds a confirmation needs to reach the server: below this the code counts as expired. */
export const CONFIRM_MARGIN_SECONDS = 2
/** From this many seconds left the countdown turns urgent. */
export const SOON_SECONDS = 10

export type CodeStatus = { kind: 'live'; left: number; soon: boolean } | { kind: 'expired' }

/** When (on this phone's clock, ms) a code checked at `sentAt` expires. */
export function expiryOf(secondsLeft: number, sentAt: number): number {
  return sentAt + Math.max(0, secondsLeft) * 1000
}

/** Where a code stands at `now`: whole seconds left (counted down), or expired. */
export function codeStatus(expiresAt: number, now: number): CodeStatus {
  const left = Math.floor((expiresAt - now) / 1000)
  if (left < CONFIRM_MARGIN_SECONDS) return { kind: 'expired' }
  return { kind: 'live', left, soon: left <= SOON_SECONDS }
}

/** The countdown under the ticket. */
export function countdownText(status: CodeStatus): string {
  if (status.kind === 'expired') return '优惠码已过期，请志愿者出示新的优惠码后重新扫码'
  return status.soon ? `仅剩 ${status.left} 秒，请尽快确认核销` : `优惠码 ${status.left} 秒后过期，请核对后确认核销`
}

/** The fill of the countdown bar (0–1) for a code that lives `lifeSeconds` in all. */
export function countdownRatio(status: CodeStatus, lifeSeconds: number): number {
  return status.kind === 'expired' ? 0 : Math.min(1, status.left / lifeSeconds)
}
