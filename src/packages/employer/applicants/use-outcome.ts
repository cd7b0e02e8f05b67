// Recording an outcome for one of a person's positions: only for someone confirmed and checked in
// at the door; 已录用 and 未录用 are confirmed first; the answer (the choice, and the mobile now
// shown) goes back into the list.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { ApplicantView } from '@contract/fair'
import { OUTCOME_LABELS, type Outcome } from '@contract/vocabulary'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'

export type Choice = ApplicantView['choices'][number]

export interface Editing {
  applicant: ApplicantView
  choice: Choice
  outcome: Outcome | null
  note: string
}

type Answer = { signupId: string; mobile: string; checkedIn: boolean; choices: Choice[] }

/** The list with the function's answer in place of the applicant it names. */
export function withAnswer(items: ApplicantView[], res: Answer, positionId: string): ApplicantView[] {
  const updated = res.choices.find((c) => c.positionId === positionId)
  return items.map((a) => (a.signupId === res.signupId ? { ...a, mobile: res.mobile || a.mobile, checkedIn: res.checkedIn, choices: a.choices.map((c) => (updated && c.positionId === updated.positionId ? updated : c)) } : a))
}

/** `setItems` changes the list of applicants in place. */
export function useOutcome(setItems: (update: (items: ApplicantView[]) => ApplicantView[]) => void) {
  const [editing, setEditing] = useState<Editing | null>(null)
  const [saving, setSaving] = useState(false)

  const start = (applicant: ApplicantView, choice: Choice) => {
    if (applicant.status !== 'confirmed') {
      void Taro.showToast({ title: '候补中：递补成功后才能登记结果', icon: 'none' })
      return
    }
    if (!applicant.checkedIn) {
      void Taro.showToast({ title: '签到入场后才能登记结果', icon: 'none' })
      return
    }
    setEditing({ applicant, choice, outcome: choice.outcome, note: choice.note })
  }

  const change = (part: Partial<Pick<Editing, 'outcome' | 'note'>>) => setEditing((e) => (e ? { ...e, ...part } : e))

  const save = async () => {
    if (!editing || saving) return
    if (!editing.outcome) {
      void Taro.showToast({ title: '请选择结果', icon: 'none' })
      return
    }
    const outcome = editing.outcome
    if (outcome === 'hired' || outcome === 'declined') {
      const { confirm } = await Taro.showModal({
        title: outcome === 'hired' ? '确认录用' : '确认不予录用',
        content:
          outcome === 'hired'
            ? `登记 ${editing.applicant.resume.name} 已被「${editing.choice.positionTitle}」录用？录用结果将计入对接会就业统计。`
            : `登记 ${editing.applicant.resume.name} 未被「${editing.choice.positionTitle}」录用？`,
        confirmText: '确认登记',
        confirmColor: '#d93a2b',
      })
      if (!confirm) return
    }
    setSaving(true)
    try {
      const res = await call('fair.recordOutcome', { signupId: editing.applicant.signupId, positionId: editing.choice.positionId, outcome, note: editing.note.trim() })
      setItems((items) => withAnswer(items, res, editing.choice.positionId))
      markChanged('employer-home')
      setEditing(null)
      void Taro.showToast({ title: `已登记：${OUTCOME_LABELS[outcome]}`, icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  return { editing, saving, start, change, close: () => setEditing(null), save }
}

export type OutcomeEdit = ReturnType<typeof useOutcome>
