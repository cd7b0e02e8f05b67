import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 授权管理
export default function Page() {
  return (
    <View className='page'>
      <Text>授权管理</Text>
    </View>
  )
}
