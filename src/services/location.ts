// Where the phone is (a volunteer checking in, staff placing a station): wx.getLocation (GCJ-02, high accuracy) in WeChat; the browser's geolocation
// on the web build (local development and browser tests feed it GCJ-02 coordinates, as the demo
// stations are); in development web builds, a simulated position set from the 模拟位置 panel.
// Failures become a LocationProblem that says what to do, in Chinese.
import Taro from '@tarojs/taro'

export interface Reading {
  lat: number
  lng: number
  /** metres */
  accuracy: number
  /** when it was read (ms since epoch) */
  at: number
}

export type ProblemKind = 'denied' | 'system' | 'off' | 'privacy' | 'timeout' | 'unsupported' | 'failed'

export class LocationProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly title: string,
    readonly detail: string,
  ) {
    super(title)
  }

  /** WeChat can reopen the permission from its settings page (Taro.openSetting). */
  get canOpenSetting(): boolean {
    return process.env.TARO_ENV === 'weapp' && this.kind === 'denied'
  }
}

/** What the contract accepts: accuracy 0–100 km, whole metres. */
function reading(lat: number, lng: number, accuracy: number | undefined): Reading {
  const acc = Number.isFinite(accuracy) ? Math.min(100_000, Math.max(0, Math.round(accuracy as number))) : 0
  return { lat, lng, accuracy: acc, at: Date.now() }
}

function problemOf(errMsg: string): LocationProblem {
  const msg = errMsg || ''
  if (/privacy/i.test(msg)) {
    return new LocationProblem('privacy', '需要同意隐私保护指引', '请先同意《乡青汇隐私保护指引》，再重新定位。')
  }
  if (/system permission|system.*denied|locationswitchoff|location.?service/i.test(msg)) {
    if (/switchoff|location.?service/i.test(msg)) {
      return new LocationProblem('off', '手机定位服务未开启', '请在手机的控制中心或设置里打开「定位服务（GPS）」，然后重新定位。')
    }
    return new LocationProblem('system', '微信没有定位权限', '请在手机「设置 → 隐私 → 定位服务」中允许微信使用位置信息，然后重新定位。')
  }
  if (/auth|deny|denied|permission/i.test(msg)) {
    return new LocationProblem(
      'denied',
      '未获得位置权限',
      process.env.TARO_ENV === 'weapp'
        ? '签到时需要确认你在驿站附近，位置只在签到、签退时读取一次。请在设置中允许「乡青汇」使用你的位置信息。'
        : '签到时需要确认你在驿站附近。请在浏览器的网站设置中允许使用位置信息，然后重新定位。',
    )
  }
  if (/timeout|time out|超时/i.test(msg)) {
    return new LocationProblem('timeout', '定位超时', '请到室外或窗边信号较好的地方，稍后重新定位。')
  }
  return new LocationProblem('failed', '暂时无法定位', '请确认手机已打开定位服务，稍后重新定位。')
}

function fromBrowser(): Promise<Reading> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined
    if (!geo) {
      reject(new LocationProblem('unsupported', '当前浏览器不支持定位', '请在微信中打开乡青汇小程序签到。'))
      return
    }
    geo.getCurrentPosition(
      (pos) => resolve(reading(pos.coords.latitude, pos.coords.longitude, pos.coords.accuracy)),
      (err) => reject(err.code === 1 ? problemOf('permission denied') : err.code === 3 ? problemOf('timeout') : problemOf(err.message)),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    )
  })
}

// ---- development web builds: a simulated position ---------------------------------------------

export interface Simulated {
  lat: number
  lng: number
  accuracy: number
  label: string
}

const SIM_KEY = 'xq.dev.location'
let simulated: Simulated | null | undefined

/** The simulated position, if one is set (development web builds only; null elsewhere). */
export function simulatedLocation(): Simulated | null {
  if (!(process.env.TARO_ENV === 'h5' && process.env.TARO_APP_DEV_TOOLS === 'true')) return null
  if (simulated === undefined) {
    try {
      const kept = Taro.getStorageSync(SIM_KEY) as Simulated | ''
      simulated = kept && typeof kept === 'object' && typeof kept.lat === 'number' ? kept : null
    } catch {
      simulated = null
    }
  }
  return simulated
}

export function setSimulatedLocation(value: Simulated | null): void {
  if (!(process.env.TARO_ENV === 'h5' && process.env.TARO_APP_DEV_TOOLS === 'true')) return
  simulated = value
  try {
    if (value) Taro.setStorageSync(SIM_KEY, value)
    else Taro.removeStorageSync(SIM_KEY)
  } catch {
    // storage unavailable: the simulation lasts for this page load
  }
}

/** Reads the position once. Throws a LocationProblem. */
export async function readLocation(): Promise<Reading> {
  if (process.env.TARO_ENV === 'h5') {
    if (process.env.TARO_APP_DEV_TOOLS === 'true') {
      const sim = simulatedLocation()
      if (sim) return reading(sim.lat, sim.lng, sim.accuracy)
    }
    return fromBrowser()
  }
  try {
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 })
    const r = res as Taro.getLocation.SuccessCallbackResult
    return reading(r.latitude, r.longitude, r.accuracy ?? r.horizontalAccuracy)
  } catch (err) {
    throw problemOf(String((err as { errMsg?: string })?.errMsg ?? err))
  }
}

/** Opens WeChat's permission settings; true when location is now allowed. */
export async function openLocationSetting(): Promise<boolean> {
  try {
    const res = await Taro.openSetting()
    return !!res.authSetting?.['scope.userLocation']
  } catch {
    return false
  }
}
