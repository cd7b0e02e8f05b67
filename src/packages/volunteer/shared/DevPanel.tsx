// Development web builds only (rendered behind process.env.TARO_APP_DEV_TOOLS === 'true' &&
// process.env.TARO_ENV === 'h5'): the web has no wx.scanCode and a desk is not at a station, so
// this panel sets a simulated position and takes a pasted scan result.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { setSimulatedLocation, simulatedLocation, type Simulated } from '@/services/location'
import type { StationView } from './volunteer'

import './dev.scss'

/** 凤城街道 (清城区), where the demo stations are: for lists when no station is chosen yet. */
const CITY_CENTRE = { lat: 23.6975, lng: 113.0555 }
/** Degrees of latitude per metre on the sphere the functions measure on. */
const metresNorth = (lat: number, metres: number) => lat + (metres * 180) / (6371008.8 * Math.PI)

interface Props {
  station: Pick<StationView, 'name' | 'location'> | null
  /** a new simulated position (or the browser's again): read the location again */
  onLocationChange: () => void
  /** a pasted scan result, as if the camera had read it */
  onScanned?: (text: string) => void
}

export function DevPanel({ station, onLocationChange, onScanned }: Props) {
  const [current, setCurrent] = useState<Simulated | null>(() => simulatedLocation())
  const [pasted, setPasted] = useState('')
  const base = station?.location ?? CITY_CENTRE

  const use = (value: Simulated | null) => {
    setSimulatedLocation(value)
    setCurrent(value)
    onLocationChange()
  }

  return (
    <View className='vol-dev'>
      <View className='vol-dev__head'>
        <Text className='vol-dev__title'>模拟位置</Text>
        <Text className='vol-dev__badge'>仅开发环境</Text>
      </View>
      <Text className='vol-dev__now'>
        {current ? `当前：${current.label}（${current.lat.toFixed(5)}, ${current.lng.toFixed(5)} ±${current.accuracy} 米）` : '当前：浏览器定位'}
      </Text>
      <View className='vol-dev__buttons'>
        <Text className='vol-dev__btn vol-dev__btn--at' onClick={() => use({ lat: metresNorth(base.lat, 20), lng: base.lng, accuracy: 15, label: station ? '在驿站' : '凤城街道' })}>
          {station ? '在驿站' : '凤城街道'}
        </Text>
        <Text className='vol-dev__btn vol-dev__btn--far' onClick={() => use({ lat: metresNorth(base.lat, 800), lng: base.lng, accuracy: 20, label: '距驿站 800 米' })}>
          800 米外
        </Text>
        <Text className='vol-dev__btn vol-dev__btn--browser' onClick={() => use(null)}>
          浏览器定位
        </Text>
      </View>
      {onScanned && (
        <View className='vol-dev__scan'>
          <Input
            className='vol-dev__input'
            value={pasted}
            placeholder='粘贴扫码内容（驿站码路径或现场签到码）'
            onInput={(e) => setPasted(e.detail.value)}
            onConfirm={() => pasted.trim() && onScanned(pasted.trim())}
          />
          <Text className='vol-dev__btn vol-dev__btn--scan' onClick={() => pasted.trim() && onScanned(pasted.trim())}>
            识别
          </Text>
        </View>
      )}
    </View>
  )
}
