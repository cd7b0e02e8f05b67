// Personal data at rest: ID numbers are encrypted with AES-256-GCM (key from configuration),
// and found by a blind index (HMAC) so duplicates are detected without decrypting.
import crypto from 'node:crypto'
import { config } from './config'

const VERSION = 'v1'

export function encrypt(plain: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', config.dataKey(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':')
}

export function decrypt(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(':')
  if (version !== VERSION || !iv || !tag || !body) throw new Error('unreadable sealed value')
  const decipher = crypto.createDecipheriv('aes-256-gcm', config.dataKey(), Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
}

/** The same ID always gives the same index; the index reveals nothing without the key. */
export function blindIndex(idNumber: string): string {
  return crypto.createHmac('sha256', config.indexKey()).update(`id:${idNumber}`).digest('hex')
}
