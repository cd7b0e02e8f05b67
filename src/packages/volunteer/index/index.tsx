import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

export default function VolunteerHome() {
  return (
    <View className='sub-page'>
      <View className='sub-page__head'>
        <Text className='sub-page__title'>志愿服务签到</Text>
        <Text className='sub-page__lead'>到达活动地点后签到，服务时长自动记入你的志愿档案。</Text>
      </View>
      <View className='sub-page__body'>
        <CellGroup>
          <Cell title='今日活动' description='暂无进行中的活动' extra='去看看' clickable />
          <Cell title='我的服务时长' description='累计时长与积分' extra='0 小时' clickable />
        </CellGroup>
        <View className='sub-page__action'>
          <Button type='primary' block>
            扫码签到
          </Button>
        </View>
        <Text className='sub-page__note'>功能建设中，敬请期待</Text>
      </View>
    </View>
  )
}
