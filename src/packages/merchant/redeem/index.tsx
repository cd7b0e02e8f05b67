// 核销优惠: the scanned code, checked (perk.verify): what to give and to whom, or why not, in
// plain Chinese, with the code's remaining life counted down live (from the server's count, so a
// phone with a wrong clock still counts right). When it runs out the page says 已过期 and
// 确认核销 is off; the life is checked again before the dialog and after it, so an expired code
// never gets as far as the dialog's refusal. 确认核销 asks once more, then records the
// redemption (perk.confirm) exactly once (the button is locked while it is on its way; the
// function refuses a second one anyway). The code arrives from the scan in memory (never in the URL).
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { PERK_CODE_SECONDS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { staffState } from '@/components/perk/gates'
import { scanPerkCode, TOKEN_KEY } from '@/components/perk/scan'
import { takeOver, useWho, type ScanView } from '@/components/perk/shared'
import { Stars } from '@/components/perk/ui'
import { codeStatus, countdownRatio, countdownText, expiryOf } from './code-state'
import { Button } from '@/components/ui/Button'
import { Skeleton } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState, type PageState } from '@/components/ui/page-state'
import { dateTime } from '@/components/ui/format'
import { goBackOr } from '@/services/navigation'

import './index.scss'

type Redemption = OutputOf<'perk.confirm'>
/** Where the scanned code stands: checked (valid or refused), or confirmed (done, or no answer). */
type Check =
  /** `expiresAt`: when the code dies, on this phone's clock. */
  | { kind: 'valid'; scan: ScanView; expiresAt: number }
  | { kind: 'refused'; reason: string; scan: ScanView | null }
  | { kind: 'unknown'; scan: ScanView }
  | { kind: 'done'; redemption: Redemption; scan: ScanView }

const isWeapp = process.env.TARO_ENV === 'weapp'

/** While the code is being checked. */
const CHECKING = (
  <>
    <View className='rd-checking'>
      <View className='rd-checking__spinner' />
      <Text className='rd-checking__text'>正在核验优惠码…</Text>
    </View>
    <Skeleton count={1} />
  </>
)

function Ticket({ scan, children, tone }: { scan: ScanView; children?: ReactNode; tone: 'valid' | 'expired' | 'refused' | 'done' }) {
  return (
    <View className={`rd-ticket rd-ticket--${tone}`}>
      <Text className='rd-ticket__label'>{tone === 'refused' || tone === 'expired' ? '扫到的优惠' : '请为志愿者提供'}</Text>
      <Text className='rd-ticket__perk'>{scan.perkTitle}</Text>
      {scan.terms ? <Text className='rd-ticket__terms'>{scan.terms}</Text> : null}
      <View className='rd-ticket__who'>
        <Text className='rd-ticket__who-label'>志愿者</Text>
        <Text className='rd-ticket__name'>{scan.volunteerName}</Text>
        <Stars star={scan.star} className='rd-ticket__stars' />
        <Text className='rd-ticket__level'>{scan.star > 0 ? `${scan.star} 星` : '未定级'}</Text>
      </View>
      {children}
    </View>
  )
}

export default function Redeem() {
  const { state: whoState, reload } = useWho()
  const staff = staffState(whoState)
  const [token, setToken] = useState(() => takeOver<string>(TOKEN_KEY) ?? '')
  const [now, setNow] = useState(Date.now())
  const [confirming, setConfirming] = useState(false)
  const busy = useRef(false)

  // The code, checked (perk.verify) once the caller is known to be staff: a refusal, or a failed
  // check, is said in the page's own words with the way on (继续扫码).
  const check = usePageState(
    async (): Promise<Check> => {
      try {
        const sentAt = Date.now()
        const scan = await call('perk.verify', { token })
        setNow(Date.now())
        if (!scan.valid) void Taro.vibrateLong?.().catch(() => undefined)
        return scan.valid ? { kind: 'valid', scan, expiresAt: expiryOf(scan.secondsLeft, sentAt) } : { kind: 'refused', reason: scan.reason, scan }
      } catch (err) {
        return { kind: 'refused', reason: errorMessage(err), scan: null }
      }
    },
    [token],
    staff.state.kind === 'ready' && !!token,
  )
  const phase = check.state.kind === 'ready' ? check.state.data : null
  const setPhase = (next: Check) => check.setData(() => next)
  /** No code handed over: the page says how to scan one. */
  const shown: PageState<Check | null> = token ? check.state : { kind: 'ready', data: null }

  // The code's remaining life, counted down while it waits for 确认核销 (a half-second tick, so
  // the count never lags a whole second behind).
  const expiresAt = phase?.kind === 'valid' ? phase.expiresAt : 0
  const status = codeStatus(expiresAt, now)
  const live = phase?.kind === 'valid' && status.kind === 'live'
  useEffect(() => {
    if (!live) return
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(timer)
  }, [live])
  const expiredRef = useRef(false)
  useEffect(() => {
    const expired = phase?.kind === 'valid' && !live
    if (expired && !expiredRef.current) void Taro.vibrateLong?.().catch(() => undefined)
    expiredRef.current = expired
  }, [phase?.kind, live])

  const confirm = async () => {
    if (busy.current || phase?.kind !== 'valid') return
    const scan = phase.scan
    const before = codeStatus(phase.expiresAt, Date.now())
    setNow(Date.now())
    if (before.kind === 'expired') return
    busy.current = true
    try {
      const answer = await Taro.showModal({
        title: '确认核销',
        content: `确认已为志愿者 ${scan.volunteerName} 提供「${scan.perkTitle}」？核销后不能撤销。（优惠码还剩约 ${before.left} 秒）`,
        confirmText: '确认核销',
        confirmColor: '#d93a2b',
      })
      if (!answer.confirm) return
      // The dialog may have stayed open past the code's life: checked again, nothing sent if so.
      setNow(Date.now())
      if (codeStatus(phase.expiresAt, Date.now()).kind === 'expired') {
        void Taro.showToast({ title: '优惠码已过期，请志愿者出示新码后重新扫码', icon: 'none', duration: 2500 })
        return
      }
      setConfirming(true)
      const redemption = await call('perk.confirm', { token })
      setPhase({ kind: 'done', redemption, scan })
      void Taro.vibrateShort?.({ type: 'medium' }).catch(() => undefined)
    } catch (err) {
      // A lost answer may have been recorded: do not let the staff give the perk twice.
      if (err instanceof CallError && err.code === 'NETWORK') setPhase({ kind: 'unknown', scan })
      else setPhase({ kind: 'refused', reason: errorMessage(err), scan })
    } finally {
      busy.current = false
      setConfirming(false)
    }
  }

  /** The next code: WeChat's camera here; on the web, the home page's paste field. */
  const scanNext = async () => {
    if (!isWeapp) {
      goBackOr(ROUTES.merchant)
      return
    }
    const next = await scanPerkCode()
    if (!next) return
    if (next === token) void check.reload()
    else setToken(next)
  }

  const toRecords = () => void Taro.redirectTo({ url: ROUTES.merchantRecords })

  // (while the confirmation is on its way the code counts as live: the server decides)
  const expired = status.kind === 'expired' && !confirming
  const tone = !phase ? '' : phase.kind === 'done' ? 'rd--done' : phase.kind === 'valid' ? `pk-page--with-bar ${expired ? 'rd--expired' : 'rd--valid'}` : 'rd--refused'

  const body = (phase: Check | null) => {
    if (!phase) {
      return (
        <>
          <View className='rd-state'>
            <View className='rd-state__mark rd-state__mark--muted'>
              <Text>?</Text>
            </View>
            <Text className='rd-state__title'>没有待核销的优惠码</Text>
            <Text className='rd-state__text'>请在商家工作台点「扫码核销」，扫描志愿者出示的优惠码。</Text>
          </View>
          <View className='rd-actions'>
            <Button onClick={() => void scanNext()}>{isWeapp ? '扫码核销' : '返回商家工作台'}</Button>
          </View>
        </>
      )
    }

    if (phase.kind === 'done') {
      return (
        <>
          <View className='rd-state'>
            <View className='rd-state__mark rd-state__mark--ok'>
              <Text>✓</Text>
            </View>
            <Text className='rd-state__title'>核销成功</Text>
            <Text className='rd-state__text'>{dateTime(phase.redemption.at, '', true)} 已记录，志愿者会收到核销通知。</Text>
          </View>
          <Ticket scan={phase.scan} tone='done' />
          <View className='rd-actions'>
            <Button className='rd-next' onClick={() => void scanNext()}>
              继续扫码
            </Button>
            <Button kind='plain' className='rd-records' onClick={toRecords}>
              查看今日核销
            </Button>
          </View>
        </>
      )
    }

    if (phase.kind === 'refused' || phase.kind === 'unknown') {
      const unknown = phase.kind === 'unknown'
      return (
        <>
          <View className='rd-state'>
            <View className={`rd-state__mark ${unknown ? 'rd-state__mark--warn' : 'rd-state__mark--error'}`}>
              <Text>{unknown ? '!' : '✕'}</Text>
            </View>
            <Text className='rd-state__title'>{unknown ? '没有收到核销结果' : '无法核销'}</Text>
            <Text className='rd-state__reason'>
              {unknown ? '网络不稳定，这次核销可能已经记录。请先不要重复提供优惠，点「重新核验」查看这个码的状态。' : phase.kind === 'refused' ? phase.reason : ''}
            </Text>
          </View>
          {phase.scan && <Ticket scan={phase.scan} tone='refused' />}
          <View className='rd-actions'>
            {unknown ? (
              <Button className='rd-again' onClick={() => void check.reload()}>
                重新核验
              </Button>
            ) : (
              <Button className='rd-next' onClick={() => void scanNext()}>
                继续扫码
              </Button>
            )}
            <Button kind='plain' onClick={() => goBackOr(ROUTES.merchant)}>
              返回商家工作台
            </Button>
          </View>
        </>
      )
    }

    const scan = phase.scan
    return (
      <>
        <View className={`rd-valid ${expired ? 'rd-valid--expired' : ''}`}>
          <View className='rd-valid__mark'>
            <Text>{expired ? '!' : '✓'}</Text>
          </View>
          <Text className='rd-valid__text'>{expired ? '优惠码已过期' : '优惠码有效'}</Text>
        </View>
        <Ticket scan={scan} tone={expired ? 'expired' : 'valid'}>
          <View className={`rd-ticket__expires ${expired ? 'rd-ticket__expires--dead' : status.kind === 'live' && status.soon ? 'rd-ticket__expires--soon' : ''}`}>
            <View className='rd-ticket__track'>
              <View className='rd-ticket__fill' style={{ width: `${Math.round(countdownRatio(status, PERK_CODE_SECONDS) * 100)}%` }} />
            </View>
            <Text className='rd-ticket__countdown'>{countdownText(status)}</Text>
          </View>
        </Ticket>
        <Text className='rd-hint'>{expired ? '过期的优惠码不能核销。志愿者的页面会自动换新码，请重新扫码。' : '请核对志愿者姓名与优惠内容，提供优惠后再确认核销。'}</Text>
        <View className='pk-bar-bottom'>
          <View className='pk-bar-bottom__row'>
            <Button kind={expired ? 'primary' : 'outline'} className='pk-bar-bottom__btn rd-cancel' disabled={confirming} onClick={() => void scanNext()}>
              {isWeapp ? '重新扫码' : '返回'}
            </Button>
            <Button kind={expired ? 'outline' : 'primary'} className='pk-bar-bottom__btn rd-confirm' busy={confirming} disabled={expired} onClick={() => void confirm()}>
              {confirming ? '正在核销…' : expired ? '已过期' : '确认核销'}
            </Button>
          </View>
        </View>
      </>
    )
  }

  return (
    <View className={`pk-page rd ${tone}`}>
      <PageStates gate={staff.state} state={shown} retry={() => void reload(true)} skeleton={staff.state.kind === 'ready' ? CHECKING : 2} denied={staff.denied}>
        {body}
      </PageStates>
    </View>
  )
}
