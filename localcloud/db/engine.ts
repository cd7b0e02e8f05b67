// Query, update and aggregation semantics: MongoDB's, through mingo. Every operator comes from
// one context built here: mingo's own, the geo operators mingo lacks, and the few operators where
// mingo's semantics differ from MongoDB's, overridden below (each should be reported upstream to
// mingo, and the override dropped once mingo agrees with MongoDB).
import { Aggregator } from 'mingo/aggregator'
import { Context, evalExpr } from 'mingo/core'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { Query } from 'mingo/query'
import type { Options } from 'mingo/types'
import { update as applyModifier } from 'mingo/updater'
import { resolve } from 'mingo/util'
import { DbError } from './errors'
import {
  angularDistanceToGeometry,
  asGeometry,
  distanceToGeometry,
  EARTH_RADIUS_M,
  intersects,
  within,
  withinCenterSphere,
  type Geometry,
} from './geo'
import { jsonSchemaValidator } from './jsonschema'
import { compiledIn, reduceFast } from './fast-reduce'
import { clone, isPlainObject, type Doc } from './values'

type AnyObject = Record<string, unknown>

function geometryOperand(value: unknown, op: string): Geometry {
  const spec = isPlainObject(value) ? value.$geometry : undefined
  const geometry = asGeometry(spec)
  if (!geometry) throw DbError.invalidParam(`${op} needs a GeoJSON $geometry`)
  return geometry
}

function nearOperand(value: unknown): { center: [number, number]; min: number; max: number } {
  const spec = isPlainObject(value) ? value : {}
  const geometry = asGeometry(spec.$geometry)
  if (!geometry || geometry.type !== 'Point') throw DbError.invalidParam('$nearSphere needs a Point $geometry')
  return {
    center: geometry.coordinates,
    min: typeof spec.$minDistance === 'number' ? spec.$minDistance : 0,
    max: typeof spec.$maxDistance === 'number' ? spec.$maxDistance : Infinity,
  }
}

const fieldGeometry = (obj: AnyObject, selector: string) => asGeometry(resolve(obj, selector))

// mingo's operator types are intersections of every built-in's signature; ours take the documented arguments.
type QueryOps = NonNullable<Parameters<typeof Context.init>[0]>['query']
type ExpressionOps = NonNullable<Parameters<typeof Context.init>[0]>['expression']
type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: AnyObject) => boolean
type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown

const geoOperators: Record<string, QueryOperator> = {
  $geoWithin: (selector, value) => {
    const spec = isPlainObject(value) ? value : {}
    if (Array.isArray(spec.$centerSphere)) {
      const [center, radius] = spec.$centerSphere as [[number, number], number]
      if (!Array.isArray(center) || typeof radius !== 'number') throw DbError.invalidParam('$centerSphere is malformed')
      return (obj) => {
        const g = fieldGeometry(obj, selector)
        return g !== null && withinCenterSphere(g, center, radius)
      }
    }
    const area = geometryOperand(value, '$geoWithin')
    return (obj) => {
      const g = fieldGeometry(obj, selector)
      return g !== null && within(g, area)
    }
  },
  $geoIntersects: (selector, value) => {
    const other = geometryOperand(value, '$geoIntersects')
    return (obj) => {
      const g = fieldGeometry(obj, selector)
      return g !== null && intersects(g, other)
    }
  },
  // The filtering half of $nearSphere; sorting by distance is done by `find`.
  $nearSphere: (selector, value) => {
    const { center, min, max } = nearOperand(value)
    return (obj) => {
      const g = fieldGeometry(obj, selector)
      if (!g) return false
      const d = distanceToGeometry(center, g)
      return d >= min && d <= max
    }
  },
}

// ---- where mingo differs from MongoDB (to be reported upstream to mingo) ----------------

/**
 * The values a dotted path reaches in a document, as MongoDB's matcher walks it: into embedded
 * documents; into each element of an array that is itself a document (never into a scalar, nor into
 * an array nested in an array); and to an array element by its index.
 */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value]
  const [head, ...rest] = path
  if (Array.isArray(value)) {
    const out: unknown[] = /^\d+$/.test(head) ? valuesAt(value[Number(head)], rest) : []
    for (const element of value) if (isPlainObject(element)) out.push(...valuesAt(element[head], rest))
    return out
  }
  return isPlainObject(value) ? valuesAt(value[head], rest) : [undefined]
}

// The logical and whole-document operators: an $elemMatch made of them is a query on each element.
const DOCUMENT_OPERATORS = new Set(['$and', '$or', '$nor', '$where', '$expr', '$jsonSchema', '$text', '$comment'])

const queryFixes: Record<string, QueryOperator> = {
  /**
   * mingo applies $elemMatch's field conditions to scalar elements too: on [5, {k: 4}],
   * {$elemMatch: {k: {$mod: [2, 1]}}} matched because of the 5, and {k: {$exists: true}} or
   * {k: {$ne: 1}} matched arrays with no document at all. In MongoDB a query on fields only
   * looks at the elements that are documents; operators on the element itself
   * ({$elemMatch: {$gt: 2}}) look at every element.
   */
  $elemMatch: (selector, criteria, options) => {
    if (!isPlainObject(criteria)) throw DbError.invalidParam('$elemMatch needs an object')
    const keys = Object.keys(criteria)
    let test: (element: unknown) => boolean
    if (keys.length > 0 && keys.every((k) => k.startsWith('$') && !DOCUMENT_OPERATORS.has(k))) {
      const query = new Query({ element: criteria }, options)
      test = (element) => query.test({ element })
    } else {
      const query = new Query(criteria, options)
      // An array element is matched as MongoDB sees it: a document whose fields are "0", "1", …
      test = (element) =>
        Array.isArray(element) ? query.test(Object.fromEntries(element.map((v, i) => [String(i), v]))) : isPlainObject(element) && query.test(element)
    }
    const path = selector.split('.')
    return (obj) => valuesAt(obj, path).some((v) => Array.isArray(v) && v.some(test))
  },
  /**
   * mingo looks through nested arrays for a dotted path ({'a.k': {$exists: true}} matched
   * {a: [[{k: 1}]]}); MongoDB's path walks one array level per step (see `valuesAt`).
   */
  $exists: (selector, value) => {
    const want = Boolean(value)
    const path = selector.split('.')
    return (obj) => valuesAt(obj, path).some((v) => v !== undefined) === want
  },
  /**
   * mingo's $mod coerces with JavaScript's `%`: '5', true, null, a date and [[5]] all matched, and
   * 5.5 did not match {$mod: [2, 1]}. MongoDB matches numbers only (an array's elements one
   * level down), truncates each to an integer, and refuses a zero divisor.
   */
  $mod: (selector, value) => {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw DbError.invalidParam('malformed mod, needs to be an array of [divisor, remainder]')
    }
    const divisor = Math.trunc(value[0] as number)
    const remainder = Math.trunc(value[1] as number)
    if (divisor === 0) throw DbError.invalidParam('divisor cannot be 0')
    const matches = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % divisor === remainder
    const path = selector.split('.')
    return (obj) => valuesAt(obj, path).some((v) => (Array.isArray(v) ? v.some(matches) : matches(v)))
  },
}

const expression = expressionOperators as unknown as Record<string, ExpressionOperator>

/** A string argument as MongoDB coerces it for the string operators: null and missing are empty. */
function coerceToString(value: unknown, op: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString()
  throw DbError.invalidParam(`${op}: can't convert from BSON type ${Array.isArray(value) ? 'array' : typeof value} to String`)
}

function integerArgument(value: unknown, op: string, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw DbError.invalidParam(`${op}: ${what} must be a numeric type`)
  return Math.trunc(value)
}

const isContinuationByte = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80

const substrBytes: ExpressionOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) throw DbError.invalidParam('$substrBytes needs [string, start, length]')
  const [value, startValue, lengthValue] = evalExpr(obj, expr, options) as unknown[]
  const bytes = Buffer.from(coerceToString(value, '$substrBytes'), 'utf8')
  const start = integerArgument(startValue, '$substrBytes', 'starting index')
  const length = integerArgument(lengthValue, '$substrBytes', 'length')
  if (start < 0 || start >= bytes.length) return ''
  const end = length < 0 ? bytes.length : Math.min(bytes.length, start + length)
  if (isContinuationByte(bytes[start])) throw DbError.invalidParam('$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  if (isContinuationByte(bytes[end])) throw DbError.invalidParam('$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  return bytes.subarray(start, end).toString('utf8')
}

const expressionFixes: Record<string, ExpressionOperator> = {
  /** Not a fix but speed: an `in` of a few plain operators compiled once (./fast-reduce.ts); the same answers as mingo's. */
  $reduce: (obj, expr, options) => {
    const fn = isPlainObject(expr) ? compiledIn(expr) : null
    if (fn) {
      const spec = expr as { input: unknown; initialValue: unknown }
      const input = evalExpr(obj, spec.input, options)
      if (Array.isArray(input)) {
        const done = reduceFast(fn, input, evalExpr(obj, spec.initialValue, options))
        if (done) return done.value
      }
    }
    return (expressionOperators as unknown as Record<string, ExpressionOperator>).$reduce(obj, expr, options)
  },
  /**
   * mingo's $week is not MongoDB's: 2023-01-01, a Sunday, was week 53. MongoDB's weeks begin on
   * Sundays, week 1 with the year's first Sunday, the days before it in week 0 (0–53). From the
   * day of the year and the day of the week (1 = Sunday), with the same date and timezone forms:
   * the Sunday that begins the date's week is day (dayOfYear − dayOfWeek + 1).
   */
  $week: (obj, expr, options) => {
    const dayOfYear = expression.$dayOfYear(obj, expr, options) as number | null
    const dayOfWeek = expression.$dayOfWeek(obj, expr, options) as number | null
    if (dayOfYear === null || dayOfWeek === null) return null
    return Math.floor((dayOfYear - dayOfWeek + 7) / 7)
  },
  /**
   * mingo refuses a negative length; in MongoDB (where $substr is an alias of $substrBytes) a
   * negative length means "to the end of the string", and a negative start gives "".
   */
  $substrBytes: substrBytes,
  $substr: substrBytes,
  /** Missing in mingo: MongoDB's code-point index of a substring, with optional start and end (code points). */
  $indexOfCP: (obj, expr, options) =>
    indexOf(obj, expr, options, '$indexOfCP', (value, search, start, end) => {
      const text = [...value]
      const wanted = [...search]
      for (let i = start; i + wanted.length <= Math.min(end, text.length); i++) {
        if (wanted.every((cp, j) => text[i + j] === cp)) return i
      }
      return -1
    }),
  /** mingo's $indexOfBytes counts UTF-16 code units; MongoDB's counts UTF-8 bytes (and so do its start and end). */
  $indexOfBytes: (obj, expr, options) =>
    indexOf(obj, expr, options, '$indexOfBytes', (value, search, start, end) => {
      const bytes = Buffer.from(value, 'utf8')
      const found = bytes.subarray(0, Math.min(end, bytes.length)).indexOf(Buffer.from(search, 'utf8'), start)
      return start > bytes.length ? -1 : found
    }),
}

/** The arguments of $indexOfCP and $indexOfBytes as MongoDB checks them: a null or missing string gives null. */
function indexOf(
  obj: AnyObject,
  expr: unknown,
  options: Options,
  op: string,
  find: (value: string, search: string, start: number, end: number) => number,
): number | null {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw DbError.invalidParam(`${op} needs [string, substring, start?, end?]`)
  const [value, search, startValue, endValue] = evalExpr(obj, expr, options) as unknown[]
  if (value === null || value === undefined) return null
  if (typeof value !== 'string') throw DbError.invalidParam(`${op} requires a string as the first argument`)
  if (typeof search !== 'string') throw DbError.invalidParam(`${op} requires a string as the second argument`)
  const bound = (v: unknown, what: string) => {
    if (v === undefined) return Infinity
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw DbError.invalidParam(`${op} ${what} must be a non-negative integer`)
    return v
  }
  const start = startValue === undefined ? 0 : bound(startValue, 'starting index')
  const end = bound(endValue, 'ending index')
  return start > end ? -1 : find(value, search, start, end)
}

/** The one set of operators every query, update and pipeline here uses. */
const ENGINE_CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators },
  expression: { ...expressionOperators, ...expressionFixes } as unknown as ExpressionOps,
  pipeline: { ...pipelineOperators },
  projection: { ...projectionOperators },
  query: { ...queryOperators, ...geoOperators, ...queryFixes } as unknown as QueryOps,
  window: { ...windowOperators },
})

const options = { context: ENGINE_CONTEXT, useStrictMode: true, jsonSchemaValidator }

export function compileQuery(criteria: AnyObject): (doc: Doc) => boolean {
  try {
    const query = new Query(criteria, options)
    return (doc) => query.test(doc)
  } catch (err) {
    throw asInvalid(err, 'query')
  }
}

/** Finds the $nearSphere condition of a query, if any, so results can be ordered by distance. */
export function nearSort(criteria: AnyObject): ((doc: Doc) => number) | null {
  for (const [field, cond] of Object.entries(criteria)) {
    if (isPlainObject(cond) && cond.$nearSphere !== undefined) {
      const { center } = nearOperand(cond.$nearSphere)
      return (doc) => {
        const g = asGeometry(resolve(doc, field))
        return g ? distanceToGeometry(center, g) : Infinity
      }
    }
  }
  return null
}

export function sortDocs(docs: Doc[], order: AnyObject): Doc[] {
  if (Object.keys(order).length === 0) return docs
  try {
    return new Query({}, options).find<Doc>(docs).sort(order as Record<string, 1 | -1>).all()
  } catch (err) {
    throw asInvalid(err, 'order')
  }
}

export function project(docs: Doc[], projection: AnyObject | undefined): AnyObject[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  try {
    return new Query({}, options).find<AnyObject>(docs, projection).all()
  } catch (err) {
    throw asInvalid(err, 'projection')
  }
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$currentDate',
  '$bit',
])

/** Applies a MongoDB update document to a copy of `doc`; returns the new document. */
export function applyUpdate(doc: Doc, modifier: AnyObject): Doc {
  for (const key of Object.keys(modifier)) {
    if (!UPDATE_OPERATORS.has(key)) throw new DbError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${key}`)
    const fields = modifier[key]
    if (!isPlainObject(fields)) throw DbError.invalidParam(`${key} needs an object of fields`)
    if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      throw DbError.invalidParam('不能更新_id的值')
    }
  }
  const next = clone(doc)
  try {
    applyModifier(next, modifier, undefined, undefined, { cloneMode: 'deep', queryOptions: options })
  } catch (err) {
    throw asInvalid(err, 'update')
  }
  return next
}

export function isOperatorUpdate(data: AnyObject): boolean {
  const keys = Object.keys(data)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

export interface PipelineEnv {
  /** Documents of another collection, for $lookup. */
  collection(name: string): Doc[]
}

/** Runs an aggregation pipeline; $geoNear (first stage only, as in MongoDB) is evaluated here. */
export function aggregate(docs: Doc[], stages: AnyObject[], env: PipelineEnv): AnyObject[] {
  let input: AnyObject[] = docs
  let rest = stages
  const first = stages[0]
  if (first && '$geoNear' in first) {
    input = geoNearStage(docs, first.$geoNear)
    rest = stages.slice(1)
  }
  if (rest.some((stage) => '$geoNear' in stage)) throw DbError.invalidParam('$geoNear is only valid as the first stage of a pipeline')
  try {
    const agg = new Aggregator(rest.flatMap(rewriteBucket), {
      ...options,
      collectionResolver: (name: string) => env.collection(name),
    })
    return agg.run(input) as AnyObject[]
  } catch (err) {
    throw asInvalid(err, 'pipeline')
  }
}

/**
 * mingo files a value equal to an inner boundary under the bucket below it; MongoDB's buckets
 * include their lower bound. $bucket is expressed as the $group MongoDB defines it to be.
 */
function rewriteBucket(stage: AnyObject): AnyObject[] {
  const spec = stage.$bucket
  if (!isPlainObject(spec)) return [stage]
  const bounds = spec.boundaries
  if (!Array.isArray(bounds) || bounds.length < 2) throw DbError.invalidParam('$bucket needs at least two boundaries')
  const branches = bounds.slice(0, -1).map((lower, i) => ({
    case: { $and: [{ $gte: [spec.groupBy, lower] }, { $lt: [spec.groupBy, bounds[i + 1]] }] },
    then: lower,
  }))
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } }
  const key = spec.default === undefined ? { $switch: { branches } } : { $switch: { branches, default: spec.default } }
  return [{ $group: { _id: key, ...output } }, { $sort: { _id: 1 } }]
}

function geoNearStage(docs: Doc[], spec: unknown): AnyObject[] {
  if (!isPlainObject(spec)) throw DbError.invalidParam('$geoNear needs an object')
  const near = asGeometry(spec.near)
  if (!near || near.type !== 'Point') throw DbError.invalidParam('$geoNear.near must be a Point')
  if (typeof spec.distanceField !== 'string') throw DbError.invalidParam('$geoNear.distanceField is required')
  const key = typeof spec.key === 'string' ? spec.key : null
  const spherical = spec.spherical !== false
  const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1
  const max = typeof spec.maxDistance === 'number' ? spec.maxDistance : Infinity
  const min = typeof spec.minDistance === 'number' ? spec.minDistance : 0
  const filter = isPlainObject(spec.query) ? compileQuery(spec.query) : () => true
  const locate = (doc: Doc): Geometry | null => {
    if (key) return asGeometry(resolve(doc, key))
    // Without `key`, MongoDB uses the collection's only geo index; here: the first GeoJSON field.
    for (const value of Object.values(doc)) {
      const g = asGeometry(value)
      if (g) return g
    }
    return null
  }
  const rows: { doc: AnyObject; distance: number }[] = []
  for (const doc of docs) {
    if (!filter(doc)) continue
    const g = locate(doc)
    if (!g) continue
    // Spherical distances are metres; non-spherical legacy mode reports radians, as MongoDB does.
    const radians = angularDistanceToGeometry(near.coordinates, g)
    const metres = radians * EARTH_RADIUS_M
    if (metres < min || metres > max) continue
    const distance = (spherical ? metres : radians) * multiplier
    const out = clone(doc) as AnyObject
    setPath(out, spec.distanceField, distance)
    if (typeof spec.includeLocs === 'string') setPath(out, spec.includeLocs, clone(g))
    rows.push({ doc: out, distance })
  }
  rows.sort((a, b) => a.distance - b.distance)
  return rows.map((r) => r.doc)
}

function setPath(obj: AnyObject, path: string, value: unknown) {
  const keys = path.split('.')
  let node = obj
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {}
    node = node[key] as AnyObject
  }
  node[keys[keys.length - 1]] = value
}

function asInvalid(err: unknown, what: string): DbError {
  if (err instanceof DbError) return err
  return new DbError('DATABASE_INVALID_OPERRATOR', `invalid ${what}: ${(err as Error).message}`)
}
