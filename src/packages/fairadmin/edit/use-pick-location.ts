// Choosing the venue on WeChat's map: from the coordinates already set, if any; the place's name
// and address fill the venue and address only when those are still empty. A cancel is quiet; a
// refused location permission offers the settings.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { fixed6 } from './fields'
import type { Fields } from './check'

type Place = Pick<Fields, 'lat' | 'lng' | 'venue' | 'address'>

/** `onPicked` gets the fields' update (coordinates, and venue and address when they were empty). */
export function usePickLocation(current: Place, onPicked: (update: (f: Fields) => Fields) => void): { picking: boolean; pick: () => Promise<void> } {
  const [picking, setPicking] = useState(false)
  const pick = async () => {
    if (picking) return
    setPicking(true)
    try {
      const lat = Number(current.lat)
      const lng = Number(current.lng)
      const here = current.lat && current.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {}
      const res = await Taro.chooseLocation(here as Taro.chooseLocation.Option)
      onPicked((f) => ({
        ...f,
        lat: fixed6(res.latitude),
        lng: fixed6(res.longitude),
        venue: f.venue.trim() ? f.venue : (res.name || '').slice(0, 40),
        address: f.address.trim() ? f.address : (res.address || '').slice(0, 80),
      }))
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      if (/auth|deny|permission/i.test(msg)) {
        const { confirm } = await Taro.showModal({ title: '需要位置权限', content: '在地图上选择会场需要使用你的位置信息，请在设置中允许后重试。', confirmText: '去设置', confirmColor: '#d93a2b' })
        if (confirm) void Taro.openSetting()
        return
      }
      void Taro.showToast({ title: '暂时无法打开地图选点，请稍后再试', icon: 'none' })
    } finally {
      setPicking(false)
    }
  }
  return { picking, pick }
}
