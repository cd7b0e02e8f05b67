import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES, type RoutePath } from '@/constants/routes'

import './index.scss'

interface RoleEntry {
  key: string
  mark: string
  title: string
  desc: string
  url: RoutePath
}

const ROLES: RoleEntry[] = [
  { key: 'volunteer', mark: '志', title: '志愿者', desc: '报名活动、签到与积分', url: ROUTES.volunteer },
  { key: 'township', mark: '镇', title: '镇街工作人员', desc: '发布活动、核验签到', url: ROUTES.township },
  { key: 'merchant', mark: '商', title: '爱心商家', desc: '优惠核销与商家信息', url: ROUTES.merchant },
  { key: 'bank', mark: '银', title: '合作银行', desc: '创业贴息贷款受理', url: ROUTES.bank },
  { key: 'employer', mark: '企', title: '用人单位', desc: '发布岗位、对接求职青年', url: ROUTES.employer },
  { key: 'admin', mark: '团', title: '团委管理员', desc: '县级 / 市级项目管理', url: ROUTES.admin }
]

export default function Mine() {
  return (
    <View className='mine'>
      <View className='mine__profile'>
        <View className='mine__avatar'>
          <Text className='mine__avatar-text'>青</Text>
        </View>
        <View className='mine__who'>
          <Text className='mine__nickname'>微信用户</Text>
          <Text className='mine__hint'>登录后查看你的身份与积分</Text>
        </View>
      </View>

      <View className='mine__group'>
        <Text className='mine__group-title'>我的身份</Text>
        {ROLES.map((r) => (
          <View
            key={r.key}
            className='mine__row'
            hoverClass='mine__row--pressed'
            onClick={() => Taro.navigateTo({ url: r.url })}
          >
            <View className={`mine__mark mine__mark--${r.key}`}>
              <Text>{r.mark}</Text>
            </View>
            <View className='mine__row-main'>
              <Text className='mine__row-title'>{r.title}</Text>
              <Text className='mine__row-desc'>{r.desc}</Text>
            </View>
            <Text className='mine__arrow'>›</Text>
          </View>
        ))}
      </View>

      {/* Inline comparison (not via a variable) so production builds drop this block entirely. */}
      {process.env.TARO_APP_DEV_TOOLS === 'true' && (
        <View className='mine__group mine__group--dev'>
          <View
            className='mine__row'
            hoverClass='mine__row--pressed'
            onClick={() => Taro.navigateTo({ url: ROUTES.personas })}
          >
            <View className='mine__mark mine__mark--dev'>
              <Text>测</Text>
            </View>
            <View className='mine__row-main'>
              <Text className='mine__row-title'>切换测试身份</Text>
              <Text className='mine__row-desc'>仅本地开发构建可见</Text>
            </View>
            <Text className='mine__arrow'>›</Text>
          </View>
        </View>
      )}
    </View>
  )
}
