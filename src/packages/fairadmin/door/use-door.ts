// The door's work: who has come (the count and the latest), checking in a scanned or pasted entry
// code, finding someone by name or the mobile's last 4 digits, and letting them in by name after
// a confirmation. Each result, let in or refused, is said in plain words (and felt, on WeChat).
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { AdminSignupView, FairView } from '@contract/fair'
import { ENTRY_CODE } from '@contract/vocabulary'
import { call, CallError, errorMessage } from '@/services/cloud'
import { useSearchKeyword } from '@/components/ui/paged'
import { admitPrompt, doorQuery } from './find'

/** The latest check-ins shown under the scanner. */
const LATEST = 8

export type Result =
  | { kind: 'ok'; name: string; fairTitle: string; checkedInAt: string; positions: number; otherFair: boolean; byName: boolean }
  | { kind: 'refused'; title: string; message: string }

export type Found = { kind: 'idle' } | { kind: 'searching' } | { kind: 'ready'; keyword: string; items: AdminSignupView[]; total: number } | { kind: 'error'; message: string }

export type Attended = { total: number; latest: AdminSignupView[] }

/** A refusal's headline, from the function's message (which says the rest). */
export function headline(err: unknown): string {
  const m = err instanceof CallError ? err.message : ''
  if (/已过期/.test(m)) return '入场码已过期'
  if (/已使用/.test(m)) return '入场码已使用过'
  if (/已于.*签到/.test(m)) return '此人已签到'
  if (/今天不能签到/.test(m)) return '不是今天的对接会'
  if (/候补/.test(m)) return '候补中，未获得入场资格'
  if (/报名已取消/.test(m)) return '报名已取消'
  if (/对接会已取消/.test(m)) return '对接会已取消'
  if (/篡改|无效|不是乡青汇/.test(m)) return '入场码无效'
  if (err instanceof CallError && err.code === 'FORBIDDEN') return '无权签到'
  return '无法签到'
}

function vibrate(ok: boolean) {
  if (process.env.TARO_ENV !== 'weapp') return
  ;(ok ? Taro.vibrateShort({ type: 'medium' }) : Taro.vibrateLong()).catch(() => undefined)
}

/** `ready`: the caller's scope is known (nothing is fetched before). `fair`: the fair at the door, once loaded. */
export function useDoor(id: string, ready: boolean, fair: FairView | null) {
  const [attended, setAttended] = useState<Attended | null>(null)
  const [result, setResult] = useState<Result | null>(null)
  const [busy, setBusy] = useState(false)
  const [pasted, setPasted] = useState('')
  const search = useSearchKeyword()
  const [found, setFound] = useState<Found>({ kind: 'idle' })
  const [admitting, setAdmitting] = useState('')
  const searches = useRef(0)

  const fetchAttended = async () => {
    try {
      const res = await call('fair.signups', { fairId: id, attended: true, order: 'checkIn', pageSize: LATEST })
      setAttended({ total: res.total, latest: res.items })
    } catch {
      // The count is a convenience: the door works without it.
    }
  }

  useEffect(() => {
    if (ready && id) void fetchAttended()
  }, [ready, id])

  const checkIn = async (raw: string) => {
    const token = raw.trim()
    if (!token || busy) return
    if (!ENTRY_CODE.test(token)) {
      setResult({ kind: 'refused', title: '这不是入场码', message: '请扫描报名者在「入场码」页面出示的二维码。' })
      vibrate(false)
      return
    }
    setBusy(true)
    try {
      const res = await call('fair.checkIn', { token })
      setResult({ kind: 'ok', ...res, otherFair: !!fair && res.fairTitle !== fair.title, byName: false })
      setPasted('')
      vibrate(true)
      void fetchAttended()
    } catch (err) {
      setResult({ kind: 'refused', title: headline(err), message: errorMessage(err) })
      vibrate(false)
    } finally {
      setBusy(false)
    }
  }

  /** Finds sign-ups by part of a name or the mobile's last 4 digits. */
  const find = async (text: string) => {
    const mine = ++searches.current
    const q = doorQuery(text)
    if (q.kind === 'none') {
      setFound({ kind: 'idle' })
      return
    }
    if (q.kind === 'invalid') {
      setFound({ kind: 'error', message: q.message })
      return
    }
    setFound({ kind: 'searching' })
    try {
      const res = await call('fair.signups', { fairId: id, keyword: q.keyword, pageSize: 20 })
      // (only the latest search's answer is shown)
      if (mine === searches.current) setFound({ kind: 'ready', keyword: q.keyword, items: res.items, total: res.total })
    } catch (err) {
      if (mine === searches.current) setFound({ kind: 'error', message: errorMessage(err) })
    }
  }

  // Searches as the name is typed (after a pause), or at once on 搜索.
  useEffect(() => {
    if (ready && id) void find(search.keyword)
  }, [search.keyword, ready, id])

  /** Lets someone in by name, after the admin has checked who it is. */
  const admit = async (s: AdminSignupView) => {
    if (admitting || busy) return
    const { confirm } = await Taro.showModal({ title: '按姓名签到', content: admitPrompt(s), confirmText: '确认签到', confirmColor: '#d93a2b' })
    if (!confirm) return
    setAdmitting(s.id)
    try {
      const res = await call('fair.checkInByName', { signupId: s.id, reason: '手机无法出示入场码' })
      setResult({ kind: 'ok', ...res, otherFair: false, byName: true })
      setFound((f) => (f.kind === 'ready' ? { ...f, items: f.items.map((x) => (x.id === s.id ? { ...x, checkedInAt: res.checkedInAt, checkInMethod: 'name' } : x)) } : f))
      vibrate(true)
      void fetchAttended()
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    } catch (err) {
      setResult({ kind: 'refused', title: headline(err), message: errorMessage(err) })
      vibrate(false)
      void find(search.keyword)
    } finally {
      setAdmitting('')
    }
  }

  const scan = async () => {
    if (busy) return
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await checkIn(res.result || '')
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      void Taro.showToast({ title: '无法打开扫码，请检查相机权限', icon: 'none' })
    }
  }

  return { attended, fetchAttended, result, busy, pasted, setPasted, search, found, admitting, checkIn, admit, scan }
}

export type Door = ReturnType<typeof useDoor>
