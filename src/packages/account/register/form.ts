// The registration form without Taro: its fields, the request it makes, the contract's check as
// inline errors per row, and where a field the function names is shown. Unit-tested in Node.
import { idCardFacts, idNumberProblem, normalizeIdNumber } from '@contract/personal'
import {
  PRIVACY_VERSION,
  RuralYouthForm,
  SENSITIVE_CONSENT_VERSION,
  SKILLS,
  VolunteerForm,
  type MyRegistration,
  type RegistrationKind,
} from '@contract/registration'
import { dateOf, today, ymdOf } from '@/components/ui/format'
import { fieldErrors } from '@/services/form-errors'

/** The registration's fields the form edits, as MyRegistration gives them back. */
const FIELD_NAMES = ['name', 'idNumber', 'mobile', 'countyCode', 'townshipCode', 'school', 'major', 'graduationYear', 'politicalStatus', 'skills', 'termStart', 'termEnd', 'occupation'] as const
export type Fields = Pick<MyRegistration, (typeof FIELD_NAMES)[number]>

export const EMPTY: Fields = {
  name: '',
  idNumber: '',
  mobile: '',
  countyCode: '',
  townshipCode: '',
  school: '',
  major: '',
  graduationYear: null,
  politicalStatus: '',
  skills: [],
  termStart: '',
  termEnd: '',
  occupation: '',
}

export interface Consents {
  privacy: boolean
  sensitive: boolean
}

export const MAX_SKILLS = 6

export const COPY: Record<RegistrationKind, { title: string; lead: string; place: string; submit: string }> = {
  volunteer: {
    title: '乡村振兴志愿者注册',
    lead: '广东高校毕业生志愿服务乡村振兴行动。提交后由服务镇街所在的县（市、区）团委审核。',
    place: '服务镇街',
    submit: '提交注册',
  },
  rural_youth: {
    title: '农村青年登记',
    lead: '登记后可申请创业贴息贷款、报名岗位对接会和培训。提交后由所在县（市、区）团委审核。',
    place: '所在镇街',
    submit: '提交登记',
  },
}

/** Rows from top to bottom: the first one with an error is scrolled into view. */
export const ROWS = [
  'name',
  'idNumber',
  'mobile',
  'townshipCode',
  'termStart',
  'termEnd',
  'school',
  'major',
  'graduationYear',
  'politicalStatus',
  'skills',
  'occupation',
  'privacyVersion',
  'sensitiveVersion',
] as const
export type Row = (typeof ROWS)[number]
export type Errors = Partial<Record<Row, string>>

/** Contract fields shown in another row: the ID's derived facts, the county with its township. */
const ROW_OF: Record<string, Row> = { gender: 'idNumber', birthDate: 'idNumber', countyCode: 'townshipCode' }

/** A field as the contract (or the function) names it ('skills.2') to the row that shows it. */
export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  if (ROW_OF[head]) return ROW_OF[head]
  return (ROWS as readonly string[]).includes(head) ? (head as Row) : null
}

/** Rows whose blank text asks to be filled in the row's own words. */
const LABELS: Partial<Record<Row, string>> = {
  name: '姓名',
  idNumber: '身份证号',
  mobile: '手机号',
  school: '毕业院校',
  major: '所学专业',
  occupation: '从事的行业或项目',
}

/** The request the function gets: the facts the ID number gives, the consents only when ticked. */
export function requestOf(kind: RegistrationKind, f: Fields, consents: Consents) {
  const id = normalizeIdNumber(f.idNumber)
  const facts = idNumberProblem(id, today()) ? null : idCardFacts(id)
  const base = {
    name: f.name,
    idNumber: f.idNumber,
    mobile: f.mobile,
    countyCode: f.countyCode || undefined,
    townshipCode: f.townshipCode || undefined,
    ...(facts ? { gender: facts.gender, birthDate: facts.birthDate } : {}),
    // Sent only when the box is ticked: the consent is the user's, not a default.
    privacyVersion: consents.privacy ? PRIVACY_VERSION : undefined,
    sensitiveVersion: consents.sensitive ? SENSITIVE_CONSENT_VERSION : undefined,
  }
  if (kind === 'rural_youth') return { ...base, occupation: f.occupation }
  return {
    ...base,
    school: f.school,
    major: f.major,
    graduationYear: f.graduationYear ?? undefined,
    politicalStatus: f.politicalStatus || undefined,
    skills: f.skills,
    termStart: f.termStart || undefined,
    termEnd: f.termEnd || undefined,
  }
}

export type Checked =
  | { errors: Errors; kind: 'volunteer'; data?: VolunteerForm }
  | { errors: Errors; kind: 'rural_youth'; data?: RuralYouthForm }

/** The same check the function runs, as inline errors per row; the request once there are none. */
export function checkRegistration(kind: RegistrationKind, f: Fields, consents: Consents): Checked {
  const raw = requestOf(kind, f, consents)
  const result = kind === 'volunteer' ? VolunteerForm.safeParse(raw) : RuralYouthForm.safeParse(raw)
  if (result.success) return kind === 'volunteer' ? { errors: {}, kind, data: result.data as VolunteerForm } : { errors: {}, kind, data: result.data as RuralYouthForm }
  const { errors } = fieldErrors(result.error.issues, rowOfField)
  // The county is chosen with the township, in the township's row: one request, in the row's words.
  if (errors.townshipCode && !f.townshipCode) errors.townshipCode = `请选择${COPY[kind].place}`
  for (const [row, label] of Object.entries(LABELS) as [Row, string][]) {
    const value = f[row as keyof Fields]
    if (errors[row] && typeof value === 'string' && value.trim() === '') errors[row] = `请填写${label}`
  }
  return { errors, kind }
}

export function fromRegistration(r: MyRegistration): Fields {
  return Object.fromEntries(FIELD_NAMES.map((k) => [k, r[k]])) as Fields
}

/** The skills after a tap on one: in the list's order, at most MAX_SKILLS (null: one too many). */
export function toggledSkills(skills: readonly string[], skill: string): string[] | null {
  if (skills.includes(skill)) return skills.filter((s) => s !== skill)
  if (skills.length >= MAX_SKILLS) return null
  return SKILLS.filter((s) => s === skill || skills.includes(s))
}

/** A term usually lasts two years: offer the day before the same date two years on. */
export function defaultTermEnd(start: string): string {
  if (!start) return today()
  const d = dateOf(start)
  d.setFullYear(d.getFullYear() + 2)
  d.setDate(d.getDate() - 1)
  return ymdOf(d)
}
