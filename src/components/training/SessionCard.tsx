// A session of a course: when and where (the map on WeChat), seats, materials, and where I stand;
// its buttons are the page's (sign up, cancel, check in, or the league's roster and door code).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { SessionView } from '@contract/training'
import { openMap } from '@/components/fair/shared'
import { Tag } from '@/components/ui/Tag'
import { mineText, phaseText, sessionWhen } from './labels'

export function SessionCard({ s, children }: { s: SessionView; children?: ReactNode }) {
  const mine = s.mine
  return (
    <View className={`tr-card tr-session ${mine ? 'tr-card--on' : ''}`}>
      <View className='tr-card__top'>
        <Tag tone={s.phase === 'open' && s.status === 'published' ? 'green' : 'grey'}>{phaseText(s)}</Tag>
        {s.checkOut && <Tag tone='blue'>需签到和签退</Tag>}
        {mine && <Tag tone={mine.status === 'confirmed' ? 'brand' : 'amber'} solid>{mine.status === 'confirmed' ? (mine.attended ? '已出勤' : '已报名') : `候补第 ${mine.waitingRank} 位`}</Tag>}
      </View>
      <Text className='tr-card__title'>{s.title}</Text>
      <Text className='tr-card__line'>时间　{sessionWhen(s)}（{Math.round((s.minutes / 60) * 10) / 10} 学时）</Text>
      <Text className='tr-card__line tr-session__place' onClick={() => openMap(s.location, s.venue, s.address)}>
        地点　{s.venue} · {s.address}
        {s.location && process.env.TARO_ENV === 'weapp' ? ' ›' : ''}
      </Text>
      <Text className='tr-card__muted'>
        名额 {s.capacity} · 已报名 {s.confirmed}
        {s.waiting > 0 ? ` · 候补 ${s.waiting}` : ''}
      </Text>
      {s.materials && <Text className='tr-card__line'>资料　{s.materials}</Text>}
      {mine && <Text className='tr-card__mine'>{mineText(s)}</Text>}
      {children && <View className='tr-card__actions'>{children}</View>}
    </View>
  )
}
