// What the volunteer pages share: stations and settings read once,
// the ticking clock of an open session, and the check-out flow (fresh location, fence preview,
// confirmation, one request id per attempt).
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { DEFAULT_COARSE_ACCURACY_M, distanceMetres } from '@contract/geo-rules'
import { fenceVerdict } from '@contract/service-rules'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { LocationProblem, readLocation, type Reading } from '@/services/location'
import { newRequestId } from './scan'
import { distance, duration } from '@/components/ui/format'
import { markChanged } from '@/services/changes'

export type SessionView = NonNullable<OutputOf<'service.current'>>
/** A check-out under a minute after the check-in: no record kept. */
export type DiscardedCheckOut = Extract<OutputOf<'service.checkOut'>, { status: 'discarded' }>
export type StationView = OutputOf<'station.get'>
export type HoursView = OutputOf<'service.hours'>
export type CertificateView = OutputOf<'service.certificate'>
export type Settings = OutputOf<'settings.get'>
/** This month's make-ups and appeals: how many a month, how many left. */
export type Allowance = OutputOf<'service.allowance'>

/** The allowance said before the form is filled, not after. */
export function allowanceText(a: Allowance): string {
  return a.left > 0 ? `本月还可提交补签和申诉 ${a.left} 次（每月共 ${a.perMonth} 次）` : `本月的补签和申诉次数（${a.perMonth} 次）已用完，下月 1 日起可再提交`
}

// ---- read once ------------------------------------------------------------------------------

const stations = new Map<string, { at: number; value: Promise<StationView> }>()
const STATION_TTL_MS = 60_000

/** A station (station.get), shared by the pages for a minute. */
export function loadStation(id: string): Promise<StationView> {
  const hit = stations.get(id)
  if (hit && Date.now() - hit.at < STATION_TTL_MS) return hit.value
  const value = call('station.get', { id })
  const entry = { at: Date.now(), value }
  stations.set(id, entry)
  value.catch(() => {
    if (stations.get(id) === entry) stations.delete(id)
  })
  return value
}

let settingsCache: Promise<Settings> | null = null

/** The business settings (monthly make-up allowance, daily cap…), asked once. */
export function loadSettings(): Promise<Settings> {
  if (!settingsCache) {
    settingsCache = call('settings.get', {})
    settingsCache.catch(() => (settingsCache = null))
  }
  return settingsCache
}

/**
 * The accuracy (metres) beyond which a reading's record is flagged 定位精度低: the city's setting,
 * as the functions apply it, once read (its default until then).
 */
export function useCoarseAccuracyM(active: boolean): number {
  const [metres, setMetres] = useState(DEFAULT_COARSE_ACCURACY_M)
  useEffect(() => {
    if (!active) return
    let live = true
    loadSettings()
      .then((s) => live && setMetres(s.coarseAccuracyM))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [active])
  return metres
}

// ---- a ticking clock ----------------------------------------------------------------------------

/** Date.now(), every second while `active` and the page is on screen. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  const [shown, setShown] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  useEffect(() => {
    if (!active || !shown) return
    setNow(Date.now())
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [active, shown])
  return now
}

// ---- the fence preview ----------------------------------------------------------------------------

export type Verdict = ReturnType<typeof fenceVerdict>

/** Where a reading stands against a station's fence: the functions' own rule (distance and fence), against the settings' coarse-accuracy threshold. */
export function verdictFor(station: Pick<StationView, 'location' | 'radiusM'>, reading: Reading, coarseAccuracyM: number): Verdict {
  return fenceVerdict(distanceMetres(reading, station.location), reading.accuracy, station.radiusM, coarseAccuracyM)
}

// ---- check-out -----------------------------------------------------------------------------------

export interface CheckOutFlow {
  busy: boolean
  /** Reads the location, previews the fence, confirms, checks out. null: cancelled or failed (a toast said why); discarded: under a minute, no record (a dialog said so). */
  checkOut: (session: SessionView) => Promise<SessionView | DiscardedCheckOut | null>
}

export function useCheckOut(): CheckOutFlow {
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  /** One id per check-out attempt, reused when a retry follows a lost reply. */
  const requestId = useRef<{ session: string; id: string } | null>(null)

  const checkOut = useCallback(async (session: SessionView): Promise<SessionView | DiscardedCheckOut | null> => {
    if (busyRef.current) return null
    busyRef.current = true
    setBusy(true)
    try {
      void Taro.showLoading({ title: '正在定位…', mask: true })
      let reading: Reading | null = null
      let problem = ''
      try {
        reading = await readLocation()
      } catch (err) {
        problem = err instanceof LocationProblem ? err.title : '暂时无法定位'
      }
      const [station, settings] = await Promise.all([loadStation(session.stationId).catch(() => null), loadSettings().catch(() => null)])
      Taro.hideLoading()
      const verdict = station && reading ? verdictFor(station, reading, settings?.coarseAccuracyM ?? DEFAULT_COARSE_ACCURACY_M) : null
      // Whole minutes served, as the function counts them (a part minute does not count).
      const servedMinutes = Math.floor(Math.max(0, Date.now() - Date.parse(session.checkInAt)) / 60_000)
      let title = '确认签退'
      let content =
        servedMinutes < 1
          ? '签到还不到 1 分钟：现在签退不会留下服务记录，也不计入服务时长。确定签退吗？'
          : `本次已服务 ${duration(servedMinutes)}。签退后记录提交${session.townshipName}团委审核，通过后计入服务时长。`
      let confirmText = '签退'
      if (!reading) {
        title = '未能获取定位'
        content = `${problem}。仍可签退，但这条记录会标注「签退时不在驿站范围」，由镇街团委核实。`
        confirmText = '仍要签退'
      } else if (verdict && !verdict.inside) {
        title = '你不在驿站范围内'
        content = `定位显示你距离驿站约 ${distance(verdict.distanceM)}，超出 ${station!.radiusM} 米的签到范围。仍可签退，但这条记录会标注「签退时不在驿站范围」，由镇街团委核实。`
        confirmText = '仍要签退'
      }
      const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#d93a2b' })
      if (!confirm) return null
      // The review's outcome is told by message: asked on the confirming tap.
      if (servedMinutes >= 1) await askForNotices(['review'])
      if (!requestId.current || requestId.current.session !== session.id) requestId.current = { session: session.id, id: newRequestId() }
      void Taro.showLoading({ title: '正在签退…', mask: true })
      const done = await call('service.checkOut', {
        requestId: requestId.current.id,
        reading: reading ? { lat: reading.lat, lng: reading.lng, accuracy: reading.accuracy } : null,
      })
      requestId.current = null
      Taro.hideLoading()
      markChanged('volunteer-home', 'volunteer-hours', 'volunteer-checkin')
      if (done.status === 'discarded') void Taro.showModal({ title: '已签退，未留记录', content: done.message, showCancel: false, confirmText: '知道了' })
      else void Taro.showToast({ title: '已签退', icon: 'success' })
      return done
    } catch (err) {
      Taro.hideLoading()
      // A lost reply keeps the request id: the retry gets the record the first attempt made.
      if (!(err instanceof CallError && err.code === 'NETWORK')) requestId.current = null
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      return null
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }, [])

  return { busy, checkOut }
}
