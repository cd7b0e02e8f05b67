// What the fair form checks before it saves: its would-be fair.save request, by the contract's
// own rules (types/fair-rules.ts, which fair.save's schema is built from), each problem in the
// contract's words at the row its field names. Only what the schema leaves to the form is
// checked here: both coordinates or neither, and a capacity not below the seats already taken
// (which the function checks against the store). No Taro here: unit-tested in Node.
import type { FairView } from '@contract/fair'
import { capacityBelowTaken, fairSaveIssues, type FairRequest } from '@contract/fair-rules'
import type { InputOf } from '@contract/index'
import { fieldErrors } from '@/services/form-errors'

/** The fields the form shows as the fair's view has them (the rest are text while typed: coordinates, the sign-up window's parts, counts). */
export const AS_VIEWED = ['title', 'date', 'startTime', 'endTime', 'venue', 'address', 'allowRuralYouth', 'maxPositions', 'description'] as const

export interface Fields extends Pick<FairView, (typeof AS_VIEWED)[number]> {
  lat: string
  lng: string
  opensDate: string
  opensTime: string
  closesDate: string
  closesTime: string
  capacity: string
  termDays: string
  employerIds: string[]
}

export type Row = 'title' | 'date' | 'startTime' | 'endTime' | 'venue' | 'address' | 'location' | 'signupOpens' | 'signupCloses' | 'capacity' | 'termDays' | 'maxPositions' | 'employers' | 'description'
export type Errors = Partial<Record<Row, string>>
export const ROWS: Row[] = ['title', 'date', 'startTime', 'endTime', 'venue', 'address', 'location', 'signupOpens', 'signupCloses', 'capacity', 'termDays', 'maxPositions', 'employers', 'description']

/** The contract's field names, as the function reports them, to the row that shows them. */
export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  if (head === 'signupOpensAt') return 'signupOpens'
  if (head === 'signupClosesAt') return 'signupCloses'
  if (head === 'termEndsWithinDays') return 'termDays'
  if (head === 'employerIds') return 'employers'
  if (head === 'allowRuralYouth') return 'termDays'
  return (ROWS as string[]).includes(head) ? (head as Row) : null
}

/** A field left blank is not sent: the contract then says what it says of a missing value. */
const given = (s: string) => s.trim() || undefined
const count = (s: string) => (s.trim() === '' ? undefined : Number(s))

/** The form's fields as the request fair.save would get (the id apart). */
export function requestOf(f: Fields): FairRequest {
  const located = f.lat.trim() !== '' && f.lng.trim() !== ''
  return {
    title: given(f.title),
    date: f.date,
    startTime: f.startTime,
    endTime: f.endTime,
    venue: given(f.venue),
    address: given(f.address),
    location: located ? { lat: Number(f.lat), lng: Number(f.lng) } : null,
    signupOpensAt: `${f.opensDate} ${f.opensTime}`,
    signupClosesAt: `${f.closesDate} ${f.closesTime}`,
    capacity: count(f.capacity),
    termEndsWithinDays: count(f.termDays),
    allowRuralYouth: f.allowRuralYouth,
    maxPositions: f.maxPositions,
    employerIds: f.employerIds,
    description: f.description.trim(),
  }
}

/** The inline errors, and the request once there are none (the function still has the last word). */
export function checkFair(f: Fields, confirmed: number): { errors: Errors; input?: Omit<InputOf<'fair.save'>, 'id'> } {
  const request = requestOf(f)
  const { errors } = fieldErrors(fairSaveIssues(request), rowOfField)
  if ((f.lat.trim() === '') !== (f.lng.trim() === '')) errors.location = '请同时填写纬度和经度，或都不填'
  if (!errors.capacity && request.capacity! < confirmed) errors.capacity = capacityBelowTaken(confirmed)
  if (Object.keys(errors).length > 0) return { errors }
  return { errors, input: request as Omit<InputOf<'fair.save'>, 'id'> }
}
