// 签到码 (?id=, &mode=kiosk to open straight into kiosk mode): the station's printed 小程序码
// on a poster with the station's name, and kiosk mode — a phone left at the station shows the
// rotating check-in code full screen, fetching the next one before the current one runs out.
import { useCallback, useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { useStaffScope } from '@/components/township/shared'
import { QrImage, staffDenied } from '@/components/township/ui'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { SkeletonBar } from '@/components/ui/StateView'
import { goBackOr } from '@/services/navigation'

import './index.scss'

type Station = OutputOf<'station.get'>
type Poster = { kind: 'idle' | 'loading' } | { kind: 'ready'; url: string } | { kind: 'error'; message: string }

interface Kiosk {
  code: string
  /** Local clock (ms) when the next code should be fetched. */
  refreshAt: number
  /** Seconds this code had left when it arrived (for the progress bar). */
  period: number
  /** Local clock (ms) after which the code is no longer accepted. */
  staleAt: number
  receivedAt: number
}

const isWeapp = process.env.TARO_ENV === 'weapp'

function keepScreenOn(on: boolean) {
  if (!isWeapp) return
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

function kioskBar(on: boolean) {
  if (!isWeapp) return
  Taro.setNavigationBarColor(on ? { frontColor: '#ffffff', backgroundColor: '#c7321f' } : { frontColor: '#000000', backgroundColor: '#ffffff' }).catch(() => undefined)
  Taro.setNavigationBarTitle({ title: on ? '现场签到' : '签到码' }).catch(() => undefined)
}

export default function StationCodes() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null

  const [tab, setTab] = useState<'print' | 'kiosk'>(params.mode === 'kiosk' ? 'kiosk' : 'print')
  const [poster, setPoster] = useState<Poster>({ kind: 'idle' })
  const [kioskOn, setKioskOn] = useState(false)
  const [kiosk, setKiosk] = useState<Kiosk | null>(null)
  const [kioskError, setKioskError] = useState('')
  const [now, setNow] = useState(Date.now())
  const fetching = useRef(false)
  const retryAt = useRef(0)
  const visible = useRef(true)

  const station = usePageState<Station>(
    async () => {
      if (!id) throw new CallError({ code: 'NOT_FOUND', message: '缺少驿站编号，请从驿站列表进入' })
      const s = await call('station.get', { id })
      if (params.mode === 'kiosk' && s.active) setKioskOn(true)
      return s
    },
    [id],
    !!scope,
  )
  const ready = station.state.kind === 'ready'

  const fetchPoster = useCallback(async () => {
    setPoster({ kind: 'loading' })
    try {
      const { imageUrl } = await call('station.printCode', { id })
      setPoster(imageUrl ? { kind: 'ready', url: imageUrl } : { kind: 'error', message: '小程序码生成失败，请稍后重试' })
    } catch (err) {
      setPoster({ kind: 'error', message: errorMessage(err) })
    }
  }, [id])

  // The printed code is asked for once, when its tab is first shown (the function limits how often).
  useEffect(() => {
    if (ready && tab === 'print' && poster.kind === 'idle') void fetchPoster()
  }, [ready, tab, poster.kind, fetchPoster])

  // ---- kiosk mode ----

  const fetchKiosk = useCallback(async () => {
    if (fetching.current) return
    fetching.current = true
    try {
      const res = await call('station.kioskCode', { id })
      const at = Date.now()
      const refreshAt = at + Math.max(1, res.refreshInSeconds) * 1000
      // Accepted until expiresAt (server clock); never trusted for more than a minute past the refresh.
      const expires = Date.parse(res.expiresAt)
      const staleAt = Number.isFinite(expires) && expires > refreshAt ? Math.min(expires, refreshAt + 60_000) : refreshAt
      setKiosk({ code: res.code, refreshAt, period: Math.max(1, res.refreshInSeconds), staleAt, receivedAt: at })
      setKioskError('')
      retryAt.current = 0
    } catch (err) {
      setKioskError(errorMessage(err))
      // A station switched off meanwhile, or no longer ours: stop asking.
      if (err instanceof CallError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND')) {
        retryAt.current = Number.POSITIVE_INFINITY
      } else {
        retryAt.current = Date.now() + 3000
      }
    } finally {
      fetching.current = false
      setNow(Date.now())
    }
  }, [id])

  useEffect(() => {
    if (!kioskOn) return
    keepScreenOn(true)
    kioskBar(true)
    retryAt.current = 0
    void fetchKiosk()
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => {
      clearInterval(timer)
      keepScreenOn(false)
      kioskBar(false)
    }
  }, [kioskOn, fetchKiosk])

  // The next code before this one runs out (and retries after a failure).
  useEffect(() => {
    if (!kioskOn || !visible.current || fetching.current) return
    const due = kiosk ? now >= kiosk.refreshAt : false
    const retry = retryAt.current > 0 && now >= retryAt.current
    if ((due && retryAt.current === 0) || retry) void fetchKiosk()
  }, [now, kioskOn, kiosk, fetchKiosk])

  useDidHide(() => {
    visible.current = false
  })
  useDidShow(() => {
    visible.current = true
    setNow(Date.now())
  })
  useUnload(() => keepScreenOn(false))

  const enterKiosk = async (s: Station) => {
    if (!s.active) {
      void Taro.showToast({ title: '驿站已停用，请先在驿站信息中启用', icon: 'none' })
      return
    }
    setKiosk(null)
    setKioskError('')
    setKioskOn(true)
  }

  const exitKiosk = async () => {
    const { confirm } = await Taro.showModal({ title: '退出现场签到', content: '退出后这台手机不再显示签到码，志愿者需扫描张贴的小程序码签到。', confirmText: '退出', confirmColor: '#d93a2b' })
    if (confirm) {
      setKioskOn(false)
      setKiosk(null)
    }
  }

  const preview = () => {
    if (poster.kind === 'ready') void Taro.previewImage({ urls: [poster.url], current: poster.url })
  }

  /** Kiosk mode: the rotating code full screen (over the page). */
  const kioskView = (s: Station) => {
    const left = kiosk ? Math.max(0, Math.ceil((kiosk.refreshAt - now) / 1000)) : 0
    const stale = !!kiosk && now > kiosk.staleAt
    const ratio = kiosk ? Math.max(0, Math.min(1, (kiosk.refreshAt - now) / (kiosk.period * 1000))) : 0
    return (
      <View className='kiosk'>
        <View className='kiosk__ring kiosk__ring--a' />
        <View className='kiosk__ring kiosk__ring--b' />
        <View className='kiosk__main'>
          <Text className='kiosk__eyebrow'>志愿服务驿站 · 现场签到</Text>
          <Text className='kiosk__name'>{s.name}</Text>
          <View className='kiosk__card'>
            <View className={`kiosk__qr-box ${stale ? 'kiosk__qr-box--stale' : ''}`}>
              {kiosk ? <QrImage className='kiosk__qr' text={kiosk.code} /> : <SkeletonBar className='kiosk__qr-skel' />}
              {stale && (
                <View className='kiosk__stale'>
                  <Text className='kiosk__stale-title'>签到码已失效</Text>
                  <Text className='kiosk__stale-text'>{retryAt.current === Number.POSITIVE_INFINITY ? '请退出后检查驿站状态' : '正在重新获取…'}</Text>
                </View>
              )}
            </View>
            <View className='kiosk__timer'>
              <View className='kiosk__bar'>
                <View className='kiosk__bar-fill' style={{ width: `${Math.round(ratio * 100)}%` }} />
              </View>
              <Text className='kiosk__countdown'>{kiosk ? (left > 0 ? `${left} 秒后刷新` : '正在刷新…') : '正在获取签到码…'}</Text>
            </View>
            {kioskError && <Text className='kiosk__error'>{retryAt.current === Number.POSITIVE_INFINITY ? kioskError : `${kioskError}，正在重试`}</Text>}
          </View>
          <View className='kiosk__steps'>
            <Text className='kiosk__step'>志愿者请在「乡青汇」小程序内扫码签到</Text>
            <Text className='kiosk__step kiosk__step--light'>签到码定时更换，截图或转发的码很快失效</Text>
          </View>
        </View>
        <View className='kiosk__foot'>
          <Text className='kiosk__meta'>{kiosk ? `更新于 ${new Date(kiosk.receivedAt + 8 * 3600_000).toISOString().slice(11, 19)}` : ' '}</Text>
          <View className='kiosk__exit' hoverClass='kiosk__exit--pressed' onClick={() => void exitKiosk()}>
            <Text>退出现场模式</Text>
          </View>
        </View>
      </View>
    )
  }

  /** The two codes: the printed poster, and how kiosk mode works. */
  const codesView = (s: Station) => (
    <>
      <View className='panel-top'>
        <View className='panel-tabs'>
          <View className={`panel-tabs__item codes__tab ${tab === 'print' ? 'panel-tabs__item--on' : ''}`} onClick={() => setTab('print')}>
            <Text>张贴签到码</Text>
          </View>
          <View className={`panel-tabs__item codes__tab ${tab === 'kiosk' ? 'panel-tabs__item--on' : ''}`} onClick={() => setTab('kiosk')}>
            <Text>现场签到码</Text>
          </View>
        </View>
      </View>

      {tab === 'print' ? (
        <View className='codes__body'>
          <View className='poster'>
            <View className='poster__band'>
              <Text className='poster__org'>乡青汇 · 志愿服务驿站</Text>
            </View>
            <Text className='poster__name'>{s.name}</Text>
            <Text className='poster__place'>
              {s.countyName} · {s.townshipName}
            </Text>
            <View className='poster__frame' onClick={preview}>
              {poster.kind === 'ready' ? (
                <Image className='poster__img' src={poster.url} mode='aspectFit' showMenuByLongpress />
              ) : poster.kind === 'error' ? (
                <View className='poster__error' onClick={() => void fetchPoster()}>
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
            <Button className='codes__preview' disabled={poster.kind !== 'ready'} onClick={preview}>
              预览并保存
            </Button>
            {process.env.TARO_ENV === 'h5' && (
              <Button kind='outline' className='codes__print' disabled={poster.kind !== 'ready'} onClick={() => window.print()}>
                打印
              </Button>
            )}
          </View>
        </View>
      ) : (
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
            <Button className='codes__kiosk' disabled={!s.active} onClick={() => void enterKiosk(s)}>
              进入现场签到模式
            </Button>
          </View>
        </View>
      )}
    </>
  )

  return (
    <View className='panel-page codes'>
      <PageStates
        gate={state}
        state={station.state}
        retry={() => void (scope ? station.reload() : reloadScope(true))}
        skeleton={2}
        denied={staffDenied(state)}
        notFound={{ title: '驿站不存在', action: { text: '返回驿站列表', onClick: () => goBackOr(ROUTES.stations) } }}
      >
        {(s) => (kioskOn ? kioskView(s) : codesView(s))}
      </PageStates>
    </View>
  )
}
