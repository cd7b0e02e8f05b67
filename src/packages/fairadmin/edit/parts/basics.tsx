// The fair form's first cards: name, day and times; the venue, its address and its place on the
// map (chosen on WeChat's map; typed as coordinates on the web build, which has no map).
import { Picker, Text, View } from '@tarojs/components'
import { FAIR_ADDRESS, FAIR_TITLE, FAIR_VENUE } from '@contract/fair-rules'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { chineseDate, today, weekday } from '@/components/ui/format'
import type { FairForm } from '../fields'
import { usePickLocation } from '../use-pick-location'

/** The web build for local development has no map: coordinates may be typed instead. */
const TYPED_LOCATION = process.env.TARO_ENV !== 'weapp'

export function BasicsCard({ form }: { form: FairForm }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>基本信息</Text>
      <FormRow field='title' label='名称' required error={errorOf('title')}>
        <TextInput className='fair-edit__title' value={fields.title} placeholder='如：2026 年乡村振兴志愿者岗位对接会' maxLength={FAIR_TITLE.max} onChange={(v) => set('title', v, 'title')} />
      </FormRow>
      <Picker className='fair-edit__first' mode='date' value={fields.date} start={today()} onChange={(e) => set('date', String(e.detail.value), 'date', 'signupCloses')}>
        <FormRow field='date' label='举办日期' required arrow error={errorOf('date')}>
          <PickedValue value={`${chineseDate(fields.date)} ${weekday(fields.date)}`} placeholder='选择日期' />
        </FormRow>
      </Picker>
      <Picker mode='time' value={fields.startTime} onChange={(e) => set('startTime', String(e.detail.value), 'startTime', 'endTime', 'signupCloses')}>
        <FormRow field='startTime' label='开始时间' required arrow error={errorOf('startTime')}>
          <PickedValue value={fields.startTime} placeholder='选择时间' />
        </FormRow>
      </Picker>
      <Picker mode='time' value={fields.endTime} onChange={(e) => set('endTime', String(e.detail.value), 'endTime')}>
        <FormRow field='endTime' label='结束时间' required arrow error={errorOf('endTime')}>
          <PickedValue value={fields.endTime} placeholder='选择时间' />
        </FormRow>
      </Picker>
    </View>
  )
}

function TypedLocation({ form }: { form: FairForm }) {
  const { fields, set, errorOf } = form
  return (
    <FormRow field='location' label='地图位置' stacked error={errorOf('location')} hint='选填：GCJ-02 坐标（微信定位所用的坐标系）。填写后报名者可在微信中打开地图导航。'>
      <View className='fair-edit__coords'>
        <View className='fair-edit__coord'>
          <Text className='fair-edit__coord-label'>纬度</Text>
          <TextInput className='fair-edit__lat' value={fields.lat} placeholder='23.6818' maxLength={12} onChange={(v) => set('lat', v.replace(/[^\d.]/g, ''), 'location')} />
        </View>
        <View className='fair-edit__coord'>
          <Text className='fair-edit__coord-label'>经度</Text>
          <TextInput className='fair-edit__lng' value={fields.lng} placeholder='113.0560' maxLength={12} onChange={(v) => set('lng', v.replace(/[^\d.]/g, ''), 'location')} />
        </View>
      </View>
    </FormRow>
  )
}

function MapLocation({ form }: { form: FairForm }) {
  const { fields, errorOf } = form
  const { picking, pick } = usePickLocation(fields, (update) => {
    form.setFields(update)
    form.clear('location')
  })
  const hasLocation = fields.lat.trim() !== '' && fields.lng.trim() !== ''
  return (
    <FormRow field='location' label='地图位置' error={errorOf('location')} hint='选填：选定后报名者可在地图上导航到会场' onClick={() => void pick()}>
      {hasLocation ? (
        <View className='fair-edit__picked'>
          <Text className='fair-edit__picked-main'>已选定位置</Text>
          <Text className='fair-edit__picked-sub'>
            {fields.lat}, {fields.lng}
          </Text>
        </View>
      ) : (
        <PickedValue value='' placeholder={picking ? '正在打开地图…' : '在地图上选择会场'} />
      )}
    </FormRow>
  )
}

export function VenueCard({ form }: { form: FairForm }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>会场</Text>
      <FormRow field='venue' label='会场' required error={errorOf('venue')}>
        <TextInput className='fair-edit__venue' value={fields.venue} placeholder='如：清远市青少年宫' maxLength={FAIR_VENUE.max} onChange={(v) => set('venue', v, 'venue')} />
      </FormRow>
      <FormRow field='address' label='地址' required error={errorOf('address')}>
        <TextInput className='fair-edit__address' value={fields.address} placeholder='如：清城区北江一路 8 号' maxLength={FAIR_ADDRESS.max} onChange={(v) => set('address', v, 'address')} />
      </FormRow>
      {TYPED_LOCATION ? <TypedLocation form={form} /> : <MapLocation form={form} />}
    </View>
  )
}
