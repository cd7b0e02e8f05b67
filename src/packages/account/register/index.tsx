import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 志愿者 / 农村青年注册
export default function Page() {
  return (
    <View className='page'>
      <Text>志愿者 / 农村青年注册</Text>
    </View>
  )
}
