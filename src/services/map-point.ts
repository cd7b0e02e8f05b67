// A point chosen on WeChat's map (wx.chooseLocation), opened where the form's coordinates already
// point: null when the person cancelled, or when the map could not open (and they were told why:
// the permission, with a way to the settings, or a toast). Written to serve any form with a place
// on the map (the station and fair forms).
import Taro from '@tarojs/taro'

export interface MapPlace {
  latitude: number
  longitude: number
  name: string
  address: string
}

/** Where the map opens: the typed point when it is one, else around the phone. */
export function mapCentre(lat: string, lng: string): { latitude: number; longitude: number } | Record<string, never> {
  const la = Number(lat)
  const ln = Number(lng)
  return lat && lng && Number.isFinite(la) && Number.isFinite(ln) ? { latitude: la, longitude: ln } : {}
}

/** `purpose` finishes 「…需要使用你的位置信息」, e.g. 选择驿站位置. */
export async function chooseMapPoint(lat: string, lng: string, purpose: string): Promise<MapPlace | null> {
  try {
    const res = await Taro.chooseLocation(mapCentre(lat, lng) as Taro.chooseLocation.Option)
    return { latitude: res.latitude, longitude: res.longitude, name: res.name || '', address: res.address || '' }
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? '')
    if (/cancel/i.test(msg)) return null
    if (/auth|deny|permission/i.test(msg)) {
      const { confirm } = await Taro.showModal({ title: '需要位置权限', content: `${purpose}需要使用你的位置信息，请在设置中允许后重试。`, confirmText: '去设置', confirmColor: '#d93a2b' })
      if (confirm) void Taro.openSetting()
      return null
    }
    void Taro.showToast({ title: '暂时无法打开地图选点，请稍后再试', icon: 'none' })
    return null
  }
}
