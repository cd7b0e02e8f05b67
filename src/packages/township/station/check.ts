// What the station form checks before it saves, and the request it sends. The contract's checks
// (station.save's schema: names, township, coordinates in China, radius bounds, hours in order)
// are the function's: the township subpackage's size budget has no room for a copy of them (zod
// would add 85 KiB, the zod-free rules of types/field-rules.ts 3 KiB to a subpackage already at
// its 300 KiB), so the function's message is shown at the field it names (showSaveError with
// rowOfField). Here only what the schema leaves to the form: a place on the map, and a radius
// (the schema would take the settings' default), the latter in the contract's words.
// No Taro here: unit-tested in Node.
import type { InputOf } from '@contract/index'
import { RADIUS_RULE } from '@contract/station-rules'

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

/** Text left blank is left out of the request: the function then says what the contract says of a missing value (请填写…). */
const given = (s: string) => (s.trim() || undefined) as string

/** The form's fields as the request station.save gets (the id apart). */
export function requestOf(f: Fields): Omit<InputOf<'station.save'>, 'id'> {
  return {
    name: given(f.name),
    address: given(f.address),
    townshipCode: f.townshipCode,
    location: { lat: Number(f.lat), lng: Number(f.lng) },
    radiusM: Number(f.radius),
    opensAt: f.opensAt,
    closesAt: f.closesAt,
    active: f.active,
  }
}

/** What the form asks for before sending, and the request once it has it (the function checks the rest). */
export function checkStation(f: Fields, typedLocation: boolean): { errors: Errors; input?: Omit<InputOf<'station.save'>, 'id'> } {
  const errors: Errors = {}
  if (f.lat.trim() === '' || f.lng.trim() === '') errors.location = typedLocation ? '请填写纬度和经度' : '请在地图上选择驿站位置'
  if (f.radius.trim() === '') errors.radius = RADIUS_RULE.missing
  return Object.keys(errors).length > 0 ? { errors } : { errors, input: requestOf(f) }
}
