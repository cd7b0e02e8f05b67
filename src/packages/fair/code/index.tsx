import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 入场码
export default function Page() {
  return (
    <View className='page'>
      <Text>入场码</Text>
    </View>
  )
}
