import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 贷款申请
export default function Page() {
  return (
    <View className='page'>
      <Text>贷款申请</Text>
    </View>
  )
}
