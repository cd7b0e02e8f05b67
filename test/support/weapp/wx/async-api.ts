// The shape every asynchronous wx API has: success/fail/complete callbacks, or a promise.
import type { Activity } from '../activity'

export type WxApi = (opts?: any) => Promise<unknown> | undefined
export type AsyncApi = (name: string, run: (opts: any) => unknown) => WxApi

/** success/fail/complete + promise, answered asynchronously like the real APIs, and tracked for settle() */
export function asyncApiOf(activity: Activity): AsyncApi {
  return (name, run) =>
    (opts: any = {}) => {
      activity.touch()
      const p = Promise.resolve()
        .then(() => run(opts))
        .then(
          (res: any) => {
            const out = { errMsg: `${name}:ok`, ...(res || {}) }
            opts.success?.(out)
            opts.complete?.(out)
            return out
          },
          (err: any) => {
            const out = { ...(err && typeof err === 'object' ? err : {}), errMsg: err?.errMsg ?? `${name}:fail ${err?.message ?? err}` }
            opts.fail?.(out)
            opts.complete?.(out)
            throw out
          },
        )
      activity.track(p)
      if (opts.success || opts.fail || opts.complete) {
        p.catch(() => undefined)
        return undefined
      }
      return p
    }
}

export const notMocked = (name: string) => () => {
  throw new Error(`weapp harness: wx.${name} is not mocked (only wx.cloud.callFunction is; add it with loadWeapp({ wx }))`)
}

/** A WeChat API answered on the next microtask, in both its callback and promise forms. */
export function wxApi(name: string, answer: (opts: any) => { ok: true; res: object } | { ok: false; errMsg: string }) {
  return (opts: any = {}) => {
    const p = Promise.resolve().then(() => {
      const a = answer(opts)
      if (a.ok) {
        const res = { errMsg: `${name}:ok`, ...a.res }
        opts.success?.(res)
        opts.complete?.(res)
        return res
      }
      const err = { errMsg: a.errMsg }
      opts.fail?.(err)
      opts.complete?.(err)
      throw err
    })
    p.catch(() => undefined)
    return opts.success || opts.fail || opts.complete ? undefined : p
  }
}
