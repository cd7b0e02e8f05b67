import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 邀请与授权码
export default function Page() {
  return (
    <View className='page'>
      <Text>邀请与授权码</Text>
    </View>
  )
}
