// The counties a league admin works with on the alliance pages: those in their reach, the one
// they are fixed to (a county admin of a single county), and what "no county chosen" is called.
import { useMemo } from 'react'
import { countiesInReach, useAdminScope, useDivisions, type AdminScope } from '@/components/admin/shared'

/** The only county a single-county admin has (their pages show it instead of a choice). */
export function fixedCountyOf(scope: AdminScope | null): { code: string; name: string } | null {
  return scope && !scope.city && scope.counties.length === 1 ? scope.counties[0] : null
}

/** The filter's "all" for this admin: the whole city, or all of their counties. */
export function allCountiesLabel(scope: AdminScope): string {
  return scope.city ? '全市' : '全部县区'
}

/** The admin's scope (for <PageStates>), and, once known, their counties. */
export function useAllianceScope() {
  const { state, reload } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()
  const counties = useMemo(() => (scope ? countiesInReach(scope, divisions) : []), [scope, divisions])
  return { state, reload, scope, counties, fixedCounty: fixedCountyOf(scope) }
}
