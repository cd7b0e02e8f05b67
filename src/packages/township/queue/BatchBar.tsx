// The bar under an open tab's list (the kit's batch bar, counted in 条): 全选, how many are
// ticked, and the two batch decisions.
import { BatchBar as KitBatchBar } from '@/components/ui/BatchBar'
import { BATCH_MAX } from './rules'
import type { Decisions } from './use-decisions'
import type { Selection } from './use-selection'

import './batch.scss'

export function BatchBar({ selection, decisions }: { selection: Selection; decisions: Decisions }) {
  return (
    <KitBatchBar
      prefix='queue'
      unit='条'
      max={BATCH_MAX}
      selectedCount={selection.selected.length}
      allSelected={selection.allSelected}
      toggleAll={selection.toggleAll}
      busy={decisions.busy}
      onReject={() => decisions.setRejecting(true)}
      onApprove={() => void decisions.approve()}
    />
  )
}
