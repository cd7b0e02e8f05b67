// The bar under an open tab's list: 全选, how many are ticked, and the two batch decisions; and
// the dialog listing the records a batch could not decide.
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/ui/Button'
import { Dialog } from '@/components/ui/Dialog'
import { Tick } from '@/components/ui/Tick'
import { BATCH_MAX, type Outcome } from './rules'
import type { Decisions } from './use-decisions'
import type { Selection } from './use-selection'

import './batch.scss'

export function BatchBar({ selection, decisions }: { selection: Selection; decisions: Decisions }) {
  const { selected, allSelected, toggleAll } = selection
  const { busy } = decisions
  const off = selected.length === 0 || !!busy
  return (
    <View className='panel-bar queue__bar'>
      <View className='queue__all' onClick={toggleAll}>
        <Tick on={allSelected} />
        <Text className='queue__all-text'>全选</Text>
      </View>
      <View className='panel-bar__info'>
        <Text className='queue__count'>
          已选 <Text className='queue__count-num'>{selected.length}</Text> 条
        </Text>
        <Text className='panel-bar__hint'>一次最多 {BATCH_MAX} 条</Text>
      </View>
      <View className='panel-bar__buttons'>
        <Button className='panel-bar__btn queue__reject' kind='outline' disabled={off} busy={busy === 'reject'} onClick={() => decisions.setRejecting(true)}>
          驳回
        </Button>
        <Button className='panel-bar__btn queue__approve' disabled={off} busy={busy === 'approve'} onClick={() => void decisions.approve()}>
          通过
        </Button>
      </View>
    </View>
  )
}

export function OutcomeDialog({ outcome, onClose }: { outcome: Outcome | null; onClose: () => void }) {
  return (
    <Dialog className='queue__outcome' visible={!!outcome} title={outcome?.title ?? ''} confirmText='知道了' cancelText='' onConfirm={onClose} onCancel={onClose}>
      <View className='queue__outcome-list'>
        {outcome?.rows.map((r, i) => (
          <View key={i} className='queue__outcome-row'>
            <Text className='queue__outcome-name'>{r.name}</Text>
            <Text className='queue__outcome-msg'>{r.message}</Text>
          </View>
        ))}
      </View>
    </Dialog>
  )
}
