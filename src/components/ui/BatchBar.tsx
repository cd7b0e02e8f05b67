// A staff queue's batch decisions: the bar under the list (全选, how many are ticked, 驳回 / 通过)
// and the dialog listing what a batch could not decide. The page names its classes by its own
// prefix (`${prefix}__bar`, `${prefix}__all`, …) and the unit it counts in (份, 条).
import { Text, View } from '@tarojs/components'
import { Button } from './Button'
import { Dialog } from './Dialog'
import { Tick } from './Tick'

export interface BatchBarProps {
  prefix: string
  unit: string
  max: number
  selectedCount: number
  allSelected: boolean
  toggleAll: () => void
  busy: '' | 'approve' | 'reject'
  onReject: () => void
  onApprove: () => void
  tickClassName?: string
}

export function BatchBar({ prefix, unit, max, selectedCount, allSelected, toggleAll, busy, onReject, onApprove, tickClassName }: BatchBarProps) {
  const off = selectedCount === 0 || !!busy
  return (
    <View className={`panel-bar ${prefix}__bar`}>
      <View className={`${prefix}__all`} onClick={toggleAll}>
        <Tick className={tickClassName} on={allSelected} />
        <Text className={`${prefix}__all-text`}>全选</Text>
      </View>
      <View className='panel-bar__info'>
        <Text className={`${prefix}__count`}>
          已选 <Text className={`${prefix}__count-num`}>{selectedCount}</Text> {unit}
        </Text>
        <Text className='panel-bar__hint'>
          一次最多 {max} {unit}
        </Text>
      </View>
      <View className='panel-bar__buttons'>
        <Button className={`panel-bar__btn ${prefix}__reject`} kind='outline' disabled={off} busy={busy === 'reject'} onClick={onReject}>
          驳回
        </Button>
        <Button className={`panel-bar__btn ${prefix}__approve`} disabled={off} busy={busy === 'approve'} onClick={onApprove}>
          通过
        </Button>
      </View>
    </View>
  )
}

/** What a batch left undone: one row per record, its name and why. */
export interface BatchOutcome {
  title: string
  rows: { name: string; message: string }[]
}

export function BatchOutcomeDialog({ prefix, outcome, onClose }: { prefix: string; outcome: BatchOutcome | null; onClose: () => void }) {
  return (
    <Dialog className={`${prefix}__outcome`} visible={!!outcome} title={outcome?.title ?? ''} confirmText='知道了' cancelText='' onConfirm={onClose} onCancel={onClose}>
      <View className={`${prefix}__outcome-list`}>
        {outcome?.rows.map((r, i) => (
          <View key={i} className={`${prefix}__outcome-row`}>
            <Text className={`${prefix}__outcome-name`}>{r.name}</Text>
            <Text className={`${prefix}__outcome-msg`}>{r.message}</Text>
          </View>
        ))}
      </View>
    </Dialog>
  )
}
