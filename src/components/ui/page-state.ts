// Where a page stands before it can show itself, and the hook that loads it. Every page renders
// these states through <PageStates> (a test keeps it so), so that loading, refusal, absence and
// failure look and read the same across roles.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import Taro from '@tarojs/taro'
import { CallError, errorMessage } from '@/services/cloud'

export type PageState<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; data: T }
  /** Development builds only: no persona chosen yet. */
  | { kind: 'no-identity' }
  /** The caller may not see this page (the message, if any, says why). */
  | { kind: 'denied'; message?: string }
  | { kind: 'not-found'; message?: string }
  | { kind: 'error'; message: string }

/** A state that is not (yet) the page: what a scope check or a failed load leaves. */
export type BlockedState = Exclude<PageState<unknown>, { kind: 'ready' }>

/** Where a page stands before it can show itself (the caller's scope loading, refused, or failed): a <PageStates gate>. */
export type GateState = BlockedState | { kind: 'ready' }

/** What a failed call means for the page that made it. */
export function failureState(err: unknown): BlockedState {
  if (err instanceof CallError) {
    if (err.code === 'UNAUTHENTICATED' && process.env.TARO_APP_DEV_TOOLS === 'true') return { kind: 'no-identity' }
    if (err.code === 'FORBIDDEN') return { kind: 'denied', message: err.message }
    if (err.code === 'NOT_FOUND') return { kind: 'not-found', message: err.message }
  }
  return { kind: 'error', message: errorMessage(err) }
}

export interface PageLoad<T> {
  state: PageState<T>
  /** Loads again; `quiet` keeps what is on screen meanwhile (after a change, on pull-down). */
  reload: (quiet?: boolean) => Promise<void>
  retry: () => void
  /** Changes the loaded data in place (an item decided, a toggle flipped). */
  setData: (update: (data: T) => T) => void
}

/**
 * Loads a page's data when `deps` change (and not while `enabled` is false, e.g. until the
 * caller's scope is known). A slower earlier load never overwrites a later one. A quiet reload
 * (pull-down, after a change) that fails keeps the page as it was and says so in a toast.
 */
export function usePageState<T>(load: () => Promise<T>, deps: DependencyList, enabled = true): PageLoad<T> {
  const [state, setState] = useState<PageState<T>>({ kind: 'loading' })
  const shown = useRef(state)
  shown.current = state
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async (quiet = false) => {
    const mine = ++seq.current
    if (!quiet) setState({ kind: 'loading' })
    try {
      const data = await loadRef.current()
      if (mine === seq.current) setState({ kind: 'ready', data })
    } catch (err) {
      if (mine !== seq.current) return
      const failed = failureState(err)
      if (quiet && shown.current.kind === 'ready' && failed.kind === 'error') void Taro.showToast({ title: failed.message, icon: 'none', duration: 2500 })
      else setState(failed)
    }
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    // `deps` are the caller's: what the load reads.
  }, [enabled, reload, ...deps])

  const setData = useCallback((update: (data: T) => T) => setState((s) => (s.kind === 'ready' ? { kind: 'ready', data: update(s.data) } : s)), [])
  const retry = useCallback(() => void reload(), [reload])
  return { state, reload, retry, setData }
}
