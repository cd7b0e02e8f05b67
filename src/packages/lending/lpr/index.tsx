import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: LPR 表
export default function Page() {
  return (
    <View className='page'>
      <Text>LPR 表</Text>
    </View>
  )
}
