// The 记录探访 form: its fields (the day, who went, each aspect's rating and note, the needs, the
// follow-ups), its check (types/care-rules.ts's visitIssues, the function's own rules without
// zod), and the send through the kit's useSubmit (the check, a confirmation, the function's
// refusal at its row).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { useSubmit, type RowErrors } from '@/components/ui/submit'
import { addDays, today } from '@/components/ui/format'
import { CARE_ASPECTS, visitIssues, type CareAspect, type VisitDraft } from '@contract/care-rules'

export type Fields = VisitDraft
export type FollowUpDraft = Fields['followUps'][number]

/** The form's rows in page order: the function's fields (a follow-up's row is followUps.<n>). */
export function rowsOf(followUps: number): string[] {
  return ['visitDate', 'visitors', ...CARE_ASPECTS.map((a) => `aspects.${a}`), 'needs', 'followUps', ...Array.from({ length: followUps }, (_x, i) => `followUps.${i}`)]
}

/** The row that shows a field the function (or the check) named: 'aspects.health.note' → 'aspects.health'. */
export function rowOfField(field: string): string | null {
  const parts = field.split('.')
  if (parts[0] === 'aspects' && parts[1]) return `aspects.${parts[1]}`
  if (parts[0] === 'followUps' && parts[1] !== undefined && /^\d+$/.test(parts[1])) return `followUps.${parts[1]}`
  return ['visitDate', 'visitors', 'needs', 'followUps'].includes(parts[0]) ? parts[0] : null
}

/** Names typed in one line, split at 、，, and spaces. */
export const splitNames = (text: string) => text.split(/[、，,\s]+/).map((s) => s.trim()).filter(Boolean)

/** The form's problems by row (the first at each). */
export function check(f: Fields, visitors: string, day = today()): RowErrors<string> {
  const e: RowErrors<string> = {}
  for (const issue of visitIssues({ ...f, visitors: splitNames(visitors) }, day)) {
    const row = rowOfField(issue.path.join('.'))
    if (row && !e[row]) e[row] = issue.message
  }
  return e
}

const blankAspects = () => Object.fromEntries(CARE_ASPECTS.map((a) => [a, { rating: '', note: '' }])) as Fields['aspects']

export function useVisitForm(volunteerId: string) {
  const [fields, setFields] = useState<Fields>({ visitDate: today(), visitors: [], aspects: blankAspects(), needs: '', followUps: [] })
  const [visitors, setVisitors] = useState('')
  const [done, setDone] = useState(false)
  const form = useSubmit(rowsOf(fields.followUps.length), rowOfField)
  const errors = check(fields, visitors)
  const errorOf = (row: string) => form.serverErrors[row] ?? (form.tried ? errors[row] : undefined)

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    form.clearError(String(key))
  }
  const setAspect = (a: CareAspect, patch: Partial<Fields['aspects'][CareAspect]>) => {
    setFields((f) => ({ ...f, aspects: { ...f.aspects, [a]: { ...f.aspects[a], ...patch } } }))
    form.clearError(`aspects.${a}`)
  }
  const setFollowUp = (i: number, patch: Partial<FollowUpDraft>) => {
    setFields((f) => ({ ...f, followUps: f.followUps.map((x, k) => (k === i ? { ...x, ...patch } : x)) }))
    form.clearError(`followUps.${i}`)
  }
  const addFollowUp = () => setFields((f) => ({ ...f, followUps: [...f.followUps, { text: '', owner: '', due: addDays(f.visitDate || today(), 14) }] }))
  const removeFollowUp = (i: number) => setFields((f) => ({ ...f, followUps: f.followUps.filter((_x, k) => k !== i) }))

  const submit = () =>
    form.submit({
      check: () => check(fields, visitors),
      confirm: async () =>
        (
          await Taro.showModal({
            title: '提交探访记录',
            content: '探访记录提交后不能修改（跟进事项可以随时标记办结）。记录只有志愿者所在镇街、县和团市委可以查看。',
            confirmText: '提交',
          })
        ).confirm,
      send: async () => {
        await call('care.record', {
          volunteerId,
          visitDate: fields.visitDate,
          visitors: splitNames(visitors),
          aspects: Object.fromEntries(CARE_ASPECTS.map((a) => [a, { rating: fields.aspects[a].rating, note: fields.aspects[a].note.trim() }])) as never,
          needs: fields.needs.trim(),
          followUps: fields.followUps.map((f) => ({ text: f.text.trim(), owner: f.owner.trim(), due: f.due })),
        })
        markChanged('care')
        setDone(true)
      },
    })

  return { fields, visitors, setVisitors: (v: string) => (setVisitors(v), form.clearError('visitors')), set, setAspect, setFollowUp, addFollowUp, removeFollowUp, errorOf, busy: form.busy, submit, done }
}

export type VisitForm = ReturnType<typeof useVisitForm>
