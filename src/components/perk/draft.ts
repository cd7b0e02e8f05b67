// A form's fields as the person edits them, with the messages to show at each row: the form's
// own check once a save was tried, and what the function said of a row until that row is edited
// (both from the kit's useSubmit).
import { useCallback, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react'
import type { RowErrors, Submit } from '@/components/ui/submit'

export interface Draft<F, Row extends string> {
  fields: F
  setFields: Dispatch<SetStateAction<F>>
  /** Sets a field and forgets what the function said of its row. */
  set: <K extends keyof F>(key: K, value: F[K]) => void
  /** The message at each row now. */
  shown: RowErrors<Row>
}

/** The messages at the rows: the check's (once tried), the function's over them where it spoke. */
export function shownErrors<Row extends string>(tried: boolean, checked: RowErrors<Row>, server: RowErrors<Row>): RowErrors<Row> {
  const shown: RowErrors<Row> = tried ? { ...checked } : {}
  for (const [row, message] of Object.entries(server) as [Row, string | undefined][]) if (message) shown[row] = message
  return shown
}

/** `rowOf` names the row a field stands in (e.g. lat and lng in 'location'). */
export function useDraft<F extends object, Row extends string>(initial: () => F, form: Submit<Row>, check: (fields: F) => RowErrors<Row>, rowOf: (key: keyof F) => Row): Draft<F, Row> {
  const [fields, setFields] = useState<F>(initial)
  const { clearError, tried, serverErrors } = form
  const rowOfRef = useRef(rowOf)
  rowOfRef.current = rowOf
  const set = useCallback(
    <K extends keyof F>(key: K, value: F[K]) => {
      setFields((f) => ({ ...f, [key]: value }))
      clearError(rowOfRef.current(key))
    },
    [clearError],
  )
  const shown = useMemo(() => shownErrors(tried, tried ? check(fields) : {}, serverErrors), [tried, fields, serverErrors, check])
  return { fields, setFields, set, shown }
}
