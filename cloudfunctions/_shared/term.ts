// The service term's stop (types/term.ts): after the grace that follows a volunteer's term end,
// station check-ins, make-ups and perks are refused, naming the end date. It reads the account
// the call has already read (UserDoc.termEndedOn, copied by registration's daily term timer), and
// the settings (kept warm) only for a volunteer whose term has ended: no request for the others.
import { termRefusal, termStanding, type TermBound } from '../../types/term'
import { shanghaiDate } from '../../types/time'
import type { UserDoc } from './collections'
import { conflict } from './errors'
import { loadSettings } from './settings'

/** Why the term stops `what` for this volunteer today, or '' (serving, or within the grace). */
export async function termStop(user: Pick<UserDoc, 'termEndedOn'> | null, now: Date, what: TermBound): Promise<string> {
  if (!user?.termEndedOn) return ''
  const { termGraceDays } = await loadSettings(now.getTime())
  return termRefusal(termStanding(user.termEndedOn, termGraceDays, shanghaiDate(now)), what)
}

/** Refuses `what` past the term's grace (CONFLICT, the message naming the end date). */
export async function refuseAfterTermGrace(user: Pick<UserDoc, 'termEndedOn'> | null, now: Date, what: TermBound): Promise<void> {
  const stop = await termStop(user, now, what)
  if (stop) throw conflict(stop)
}
