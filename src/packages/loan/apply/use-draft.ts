// The application being filled in: its fields, the step shown, what each field says (its own
// check once touched or once its step was tried, or what the function refused), and the draft
// saved a moment after typing stops (and when the page hides). Every change to the application
// goes through one queue (`serial`): each call is checked against the application's version, so
// two at once would refuse one another.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidHide, useUnload } from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { DOCUMENT_KINDS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { clock } from '@/components/ui/format'
import { changes, check, DEFAULT_CEILING_FEN, EMPTY, fieldsOf, firstIncompleteStep, isEmpty, payeeKey, STEPS, stepOf, type Errors, type Fields } from './draft'

export type SaveState = 'idle' | 'saving' | 'saved' | 'error'

const NO_STEP_TRIED = STEPS.map(() => false)

/** The line under the steps: what the draft's saving is doing. */
export function saveStatus(saving: SaveState, held: boolean, saved: boolean, savedAt: number): string {
  if (saving === 'saving') return '保存中…'
  if (saving === 'error') return '未保存，请检查标红的内容'
  // Invalid values are not saved (the rest is): say so once they are shown in red.
  if (held) return '标红的内容修改后才会保存'
  if (saving === 'saved' && saved) return `已保存 ${clock(savedAt)}`
  return saved ? '有修改，稍后自动保存' : '填写后自动保存草稿'
}

export function useLoanDraft() {
  const [detail, setDetailState] = useState<LoanDetail | null>(null)
  const [fields, setFields] = useState<Fields>(EMPTY)
  const [step, setStep] = useState(0)
  const [tried, setTried] = useState<boolean[]>(NO_STEP_TRIED)
  const [touched, setTouched] = useState<Record<string, boolean>>({})
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [saving, setSaving] = useState<SaveState>('idle')
  const [savedAt, setSavedAt] = useState(0)

  const detailRef = useRef<LoanDetail | null>(null)
  const fieldsRef = useRef(fields)
  fieldsRef.current = fields
  const dirty = useRef(false)
  const setDetail = useCallback((d: LoanDetail) => {
    detailRef.current = d
    setDetailState(d)
  }, [])

  const chain = useRef<Promise<unknown>>(Promise.resolve())
  const serial = useCallback(<T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(fn, fn)
    chain.current = next.catch(() => undefined)
    return next
  }, [])

  /** Opens a saved application: its fields, and the step it is taken up at. */
  const restore = useCallback(
    (d: LoanDetail) => {
      setDetail(d)
      setFields(fieldsOf(d))
      setSaving('saved')
      setSavedAt(Date.parse(d.updatedAt) || Date.now())
      // A returned application opens at its documents (what is usually asked for); a draft at its first gap.
      setStep(d.status === 'returned' ? 2 : firstIncompleteStep(fieldsOf(d), d))
    },
    [setDetail],
  )

  /** The draft was just created (by a first document): it counts as saved. */
  const created = useCallback(
    (d: LoanDetail) => {
      setDetail(d)
      setSavedAt(Date.now())
      setSaving('saved')
    },
    [setDetail],
  )

  const markError = useCallback((field: string, message: string) => setServerErrors((e) => ({ ...e, [field]: message })), [])
  const clearErrors = useCallback(
    (gone: (field: string) => boolean) =>
      setServerErrors((e) => {
        if (!Object.keys(e).some(gone)) return e
        const rest = { ...e }
        for (const k of Object.keys(rest)) if (gone(k)) delete rest[k]
        return rest
      }),
    [],
  )

  /** Saves what is filled in and valid (creating the draft if `create`); resolves to the application. */
  const save = useCallback(
    (create = false): Promise<LoanDetail | null> =>
      serial(async () => {
        const d = detailRef.current
        const { body } = check(fieldsRef.current, d?.ceilingFen ?? DEFAULT_CEILING_FEN)
        const input = changes(body, d)
        dirty.current = false
        if (isEmpty(input) && (d || !create)) return d
        setSaving('saving')
        try {
          const next = await call('loan.saveDraft', d ? { id: d.id, ...input } : input)
          setDetail(next)
          const savedPayee = next.payee
          if (input.payee && savedPayee) setFields((f) => ({ ...f, payeeSaved: payeeKey(savedPayee) }))
          setSaving('saved')
          setSavedAt(Date.now())
          // What was just saved is no longer wrong.
          clearErrors((k) => stepOf(k) === 0 || stepOf(k) === 1)
          return next
        } catch (err) {
          setSaving('error')
          if (err instanceof CallError && err.code === 'CONFLICT' && err.field === 'id') {
            void Taro.showModal({ title: '已有进行中的申请', content: err.message, showCancel: false, confirmText: '知道了' }).then(() => void Taro.redirectTo({ url: ROUTES.loan }))
          } else if (err instanceof CallError && err.field && stepOf(err.field) >= 0) {
            markError(err.field, err.message)
          } else void Taro.showToast({ title: errorMessage(err), icon: 'none' })
          throw err
        }
      }),
    [serial, setDetail, clearErrors, markError],
  )

  // Save a moment after typing stops (only the form sets `dirty`, so nothing saves before it opens).
  useEffect(() => {
    if (!dirty.current) return
    const t = setTimeout(() => void save().catch(() => undefined), 1200)
    return () => clearTimeout(t)
  }, [fields, save])
  const flush = () => {
    if (dirty.current) void save().catch(() => undefined)
  }
  useDidHide(flush)
  useUnload(flush)

  /** Sets a field of the form; `field` is the contract's name for it (what an error names). */
  const set = <K extends keyof Fields>(key: K, value: Fields[K], field: string) => {
    dirty.current = true
    setSaving((s) => (s === 'saving' ? s : 'idle'))
    setFields((f) => ({ ...f, [key]: value }))
    clearErrors((k) => k === field)
  }
  const touch = (field: string) => setTouched((t) => (t[field] ? t : { ...t, [field]: true }))
  const tryAll = () => setTried(STEPS.map(() => true))

  const ceiling = detail?.ceilingFen ?? DEFAULT_CEILING_FEN
  const checked = useMemo(() => check(fields, ceiling), [fields, ceiling])
  const errorOf = (field: string): string | undefined => {
    if (serverErrors[field]) return serverErrors[field]
    const s = stepOf(field)
    const show = touched[field] || (s >= 0 && tried[s])
    if (!show) return undefined
    return checked.invalid[field] || (s >= 0 && tried[s] ? checked.missing[field] : undefined)
  }

  const documents = detail?.documents ?? []
  const stepProblems = (s: number): string[] => {
    if (s === 2) return DOCUMENT_KINDS.filter((k) => !documents.some((d) => d.kind === k)).map((k) => `documents:${k}`)
    return [...Object.keys(checked.invalid), ...Object.keys(checked.missing), ...Object.keys(serverErrors)].filter((f) => stepOf(f) === s)
  }
  const stepDone = (s: number) => (s === STEPS.length - 1 ? false : stepProblems(s).length === 0)

  const goStep = async (next: number) => {
    if (next === step) return
    try {
      await save()
    } catch {
      // the field shows why; moving on is still allowed
    }
    setStep(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const nextStep = async () => {
    setTried((t) => t.map((v, i) => (i === step ? true : v)))
    const problems = stepProblems(step)
    if (problems.length > 0) {
      void Taro.showToast({ title: step === 2 ? '请上传三类申请材料' : '请先完善本步的信息', icon: 'none' })
      if (step !== 2) {
        const first = problems[0]
        void Taro.pageScrollTo({ selector: `#field-${first.replace(/\./g, '-')}`, offsetTop: -24, duration: 200 }).catch(() => undefined)
      }
      return
    }
    await goStep(step + 1)
  }

  const held = Object.keys(checked.invalid).some((f) => !!errorOf(f))
  const status = saveStatus(saving, held, !!detail, savedAt)

  return {
    detail,
    setDetail,
    detailRef,
    fieldsRef,
    fields,
    checked,
    ceiling,
    documents,
    step,
    tried,
    saving,
    held,
    status,
    serverErrors,
    serial,
    restore,
    created,
    save,
    set,
    touch,
    tryAll,
    errorOf,
    markError,
    clearErrors,
    stepDone,
    goStep,
    nextStep,
  }
}

export type LoanDraft = ReturnType<typeof useLoanDraft>
