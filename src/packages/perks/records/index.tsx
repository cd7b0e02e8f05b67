import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 我的优惠记录
export default function Page() {
  return (
    <View className='page'>
      <Text>我的优惠记录</Text>
    </View>
  )
}
