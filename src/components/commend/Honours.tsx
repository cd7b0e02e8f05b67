// 荣誉表彰 on the volunteer's record: the commendations they received in published rounds (each
// opens its list of awards). Nothing shows while there are none, or if they cannot be read.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { COMMEND_KIND_LABELS } from '@contract/commend-rules'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { ymd } from '@/components/ui/format'

import './commend.scss'

type Honour = OutputOf<'commend.mine'>['items'][number]

export function Honours() {
  const [items, setItems] = useState<Honour[]>([])
  useEffect(() => {
    call('commend.mine', {})
      .then((r) => setItems(r.items))
      .catch(() => undefined)
  }, [])
  if (items.length === 0) return null
  return (
    <View className='cm-honours'>
      <Text className='cm-honours__title'>荣誉表彰</Text>
      {items.map((h) => (
        <View key={h.roundId} className='cm-honours__item' hoverClass='cm-honours__item--pressed' onClick={() => void Taro.navigateTo({ url: `${ROUTES.commendResults}?id=${h.roundId}` })}>
          <Text className='cm-honours__medal'>★</Text>
          <View className='cm-honours__main'>
            <Text className='cm-honours__name'>
              {h.year} 年度{COMMEND_KIND_LABELS[h.kind]}
            </Text>
            <Text className='cm-honours__sub'>{h.title}</Text>
            <Text className='cm-honours__sub'>{ymd(h.publishedAt)} 公布 · {h.townshipName}</Text>
          </View>
          <Text className='cm-honours__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
