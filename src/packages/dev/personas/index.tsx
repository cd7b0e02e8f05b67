import { View, Text } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'

import '@/styles/nutui-theme.scss'
import './index.scss'

// Placeholder: the persona switcher (local development builds only, XQ_DEV_TOOLS=1).
const PERSONAS = [
  { key: 'volunteer', name: '志愿者', desc: '报名、签到、积分' },
  { key: 'township', name: '镇街工作人员', desc: '发布活动、核验签到' },
  { key: 'merchant', name: '爱心商家', desc: '优惠核销' },
  { key: 'bank', name: '合作银行', desc: '贴息贷款受理' },
  { key: 'employer', name: '用人单位', desc: '岗位发布' },
  { key: 'county-admin', name: '团县委管理员', desc: '县级管理' },
  { key: 'city-admin', name: '团市委管理员', desc: '市级管理' }
]

export default function Personas() {
  return (
    <View className='personas'>
      <Text className='personas__tip'>开发专用：选择一个测试身份（尚未接入本地云）</Text>
      <CellGroup>
        {PERSONAS.map((p) => (
          <Cell key={p.key} title={p.name} description={p.desc} extra={p.key} clickable />
        ))}
      </CellGroup>
    </View>
  )
}
