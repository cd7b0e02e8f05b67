// 市级评定 (the city): 获评 / 不获评 within the city's number, then 公布结果.
import { View } from '@tarojs/components'
import { NominationList } from '@/components/commend/NominationList'

export default function CommendDecide() {
  return (
    <View>
      <NominationList mode='decide' />
    </View>
  )
}
