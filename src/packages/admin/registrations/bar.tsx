// The batch bar under the queue (select all, how many, 驳回 / 通过), the reason dialog for a
// rejection, and what a batch left undone.
import { BatchBar as KitBatchBar, BatchOutcomeDialog } from '@/components/ui/BatchBar'
import { NoteDialog } from '@/components/ui/Dialog'
import { BATCH_MAX, type BatchReview } from './use-batch-review'

export function BatchBar({ review, show }: { review: BatchReview; show: boolean }) {
  const { selected } = review
  return (
    <>
      {show && (
        <KitBatchBar
          prefix='regs'
          unit='份'
          max={BATCH_MAX}
          selectedCount={selected.length}
          allSelected={review.allSelected}
          toggleAll={review.toggleAll}
          busy={review.busy}
          onReject={() => review.setRejecting(true)}
          onApprove={() => void review.approve()}
          tickClassName='reg-card__checkbox'
        />
      )}

      <NoteDialog
        confirmText='确认驳回'
        required
        maxLength={200}
        visible={review.rejecting}
        title={`驳回 ${selected.length} 份申请`}
        message={`驳回后申请人会收到通知和你填写的理由，可修改信息后重新提交。`}
        placeholder='例如：服务期与派遣文件不一致，请核对后重新提交'
        onConfirm={review.reject}
        onClose={() => review.setRejecting(false)}
      />

      <BatchOutcomeDialog prefix='regs' outcome={review.outcome && { title: review.outcome.title, rows: review.outcome.failures }} onClose={() => review.setOutcome(null)} />
    </>
  )
}
