// What the takeover form checks before it asks: registration.requestTakeover's own schema, each
// problem at its row, a blank row asked for in its own words. No Taro: unit-tested in Node.
import { registration } from '@contract/registration'
import { fieldErrors } from '@/services/form-errors'

export const ROWS = ['name', 'idNumber'] as const
export type Row = (typeof ROWS)[number]

const LABELS: Record<Row, string> = { name: '姓名', idNumber: '身份证号' }

export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  return (ROWS as readonly string[]).includes(head) ? (head as Row) : null
}

const Schema = registration.requestTakeover.input

export function checkTakeover(fields: Record<Row, string>): { errors: Partial<Record<Row, string>>; input?: { name: string; idNumber: string } } {
  const parsed = Schema.safeParse(fields)
  if (parsed.success) return { errors: {}, input: parsed.data }
  const { errors } = fieldErrors(parsed.error.issues, rowOfField)
  for (const row of ROWS) if (errors[row] && fields[row].trim() === '') errors[row] = `请填写${LABELS[row]}`
  return { errors }
}
