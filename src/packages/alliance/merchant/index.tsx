import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 商家信息
export default function Page() {
  return (
    <View className='page'>
      <Text>商家信息</Text>
    </View>
  )
}
