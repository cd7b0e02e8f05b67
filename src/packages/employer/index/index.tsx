import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

export default function EmployerHome() {
  return (
    <View className='sub-page'>
      <View className='sub-page__head'>
        <Text className='sub-page__title'>岗位对接会</Text>
        <Text className='sub-page__lead'>县域企业发布岗位，青年线上报名，对接会现场面试。</Text>
      </View>
      <View className='sub-page__body'>
        <CellGroup>
          <Cell title='近期对接会' description='时间、地点与参会企业' extra='暂无' clickable />
          <Cell title='热门岗位' description='按县区浏览岗位' extra='浏览' clickable />
        </CellGroup>
        <View className='sub-page__action'>
          <Button type='primary' block>
            报名参会
          </Button>
        </View>
        <Text className='sub-page__note'>功能建设中，敬请期待</Text>
      </View>
    </View>
  )
}
