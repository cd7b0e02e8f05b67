// The registration being filled in, kept on the phone as a draft: saved a moment after each edit
// and when the page is hidden or closed, restored over the registration when it is newer. Never
// the ID number (and the consents are not fields): see components/account/drafts.ts.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidHide, useUnload } from '@tarojs/taro'
import type { MyRegistration, RegistrationKind } from '@contract/registration'
import { clearDraft, readDraft, writeDraft } from '@/components/account/drafts'
import { EMPTY, fromRegistration, type Fields } from './form'

/** What a draft keeps: everything but the ID number. */
export type Draft = Omit<Fields, 'idNumber'> & { savedAt: number }

/** How long typing may pause before the draft is written. */
export const DRAFT_DELAY_MS = 400

/**
 * The fields the form starts with: the registration (if any), under the draft when the draft is
 * newer than its last submit; the ID number is always the registration's.
 */
export function startingFields(reg: MyRegistration | null, draft: Draft | null): { fields: Fields; restored: boolean } {
  const base = reg ? fromRegistration(reg) : EMPTY
  const restored = !!draft && (!reg || draft.savedAt > Date.parse(reg.submittedAt))
  if (!draft || !restored) return { fields: base, restored }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { savedAt, ...kept } = draft
  return { fields: { ...base, ...kept, idNumber: base.idNumber }, restored }
}

function keepDraft(kind: RegistrationKind, f: Fields) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { idNumber, ...rest } = f
  writeDraft(kind, rest)
}

export interface RegistrationDraft {
  fields: Fields
  /** Changes fields as the person typed them (the draft follows). */
  edit: (patch: Partial<Fields>) => void
  /** Starts the form from the registration and the kept draft; true when the draft was restored. */
  start: (reg: MyRegistration | null) => boolean
  /** Throws the draft away: the form is the registration again (or empty). */
  discard: (reg: MyRegistration | null) => void
  /** The registration was sent: nothing left to keep. */
  sent: () => void
}

export function useRegistrationDraft(kind: RegistrationKind): RegistrationDraft {
  const [fields, setFields] = useState<Fields>(EMPTY)
  // Only what the person changed is kept: a form just loaded is not a draft.
  const dirty = useRef(false)
  const fieldsRef = useRef(fields)
  fieldsRef.current = fields
  const timer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => {
    if (!dirty.current) return
    timer.current = setTimeout(() => keepDraft(kind, fields), DRAFT_DELAY_MS)
    return () => clearTimeout(timer.current)
  }, [fields, kind])
  const flush = () => {
    if (dirty.current) keepDraft(kind, fieldsRef.current)
  }
  useDidHide(flush)
  useUnload(flush)

  const edit = useCallback((patch: Partial<Fields>) => {
    dirty.current = true
    setFields((f) => ({ ...f, ...patch }))
  }, [])
  const start = useCallback(
    (reg: MyRegistration | null) => {
      const { fields: next, restored } = startingFields(reg, readDraft<Draft>(kind))
      setFields(next)
      return restored
    },
    [kind],
  )
  const discard = useCallback(
    (reg: MyRegistration | null) => {
      clearTimeout(timer.current)
      clearDraft(kind)
      dirty.current = false
      setFields(reg ? fromRegistration(reg) : EMPTY)
    },
    [kind],
  )
  const sent = useCallback(() => {
    // A write still waiting for a pause in typing must not bring the sent form back.
    clearTimeout(timer.current)
    dirty.current = false
    clearDraft(kind)
  }, [kind])

  return { fields, edit, start, discard, sent }
}
