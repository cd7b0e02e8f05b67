// What the position form checks before it saves: its would-be fair.savePosition request, by the
// contract's own rules (types/position-rules.ts, which the schema is built from), each problem in the
// contract's words at the row its field names. Only what the schema leaves to the form is checked
// here: the county must be chosen (the schema takes none as outside Qingyuan), and a salary must
// be a sum of yuan before it can be fen. No Taro here: unit-tested in Node.
import { positionSaveIssues, type PositionRequest } from '@contract/position-rules'
import type { InputOf } from '@contract/index'
import { fenOfYuan } from '@/components/fair/format'
import { fieldErrors } from '@/services/form-errors'

export interface Fields {
  employerId: string
  title: string
  openings: string
  place: string
  /** null: not chosen yet; '' outside Qingyuan. */
  countyCode: string | null
  requirements: string
  salaryMin: string
  salaryMax: string
  contactName: string
  contactPhone: string
}
export type Row = keyof Fields
export type Errors = Partial<Record<Row, string>>
export const ROWS: Row[] = ['employerId', 'title', 'openings', 'place', 'countyCode', 'requirements', 'salaryMin', 'salaryMax', 'contactName', 'contactPhone']

/** The contract's field names, as the function reports them, to the row that shows them. */
export function rowOfField(field: string): Row | null {
  if (field === 'salaryMinFen') return 'salaryMin'
  if (field === 'salaryMaxFen') return 'salaryMax'
  return (ROWS as string[]).includes(field) ? (field as Row) : null
}

/** A field left blank is not sent: the contract then says what it says of a missing value. */
const given = (s: string) => s.trim() || undefined
/** Typed yuan as fen; NaN when it is not a sum (the form says so in its own words). */
const fen = (s: string) => (s.trim() === '' ? undefined : (fenOfYuan(s) ?? NaN))

/** The form's fields as the request fair.savePosition would get (the id apart). */
export function requestOf(f: Fields, fairId: string): PositionRequest {
  return {
    fairId,
    employerId: f.employerId || undefined,
    title: given(f.title),
    openings: f.openings.trim() === '' ? undefined : Number(f.openings),
    place: given(f.place),
    countyCode: f.countyCode ?? '',
    requirements: given(f.requirements),
    salaryMinFen: fen(f.salaryMin),
    salaryMaxFen: fen(f.salaryMax),
    contactName: given(f.contactName),
    contactPhone: given(f.contactPhone),
  }
}

const NOT_A_SUM = '月薪请填写金额（元），最多两位小数'

/** The inline errors, and the request once there are none (the function still has the last word). */
export function checkPosition(f: Fields, fairId: string): { errors: Errors; input?: InputOf<'fair.savePosition'> } {
  const request = requestOf(f, fairId)
  const { errors } = fieldErrors(positionSaveIssues(request), rowOfField)
  if (f.countyCode === null) errors.countyCode = '请选择工作所在县（市、区）；不在清远的请选「清远市外」'
  if (Number.isNaN(request.salaryMinFen)) errors.salaryMin = NOT_A_SUM
  if (Number.isNaN(request.salaryMaxFen)) errors.salaryMax = NOT_A_SUM
  if (Object.keys(errors).length > 0) return { errors }
  return { errors, input: request as InputOf<'fair.savePosition'> }
}
