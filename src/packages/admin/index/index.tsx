import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

export default function AdminHome() {
  return (
    <View className='sub-page'>
      <View className='sub-page__head'>
        <Text className='sub-page__title'>团委管理</Text>
        <Text className='sub-page__lead'>县级、市级团委查看项目数据，审核商家、银行与用人单位。</Text>
      </View>
      <View className='sub-page__body'>
        <CellGroup>
          <Cell title='入驻审核' description='商家 / 银行 / 用人单位' extra='待审 0' clickable />
          <Cell title='项目数据' description='志愿时长、贷款、岗位汇总' extra='查看' clickable />
        </CellGroup>
        <View className='sub-page__action'>
          <Button type='primary' block>
            进入管理
          </Button>
        </View>
        <Text className='sub-page__note'>功能建设中，敬请期待</Text>
      </View>
    </View>
  )
}
