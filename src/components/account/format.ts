// Invitation codes as the account pages read them (subpackage only; no zod, no dayjs).

/**
 * The invitation code a page was opened with: `?code=ABC…`, or a 小程序码's `?scene=` (WeChat
 * passes it URL-encoded: `inv%3DABC…`). Returns '' when there is none.
 */
export function invitationCodeFrom(params: Record<string, string | undefined>): string {
  const direct = params.code ? safeDecode(params.code) : ''
  if (direct) return cleanCode(direct)
  const scene = params.scene ? safeDecode(params.scene) : ''
  if (!scene) return ''
  // The scene may carry other keys one day: inv=CODE&x=y
  for (const part of scene.split('&')) {
    const [key, value] = part.split('=')
    if (key === 'inv' && value) return cleanCode(value)
  }
  return ''
}

function safeDecode(s: string): string {
  let out = s
  // A scene may arrive encoded once or twice (a link that wraps the page URL).
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(out); i++) {
    try {
      out = decodeURIComponent(out)
    } catch {
      break
    }
  }
  return out
}

/** Upper case, no spaces, no `inv=` prefix: what people paste. */
export function cleanCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase().replace(/^INV=/, '')
}
