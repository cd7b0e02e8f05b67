import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 补签
export default function Page() {
  return (
    <View className='page'>
      <Text>补签</Text>
    </View>
  )
}
