// County (县、市、区) on the left, the chosen county's townships (镇、街道) on the right: the body of
// every place picker (registration, stations, loan projects), whatever sheet holds it. No NutUI,
// so that subpackages without it can use it.
import { useEffect, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'

import './place.scss'

export type Counties = OutputOf<'directory.divisions'>['counties']

interface Props {
  /** The sheet is showing: each time it opens, the county of the current choice is shown first. */
  visible: boolean
  counties: Counties
  /** The county to show first (the current choice's; the first county when empty). */
  countyCode: string
  townshipCode: string
  onChoose: (countyCode: string, townshipCode: string) => void
}

export function PlacePanes({ visible, counties, countyCode, townshipCode, onChoose }: Props) {
  const [active, setActive] = useState(countyCode || counties[0]?.code || '')
  useEffect(() => {
    if (visible) setActive(countyCode || counties[0]?.code || '')
  }, [visible, countyCode, counties])
  const county = counties.find((c) => c.code === active)
  return (
    <View className='place__panes'>
      <ScrollView scrollY className='place__counties'>
        {counties.map((c) => (
          <View key={c.code} className={`place__county${c.code === active ? ' place__county--on' : ''}`} onClick={() => setActive(c.code)}>
            <Text>{c.name}</Text>
          </View>
        ))}
      </ScrollView>
      <ScrollView scrollY className='place__townships'>
        {county?.townships.map((t) => {
          const on = t.code === townshipCode && county.code === countyCode
          return (
            <View key={t.code} className={`place__township${on ? ' place__township--on' : ''}`} onClick={() => onChoose(county.code, t.code)}>
              <Text>{t.name}</Text>
              {on && <Text className='place__check'>✓</Text>}
            </View>
          )
        })}
      </ScrollView>
    </View>
  )
}
