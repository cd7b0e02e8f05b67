// Small helpers shared by the account pages (subpackage only; no zod, no dayjs).

/** Shanghai is UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** An instant (ISO text) as people read it in Qingyuan: 2026-11-25 18:30. */
export function shanghaiDateTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** Today in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(): string {
  return new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** 2026-07-01 → 2026年7月1日 */
export function chineseDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd
}

/** A YYYY-MM-DD string as a local Date at noon (safe for pickers in any time zone). */
export function dateOf(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number)
  return new Date(y, m - 1, d, 12)
}

/** A picker's local Date as YYYY-MM-DD. */
export function ymdOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

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
