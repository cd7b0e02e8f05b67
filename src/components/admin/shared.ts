// What the league-admin pages share: who the admin is (their scope), Qingyuan's divisions,
// labels, time formatting, paged lists, and a "something changed" flag between pages.
// Used only by pages of the `packages/admin` subpackage.
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
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

export type ScopeState =
  | { kind: 'loading' }
  | { kind: 'ready'; scope: AdminScope }
  | { kind: 'denied'; account: Account }
  | { kind: 'no-identity' }
  | { kind: 'error'; message: string }

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

export function stateOfError(err: unknown): ScopeState {
  // Only the local cloud's gateway answers UNAUTHENTICATED (no persona chosen); in WeChat the caller is always known.
  if (process.env.TARO_APP_DEV_TOOLS === 'true' && err instanceof CallError && err.code === 'UNAUTHENTICATED') return { kind: 'no-identity' }
  return { kind: 'error', message: errorMessage(err) }
}

/** Who the admin is; `reload(true)` asks the cloud again (pull-down refresh). */
export function useAdminScope(): { state: ScopeState; reload: (fresh?: boolean) => Promise<AdminScope | null> } {
  const [state, setState] = useState<ScopeState>({ kind: 'loading' })
  const reload = useCallback(async (fresh = false) => {
    try {
      const account = await loadAccount(fresh)
      const scope = scopeOf(account)
      setState(scope ? { kind: 'ready', scope } : { kind: 'denied', account })
      return scope
    } catch (err) {
      setState(stateOfError(err))
      return null
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload }
}

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

// ---- "something changed" between pages (a decision on the detail page, a new invitation) ----

const dirty = new Set<string>()
export function markDirty(...keys: string[]): void {
  for (const k of keys) dirty.add(k)
}
/** True once after markDirty(key). */
export function takeDirty(key: string): boolean {
  return dirty.delete(key)
}

// ---- paged lists -------------------------------------------------------------------------

export interface Page<T> {
  items: T[]
  total: number
}

export interface PagedList<T> {
  items: T[]
  total: number
  /** 'loading': the first page is on its way (show a skeleton). */
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: string
  loadingMore: boolean
  hasMore: boolean
  /** Page 1 again (filters changed, pull-down, after a decision). `quiet` keeps the current items on screen meanwhile. */
  reload: (quiet?: boolean) => Promise<void>
  loadMore: () => Promise<void>
  setItems: (update: (items: T[]) => T[]) => void
}


/** A search box's text and the keyword it settles to: after a pause in typing, or at once on 搜索. */
export function useSearchKeyword(pauseMs = 450) {
  const [draft, setDraft] = useState('')
  const [keyword, setKeyword] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(draft.trim()), pauseMs)
    return () => clearTimeout(timer)
  }, [draft, pauseMs])
  const search = useCallback((text: string) => setKeyword(text.trim()), [])
  const clear = useCallback(() => {
    setDraft('')
    setKeyword('')
  }, [])
  return { draft, setDraft, keyword, search, clear }
}
/**
 * A list read page by page (the contract's page / pageSize). Reloads when `key` changes,
 * refreshes on pull-down and loads the next page at the bottom of the page. `enabled` false
 * waits (e.g. until the admin's scope is known).
 */
export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>, key: string, enabled = true, pageSize = 20): PagedList<T> {
  const [items, setItemsState] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [status, setStatus] = useState<PagedList<T>['status']>('idle')
  const [error, setError] = useState('')
  const [loadingMore, setLoadingMore] = useState(false)
  const page = useRef(1)
  const seq = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const reload = useCallback(
    async (quiet = false) => {
      const mine = ++seq.current
      if (!quiet) setStatus('loading')
      setError('')
      try {
        const res = await fetchRef.current(1, pageSize)
        if (mine !== seq.current) return
        page.current = 1
        setItemsState(res.items)
        setTotal(res.total)
        setStatus('ready')
      } catch (err) {
        if (mine !== seq.current) return
        setError(errorMessage(err))
        if (quiet) Taro.showToast({ title: errorMessage(err), icon: 'none' })
        else setStatus('error')
      } finally {
        if (mine === seq.current) setLoadingMore(false)
      }
    },
    [pageSize],
  )

  const hasMore = status === 'ready' && page.current * pageSize < total

  const loadMore = useCallback(async () => {
    if (status !== 'ready' || loadingMore || page.current * pageSize >= total) return
    const mine = seq.current
    setLoadingMore(true)
    try {
      const res = await fetchRef.current(page.current + 1, pageSize)
      if (mine !== seq.current) return
      page.current += 1
      setItemsState((prev) => [...prev, ...res.items])
      setTotal(res.total)
    } catch (err) {
      if (mine === seq.current) Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      if (mine === seq.current) setLoadingMore(false)
    }
  }, [status, loadingMore, total, pageSize])

  useEffect(() => {
    if (enabled) void reload()
  }, [key, enabled, reload])

  usePullDownRefresh(() => {
    if (!enabled) {
      Taro.stopPullDownRefresh()
      return
    }
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void loadMore())

  const setItems = useCallback((update: (items: T[]) => T[]) => setItemsState(update), [])
  return { items, total, status, error, loadingMore, hasMore, reload, loadMore, setItems }
}

/** The id a page was opened with (`?id=`), decoded once whatever the platform did. */
export function decodeParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
