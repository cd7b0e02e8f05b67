// Kiosk mode: a phone left at the station shows the rotating check-in code full screen, keeps the
// screen on, fetches the next code before the current one runs out (not while the page is hidden),
// retries a failure after a few seconds, and stops asking once the station is off or not ours.
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { call, CallError, errorMessage } from '@/services/cloud'
import { kioskClock, kioskCodeOf, type KioskCode } from './kiosk-clock'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** A failed fetch is tried again after this long. */
export const RETRY_MS = 3000
/** How often the countdown ticks. */
const TICK_MS = 250

function keepScreenOn(on: boolean) {
  if (!isWeapp) return
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

function kioskBar(on: boolean) {
  if (!isWeapp) return
  Taro.setNavigationBarColor(on ? { frontColor: '#ffffff', backgroundColor: '#c7321f' } : { frontColor: '#000000', backgroundColor: '#ffffff' }).catch(() => undefined)
  Taro.setNavigationBarTitle({ title: on ? '现场签到' : '签到码' }).catch(() => undefined)
}

export interface Kiosk {
  on: boolean
  code: KioskCode | null
  error: string
  /** The function refused for good (station off, or not ours): no more asking. */
  stopped: boolean
  /** Seconds to the next code, whether the shown one is stale, the bar's fill. */
  left: number
  stale: boolean
  ratio: number
  /** Into kiosk mode, if the station is on (else a toast). */
  enter: (active: boolean) => void
  /** Out of kiosk mode, after asking. */
  exit: () => Promise<void>
}

export function useKiosk(stationId: string): Kiosk {
  const [on, setOn] = useState(false)
  const [code, setCode] = useState<KioskCode | null>(null)
  const [error, setError] = useState('')
  const [now, setNow] = useState(Date.now())
  const fetching = useRef(false)
  /** When to try again after a failure (0: no failure; Infinity: never). */
  const retryAt = useRef(0)
  const visible = useRef(true)

  const fetchCode = useCallback(async () => {
    if (fetching.current) return
    fetching.current = true
    try {
      const res = await call('station.kioskCode', { id: stationId })
      setCode(kioskCodeOf(res, Date.now()))
      setError('')
      retryAt.current = 0
    } catch (err) {
      setError(errorMessage(err))
      // A station switched off meanwhile, or no longer ours: stop asking.
      retryAt.current = err instanceof CallError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND') ? Number.POSITIVE_INFINITY : Date.now() + RETRY_MS
    } finally {
      fetching.current = false
      setNow(Date.now())
    }
  }, [stationId])

  useEffect(() => {
    if (!on) return
    keepScreenOn(true)
    kioskBar(true)
    retryAt.current = 0
    void fetchCode()
    const timer = setInterval(() => setNow(Date.now()), TICK_MS)
    return () => {
      clearInterval(timer)
      keepScreenOn(false)
      kioskBar(false)
    }
  }, [on, fetchCode])

  // The next code before this one runs out (and retries after a failure).
  useEffect(() => {
    if (!on || !visible.current || fetching.current) return
    const due = code ? now >= code.refreshAt : false
    const retry = retryAt.current > 0 && now >= retryAt.current
    if ((due && retryAt.current === 0) || retry) void fetchCode()
  }, [now, on, code, fetchCode])

  useDidHide(() => {
    visible.current = false
  })
  useDidShow(() => {
    visible.current = true
    setNow(Date.now())
  })
  useUnload(() => keepScreenOn(false))

  const enter = (active: boolean) => {
    if (!active) {
      void Taro.showToast({ title: '驿站已停用，请先在驿站信息中启用', icon: 'none' })
      return
    }
    setCode(null)
    setError('')
    setOn(true)
  }

  const exit = async () => {
    const { confirm } = await Taro.showModal({ title: '退出现场签到', content: '退出后这台手机不再显示签到码，志愿者需扫描张贴的小程序码签到。', confirmText: '退出', confirmColor: '#d93a2b' })
    if (confirm) {
      setOn(false)
      setCode(null)
    }
  }

  return { on, code, error, stopped: retryAt.current === Number.POSITIVE_INFINITY, ...kioskClock(code, now), enter, exit }
}
