// What the township pages share: who the staff member is and which townships they reach,
// durations and times as people read them, and going back after a save.
// Used only by pages of the `packages/township` subpackage (no zod: types only from the contract).
import { useCallback, useEffect, useState } from 'react'
import { ROLE_LABELS } from '@contract/roles'
import { loadAccount, stateOfError, when, type Account, type County, type Divisions, type Place } from '@/components/admin/shared'
import { goBackOr } from '@/services/navigation'

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

export type StaffState =
  | { kind: 'loading' }
  | { kind: 'ready'; scope: StaffScope }
  | { kind: 'denied'; account: Account }
  | { kind: 'no-identity' }
  | { kind: 'error'; message: string }

function scopeOf(account: Account): StaffScope | null {
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
export function useStaffScope(): { state: StaffState; reload: (fresh?: boolean) => Promise<StaffScope | null> } {
  const [state, setState] = useState<StaffState>({ kind: 'loading' })
  const reload = useCallback(async (fresh = false) => {
    try {
      const account = await loadAccount(fresh)
      const scope = scopeOf(account)
      setState(scope ? { kind: 'ready', scope } : { kind: 'denied', account })
      return scope
    } catch (err) {
      const next = stateOfError(err)
      setState(next.kind === 'no-identity' ? next : { kind: 'error', message: next.kind === 'error' ? next.message : '加载失败' })
      return null
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload }
}

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

// ---- durations and times -----------------------------------------------------------------

/** 450 → 「7 小时 30 分」, 45 → 「45 分钟」. */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  const h = Math.floor(m / 60)
  const rest = m % 60
  if (h === 0) return `${rest} 分钟`
  return rest === 0 ? `${h} 小时` : `${h} 小时 ${rest} 分`
}

/** Minutes as hours with one decimal: 450 → 7.5. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10
}

/** The Shanghai clock time of an instant: 08:30. */
export function clock(iso: string | null | undefined): string {
  return when(iso).slice(11, 16) || '—'
}

/** 2026-11-25 → 11月25日 */
export function monthDay(ymd: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(ymd)
  return m ? `${Number(m[1])}月${Number(m[2])}日` : ymd
}

/** This month in Shanghai: 2026-11. */
export function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
}

/** 2026-11 → 2026年11月 */
export function monthLabel(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym)
  return m ? `${m[1]}年${Number(m[2])}月` : ym
}

// Shared with every role; re-exported so that pages import their subpackage's helpers from one place.
export { goBackOr }
