// The batch bar under the queue (select all, how many, 驳回 / 通过), the reason dialog for a
// rejection, and what a batch left undone.
import { Text, View } from '@tarojs/components'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { Button } from '@/components/ui/Button'
import { Tick } from '@/components/ui/Tick'
import { BATCH_MAX, type BatchReview } from './use-batch-review'

export function BatchBar({ review, show }: { review: BatchReview; show: boolean }) {
  const { selected, busy, allSelected } = review
  return (
    <>
      {show && (
        <View className='panel-bar regs__bar'>
          <View className='regs__all' onClick={review.toggleAll}>
            <Tick className='reg-card__checkbox' on={allSelected} />
            <Text className='regs__all-text'>全选</Text>
          </View>
          <View className='panel-bar__info'>
            <Text className='regs__count'>
              已选 <Text className='regs__count-num'>{selected.length}</Text> 份
            </Text>
            <Text className='panel-bar__hint'>一次最多 {BATCH_MAX} 份</Text>
          </View>
          <View className='panel-bar__buttons'>
            <Button className='panel-bar__btn regs__reject' kind='outline' disabled={selected.length === 0 || !!busy} busy={busy === 'reject'} onClick={() => review.setRejecting(true)}>
              驳回
            </Button>
            <Button className='panel-bar__btn regs__approve' disabled={selected.length === 0 || !!busy} busy={busy === 'approve'} onClick={() => void review.approve()}>
              通过
            </Button>
          </View>
        </View>
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

      <Dialog
        className='regs__outcome'
        visible={!!review.outcome}
        title={review.outcome?.title ?? ''}
        confirmText='知道了'
        cancelText=''
        onConfirm={() => review.setOutcome(null)}
        onCancel={() => review.setOutcome(null)}
      >
        <View className='regs__outcome-list'>
          {review.outcome?.failures.map((f, i) => (
            <View key={i} className='regs__outcome-row'>
              <Text className='regs__outcome-name'>{f.name}</Text>
              <Text className='regs__outcome-msg'>{f.message}</Text>
            </View>
          ))}
        </View>
      </Dialog>
    </>
  )
}
