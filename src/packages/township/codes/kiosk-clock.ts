// Kiosk mode's clock: when a check-in code arrived, when to fetch the next, after when it is no
// longer accepted, and what the countdown shows. No Taro here: unit-tested in Node.

export interface KioskCode {
  code: string
  /** Local clock (ms) when the next code should be fetched. */
  refreshAt: number
  /** Seconds this code had left when it arrived (for the progress bar). */
  period: number
  /** Local clock (ms) after which the code is no longer accepted. */
  staleAt: number
  receivedAt: number
}

/** Longest a code is trusted past its refresh time, whatever the server says. */
const STALE_GRACE_MS = 60_000

/** A code from station.kioskCode, received at `at` (local ms). */
export function kioskCodeOf(res: { code: string; refreshInSeconds: number; expiresAt: string }, at: number): KioskCode {
  const period = Math.max(1, res.refreshInSeconds)
  const refreshAt = at + period * 1000
  // Accepted until expiresAt (server clock); never trusted for more than a minute past the refresh.
  const expires = Date.parse(res.expiresAt)
  const staleAt = Number.isFinite(expires) && expires > refreshAt ? Math.min(expires, refreshAt + STALE_GRACE_MS) : refreshAt
  return { code: res.code, refreshAt, period, staleAt, receivedAt: at }
}

/** What the kiosk shows at `now`: seconds to the next code, whether this one is stale, the bar's fill (0–1). */
export function kioskClock(kiosk: KioskCode | null, now: number): { left: number; stale: boolean; ratio: number } {
  if (!kiosk) return { left: 0, stale: false, ratio: 0 }
  return {
    left: Math.max(0, Math.ceil((kiosk.refreshAt - now) / 1000)),
    stale: now > kiosk.staleAt,
    ratio: Math.max(0, Math.min(1, (kiosk.refreshAt - now) / (kiosk.period * 1000))),
  }
}

/** HH:MM:SS in Shanghai time (the station's clock). */
export const shanghaiClock = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 19)
