import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 编辑资料
export default function Page() {
  return (
    <View className='page'>
      <Text>编辑资料</Text>
    </View>
  )
}
