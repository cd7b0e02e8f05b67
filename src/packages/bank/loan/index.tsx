import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 贷款受理
export default function Page() {
  return (
    <View className='page'>
      <Text>贷款受理</Text>
    </View>
  )
}
