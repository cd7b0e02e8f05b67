// How a form sends what the person filled in: one send at a time (a second tap while one is under
// way does nothing), the form's own check first (the contract's rules, each problem at its row,
// the first row scrolled into view), an optional confirmation, and a refusal from the function
// shown at the row of the field it names, or as a toast when no row shows that field.
import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { showSaveError, stopMessage, type FormVerb } from '@/services/forms'
import { scrollToField } from '@/services/navigation'

export type RowErrors<Row extends string> = Partial<Record<Row, string>>

export interface SubmitRun {
  /** The form's own check: rows with a message stop the send (computed now, from the fields). */
  check?: () => RowErrors<string>
  /** Asked after the check and before the send (e.g. a modal); false stops quietly. */
  confirm?: () => Promise<boolean> | boolean
  send: () => Promise<void>
}

export interface Submit<Row extends string> {
  /** A send is under way. */
  busy: boolean
  /** A send was asked for and has not gone through yet: forms show their own check's messages meanwhile. */
  tried: boolean
  /** What the function said of a field, at its row, until that field is edited. */
  serverErrors: RowErrors<Row>
  /** Forgets what the function said of a row (its field was edited). */
  clearError: (row: Row) => void
  /** Shows a message at a row (e.g. a failed location fix). */
  markError: (row: Row, message: string) => void
  /** Runs the steps; true when sent. */
  submit: (run: SubmitRun) => Promise<boolean>
}

/** The rows a check stopped at, in the form's order. */
export function rowsWithErrors<Row extends string>(errors: RowErrors<string>, rows: readonly Row[]): Row[] {
  return rows.filter((r) => errors[r])
}

export interface SubmitOptions {
  /** The word the toasts use: 请按提示修改后再保存 / 再提交. */
  verb?: FormVerb
  /** Where a refusal that names no row goes (a banner the form keeps); a toast otherwise. */
  elsewhere?: (message: string) => void
}

/**
 * `rows` in the order they stand on the page (the first with a problem is scrolled to);
 * `rowOfField` takes a field as the function names it ('location.lat') to the row that shows it.
 */
export function useSubmit<Row extends string>(rows: readonly Row[], rowOfField: (field: string) => Row | null, options: SubmitOptions = {}): Submit<Row> {
  const [busy, setBusy] = useState(false)
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<RowErrors<Row>>({})
  // A state update lands only on the next render: a double tap must be refused before it.
  const sending = useRef(false)
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  const rowOfFieldRef = useRef(rowOfField)
  rowOfFieldRef.current = rowOfField
  const optionsRef = useRef(options)
  optionsRef.current = options

  const markError = useCallback((row: Row, message: string) => setServerErrors((e) => ({ ...e, [row]: message })), [])
  const clearError = useCallback((row: Row) => setServerErrors((e) => (e[row] === undefined ? e : { ...e, [row]: undefined })), [])

  const submit = useCallback(async (run: SubmitRun) => {
    if (sending.current) return false
    setTried(true)
    const stopped = run.check ? rowsWithErrors(run.check(), rowsRef.current) : []
    if (stopped.length > 0) {
      scrollToField(stopped[0])
      void Taro.showToast({ title: stopMessage(stopped.length, optionsRef.current.verb), icon: 'none' })
      return false
    }
    sending.current = true
    try {
      if (run.confirm && !(await run.confirm())) return false
      setBusy(true)
      await run.send()
      // What was sent passed: the form starts clean (a form that stays on screen shows no stale messages).
      setServerErrors({})
      setTried(false)
      return true
    } catch (err) {
      showSaveError(err, rowOfFieldRef.current, markError, optionsRef.current)
      return false
    } finally {
      sending.current = false
      setBusy(false)
    }
  }, [markError])

  return { busy, tried, serverErrors, clearError, markError, submit }
}
