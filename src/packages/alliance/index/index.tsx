import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 爱心商家
export default function Page() {
  return (
    <View className='page'>
      <Text>爱心商家</Text>
    </View>
  )
}
