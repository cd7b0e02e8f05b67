// The two loan queues' reading (贷款审核 for the league, 贷款受理 for the bank): a page at a time with
// the tabs' counts, reread when a decision on the detail page changed it.
import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { InputOf, OutputOf } from '@contract/index'
import type { LoanSummary } from '@contract/loan'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'

export type LoanQueueCounts = OutputOf<'loan.queue'>['counts']

/** The queue under `filters` (reread when they change, and when the page shows again after `changedKey` was marked). */
export function useLoanQueue(filters: InputOf<'loan.queue'>, enabled: boolean, changedKey: string) {
  const [counts, setCounts] = useState<LoanQueueCounts | null>(null)
  const list = usePaged<LoanSummary>(
    async (page, pageSize) => {
      const res = await call('loan.queue', { ...filters, page, pageSize })
      setCounts(res.counts)
      return res
    },
    JSON.stringify(filters),
    enabled,
  )
  // Back from a decision on the detail page: the queue changed.
  useDidShow(() => {
    if (takeChanged(changedKey)) void list.reload(true)
  })
  return { list, counts }
}
