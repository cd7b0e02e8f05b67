// Where a role acts: resolving a scope id (township or county code, organisation id) to its
// name and the county it lies in, which is what admins' reach is measured in.
import type { RoleGrant } from '../../types/common'
import type { GrantableRole } from '../../types/grants'
import { ROLE_LABELS, type Role } from '../../types/roles'
import { COLLECTIONS, type ContestDoc, type OrganisationDoc } from './collections'
import { db } from './cloud'
import { CITY, countyName, townshipOf } from './divisions'
import { invalid } from './errors'

export interface ResolvedScope {
  grant: RoleGrant
  /** The county the scope lies in; '' for the whole city or a city-wide partner. */
  countyCode: string
}

/** Where each organisation role's organisations are kept. */
export const ORG_COLLECTION = { merchant: COLLECTIONS.merchants, bank_officer: COLLECTIONS.banks, employer: COLLECTIONS.employers } as const
const ORG_SCOPE = { merchant: 'merchant', bank_officer: 'bank', employer: 'employer' } as const

export async function resolveScope(role: GrantableRole, scopeId: string): Promise<ResolvedScope> {
  switch (role) {
    case 'city_admin':
      return { grant: { role, scopeType: 'city', scopeId: CITY.code, scopeName: CITY.name }, countyCode: '' }
    case 'county_admin': {
      const name = countyName(scopeId)
      if (!name) throw invalid('scopeId', '请选择县（市、区）')
      return { grant: { role, scopeType: 'county', scopeId, scopeName: name }, countyCode: scopeId }
    }
    case 'township_staff': {
      const place = townshipOf(scopeId)
      if (!place) throw invalid('scopeId', '请选择镇街')
      return { grant: { role, scopeType: 'township', scopeId, scopeName: place.townshipName }, countyCode: place.countyCode }
    }
    case 'judge': {
      // A judge acts for one contest (types/contest.ts): the contest's county, '' for a city contest.
      const { data: contest } = await db.collection<ContestDoc>(COLLECTIONS.contests).doc(scopeId).get()
      if (!contest || contest.status === 'published') throw invalid('scopeId', '请选择未结束的大赛')
      return { grant: { role, scopeType: 'contest', scopeId, scopeName: contest.title }, countyCode: contest.countyCode }
    }
    default: {
      const { data: org } = await db.collection<OrganisationDoc>(ORG_COLLECTION[role]).doc(scopeId).get()
      if (!org || org.status !== 'active') throw invalid('scopeId', '请选择有效的机构')
      return { grant: { role, scopeType: ORG_SCOPE[role], scopeId, scopeName: org.name }, countyCode: org.countyCode }
    }
  }
}

/** The county a granted role's scope lies in, for reach checks ('' when city-wide). */
export async function grantCounty(grant: RoleGrant): Promise<string> {
  if (grant.scopeType === 'county') return grant.scopeId
  if (grant.scopeType === 'township') return townshipOf(grant.scopeId)?.countyCode ?? ''
  if (grant.scopeType === 'contest') {
    const { data: contest } = await db.collection<ContestDoc>(COLLECTIONS.contests).doc(grant.scopeId).get()
    return contest?.countyCode ?? ''
  }
  if (grant.role === 'merchant' || grant.role === 'bank_officer' || grant.role === 'employer') {
    const { data: org } = await db.collection<OrganisationDoc>(ORG_COLLECTION[grant.role]).doc(grant.scopeId).get()
    return org?.countyCode ?? ''
  }
  return ''
}

/** Roles only the city grants: the city's own admins and its city-wide partners. */
const CITY_GRANTED: readonly Role[] = ['city_admin', 'bank_officer', 'employer']

/**
 * Why an admin of `counties` may not hand out this role in `countyCode` (by invitation, or by
 * moving an account to another WeChat identity), or '' if they may: a city admin anything; a
 * county admin only inside their county and never a wider role.
 */
export function grantReachProblem(counties: 'city' | Set<string>, role: Role, countyCode: string, verb: string): string {
  if (counties === 'city') return ''
  if (CITY_GRANTED.includes(role)) return `县（市、区）团委不能${verb}「${ROLE_LABELS[role]}」角色`
  if (!countyCode || !counties.has(countyCode)) return `只能${verb}本县（市、区）范围内的角色`
  return ''
}
