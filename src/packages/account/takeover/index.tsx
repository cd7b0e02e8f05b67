import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 更换微信账号
export default function Page() {
  return (
    <View className='page'>
      <Text>更换微信账号</Text>
    </View>
  )
}
