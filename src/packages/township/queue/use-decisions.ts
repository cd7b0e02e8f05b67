// The batch decisions on the ticked records: 通过 after a confirmation (which says how many carry
// warnings), 驳回 with a reason (from the note dialog, which stays open on a failure and says why),
// and a record's time adjusted. Each send goes through the kit's useSubmit (one at a time; a
// refusal is a toast); what was not decided is listed in an outcome dialog.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { duration } from '@/components/ui/format'
import { useSubmit } from '@/components/ui/submit'
import { approveQuestion, isWarning, outcomeOf, type Decision, type Item, type Outcome } from './rules'
import type { Selection } from './use-selection'

export interface Decisions {
  /** The decision being sent, if any. */
  busy: '' | Decision
  rejecting: boolean
  setRejecting: (on: boolean) => void
  approve: () => Promise<void>
  /** Throws when the rejection failed (the note dialog then stays open with the message). */
  reject: (reason: string) => Promise<void>
  adjusting: Item | null
  setAdjusting: (item: Item | null) => void
  /** The adjust dialog saved `item`. */
  adjusted: (item: Item) => Promise<void>
  outcome: Outcome | null
  closeOutcome: () => void
}

/** No form rows here: a refusal is always a toast. */
const NO_ROWS: readonly string[] = []
const noRow = () => null

export function useDecisions(items: Item[], selection: Selection, refresh: () => Promise<void>): Decisions {
  const approving = useSubmit(NO_ROWS, noRow)
  const rejectingSend = useSubmit(NO_ROWS, noRow)
  const [rejecting, setRejecting] = useState(false)
  const [adjusting, setAdjusting] = useState<Item | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const byId = new Map(items.map((s) => [s.id, s]))

  const afterChange = async () => {
    markChanged('township-home')
    await refresh()
  }

  const finish = async (decision: Decision, ids: string[], res: OutputOf<'service.decide'>) => {
    const result = outcomeOf(decision, res, (id) => byId.get(id)?.volunteerName)
    if ('toast' in result) void Taro.showToast({ title: result.toast, icon: 'success' })
    else setOutcome(result.outcome)
    selection.drop(ids)
    await afterChange()
  }

  const busy: Decisions['busy'] = approving.busy ? 'approve' : rejectingSend.busy ? 'reject' : ''

  const approve = async () => {
    if (selection.selected.length === 0 || busy) return
    const ids = [...selection.selected]
    const warned = ids.filter((id) => byId.get(id)?.flags.some(isWarning)).length
    await approving.submit({
      confirm: async () => (await Taro.showModal({ title: '批量通过', content: approveQuestion(ids.length, warned), confirmText: '通过', confirmColor: '#d93a2b' })).confirm,
      send: async () => finish('approve', ids, await call('service.decide', { ids, decision: 'approve' })),
    })
  }

  const reject = async (reason: string) => {
    const ids = [...selection.selected]
    let failure: unknown = null
    const sent = await rejectingSend.submit({
      send: async () => {
        let res: OutputOf<'service.decide'>
        try {
          res = await call('service.decide', { ids, decision: 'reject', reason })
        } catch (err) {
          failure = err
          throw err
        }
        setRejecting(false)
        await finish('reject', ids, res)
      },
    })
    if (!sent && failure) throw failure
  }

  const adjusted = async (item: Item) => {
    setAdjusting(null)
    void Taro.showToast({ title: `已调整为 ${duration(item.adjustedMinutes ?? item.minutes)}`, icon: 'none' })
    selection.drop([item.id])
    await afterChange()
  }

  return { busy, rejecting, setRejecting, approve, reject, adjusting, setAdjusting, adjusted, outcome, closeOutcome: () => setOutcome(null) }
}
