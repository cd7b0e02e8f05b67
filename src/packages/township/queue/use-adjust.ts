// 调整时长's form: the credited minutes (checked as typed) and the reason; 确认 checks both, sends
// service.adjust, and shows the function's refusal of a field under the dialog's fields (a dialog
// has no rows to scroll to, so the kit's useSubmit, which scrolls and toasts, does not fit here).
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { call, CallError, errorMessage } from '@/services/cloud'
import { minutesOf, minutesProblem, reasonProblem } from './adjust-rules'
import type { Item } from './rules'

export type AdjustField = 'minutes' | 'reason'
export interface AdjustProblem {
  field: AdjustField
  message: string
}

export interface AdjustForm {
  minutes: string
  setMinutes: (typed: string) => void
  reason: string
  setReason: (text: string) => void
  /** The minutes typed, when they are good (else NaN). */
  value: number
  valid: boolean
  /** The problem to show: the last 确认's, or a figure typed that is out of bounds. */
  shown: AdjustProblem | null
  busy: boolean
  confirm: () => Promise<void>
}

export function useAdjust(item: Item | null, onDone: (item: Item) => Promise<void>): AdjustForm {
  const [minutes, setMinutesState] = useState('')
  const [reason, setReasonState] = useState('')
  const [problem, setProblem] = useState<AdjustProblem | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  useEffect(() => {
    if (item) {
      setMinutesState(String(item.adjustedMinutes ?? item.minutes))
      setReasonState('')
      setProblem(null)
      setBusy(false)
    }
  }, [item])

  const typedProblem = minutesProblem(minutes, item)
  const valid = typedProblem === ''
  const value = minutesOf(minutes)
  // Typing is checked as it goes: a figure beyond the record is said at once, not after 确认.
  const shown = problem ?? (minutes.trim() !== '' && !valid ? { field: 'minutes' as const, message: typedProblem } : null)

  const setMinutes = (typed: string) => {
    setMinutesState(typed.replace(/\D/g, ''))
    setProblem((p) => (p?.field === 'minutes' ? null : p))
  }
  const setReason = (text: string) => {
    setReasonState(text)
    if (text.trim().length >= 2) setProblem((p) => (p?.field === 'reason' ? null : p))
  }

  const confirm = async () => {
    if (!item || sending.current) return
    if (!valid) {
      setProblem({ field: 'minutes', message: typedProblem })
      return
    }
    const reasonWrong = reasonProblem(reason)
    if (reasonWrong) {
      setProblem({ field: 'reason', message: reasonWrong })
      return
    }
    sending.current = true
    setBusy(true)
    try {
      const updated = await call('service.adjust', { id: item.id, minutes: value, reason: reason.trim() })
      await onDone(updated)
    } catch (err) {
      if (err instanceof CallError && (err.field === 'minutes' || err.field === 'reason')) setProblem({ field: err.field, message: err.message })
      else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return { minutes, setMinutes, reason, setReason, value, valid, shown, busy, confirm }
}
