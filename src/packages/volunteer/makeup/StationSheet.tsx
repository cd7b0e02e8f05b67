// The station a make-up was served at: the ones served at lately, then those around the phone.
import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Sheet } from '@/components/ui/Sheet'
import { distance } from '@/components/ui/format'
import { call, errorMessage } from '@/services/cloud'
import { LocationProblem, readLocation } from '@/services/location'
import type { StationView } from '../shared/volunteer'
import type { Choice } from './use-makeup'

import './sheet.scss'

export function StationSheet({ visible, recent, current, onChoose, onClose }: { visible: boolean; recent: Choice[]; current: string; onChoose: (c: Choice) => void; onClose: () => void }) {
  const [nearby, setNearby] = useState<StationView[] | null>(null)
  const [state, setState] = useState<'idle' | 'locating' | 'ready' | 'error'>('idle')
  const [problem, setProblem] = useState('')

  const find = useCallback(async () => {
    setState('locating')
    try {
      const r = await readLocation()
      const { items } = await call('station.nearby', { lat: r.lat, lng: r.lng, radiusKm: 30 })
      setNearby(items)
      setState('ready')
    } catch (err) {
      setProblem(err instanceof LocationProblem ? `${err.title}：${err.detail}` : errorMessage(err))
      setState('error')
    }
  }, [])

  useEffect(() => {
    if (visible && state === 'idle') void find()
  }, [visible, state, find])

  const row = (c: Choice, extra?: string) => (
    <View
      key={c.id}
      className={`mk-pick${c.id === current ? ' mk-pick--on' : ''}`}
      data-station={c.id}
      hoverClass='mk-pick--pressed'
      onClick={() => onChoose(c)}
    >
      <View className='mk-pick__main'>
        <Text className='mk-pick__name'>{c.name}</Text>
        <Text className='mk-pick__place'>{c.place}</Text>
      </View>
      {extra ? <Text className='mk-pick__extra'>{extra}</Text> : null}
      {c.id === current ? <Text className='mk-pick__check'>✓</Text> : null}
    </View>
  )

  return (
    <Sheet visible={visible} title='选择驿站' note='补签需选择当时服务的驿站' onClose={onClose} className='mk-sheet'>
      <View className='mk-sheet__body'>
        {recent.length > 0 && (
          <>
            <Text className='mk-sheet__section'>最近服务过的驿站</Text>
            {recent.map((c) => row(c))}
          </>
        )}
        <Text className='mk-sheet__section'>附近的驿站</Text>
        {state === 'locating' || state === 'idle' ? (
          <Text className='mk-sheet__hint'>正在定位并查找附近的驿站…</Text>
        ) : state === 'error' ? (
          <View className='mk-sheet__problem'>
            <Text className='mk-sheet__hint'>{problem}</Text>
            <Text className='mk-sheet__retry' onClick={() => void find()}>
              重试
            </Text>
          </View>
        ) : nearby && nearby.length > 0 ? (
          nearby.map((s) => row({ id: s.id, name: s.name, place: `${s.countyName} · ${s.townshipName}` }, s.distanceM !== null ? distance(s.distanceM) : undefined))
        ) : (
          <Text className='mk-sheet__hint'>30 公里内没有找到驿站</Text>
        )}
      </View>
    </Sheet>
  )
}
