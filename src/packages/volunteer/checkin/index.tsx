// 驿站签到: opened by a station's 小程序码 (`?scene=st%3D<id>`), by `?stationId=` (after a scan on
// the volunteer home, `&kiosk=<code>` when it was the station's rotating code), or with nothing
// (choose from the stations nearby). Shows the station and its opening hours, reads the location,
// previews the fence with the functions' own rule, checks in with a fresh fix and when it was
// taken (one request id per attempt) and, while the session runs, shows the time and 签退.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Tag } from '@/components/ui/Tag'
import { fenceVerdict, FIX_MAX_AGE_SECONDS, stationOpenAt } from '@contract/service-rules'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { DevPanel } from '../shared/DevPanel'
import { LocationProblem, openLocationSetting, readLocation, type Reading } from '@/services/location'
import { decodeTwice, newRequestId, parseScanned, scan, stationIdFromParams } from '../shared/scan'
import { FlagList, NOT_VOLUNTEER, StatusTag } from '../shared/ui'
import { loadStation, useCheckOut, useCoarseAccuracyM, useNow, verdictFor, type SessionView, type StationView, type Verdict } from '../shared/volunteer'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { clock, distance, duration, elapsed } from '@/components/ui/format'
import { markChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

type Via = 'scan' | 'kiosk' | 'nearby'

/**
 * A reading older than this is read again before checking in: the function takes a fix (without
 * a kiosk code) only up to FIX_MAX_AGE_SECONDS old, and the request takes time to get there.
 */
const FRESH_MS = (FIX_MAX_AGE_SECONDS * 1000) / 2

/** Back to the volunteer home: the page below, or (opened from a code) a fresh one. */
function goHome() {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && String(below.route ?? '').includes('packages/volunteer/index/index')) void Taro.navigateBack()
  else void Taro.redirectTo({ url: ROUTES.volunteer })
}

function LocationCard({
  station,
  reading,
  verdict,
  locating,
  problem,
  onLocate,
  onSetting,
}: {
  station: StationView | null
  reading: Reading | null
  verdict: Verdict | null
  locating: boolean
  problem: LocationProblem | null
  onLocate: () => void
  onSetting: () => void
}) {
  if (locating && !reading) {
    return (
      <View className='ck-loc ck-loc--locating'>
        <View className='ck-loc__spinner' />
        <Text className='ck-loc__title'>正在获取你的位置…</Text>
      </View>
    )
  }
  if (problem) {
    return (
      <View className='ck-loc ck-loc--problem' data-problem={problem.kind}>
        <View className='ck-loc__row'>
          <View className='ck-loc__mark ck-loc__mark--warn'>
            <Text>!</Text>
          </View>
          <View className='ck-loc__main'>
            <Text className='ck-loc__title'>{problem.title}</Text>
            <Text className='ck-loc__detail'>{problem.detail}</Text>
          </View>
        </View>
        <View className='ck-loc__actions'>
          {problem.canOpenSetting && (
            <Button small kind='primary' className='ck-loc__setting' onClick={onSetting}>
              去设置开启
            </Button>
          )}
          <Button small kind='outline' className='ck-loc__retry' busy={locating} onClick={onLocate}>
            重新定位
          </Button>
        </View>
      </View>
    )
  }
  if (!reading) return null
  if (!station || !verdict) {
    return (
      <View className='ck-loc ck-loc--plain'>
        <Text className='ck-loc__detail'>已定位 · 精度约 ±{reading.accuracy} 米</Text>
        <Text className='ck-loc__relocate' onClick={onLocate}>
          {locating ? '定位中…' : '重新定位'}
        </Text>
      </View>
    )
  }
  const edge = verdict.inside && verdict.flags.includes('edge_of_fence')
  const coarse = verdict.inside && verdict.flags.includes('coarse_location')
  const tone = !verdict.inside ? 'out' : edge || coarse ? 'edge' : 'in'
  return (
    <View className={`ck-loc ck-loc--${tone}`} data-verdict={tone}>
      <View className='ck-loc__row'>
        <View className={`ck-loc__mark ck-loc__mark--${tone}`}>
          <Text>{tone === 'in' ? '✓' : tone === 'edge' ? '!' : '✕'}</Text>
        </View>
        <View className='ck-loc__main'>
          <Text className='ck-loc__title'>{tone === 'in' ? '你在签到范围内' : tone === 'edge' ? (edge ? '你在签到范围边缘' : '定位精度较低') : '不在签到范围内'}</Text>
          <Text className='ck-loc__detail'>
            {verdict.inside
              ? `距驿站约 ${distance(verdict.distanceM)}，签到范围 ${station.radiusM} 米，定位精度 ±${reading.accuracy} 米。`
              : `距驿站约 ${distance(verdict.distanceM)}，超出 ${station.radiusM} 米的签到范围（定位精度 ±${reading.accuracy} 米）。到达驿站后请重新定位。`}
            {edge ? '签到记录会标注「定位在范围边缘」，供审核参考。' : ''}
            {coarse ? '建议到室外空旷处重新定位；记录会标注「定位精度低」。' : ''}
          </Text>
        </View>
      </View>
      <View className='ck-loc__foot'>
        <Text className='ck-loc__time'>定位于 {clock(reading.at)}</Text>
        <Text className='ck-loc__relocate' onClick={onLocate}>
          {locating ? '定位中…' : '重新定位'}
        </Text>
      </View>
    </View>
  )
}

export default function CheckIn() {
  const { params } = useRouter()
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
  const [error, setError] = useState<{ field: string; message: string } | null>(null)
  const [done, setDone] = useState<SessionView | null>(null)
  const requestId = useRef<string | null>(null)
  const busyRef = useRef(false)
  const kioskUsed = useRef(false)
  const shownOnce = useRef(false)
  const { busy: checkingOut, checkOut } = useCheckOut()
  const now = useNow(!!session)
  const coarseAccuracyM = useCoarseAccuracyM(ready)

  // ---- loading ------------------------------------------------------------------------------

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

  // The station shown: the one the page was opened for, the one chosen, or (while a session runs) its own.
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

  // Read the location once the page may be used (and again on 重新定位).
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

  // ---- check-in -----------------------------------------------------------------------------------

  const checkInAt = useCallback(
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

  /** What the camera (or, in development, the pasted text) read. */
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
        await checkInAt(st, s.code)
      } catch (err) {
        setError({ field: 'kioskCode', message: errorMessage(err) })
      }
    },
    [checkInAt],
  )

  // Opened from a kiosk code scanned on the volunteer home: check in with it straight away (it lives a minute).
  useEffect(() => {
    if (!kioskParam || kioskUsed.current || !ready || session || !station || station.id !== stationId) return
    kioskUsed.current = true
    void checkInAt(station, kioskParam)
  }, [kioskParam, ready, session, station, stationId, checkInAt])

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

  const finish = async () => {
    if (!session) return
    const result = await checkOut(session)
    if (result) {
      setSession(null)
      // Under a minute leaves no record: back to the station, as before checking in.
      if (result.status !== 'discarded') setDone(result)
    }
  }

  // ---- rendering --------------------------------------------------------------------------------

  const devPanel =
    process.env.TARO_APP_DEV_TOOLS === 'true' && process.env.TARO_ENV === 'h5' ? (
      <DevPanel
        station={station}
        onLocationChange={() => {
          setError(null)
          void locate()
        }}
        onScanned={(t) => void handleScanned(t)}
      />
    ) : null

  if (done) {
    const pending = done.status === 'pending'
    return (
      <View className='vol-page checkin'>
        <View className='ck-done' data-status={done.status}>
          <View className={`ck-done__mark${pending ? '' : ' ck-done__mark--warn'}`}>
            <Text>{pending ? '✓' : '!'}</Text>
          </View>
          <Text className='ck-done__title'>{pending ? '已签退' : '已签退，待核实'}</Text>
          <Text className='ck-done__station'>{done.stationName}</Text>
          <View className='ck-done__facts'>
            <View className='ck-done__fact'>
              <Text className='ck-done__label'>服务时间</Text>
              <Text className='ck-done__value'>
                {clock(done.checkInAt)}–{clock(done.checkOutAt)}
              </Text>
            </View>
            <View className='ck-done__fact'>
              <Text className='ck-done__label'>本次时长</Text>
              <Text className='ck-done__value ck-done__value--strong'>{duration(done.minutes)}</Text>
            </View>
            <View className='ck-done__fact'>
              <Text className='ck-done__label'>状态</Text>
              <StatusTag status={done.status} />
            </View>
          </View>
          <FlagList flags={done.flags} />
          <Text className='ck-done__note'>
            {pending
              ? `已提交${done.townshipName}团委审核，审核通过后计入服务时长，结果会通过微信服务通知告诉你。`
              : `这条记录需要${done.townshipName}团委核实后才能计入服务时长。`}
          </Text>
        </View>
        <Button className='checkin__to-hours' onClick={() => void Taro.redirectTo({ url: ROUTES.hours })}>
          查看服务记录
        </Button>
        <View className='vol-gap' />
        <Button kind='plain' className='checkin__to-home' onClick={goHome}>
          返回志愿服务
        </Button>
      </View>
    )
  }

  return (
    <View className='vol-page checkin'>
      <PageStates state={state} retry={retry} skeleton={2} denied={NOT_VOLUNTEER}>
        {(session) => {
          // A session is running: its time, its station, 签退.
          if (session) {
            const elsewhere = !!stationId && stationId !== session.stationId
            return (
              <>
                {elsewhere && (
                  <View className='form-banner form-banner--pending checkin__elsewhere'>
                    <View className='form-banner__icon'>
                      <Text className='form-banner__icon-text'>!</Text>
                    </View>
                    <View className='form-banner__main'>
                      <Text className='form-banner__title'>你还有未签退的服务</Text>
                      <Text className='form-banner__text'>请先在「{session.stationName}」签退，再到新的驿站签到。</Text>
                    </View>
                  </View>
                )}
                <View className='ck-live' data-session={session.id}>
                  <View className='ck-live__top'>
                    <View className='ck-live__badge'>
                      <View className='ck-live__dot' />
                      <Text>服务中</Text>
                    </View>
                    <Text className='ck-live__since'>{clock(session.checkInAt)} 签到</Text>
                  </View>
                  <Text className='ck-live__elapsed'>{elapsed(now - Date.parse(session.checkInAt))}</Text>
                  <Text className='ck-live__label'>已服务时长</Text>
                  <View className='ck-live__station'>
                    <Text className='ck-live__name'>{session.stationName}</Text>
                    <Text className='ck-live__place'>{station ? station.address : session.townshipName}</Text>
                  </View>
                  <FlagList flags={session.flags} />
                  <Button className='ck-live__checkout' busy={checkingOut} onClick={() => void finish()}>
                    {checkingOut ? '正在签退…' : '签退'}
                  </Button>
                </View>
                <Text className='form-note checkin__note'>
                  离开驿站时请签退：签退时会再次读取位置。不在驿站范围内也可以签退，但记录会被标注，由镇街团委核实。忘记签退的服务会在当天结束时自动结束并交由镇街团委核实。
                </Text>
                {devPanel}
              </>
            )
          }

          // No station chosen: the stations nearby.
          if (!stationId) {
            return (
              <>
                <View className='checkin__hero'>
                  <Text className='checkin__hero-title'>选择驿站签到</Text>
                  <Text className='checkin__hero-lead'>到达驿站后，扫描驿站张贴的签到码，或在下面选择你所在的驿站。</Text>
                  {process.env.TARO_ENV === 'weapp' && (
                    <View className='checkin__hero-scan' hoverClass='checkin__hero-scan--pressed' onClick={() => void scanKiosk()}>
                      <Text>扫描签到码</Text>
                    </View>
                  )}
                </View>
                <LocationCard station={null} reading={reading} verdict={null} locating={locating} problem={problem} onLocate={() => void locate()} onSetting={() => void openSetting()} />
                {reading && (
                  <View className='vol-card checkin__nearby'>
                    <View className='vol-card__head'>
                      <Text className='vol-card__title'>附近的驿站</Text>
                      <Text className='vol-card__extra'>按距离排序</Text>
                    </View>
                    {nearbyError ? (
                      <View className='checkin__nearby-error'>
                        <Text>{nearbyError}</Text>
                        <Text className='checkin__link' onClick={() => void locate()}>
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
                          <View
                            key={s.id}
                            className='ck-station'
                            data-station={s.id}
                            hoverClass='ck-station--pressed'
                            onClick={() => {
                              setVia('nearby')
                              setError(null)
                              setStationId(s.id)
                            }}
                          >
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
                {devPanel}
              </>
            )
          }

          // A station: where it is, where you are, 签到.
          const closed = !!station && !stationOpenAt(station, Date.now())
          return (
            <>
              {station ? (
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
              ) : stationError ? (
                <StateView tone='warn' title='没有找到这个驿站' desc={stationError} className='checkin__missing'>
                  <Button kind='outline' onClick={() => setStationId('')}>
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
                  <LocationCard
                    station={station}
                    reading={reading}
                    verdict={verdict}
                    locating={locating}
                    problem={problem}
                    onLocate={() => {
                      setError(null)
                      void locate()
                    }}
                    onSetting={() => void openSetting()}
                  />

                  {error && (
                    <View className='checkin__error' data-error-for={error.field}>
                      <Text className='checkin__error-dot'>!</Text>
                      <Text className='checkin__error-text'>{error.message}</Text>
                    </View>
                  )}

                  <Button className='checkin__submit' busy={busy} disabled={!station.active || (locating && !reading)} onClick={() => void checkInAt(station)}>
                    {busy ? '正在签到…' : station.active ? '签到' : '驿站已停用'}
                  </Button>
                  {process.env.TARO_ENV === 'weapp' && (
                    <Button kind='outline' className='checkin__kiosk' disabled={busy || !station.active} onClick={() => void scanKiosk()}>
                      扫描现场签到码
                    </Button>
                  )}
                  {via === 'nearby' && (
                    <Text className='checkin__change' onClick={() => setStationId('')}>
                      不是这个驿站？重新选择
                    </Text>
                  )}
                  <Text className='form-note checkin__note'>
                    签到时会读取一次你的位置，确认你在驿站附近（{station.radiusM} 米内）。离开时请记得签退，服务时长经镇街团委审核通过后计入。
                  </Text>
                </>
              )}
              {devPanel}
            </>
          )
        }}
      </PageStates>
    </View>
  )
}
