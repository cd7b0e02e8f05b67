// Choosing the venue on WeChat's map: from the coordinates already set, if any; the place's name
// and address fill the venue and address only when those are still empty. A cancel is quiet; a
// refused location permission offers the settings.
import { useState } from 'react'
import { fixed6 } from '@/components/ui/format'
import { chooseMapPoint } from '@/services/map-point'
import type { Fields } from './check'

type Place = Pick<Fields, 'lat' | 'lng' | 'venue' | 'address'>

/** `onPicked` gets the fields' update (coordinates, and venue and address when they were empty). */
export function usePickLocation(current: Place, onPicked: (update: (f: Fields) => Fields) => void): { picking: boolean; pick: () => Promise<void> } {
  const [picking, setPicking] = useState(false)
  const pick = async () => {
    if (picking) return
    setPicking(true)
    try {
      const place = await chooseMapPoint(current.lat, current.lng, '在地图上选择会场')
      if (!place) return
      onPicked((f) => ({
        ...f,
        lat: fixed6(place.latitude),
        lng: fixed6(place.longitude),
        venue: f.venue.trim() ? f.venue : place.name.slice(0, 40),
        address: f.address.trim() ? f.address : place.address.slice(0, 80),
      }))
    } finally {
      setPicking(false)
    }
  }
  return { picking, pick }
}
