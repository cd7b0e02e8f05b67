// The queue's batch review: which registrations are selected (at most the contract's batch), the
// approval (confirmed first) and the rejection (with a reason), and what came of them: a toast
// when all went through, else the ones that did not, with the function's words.
import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'

type Result = OutputOf<'registration.review'>['results'][number]
export type Decision = 'approve' | 'reject'

/** The contract's batch limit. */
export const BATCH_MAX = 50

export interface Outcome {
  title: string
  ok: number
  failures: { name: string; message: string }[]
}

/** What a batch came to; null when every one went through (a toast says so). */
export function outcomeOf(decision: Decision, results: Result[], names: Map<string, string>): Outcome | null {
  const ok = results.filter((r) => r.ok).length
  const failures = results.filter((r) => !r.ok).map((r) => ({ name: names.get(r.id) ?? '申请', message: r.message }))
  if (failures.length === 0) return null
  const verb = decision === 'approve' ? '通过' : '驳回'
  return { title: ok > 0 ? `已${verb} ${ok} 份，${failures.length} 份未处理` : `${failures.length} 份未能${verb}`, ok, failures }
}

/** The selection after a tap on one card (null: the batch is full). */
export function toggledSelection(selected: string[], id: string): string[] | null {
  if (selected.includes(id)) return selected.filter((x) => x !== id)
  if (selected.length >= BATCH_MAX) return null
  return [...selected, id]
}

interface Listed {
  items: { id: string; name: string }[]
  reload: (quiet?: boolean) => Promise<unknown>
}

/** `key`: the list's filters (a new filter starts a new selection). */
export function useBatchReview(list: Listed, key: string) {
  const [selected, setSelected] = useState<string[]>([])
  const [busy, setBusy] = useState<'' | Decision>('')
  const [rejecting, setRejecting] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  useEffect(() => setSelected([]), [key])

  const names = useMemo(() => new Map(list.items.map((r) => [r.id, r.name])), [list.items])
  const firstBatch = list.items.slice(0, BATCH_MAX)
  const allSelected = list.items.length > 0 && firstBatch.every((r) => selected.includes(r.id))

  const toggle = (id: string) => {
    const next = toggledSelection(selected, id)
    if (next) setSelected(next)
    else void Taro.showToast({ title: `一次最多审核 ${BATCH_MAX} 份`, icon: 'none' })
  }
  const toggleAll = () => {
    if (allSelected) {
      setSelected([])
      return
    }
    setSelected(firstBatch.map((r) => r.id))
    if (list.items.length > BATCH_MAX) void Taro.showToast({ title: `已选前 ${BATCH_MAX} 份（一次最多 ${BATCH_MAX} 份）`, icon: 'none' })
  }

  const finish = async (decision: Decision, results: Result[]) => {
    const found = outcomeOf(decision, results, names)
    if (found) setOutcome(found)
    else void Taro.showToast({ title: `已${decision === 'approve' ? '通过' : '驳回'} ${results.length} 份`, icon: 'success' })
    setSelected([])
    markChanged('home')
    await list.reload(true)
  }

  const approve = async () => {
    if (selected.length === 0 || busy) return
    const { confirm } = await Taro.showModal({
      title: '批量通过',
      content: `确认通过所选 ${selected.length} 份申请？通过后申请人将获得相应身份，并收到审核结果通知。`,
      confirmText: '通过',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('approve')
    try {
      const { results } = await call('registration.review', { ids: selected, decision: 'approve' })
      await finish('approve', results)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy('')
    }
  }

  /** The reason dialog's confirm: a failure keeps the dialog open (it rethrows). */
  const reject = async (reason: string) => {
    setBusy('reject')
    try {
      const { results } = await call('registration.review', { ids: selected, decision: 'reject', reason })
      setRejecting(false)
      await finish('reject', results)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      throw err
    } finally {
      setBusy('')
    }
  }

  return { selected, setSelected, busy, rejecting, setRejecting, outcome, setOutcome, allSelected, toggle, toggleAll, approve, reject }
}

export type BatchReview = ReturnType<typeof useBatchReview>
