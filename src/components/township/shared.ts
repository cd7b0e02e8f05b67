// What the township pages share: who the staff member is (on the staff pages' useScope) and
// which townships they reach.
// Used only by pages of the `packages/township` subpackage (no zod: types only from the contract).
import { ROLE_LABELS } from '@contract/roles'
import { useScope, type Account, type County, type Divisions, type Place, type ScopeStateOf } from '@/components/admin/shared'

export interface StaffScope {
  account: Account
  /** 团市委: every township of the city. */
  city: boolean
  /** Counties a county admin administers (every township in them). */
  counties: Place[]
  /** Townships a township staff member serves. */
  townships: Place[]
  /** e.g. 「镇街团委干事 · 凤城街道」 */
  label: string
  /** e.g. 「凤城街道」, 「清城区全部镇街」, 「清远市全部镇街」 */
  reach: string
  /** The one township the caller reaches, when there is exactly one (most township staff). */
  single: Place | null
}

export type StaffState = ScopeStateOf<StaffScope>

/** The caller as township staff (null: not staff of any township, county or the city). */
export function staffScopeOf(account: Account): StaffScope | null {
  const city = account.roles.find((g) => g.role === 'city_admin')
  const counties = account.roles.filter((g) => g.role === 'county_admin').map((g) => ({ code: g.scopeId, name: g.scopeName }))
  const townships = account.roles.filter((g) => g.role === 'township_staff').map((g) => ({ code: g.scopeId, name: g.scopeName }))
  if (!city && counties.length === 0 && townships.length === 0) return null
  const label = city
    ? `${ROLE_LABELS.city_admin} · ${city.scopeName || '清远市'}`
    : counties.length > 0
      ? `${ROLE_LABELS.county_admin} · ${counties.map((c) => c.name).join('、')}`
      : `${ROLE_LABELS.township_staff} · ${townships.map((t) => t.name).join('、')}`
  const reach = city
    ? `${city.scopeName || '清远市'}全部镇街`
    : [...counties.map((c) => `${c.name}全部镇街`), ...townships.map((t) => t.name)].join('、')
  const single = !city && counties.length === 0 && townships.length === 1 ? townships[0] : null
  return { account, city: !!city, counties: city ? [] : counties, townships: city ? [] : townships, label, reach, single }
}

/** Who the staff member is; `reload(true)` asks the cloud again (pull-down refresh). */
export const useStaffScope = () => useScope(staffScopeOf)

/**
 * The counties (with their townships) a caller may choose from: every county for a city admin,
 * a county admin's counties whole, and a staff member's own townships under their county.
 */
export function placesInReach(scope: StaffScope, divisions: Divisions | null): County[] {
  if (!divisions) return []
  if (scope.city) return divisions.counties
  const whole = new Set(scope.counties.map((c) => c.code))
  const own = new Set(scope.townships.map((t) => t.code))
  return divisions.counties
    .map((c) => (whole.has(c.code) ? c : { ...c, townships: c.townships.filter((t) => own.has(t.code)) }))
    .filter((c) => c.townships.length > 0)
}
