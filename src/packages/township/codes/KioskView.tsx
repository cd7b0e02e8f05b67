// Kiosk mode on screen: the station's name and its rotating code full screen (over the page), the
// countdown to the next, what went wrong, and the way out.
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { Qr } from '@/components/ui/Qr'
import { SkeletonBar } from '@/components/ui/StateView'
import { shanghaiClock } from './kiosk-clock'
import type { Kiosk } from './use-kiosk'

import './kiosk.scss'

/** Pixels per module of the drawn code: sharp at the kiosk's 560 rpx on a phone's screen. */
const KIOSK_QR_CELL = 16

export function KioskView({ station, kiosk }: { station: OutputOf<'station.get'>; kiosk: Kiosk }) {
  const { code, left, stale, ratio, error, stopped } = kiosk
  return (
    <View className='kiosk'>
      <View className='kiosk__ring kiosk__ring--a' />
      <View className='kiosk__ring kiosk__ring--b' />
      <View className='kiosk__main'>
        <Text className='kiosk__eyebrow'>志愿服务驿站 · 现场签到</Text>
        <Text className='kiosk__name'>{station.name}</Text>
        <View className='kiosk__card'>
          <View className={`kiosk__qr-box ${stale ? 'kiosk__qr-box--stale' : ''}`}>
            {code ? <Qr className='kiosk__qr' text={code.code} cell={KIOSK_QR_CELL} /> : <SkeletonBar className='kiosk__qr-skel' />}
            {stale && (
              <View className='kiosk__stale'>
                <Text className='kiosk__stale-title'>签到码已失效</Text>
                <Text className='kiosk__stale-text'>{stopped ? '请退出后检查驿站状态' : '正在重新获取…'}</Text>
              </View>
            )}
          </View>
          <View className='kiosk__timer'>
            <View className='kiosk__bar'>
              <View className='kiosk__bar-fill' style={{ width: `${Math.round(ratio * 100)}%` }} />
            </View>
            <Text className='kiosk__countdown'>{code ? (left > 0 ? `${left} 秒后刷新` : '正在刷新…') : '正在获取签到码…'}</Text>
          </View>
          {error && <Text className='kiosk__error'>{stopped ? error : `${error}，正在重试`}</Text>}
        </View>
        <View className='kiosk__steps'>
          <Text className='kiosk__step'>志愿者请在「乡青汇」小程序内扫码签到</Text>
          <Text className='kiosk__step kiosk__step--light'>签到码定时更换，截图或转发的码很快失效</Text>
        </View>
      </View>
      <View className='kiosk__foot'>
        <Text className='kiosk__meta'>{code ? `更新于 ${shanghaiClock(code.receivedAt)}` : ' '}</Text>
        <View className='kiosk__exit' hoverClass='kiosk__exit--pressed' onClick={() => void kiosk.exit()}>
          <Text>退出现场模式</Text>
        </View>
      </View>
    </View>
  )
}
