import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 创业贴息贷款
export default function Page() {
  return (
    <View className='page'>
      <Text>创业贴息贷款</Text>
    </View>
  )
}
