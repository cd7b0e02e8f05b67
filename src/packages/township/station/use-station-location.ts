// The station's point: picked on WeChat's map (the address taken from it when none was typed), or,
// in the web build for development, typed — or read from where the staff member stands.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { hereProblem, readHere } from './here'
import { fixed6 } from '@/components/ui/format'
import { chooseMapPoint } from '@/services/map-point'
import type { Fields } from './check'

/** A reading coarser than this is no good as a station's point (its fence is 50–500 m): say so. */
export const STATION_FIX_ACCURACY_M = 100

export interface StationLocation {
  picking: boolean
  locating: boolean
  /** Opens the map (WeChat). */
  pick: () => Promise<void>
  /** Takes the staff member's own position (web build, standing at the station); null where there is no reader. */
  locateHere: (() => Promise<void>) | null
}

/**
 * `update` changes the form's fields; `settled` forgets the location row's error (a point was
 * taken), `failed` shows one there.
 */
export function useStationLocation(fields: Fields, update: (change: (f: Fields) => Fields) => void, settled: () => void, failed: (message: string) => void): StationLocation {
  const [picking, setPicking] = useState(false)
  const [locating, setLocating] = useState(false)
  const reader = readHere

  const pick = async () => {
    if (picking) return
    setPicking(true)
    try {
      const place = await chooseMapPoint(fields.lat, fields.lng, '选择驿站位置')
      if (!place) return
      update((f) => ({
        ...f,
        lat: fixed6(place.latitude),
        lng: fixed6(place.longitude),
        // A new station takes the map's address when none was typed.
        address: f.address.trim() ? f.address : (place.address || place.name).slice(0, 80),
      }))
      settled()
    } finally {
      setPicking(false)
    }
  }

  const locateHere = reader
    ? async () => {
        if (locating) return
        setLocating(true)
        try {
          const here = await reader()
          update((f) => ({ ...f, lat: fixed6(here.lat), lng: fixed6(here.lng) }))
          settled()
          if (here.accuracy > STATION_FIX_ACCURACY_M) void Taro.showToast({ title: `定位精度约 ${here.accuracy} 米，请核对坐标`, icon: 'none', duration: 3000 })
        } catch (err) {
          failed(hereProblem(err))
        } finally {
          setLocating(false)
        }
      }
    : null

  return { picking, locating, pick, locateHere }
}
