// A running session's top line: the pulsing 服务中 badge and when it was checked in. The check-in
// page and the volunteer home both show it; `block` is the card's class (its __top and __since).
import { Text, View } from '@tarojs/components'
import { clock } from '@/components/ui/format'

import './live.scss'

export function SessionSince({ block, checkInAt }: { block: string; checkInAt: string }) {
  return (
    <View className={`${block}__top`}>
      <View className='vol-live'>
        <View className='vol-live__dot' />
        <Text>服务中</Text>
      </View>
      <Text className={`${block}__since`}>{clock(checkInAt)} 签到</Text>
    </View>
  )
}
