import { View, Text } from '@tarojs/components'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: 志愿服务证明
export default function Page() {
  return (
    <View className='page'>
      <Text>志愿服务证明</Text>
    </View>
  )
}
