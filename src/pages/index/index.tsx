import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ROUTES, type RoutePath } from '@/constants/routes'
import { call } from '@/services/cloud'
import { showUnread } from '@/services/unread'

import './index.scss'

interface Program {
  key: string
  mark: string
  title: string
  desc: string
  tag: string
  url: RoutePath
}

const PROGRAMS: Program[] = [
  { key: 'volunteer', mark: '志', title: '志愿服务签到', desc: '驿站扫码签到，服务时长记入档案', tag: '志愿者', url: ROUTES.volunteer },
  { key: 'merchant', mark: '惠', title: '爱心商家优惠', desc: '星级志愿者凭码享商家礼遇', tag: '爱心商家联盟', url: ROUTES.perks },
  { key: 'loan', mark: '贷', title: '创业贴息贷款', desc: '团委推荐、银行放贷，利息由财政据实贴补', tag: '农村青年', url: ROUTES.loan },
  { key: 'jobs', mark: '岗', title: '岗位对接会', desc: '服务期满，对接国企、民企与社会组织', tag: '就业', url: ROUTES.fair },
  { key: 'training', mark: '训', title: '培训课程', desc: '岗前、实务、领头雁与电商培训，扫码签到领证书', tag: '成长', url: ROUTES.training },
  { key: 'contest', mark: '赛', title: '两赛', desc: '乡村旅游直播大赛、电商营销大赛，个人或组队参赛', tag: '比赛', url: ROUTES.contests }
]

const PILLARS = [
  { title: '志愿服务', desc: '时长记入档案' },
  { title: '创业扶持', desc: '贷款财政贴息' },
  { title: '就业对接', desc: '县域优质岗位' }
]

const STEPS = [
  { no: '1', title: '注册审核', desc: '填写信息，县团委审核' },
  { no: '2', title: '驿站签到', desc: '镇街审核服务时长' },
  { no: '3', title: '星级礼遇', desc: '累计时长升星享优惠' }
]

function go(url: RoutePath) {
  Taro.navigateTo({ url })
}

export default function Index() {
  const [unread, setUnread] = useState(0)
  // New notices are the first thing worth saying; the page itself needs no account.
  useDidShow(() => {
    call('account.unread', {})
      .then((r) => {
        setUnread(r.unread)
        showUnread(r.unread)
      })
      .catch(() => undefined)
  })

  return (
    <View className='home'>
      <View className='home__hero'>
        <View className='home__hero-ring home__hero-ring--a' />
        <View className='home__hero-ring home__hero-ring--b' />
        <Text className='home__badge'>清远共青团 · 乡村振兴青年项目</Text>
        <Text className='home__title'>乡青汇</Text>
        <Text className='home__slogan'>青春有为，乡村有我</Text>
        <View className='home__stats'>
          {PILLARS.map((p, i) => (
            <View key={p.title} className='home__stat-wrap'>
              {i > 0 && <View className='home__stat-divider' />}
              <View className='home__stat'>
                <Text className='home__stat-num'>{p.title}</Text>
                <Text className='home__stat-label'>{p.desc}</Text>
              </View>
            </View>
          ))}
        </View>
      </View>

      <View className='home__body'>
        {unread > 0 && (
          <View className='home__inbox' hoverClass='home__inbox--pressed' onClick={() => go(ROUTES.messages)}>
            <View className='home__inbox-dot' />
            <Text className='home__inbox-text'>你有 {unread > 99 ? '99+' : unread} 条新消息</Text>
            <Text className='home__inbox-go'>查看 ›</Text>
          </View>
        )}
        <View className='home__section-head home__section-head--on-hero'>
          <Text className='home__section-title'>青年服务</Text>
          <Text className='home__section-sub'>选择你要参与的项目</Text>
        </View>

        <View className='home__grid'>
          {PROGRAMS.map((p) => (
            <View
              key={p.key}
              className={`program program--${p.key}`}
              hoverClass='program--pressed'
              onClick={() => go(p.url)}
            >
              <View className='program__top'>
                <View className='program__mark'>
                  <Text className='program__mark-text'>{p.mark}</Text>
                </View>
                <Text className='program__tag'>{p.tag}</Text>
              </View>
              <Text className='program__title'>{p.title}</Text>
              <Text className='program__desc'>{p.desc}</Text>
              <Text className='program__go'>立即进入 ›</Text>
            </View>
          ))}
        </View>

        <View className='home__section-head'>
          <Text className='home__section-title'>怎么参与</Text>
        </View>
        <View className='steps'>
          {STEPS.map((s, i) => (
            <View key={s.no} className='steps__item'>
              <View className='steps__no'>
                <Text>{s.no}</Text>
              </View>
              <Text className='steps__title'>{s.title}</Text>
              <Text className='steps__desc'>{s.desc}</Text>
              {i < STEPS.length - 1 && <View className='steps__line' />}
            </View>
          ))}
        </View>

        <Text className='home__footer'>共青团清远市委员会 · 乡青汇</Text>
      </View>
    </View>
  )
}
