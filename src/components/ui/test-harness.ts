// For the hooks' tests: a component that only holds a hook (its latest answer handed out), its
// props changed or unmounted on demand, and letting the effects' calls answer until something holds.
import { createElement } from 'react'
import TestRenderer, { act, type ReactTestRenderer } from 'react-test-renderer'

const mounted: ReactTestRenderer[] = []

export interface MountedHook<T, P> {
  /** The hook's latest answer. */
  now: () => T
  /** Renders again with new props (what the page would pass after a change). */
  rerender: (props: P) => void
  rerenderAsync: (props: P) => Promise<void>
  unmount: () => void
}

function holding<T, P>(useHook: (props: P) => T): { Holder: (props: { hookProps: P }) => null; now: () => T } {
  let latest: T | undefined
  function Holder({ hookProps }: { hookProps: P }) {
    latest = useHook(hookProps)
    return null
  }
  return { Holder, now: () => latest as T }
}

function controls<T, P>(renderer: ReactTestRenderer, Holder: (props: { hookProps: P }) => null, now: () => T): MountedHook<T, P> {
  return {
    now,
    rerender: (props) => act(() => renderer.update(createElement(Holder, { hookProps: props }))),
    rerenderAsync: (props) => act(async () => renderer.update(createElement(Holder, { hookProps: props }))),
    unmount: () => {
      mounted.splice(mounted.indexOf(renderer), 1)
      act(() => renderer.unmount())
    },
  }
}

/** Renders the hook with `props` (its first render and effects inside one act). */
export function renderHook<T, P = undefined>(useHook: (props: P) => T, props?: P): MountedHook<T, P> {
  const { Holder, now } = holding(useHook)
  let renderer!: ReactTestRenderer
  act(() => {
    renderer = TestRenderer.create(createElement(Holder, { hookProps: props as P }))
  })
  mounted.push(renderer)
  return controls(renderer, Holder, now)
}

/** renderHook, and the calls its first effects made have answered. */
export async function renderHookAsync<T, P = undefined>(useHook: (props: P) => T, props?: P): Promise<MountedHook<T, P>> {
  const { Holder, now } = holding(useHook)
  let renderer!: ReactTestRenderer
  await act(async () => {
    renderer = TestRenderer.create(createElement(Holder, { hookProps: props as P }))
  })
  mounted.push(renderer)
  return controls(renderer, Holder, now)
}

/** Renders the hook; the function returned gives its latest answer. */
export function mountHook<T>(useHook: () => T): () => T {
  return renderHook(useHook).now
}

/** mountHook, and the calls its first effects made have answered. */
export async function mountHookAsync<T>(useHook: () => T): Promise<() => T> {
  return (await renderHookAsync(useHook)).now
}

/** Unmounts what the harness rendered and is still mounted (its timers and effects end). */
export function unmountHooks(): void {
  act(() => {
    for (const m of mounted.splice(0)) m.unmount()
  })
}

/** Lets pending calls answer and effects run until `done` holds (and fails the test if it never does). */
export async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0))
    })
  }
  expect(done()).toBe(true)
}
