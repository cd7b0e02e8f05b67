// A fair form's fields and its send (the fair's own form and the employer's position form): the
// fields, an edit that forgets what the function said of the rows it touches, each row's message
// (the function's first, then the form's own check once a save was asked for), and the save
// through the kit's useSubmit — the check's request is what is sent.
import { useState } from 'react'
import { useSubmit, type RowErrors } from '@/components/ui/submit'

/** A form's own check: each row's message, and the request once there are none. */
export type FormCheck<Fields, Row extends string, Input> = (fields: Fields) => { errors: RowErrors<Row>; input?: Input }

export interface CheckedForm<Fields, Row extends string, Input> {
  fields: Fields
  setFields: (next: Fields | ((f: Fields) => Fields)) => void
  /** Sets one field; `rows` are the rows whose refusal by the function it answers. */
  set: <K extends keyof Fields>(key: K, value: Fields[K], ...rows: Row[]) => void
  /** Forgets what the function said of these rows. */
  clear: (...rows: Row[]) => void
  errorOf: (row: Row) => string | undefined
  busy: boolean
  /** Checks, asks `confirm` (false stops quietly), sends the checked request; true when sent. */
  save: (send: (input: Input) => Promise<void>, confirm?: (input: Input) => Promise<boolean>) => Promise<boolean>
}

export function useCheckedForm<Fields, Row extends string, Input>(
  initial: Fields | (() => Fields),
  rows: readonly Row[],
  rowOfField: (field: string) => Row | null,
  check: FormCheck<Fields, Row, Input>,
): CheckedForm<Fields, Row, Input> {
  const [fields, setFields] = useState<Fields>(initial)
  const submit = useSubmit(rows, rowOfField)
  const ownErrors: RowErrors<Row> = submit.tried ? check(fields).errors : {}

  const clear = (...cleared: Row[]) => cleared.forEach(submit.clearError)
  const set = <K extends keyof Fields>(key: K, value: Fields[K], ...cleared: Row[]) => {
    setFields((f) => ({ ...f, [key]: value }))
    clear(...cleared)
  }

  const save = (send: (input: Input) => Promise<void>, confirm?: (input: Input) => Promise<boolean>) => {
    // The check runs first (inside submit); the request it made is the one confirmed and sent.
    let input: Input | undefined
    return submit.submit({
      check: () => {
        const checked = check(fields)
        input = checked.input
        return checked.errors
      },
      confirm: confirm && (() => confirm(input as Input)),
      send: () => send(input as Input),
    })
  }

  return { fields, setFields, set, clear, errorOf: (row) => submit.serverErrors[row] || ownErrors[row] || undefined, busy: submit.busy, save }
}
