import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 对接会详情
export default function Page() {
  return (
    <View className='page'>
      <Text>对接会详情</Text>
    </View>
  )
}
