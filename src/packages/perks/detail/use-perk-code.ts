// The perk code a volunteer shows: 出示优惠码 opens it (notices asked for inside the tap), a new
// signed code replaces it while the shown one still has time (code-clock.ts), a refusal ends the
// showing and says why, a network slip keeps the shown code and tries again. While it is shown the
// page looks lightly for the merchant's confirmation and then says 已核销. Leaving the page pauses
// all of it; coming back fetches a fresh code at once.
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { PERK_CODE_SECONDS } from '@contract/vocabulary'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { markChanged } from '@/services/changes'
import { clockOf, dueForRefresh, RETRY_MS, scannable, secondsLeft as lifeLeft, type CodeClock } from './code-clock'
import { screenForCode, warnOnCapture } from './screen'

/** A code and its clock (this phone's ms: when to fetch the next one, when this one dies). */
export type Code = OutputOf<'perk.code'> & CodeClock

export type Show = { phase: 'opening' } | { phase: 'code'; code: Code; problem: string } | { phase: 'redeemed'; at: string }

/** How often the page looks for the merchant's confirmation while the code is shown. */
export const POLL_MS = 3000

/** Refusals that may pass (the network, the function, too many asks): worth another try. */
export function isTransient(err: unknown): boolean {
  return !(err instanceof CallError) || err.code === 'NETWORK' || err.code === 'INTERNAL' || err.code === 'RATE_LIMITED'
}

export interface PerkCode {
  show: Show | null
  /** The code on screen (null while opening or after 已核销). */
  code: Code | null
  /** Whole seconds the shown code has left. */
  secondsLeft: number
  /** Whether the code may be scanned (else a veil says a new one is coming). */
  scannable: boolean
  openCode: () => Promise<void>
  closeCode: () => void
}

/**
 * `perk`: the perk as loaded (null while loading); `refreshPerk` loads it again after its code was
 * used or refused (its limits changed).
 */
export function usePerkCode(id: string, perk: { id: string; eligible: boolean } | null, refreshPerk: () => void): PerkCode {
  const [show, setShow] = useState<Show | null>(null)
  const showRef = useRef(show)
  showRef.current = show
  const [now, setNow] = useState(Date.now())
  const visible = useRef(true)
  const fetching = useRef(false)
  /** Server time the first code of this showing was made: a redemption after it is this one. */
  const issuedAt = useRef(0)

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
      const transient = isTransient(err)
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

  useEffect(() => warnOnCapture(showing), [showing])

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

  const code = show?.phase === 'code' ? show.code : null
  return { show, code, secondsLeft: code ? lifeLeft(code, now) : 0, scannable: !!code && scannable(code, now), openCode, closeCode }
}
