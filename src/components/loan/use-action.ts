// One of the loan action forms (the bank's decide, disburse, repay; the city's subsidy payment): its values, what its check or the
// function says of each field (forgotten once that field changes), and the send — the form's
// check (its messages at the fields), a confirmation, one send at a time (the kit's useSubmit),
// then a refusal at the field it names or, naming none, a modal after which the application is
// read again (someone may have changed it meanwhile).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { CallError, errorMessage } from '@/services/cloud'
import { useSubmit } from '@/components/ui/submit'

export type Errors = Record<string, string>

/** What a form's check found: the messages by field, or what it will send. */
export type Checked<T> = { errors: Errors; ready?: undefined } | { errors: Record<string, never>; ready: T }

export interface ActionRun<T> {
  check: () => Checked<T>
  confirm: (ready: T) => Taro.showModal.Option
  send: (ready: T) => Promise<void>
  /** The modal's title when the function refuses without naming a field (未能提交, 未能登记). */
  failTitle: string
}

/** Forgets a field's error once the field changes. */
export const without = (field: string) => (e: Errors): Errors => {
  if (!e[field]) return e
  const rest = { ...e }
  delete rest[field]
  return rest
}

/** The check's result: its messages, or (when there are none) what to send. */
export function checked<T>(errors: Errors, ready: () => T): Checked<T> {
  return Object.keys(errors).length > 0 ? { errors } : { errors: {}, ready: ready() }
}

// The forms' rows are not scrolled to (each form is short and its submit is under its fields).
const NO_ROWS: readonly string[] = []
const noRow = () => null

export function useLoanForm<V extends object>(initial: V | (() => V), onStale: () => void) {
  const [values, setValues] = useState<V>(initial)
  const [errors, setErrors] = useState<Errors>({})
  const { busy, submit } = useSubmit(NO_ROWS, noRow)

  /** A value's onChange: sets it and forgets what was said of its field (`field`, by default its name). */
  const change =
    <K extends keyof V>(key: K, field: string = String(key)) =>
    (value: V[K]) => {
      setValues((v) => ({ ...v, [key]: value }))
      setErrors(without(field))
    }

  const run = async <T>({ check, confirm, send, failTitle }: ActionRun<T>): Promise<boolean> => {
    const found = check()
    setErrors(found.errors)
    if (found.ready === undefined) return false
    const ready = found.ready
    let sent = false
    await submit({
      confirm: async () => (await Taro.showModal(confirm(ready))).confirm,
      send: async () => {
        try {
          await send(ready)
          sent = true
        } catch (err) {
          if (err instanceof CallError && err.field) setErrors({ [err.field]: err.message })
          else {
            void Taro.showModal({ title: failTitle, content: errorMessage(err), showCancel: false, confirmText: '知道了' })
            onStale()
          }
        }
      },
    })
    return sent
  }

  return { values, setValues, change, errors, setErrors, busy, run }
}

/** What each of the bank's action forms is given. */
export interface FormProps {
  d: LoanDetail
  onDone: (d: LoanDetail) => void
  /** Someone changed the application meanwhile: read it again. */
  onStale: () => void
}
