// What the station form checks before it saves: its would-be station.save request, by the
// contract's own rules (types/station-rules.ts, which station.save's schema is built from), each
// problem in the contract's words at the row its field names. Only what the schema leaves to the
// form is checked here: a place on the map and a radius are required (the function would take
// the settings' default radius). No Taro here: unit-tested in Node.
import type { InputOf } from '@contract/index'
import { RADIUS_RULE, stationSaveIssues, type StationRequest } from '@contract/station-rules'
import { fieldErrors } from '@/services/form-errors'

export interface Fields {
  name: string
  address: string
  townshipCode: string
  /** Text while typed (the web stand-in for the map), numbers once picked. */
  lat: string
  lng: string
  radius: string
  opensAt: string
  closesAt: string
  active: boolean
}

export const ROWS = ['name', 'address', 'townshipCode', 'location', 'radius', 'opensAt', 'closesAt', 'active'] as const
export type Row = (typeof ROWS)[number]
export type Errors = Partial<Record<Row, string>>

/** The contract's field names, as the function reports them, to the row that shows them. */
export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  if (head === 'location') return 'location'
  if (head === 'radiusM') return 'radius'
  return (ROWS as readonly string[]).includes(head) ? (head as Row) : null
}

/** A field left blank is not sent: the contract then says what it says of a missing value (请填写…). */
const given = (s: string) => s.trim() || undefined

/** The form's fields as the request station.save would get (the id apart). */
export function requestOf(f: Fields): StationRequest {
  return {
    name: given(f.name),
    address: given(f.address),
    townshipCode: f.townshipCode || undefined,
    location: { lat: Number(f.lat), lng: Number(f.lng) },
    radiusM: f.radius.trim() === '' ? undefined : Number(f.radius),
    opensAt: f.opensAt,
    closesAt: f.closesAt,
    active: f.active,
  }
}

/** The inline errors, and the request once there are none (the function still has the last word). */
export function checkStation(f: Fields, typedLocation: boolean): { errors: Errors; input?: Omit<InputOf<'station.save'>, 'id'> } {
  const request = requestOf(f)
  const { errors } = fieldErrors(stationSaveIssues(request), rowOfField)
  if (f.lat.trim() === '' || f.lng.trim() === '') errors.location = typedLocation ? '请填写纬度和经度' : '请在地图上选择驿站位置'
  if (request.radiusM === undefined) errors.radius = RADIUS_RULE.missing
  if (Object.keys(errors).length > 0) return { errors }
  return { errors, input: request as Omit<InputOf<'station.save'>, 'id'> }
}
