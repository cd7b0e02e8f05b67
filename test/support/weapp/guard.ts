export type Guarded = (what: string, run: () => unknown) => Promise<unknown>

function fmtErr(e: unknown): string {
  return e instanceof Error ? e.message : JSON.stringify(e)
}

/**
 * Run app code and settle; then throw the first error the app raised that no one has seen yet
 * (exparser-caught errors in event handlers/lifetimes during the call, or a timer callback's).
 * `caught` is what exparser's global error listener collects; `errors` is app.errors.
 */
export function guardOf(caught: unknown[], errors: unknown[], settle: () => Promise<void>): Guarded {
  let errorsReported = 0
  return async (what, run) => {
    const before = caught.length
    let out: unknown
    try {
      out = run()
    } finally {
      await settle()
      errors.push(...caught.slice(before))
    }
    if (errors.length > errorsReported) {
      const first = errors[errorsReported]
      errorsReported = errors.length
      if (first instanceof Error) {
        first.message = `${what}: ${first.message}`
        throw first
      }
      throw new Error(`${what}: ${fmtErr(first)}`)
    }
    return out
  }
}
