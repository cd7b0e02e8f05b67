import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 用人单位
export default function Page() {
  return (
    <View className='page'>
      <Text>用人单位</Text>
    </View>
  )
}
