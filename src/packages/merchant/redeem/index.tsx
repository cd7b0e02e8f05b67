import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 核销优惠
export default function Page() {
  return (
    <View className='page'>
      <Text>核销优惠</Text>
    </View>
  )
}
