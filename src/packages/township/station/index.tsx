// 驿站信息 (?id= to edit, none to create; ?township= preselects one): name, address, township,
// the GCJ-02 location picked on WeChat's map, the check-in radius, opening hours and whether
// volunteers may check in. The function's errors land under the field they name.
import { useEffect, useMemo, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { hereProblem, readHere } from './here'
import { checkStation, rowOfField, ROWS, type Errors, type Fields, type Row } from './check'
import { RADIUS_RULE, STATION_ADDRESS, STATION_NAME } from '@contract/station-rules'
import type { OutputOf } from '@contract/index'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { PlaceSheet } from '@/components/ui/PlaceSheet'
import { TextInput } from '@/components/ui/TextInput'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { showSaveError } from '@/services/forms'
import { goBackOr, scrollToField } from '@/services/navigation'
import { decodeParam, loadDivisions, type Divisions } from '@/components/admin/shared'
import { placesInReach, useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { Toggle } from '@/components/ui/Toggle'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { markChanged } from '@/services/changes'

import './index.scss'

type Station = OutputOf<'station.get'>
/** The station as saved (none for a new one), and the places it may be in. */
type Loaded = { original: Station | null; divisions: Divisions }

/** The web build for local development has no map key: coordinates are typed instead. */
/** A reading coarser than this is no good as a station's point (its fence is 50–500 m): say so. */
const STATION_FIX_ACCURACY_M = 100
const TYPED_LOCATION = process.env.TARO_ENV === 'h5' && process.env.TARO_APP_DEV_TOOLS === 'true'
const RADIUS_PRESETS = [100, 200, 300, 500, 1000]

const fixed6 = (n: number) => String(Math.round(n * 1e6) / 1e6)

function fromStation(s: Station): Fields {
  return {
    name: s.name,
    address: s.address,
    townshipCode: s.townshipCode,
    lat: fixed6(s.location.lat),
    lng: fixed6(s.location.lng),
    radius: String(s.radiusM),
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    active: s.active,
  }
}

export default function StationForm() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null

  const [fields, setFields] = useState<Fields>({ name: '', address: '', townshipCode: '', lat: '', lng: '', radius: '', opensAt: '08:30', closesAt: '17:30', active: true })
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  const [placeOpen, setPlaceOpen] = useState(false)
  const [picking, setPicking] = useState(false)
  const [locating, setLocating] = useState(false)

  // The station (its fields filled in from it), or a new one's: the township if only one is in
  // reach (or the one asked for), the settings' radius. Once, when the scope is known.
  const form = usePageState<Loaded>(
    async () => {
      if (!scope) throw new Error('the scope is not known yet') // (never: the load waits for it)
      const [station, settings, divisions] = await Promise.all([
        id ? call('station.get', { id }) : Promise.resolve(null),
        id ? Promise.resolve(null) : call('settings.get', {}),
        loadDivisions(),
      ])
      if (station) {
        setFields(fromStation(station))
      } else {
        const preset = decodeParam(params.township)
        const reachable = placesInReach(scope, divisions).flatMap((c) => c.townships.map((t) => t.code))
        const townshipCode = scope.single?.code ?? (reachable.includes(preset) ? preset : reachable.length === 1 ? reachable[0] : '')
        setFields((f) => ({ ...f, townshipCode, radius: String(settings?.defaultRadiusM ?? 300) }))
      }
      return { original: station, divisions }
    },
    [],
    !!scope,
  )
  const loaded = form.state.kind === 'ready' ? form.state.data : null
  const original = loaded?.original ?? null
  const divisions = loaded?.divisions ?? null

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑驿站' : '新建驿站' })
  }, [])

  usePullDownRefresh(() => {
    // A form being filled in is not thrown away by a pull: only a failed load is retried.
    const retry = !scope ? reloadScope(true) : form.state.kind !== 'ready' && form.state.kind !== 'loading' ? form.reload() : Promise.resolve()
    void retry.finally(() => Taro.stopPullDownRefresh())
  })

  const places = useMemo(() => (scope ? placesInReach(scope, divisions) : []), [scope, divisions])
  const county = places.find((c) => c.townships.some((t) => t.code === fields.townshipCode))
  const township = county?.townships.find((t) => t.code === fields.townshipCode)
  // Editing a station of a township outside the pickable list (e.g. it was moved): show its own name.
  const placeText = county && township ? `${county.name} · ${township.name}` : original && original.townshipCode === fields.townshipCode ? `${original.countyName} · ${original.townshipName}` : ''
  const fixedPlace = !!scope?.single && (!original || original.townshipCode === scope.single.code)

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    const row: Row = key === 'lat' || key === 'lng' ? 'location' : (key as Exclude<keyof Fields, 'lat' | 'lng'>)
    setServerErrors((e) => {
      if (!e[row]) return e
      const rest = { ...e }
      delete rest[row]
      return rest
    })
  }

  const clientErrors = useMemo(() => (tried ? checkStation(fields, TYPED_LOCATION).errors : {}), [tried, fields])
  const errorOf = (row: keyof Errors) => serverErrors[row] || clientErrors[row] || undefined

  /** Staff standing at the station take its coordinates from their own position. */
  const useMyLocation = async () => {
    if (locating || !readHere) return
    setLocating(true)
    try {
      const here = await readHere()
      setFields((f) => ({ ...f, lat: fixed6(here.lat), lng: fixed6(here.lng) }))
      setServerErrors((e) => ({ ...e, location: undefined }))
      if (here.accuracy > STATION_FIX_ACCURACY_M) void Taro.showToast({ title: `定位精度约 ${here.accuracy} 米，请核对坐标`, icon: 'none', duration: 3000 })
    } catch (err) {
      setServerErrors((e) => ({ ...e, location: hereProblem(err) }))
    } finally {
      setLocating(false)
    }
  }

  const pickLocation = async () => {
    if (picking) return
    setPicking(true)
    try {
      const lat = Number(fields.lat)
      const lng = Number(fields.lng)
      const here = fields.lat && fields.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {}
      const res = await Taro.chooseLocation(here as Taro.chooseLocation.Option)
      setFields((f) => ({
        ...f,
        lat: fixed6(res.latitude),
        lng: fixed6(res.longitude),
        // A new station takes the map's address when none was typed.
        address: f.address.trim() ? f.address : (res.address || res.name || '').slice(0, 80),
      }))
      setServerErrors((e) => ({ ...e, location: undefined }))
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      if (/auth|deny|permission/i.test(msg)) {
        const { confirm } = await Taro.showModal({ title: '需要位置权限', content: '选择驿站位置需要使用你的位置信息，请在设置中允许后重试。', confirmText: '去设置', confirmColor: '#d93a2b' })
        if (confirm) void Taro.openSetting()
        return
      }
      void Taro.showToast({ title: '暂时无法打开地图选点，请稍后再试', icon: 'none' })
    } finally {
      setPicking(false)
    }
  }

  const save = async () => {
    if (saving) return
    setTried(true)
    const checked = checkStation(fields, TYPED_LOCATION)
    if (!checked.input) {
      const rows = ROWS.filter((r) => checked.errors[r])
      if (rows[0]) scrollToField(rows[0])
      void Taro.showToast({ title: rows.length > 1 ? `还有 ${rows.length} 项需要修改` : '请按提示修改后再保存', icon: 'none' })
      return
    }
    if (original?.active && !fields.active) {
      const { confirm } = await Taro.showModal({
        title: '停用驿站',
        content: `停用后，志愿者将无法在「${original.name}」签到，现场签到码也会失效；已有的服务记录不受影响，之后可以重新启用。`,
        confirmText: '停用',
        confirmColor: '#d93a2b',
      })
      if (!confirm) return
    }
    setSaving(true)
    try {
      const saved = await call('station.save', { ...(id ? { id } : {}), ...checked.input })
      markChanged('township-stations', 'township-home')
      form.setData((d) => ({ ...d, original: saved }))
      void Taro.showToast({ title: id ? '已保存' : '驿站已创建', icon: 'success' })
      setTimeout(() => goBackOr(ROUTES.stations), 700)
    } catch (err) {
      showSaveError(err, rowOfField, (row, message) => setServerErrors((e) => ({ ...e, [row]: message })))
    } finally {
      setSaving(false)
    }
  }

  const hasLocation = fields.lat.trim() !== '' && fields.lng.trim() !== ''

  return (
    <View className={scope && loaded ? 'form-page form-page--with-bar station-form' : 'panel-page'}>
      <PageStates
        gate={state}
        state={form.state}
        retry={() => void (scope ? form.reload() : reloadScope(true))}
        denied={staffDenied(state)}
        notFound={{ title: '驿站不存在', action: { text: '返回驿站列表', onClick: () => goBackOr(ROUTES.stations) } }}
      >
        {() => (
          <>
            {id && original && (
              <View className='station-form__hero'>
                <Text className='station-form__hero-name'>{original.name}</Text>
                <Text className='station-form__hero-sub'>
                  {original.countyName} · {original.townshipName} · {original.active ? '启用中' : '已停用'}
                </Text>
              </View>
            )}

            <View className='form-card'>
              <Text className='form-card__title'>基本信息</Text>
              <FormRow field='name' label='驿站名称' required error={errorOf('name')}>
                <TextInput className='station-form__name' value={fields.name} placeholder='例如：凤城街道青年志愿服务驿站' maxLength={STATION_NAME.max} onChange={(v) => set('name', v)} />
              </FormRow>
              <FormRow field='townshipCode' label='所属镇街' required error={errorOf('townshipCode')} onClick={fixedPlace ? undefined : () => setPlaceOpen(true)}>
                {fixedPlace ? (
                  <Text className='form-row__readonly'>{placeText || scope?.single?.name}</Text>
                ) : (
                  <PickedValue value={placeText} placeholder='选择县（市、区）和镇街' />
                )}
              </FormRow>
              <FormRow field='address' label='详细地址' required error={errorOf('address')}>
                <TextInput className='station-form__address' value={fields.address} placeholder='例如：凤城街道新城中心区 2 号楼' maxLength={STATION_ADDRESS.max} onChange={(v) => set('address', v)} />
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>
                签到位置
                <Text className='form-card__title-note'>志愿者须在范围内才能签到</Text>
              </Text>
              {TYPED_LOCATION ? (
                <FormRow
                  field='location'
                  label='坐标'
                  required
                  stacked
                  error={errorOf('location')}
                  hint='开发环境没有地图：请填写 GCJ-02 坐标（微信定位所用的坐标系），如 23.697524、113.055469'
                >
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
                  <Text className='station-form__here' onClick={() => void useMyLocation()}>
                    {locating ? '正在定位…' : '◎ 使用我当前的位置（人在驿站时）'}
                  </Text>
                </FormRow>
              ) : (
                <FormRow field='location' label='位置' required error={errorOf('location')} onClick={() => void pickLocation()}>
                  {hasLocation ? (
                    <View className='station-form__picked'>
                      <Text className='station-form__picked-main'>已选定位置</Text>
                      <Text className='station-form__picked-sub'>
                        {fields.lat}, {fields.lng}
                      </Text>
                    </View>
                  ) : (
                    <PickedValue value='' placeholder={picking ? '正在打开地图…' : '在地图上选择驿站位置'} />
                  )}
                </FormRow>
              )}
              <FormRow
                field='radius'
                label='签到半径'
                required
                stacked
                error={errorOf('radius')}
                hint={`${RADIUS_RULE.min}–${RADIUS_RULE.max} 米。定位精度会一并考虑；室内信号弱的驿站可适当放宽。`}
              >
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
              <FormRow
                field='active'
                label='启用签到'
                error={errorOf('active')}
                hint={fields.active ? '志愿者可以扫码在此驿站签到' : '已停用：志愿者无法在此签到，已有记录不受影响'}
              >
                <View className='station-form__switch'>
                  <Toggle className='station-form__active' on={fields.active} onChange={(v) => set('active', v)} />
                </View>
              </FormRow>
            </View>

            {id && original && (
              <View className='form-card station-form__codes' onClick={() => void Taro.navigateTo({ url: `${ROUTES.stationCodes}?id=${encodeURIComponent(id)}` })}>
                <View className='station-form__codes-row'>
                  <View className='station-form__codes-main'>
                    <Text className='station-form__codes-title'>签到码</Text>
                    <Text className='station-form__codes-desc'>打印张贴的小程序码，或在驿站手机上显示现场签到码</Text>
                  </View>
                  <Text className='form-row__arrow'>›</Text>
                </View>
              </View>
            )}

            <View className='form-bar'>
              <Button busy={saving} className='station-form__save' onClick={() => void save()}>
                {saving ? '正在保存…' : id ? '保存修改' : '创建驿站'}
              </Button>
            </View>

            <PlaceSheet
              visible={placeOpen}
              title='选择所属镇街'
              counties={places}
              countyCode={county?.code ?? ''}
              townshipCode={fields.townshipCode}
              onClose={() => setPlaceOpen(false)}
              onChoose={(_c, t) => {
                set('townshipCode', t)
                setPlaceOpen(false)
              }}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}
