import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 本店优惠
export default function Page() {
  return (
    <View className='page'>
      <Text>本店优惠</Text>
    </View>
  )
}
