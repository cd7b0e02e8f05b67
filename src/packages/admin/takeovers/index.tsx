import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 账号接管
export default function Page() {
  return (
    <View className='page'>
      <Text>账号接管</Text>
    </View>
  )
}
