// What an invitation asks for, and the form's own check of it: the roles an admin may invite,
// the scope each role needs, the contract's limits on the expiry and the note (grants.createInvitation).
// Its zod schema is not imported: it would add zod to the subpackage, over its size budget.
// No Taro: unit-tested in Node.
import type { GrantableRole, OrganisationOption } from '@contract/grants'
import { ORGANISATION_ROLES, type OrganisationRole } from '@contract/roles'
import type { AdminScope } from '@/components/admin/shared'

export const ROLE_DESC: Record<GrantableRole, string> = {
  township_staff: '审核签到、管理驿站',
  county_admin: '注册审核、县域管理',
  city_admin: '全市管理与授权',
  merchant: '扫码核销志愿者优惠',
  bank_officer: '受理创业贴息贷款',
  employer: '岗位对接会招聘',
  judge: '大赛评委（在大赛页面邀请）',
}
/** What a county admin may invite (the function refuses the rest). */
const COUNTY_ROLES: GrantableRole[] = ['township_staff', 'county_admin', 'merchant']

export const isOrganisationRole = (r: GrantableRole): r is OrganisationRole => (ORGANISATION_ROLES as readonly GrantableRole[]).includes(r)

/** The organisation a role belongs to, in the words of the picker. */
export const ORGANISATION_NOUN: Record<OrganisationRole, string> = { merchant: '商家', bank_officer: '银行', employer: '用人单位' }

export function rolesFor(scope: AdminScope): GrantableRole[] {
  // Every grantable role: the keys of ROLE_DESC, which its type keeps complete.
  // Judges are invited from their contest's page (packages/contest), where the contest is the scope.
  return scope.city ? (Object.keys(ROLE_DESC) as GrantableRole[]).filter((r) => r !== 'judge') : COUNTY_ROLES
}

export const ROWS = ['scopeId', 'expiresInDays', 'note'] as const
export type Row = (typeof ROWS)[number]
export type Errors = Partial<Record<Row, string>>

export function rowOfField(field: string): Row | null {
  const head = field.split('.')[0]
  return (ROWS as readonly string[]).includes(head) ? (head as Row) : null
}

export interface InviteFields {
  role: GrantableRole
  countyCode: string
  townshipCode: string
  organisation: OrganisationOption | null
  days: number
  note: string
}

/** The scope the role is granted in: a township, a county, the city (''), or an organisation. */
export function scopeIdOf(f: InviteFields): string {
  if (f.role === 'township_staff') return f.townshipCode
  if (f.role === 'county_admin') return f.countyCode
  if (f.role === 'city_admin') return ''
  return f.organisation?.id ?? ''
}

export function checkInvitation(f: InviteFields): Errors {
  const found: Errors = {}
  if (f.role === 'township_staff' && !f.townshipCode) found.scopeId = f.countyCode ? '请选择镇街' : '请先选择县（市、区）和镇街'
  if (f.role === 'county_admin' && !f.countyCode) found.scopeId = '请选择县（市、区）'
  if (isOrganisationRole(f.role) && !f.organisation) found.scopeId = `请选择${ORGANISATION_NOUN[f.role]}`
  if (!Number.isInteger(f.days) || f.days < 1) found.expiresInDays = '有效期至少 1 天'
  else if (f.days > 30) found.expiresInDays = '有效期最长 30 天'
  if (f.note.trim().length > 60) found.note = '备注不能超过 60 字'
  return found
}
