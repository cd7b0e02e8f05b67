import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 隐私政策
export default function Page() {
  return (
    <View className='page'>
      <Text>隐私政策</Text>
    </View>
  )
}
