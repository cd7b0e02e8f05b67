// The check-in page's state machine: the session running now (if any), the station shown, the
// location (locating, read, or a problem), the stations nearby when none is chosen, the check-in
// (a fresh fix, one request id per attempt, the function's refusal at its place), a kiosk code
// (from the page's query or a scan), and the check-out with what it leaves on screen.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { FIX_MAX_AGE_SECONDS } from '@contract/service-rules'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { LocationProblem, openLocationSetting, readLocation, type Reading } from '@/services/location'
import { usePageState, type PageState } from '@/components/ui/page-state'
import { decodeTwice, newRequestId, parseScanned, scan, stationIdFromParams } from '../shared/scan'
import { loadStation, useCheckOut, useCoarseAccuracyM, useNow, verdictFor, type SessionView, type StationView, type Verdict } from '../shared/volunteer'

export type Via = 'scan' | 'kiosk' | 'nearby'

/** A refusal shown under the location card, named by the field (or code) it concerns. */
export interface CheckInError {
  field: string
  message: string
}

/**
 * A reading older than this is read again before checking in: the function takes a fix (without
 * a kiosk code) only up to FIX_MAX_AGE_SECONDS old, and the request takes time to get there.
 */
export const FRESH_MS = (FIX_MAX_AGE_SECONDS * 1000) / 2

export interface CheckInPage {
  /** The page: the session running now, or null. */
  state: PageState<SessionView | null>
  retry: () => void
  session: SessionView | null
  /** The station the page was opened for or that was chosen ('' : none yet). */
  stationId: string
  /** The station shown: the chosen one or, while a session runs, its own. */
  station: StationView | null
  stationError: string
  via: Via
  reading: Reading | null
  locating: boolean
  problem: LocationProblem | null
  /** The stations around the reading (null: not asked yet). */
  nearby: StationView[] | null
  nearbyError: string
  coarseAccuracyM: number
  /** Where the reading stands against the station's fence (no session running). */
  verdict: Verdict | null
  busy: boolean
  error: CheckInError | null
  /** The session just checked out (a record was kept). */
  done: SessionView | null
  checkingOut: boolean
  /** Date.now(), ticking while a session runs. */
  now: number
  locate: () => Promise<Reading | null>
  /** 重新定位: forgets the last refusal and reads the location again. */
  relocate: () => void
  openSetting: () => Promise<void>
  checkIn: (station: StationView, kioskCode?: string) => Promise<void>
  /** What the camera (or, in development, the pasted text) read. */
  handleScanned: (text: string) => Promise<void>
  scanKiosk: () => Promise<void>
  chooseNearby: (stationId: string) => void
  /** Back to the stations nearby. */
  clearStation: () => void
  /** 签退 the running session. */
  finish: () => Promise<void>
}

export function useCheckIn(params: Record<string, string | undefined>): CheckInPage {
  const initialStation = useMemo(() => stationIdFromParams(params), [params])
  const kioskParam = useMemo(() => (params.kiosk ? decodeTwice(params.kiosk) : ''), [params.kiosk])

  // The page: the session running now, if any (the station and the location follow from it).
  const { state, reload: reloadSession, retry, setData } = usePageState(() => call('service.current', {}), [])
  const ready = state.kind === 'ready'
  const session = ready ? state.data : null
  const setSession = useCallback((s: SessionView | null) => setData(() => s), [setData])
  const [stationId, setStationId] = useState(initialStation)
  const [station, setStation] = useState<StationView | null>(null)
  const [stationError, setStationError] = useState('')
  const [via, setVia] = useState<Via>(params.via === 'nearby' ? 'nearby' : 'scan')
  const [reading, setReading] = useState<Reading | null>(null)
  const [locating, setLocating] = useState(false)
  const [problem, setProblem] = useState<LocationProblem | null>(null)
  const [nearby, setNearby] = useState<StationView[] | null>(null)
  const [nearbyError, setNearbyError] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<CheckInError | null>(null)
  const [done, setDone] = useState<SessionView | null>(null)
  const requestId = useRef<string | null>(null)
  // A state update lands only on the next render: a double tap must be refused before it.
  const busyRef = useRef(false)
  const kioskUsed = useRef(false)
  const shownOnce = useRef(false)
  const { busy: checkingOut, checkOut } = useCheckOut()
  const now = useNow(!!session)
  const coarseAccuracyM = useCoarseAccuracyM(ready)

  const locate = useCallback(async (): Promise<Reading | null> => {
    setLocating(true)
    try {
      const r = await readLocation()
      setReading(r)
      setProblem(null)
      return r
    } catch (err) {
      setProblem(err instanceof LocationProblem ? err : new LocationProblem('failed', '暂时无法定位', '请稍后重新定位。'))
      return null
    } finally {
      setLocating(false)
    }
  }, [])

  const shownStationId = session ? session.stationId : stationId
  useEffect(() => {
    if (!shownStationId || !ready) {
      setStation(null)
      return
    }
    let live = true
    setStationError('')
    loadStation(shownStationId)
      .then((s) => live && setStation(s))
      .catch((err) => {
        if (!live) return
        setStation(null)
        setStationError(errorMessage(err))
      })
    return () => {
      live = false
    }
  }, [shownStationId, ready])

  // Read the location once the page may be used (and again after a refusal forgot the fix).
  useEffect(() => {
    if (ready && !session && !done && !reading && !problem && !locating) void locate()
  }, [ready, session, done, reading, problem, locating, locate])

  // No station yet: the stations around the reading.
  useEffect(() => {
    if (!ready || session || stationId || !reading) return
    let live = true
    setNearbyError('')
    call('station.nearby', { lat: reading.lat, lng: reading.lng, radiusKm: 30 })
      .then((r) => live && setNearby(r.items))
      .catch((err) => live && setNearbyError(errorMessage(err)))
    return () => {
      live = false
    }
  }, [ready, session, stationId, reading])

  // Coming back from WeChat's settings page: try again.
  useDidShow(() => {
    if (shownOnce.current && problem?.kind === 'denied') void locate()
    shownOnce.current = true
  })

  usePullDownRefresh(() => {
    void Promise.all([reloadSession(true), session || done ? Promise.resolve(null) : locate()]).finally(() => Taro.stopPullDownRefresh())
  })

  const verdict = useMemo(() => (station && reading && !session ? verdictFor(station, reading, coarseAccuracyM) : null), [station, reading, session, coarseAccuracyM])

  const checkIn = useCallback(
    async (st: StationView, kioskCode?: string) => {
      if (busyRef.current) return
      busyRef.current = true
      setError(null)
      setBusy(true)
      try {
        let r = reading
        if (!r || Date.now() - r.at > FRESH_MS || kioskCode) r = await locate()
        if (!r) {
          setError({ field: 'reading', message: '没有获取到你的位置，请按上面的提示处理后重新定位。' })
          return
        }
        const v = verdictFor(st, r, coarseAccuracyM)
        if (!v.inside) {
          setError({ field: 'reading', message: v.message })
          return
        }
        if (!requestId.current) requestId.current = newRequestId()
        const s = await call('service.checkIn', {
          requestId: requestId.current,
          stationId: st.id,
          via: kioskCode ? 'kiosk' : via,
          ...(kioskCode ? { kioskCode } : {}),
          reading: { lat: r.lat, lng: r.lng, accuracy: r.accuracy, at: r.at },
        })
        requestId.current = null
        setSession(s)
        markChanged('volunteer-home', 'volunteer-hours')
        void Taro.showToast({ title: '签到成功', icon: 'success' })
      } catch (err) {
        // A lost reply keeps the id: the retry returns the check-in the first attempt made.
        if (!(err instanceof CallError && err.code === 'NETWORK')) requestId.current = null
        if (err instanceof CallError && (err.field === 'reading' || err.field === 'reading.at' || err.field === 'kioskCode' || err.code === 'CONFLICT' || err.code === 'NOT_FOUND')) {
          setError({ field: err.field ?? err.code, message: err.message })
          // A fix the function found too old (or from the future): read the position again.
          if (err.field === 'reading.at') setReading(null)
          if (err.code === 'CONFLICT') void reloadSession(true)
        } else {
          void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
        }
      } finally {
        busyRef.current = false
        setBusy(false)
      }
    },
    [reading, via, locate, reloadSession, setSession, coarseAccuracyM],
  )

  const handleScanned = useCallback(
    async (text: string) => {
      const s = parseScanned(text)
      if (s.kind === 'certificate') {
        void Taro.navigateTo({ url: `${ROUTES.verify}?code=${s.code}` })
        return
      }
      if (s.kind === 'unknown') {
        void Taro.showToast({ title: '无法识别这个二维码，请扫描驿站的签到码', icon: 'none', duration: 2500 })
        return
      }
      setError(null)
      setStationId(s.stationId)
      if (s.kind === 'station') {
        setVia('scan')
        return
      }
      try {
        const st = await loadStation(s.stationId)
        setStation(st)
        await checkIn(st, s.code)
      } catch (err) {
        setError({ field: 'kioskCode', message: errorMessage(err) })
      }
    },
    [checkIn],
  )

  // Opened from a kiosk code scanned on the volunteer home: check in with it straight away (it lives a minute).
  useEffect(() => {
    if (!kioskParam || kioskUsed.current || !ready || session || !station || station.id !== stationId) return
    kioskUsed.current = true
    void checkIn(station, kioskParam)
  }, [kioskParam, ready, session, station, stationId, checkIn])

  const scanKiosk = async () => {
    try {
      const text = await scan(true)
      if (text !== null) await handleScanned(text)
    } catch {
      void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
    }
  }

  const openSetting = async () => {
    if (await openLocationSetting()) void locate()
  }

  const relocate = () => {
    setError(null)
    void locate()
  }

  const chooseNearby = (id: string) => {
    setVia('nearby')
    setError(null)
    setStationId(id)
  }

  const finish = async () => {
    if (!session) return
    const result = await checkOut(session)
    if (result) {
      setSession(null)
      // Under a minute leaves no record: back to the station, as before checking in.
      if (result.status !== 'discarded') setDone(result)
    }
  }

  return {
    state,
    retry,
    session,
    stationId,
    station,
    stationError,
    via,
    reading,
    locating,
    problem,
    nearby,
    nearbyError,
    coarseAccuracyM,
    verdict,
    busy,
    error,
    done,
    checkingOut,
    now,
    locate,
    relocate,
    openSetting,
    checkIn,
    handleScanned,
    scanKiosk,
    chooseNearby,
    clearStation: () => setStationId(''),
    finish,
  }
}
