// What a scanned code (or a page's query) means for the volunteer pages: a station's code (its
// 小程序码 opens the check-in page with `?scene=st%3D<id>`), a station kiosk's rotating code
// (`K1.<stationId>.<window>.<sig>`), or a service certificate (`…/verify/index?code=…`).
import Taro from '@tarojs/taro'
import { STATION_ID } from '@contract/vocabulary'
import { decodeTwice } from '@/services/navigation'

export type Scanned =
  | { kind: 'station'; stationId: string }
  | { kind: 'kiosk'; stationId: string; code: string }
  | { kind: 'certificate'; code: string }
  | { kind: 'unknown' }

/** Certificate codes: 12 characters of an alphabet without look-alikes (no I, O, 0, 1). */
export const CERTIFICATE_CODE = /^[2-9A-HJ-NP-Z]{12}$/
const KIOSK = /^K1\.([A-Za-z0-9_-]{4,28})\.[0-9a-z]+\.[A-Za-z0-9_-]+$/

// A scene or a link's value, decoded (it may arrive encoded twice): the navigation module's, shared with the invitation.
export { decodeTwice }

function queryOf(text: string): Record<string, string> {
  const q = text.indexOf('?')
  const out: Record<string, string> = {}
  if (q < 0) return out
  for (const part of text.slice(q + 1).split('#')[0].split('&')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1)
  }
  return out
}

/** The station of a scene (`st=<id>`, possibly with other keys: `st=<id>&x=y`). */
function stationOfScene(scene: string): string {
  for (const part of decodeTwice(scene).split('&')) {
    const [key, value] = part.split('=')
    if (key === 'st' && value && STATION_ID.test(value)) return value
  }
  return ''
}

/** The station a page was opened for: `?scene=st%3D<id>` (a station's 小程序码) or `?stationId=`. */
export function stationIdFromParams(params: Record<string, string | undefined>): string {
  if (params.scene) {
    const fromScene = stationOfScene(params.scene)
    if (fromScene) return fromScene
  }
  const direct = params.stationId ? decodeTwice(params.stationId) : ''
  return STATION_ID.test(direct) ? direct : ''
}

/** Upper case without spaces or dashes: what people type or paste. */
export function cleanCertificateCode(raw: string): string {
  return decodeTwice(raw).replace(/[\s-]+/g, '').toUpperCase()
}

/** What a scanned text (or a mini program path) is. */
export function parseScanned(text: string): Scanned {
  const raw = (text || '').trim()
  if (!raw) return { kind: 'unknown' }
  const kiosk = KIOSK.exec(raw)
  if (kiosk) return { kind: 'kiosk', stationId: kiosk[1], code: raw }
  const query = queryOf(raw)
  if (/volunteer\/verify\//.test(raw) && query.code) {
    const code = cleanCertificateCode(query.code)
    if (CERTIFICATE_CODE.test(code)) return { kind: 'certificate', code }
  }
  const station = stationIdFromParams(query) || (raw.startsWith('st=') ? stationOfScene(raw) : '')
  if (station) return { kind: 'station', stationId: station }
  return { kind: 'unknown' }
}

/** Opens the camera (WeChat): the scanned text, a mini program code's path, or null when cancelled. */
export async function scan(onlyFromCamera = true): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera })
    return (res as { path?: string }).path || res.result || ''
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? '')
    if (/cancel/i.test(msg)) return null
    throw err
  }
}

/**
 * An id that makes a retried or double-tapped request count once: made at the first tap of an
 * attempt and reused on its retries (the contract: 8–64 of [A-Za-z0-9_-]).
 */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0')
  return `${Date.now().toString(36)}${random}`
}
