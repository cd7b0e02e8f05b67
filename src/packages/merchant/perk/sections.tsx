// The cards of 发布 / 编辑优惠: what it gives (with its picture), who may use it, how often and
// how many, and its validity dates.
import { Image, Picker, Text, Textarea, View } from '@tarojs/components'
import type { Draft } from '@/components/perk/draft'
import type { PerkView } from '@/components/perk/shared'
import { Chips } from '@/components/perk/ui'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { chineseDate } from '@/components/ui/format'
import type { Fields, Row } from './rules'
import type { PerkPicture } from './use-picture'

type FormDraft = Draft<Fields, Row>

const STAR_OPTIONS = [0, 1, 2, 3, 4, 5].map((s) => ({ value: String(s), label: s === 0 ? '不限' : `${s}★及以上` }))

function Area({ value, maxLength, placeholder, onChange }: { value: string; maxLength: number; placeholder: string; onChange: (v: string) => void }) {
  return (
    <Textarea
      className='perk-form__area'
      value={value}
      maxlength={maxLength}
      autoHeight
      placeholder={placeholder}
      placeholderClass='form-input__placeholder'
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

export function ContentCard({ draft: { fields, set, shown }, picture, pictureSrc }: { draft: FormDraft; picture: PerkPicture; pictureSrc: string }) {
  return (
    <View className='form-card'>
      <Text className='form-card__title'>优惠内容</Text>
      <FormRow field='title' label='优惠名称' required error={shown.title}>
        <TextInput value={fields.title} maxLength={30} placeholder='如：堂食 8.8 折' onChange={(v) => set('title', v)} />
      </FormRow>
      <FormRow field='description' label='优惠内容' required stacked error={shown.description} hint={`${fields.description.trim().length}/200`}>
        <Area value={fields.description} maxLength={200} placeholder='志愿者能得到什么，如：凭码堂食享 8.8 折（酒水除外）' onChange={(v) => set('description', v)} />
      </FormRow>
      <FormRow field='terms' label='使用说明' stacked error={shown.terms} hint='选填：营业时间、是否可与其他优惠同享等'>
        <Area value={fields.terms} maxLength={300} placeholder='如：每日 11:00–21:00 可用，不与店内其他优惠同享' onChange={(v) => set('terms', v)} />
      </FormRow>
      <FormRow field='pictureFileId' label='图片' stacked error={shown.pictureFileId} hint='选填：JPG 或 PNG，2 MB 以内；不上传时显示类别图标'>
        <View className='perk-form__picture'>
          {pictureSrc ? <Image className='perk-form__img' src={pictureSrc} mode='aspectFill' onClick={() => void picture.choose()} /> : null}
          <View className='perk-form__choose' hoverClass='perk-form__choose--pressed' onClick={() => void picture.choose()}>
            <Text className='perk-form__plus'>{pictureSrc ? '↻' : '+'}</Text>
            <Text className='perk-form__choose-text'>{pictureSrc ? '更换图片' : '选择图片'}</Text>
          </View>
        </View>
      </FormRow>
    </View>
  )
}

export function WhoCard({ draft: { fields, set, shown }, counties }: { draft: FormDraft; counties: { code: string; name: string }[] }) {
  const toggle = (code: string) => set('counties', fields.counties.includes(code) ? fields.counties.filter((x) => x !== code) : [...fields.counties, code])
  return (
    <View className='form-card'>
      <Text className='form-card__title'>谁可以使用</Text>
      <FormRow field='minStar' label='最低星级' stacked error={shown.minStar} hint='星级按志愿者累计服务时长评定'>
        <Chips options={STAR_OPTIONS} value={String(fields.minStar)} onChange={(s) => set('minStar', Number(s))} />
      </FormRow>
      <FormRow field='counties' label='适用地区' stacked error={shown.counties} hint={fields.counties.length ? `已选 ${fields.counties.length} 个县（市、区）` : '不选即全市志愿者都可使用'}>
        <View className='pk-chips'>
          <View className={`pk-chip ${fields.counties.length === 0 ? 'pk-chip--on' : ''}`} onClick={() => set('counties', [])}>
            <Text>全市</Text>
          </View>
          {counties.map((c) => (
            <View key={c.code} className={`pk-chip ${fields.counties.includes(c.code) ? 'pk-chip--on' : ''}`} onClick={() => toggle(c.code)}>
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
      </FormRow>
    </View>
  )
}

/** A count typed in, with its unit after it. */
function CountRow({ draft: { fields, set, shown }, field, label, maxLength, placeholder, unit, hint }: { draft: FormDraft; field: 'perDay' | 'perMonth' | 'quota'; label: string; maxLength: number; placeholder: string; unit: string; hint?: string }) {
  return (
    <FormRow field={field} label={label} required error={shown[field]} hint={hint}>
      <TextInput type='number' value={fields[field]} maxLength={maxLength} placeholder={placeholder} onChange={(v) => set(field, v)} />
      <Text className='perk-form__unit'>{unit}</Text>
    </FormRow>
  )
}

export function LimitsCard({ draft, existing }: { draft: FormDraft; existing: PerkView | null }) {
  return (
    <View className='form-card'>
      <Text className='form-card__title'>次数与名额</Text>
      <CountRow draft={draft} field='perDay' label='每人每日' maxLength={2} placeholder='1–10' unit='次' />
      <CountRow draft={draft} field='perMonth' label='每人每月' maxLength={3} placeholder='1–100' unit='次' />
      <CountRow draft={draft} field='quota' label='总名额' maxLength={7} placeholder='如 500' unit='个' hint={existing ? `已核销 ${existing.redeemed} 个，总名额不能少于此数` : undefined} />
    </View>
  )
}

/** A date chosen with the system picker. */
function DateRow({ draft: { fields, set, shown }, field, label, start, todayYmd }: { draft: FormDraft; field: 'validFrom' | 'validTo'; label: string; start: string; todayYmd: string }) {
  return (
    <Picker mode='date' value={fields[field] || todayYmd} start={start} end='2099-12-31' onChange={(e) => set(field, String(e.detail.value))}>
      <FormRow field={field} label={label} required arrow error={shown[field]}>
        <PickedValue value={fields[field] ? chineseDate(fields[field]) : ''} placeholder='请选择' />
      </FormRow>
    </Picker>
  )
}

export function ValidityCard({ draft, todayYmd }: { draft: FormDraft; todayYmd: string }) {
  return (
    <View className='form-card'>
      <Text className='form-card__title'>有效期</Text>
      <DateRow draft={draft} field='validFrom' label='开始日期' start='2024-01-01' todayYmd={todayYmd} />
      <DateRow draft={draft} field='validTo' label='结束日期' start={draft.fields.validFrom || '2024-01-01'} todayYmd={todayYmd} />
    </View>
  )
}
