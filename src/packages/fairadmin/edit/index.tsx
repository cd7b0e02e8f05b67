import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 编辑对接会
export default function Page() {
  return (
    <View className='page'>
      <Text>编辑对接会</Text>
    </View>
  )
}
