// Invitation codes as the account pages read them (subpackage only; no zod, no dayjs).
import { decodeTwice } from '@/services/navigation'

/**
 * The invitation code a page was opened with: `?code=ABC…`, or a 小程序码's `?scene=` (WeChat
 * passes it URL-encoded: `inv%3DABC…`). Returns '' when there is none.
 */
export function invitationCodeFrom(params: Record<string, string | undefined>): string {
  const direct = params.code ? decodeTwice(params.code) : ''
  if (direct) return cleanCode(direct)
  const scene = params.scene ? decodeTwice(params.scene) : ''
  if (!scene) return ''
  // The scene may carry other keys one day: inv=CODE&x=y
  for (const part of scene.split('&')) {
    const [key, value] = part.split('=')
    if (key === 'inv' && value) return cleanCode(value)
  }
  return ''
}

/** Upper case, no spaces, no `inv=` prefix: what people paste. */
export function cleanCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().replace(/^INV=/, '')
}
