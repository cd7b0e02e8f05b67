// $reduce, as MongoDB evaluates it, at the speed the city-scale reports need. mingo interprets the
// `in` expression anew for every element (about 5 µs each): the hours rollup's readers reduce
// ~12,000 rows × ~17 days × 4 spans, 4 s on this machine where MongoDB takes milliseconds. Here an
// `in` made only of the operators below (what the rollup's readers use: sums of values between two
// dates) is compiled once per pipeline into a closure over $$this and $$value; anything else — an
// operator not listed, a field of the document (mingo and MongoDB differ on what `$field` means
// inside `in`), an outer variable, an array on a path, a value the operator does not take — is left
// to mingo, whole, so the answer is always mingo's (test/localcloud/fast-reduce.test.ts compares
// the two on random expressions and documents).
type Vars = { this: unknown; value: unknown }
type Compiled = (vars: Vars) => unknown

/** Raised while compiling or evaluating: the whole $reduce is mingo's. */
class NotFast extends Error {}

const isNil = (x: unknown) => x === null || x === undefined
/** MongoDB's truth: false, null, missing and zero are false; everything else (empty strings and arrays too) true. */
const truthy = (x: unknown) => !(x === false || isNil(x) || x === 0)

/** Strings whose UTF-16 order is their UTF-8 (MongoDB's) order: no surrogate pairs. */
const plainString = (s: string) => !/[\uD800-\uFFFF]/.test(s)

/** Two numbers, or two strings, in MongoDB's order; anything else is mingo's to compare. */
function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number' && !Number.isNaN(a) && !Number.isNaN(b)) return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'string' && typeof b === 'string' && plainString(a) && plainString(b)) return a < b ? -1 : a > b ? 1 : 0
  throw new NotFast('a comparison of two kinds')
}

const COMPARISONS: Record<string, (n: number) => boolean> = {
  $eq: (n) => n === 0,
  $ne: (n) => n !== 0,
  $gt: (n) => n > 0,
  $gte: (n) => n >= 0,
  $lt: (n) => n < 0,
  $lte: (n) => n <= 0,
}

/** A path under $$this or $$value: plain fields of plain objects only. */
function variablePath(text: string): Compiled {
  const [name, ...fields] = text.slice(2).split('.')
  if (name !== 'this' && name !== 'value') throw new NotFast(`variable $$${name}`)
  return (vars) => {
    let at: unknown = vars[name]
    for (const f of fields) {
      if (isNil(at)) return undefined
      if (typeof at !== 'object' || Array.isArray(at) || at instanceof Date) throw new NotFast('path through a non-object')
      at = (at as Record<string, unknown>)[f]
    }
    return at
  }
}

function args(value: unknown, n?: number): Compiled[] {
  const list = Array.isArray(value) ? value : [value]
  if (n !== undefined && list.length !== n) throw new NotFast('arity')
  return list.map(compileExpression)
}

export function compileExpression(expr: unknown): Compiled {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) return variablePath(expr)
    if (expr.startsWith('$')) throw new NotFast('a field of the document')
    return () => expr
  }
  if (typeof expr === 'number' || typeof expr === 'boolean' || expr === null) return () => expr
  if (Array.isArray(expr) || typeof expr !== 'object' || expr instanceof Date) throw new NotFast('a literal of another kind')
  const keys = Object.keys(expr)
  const spec = expr as Record<string, unknown>
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const op = keys[0]
    const arg = spec[op]
    if (op === '$literal') {
      if (typeof arg === 'object' && arg !== null) throw new NotFast('a literal of another kind')
      return () => arg
    }
    if (op === '$add') {
      const parts = args(arg)
      return (vars) => {
        let sum = 0
        for (const p of parts) {
          const v = p(vars)
          if (isNil(v)) return null
          if (typeof v !== 'number') throw new NotFast('$add of a non-number')
          sum += v
        }
        return sum
      }
    }
    if (op === '$cond') {
      const [c, t, f] = Array.isArray(arg) ? args(arg, 3) : args([(arg as Record<string, unknown>)?.if, (arg as Record<string, unknown>)?.then, (arg as Record<string, unknown>)?.else], 3)
      return (vars) => (truthy(c(vars)) ? t(vars) : f(vars))
    }
    if (op === '$and') {
      const parts = args(arg)
      return (vars) => parts.every((p) => truthy(p(vars)))
    }
    if (op === '$or') {
      const parts = args(arg)
      return (vars) => parts.some((p) => truthy(p(vars)))
    }
    if (op === '$not') {
      const [p] = args(arg, 1)
      return (vars) => !truthy(p(vars))
    }
    if (op === '$ifNull') {
      const parts = args(arg)
      if (parts.length < 2) throw new NotFast('arity')
      return (vars) => {
        for (let i = 0; i < parts.length - 1; i++) {
          const v = parts[i](vars)
          if (!isNil(v)) return v
        }
        return parts[parts.length - 1](vars)
      }
    }
    const comparison = COMPARISONS[op]
    if (comparison) {
      const [a, b] = args(arg, 2)
      return (vars) => {
        const x = a(vars)
        const y = b(vars)
        return comparison(order(x, y))
      }
    }
    throw new NotFast(op)
  }
  if (keys.some((k) => k.startsWith('$') || k.includes('.'))) throw new NotFast('an operator among fields')
  // An object of expressions (one pass summing several spans).
  const fields = keys.map((k) => [k, compileExpression(spec[k])] as const)
  return (vars) => {
    const out: Record<string, unknown> = {}
    for (const [k, f] of fields) out[k] = f(vars)
    return out
  }
}

/**
 * A compiled `in`: `step` gives the next value; `sums`, when the `in` is a document whose every field
 * adds an amount to the same field of $$value (several sums in one pass), the amounts by field, so
 * the pass adds them into one document rather than making a new one for each element.
 */
export interface CompiledIn {
  step: Compiled
  sums: [string, Compiled][] | null
}

/** Each pipeline's `in` compiled once (null: mingo's), by the expression object mingo hands over. */
const compiled = new WeakMap<object, CompiledIn | null>()

/** `{ k: { $add: ['$$value.k', amount] }, … }`: the amounts by field (none of them reading $$value), or null. */
function sumsOf(expr: unknown): [string, Compiled][] | null {
  if (typeof expr !== 'object' || expr === null || Array.isArray(expr)) return null
  const entries = Object.entries(expr as Record<string, unknown>)
  if (entries.length === 0) return null
  const out: [string, Compiled][] = []
  for (const [k, v] of entries) {
    if (k.startsWith('$') || k.includes('.')) return null
    const add = (v as { $add?: unknown })?.$add
    if (!Array.isArray(add) || add.length !== 2 || add[0] !== `$$value.${k}` || JSON.stringify(add[1]).includes('$$value')) return null
    out.push([k, compileExpression(add[1])])
  }
  return out
}

/** The `in` of a $reduce compiled, or null when it is mingo's to evaluate. */
export function compiledIn(spec: object): CompiledIn | null {
  if (compiled.has(spec)) return compiled.get(spec)!
  let fn: CompiledIn | null = null
  try {
    const expr = (spec as Record<string, unknown>).in
    fn = { step: compileExpression(expr), sums: sumsOf(expr) }
  } catch (err) {
    if (!(err instanceof NotFast)) throw err
  }
  compiled.set(spec, fn)
  return fn
}

/** Runs the compiled `in` over the input from the initial value; null when it must be mingo's after all. */
export function reduceFast(fn: CompiledIn, input: unknown[], initialValue: unknown): { value: unknown } | null {
  try {
    return { value: (fn.sums && input.length > 0 && summed(fn.sums, input, initialValue)) || stepwise(fn.step, input, initialValue) }
  } catch (err) {
    if (err instanceof NotFast) return null
    throw err
  }
}

/**
 * The sums added into one document, from a document of numbers holding every field; null (answer
 * step by step, as $add would) from any other start, or once an amount is not a number.
 */
function summed(sums: [string, Compiled][], input: unknown[], initialValue: unknown): Record<string, number> | null {
  const start = initialValue as Record<string, unknown> | null
  if (!start || typeof start !== 'object' || Array.isArray(start) || !sums.every(([k]) => typeof start[k] === 'number')) return null
  const total: Record<string, number> = {}
  for (const [k] of sums) total[k] = start[k] as number
  const vars: Vars = { this: undefined, value: null }
  for (const element of input) {
    vars.this = element
    for (const [k, amount] of sums) {
      const v = amount(vars)
      if (typeof v !== 'number') return null
      total[k] += v
    }
  }
  // Fields of the initial document the `in` leaves out are not in the answer ($$value is replaced each step).
  return total
}

function stepwise(step: Compiled, input: unknown[], initialValue: unknown): unknown {
  const vars: Vars = { this: undefined, value: initialValue }
  for (const element of input) {
    vars.this = element
    vars.value = step(vars)
  }
  return vars.value
}
