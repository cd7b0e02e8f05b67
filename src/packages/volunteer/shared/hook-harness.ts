// For the volunteer hooks' tests: a component that only holds a hook (its latest answer handed
// out), and letting the effects' calls answer until something holds.
import { createElement } from 'react'
import TestRenderer, { act, type ReactTestRenderer } from 'react-test-renderer'

const mounted: ReactTestRenderer[] = []

/** Renders the hook; the function returned gives its latest answer. */
export function mountHook<T>(useHook: () => T): () => T {
  let latest: T | undefined
  function Holder() {
    latest = useHook()
    return null
  }
  act(() => {
    mounted.push(TestRenderer.create(createElement(Holder)))
  })
  return () => latest as T
}

/** Unmounts what mountHook rendered (its timers and effects end). */
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
