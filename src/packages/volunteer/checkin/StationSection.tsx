// A station chosen: where it is and when it opens, where you are, what stopped the check-in, 签到.
import { Text, View } from '@tarojs/components'
import { stationOpenAt } from '@contract/service-rules'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { Tag } from '@/components/ui/Tag'
import type { StationView } from '../shared/volunteer'
import { LocationCard } from './LocationCard'
import type { CheckInPage } from './use-check-in'

import './station.scss'

function StationCard({ station }: { station: StationView }) {
  const closed = !stationOpenAt(station, Date.now())
  return (
    <View className='ck-st' data-station={station.id}>
      <View className='ck-st__top'>
        <Text className='ck-st__eyebrow'>志愿服务驿站</Text>
        {!station.active && <Tag tone='grey'>已停用</Tag>}
      </View>
      <Text className='ck-st__name'>{station.name}</Text>
      <Text className='ck-st__addr'>{station.address}</Text>
      <View className='ck-st__facts'>
        <View className='ck-st__fact'>
          <Text className='ck-st__fact-label'>所属镇街</Text>
          <Text className='ck-st__fact-value'>
            {station.countyName} · {station.townshipName}
          </Text>
        </View>
        <View className='ck-st__fact'>
          <Text className='ck-st__fact-label'>开放时间</Text>
          <Text className='ck-st__fact-value'>
            {station.opensAt}–{station.closesAt}
          </Text>
        </View>
        <View className='ck-st__fact'>
          <Text className='ck-st__fact-label'>签到范围</Text>
          <Text className='ck-st__fact-value'>{station.radiusM} 米内</Text>
        </View>
      </View>
      {closed && station.active && <Text className='ck-st__closed'>现在不在驿站开放时间内，开放时间内才能签到。</Text>}
    </View>
  )
}

export function StationSection({ page }: { page: CheckInPage }) {
  const { station, stationError, reading, locating, error, busy } = page
  return (
    <>
      {station ? (
        <StationCard station={station} />
      ) : stationError ? (
        <StateView tone='warn' title='没有找到这个驿站' desc={stationError} className='checkin__missing'>
          <Button kind='outline' onClick={page.clearStation}>
            选择附近驿站
          </Button>
        </StateView>
      ) : (
        <View className='ck-st ck-st--loading'>
          <View className='ck-st__ghost' />
          <View className='ck-st__ghost ck-st__ghost--short' />
        </View>
      )}

      {station && (
        <>
          <LocationCard station={station} reading={reading} verdict={page.verdict} locating={locating} problem={page.problem} onLocate={page.relocate} onSetting={() => void page.openSetting()} />

          {error && (
            <View className='checkin__error' data-error-for={error.field}>
              <Text className='checkin__error-dot'>!</Text>
              <Text className='checkin__error-text'>{error.message}</Text>
            </View>
          )}

          <Button className='checkin__submit' busy={busy} disabled={!station.active || (locating && !reading)} onClick={() => void page.checkIn(station)}>
            {busy ? '正在签到…' : station.active ? '签到' : '驿站已停用'}
          </Button>
          {process.env.TARO_ENV === 'weapp' && (
            <Button kind='outline' className='checkin__kiosk' disabled={busy || !station.active} onClick={() => void page.scanKiosk()}>
              扫描现场签到码
            </Button>
          )}
          {page.via === 'nearby' && (
            <Text className='checkin__change' onClick={page.clearStation}>
              不是这个驿站？重新选择
            </Text>
          )}
          <Text className='form-note checkin__note'>
            签到时会读取一次你的位置，确认你在驿站附近（{station.radiusM} 米内）。离开时请记得签退，服务时长经镇街团委审核通过后计入。
          </Text>
        </>
      )}
    </>
  )
}
