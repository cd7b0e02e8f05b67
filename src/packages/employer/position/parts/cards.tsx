// The position form's cards: the position (employer, title, openings, place and its county,
// requirements), the monthly salary in yuan, and the contact; and what a locked position was.
import { Input, Text, View } from '@tarojs/components'
import { CountedTextarea } from '@/components/ui/CountedTextarea'
import type { EmployerView, PositionView } from '@contract/fair'
import type { InputOf } from '@contract/index'
import { CONTACT_NAME, OPENINGS_RULE, POSITION_PLACE, POSITION_REQUIREMENTS, POSITION_TITLE } from '@contract/position-rules'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { salaryText } from '@/components/fair/format'
import { EmployerTypeTag } from '@/components/fair/ui'
import type { CheckedForm } from '@/components/fair/use-checked-form'
import type { Fields, Row } from '../check'
import '@/components/fair/pieces.scss'

export type PositionFormState = CheckedForm<Fields, Row, InputOf<'fair.savePosition'>>

/** Our organisation (fixed when only one of ours is invited, or when editing), or a choice of ours. */
function EmployerChoice({ form, invited, position }: { form: PositionFormState; invited: EmployerView[]; position: PositionView | null }) {
  const { fields, set } = form
  const org = invited.find((e) => e.id === fields.employerId)
  if (invited.length <= 1 || position) {
    return (
      <View className='pos-form__org'>
        <Text className='form-row__readonly'>{(org?.name ?? position?.employerName ?? '') || '本单位未受邀参加这场对接会'}</Text>
        {org && <EmployerTypeTag type={org.type} className='pos-form__org-type' />}
      </View>
    )
  }
  return (
    <View className='fair-pills pos-form__orgs'>
      {invited.map((e) => (
        <View key={e.id} className={`fair-pill ${fields.employerId === e.id ? 'fair-pill--on' : ''}`} onClick={() => set('employerId', e.id, 'employerId')}>
          <Text>{e.name}</Text>
        </View>
      ))}
    </View>
  )
}

interface PositionCardProps {
  form: PositionFormState
  invited: EmployerView[]
  position: PositionView | null
  countyText: string
  onCounty: () => void
}

export function PositionCard({ form, invited, position, countyText, onCounty }: PositionCardProps) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>岗位</Text>
      <FormRow field='employerId' label='招聘单位' required error={errorOf('employerId')}>
        <EmployerChoice form={form} invited={invited} position={position} />
      </FormRow>
      <FormRow field='title' label='岗位名称' required error={errorOf('title')}>
        <TextInput className='pos-form__title' value={fields.title} placeholder='如：乡村振兴项目专员' maxLength={POSITION_TITLE.max} onChange={(v) => set('title', v, 'title')} />
      </FormRow>
      <FormRow field='openings' label='招聘人数' required error={errorOf('openings')}>
        <TextInput className='pos-form__openings' type='number' value={fields.openings} placeholder='1' maxLength={String(OPENINGS_RULE.max).length} onChange={(v) => set('openings', v.replace(/\D/g, ''), 'openings')} />
        <Text className='pos-form__unit'>人</Text>
      </FormRow>
      <FormRow field='place' label='工作地点' required error={errorOf('place')}>
        <TextInput className='pos-form__place' value={fields.place} placeholder='如：清城区凤城街道' maxLength={POSITION_PLACE.max} onChange={(v) => set('place', v, 'place')} />
      </FormRow>
      <FormRow field='countyCode' label='所在县区' required error={errorOf('countyCode')} hint='工作地在清远市内的，录用计入本地就业' onClick={onCounty}>
        <View className='pos-form__county'>
          <PickedValue value={countyText} placeholder='选择工作所在县（市、区）' />
        </View>
      </FormRow>
      <FormRow field='requirements' label='岗位要求' required stacked error={errorOf('requirements')}>
        <CountedTextarea
          className='pos-form__area'
          inputClassName='fair-textarea pos-form__requirements'
          placeholderClass='fair-placeholder'
          countClassName='pos-form__count'
          value={fields.requirements}
          placeholder='学历、专业、技能、经验等，如：服务期满志愿者，熟悉农村电商运营'
          maxLength={POSITION_REQUIREMENTS.max}
          onChange={(v) => set('requirements', v, 'requirements')}
        />
      </FormRow>
    </View>
  )
}

function SalaryRow({ form, row, label, placeholder }: { form: PositionFormState; row: 'salaryMin' | 'salaryMax'; label: string; placeholder: string }) {
  return (
    <FormRow field={row} label={label} required error={form.errorOf(row)}>
      <Input
        className={`form-input pos-form__${row === 'salaryMin' ? 'salary-min' : 'salary-max'}`}
        type='digit'
        value={form.fields[row]}
        placeholder={placeholder}
        placeholderClass='form-input__placeholder'
        maxlength={10}
        onInput={(e) => form.set(row, e.detail.value.replace(/[^\d.]/g, ''), row)}
      />
      <Text className='pos-form__unit'>元</Text>
    </FormRow>
  )
}

export function SalaryCard({ form }: { form: PositionFormState }) {
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        月薪
        <Text className='form-card__title-note'>单位：元/月，面议请都填 0</Text>
      </Text>
      <SalaryRow form={form} row='salaryMin' label='月薪下限' placeholder='如 5000' />
      <SalaryRow form={form} row='salaryMax' label='月薪上限' placeholder='如 8000' />
    </View>
  )
}

export function ContactCard({ form }: { form: PositionFormState }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        联系方式
        <Text className='form-card__title-note'>报名者可见</Text>
      </Text>
      <FormRow field='contactName' label='联系人' required error={errorOf('contactName')}>
        <TextInput className='pos-form__contact-name' value={fields.contactName} placeholder='如：何经理' maxLength={CONTACT_NAME.max} onChange={(v) => set('contactName', v, 'contactName')} />
      </FormRow>
      <FormRow field='contactPhone' label='联系电话' required error={errorOf('contactPhone')}>
        <TextInput className='pos-form__contact-phone' type='tel' value={fields.contactPhone} placeholder='手机号或 0763-3388123' maxLength={16} onChange={(v) => set('contactPhone', v.trim(), 'contactPhone')} />
      </FormRow>
    </View>
  )
}

/** A position that can no longer change, as it stands. */
export function LockedPosition({ position }: { position: PositionView }) {
  const lines = [
    ['招聘单位', position.employerName],
    ['岗位名称', position.title],
    ['招聘人数', `${position.openings} 人`],
    ['工作地点', position.place],
    ['所在县区', position.countyCode ? position.countyName : '清远市外'],
    ['月薪', salaryText(position.salaryMinFen, position.salaryMaxFen)],
    ['岗位要求', position.requirements],
    ['联系人', `${position.contactName} ${position.contactPhone}`],
    ['报名人数', `${position.applicants} 人`],
  ]
  return (
    <View className='form-card pos-form__readonly'>
      {lines.map(([k, v]) => (
        <View key={k} className='form-kv'>
          <Text className='form-kv__key'>{k}</Text>
          <Text className='form-kv__value'>{v}</Text>
        </View>
      ))}
    </View>
  )
}
