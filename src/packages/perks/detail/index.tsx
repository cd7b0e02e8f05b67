import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 优惠详情
export default function Page() {
  return (
    <View className='page'>
      <Text>优惠详情</Text>
    </View>
  )
}
