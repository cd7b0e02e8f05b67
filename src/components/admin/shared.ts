// What the league-admin pages share: who the admin is (their scope), Qingyuan's divisions and
// labels. Lists, states and formatting are the kit's (components/ui).
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROLE_LABELS } from '@contract/roles'
import { call, CallError, errorMessage } from '@/services/cloud'

export type Account = OutputOf<'account.me'>
export type Divisions = OutputOf<'directory.divisions'>
export type County = Divisions['counties'][number]

export interface Place {
  code: string
  name: string
}

/** The caller as an admin: city-wide (团市委) or the counties they administer. */
export interface AdminScope {
  account: Account
  city: boolean
  /** The counties a county admin administers (empty for a city admin: they reach all). */
  counties: Place[]
  /** e.g. 「县（市、区）团委 · 清城区」 or 「团市委 · 清远市」 */
  label: string
}

/**
 * Where a staff page stands with its caller: loading, their scope, not for them (no such role),
 * no one chosen (the local tools only), or a failure. Any staff page's scope fits (the township
 * pages' too): see useScope.
 */
export type ScopeStateOf<Scope> =
  | { kind: 'loading' }
  | { kind: 'ready'; scope: Scope }
  | { kind: 'denied'; account: Account }
  | { kind: 'no-identity' }
  | { kind: 'error'; message: string }

export type ScopeState = ScopeStateOf<AdminScope>

function scopeOf(account: Account): AdminScope | null {
  const city = account.roles.find((g) => g.role === 'city_admin')
  const counties = account.roles.filter((g) => g.role === 'county_admin').map((g) => ({ code: g.scopeId, name: g.scopeName }))
  if (!city && counties.length === 0) return null
  const label = city ? `${ROLE_LABELS.city_admin} · ${city.scopeName || '清远市'}` : `${ROLE_LABELS.county_admin} · ${counties.map((c) => c.name).join('、')}`
  return { account, city: !!city, counties: city ? [] : counties, label }
}

let accountCache: { at: number; account: Promise<Account> } | null = null
/** How long pages opened one after another share one account.me answer. */
const ACCOUNT_TTL_MS = 30_000

/** The caller's account (account.me), shared by the admin pages for a short while; `fresh` asks again. */
export function loadAccount(fresh = false): Promise<Account> {
  if (fresh || !accountCache || Date.now() - accountCache.at > ACCOUNT_TTL_MS) {
    const entry = { at: Date.now(), account: call('account.me', {}) }
    accountCache = entry
    entry.account.catch(() => {
      if (accountCache === entry) accountCache = null
    })
  }
  return accountCache.account
}

export function stateOfError(err: unknown): ScopeStateOf<never> {
  // Only the local cloud's gateway answers UNAUTHENTICATED (no persona chosen); in WeChat the caller is always known.
  if (process.env.TARO_APP_DEV_TOOLS === 'true' && err instanceof CallError && err.code === 'UNAUTHENTICATED') return { kind: 'no-identity' }
  return { kind: 'error', message: errorMessage(err) }
}

/**
 * The caller's scope as `scopeOf` reads it from their account (null: the page is not for them);
 * `reload(true)` asks the cloud again (pull-down refresh). `scopeOf` must be a stable function.
 */
export function useScope<Scope>(scopeOf: (account: Account) => Scope | null): { state: ScopeStateOf<Scope>; reload: (fresh?: boolean) => Promise<Scope | null> } {
  const [state, setState] = useState<ScopeStateOf<Scope>>({ kind: 'loading' })
  const reload = useCallback(
    async (fresh = false) => {
      try {
        const account = await loadAccount(fresh)
        const scope = scopeOf(account)
        setState(scope ? { kind: 'ready', scope } : { kind: 'denied', account })
        return scope
      } catch (err) {
        setState(stateOfError(err))
        return null
      }
    },
    [scopeOf],
  )
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload }
}

/** Who the admin is (团市委 or 县团委). */
export const useAdminScope = () => useScope(scopeOf)

let divisionsCache: Promise<Divisions> | null = null

/** Qingyuan's counties and townships (directory.divisions), asked once. */
export function loadDivisions(): Promise<Divisions> {
  if (!divisionsCache) {
    divisionsCache = call('directory.divisions', {})
    divisionsCache.catch(() => (divisionsCache = null))
  }
  return divisionsCache
}

export function useDivisions(): Divisions | null {
  const [divisions, setDivisions] = useState<Divisions | null>(null)
  useEffect(() => {
    let live = true
    loadDivisions()
      .then((d) => {
        if (live) setDivisions(d)
      })
      .catch(() => {
        if (live) void Taro.showToast({ title: '镇街列表加载失败，请下拉刷新', icon: 'none' })
      })
    return () => {
      live = false
    }
  }, [])
  return divisions
}

/** The counties an admin may pick from: all for a city admin, their own for a county admin. */
export function countiesInReach(scope: AdminScope, divisions: Divisions | null): County[] {
  if (!divisions) return []
  if (scope.city) return divisions.counties
  const mine = new Set(scope.counties.map((c) => c.code))
  return divisions.counties.filter((c) => mine.has(c.code))
}

// ---- labels and formatting -------------------------------------------------------------

export const KIND_LABELS = { volunteer: '乡村振兴志愿者', rural_youth: '农村青年' } as const
export const KIND_SHORT = { volunteer: '志愿者', rural_youth: '农村青年' } as const
export const GENDER_LABELS = { male: '男', female: '女' } as const

/** The id a page was opened with (`?id=`), decoded once whatever the platform did. */
export function decodeParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
