// 记录职务 for one volunteer (opened from their care history): the post, its first day and, if
// known, its last; 县团委副书记（头雁） is one per county at a time, which the function enforces.
import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { POST_KIND_LABELS, POST_KINDS, POST_NOTE, type PostKind } from '@contract/care-rules'
import { call } from '@/services/cloud'
import { Button } from '@/components/ui/Button'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { useSubmit } from '@/components/ui/submit'
import { today } from '@/components/ui/format'

const ROWS = ['kind', 'startDate', 'endDate', 'note'] as const
type Row = (typeof ROWS)[number]
const rowOf = (field: string): Row | null => ((ROWS as readonly string[]).includes(field) ? (field as Row) : null)

export function AddPost({ volunteerId, name, onAdded }: { volunteerId: string; name: string; onAdded: () => void }) {
  const [kind, setKind] = useState<PostKind | ''>('')
  const [startDate, setStart] = useState(today())
  const [endDate, setEnd] = useState('')
  const [note, setNote] = useState('')
  const form = useSubmit(ROWS, rowOf)
  const check = () => ({ kind: kind ? '' : '请选择职务', endDate: endDate && endDate < startDate ? '结束日期不能早于开始日期' : '' })
  const errorOf = (row: Row) => form.serverErrors[row] ?? (form.tried ? (check() as Partial<Record<Row, string>>)[row] || undefined : undefined)

  const submit = () =>
    form.submit({
      check,
      confirm: async () => (await Taro.showModal({ title: '记录职务', content: `为${name}记录「${kind ? POST_KIND_LABELS[kind] : ''}」，${startDate} 起${endDate ? `至 ${endDate}` : ''}。志愿者会在「消息」中收到通知，职务将显示在其服务证明上。`, confirmText: '记录' })).confirm,
      send: async () => {
        await call('care.addPost', { volunteerId, kind: kind as PostKind, startDate, endDate: endDate || null, note: note.trim() })
        setKind('')
        setEnd('')
        setNote('')
        void Taro.showToast({ title: '职务已记录', icon: 'success' })
        onAdded()
      },
    })

  return (
    <View className='care-add'>
      <Text className='care-add__title'>为 {name} 记录职务</Text>
      <FormRow field='kind' label='职务' required stacked error={errorOf('kind')}>
        <View className='care-add__kinds'>
          {POST_KINDS.map((k) => (
            <Text key={k} className={`care-add__kind${kind === k ? ' care-add__kind--on' : ''}`} onClick={() => (setKind(k), form.clearError('kind'))}>
              {POST_KIND_LABELS[k]}
            </Text>
          ))}
        </View>
      </FormRow>
      <Picker mode='date' value={startDate} start='2018-01-01' end='2099-12-31' onChange={(e) => (setStart(String(e.detail.value)), form.clearError('startDate'))}>
        <FormRow field='startDate' label='开始日期' required arrow error={errorOf('startDate')}>
          <PickedValue value={startDate} placeholder='请选择' />
        </FormRow>
      </Picker>
      <Picker mode='date' value={endDate || startDate} start={startDate} end='2099-12-31' onChange={(e) => (setEnd(String(e.detail.value)), form.clearError('endDate'))}>
        <FormRow field='endDate' label='结束日期' arrow error={errorOf('endDate')} hint={endDate ? <Text onClick={() => setEnd('')}>改为「至今」</Text> : '不选表示至今在任'}>
          <PickedValue value={endDate} placeholder='至今' />
        </FormRow>
      </Picker>
      <FormRow field='note' label='备注' error={errorOf('note')}>
        <TextInput value={note} placeholder='如任命文号（选填）' maxLength={POST_NOTE.max} onChange={setNote} />
      </FormRow>
      <Button className='care-add__submit' busy={form.busy} onClick={() => void submit()}>
        {form.busy ? '正在记录…' : '记录职务'}
      </Button>
    </View>
  )
}
