// 大赛获奖 on the volunteer's record, beside 荣誉表彰: the contest awards their entries won (each
// opens that contest's results). Nothing shows while there are none, or if they cannot be read.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EntryView } from '@contract/contest'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'

import '@/components/commend/commend.scss'

export function ContestAwards() {
  const [items, setItems] = useState<EntryView[]>([])
  useEffect(() => {
    call('contest.mine', { page: 1, pageSize: 50 })
      .then((r) => setItems(r.items.filter((e) => e.status === 'awarded' && e.award)))
      .catch(() => undefined)
  }, [])
  if (items.length === 0) return null
  return (
    <View className='cm-honours ct-awards'>
      <Text className='cm-honours__title'>大赛获奖</Text>
      {items.map((e) => (
        <View key={e.id} className='cm-honours__item' hoverClass='cm-honours__item--pressed' onClick={() => void Taro.navigateTo({ url: `${ROUTES.contestResults}?id=${e.contestId}` })}>
          <Text className='cm-honours__medal'>奖</Text>
          <View className='cm-honours__main'>
            <Text className='cm-honours__name'>
              {e.contestTitle} · {e.award}
            </Text>
            <Text className='cm-honours__sub'>作品「{e.title}」{e.mode === 'team' ? ` · ${e.members.length} 人团队` : ''}</Text>
          </View>
          <Text className='cm-honours__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
