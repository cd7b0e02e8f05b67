// Perk codes: what a volunteer's phone shows for a merchant to scan. The payload (who, which
// perk, until when, a nonce, and the eligibility checked when it was made) is sealed (sealed.ts).
import { newNonce, seal, unseal } from './sealed'

export interface PerkClaims {
  /** Volunteer's user id. */
  u: string
  /** Their WeChat identity, to tell them of the redemption. */
  o: string
  /** Perk id, its title and its merchant (read when the code was made). */
  p: string
  t: string
  b: string
  /** Expiry, unix seconds. */
  e: number
  /** Nonce: the redemption's id, so that a code is used once. */
  n: string
  /** Star level and county when the code was made (eligibility is checked then, at most a minute before). */
  s: number
  c: string
  /** The volunteer's name, masked, for the merchant's screen. */
  m: string
  /** For a volunteer whose service term has ended: its end and the grace's last day (Shanghai), rechecked at the counter. */
  x?: string
  g?: string
}

const PURPOSE = 'perk-code-v1'

export function sealPerkCode(claims: PerkClaims): string {
  return seal(PURPOSE, 'P1', claims)
}

/** The claims of a genuine code, or null for anything forged, edited or made with another key. */
export function openPerkCode(code: string): PerkClaims | null {
  const claims = unseal(PURPOSE, 'P1', code) as PerkClaims | null
  return claims && typeof claims.u === 'string' && typeof claims.p === 'string' && typeof claims.e === 'number' && typeof claims.n === 'string' ? claims : null
}

export { newNonce }
