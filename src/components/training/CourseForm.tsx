// The league's course form: name, kind, audience, organiser, introduction, how many sessions
// complete it, and an online course's parts. Each problem the function names shows at its row.
// Whose course it is: the city admin picks the county hosting a new one (or the city itself); a
// county admin's is their county, fixed (the function checks the reach either way).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CourseInput, CourseView } from '@contract/training'
import type { TrainingAudience, TrainingKind } from '@contract/vocabulary'
import { Button } from '@/components/ui/Button'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { TextInput } from '@/components/ui/TextInput'
import { useSubmit } from '@/components/ui/submit'
import { AUDIENCE_OPTIONS, KIND_OPTIONS, TRAINING_AUDIENCE_LABELS, TRAINING_KIND_LABELS } from './labels'

const ROWS = ['countyCode', 'title', 'kind', 'audience', 'department', 'description', 'requiredSessions', 'parts'] as const
type Row = (typeof ROWS)[number]
const rowOf = (field: string): Row | null => (ROWS as readonly string[]).find((r) => field === r || field.startsWith(`${r}.`)) as Row | null

interface Part {
  id?: string
  title: string
  minutes: string
  link: string
}

/** A county the course may belong to ('' the city's own). */
export interface HostChoice {
  code: string
  name: string
}

export function CourseForm({ course, counties, onSave }: { course: CourseView | null; counties: HostChoice[]; onSave: (input: CourseInput) => Promise<void> }) {
  const [countyCode, setCountyCode] = useState(course?.countyCode ?? (counties.length === 1 ? counties[0].code : ''))
  const picks = !course && counties.length > 1
  const hostName = course ? course.countyName : (counties.find((c) => c.code === countyCode)?.name ?? '')
  const [title, setTitle] = useState(course?.title ?? '')
  const [kind, setKind] = useState<TrainingKind | ''>(course?.kind ?? '')
  const [audience, setAudience] = useState<TrainingAudience | ''>(course?.audience ?? '')
  const [department, setDepartment] = useState(course?.department ?? '')
  const [description, setDescription] = useState(course?.description ?? '')
  const [required, setRequired] = useState(String(course?.requiredSessions ?? 1))
  const [parts, setParts] = useState<Part[]>(course?.parts.map((p) => ({ id: p.id, title: p.title, minutes: String(p.minutes), link: p.link })) ?? [])
  const [sheet, setSheet] = useState<'' | 'kind' | 'audience' | 'county'>('')
  const form = useSubmit(ROWS, rowOf)
  const err = (r: Row) => form.serverErrors[r] ?? (form.tried ? local()[r] : undefined)

  function local(): Partial<Record<Row, string>> {
    return {
      countyCode: picks && !counties.some((c) => c.code === countyCode) ? '请选择主办的县（市、区）' : undefined,
      title: title.trim().length < 4 ? '课程名称至少 4 个字' : undefined,
      kind: kind ? undefined : '请选择培训类别',
      audience: audience ? undefined : '请选择培训对象',
      department: department.trim().length < 2 ? '请填写主办部门' : undefined,
      parts: kind === 'online' && parts.length === 0 ? '线上课程请至少添加 1 个课时' : undefined,
    }
  }

  const save = () =>
    form.submit({
      check: local,
      send: () =>
        onSave({
          ...(course ? { id: course.id } : {}),
          title: title.trim(),
          kind: kind as TrainingKind,
          audience: audience as TrainingAudience,
          department: department.trim(),
          countyCode: course?.countyCode ?? countyCode,
          description: description.trim(),
          requiredSessions: Number(required) || 1,
          parts: kind === 'online' ? parts.map((p) => ({ ...(p.id ? { id: p.id } : {}), title: p.title.trim(), minutes: Number(p.minutes) || 0, link: p.link.trim() })) : [],
        }),
    })
  const setPart = (i: number, change: Partial<Part>) => setParts((ps) => ps.map((p, k) => (k === i ? { ...p, ...change } : p)))

  return (
    <View className='tr-form tr-course-form'>
      {picks ? (
        <FormRow field='countyCode' label='主办单位' required error={err('countyCode')} hint='县（市、区）的课程面向该县的学员；全市的课程面向全市' arrow onClick={() => setSheet('county')}>
          <PickedValue value={hostName} placeholder='请选择' />
        </FormRow>
      ) : (
        <FormRow field='countyCode' label='主办单位' error={err('countyCode')} hint={course ? '课程建好后不能更换主办单位' : undefined}>
          <Text className='tr-course-form__host'>{hostName || '—'}</Text>
        </FormRow>
      )}
      <FormRow field='title' label='课程名称' required error={err('title')}>
        <TextInput value={title} maxLength={40} placeholder='如：2026 年乡村振兴志愿者岗前培训' onChange={setTitle} />
      </FormRow>
      <FormRow field='kind' label='培训类别' required error={err('kind')} arrow onClick={() => setSheet('kind')}>
        <PickedValue value={kind ? TRAINING_KIND_LABELS[kind] : ''} placeholder='请选择' />
      </FormRow>
      <FormRow field='audience' label='培训对象' required error={err('audience')} arrow onClick={() => setSheet('audience')}>
        <PickedValue value={audience ? TRAINING_AUDIENCE_LABELS[audience] : ''} placeholder='请选择' />
      </FormRow>
      <FormRow field='department' label='主办部门' required error={err('department')}>
        <TextInput value={department} maxLength={40} placeholder='如：市财政局、市农业农村局' onChange={setDepartment} />
      </FormRow>
      <FormRow field='description' label='课程介绍' error={err('description')} stacked>
        <TextInput value={description} maxLength={1000} placeholder='市情县情、工作方法、业务知识……' onChange={setDescription} />
      </FormRow>
      {kind !== 'online' ? (
        <FormRow field='requiredSessions' label='结业所需场次' error={err('requiredSessions')} hint='出勤达到这个场次数即结业，自动生成证书'>
          <TextInput type='number' value={required} maxLength={2} onChange={setRequired} />
        </FormRow>
      ) : (
        <FormRow field='parts' label='课时' required error={err('parts')} stacked hint='学员逐个课时点「学完」，全部学完即结业'>
          {parts.map((p, i) => (
            <View key={i} className='tr-part'>
              <TextInput className='tr-part__title' value={p.title} maxLength={40} placeholder={`第 ${i + 1} 课名称`} onChange={(v) => setPart(i, { title: v })} />
              <TextInput className='tr-part__minutes' type='number' value={p.minutes} maxLength={3} placeholder='分钟' onChange={(v) => setPart(i, { minutes: v })} />
            </View>
          ))}
          <Text className='tr-link tr-part__add' onClick={() => setParts((ps) => [...ps, { title: '', minutes: '30', link: '' }])}>
            ＋ 添加课时
          </Text>
        </FormRow>
      )}
      <View className='tr-bar'>
        <Button className='tr-course-form__save' busy={form.busy} onClick={() => void save()}>
          {course ? '保存修改' : '创建课程'}
        </Button>
      </View>
      <OptionSheet visible={sheet === 'county'} title='主办单位' options={counties.map((c) => ({ value: c.code, label: c.name }))} value={countyCode} onSelect={setCountyCode} onClose={() => setSheet('')} />
      <OptionSheet visible={sheet === 'kind'} title='培训类别' options={KIND_OPTIONS} value={kind} onSelect={(v) => setKind(v as TrainingKind)} onClose={() => setSheet('')} />
      <OptionSheet visible={sheet === 'audience'} title='培训对象' options={AUDIENCE_OPTIONS} value={audience} onSelect={(v) => setAudience(v as TrainingAudience)} onClose={() => setSheet('')} />
    </View>
  )
}
