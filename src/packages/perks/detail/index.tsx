// 优惠详情 (?id=): the perk (picture, what it gives, terms, limits, validity, the shop and the
// way there) and whether the volunteer may use it now. 出示优惠码 shows the code the merchant
// scans: a QR code of a signed token that lives a minute, drawn on a canvas, replaced while it
// still has 30 s to live (code-clock.ts), with the volunteer's masked name, star and a countdown
// of the shown code's life; the screen stays on and bright
// meanwhile (WeChat). When the merchant confirms, the page sees the redemption and says 已核销.
import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { PERK_CODE_SECONDS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { decodeParam, loadDivisions } from '@/components/admin/shared'
import { QrCanvas } from '@/components/perk/QrCanvas'
import { minStarLabel } from '@/components/perk/shared'
import { Limits, MinStar, PerkPicture, Stars } from '@/components/perk/ui'
import { clockOf, countdownText, dueForRefresh, RETRY_MS, scannable, secondsLeft as lifeLeft, type CodeClock } from './code-clock'
import { Button } from '@/components/ui/Button'
import { Skeleton } from '@/components/ui/StateView'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { chineseDate, friendlyTime } from '@/components/ui/format'
import { markChanged } from '@/services/changes'

import './index.scss'

type CodeOut = OutputOf<'perk.code'>

/** A code and its clock (this phone's ms: when to fetch the next one, when this one dies). */
type Code = CodeOut & CodeClock

type Show = { phase: 'opening' } | { phase: 'code'; code: Code; problem: string } | { phase: 'redeemed'; at: string }

const isWeapp = process.env.TARO_ENV === 'weapp'
/** How often the page looks for the merchant's confirmation while the code is shown. */
const POLL_MS = 3000

// ---- the screen while a code is shown (WeChat only; the web has no such APIs) ------------------

let savedBrightness: number | null = null

function screenForCode(on: boolean) {
  if (!isWeapp) return
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
  if (on) {
    Taro.getScreenBrightness()
      .then((res) => {
        if (savedBrightness === null) savedBrightness = res.value
        return Taro.setScreenBrightness({ value: Math.max(res.value, 0.9) })
      })
      .catch(() => undefined)
  } else if (savedBrightness !== null) {
    Taro.setScreenBrightness({ value: savedBrightness }).catch(() => undefined)
    savedBrightness = null
  }
}

function onCapture() {
  void Taro.showToast({ title: '截图的优惠码无效，请在店内当场出示', icon: 'none', duration: 2500 })
}

/** How the page refuses someone who is no volunteer: the way to become one. */
const VOLUNTEERS_ONLY: DeniedLook = {
  className: 'detail-gate',
  title: '爱心商家优惠是志愿者专享',
  text: '注册成为乡村振兴志愿者并通过审核后，即可凭优惠码享受爱心商家礼遇。',
  action: { text: '注册成为志愿者', onClick: () => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` }) },
}

const NO_SUCH_PERK = { title: '没有找到这项优惠', action: { text: '查看全部优惠', onClick: () => void Taro.redirectTo({ url: ROUTES.perks }) } }

/** Names of the counties a perk is limited to ('' when it is open to all). */
function useCountyNames(codes: string[] | undefined): string {
  const [names, setNames] = useState('')
  const key = (codes ?? []).join(',')
  useEffect(() => {
    if (!key) {
      setNames('')
      return
    }
    let live = true
    loadDivisions()
      .then((d) => live && setNames(key.split(',').map((c) => d.counties.find((x) => x.code === c)?.name ?? c).join('、')))
      .catch(() => live && setNames(''))
    return () => {
      live = false
    }
  }, [key])
  return names
}

export default function PerkDetail() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, retry, setData } = usePageState(() => {
    if (!id) throw new CallError({ code: 'NOT_FOUND', message: '缺少优惠编号，请从优惠列表进入' })
    return call('perk.detail', { id })
  }, [id])
  const [show, setShow] = useState<Show | null>(null)
  const showRef = useRef(show)
  showRef.current = show
  const [now, setNow] = useState(Date.now())
  const visible = useRef(true)
  const fetching = useRef(false)
  /** Server time the first code of this showing was made: a redemption after it is this one. */
  const issuedAt = useRef(0)
  const perk = state.kind === 'ready' ? state.data : null
  const counties = useCountyNames(perk?.counties)

  /** The perk again after its code was used or refused (its limits changed), keeping the page (and the 已核销 sheet) if that fails. */
  const refreshPerk = useCallback(() => {
    if (!id) return
    call('perk.detail', { id })
      .then((p) => setData(() => p))
      .catch(() => undefined)
  }, [id, setData])

  const closeCode = useCallback(() => {
    setShow(null)
    screenForCode(false)
  }, [])

  /** Gets a (new) code; refusals end the showing and say why. */
  const fetchCode = useCallback(async () => {
    if (fetching.current || !id) return
    fetching.current = true
    const started = Date.now()
    try {
      const out = await call('perk.code', { perkId: id })
      if (!issuedAt.current) issuedAt.current = Date.parse(out.expiresAt) - PERK_CODE_SECONDS * 1000
      const code: Code = { ...out, ...clockOf(out, PERK_CODE_SECONDS, started) }
      setNow(Date.now())
      setShow((s) => (s && s.phase !== 'redeemed' ? { phase: 'code', code, problem: '' } : s))
    } catch (err) {
      const transient = !(err instanceof CallError) || err.code === 'NETWORK' || err.code === 'INTERNAL' || err.code === 'RATE_LIMITED'
      if (transient && showRef.current?.phase === 'opening') {
        closeCode()
        void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      } else if (transient) {
        // Keep the current code until it expires; try again shortly.
        setShow((s) => (s?.phase === 'code' ? { ...s, code: { ...s.code, refreshAt: Date.now() + RETRY_MS }, problem: errorMessage(err) } : s))
      } else {
        closeCode()
        void Taro.showModal({ title: '暂时不能出示优惠码', content: errorMessage(err), showCancel: false, confirmText: '知道了', confirmColor: '#d93a2b' })
        refreshPerk()
      }
    } finally {
      fetching.current = false
    }
  }, [id, closeCode, refreshPerk])

  const openCode = async () => {
    if (!perk?.eligible || show) return
    // Told when the merchant confirms: asked inside the tap (the code opens behind the question,
    // so a second tap finds it open), and the code fetched once it is answered.
    const asked = askForNotices(['review'])
    issuedAt.current = 0
    setShow({ phase: 'opening' })
    screenForCode(true)
    await asked
    void fetchCode()
  }

  const showing = show?.phase === 'code' || show?.phase === 'opening'

  // The clock of the countdown, and the refresh before expiry.
  useEffect(() => {
    if (!showing) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [showing])
  useEffect(() => {
    if (show?.phase === 'code' && visible.current && dueForRefresh(show.code, now)) void fetchCode()
  }, [now, show, fetchCode])

  // Looks (lightly) for the merchant's confirmation while the code is shown.
  const perkId = perk?.id ?? ''
  useEffect(() => {
    if (!showing || !perkId) return
    let live = true
    let timer: ReturnType<typeof setTimeout>
    const look = async () => {
      if (live && visible.current && issuedAt.current) {
        try {
          const { items } = await call('perk.myRedemptions', { page: 1, pageSize: 5 })
          const mine = items.find((r) => r.perkId === perkId && Date.parse(r.at) >= issuedAt.current - 1000)
          if (live && mine) {
            setShow({ phase: 'redeemed', at: mine.at })
            screenForCode(false)
            markChanged('perks', 'records')
            void Taro.vibrateShort?.({ type: 'medium' }).catch(() => undefined)
            refreshPerk()
            return
          }
        } catch {
          // try again at the next look
        }
      }
      if (live) timer = setTimeout(() => void look(), POLL_MS)
    }
    timer = setTimeout(() => void look(), POLL_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [showing, perkId, refreshPerk])

  // Screenshots of a code are useless (it expires and is single-use): say so (WeChat).
  useEffect(() => {
    if (!isWeapp || !showing) return
    try {
      Taro.onUserCaptureScreen(onCapture)
    } catch {
      return
    }
    return () => {
      try {
        Taro.offUserCaptureScreen(onCapture)
      } catch {
        // nothing to undo
      }
    }
  }, [showing])

  useDidHide(() => {
    visible.current = false
    const phase = showRef.current?.phase
    if (phase === 'code' || phase === 'opening') screenForCode(false)
  })
  useDidShow(() => {
    if (visible.current) return
    visible.current = true
    const current = showRef.current
    if (current?.phase === 'code') {
      // Back on the page: a fresh code at once (the shown one may be about to expire).
      screenForCode(true)
      setShow({ ...current, code: { ...current.code, refreshAt: 0 } })
      setNow(Date.now())
    }
  })
  useUnload(() => screenForCode(false))

  const navigate = () => {
    if (!perk?.location) return
    Taro.openLocation({ latitude: perk.location.lat, longitude: perk.location.lng, name: perk.merchantName, address: perk.address, scale: 16 }).catch(() => undefined)
  }

  const code = show?.phase === 'code' ? show.code : null
  const secondsLeft = code ? lifeLeft(code, now) : 0
  const shown = !!code && scannable(code, now)
  const placeholder = (
    <>
      <View className='detail-ghost' />
      <Skeleton count={2} />
    </>
  )

  return (
    <View className={`pk-page${perk ? ' pk-page--with-bar detail' : ''}`}>
      <PageStates state={state} retry={retry} skeleton={placeholder} denied={VOLUNTEERS_ONLY} notFound={NO_SUCH_PERK}>
        {(p) => (
          <>
            <PerkPicture url={p.pictureUrl} category={p.category} className='detail__pic' label={p.pictureUrl ? undefined : p.merchantName} />

            <View className='detail-head'>
              <Text className='detail-head__title'>{p.title}</Text>
              <View className='detail-head__merchant'>
                <Text className='detail-head__name'>{p.merchantName}</Text>
                <Text className='detail-head__category'>{p.category}</Text>
              </View>
              <View className='detail-head__tags'>
                <MinStar minStar={p.minStar} />
                {counties && <Text className='detail-head__county'>限{counties}志愿者</Text>}
              </View>
              <View className={`pk-note ${p.eligible ? 'pk-note--ok' : 'pk-note--warn'} detail-head__eligibility`}>
                <Text className='pk-note__icon'>{p.eligible ? '✓' : '!'}</Text>
                <Text className='pk-note__text'>{p.eligible ? '你可以使用这项优惠：到店后点「出示优惠码」，由店员扫码核销。' : p.reason}</Text>
              </View>
            </View>

            <View className='pk-card'>
              <View className='pk-card__title'>
                <Text>优惠内容</Text>
              </View>
              <Text className='pk-card__text'>{p.description}</Text>
              {p.terms ? (
                <>
                  <View className='pk-card__title detail__subtitle'>
                    <Text>使用说明</Text>
                  </View>
                  <Text className='pk-card__text'>{p.terms}</Text>
                </>
              ) : null}
            </View>

            <View className='pk-card'>
              <View className='pk-card__title'>
                <Text>使用限制</Text>
              </View>
              <Limits perDay={p.perDay} perMonth={p.perMonth} quota={p.quota} redeemed={p.redeemed} />
              <View className='detail-rows'>
                <View className='detail-row'>
                  <Text className='detail-row__label'>有效期</Text>
                  <Text className='detail-row__value'>
                    {chineseDate(p.validFrom)} 至 {chineseDate(p.validTo)}
                  </Text>
                </View>
                <View className='detail-row'>
                  <Text className='detail-row__label'>星级要求</Text>
                  <Text className='detail-row__value'>{minStarLabel(p.minStar)}</Text>
                </View>
                <View className='detail-row'>
                  <Text className='detail-row__label'>适用地区</Text>
                  <Text className='detail-row__value'>{p.counties.length ? counties || '部分县（市、区）' : '全市志愿者'}</Text>
                </View>
              </View>
            </View>

            <View className='pk-card detail-shop'>
              <View className='pk-card__title'>
                <Text>商家地址</Text>
                {isWeapp && p.location && (
                  <Text className='pk-card__link' onClick={navigate}>
                    导航到店 ›
                  </Text>
                )}
              </View>
              <Text className='detail-shop__name'>{p.merchantName}</Text>
              <Text className='detail-shop__address'>{p.address}</Text>
            </View>

            <View className='pk-card detail-links'>
              <View className='detail-links__item' hoverClass='detail-links__item--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.perkRecords })}>
                <Text>我的优惠使用记录</Text>
                <Text className='detail-links__arrow'>›</Text>
              </View>
            </View>

            <View className='pk-bar-bottom'>
              {!p.eligible && p.reason ? <Text className='pk-bar-bottom__hint'>{p.reason}</Text> : null}
              <Button className='detail__show' disabled={!p.eligible} onClick={openCode}>
                {p.eligible ? '出示优惠码' : '暂不可用'}
              </Button>
            </View>

            {show && (
              <View className='code-sheet'>
                <View className='code-sheet__inner'>
                  <View className='code-sheet__ticket'>
                    <View className='code-sheet__head'>
                      <Text className='code-sheet__merchant'>{p.merchantName}</Text>
                      <Text className='code-sheet__title'>{p.title}</Text>
                    </View>
                    <View className='code-sheet__cut'>
                      <View className='code-sheet__notch code-sheet__notch--l' />
                      <View className='code-sheet__dash' />
                      <View className='code-sheet__notch code-sheet__notch--r' />
                    </View>

                    {show.phase === 'redeemed' ? (
                      <View className='code-sheet__done'>
                        <View className='code-sheet__check'>
                          <Text>✓</Text>
                        </View>
                        <Text className='code-sheet__done-title'>已核销</Text>
                        <Text className='code-sheet__done-text'>店员已确认，{friendlyTime(show.at)} 核销成功。感谢你的志愿服务！</Text>
                        <View className='code-sheet__done-actions'>
                          <Button kind='outline' className='code-sheet__records' onClick={() => void Taro.navigateTo({ url: ROUTES.perkRecords })}>
                            查看使用记录
                          </Button>
                          <Button className='code-sheet__finish' onClick={closeCode}>
                            完成
                          </Button>
                        </View>
                      </View>
                    ) : (
                      <View className='code-sheet__body'>
                        <View className='code-sheet__qr-wrap'>
                          {code ? <QrCanvas id='perk-code-qr' text={code.token} className='code-sheet__qr' /> : <View className='code-sheet__qr code-sheet__qr--ghost' />}
                          {!shown && (
                            <View className='code-sheet__veil'>
                              <Text>{code ? '正在换新的优惠码…' : '正在生成优惠码…'}</Text>
                            </View>
                          )}
                        </View>
                        <View className='code-sheet__who'>
                          <Text className='code-sheet__name'>{code?.volunteerName ?? ' '}</Text>
                          {code && <Stars star={code.star} className='code-sheet__stars' />}
                          {code && <Text className='code-sheet__level'>{code.star > 0 ? `${code.star} 星志愿者` : '志愿者'}</Text>}
                        </View>
                        <View className='code-sheet__timer'>
                          <View className='code-sheet__track'>
                            <View className='code-sheet__fill' style={{ width: `${code ? Math.min(100, (secondsLeft / PERK_CODE_SECONDS) * 100) : 0}%` }} />
                          </View>
                          <Text className='code-sheet__seconds'>{code ? countdownText(secondsLeft) : '请稍候'}</Text>
                        </View>
                        {show.phase === 'code' && show.problem ? <Text className='code-sheet__problem'>{show.problem}，正在重试…</Text> : null}
                        <Text className='code-sheet__note'>请向店员出示，由店员扫码核销。每个码只能用一次，截图无效。</Text>
                      </View>
                    )}
                  </View>
                  {show.phase !== 'redeemed' && (
                    <View className='code-sheet__close' hoverClass='code-sheet__close--pressed' onClick={closeCode}>
                      <Text>收起优惠码</Text>
                    </View>
                  )}
                </View>
              </View>
            )}
          </>
        )}
      </PageStates>
    </View>
  )
}
