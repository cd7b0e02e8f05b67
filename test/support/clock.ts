// Service time counts by Asia/Shanghai calendar day, and a session that crosses midnight is split.
// Tests that say "as if checked in N minutes ago" must stay inside one Shanghai day, whatever the
// hour the suite runs at.

/** Minutes since midnight in Asia/Shanghai. */
export const shanghaiMinutesToday = () => Math.floor(((Date.now() + 8 * 3600_000) % 86_400_000) / 60_000)

/** A test that may wait for the day to turn needs this much longer than the default timeout. */
export const MAY_WAIT_FOR_THE_DAY_MS = 60_000 + 10 * 60_000

/**
 * Minutes a test may move a check-in back while the session stays inside today in Shanghai:
 * `wanted`, or less early in the day, never less than 2. In the first minutes of a Shanghai day
 * (and the last few, when the check-out could fall after midnight) it first waits for the day
 * to be far enough along, up to a few minutes.
 */
export async function minutesServedToday(wanted: number, margin = 5): Promise<number> {
  const earliest = margin + 2
  const wait = (minutes: number) => new Promise((r) => setTimeout(r, minutes * 60_000 + 5_000))
  const now = shanghaiMinutesToday()
  if (now > 24 * 60 - margin) await wait(24 * 60 - now + earliest)
  else if (now < earliest) await wait(earliest - now)
  return Math.min(wanted, shanghaiMinutesToday() - margin)
}
