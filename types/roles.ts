// Roles and their names. No zod here: main-package pages import this file.
export const ROLES = [
  'volunteer',
  'rural_youth',
  'township_staff',
  'county_admin',
  'city_admin',
  'merchant',
  'bank_officer',
  'employer',
  'judge',
] as const
export type Role = (typeof ROLES)[number]

/** Roles granted by invitation: people who work in the programs (volunteers and rural youth register instead). */
export const GRANTABLE_ROLES = ['township_staff', 'county_admin', 'city_admin', 'merchant', 'bank_officer', 'employer', 'judge'] as const satisfies readonly Role[]
export type GrantableRole = (typeof GRANTABLE_ROLES)[number]

/** The roles granted over an organisation (a merchant, a bank, an employer) rather than a place. */
export const ORGANISATION_ROLES = ['merchant', 'bank_officer', 'employer'] as const satisfies readonly GrantableRole[]
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  volunteer: '乡村振兴志愿者',
  rural_youth: '农村青年',
  township_staff: '镇街团委干事',
  county_admin: '县（市、区）团委',
  city_admin: '团市委',
  merchant: '爱心商家',
  bank_officer: '合作银行',
  employer: '用人单位',
  judge: '大赛评委',
}

/** What a role's scope is: the place or organisation it acts for. */
export const SCOPE_TYPES = ['township', 'county', 'city', 'merchant', 'bank', 'employer', 'contest', 'none'] as const
export type ScopeType = (typeof SCOPE_TYPES)[number]
