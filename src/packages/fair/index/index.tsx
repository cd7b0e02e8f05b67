import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 岗位对接会
export default function Page() {
  return (
    <View className='page'>
      <Text>岗位对接会</Text>
    </View>
  )
}
