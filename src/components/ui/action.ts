// What a page (not a form) sends on a tap — join, sign up, cancel, advance: one at a time (a second
// tap while one is under way sends nothing), the key of what is under way (for that button's busy
// state), a toast when done, the pages that show it marked changed (markChanged) and the page
// reloaded quietly; a refusal in a modal. True when it went through.
import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'

export interface ActionOptions {
  /** The keys of the pages that show what an action changes (they reload when shown again). */
  changed?: readonly string[]
  /** Reloads what this page shows, quietly, after an action went through. */
  reload?: () => Promise<unknown>
}

export interface Action {
  /** The key of the action under way ('' none). */
  busy: string
  /** Sends; `done` is the toast once it went through (none without it). */
  run: (key: string, send: () => Promise<unknown>, done?: string) => Promise<boolean>
}

export function useAction(options: ActionOptions = {}): Action {
  const [busy, setBusy] = useState('')
  // A state update lands only on the next render: a double tap must be refused before it.
  const running = useRef(false)
  const optionsRef = useRef(options)
  optionsRef.current = options

  const run = useCallback(async (key: string, send: () => Promise<unknown>, done?: string) => {
    if (running.current) return false
    running.current = true
    setBusy(key)
    try {
      await send()
      const { changed, reload } = optionsRef.current
      if (changed?.length) markChanged(...changed)
      if (done) void Taro.showToast({ title: done, icon: 'success' })
      await reload?.()
      return true
    } catch (err) {
      void Taro.showModal({ title: '没有成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
      return false
    } finally {
      running.current = false
      setBusy('')
    }
  }, [])

  return { busy, run }
}
