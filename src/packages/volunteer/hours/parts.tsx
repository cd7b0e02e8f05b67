// The hours page's parts: the star level with this month's and the pending hours, the star
// thresholds, the last 12 months as bars, and the hours by station.
import { Text, View } from '@tarojs/components'
import { hours as hoursText, lastMonths, monthLabel } from '@/components/ui/format'
import { Card, StarBar, Stars, starName } from '../shared/ui'
import type { HoursView } from '../shared/volunteer'

import './hero.scss'
import './charts.scss'

/** The longest station's minutes (the full width of the station bars). */
const widest = (h: HoursView) => Math.max(1, ...h.byStation.map((s) => s.minutes))

export function HoursHero({ hours }: { hours: HoursView }) {
  return (
    <View className='hrs-hero'>
      <View className='hrs-hero__top'>
        <View className='hrs-hero__level'>
          <Stars n={hours.star} className='hrs-hero__stars' />
          <Text className='hrs-hero__name'>{starName(hours.star)}</Text>
        </View>
        <View className='hrs-hero__total'>
          <Text className='hrs-hero__num'>{hoursText(hours.approvedMinutes)}</Text>
          <Text className='hrs-hero__unit'>小时 · 累计通过</Text>
        </View>
      </View>
      <StarBar hours={hours} light />
      <View className='hrs-hero__stats'>
        <View className='hrs-hero__stat'>
          <Text className='hrs-hero__stat-num'>{hoursText(hours.months.find((m) => m.month === lastMonths(1)[0])?.minutes ?? 0)}</Text>
          <Text className='hrs-hero__stat-label'>本月通过（小时）</Text>
        </View>
        <View className='hrs-hero__stat'>
          <Text className='hrs-hero__stat-num hrs-hero__pending'>{hoursText(hours.pendingMinutes)}</Text>
          <Text className='hrs-hero__stat-label'>待审核（小时）</Text>
        </View>
        <View className='hrs-hero__stat'>
          <Text className='hrs-hero__stat-num'>{hours.byStation.length}</Text>
          <Text className='hrs-hero__stat-label'>服务过的驿站</Text>
        </View>
      </View>
    </View>
  )
}

export function Levels({ hours }: { hours: HoursView }) {
  return (
    <Card title='星级标准' extra={<Text>累计审核通过的服务时长</Text>} className='hrs-levels'>
      <View className='hrs-levels__row'>
        {hours.thresholdsHours.map((t, i) => (
          <View key={t} className={`hrs-levels__item${hours.star > i ? ' hrs-levels__item--on' : ''}`}>
            <Text className='hrs-levels__star'>{'★'.repeat(i + 1)}</Text>
            <Text className='hrs-levels__hours'>{t} 小时</Text>
          </View>
        ))}
      </View>
    </Card>
  )
}

export function MonthBars({ months }: { months: HoursView['months'] }) {
  const keys = lastMonths(12)
  const byMonth = new Map(months.map((m) => [m.month, m.minutes]))
  const values = keys.map((k) => byMonth.get(k) ?? 0)
  // At least 10 hours high, so a first short session does not fill the chart.
  const max = Math.max(600, ...values)
  const empty = values.every((v) => v === 0)
  return (
    <View className='hrs-bars'>
      <View className='hrs-bars__plot'>
        {keys.map((k, i) => {
          const v = values[i]
          const last = i === keys.length - 1
          return (
            <View key={k} className={`hrs-bars__col${last ? ' hrs-bars__col--now' : ''}`} data-month={k}>
              <Text className='hrs-bars__value'>{v > 0 ? hoursText(v) : ''}</Text>
              <View className='hrs-bars__track'>
                <View className='hrs-bars__bar' style={{ height: `${v > 0 ? Math.max(4, (v / max) * 100) : 0}%` }} />
              </View>
              <Text className='hrs-bars__label'>{monthLabel(k, true)}</Text>
              {/* The year under the first month and each January (「26/1」 read as a date). */}
              <Text className='hrs-bars__year'>{k.endsWith('-01') || i === 0 ? `${k.slice(0, 4)}年` : ' '}</Text>
            </View>
          )
        })}
      </View>
      {empty && <Text className='hrs-bars__empty'>近 12 个月还没有审核通过的服务时长</Text>}
    </View>
  )
}

export function StationHours({ hours }: { hours: HoursView }) {
  return (
    <Card title='各驿站服务时长' extra={<Text>小时</Text>} className='hrs-stations'>
      {hours.byStation.length === 0 ? (
        <Text className='hrs-stations__empty'>审核通过的服务会按驿站汇总在这里</Text>
      ) : (
        hours.byStation.map((s) => (
          <View key={s.stationName} className='hrs-stations__row'>
            <View className='hrs-stations__top'>
              <Text className='hrs-stations__name'>{s.stationName}</Text>
              <Text className='hrs-stations__hours'>{hoursText(s.minutes)}</Text>
            </View>
            <View className='hrs-stations__track'>
              <View className='hrs-stations__bar' style={{ width: `${Math.max(2, (s.minutes / widest(hours)) * 100)}%` }} />
            </View>
          </View>
        ))
      )}
    </Card>
  )
}
