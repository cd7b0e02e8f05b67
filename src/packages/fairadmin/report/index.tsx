import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 对接会统计
export default function Page() {
  return (
    <View className='page'>
      <Text>对接会统计</Text>
    </View>
  )
}
