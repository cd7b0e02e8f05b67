// The codes page's two tabs: the printed poster (its 小程序码, to preview, save and print) and what
// kiosk mode is, with the way into it.
import { Image, Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { Button } from '@/components/ui/Button'
import { SkeletonBar } from '@/components/ui/StateView'
import type { Poster } from './use-poster'

import './poster.scss'
import './kiosk-intro.scss'

type Station = OutputOf<'station.get'>

export function PrintTab({ station: s, poster, onRetry, onPreview }: { station: Station; poster: Poster; onRetry: () => void; onPreview: () => void }) {
  return (
    <View className='codes__body'>
      <View className='poster'>
        <View className='poster__band'>
          <Text className='poster__org'>乡青汇 · 志愿服务驿站</Text>
        </View>
        <Text className='poster__name'>{s.name}</Text>
        <Text className='poster__place'>
          {s.countyName} · {s.townshipName}
        </Text>
        <View className='poster__frame' onClick={onPreview}>
          {poster.kind === 'ready' ? (
            <Image className='poster__img' src={poster.url} mode='aspectFit' showMenuByLongpress />
          ) : poster.kind === 'error' ? (
            <View className='poster__error' onClick={onRetry}>
              <Text>{poster.message}</Text>
              <Text className='poster__retry'>点此重试</Text>
            </View>
          ) : (
            <View className='poster__loading'>
              <SkeletonBar className='poster__skel' />
              <Text className='poster__wait'>正在生成小程序码…</Text>
            </View>
          )}
        </View>
        <Text className='poster__scan'>微信扫一扫 · 志愿服务签到</Text>
        <Text className='poster__hours'>
          开放时间 {s.opensAt}–{s.closesAt} · 签到范围 {s.radiusM} 米
        </Text>
        <Text className='poster__address'>{s.address}</Text>
        <View className='poster__foot'>
          <Text>共青团清远市委员会 · 乡村振兴志愿服务</Text>
        </View>
      </View>
      {!s.active && (
        <View className='codes__warn'>
          <Text>该驿站已停用：扫码后志愿者会看到「驿站已停用」，无法签到。</Text>
        </View>
      )}
      <Text className='codes__tip'>点击小程序码可预览，长按保存到手机后打印（建议 A4 或 A5），张贴在驿站入口醒目处。</Text>
      <View className='codes__actions'>
        <Button className='codes__preview' disabled={poster.kind !== 'ready'} onClick={onPreview}>
          预览并保存
        </Button>
        {process.env.TARO_ENV === 'h5' && (
          <Button kind='outline' className='codes__print' disabled={poster.kind !== 'ready'} onClick={() => window.print()}>
            打印
          </Button>
        )}
      </View>
    </View>
  )
}

export function KioskTab({ station: s, onEnter }: { station: Station; onEnter: () => void }) {
  return (
    <View className='codes__body'>
      <View className='kiosk-intro'>
        <View className='kiosk-intro__art'>
          <View className='kiosk-intro__phone'>
            <View className='kiosk-intro__qr' />
          </View>
        </View>
        <Text className='kiosk-intro__title'>现场签到模式</Text>
        <Text className='kiosk-intro__text'>把一部手机（或平板）留在驿站，全屏显示轮换的签到码。签到码定时自动更换，拍照转发的码很快失效，可防止不在现场的代签。</Text>
        <View className='kiosk-intro__list'>
          <Text className='kiosk-intro__item'>· 保持屏幕常亮，请接通电源</Text>
          <Text className='kiosk-intro__item'>· 需要联网；网络中断时会自动重试</Text>
          <Text className='kiosk-intro__item'>· 志愿者仍须在签到范围（{s.radiusM} 米）内</Text>
        </View>
      </View>
      {!s.active && (
        <View className='codes__warn'>
          <Text>该驿站已停用，不能生成现场签到码。请先在驿站信息中启用。</Text>
        </View>
      )}
      <View className='codes__actions'>
        <Button className='codes__kiosk' disabled={!s.active} onClick={onEnter}>
          进入现场签到模式
        </Button>
      </View>
    </View>
  )
}
