// The queue's list as filtered: the tab, 只看有异常, the township, a name (searched after a pause in
// typing) and the day served; the list itself a page at a time, the open tabs' counts, and the
// settings' daily cap (cards and the adjust dialog show what lies beyond it).
import { useCallback, useEffect, useState } from 'react'
import { usePullDownRefresh } from '@tarojs/taro'
import type { StaffScope } from '@/components/township/shared'
import { call } from '@/services/cloud'
import { usePaged, type PagedList } from '@/components/ui/paged'
import { isStatus, PAGE_SIZE, type Item, type Status } from './rules'

export interface Counts {
  pending: number | null
  needs_review: number | null
}

export interface QueueList {
  status: Status
  setStatus: (s: Status) => void
  flaggedOnly: boolean
  setFlaggedOnly: (update: boolean | ((on: boolean) => boolean)) => void
  townshipCode: string
  setTownshipCode: (code: string) => void
  /** The name as typed, and as searched (after a pause). */
  typedName: string
  setTypedName: (name: string) => void
  name: string
  date: string
  setDate: (date: string) => void
  clearSearch: () => void
  /** Changes whenever the filters do (a new selection starts). */
  key: string
  list: PagedList<Item>
  counts: Counts
  dailyCap: number | null
  /** After a decision: the list (keeping it on screen) and the counts again. */
  refresh: () => Promise<void>
}

/** How long typing pauses before the name is searched. */
export const NAME_PAUSE_MS = 400

export function useQueue(scope: StaffScope | null, params: { status?: string; flagged?: string }, reloadScope: (fresh: boolean) => Promise<unknown>): QueueList {
  const [status, setStatus] = useState<Status>(isStatus(params.status) ? params.status : 'pending')
  const [flaggedOnly, setFlaggedOnly] = useState(params.flagged === '1')
  const [townshipCode, setTownshipCode] = useState('')
  const [typedName, setTypedName] = useState('')
  const [name, setName] = useState('')
  const [date, setDate] = useState('')
  const [counts, setCounts] = useState<Counts>({ pending: null, needs_review: null })
  const [dailyCap, setDailyCap] = useState<number | null>(null)

  const where = townshipCode ? { townshipCode } : {}
  const search = { ...(name ? { name } : {}), ...(date ? { date } : {}) }
  const key = `${status}|${flaggedOnly}|${townshipCode}|${name}|${date}`
  const list = usePaged<Item>((page, pageSize) => call('service.queue', { status, flaggedOnly, page, pageSize, ...where, ...search }), key, !!scope, PAGE_SIZE)

  // A pause in typing searches; clearing shows everything again at once.
  useEffect(() => {
    const next = typedName.trim()
    const t = setTimeout(() => setName(next), next ? NAME_PAUSE_MS : 0)
    return () => clearTimeout(t)
  }, [typedName])

  const loadCounts = useCallback(async () => {
    const only = townshipCode ? { townshipCode } : {}
    const [p, r] = await Promise.allSettled([call('service.queue', { status: 'pending', pageSize: 1, ...only }), call('service.queue', { status: 'needs_review', pageSize: 1, ...only })])
    setCounts({ pending: p.status === 'fulfilled' ? p.value.total : null, needs_review: r.status === 'fulfilled' ? r.value.total : null })
  }, [townshipCode])

  useEffect(() => {
    if (scope) void loadCounts()
  }, [scope, loadCounts])

  useEffect(() => {
    if (!scope) return
    call('settings.get', {})
      .then((s) => setDailyCap(s.dailyCapMinutes))
      .catch(() => undefined)
  }, [scope])

  // The list refreshes itself on a pull (usePaged); the tab counts too, or the scope after a failure.
  usePullDownRefresh(() => {
    if (scope) void loadCounts()
    else void reloadScope(true)
  })

  const refresh = useCallback(async () => {
    await Promise.all([list.reload(true), loadCounts()])
  }, [list.reload, loadCounts])

  const clearSearch = useCallback(() => {
    setTypedName('')
    setDate('')
  }, [])

  return { status, setStatus, flaggedOnly, setFlaggedOnly, townshipCode, setTownshipCode, typedName, setTypedName, name, date, setDate, clearSearch, key, list, counts, dailyCap, refresh }
}
