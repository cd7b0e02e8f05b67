// The local database's fast $reduce (localcloud/db/fast-reduce.ts) answers as mingo's does: the
// hours rollup's own expressions, then random ones built from the operators it compiles and some it
// must leave to mingo, over random arrays (numbers, date strings, nulls, missing fields, nested
// documents), each compared with mingo's $reduce on the same document.
import { Aggregator } from 'mingo/aggregator'
import { Context } from 'mingo/core'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import { aggregate } from '../../localcloud/db/engine'
import { compiledIn } from '../../localcloud/db/fast-reduce'

const mingoContext = Context.init({ accumulator: { ...accumulatorOperators }, expression: { ...expressionOperators }, pipeline: { ...pipelineOperators } })
const env = { collection: () => [] }

/** The same $project through the local engine (fast $reduce) and through plain mingo: value, or the error's kind. */
function both(doc: Record<string, unknown>, reduce: unknown): [unknown, unknown] {
  const stages = [{ $project: { _id: 0, r: reduce } }]
  const run = (f: () => unknown) => {
    try {
      return f()
    } catch {
      return 'error'
    }
  }
  const fast = run(() => (aggregate([structuredClone(doc) as never], stages, env)[0] as { r?: unknown }).r)
  const slow = run(() => (new Aggregator(stages, { context: mingoContext, useStrictMode: true }).run([structuredClone(doc)])[0] as { r?: unknown }).r)
  return [fast, slow]
}

let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
const day = () => `202${pick([4, 5, 6])}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`

function element(): unknown {
  const r = rand()
  if (r < 0.04) return null
  if (r < 0.08) return 7
  if (r < 0.1) return { d: day() } // m missing
  if (r < 0.12) return { d: day(), m: null }
  if (r < 0.14) return { d: day(), m: 'x' }
  if (r < 0.16) return { d: day(), m: [1, 2] }
  if (r < 0.18) return { d: day(), m: 5, x: { y: Math.floor(rand() * 9) } }
  return { d: day(), m: Math.floor(rand() * 600), n: Math.floor(rand() * 3) }
}

/** A random expression over $$this and $$value, mostly of compiled operators, now and then one mingo keeps. */
function expression(depth: number): unknown {
  const leaves = ['$$this.m', '$$this.n', '$$this.d', '$$value', '$$this.x.y', '$$this', 0, 1, 60, day(), null, true, '$m', '$$ROOT.m', { $literal: 3 }]
  if (depth <= 0 || rand() < 0.25) return pick(leaves)
  const e = () => expression(depth - 1)
  switch (pick(['add', 'cond', 'condObj', 'and', 'or', 'not', 'ifNull', 'cmp', 'cmp', 'cmp', 'other', 'object'])) {
    case 'add':
      return { $add: [e(), e(), ...(rand() < 0.3 ? [e()] : [])] }
    case 'cond':
      return { $cond: [e(), e(), e()] }
    case 'condObj':
      return { $cond: { if: e(), then: e(), else: e() } }
    case 'and':
      return { $and: [e(), e()] }
    case 'or':
      return { $or: [e(), e()] }
    case 'not':
      return { $not: [e()] }
    case 'ifNull':
      return { $ifNull: [e(), e()] }
    case 'cmp':
      return { [pick(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte'])]: [e(), e()] }
    case 'object':
      return { a: e(), b: e() }
    default:
      return { [pick(['$multiply', '$max', '$concat'])]: [e(), e()] }
  }
}

test("the rollup's own sums (credited minutes between two days, sessions and minutes at a station) are compiled, and answer as mingo's", () => {
  const between = (days: string, from: string, to: string, field: string) => ({
    $reduce: { input: days, initialValue: 0, in: { $add: ['$$value', { $cond: [{ $and: [{ $gte: ['$$this.d', from] }, { $lte: ['$$this.d', to] }] }, `$$this.${field}`, 0] }] } },
  })
  expect(compiledIn(between('$days', '2025-01-01', '2025-06-30', 'm').$reduce)).not.toBeNull()
  for (let i = 0; i < 300; i++) {
    const days = Array.from({ length: Math.floor(rand() * 30) }, () => ({ d: day(), m: Math.floor(rand() * 480), n: Math.floor(rand() * 3) }))
    const doc = { days, stations: [{ s: 'a', days }] }
    const from = day()
    const to = day()
    for (const reduce of [between('$days', from, to, 'm'), between('$days', from, to, 'n'), { $map: { input: '$stations', as: 'x', in: between('$$x.days', from, to, 'm') } }]) {
      const [fast, slow] = both(doc, reduce)
      expect(fast).toEqual(slow)
    }
  }
})

test('random expressions over random arrays: the same value (or the same failure) as mingo, whether compiled or left to it', () => {
  let compiled = 0
  for (let i = 0; i < 3000; i++) {
    const input = Array.from({ length: Math.floor(rand() * 8) }, element)
    const spec = { input: rand() < 0.05 ? '$missing' : '$days', initialValue: pick([0, null, { a: 0 }, '2025-01-01', 5]), in: expression(3) }
    if (compiledIn(spec)) compiled++
    const [fast, slow] = both({ days: input, m: 9 }, { $reduce: spec })
    if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`differs: ${JSON.stringify({ spec, input, fast, slow })}`)
    expect(fast).toEqual(slow)
  }
  // Enough of them took the fast way for the comparison to mean something.
  expect(compiled).toBeGreaterThan(300)
})

test('several sums in one pass (the dashboard’s spans) add into one document, and answer as mingo does, from any start', () => {
  const inSpan = (from: string, to: string) => ({ $and: [{ $gte: ['$$this.d', from] }, { $lte: ['$$this.d', to] }] })
  const spans = Array.from({ length: 6 }, () => [day(), day()].sort())
  const sums = Object.fromEntries(spans.map(([from, to], i) => [`s${i}`, { $add: [`$$value.s${i}`, { $cond: [inSpan(from, to), '$$this.m', 0] }] }]))
  const zeros = Object.fromEntries(spans.map((_s, i) => [`s${i}`, 0]))
  expect(compiledIn({ input: '$days', initialValue: zeros, in: sums })?.sums).toHaveLength(6)
  for (let i = 0; i < 400; i++) {
    const days = Array.from({ length: Math.floor(rand() * 12) }, element)
    const initialValue = pick([zeros, { ...zeros, extra: 1 }, { ...zeros, s0: null }, { s1: 2 }, 0, null])
    const [fast, slow] = both({ days }, { $reduce: { input: '$days', initialValue, in: sums } })
    if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`differs: ${JSON.stringify({ days, initialValue, fast, slow })}`)
    expect(fast).toEqual(slow)
  }
})
