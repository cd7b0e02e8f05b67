import { View, Text } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

export default function MerchantHome() {
  return (
    <View className='sub-page'>
      <View className='sub-page__head'>
        <Text className='sub-page__title'>爱心商家优惠</Text>
        <Text className='sub-page__lead'>志愿者凭积分在爱心商家享受专属优惠，商家在此核销。</Text>
      </View>
      <View className='sub-page__body'>
        <CellGroup>
          <Cell title='优惠券' description='本店发布的爱心优惠' extra='0 张' clickable />
          <Cell title='核销记录' description='今日核销明细' extra='0 笔' clickable />
        </CellGroup>
        <View className='sub-page__action'>
          <Button type='primary' block>
            扫码核销
          </Button>
        </View>
        <Text className='sub-page__note'>功能建设中，敬请期待</Text>
      </View>
    </View>
  )
}
