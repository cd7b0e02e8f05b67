// Perk codes: what a volunteer's phone shows for a merchant to scan. The payload (who, which
// perk, until when, a nonce, and the eligibility checked when it was made) is sealed with
// AES-256-GCM: a merchant can read nothing of it, and a forged or edited code does not open.
import crypto from 'node:crypto'
import { config } from './config'

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
}

const key = () => crypto.createHmac('sha256', config.tokenKey()).update('perk-code-v1').digest()

export function sealPerkCode(claims: PerkClaims): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()])
  return `P1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

/** The claims of a genuine code, or null for anything forged, edited or made with another key. */
export function openPerkCode(code: string): PerkClaims | null {
  if (!code.startsWith('P1.')) return null
  const raw = Buffer.from(code.slice(3), 'base64url')
  if (raw.length < 29) return null
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    const claims = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as PerkClaims
    return typeof claims.u === 'string' && typeof claims.p === 'string' && typeof claims.e === 'number' && typeof claims.n === 'string' ? claims : null
  } catch {
    return null
  }
}

/** A random nonce for a code (also the id its redemption will have). */
export function newNonce(): string {
  return crypto.randomBytes(12).toString('base64url')
}
