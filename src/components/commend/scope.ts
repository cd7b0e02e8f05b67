// Who is on a commendation page: township staff (their township), a county admin (their
// county), the city admin; anyone else is shown who the page is for.
import type { Account } from '@/components/admin/shared'
import { useScope } from '@/components/admin/shared'

export interface CommendScope {
  account: Account
  city: boolean
  county: { code: string; name: string } | null
  township: { code: string; name: string } | null
}

function scopeOf(account: Account): CommendScope | null {
  const grant = (role: string) => account.roles.find((g) => g.role === role)
  const city = !!grant('city_admin')
  const county = grant('county_admin')
  const township = grant('township_staff')
  if (!city && !county && !township) return null
  return {
    account,
    city,
    county: county ? { code: county.scopeId, name: county.scopeName } : null,
    township: township ? { code: township.scopeId, name: township.scopeName } : null,
  }
}

export const useCommendScope = () => useScope(scopeOf)

/** How a commendation page refuses someone who is not league staff. */
export const STAFF_ONLY = { text: '评选表彰由镇街团委提名、县级团委审核、团市委评定。此页面仅向以上工作人员开放。', className: 'panel-denied' }
