// The station form's cards: what the station is and where (基本信息), its point and fence
// (签到位置), its hours and whether check-ins are on (开放与签到), and the way to its codes.
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { RADIUS_RULE, STATION_ADDRESS, STATION_NAME } from '@contract/station-rules'
import { ROUTES } from '@/constants/routes'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { Toggle } from '@/components/ui/Toggle'
import { TYPED_LOCATION, type Station, type StationFormState } from './use-station-form'

const RADIUS_PRESETS = [100, 200, 300, 500, 1000]

/** The station being edited: its name, place and whether it is on. */
export function StationHero({ station }: { station: Station }) {
  return (
    <View className='station-form__hero'>
      <Text className='station-form__hero-name'>{station.name}</Text>
      <Text className='station-form__hero-sub'>
        {station.countyName} · {station.townshipName} · {station.active ? '启用中' : '已停用'}
      </Text>
    </View>
  )
}

export function BasicsCard({ form, onPickPlace, singleName }: { form: StationFormState; onPickPlace: () => void; singleName?: string }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>基本信息</Text>
      <FormRow field='name' label='驿站名称' required error={errorOf('name')}>
        <TextInput className='station-form__name' value={fields.name} placeholder='例如：凤城街道青年志愿服务驿站' maxLength={STATION_NAME.max} onChange={(v) => set('name', v)} />
      </FormRow>
      <FormRow field='townshipCode' label='所属镇街' required error={errorOf('townshipCode')} onClick={form.fixedPlace ? undefined : onPickPlace}>
        {form.fixedPlace ? <Text className='form-row__readonly'>{form.placeText || singleName}</Text> : <PickedValue value={form.placeText} placeholder='选择县（市、区）和镇街' />}
      </FormRow>
      <FormRow field='address' label='详细地址' required error={errorOf('address')}>
        <TextInput className='station-form__address' value={fields.address} placeholder='例如：凤城街道新城中心区 2 号楼' maxLength={STATION_ADDRESS.max} onChange={(v) => set('address', v)} />
      </FormRow>
    </View>
  )
}

/** The point: typed (web build for development) or picked on WeChat's map. */
function PointRow({ form }: { form: StationFormState }) {
  const { fields, set, errorOf, location } = form
  if (TYPED_LOCATION) {
    return (
      <FormRow field='location' label='坐标' required stacked error={errorOf('location')} hint='开发环境没有地图：请填写 GCJ-02 坐标（微信定位所用的坐标系），如 23.697524、113.055469'>
        <View className='station-form__coords'>
          <View className='station-form__coord'>
            <Text className='station-form__coord-label'>纬度</Text>
            <TextInput className='station-form__lat' value={fields.lat} placeholder='23.697524' maxLength={12} onChange={(v) => set('lat', v.replace(/[^\d.]/g, ''))} />
          </View>
          <View className='station-form__coord'>
            <Text className='station-form__coord-label'>经度</Text>
            <TextInput className='station-form__lng' value={fields.lng} placeholder='113.055469' maxLength={12} onChange={(v) => set('lng', v.replace(/[^\d.]/g, ''))} />
          </View>
        </View>
        <Text className='station-form__here' onClick={() => void location.locateHere?.()}>
          {location.locating ? '正在定位…' : '◎ 使用我当前的位置（人在驿站时）'}
        </Text>
      </FormRow>
    )
  }
  const hasLocation = fields.lat.trim() !== '' && fields.lng.trim() !== ''
  return (
    <FormRow field='location' label='位置' required error={errorOf('location')} onClick={() => void location.pick()}>
      {hasLocation ? (
        <View className='station-form__picked'>
          <Text className='station-form__picked-main'>已选定位置</Text>
          <Text className='station-form__picked-sub'>
            {fields.lat}, {fields.lng}
          </Text>
        </View>
      ) : (
        <PickedValue value='' placeholder={location.picking ? '正在打开地图…' : '在地图上选择驿站位置'} />
      )}
    </FormRow>
  )
}

export function LocationCard({ form }: { form: StationFormState }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        签到位置
        <Text className='form-card__title-note'>志愿者须在范围内才能签到</Text>
      </Text>
      <PointRow form={form} />
      <FormRow field='radius' label='签到半径' required stacked error={errorOf('radius')} hint={`${RADIUS_RULE.min}–${RADIUS_RULE.max} 米。定位精度会一并考虑；室内信号弱的驿站可适当放宽。`}>
        <View className='station-form__radius'>
          <View className='station-form__radius-input'>
            <TextInput className='station-form__radius-value' type='number' value={fields.radius} placeholder='300' maxLength={String(RADIUS_RULE.max).length} onChange={(v) => set('radius', v.replace(/\D/g, ''))} />
            <Text className='station-form__unit'>米</Text>
          </View>
          <View className='station-form__presets'>
            {RADIUS_PRESETS.map((r) => (
              <View key={r} className={`tw-preset station-form__preset ${fields.radius === String(r) ? 'tw-preset--on station-form__preset--on' : ''}`} onClick={() => set('radius', String(r))}>
                <Text>{r}</Text>
              </View>
            ))}
          </View>
        </View>
      </FormRow>
    </View>
  )
}

export function OpeningCard({ form }: { form: StationFormState }) {
  const { fields, set, errorOf } = form
  return (
    <View className='form-card'>
      <Text className='form-card__title'>开放与签到</Text>
      <Picker className='station-form__first' mode='time' value={fields.opensAt} onChange={(e) => set('opensAt', e.detail.value)}>
        <FormRow field='opensAt' label='开放时间' required arrow error={errorOf('opensAt')}>
          <PickedValue value={fields.opensAt} placeholder='选择时间' />
        </FormRow>
      </Picker>
      <Picker mode='time' value={fields.closesAt} onChange={(e) => set('closesAt', e.detail.value)}>
        <FormRow field='closesAt' label='关闭时间' required arrow error={errorOf('closesAt')}>
          <PickedValue value={fields.closesAt} placeholder='选择时间' />
        </FormRow>
      </Picker>
      <FormRow field='active' label='启用签到' error={errorOf('active')} hint={fields.active ? '志愿者可以扫码在此驿站签到' : '已停用：志愿者无法在此签到，已有记录不受影响'}>
        <View className='station-form__switch'>
          <Toggle className='station-form__active' on={fields.active} onChange={(v) => set('active', v)} />
        </View>
      </FormRow>
    </View>
  )
}

/** To the station's printed code and kiosk mode. */
export function CodesLink({ id }: { id: string }) {
  return (
    <View className='form-card station-form__codes' onClick={() => void Taro.navigateTo({ url: `${ROUTES.stationCodes}?id=${encodeURIComponent(id)}` })}>
      <View className='station-form__codes-row'>
        <View className='station-form__codes-main'>
          <Text className='station-form__codes-title'>签到码</Text>
          <Text className='station-form__codes-desc'>打印张贴的小程序码，或在驿站手机上显示现场签到码</Text>
        </View>
        <Text className='form-row__arrow'>›</Text>
      </View>
    </View>
  )
}
