// When the volunteer's phone replaces the perk code it shows, and what its countdown says. The
// function decides how long a code is shown (refreshInSeconds: it is replaced while 30 s of its
// minute are left, so whatever the merchant scans can still be checked and confirmed). Times are
// on this phone's clock, counted from when the request was sent: never later than the truth.
// No Taro here: unit-tested in Node.

export interface CodeClock {
  /** When to fetch the next code (ms, this phone's clock). */
  refreshAt: number
  /** When this code dies (ms), a second early to be safe. */
  expiresLocal: number
}

/**
 * Below this many seconds a code is hidden behind 「正在换新码」: only when replacing it failed
 * (no network); a merchant could not scan and confirm it in time.
 */
export const MIN_SHOWN_SECONDS = 10
/** A failed refresh is tried again this soon (the shown code still has time). */
export const RETRY_MS = 5000

/** The clock of a code the function answered (`sentAt`: when it was asked for). */
export function clockOf(code: { refreshInSeconds: number }, lifeSeconds: number, sentAt: number): CodeClock {
  return { refreshAt: sentAt + code.refreshInSeconds * 1000, expiresLocal: sentAt + (lifeSeconds - 1) * 1000 }
}

/** Whole seconds the code has left at `now` (0 once expired). */
export function secondsLeft(clock: CodeClock, now: number): number {
  return Math.max(0, Math.floor((clock.expiresLocal - now) / 1000))
}

/** Whether to fetch the next code now. */
export function dueForRefresh(clock: CodeClock, now: number): boolean {
  return now >= clock.refreshAt
}

/** Whether the code may be shown for scanning (else the veil says a new one is coming). */
export function scannable(clock: CodeClock, now: number): boolean {
  return clock.expiresLocal - now >= MIN_SHOWN_SECONDS * 1000
}

/** The countdown under the code. */
export function countdownText(left: number): string {
  if (left <= 0) return '已过期，正在换新码'
  if (left < MIN_SHOWN_SECONDS) return `仅剩 ${left} 秒，正在换新码`
  return `${left} 秒内有效 · 到期前自动换新码`
}
