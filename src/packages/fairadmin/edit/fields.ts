// The fair form's fields: a new fair's (in two weeks, sign-up from now until the day before), or
// a saved fair's as the form shows them. No Taro here: unit-tested in Node.
import type { FairView } from '@contract/fair'
import type { InputOf } from '@contract/index'
import { addDays, dateTime, fixed6, today } from '@/components/ui/format'
import type { CheckedForm } from '@/components/fair/use-checked-form'
import { AS_VIEWED, type Fields, type Row } from './check'

/** The form as its sections get it. */
export type FairForm = CheckedForm<Fields, Row, Omit<InputOf<'fair.save'>, 'id'>>

export function blankFields(now = Date.now()): Fields {
  const at = dateTime(now)
  const date = addDays(today(now), 14)
  return {
    title: '',
    date,
    startTime: '09:00',
    endTime: '12:00',
    venue: '',
    address: '',
    lat: '',
    lng: '',
    opensDate: at.slice(0, 10),
    opensTime: at.slice(11, 16),
    closesDate: addDays(date, -1),
    closesTime: '18:00',
    capacity: '',
    termDays: '180',
    allowRuralYouth: false,
    maxPositions: 3,
    employerIds: [],
    description: '',
  }
}

export function fieldsOf(f: FairView): Fields {
  const opens = dateTime(f.signupOpensAt)
  const closes = dateTime(f.signupClosesAt)
  return {
    ...(Object.fromEntries(AS_VIEWED.map((k) => [k, f[k]])) as Pick<FairView, (typeof AS_VIEWED)[number]>),
    lat: f.location ? fixed6(f.location.lat) : '',
    lng: f.location ? fixed6(f.location.lng) : '',
    opensDate: opens.slice(0, 10),
    opensTime: opens.slice(11, 16),
    closesDate: closes.slice(0, 10),
    closesTime: closes.slice(11, 16),
    capacity: String(f.capacity),
    termDays: String(f.termEndsWithinDays),
    employerIds: f.employers.map((e) => e.id),
  }
}

/** A published fair whose day, start or venue changes: those signed up are not told by the app. */
export function movesPublished(original: Pick<FairView, 'status' | 'date' | 'startTime' | 'venue'> | null, next: { date: string; startTime: string; venue: string }): boolean {
  return !!original && original.status === 'published' && (original.date !== next.date || original.startTime !== next.startTime || original.venue !== next.venue)
}
