// Deployment configuration: the function's environment variables (set in the cloud console
// on WeChat Cloud; generated locally by npm start). Secrets never live in the repository.

import { templateIdFrom, type NoticeName } from '../../types/notices'

function key(name: string): Buffer {
  const value = process.env[name]
  const bytes = value ? Buffer.from(value, 'base64') : Buffer.alloc(0)
  if (bytes.length !== 32) throw new Error(`${name} must be 32 random bytes, base64 (set it in the function's environment)`)
  return bytes
}

export const config = {
  /** AES-256-GCM key for personal data at rest (ID numbers). */
  dataKey: () => key('XQ_DATA_KEY'),
  /** HMAC key for blind indexes (finding a duplicate ID without decrypting). */
  indexKey: () => key('XQ_INDEX_KEY'),
  /** HMAC key for short-lived signed codes. */
  tokenKey: () => key('XQ_TOKEN_KEY'),
  /** The first city admins (deployment configuration), by OPENID, comma-separated. */
  bootstrapCityAdmins: (): string[] =>
    (process.env.XQ_CITY_ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  /** Subscribe-message template ids (from the mini program's console), declared in types/notices.ts. */
  template: (name: NoticeName): string => templateIdFrom(process.env, name),
  /** developer, trial or formal: which version of the mini program a message opens. */
  miniprogramState: (): string => process.env.XQ_MINIPROGRAM_STATE ?? 'formal',
}
