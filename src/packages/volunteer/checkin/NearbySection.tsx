// No station chosen: the way to scan a station's code, where you are, and the stations nearby
// (nearest first, those in range marked).
import { Text, View } from '@tarojs/components'
import { fenceVerdict } from '@contract/service-rules'
import { Tag } from '@/components/ui/Tag'
import { distance } from '@/components/ui/format'
import { LocationCard } from './LocationCard'
import type { CheckInPage } from './use-check-in'

import './nearby.scss'

export function NearbySection({ page }: { page: CheckInPage }) {
  const { reading, nearby, nearbyError, coarseAccuracyM } = page
  return (
    <>
      <View className='checkin__hero'>
        <Text className='checkin__hero-title'>选择驿站签到</Text>
        <Text className='checkin__hero-lead'>到达驿站后，扫描驿站张贴的签到码，或在下面选择你所在的驿站。</Text>
        {process.env.TARO_ENV === 'weapp' && (
          <View className='checkin__hero-scan' hoverClass='checkin__hero-scan--pressed' onClick={() => void page.scanKiosk()}>
            <Text>扫描签到码</Text>
          </View>
        )}
      </View>
      <LocationCard station={null} reading={reading} verdict={null} locating={page.locating} problem={page.problem} onLocate={() => void page.locate()} onSetting={() => void page.openSetting()} />
      {reading && (
        <View className='vol-card checkin__nearby'>
          <View className='vol-card__head'>
            <Text className='vol-card__title'>附近的驿站</Text>
            <Text className='vol-card__extra'>按距离排序</Text>
          </View>
          {nearbyError ? (
            <View className='checkin__nearby-error'>
              <Text>{nearbyError}</Text>
              <Text className='checkin__link' onClick={() => void page.locate()}>
                重试
              </Text>
            </View>
          ) : nearby === null ? (
            <Text className='checkin__nearby-loading'>正在查找附近的驿站…</Text>
          ) : nearby.length === 0 ? (
            <Text className='checkin__nearby-empty'>30 公里内没有找到志愿服务驿站。请确认定位准确，或扫描驿站的签到码。</Text>
          ) : (
            nearby.map((s) => {
              const d = s.distanceM ?? 0
              const inRange = fenceVerdict(d, reading.accuracy, s.radiusM, coarseAccuracyM).inside
              return (
                <View key={s.id} className='ck-station' data-station={s.id} hoverClass='ck-station--pressed' onClick={() => page.chooseNearby(s.id)}>
                  <View className='ck-station__main'>
                    <Text className='ck-station__name'>{s.name}</Text>
                    <Text className='ck-station__addr'>
                      {s.townshipName} · {s.address}
                    </Text>
                  </View>
                  <View className='ck-station__side'>
                    <Text className={`ck-station__distance${inRange ? ' ck-station__distance--in' : ''}`}>{distance(d)}</Text>
                    {inRange ? <Tag tone='green'>可签到</Tag> : <Text className='ck-station__radius'>范围 {s.radiusM} 米</Text>}
                  </View>
                </View>
              )
            })
          )}
        </View>
      )}
    </>
  )
}
