import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 接受邀请
export default function Page() {
  return (
    <View className='page'>
      <Text>接受邀请</Text>
    </View>
  )
}
