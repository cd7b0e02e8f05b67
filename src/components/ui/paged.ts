// A list read a page at a time (the contract's page / pageSize): first page with a skeleton,
// pull-down to refresh, the next page at the bottom, and a true total for the footer
// (<ListFooter>). Also the search box's keyword that settles after a pause in typing.
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { errorMessage } from '@/services/cloud'
import type { PageState } from './page-state'

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
export function usePaged<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>, key: string, enabled = true, pageSize = 20): PagedList<T> {
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

/** A list's first page as a page state, for <PageStates> (later pages load under the footer). */
export function listState<T>(list: PagedList<T>): PageState<T[]> {
  if (list.status === 'ready') return { kind: 'ready', data: list.items }
  if (list.status === 'error') return { kind: 'error', message: list.error }
  return { kind: 'loading' }
}
