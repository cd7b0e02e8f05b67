// A session of a course: title, day and hours, place, capacity, the sign-up window, materials and
// whether it is long enough to need a check-out. The function's refusals show at their rows.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { SessionInput } from '@contract/training'
import { addDays, today } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { FormRow } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { Toggle } from '@/components/ui/Toggle'
import { useSubmit } from '@/components/ui/submit'

const ROWS = ['title', 'date', 'startTime', 'endTime', 'venue', 'address', 'capacity', 'signupOpensAt', 'signupClosesAt', 'materials', 'checkOut'] as const
type Row = (typeof ROWS)[number]
const rowOf = (field: string): Row | null => (ROWS as readonly string[]).find((r) => field === r || field.startsWith(`${r}.`)) as Row | null

export function SessionForm({ courseId, onSave, onCancel }: { courseId: string; onSave: (input: SessionInput) => Promise<void>; onCancel: () => void }) {
  const day = addDays(today(), 7)
  const [v, setV] = useState({
    title: '',
    date: day,
    startTime: '09:00',
    endTime: '11:30',
    venue: '',
    address: '',
    capacity: '50',
    signupOpensAt: `${today()} 00:00`,
    signupClosesAt: `${addDays(day, -1)} 18:00`,
    materials: '',
  })
  const [checkOut, setCheckOut] = useState(false)
  const form = useSubmit(ROWS, rowOf)
  const set = (k: keyof typeof v) => (value: string) => {
    setV((o) => ({ ...o, [k]: value }))
    form.clearError(k as Row)
  }
  const local = (): Partial<Record<Row, string>> => ({
    title: v.title.trim().length < 2 ? '请填写场次名称' : undefined,
    venue: v.venue.trim().length < 2 ? '请填写地点' : undefined,
    address: v.address.trim().length < 4 ? '请填写详细地址' : undefined,
    capacity: Number(v.capacity) >= 1 ? undefined : '名额至少 1 人',
  })
  const save = () =>
    form.submit({
      check: local,
      send: () => onSave({ courseId, ...v, title: v.title.trim(), venue: v.venue.trim(), address: v.address.trim(), capacity: Number(v.capacity), materials: v.materials.trim(), checkOut }),
    })
  const row = (k: keyof typeof v, label: string, placeholder: string, hint?: string) => (
    <FormRow field={k} label={label} required={k !== 'materials'} error={form.serverErrors[k] ?? (form.tried ? local()[k as Row] : undefined)} hint={hint}>
      <TextInput value={v[k]} placeholder={placeholder} maxLength={k === 'materials' ? 1000 : 80} type={k === 'capacity' ? 'number' : 'text'} onChange={set(k)} />
    </FormRow>
  )
  return (
    <View className='tr-card tr-session-form'>
      <Text className='tr-card__title'>添加场次</Text>
      {row('title', '场次名称', '如：第一期（清城区）')}
      {row('date', '日期', 'YYYY-MM-DD')}
      {row('startTime', '开始时间', 'HH:mm')}
      {row('endTime', '结束时间', 'HH:mm')}
      {row('venue', '地点', '如：清远市青少年宫')}
      {row('address', '详细地址', '如：清城区北江一路 8 号')}
      {row('capacity', '名额', '人数', '报满后进入候补，有人取消按顺序递补')}
      {row('signupOpensAt', '报名开始', 'YYYY-MM-DD HH:mm')}
      {row('signupClosesAt', '报名截止', 'YYYY-MM-DD HH:mm', '应在开课前')}
      {row('materials', '学习资料', '讲义、链接（选填）')}
      <FormRow field='checkOut' label='需要签退' hint='长课：签到并在结束时签退才计出勤'>
        <Toggle on={checkOut} onChange={setCheckOut} className='tr-session-form__checkout' />
      </FormRow>
      <View className='tr-card__actions'>
        <Button className='tr-session-form__save' busy={form.busy} onClick={() => void save()}>
          保存场次
        </Button>
        <Button kind='plain' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
