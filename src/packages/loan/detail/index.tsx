import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 申请详情
export default function Page() {
  return (
    <View className='page'>
      <Text>申请详情</Text>
    </View>
  )
}
