// The volunteer's side of a fair: the positions chosen (up to the fair's `maxPositions`), the
// résumé sheet with its consent, signing up (confirmed, or on the waiting list with a rank),
// changing the positions, and cancelling (the first waiting moves up). A refusal the person can
// act on (not allowed, full, a field) stays at the top of the page; anything else is a toast.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { FairView, PositionView, ResumeView } from '@contract/fair'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { markChanged } from '@/services/changes'

export type Resume = { kind: 'loading' } | { kind: 'ready'; resume: ResumeView } | { kind: 'error'; message: string; code: string }

/** What the page knows of the caller and the fair when it asks. */
export interface SignupCan {
  /** Signing up is open for this fair. */
  open: boolean
  /** An approved volunteer or rural youth. */
  applicant: boolean
  /** Positions may be chosen now (open, an applicant, not yet checked in). */
  selectable: boolean
}

export interface Signup {
  chosen: string[]
  /** Sets the chosen positions (loaded from my sign-up, or 撤销 back to it). */
  setChosen: (ids: string[]) => void
  sheet: boolean
  closeSheet: () => void
  resume: Resume
  consent: boolean
  toggleConsent: () => void
  busy: '' | 'signup' | 'cancel'
  refusal: string
  clearRefusal: () => void
  toggle: (p: PositionView) => void
  openSheet: () => Promise<void>
  signUp: () => Promise<void>
  cancel: () => Promise<void>
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))

/** The positions chosen differ from those I signed up for. */
export function choiceChanged(chosen: string[], fair: Pick<FairView, 'mine'> | null): boolean {
  return !!fair?.mine && !sameSet(chosen, fair.mine.positionIds)
}

/** `onFair` takes the fair as the function returns it after a sign-up or a cancellation. */
export function useSignup(fair: FairView | null, can: SignupCan, onFair: (fair: FairView) => void): Signup {
  const [chosen, setChosen] = useState<string[]>([])
  const [sheet, setSheet] = useState(false)
  const [resume, setResume] = useState<Resume>({ kind: 'loading' })
  const [consent, setConsent] = useState(false)
  const [busy, setBusy] = useState<'' | 'signup' | 'cancel'>('')
  const [refusal, setRefusal] = useState('')
  const mine = fair?.mine ?? null

  const toggle = (p: PositionView) => {
    if (!fair) return
    if (!can.selectable) {
      if (!can.applicant && can.open) void Taro.showToast({ title: '注册成为志愿者并通过审核后才能报名', icon: 'none' })
      return
    }
    setRefusal('')
    setChosen((c) => {
      if (c.includes(p.id)) return c.filter((x) => x !== p.id)
      if (c.length >= fair.maxPositions) {
        void Taro.showToast({ title: `本场每人最多选择 ${fair.maxPositions} 个岗位`, icon: 'none' })
        return c
      }
      return [...c, p.id]
    })
  }

  const openSheet = async () => {
    if (chosen.length === 0) {
      void Taro.showToast({ title: '请先在下方选择想应聘的岗位', icon: 'none' })
      return
    }
    setConsent(false)
    setSheet(true)
    if (resume.kind === 'ready') return
    setResume({ kind: 'loading' })
    try {
      setResume({ kind: 'ready', resume: await call('fair.resume', {}) })
    } catch (err) {
      setResume({ kind: 'error', message: errorMessage(err), code: err instanceof CallError ? err.code : '' })
    }
  }

  const signUp = async () => {
    if (!fair || busy) return
    if (!consent) {
      void Taro.showToast({ title: '请先勾选同意向用人单位提供简历', icon: 'none' })
      return
    }
    // Promotions from the waiting list, cancellations and the door's check-in are told by message:
    // asked inside the tap, answered before the sign-up goes ahead.
    setBusy('signup')
    await askForNotices(['review'])
    const wasMine = !!mine
    try {
      const res = await call('fair.signUp', { fairId: fair.id, positionIds: chosen, shareResume: true })
      onFair(res.fair)
      setChosen(res.signup.positionIds)
      setSheet(false)
      setRefusal('')
      markChanged('fairs')
      if (wasMine) {
        void Taro.showToast({ title: '已修改所选岗位', icon: 'success' })
      } else if (res.signup.status === 'confirmed') {
        void Taro.showModal({
          title: '报名成功',
          content: `你已报名「${fair.title}」，已选 ${res.signup.positionIds.length} 个岗位。对接会当天请凭「入场码」签到入场。`,
          showCancel: false,
          confirmText: '知道了',
          confirmColor: '#d93a2b',
        })
      } else {
        void Taro.showModal({
          title: `已进入候补（第 ${res.signup.waitingRank} 位）`,
          content: '本场名额已满。有人取消报名时按候补顺序递补，递补成功后会通知你，届时即可获得入场码。',
          showCancel: false,
          confirmText: '知道了',
          confirmColor: '#d93a2b',
        })
      }
    } catch (err) {
      setSheet(false)
      if (err instanceof CallError && (err.code === 'FORBIDDEN' || err.code === 'CONFLICT' || err.field)) {
        setRefusal(err.message)
        void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
      } else {
        void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      }
    } finally {
      setBusy('')
    }
  }

  const cancel = async () => {
    if (!fair || !mine || busy) return
    const { confirm } = await Taro.showModal({
      title: mine.status === 'confirmed' ? '取消报名' : '退出候补',
      content:
        mine.status === 'confirmed'
          ? '取消后你的名额将让给候补第一位（系统自动递补并通知对方）。如再次报名，需要重新排队，名额已满时进入候补。'
          : `你目前是候补第 ${mine.waitingRank} 位。退出后排在你后面的人依次前移，如再次报名将排到候补末位。`,
      confirmText: mine.status === 'confirmed' ? '取消报名' : '退出候补',
      cancelText: '再想想',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('cancel')
    try {
      const res = await call('fair.cancel', { fairId: fair.id })
      onFair(res.fair)
      setChosen([])
      markChanged('fairs')
      void Taro.showToast({ title: mine.status === 'confirmed' ? '已取消报名' : '已退出候补', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy('')
    }
  }

  return {
    chosen,
    setChosen,
    sheet,
    closeSheet: () => setSheet(false),
    resume,
    consent,
    toggleConsent: () => setConsent((c) => !c),
    busy,
    refusal,
    clearRefusal: () => setRefusal(''),
    toggle,
    openSheet,
    signUp,
    cancel,
  }
}
