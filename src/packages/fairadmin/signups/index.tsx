import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 报名名单
export default function Page() {
  return (
    <View className='page'>
      <Text>报名名单</Text>
    </View>
  )
}
