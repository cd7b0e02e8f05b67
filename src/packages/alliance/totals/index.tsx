import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 核销汇总
export default function Page() {
  return (
    <View className='page'>
      <Text>核销汇总</Text>
    </View>
  )
}
