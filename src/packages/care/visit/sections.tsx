// The 记录探访 form's sections: when and who, how the volunteer is (a rating and a note per
// aspect), the needs raised, and the follow-ups (each with an owner and a date).
import { Picker, Text, View } from '@tarojs/components'
import { CARE_ASPECT_LABELS, CARE_ASPECTS, CARE_RATING_LABELS, CARE_RATINGS, ASPECT_NOTE, FOLLOW_UP, NEEDS } from '@contract/care-rules'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { TextRow } from '@/components/ui/CountedTextarea'
import { today } from '@/components/ui/format'
import type { VisitForm } from './use-visit'

export function WhenWho({ form, name }: { form: VisitForm; name: string }) {
  return (
    <View className='care-form__card'>
      <Text className='care-form__title'>探访 {name}</Text>
      <Picker mode='date' value={form.fields.visitDate || today()} start='2020-01-01' end={today()} onChange={(e) => form.set('visitDate', String(e.detail.value))}>
        <FormRow field='visitDate' label='探访日期' required arrow error={form.errorOf('visitDate')}>
          <PickedValue value={form.fields.visitDate} placeholder='请选择' />
        </FormRow>
      </Picker>
      <FormRow field='visitors' label='探访人' required error={form.errorOf('visitors')} hint='多人用顿号（、）分隔'>
        <TextInput value={form.visitors} placeholder='如：李建国、陈思敏' maxLength={120} onChange={form.setVisitors} />
      </FormRow>
    </View>
  )
}

export function Aspects({ form }: { form: VisitForm }) {
  return (
    <View className='care-form__card'>
      <Text className='care-form__title'>志愿者情况</Text>
      {CARE_ASPECTS.map((a) => (
        <FormRow key={a} field={`aspects.${a}`} label={CARE_ASPECT_LABELS[a]} required stacked error={form.errorOf(`aspects.${a}`)}>
          <View className='care-form__stack'>
            <View className='care-form__ratings'>
              {CARE_RATINGS.map((r) => (
                <Text key={r} className={`care-form__rating care-form__rating--${r}${form.fields.aspects[a].rating === r ? ' care-form__rating--on' : ''}`} onClick={() => form.setAspect(a, { rating: r })}>
                  {CARE_RATING_LABELS[r]}
                </Text>
              ))}
            </View>
            <TextInput
              className='care-form__note'
              value={form.fields.aspects[a].note}
              placeholder={a === 'health' ? '身体情况（加密保存，仅探访记录可见）' : `${CARE_ASPECT_LABELS[a]}情况说明（选填）`}
              maxLength={ASPECT_NOTE.max}
              onChange={(note) => form.setAspect(a, { note })}
            />
          </View>
        </FormRow>
      ))}
    </View>
  )
}

export function Needs({ form }: { form: VisitForm }) {
  return (
    <View className='care-form__card'>
      <TextRow field='needs' label='提出的需求' error={form.errorOf('needs')} value={form.fields.needs} placeholder='志愿者提出的困难和需求（选填）' maxLength={NEEDS.max} onChange={(v) => form.set('needs', v)} block='care-form' placeholderName='placeholder' />
    </View>
  )
}

export function FollowUps({ form }: { form: VisitForm }) {
  const { followUps } = form.fields
  return (
    <View className='care-form__card' id='field-followUps'>
      <Text className='care-form__title'>跟进事项</Text>
      {followUps.length === 0 && <Text className='care-form__empty'>需要跟进的事项（如协调住房、添置办公设备），每项指定责任人和完成期限。</Text>}
      {followUps.map((f, i) => (
        <FormRow key={i} field={`followUps.${i}`} label={`事项 ${i + 1}`} stacked error={form.errorOf(`followUps.${i}`)}>
          <View className='care-form__stack'>
            <TextInput className='care-form__note' value={f.text} placeholder='跟进什么' maxLength={FOLLOW_UP.max} onChange={(text) => form.setFollowUp(i, { text })} />
            <View className='care-form__follow-row'>
              <TextInput className='care-form__owner' value={f.owner} placeholder='责任人' maxLength={20} onChange={(owner) => form.setFollowUp(i, { owner })} />
              <Picker mode='date' value={f.due} start={form.fields.visitDate || today()} end='2099-12-31' onChange={(e) => form.setFollowUp(i, { due: String(e.detail.value) })}>
                <Text className='care-form__due'>{f.due} 前完成 ›</Text>
              </Picker>
              <Text className='care-form__remove' onClick={() => form.removeFollowUp(i)}>
                删除
              </Text>
            </View>
          </View>
        </FormRow>
      ))}
      {followUps.length < FOLLOW_UP.most && (
        <Text className='care-form__add' onClick={form.addFollowUp}>
          ＋ 添加跟进事项
        </Text>
      )}
    </View>
  )
}
