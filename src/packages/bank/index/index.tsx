import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

export default function BankHome() {
  return (
    <View className='sub-page'>
      <View className='sub-page__head'>
        <Text className='sub-page__title'>创业贴息贷款</Text>
        <Text className='sub-page__lead'>返乡创业青年在线申请贴息贷款，合作银行受理审批。</Text>
      </View>
      <View className='sub-page__body'>
        <CellGroup>
          <Cell title='申请条件' description='年龄、户籍与创业项目要求' extra='了解' clickable />
          <Cell title='我的申请' description='查看办理进度' extra='0 件' clickable />
        </CellGroup>
        <View className='sub-page__action'>
          <Button type='primary' block>
            我要申请
          </Button>
        </View>
        <Text className='sub-page__note'>功能建设中，敬请期待</Text>
      </View>
    </View>
  )
}
