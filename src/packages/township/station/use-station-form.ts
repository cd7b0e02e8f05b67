// The station form's state: the station loaded (its fields filled in from it) or a new one's
// defaults, the place it is in, the fields as edited, their errors (the form's own check once a
// save was tried, the function's until the field is edited), and the save through the kit's
// useSubmit: the check, the 停用 confirmation, station.save, back to the list.
import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { goBackOr } from '@/services/navigation'
import { loadDivisions, type County, type Divisions } from '@/components/admin/shared'
import { placesInReach, type StaffScope } from '@/components/township/shared'
import { usePageState, type PageLoad } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { checkStation, rowOfField, ROWS, type Fields, type Row } from './check'
import { fixed6 } from '@/components/ui/format'
import { useStationLocation, type StationLocation } from './use-station-location'

export type Station = OutputOf<'station.get'>
/** The station as saved (none for a new one), and the places it may be in. */
export type Loaded = { original: Station | null; divisions: Divisions }

/** The web build for local development has no map key: coordinates are typed instead. */
export const TYPED_LOCATION = process.env.TARO_ENV === 'h5' && process.env.TARO_APP_DEV_TOOLS === 'true'

export const NEW_STATION: Fields = { name: '', address: '', townshipCode: '', lat: '', lng: '', radius: '', opensAt: '08:30', closesAt: '17:30', active: true }

export function fromStation(s: Station): Fields {
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

/** The row that shows a field. */
const rowOf = (key: keyof Fields): Row => (key === 'lat' || key === 'lng' ? 'location' : key)

export interface StationFormState {
  load: PageLoad<Loaded>
  original: Station | null
  fields: Fields
  set: <K extends keyof Fields>(key: K, value: Fields[K]) => void
  errorOf: (row: Row) => string | undefined
  /** The counties and townships the station may be in. */
  places: County[]
  /** Where the station is now: its county, and 「县 · 镇街」. */
  county: County | undefined
  placeText: string
  /** Staff of one township: the place is theirs, not chosen. */
  fixedPlace: boolean
  location: StationLocation
  saving: boolean
  save: () => Promise<void>
}

/** `id`: the station edited ('' for a new one); `presetTownship`: the one a new station is asked for in. */
export function useStationForm(id: string, presetTownship: string, scope: StaffScope | null): StationFormState {
  const [fields, setFields] = useState<Fields>(NEW_STATION)
  const submit = useSubmit(ROWS, rowOfField)

  // The station (its fields filled in from it), or a new one's: the township if only one is in
  // reach (or the one asked for), the settings' radius. Once, when the scope is known.
  const load = usePageState<Loaded>(
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
        const reachable = placesInReach(scope, divisions).flatMap((c) => c.townships.map((t) => t.code))
        const townshipCode = scope.single?.code ?? (reachable.includes(presetTownship) ? presetTownship : reachable.length === 1 ? reachable[0] : '')
        setFields((f) => ({ ...f, townshipCode, radius: String(settings?.defaultRadiusM ?? 300) }))
      }
      return { original: station, divisions }
    },
    [],
    !!scope,
  )
  const loaded = load.state.kind === 'ready' ? load.state.data : null
  const original = loaded?.original ?? null
  const divisions = loaded?.divisions ?? null

  const places = useMemo(() => (scope ? placesInReach(scope, divisions) : []), [scope, divisions])
  const county = places.find((c) => c.townships.some((t) => t.code === fields.townshipCode))
  const township = county?.townships.find((t) => t.code === fields.townshipCode)
  // Editing a station of a township outside the pickable list (e.g. it was moved): show its own name.
  const placeText = county && township ? `${county.name} · ${township.name}` : original && original.townshipCode === fields.townshipCode ? `${original.countyName} · ${original.townshipName}` : ''
  const fixedPlace = !!scope?.single && (!original || original.townshipCode === scope.single.code)

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    submit.clearError(rowOf(key))
  }

  const clientErrors = useMemo(() => (submit.tried ? checkStation(fields, TYPED_LOCATION).errors : {}), [submit.tried, fields])
  const errorOf = (row: Row) => submit.serverErrors[row] || clientErrors[row] || undefined

  const location = useStationLocation(
    fields,
    setFields,
    () => submit.clearError('location'),
    (message) => submit.markError('location', message),
  )

  const save = async () => {
    await submit.submit({
      check: () => checkStation(fields, TYPED_LOCATION).errors,
      confirm: async () => {
        if (!original?.active || fields.active) return true
        const { confirm } = await Taro.showModal({
          title: '停用驿站',
          content: `停用后，志愿者将无法在「${original.name}」签到，现场签到码也会失效；已有的服务记录不受影响，之后可以重新启用。`,
          confirmText: '停用',
          confirmColor: '#d93a2b',
        })
        return confirm
      },
      send: async () => {
        const { input } = checkStation(fields, TYPED_LOCATION)
        const saved = await call('station.save', { ...(id ? { id } : {}), ...input! })
        markChanged('township-stations', 'township-home')
        load.setData((d) => ({ ...d, original: saved }))
        void Taro.showToast({ title: id ? '已保存' : '驿站已创建', icon: 'success' })
        setTimeout(() => goBackOr(ROUTES.stations), 700)
      },
    })
  }

  return { load, original, fields, set, errorOf, places, county, placeText, fixedPlace, location, saving: submit.busy, save }
}
