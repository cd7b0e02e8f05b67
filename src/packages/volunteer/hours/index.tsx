import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 服务时长
export default function Page() {
  return (
    <View className='page'>
      <Text>服务时长</Text>
    </View>
  )
}
