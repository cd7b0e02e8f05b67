// Input fuzzing from the contract: for every action, property-based runs (fast-check) of inputs
// generated from its zod schema, mutations of a valid input, and arbitrary JSON. Every run must
// end in a valid output or the error shape (never an unhandled error), and a refused call must
// write nothing (its rate-limit counter aside).
import fc from 'fast-check'
import type { ActionName } from '../../types'
import { contract } from '../../types'
import type { ActionDef } from '../../types/common'
import { ErrorShape } from '../../types/common'
import type * as z from '../../types/zod'
import type { AppCloud } from '../support/app'
import { PERSONAS, SCENARIOS, type Env } from './scenarios'

export const RUNS_PER_ACTION = Number(process.env.XQ_FUZZ_RUNS ?? 1000)

type Def = { type: string; [k: string]: unknown }
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def

/** An arbitrary that follows a zod schema's structure (values are random, so most fail refinements). */
export function fromSchema(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  if (depth > 6) return fc.constant(null)
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>
      const entries = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fromSchema(v, depth + 1)]))
      return fc.record(entries, { requiredKeys: [] })
    }
    case 'string':
      return fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', ' ', '2025-07-01', '441802006', '13800138000'))
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double({ noNaN: true }), fc.constantFrom(0, 1, 20, 50, 51, 2024))
    case 'boolean':
      return fc.boolean()
    case 'literal':
      return fc.constantFrom(...((def.values as unknown[]) ?? []))
    case 'enum':
      return fc.oneof(fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), fc.string({ maxLength: 8 }))
    case 'array':
      return fc.array(fromSchema(def.element, depth + 1), { maxLength: 8 })
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return fc.option(fromSchema(def.innerType, depth + 1), { nil: undefined })
    case 'pipe':
      return fromSchema(def.in, depth + 1)
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => fromSchema(o, depth + 1)))
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), fromSchema(def.valueType, depth + 1), { maxKeys: 4 })
    default:
      return fc.anything()
  }
}

const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: deep(n - 1) })

/** Values that break careless code: wrong types, extremes, unicode, Mongo operators, out-of-range dates. */
export const HOSTILE = fc.constantFrom<unknown>(
  null,
  true,
  0,
  -1,
  -1e15,
  1e308,
  2 ** 53 + 1,
  0.1,
  '',
  'x'.repeat(100_000),
  '😀\u202e中文\u0000\u200b',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  ['a', 'b'],
  [],
  {},
  deep(60),
  '0000-00-00',
  '9999-12-31',
  '2024-02-30',
  '1900-01-01T00:00:00Z',
  'cloud://env.bucket/../../secret',
)

/** Mutations of a valid input: a field removed, retyped or made hostile; extra fields; the whole replaced. */
export function mutations(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid)
  const pick = keys.length ? fc.constantFrom(...keys) : fc.constant('x')
  return fc.oneof(
    pick.map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(pick, HOSTILE).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(pick, fc.anything()).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(fc.constantFrom('userId', 'openid', 'status', 'roles', 'hours', '$set', 'constructor', '__proto__', 'owner'), HOSTILE).map(([k, v]) => ({ ...valid, [k]: v })),
    HOSTILE,
    fc.anything(),
  )
}

/** Documents written so far, per collection, except rate-limit counters (which count refused calls too). */
function writesSoFar(app: AppCloud): Map<string, number> {
  return new Map([...app.cloud.store.writes].filter(([collection]) => collection !== 'rate_limits'))
}

export interface FuzzFigures {
  runs: number
  ok: number
  refused: number
  /**
   * Runs whose caller and input, as the contract parses it, were those of an earlier run with the
   * data unchanged since (not a write anywhere, rate-limit counters included): the function would
   * answer as it did then, so it is not asked again. Counted in `runs`, not in `ok` or `refused`.
   */
  repeats: number
}

/** JSON with keys in order, so that equal inputs give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v))
}

/** Every write so far, rate-limit counters included: equal totals mean the data did not change. */
function allWrites(app: AppCloud): number {
  let n = 0
  for (const count of app.cloud.store.writes.values()) n += count
  return n
}

/** Fuzzes one action as a persona able to call it; throws (with the counterexample) on the first violation. */
export async function fuzzAction(app: AppCloud, env: Env, name: ActionName, callers: string[]): Promise<FuzzFigures> {
  const dot = name.indexOf('.')
  const fn = name.slice(0, dot)
  const action = name.slice(dot + 1)
  const def = (contract as unknown as Record<string, Record<string, ActionDef>>)[fn][action]
  const admin = PERSONAS.find((p) => p.key === 'city_admin')!
  const sample = await SCENARIOS[name](env, admin, 'own')
  const valid = (sample?.input ?? {}) as Record<string, unknown>
  const figures: FuzzFigures = { runs: 0, ok: 0, refused: 0, repeats: 0 }
  /** Each caller-and-parsed-input whose run wrote nothing, and the writes there had been before it. */
  const asked = new Map<string, number>()
  let turn = 0
  await fc.assert(
    fc.asyncProperty(fc.oneof(fromSchema(def.input), mutations(valid), fc.constant(valid)), async (input) => {
      const caller = callers[turn++ % callers.length]
      const parsed = (def.input as z.ZodType).safeParse(input)
      const key = parsed.success ? `${caller}\u0000${stableJson(parsed.data)}` : null
      const writesBefore = allWrites(app)
      if (key !== null && asked.get(key) === writesBefore) {
        figures.runs++
        figures.repeats++
        return
      }
      const before = writesSoFar(app)
      const outcome = await app.cloud.invoke(fn, { action, input }, { openid: caller, source: 'wx_client' })
      // Only an answer that changed nothing can stand for the next identical call (the data it read is still there).
      if (key !== null && allWrites(app) === writesBefore) asked.set(key, writesBefore)
      figures.runs++
      if (!outcome.ok) throw new Error(`unhandled failure ${outcome.errCode}: ${outcome.errMsg.split('\n')[0]}`)
      const envelope = outcome.result as { ok?: boolean; data?: unknown; error?: unknown }
      if (envelope?.ok === true) {
        figures.ok++
        const parsed = (def.output as z.ZodType).safeParse(envelope.data)
        if (!parsed.success) throw new Error(`output does not match the contract: ${parsed.error.issues[0]?.message}`)
        return
      }
      const error = ErrorShape.safeParse(envelope?.error)
      if (envelope?.ok !== false || !error.success) throw new Error(`not the error shape: ${JSON.stringify(envelope).slice(0, 200)}`)
      if (error.data.code === 'INTERNAL') throw new Error(`an internal error: the action failed on this input`)
      figures.refused++
      const after = writesSoFar(app)
      const changed = [...after].filter(([collection, n]) => n !== (before.get(collection) ?? 0)).map(([collection]) => collection)
      if (changed.length > 0) throw new Error(`refused (${error.data.code}) but changed: ${changed.join(', ')}`)
    }),
    { numRuns: RUNS_PER_ACTION, endOnFailure: true },
  )
  return figures
}
