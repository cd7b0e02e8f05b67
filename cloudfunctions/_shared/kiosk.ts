// The rotating kiosk code: a phone at the station shows a QR code that changes every half
// minute, for places where the printed code is abused (photographed and used from home).
// A code is the station, the window it was made in, and an HMAC over both.
import crypto from 'node:crypto'

export const KIOSK_WINDOW_SECONDS = 30
/** A code is accepted in its own window and the next (so a scan at the turn still works). */
const ACCEPTED_WINDOWS = 2

function sign(stationId: string, windowStart: number, key: Buffer): string {
  return crypto.createHmac('sha256', key).update(`kiosk:${stationId}:${windowStart}`).digest('base64url').slice(0, 16)
}

export function kioskCode(stationId: string, windowStart: number, key: Buffer): string {
  return `K1.${stationId}.${windowStart.toString(36)}.${sign(stationId, windowStart, key)}`
}

/** Why a kiosk code is not good for this station now, or null if it is. */
export function kioskProblem(code: string, stationId: string, now: Date, key: Buffer): string | null {
  const [version, station, window36, signature] = code.split('.')
  const windowStart = parseInt(window36 ?? '', 36)
  if (version !== 'K1' || !station || !Number.isFinite(windowStart) || !signature) return '签到码无效，请扫描驿站现场显示的签到码'
  const expected = sign(station, windowStart, key)
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return '签到码无效，请扫描驿站现场显示的签到码'
  if (station !== stationId) return '签到码不属于这个驿站'
  const age = Math.floor(now.getTime() / 1000) - windowStart
  if (age < -5 || age >= ACCEPTED_WINDOWS * KIOSK_WINDOW_SECONDS) return '签到码已过期，请扫描驿站现场最新的签到码'
  return null
}
