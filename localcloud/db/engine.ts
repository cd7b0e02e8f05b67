// Query, update and aggregation semantics: MongoDB's, through mingo, with the geo
// operators mingo lacks registered as custom operators.
import { Aggregator, Context, Query } from 'mingo'
import { update as applyModifier } from 'mingo/updater'
import { resolve } from 'mingo/util'
import { DbError } from './errors'
import {
  asGeometry,
  distanceToGeometry,
  EARTH_RADIUS_M,
  intersects,
  within,
  withinCenterSphere,
  type Geometry,
} from './geo'
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

// mingo's operator type is an intersection of every built-in's signature; ours take (selector, value).
type QueryOps = NonNullable<Parameters<typeof Context.init>[0]>['query']

const geoContext = Context.init({
  query: {
    $geoWithin: (selector: string, value: unknown) => {
      const spec = isPlainObject(value) ? value : {}
      if (Array.isArray(spec.$centerSphere)) {
        const [center, radius] = spec.$centerSphere as [[number, number], number]
        if (!Array.isArray(center) || typeof radius !== 'number') throw DbError.invalidParam('$centerSphere is malformed')
        return (obj: AnyObject) => {
          const g = fieldGeometry(obj, selector)
          return g !== null && withinCenterSphere(g, center, radius)
        }
      }
      const area = geometryOperand(value, '$geoWithin')
      return (obj: AnyObject) => {
        const g = fieldGeometry(obj, selector)
        return g !== null && within(g, area)
      }
    },
    $geoIntersects: (selector: string, value: unknown) => {
      const other = geometryOperand(value, '$geoIntersects')
      return (obj: AnyObject) => {
        const g = fieldGeometry(obj, selector)
        return g !== null && intersects(g, other)
      }
    },
    // The filtering half of $nearSphere; sorting by distance is done by `find`.
    $nearSphere: (selector: string, value: unknown) => {
      const { center, min, max } = nearOperand(value)
      return (obj: AnyObject) => {
        const g = fieldGeometry(obj, selector)
        if (!g) return false
        const d = distanceToGeometry(center, g)
        return d >= min && d <= max
      }
    },
  } as unknown as QueryOps,
})

const options = { context: geoContext, useStrictMode: true }

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
    applyModifier(next, modifier, undefined, undefined, { cloneMode: 'deep' })
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
    const metres = distanceToGeometry(near.coordinates, g)
    if (metres < min || metres > max) continue
    const distance = (spherical ? metres : metres / EARTH_RADIUS_M) * multiplier
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
