import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 报名人员
export default function Page() {
  return (
    <View className='page'>
      <Text>报名人员</Text>
    </View>
  )
}
