import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 入场签到
export default function Page() {
  return (
    <View className='page'>
      <Text>入场签到</Text>
    </View>
  )
}
