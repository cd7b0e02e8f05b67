// County (县、市、区) → township (镇、街道) in one bottom sheet: counties on the left, the
// chosen county's townships on the right; choosing a township closes it.
import { useEffect, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import type { OutputOf } from '@contract/index'

import './account.scss'

type Counties = OutputOf<'directory.divisions'>['counties']

interface Props {
  visible: boolean
  title: string
  counties: Counties
  countyCode: string
  townshipCode: string
  onClose: () => void
  onChoose: (countyCode: string, townshipCode: string) => void
}

export function PlaceSheet({ visible, title, counties, countyCode, townshipCode, onClose, onChoose }: Props) {
  const [active, setActive] = useState(countyCode || counties[0]?.code || '')
  useEffect(() => {
    if (visible) setActive(countyCode || counties[0]?.code || '')
  }, [visible, countyCode, counties])
  const county = counties.find((c) => c.code === active)

  return (
    <Popup visible={visible} position='bottom' round onClose={onClose}>
      <View className='acct-sheet place'>
        <View className='acct-sheet__head'>
          <Text className='acct-sheet__title'>{title}</Text>
          <Text className='acct-sheet__close' onClick={onClose}>
            取消
          </Text>
        </View>
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
      </View>
    </Popup>
  )
}
