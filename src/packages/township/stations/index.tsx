import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 驿站管理
export default function Page() {
  return (
    <View className='page'>
      <Text>驿站管理</Text>
    </View>
  )
}
