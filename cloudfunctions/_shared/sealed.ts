// Sealed codes: what a phone shows for someone else to scan (perk codes, fair entry codes). The
// payload is sealed with AES-256-GCM under a key derived per purpose from the deployment's
// token key: the scanner can read nothing of it, and a forged or edited code does not open.
import crypto from 'node:crypto'
import { config } from './config'

const keyFor = (purpose: string) => crypto.createHmac('sha256', config.tokenKey()).update(purpose).digest()

/** `<prefix>.<base64url(iv | tag | ciphertext)>`. */
export function seal(purpose: string, prefix: string, claims: object): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(purpose), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()])
  return `${prefix}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

/** The claims of a genuine code of this purpose, or null for anything forged, edited or sealed with another key. */
export function unseal(purpose: string, prefix: string, code: string): Record<string, unknown> | null {
  if (!code.startsWith(`${prefix}.`)) return null
  const raw = Buffer.from(code.slice(prefix.length + 1), 'base64url')
  if (raw.length < 29) return null
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(purpose), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    const claims: unknown = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'))
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** A random nonce for a code (also the id of what using it records). */
export function newNonce(): string {
  return crypto.randomBytes(12).toString('base64url')
}
