// 核销优惠: the scanned code, checked (perk.verify): what to give and to whom, or why not, in
// plain Chinese, with the code's remaining life counted down live (from the server's count, so a
// phone with a wrong clock still counts right). When it runs out the page says 已过期 and
// 确认核销 is off; the life is checked again before the dialog and after it, so an expired code
// never gets as far as the dialog's refusal. 确认核销 asks once more, then records the
// redemption (perk.confirm) exactly once (the button is locked while it is on its way; the
// function refuses a second one anyway). The code arrives from the scan in memory (never in the URL).
import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { staffState } from '@/components/perk/gates'
import { scanPerkCode, TOKEN_KEY } from '@/components/perk/scan'
import { takeOver, useWho } from '@/components/perk/shared'
import { codeStatus, expiryOf } from './code-state'
import { CHECKING, Done, NoCode, NotDone, Valid, type Check } from './sections'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState, type PageState } from '@/components/ui/page-state'
import { goBackOr } from '@/services/navigation'

import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'

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
    if (!phase) return <NoCode onScan={() => void scanNext()} />
    if (phase.kind === 'done') return <Done phase={phase} onScan={() => void scanNext()} onRecords={toRecords} />
    if (phase.kind !== 'valid') return <NotDone phase={phase} onScan={() => void scanNext()} onAgain={() => void check.reload()} onHome={() => goBackOr(ROUTES.merchant)} />
    return <Valid scan={phase.scan} status={status} expired={expired} confirming={confirming} onScan={() => void scanNext()} onConfirm={() => void confirm()} />
  }

  return (
    <View className={`pk-page rd ${tone}`}>
      <PageStates gate={staff.state} state={shown} retry={() => void reload(true)} skeleton={staff.state.kind === 'ready' ? CHECKING : 2} denied={staff.denied}>
        {body}
      </PageStates>
    </View>
  )
}
