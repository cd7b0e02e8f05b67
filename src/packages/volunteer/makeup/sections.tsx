// The 补签 page's parts: what a make-up is for (with the allowance), a refusal naming no field,
// the service's station, day and times, the reason, the photo, the preview, and the record filed.
import { Picker, Text, View } from '@tarojs/components'
import { TextCard } from '@/components/ui/CountedTextarea'
import Taro from '@tarojs/taro'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { PhotoTiles } from '@/components/ui/PhotoTiles'
import { Tag } from '@/components/ui/Tag'
import { addDays, clock, dayLabel, duration, hours as hoursText, relativeDay, today } from '@/components/ui/format'
import { ROUTES } from '@/constants/routes'
import { DonePage } from '../shared/DonePage'
import { FlagList, StatusTag } from '../shared/ui'
import { allowanceText, type SessionView } from '../shared/volunteer'
import { MAX_DAYS_BACK, plusHours, type MakeupForm } from './use-makeup'

export function Intro({ form }: { form: MakeupForm }) {
  const { allowance, banner } = form
  return (
    <>
      <View className='form-banner form-banner--info makeup__intro'>
        <View className='form-banner__main'>
          <Text className='form-banner__title'>什么时候需要补签</Text>
          <Text className='form-banner__text'>室内没有信号、手机没电等原因没能签到或签退时，可在 31 天内补签，由镇街团委审核。</Text>
          {allowance && (
            <Text className={`makeup__allowance${allowance.left === 0 ? ' makeup__allowance--spent' : ''}`} data-left={allowance.left}>
              {allowanceText(allowance)}
            </Text>
          )}
        </View>
      </View>

      {banner && (
        <View className='form-banner form-banner--rejected makeup__banner' data-error-for='form'>
          <View className='form-banner__icon'>
            <Text className='form-banner__icon-text'>!</Text>
          </View>
          <View className='form-banner__main'>
            <Text className='form-banner__title'>未能提交</Text>
            <Text className='form-banner__text'>{banner}</Text>
          </View>
        </View>
      )}
    </>
  )
}

const CHIP_NAMES = ['今天', '昨天', '前天']

export function ServiceCard({ form, onPickStation }: { form: MakeupForm; onPickStation: () => void }) {
  const { fields, set, errorOf, minutes, capMinutes } = form
  const chips = [0, -1, -2].map((d) => addDays(today(), d))
  return (
    <View className='form-card'>
      <Text className='form-card__title'>服务信息</Text>
      <FormRow field='stationId' label='驿站' required error={errorOf('stationId')} onClick={onPickStation}>
        <PickedValue value={fields.station?.name ?? ''} placeholder='选择服务的驿站' />
      </FormRow>
      <Picker mode='date' value={fields.date || addDays(today(), -1)} start={addDays(today(), -MAX_DAYS_BACK)} end={today()} onChange={(e) => set('date', e.detail.value)}>
        <FormRow field='date' label='服务日期' required arrow error={errorOf('date')}>
          <PickedValue value={fields.date ? `${dayLabel(fields.date)}${fields.date === today() ? '（今天）' : fields.date === addDays(today(), -1) ? '（昨天）' : ''}` : ''} placeholder='选择日期（31 天内）' />
        </FormRow>
      </Picker>
      <View className='makeup__chips'>
        {chips.map((d, i) => (
          <Text key={d} className={`makeup__chip${fields.date === d ? ' makeup__chip--on' : ''}`} data-day={i} onClick={() => set('date', d)}>
            {CHIP_NAMES[i]}
          </Text>
        ))}
      </View>
      <Picker mode='time' value={fields.start || '09:00'} onChange={(e) => set('start', e.detail.value)}>
        <FormRow field='start' label='开始时间' required arrow error={errorOf('start')}>
          <PickedValue value={fields.start} placeholder='例如 09:00' />
        </FormRow>
      </Picker>
      <Picker mode='time' value={fields.end || plusHours(fields.start || '09:00', 2)} onChange={(e) => set('end', e.detail.value)}>
        <FormRow
          field='end'
          label='结束时间'
          required
          arrow
          error={errorOf('end')}
          hint={minutes > 0 ? `共 ${duration(minutes)}${capMinutes && minutes > capMinutes ? `，每天最多计入 ${hoursText(capMinutes)} 小时` : ''}` : undefined}
        >
          <PickedValue value={fields.end} placeholder='例如 11:30' />
        </FormRow>
      </Picker>
    </View>
  )
}

export function ReasonCard({ form }: { form: MakeupForm }) {
  const { fields, set, errorOf } = form
  return (
    <TextCard title='补签原因' field='reason' error={errorOf('reason')} hint='写清楚当时的服务内容和未能签到的原因，便于镇街团委核实' block='makeup' placeholderName='placeholder' value={fields.reason} placeholder='例如：在村委会会议室协助直播带货，室内没有信号，未能签到' maxLength={200} autoHeight onChange={(v) => set('reason', v)} />
  )
}

export function PhotoCard({ form }: { form: MakeupForm }) {
  const { photo } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        证明照片<Text className='form-card__title-note'>选填</Text>
      </Text>
      <FormRow field='photoFileId' label='' stacked error={form.errorOf('photoFileId')} hint='活动现场照片、签到表等，可帮助审核'>
        <PhotoTiles photos={photo ? [photo] : []} max={1} onAdd={() => void form.choosePhoto()} onRemove={form.removePhoto} />
      </FormRow>
    </View>
  )
}

/** The service as it will be filed, once the form says enough. */
export function Summary({ form }: { form: MakeupForm }) {
  const { fields, minutes } = form
  if (!(fields.station && fields.date && fields.start && fields.end && minutes > 0)) return null
  return (
    <View className='makeup__summary'>
      <Tag tone='blue'>预览</Tag>
      <Text className='makeup__summary-text'>
        {relativeDay(fields.date)} {fields.start}–{fields.end} · {duration(minutes)} · {fields.station.name}
      </Text>
    </View>
  )
}

export function MakeupDone({ done, date }: { done: SessionView; date: string }) {
  return (
    <DonePage
      page='makeup'
      panel='mk-done'
      status={done.status}
      title='补签已提交'
      back={{ text: '返回', onClick: () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.volunteer })) }}
    >
      <Text className='mk-done__desc'>等待{done.townshipName}团委审核，通过后计入服务时长，结果会通过微信服务通知告诉你。</Text>
      <View className='mk-done__card'>
        <View className='mk-done__row'>
          <Text className='mk-done__label'>驿站</Text>
          <Text className='mk-done__value'>{done.stationName}</Text>
        </View>
        <View className='mk-done__row'>
          <Text className='mk-done__label'>服务时间</Text>
          <Text className='mk-done__value'>
            {dayLabel(date)} {clock(done.checkInAt)}–{clock(done.checkOutAt)}
          </Text>
        </View>
        <View className='mk-done__row'>
          <Text className='mk-done__label'>时长</Text>
          <Text className='mk-done__value'>{duration(done.minutes)}</Text>
        </View>
        <View className='mk-done__row'>
          <Text className='mk-done__label'>状态</Text>
          <StatusTag status={done.status} />
        </View>
      </View>
      <FlagList flags={done.flags} />
    </DonePage>
  )
}
