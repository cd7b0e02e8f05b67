// The volunteer home's sections: the session running now, the way in to 签到, the hours card and
// the other volunteer pages.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { ScanMark } from '@/components/ui/ScanMark'
import { elapsed, hours as hoursText, lastMonths } from '@/components/ui/format'
import { SessionSince } from '../shared/LiveBadge'
import { Card, StarBar } from '../shared/ui'
import type { HoursView } from '../shared/volunteer'

type Session = NonNullable<OutputOf<'service.current'>>

const LINKS = [
  { key: 'hours', mark: '时', title: '服务时长与记录', desc: '星级进度、月度时长、每一条服务记录', url: ROUTES.hours },
  { key: 'makeup', mark: '补', title: '补签', desc: '忘记签到或签退时，31 天内可申请补签', url: ROUTES.makeup },
  { key: 'grid', mark: '网', title: '志愿网格员', desc: '发现问题随手拍、随时报，查看办理进度', url: ROUTES.gridMine },
  { key: 'certificate', mark: '证', title: '志愿服务证明', desc: '生成带核验码的服务证明', url: ROUTES.certificate },
  { key: 'verify', mark: '验', title: '核验服务证明', desc: '输入核验码，查验一份证明的真伪', url: ROUTES.verify },
] as const

/** 服务中: the station, the time ticking, 签到详情 and 签退. */
export function SessionCard({ session, now, checkingOut, onCheckOut }: { session: Session; now: number; checkingOut: boolean; onCheckOut: () => void }) {
  return (
    <View className='vhome-session' data-session={session.id}>
      <SessionSince block='vhome-session' checkInAt={session.checkInAt} />
      <Text className='vhome-session__station'>{session.stationName}</Text>
      <Text className='vhome-session__elapsed'>{elapsed(now - Date.parse(session.checkInAt))}</Text>
      <Text className='vhome-session__label'>已服务时长 · 离开驿站前请签退</Text>
      <View className='vhome-session__actions'>
        <Button kind='plain' className='vhome-session__detail' onClick={() => void Taro.navigateTo({ url: `${ROUTES.checkin}?stationId=${session.stationId}` })}>
          签到详情
        </Button>
        <Button className='vhome-session__checkout' busy={checkingOut} onClick={onCheckOut}>
          {checkingOut ? '正在签退…' : '签退'}
        </Button>
      </View>
    </View>
  )
}

/** No session: 扫码签到, or a station chosen from the nearby ones. */
export function CheckInEntry({ onScan }: { onScan: () => void }) {
  return (
    <View className='vhome-entry'>
      <View className='vhome-entry__scan' hoverClass='vhome-entry__scan--pressed' onClick={onScan}>
        <View className='vhome-entry__icon'>
          <ScanMark />
        </View>
        <View className='vhome-entry__main'>
          <Text className='vhome-entry__title'>扫码签到</Text>
          <Text className='vhome-entry__desc'>到达驿站后，扫描驿站张贴的签到码</Text>
        </View>
        <Text className='vhome-entry__arrow'>›</Text>
      </View>
      <View className='vhome-entry__nearby' hoverClass='vhome-entry__nearby--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.checkin })}>
        <View className='vhome-entry__pin'>
          <View className='vhome-entry__pin-dot' />
        </View>
        <Text className='vhome-entry__nearby-text'>选择附近驿站签到</Text>
        <Text className='vhome-entry__nearby-arrow'>›</Text>
      </View>
    </View>
  )
}

/** 我的服务时长: this month's, all approved and pending hours, and the star progress. */
export function HoursCard({ hours, error, onRetry }: { hours: HoursView | null; error: string; onRetry: () => void }) {
  const thisMonth = lastMonths(1)[0]
  const monthMinutes = hours?.months.find((m) => m.month === thisMonth)?.minutes ?? 0
  return (
    <Card title='我的服务时长' extra={<Text onClick={() => void Taro.navigateTo({ url: ROUTES.hours })}>明细 ›</Text>} className='vhome-hours'>
      {hours ? (
        <>
          <View className='vhome-hours__stats'>
            <View className='vhome-hours__stat'>
              <Text className='vhome-hours__num vhome-hours__num--month'>{hoursText(monthMinutes)}</Text>
              <Text className='vhome-hours__label'>本月（小时）</Text>
            </View>
            <View className='vhome-hours__stat'>
              <Text className='vhome-hours__num vhome-hours__num--total'>{hoursText(hours.approvedMinutes)}</Text>
              <Text className='vhome-hours__label'>累计（小时）</Text>
            </View>
            <View className='vhome-hours__stat'>
              <Text className='vhome-hours__num vhome-hours__num--pending'>{hoursText(hours.pendingMinutes)}</Text>
              <Text className='vhome-hours__label'>待审核（小时）</Text>
            </View>
          </View>
          <View className='vhome-hours__star'>
            <StarBar hours={hours} />
          </View>
        </>
      ) : error ? (
        <View className='vhome-hours__error'>
          <Text>{error}</Text>
          <Text className='vhome-hours__retry' onClick={onRetry}>
            重试
          </Text>
        </View>
      ) : (
        <View className='vhome-hours__loading'>
          <View className='vhome-hours__ghost' />
          <View className='vhome-hours__ghost vhome-hours__ghost--short' />
        </View>
      )}
    </Card>
  )
}

/** The other volunteer pages. */
export function VolunteerLinks() {
  return (
    <View className='vhome-links'>
      {LINKS.map((l) => (
        <View key={l.key} className={`vhome-link vhome-link--${l.key}`} hoverClass='vhome-link--pressed' onClick={() => void Taro.navigateTo({ url: l.url })}>
          <View className={`vhome-link__mark vhome-link__mark--${l.key}`}>
            <Text>{l.mark}</Text>
          </View>
          <View className='vhome-link__main'>
            <Text className='vhome-link__title'>{l.title}</Text>
            <Text className='vhome-link__desc'>{l.desc}</Text>
          </View>
          <Text className='vhome-link__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
