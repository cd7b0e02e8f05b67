// Where the volunteer is, to list perks nearest first: wx.getLocation (GCJ-02) in WeChat, the
// browser's geolocation on the web. Never required: refused or failed, the list still shows.
import Taro from '@tarojs/taro'

export interface Position {
  lat: number
  lng: number
}

export type Located = { kind: 'ok'; position: Position } | { kind: 'denied' } | { kind: 'failed' }

const inRange = (p: Position) => p.lat >= 3 && p.lat <= 54 && p.lng >= 73 && p.lng <= 136

let recent: { at: number; position: Position } | null = null

/** The phone's position (a reading of the last two minutes is reused). */
export async function locate(timeoutMs = 6000): Promise<Located> {
  if (recent && Date.now() - recent.at < 120_000) return { kind: 'ok', position: recent.position }
  const done = (position: Position): Located => {
    if (!inRange(position)) return { kind: 'failed' }
    recent = { at: Date.now(), position }
    return { kind: 'ok', position }
  }
  if (process.env.TARO_ENV === 'h5') {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
    if (!geo) return { kind: 'failed' }
    return new Promise((resolve) => {
      geo.getCurrentPosition(
        (pos) => resolve(done({ lat: pos.coords.latitude, lng: pos.coords.longitude })),
        (err) => resolve(err.code === 1 ? { kind: 'denied' } : { kind: 'failed' }),
        { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 120_000 },
      )
    })
  }
  try {
    const res = await Taro.getLocation({ type: 'gcj02' })
    return done({ lat: res.latitude, lng: res.longitude })
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? '')
    return /auth|deny|denied|permission/i.test(msg) ? { kind: 'denied' } : { kind: 'failed' }
  }
}

/** WeChat's settings page, to allow the location after refusing it; true when allowed now. */
export async function allowLocation(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    const res = await Taro.openSetting()
    recent = null
    return !!res.authSetting?.['scope.userLocation']
  } catch {
    return false
  }
}
