import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

export default function TownshipHome() {
  return (
    <View className='sub-page'>
      <View className='sub-page__head'>
        <Text className='sub-page__title'>镇街工作台</Text>
        <Text className='sub-page__lead'>发布本镇街的志愿活动，核验志愿者到岗签到。</Text>
      </View>
      <View className='sub-page__body'>
        <CellGroup>
          <Cell title='活动管理' description='发布与编辑志愿活动' extra='0 项' clickable />
          <Cell title='签到核验' description='查看今日签到记录' extra='待核验 0' clickable />
        </CellGroup>
        <View className='sub-page__action'>
          <Button type='primary' block>
            发布活动
          </Button>
        </View>
        <Text className='sub-page__note'>功能建设中，敬请期待</Text>
      </View>
    </View>
  )
}
