// The sheet to record an outcome for one position: the outcome, a note, and the save.
import { Text, Textarea, View } from '@tarojs/components'
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from '@contract/vocabulary'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'
import type { OutcomeEdit } from '../use-outcome'
import '@/components/fair/pieces.scss'

const OUTCOME_HINTS: Record<Outcome, string> = {
  interviewed: '已完成面试，等待结果',
  offered: '已向对方发出录用意向',
  hired: '对方已确认入职（计入录用统计）',
  declined: '本岗位不予录用',
}

export function OutcomeSheet({ edit }: { edit: OutcomeEdit }) {
  const { editing, saving } = edit
  return (
    <Sheet visible={!!editing} title='登记结果' note={editing ? `${editing.applicant.resume.name} · ${editing.choice.positionTitle}` : ''} closable={!saving} onClose={edit.close} className='outcome-sheet'>
      {editing && (
        <View className='outcome-sheet__body'>
          <View className='outcome-sheet__options'>
            {OUTCOMES.map((o) => (
              <View key={o} className={`outcome-option outcome-option--${o} ${editing.outcome === o ? 'outcome-option--on' : ''}`} onClick={() => edit.change({ outcome: o })}>
                <Text className='outcome-option__label'>{OUTCOME_LABELS[o]}</Text>
                <Text className='outcome-option__hint'>{OUTCOME_HINTS[o]}</Text>
              </View>
            ))}
          </View>
          <Textarea
            className='fair-textarea outcome-sheet__note'
            value={editing.note}
            placeholder='备注（选填）：如面试安排、薪资约定、未录用原因'
            placeholderClass='fair-placeholder'
            maxlength={200}
            onInput={(ev) => edit.change({ note: ev.detail.value })}
          />
          <Text className='outcome-sheet__privacy'>登记后可看到对方完整手机号，仅用于本次招聘联系。</Text>
          <Button className='outcome-sheet__save' busy={saving} disabled={!editing.outcome} onClick={() => void edit.save()}>
            {saving ? '正在保存…' : '保存'}
          </Button>
        </View>
      )}
    </Sheet>
  )
}
