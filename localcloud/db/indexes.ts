// Secondary indexes held in memory: lookups by equality (or $in) on a prefix of an index's keys,
// with a range ($gt/$gte/$lt/$lte) on the key after that prefix, as MongoDB bounds an index scan;
// and unique constraints (compound ones included) checked before a write is applied.
import { resolve } from 'mingo/util'
import { DbError } from './errors'
import { ObjectId } from 'bson'
import { idKey, isPlainObject, toWire, type Doc } from './values'

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
  /** A sparse unique index ignores documents that lack every indexed field (MongoDB's `sparse`). */
  sparse?: boolean
}

const SEP = '\u0001'

/** A string that is equal for two values exactly when MongoDB equality would match them. */
export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'z'
  if (typeof value === 'number') return `n:${value}`
  if (typeof value === 'string') return `s:${value}`
  if (typeof value === 'boolean') return `b:${value}`
  if (value instanceof Date) return `d:${value.getTime()}`
  return `o:${toWire({ v: value })}`
}

/** Keys a field value contributes: an array is indexed by each element and as a whole (multikey). */
function fieldKeys(value: unknown): string[] {
  if (Array.isArray(value)) {
    const keys = new Set(value.map(valueKey))
    keys.add(valueKey(value))
    if (value.length === 0) keys.add('z')
    return [...keys]
  }
  return [valueKey(value)]
}

function tuples(parts: string[][]): string[] {
  return parts.reduce<string[]>((acc, keys) => acc.flatMap((prefix) => keys.map((k) => (prefix ? prefix + SEP + k : k))), [''])
}

export class Index {
  readonly fields: string[]
  /**
   * prefixes[n] maps the key of the first n+1 fields to the ids having it: one id as itself, more
   * as a set (in the order they came). A key most often has one document (a date and time, an
   * id): a set each would be a million small objects over a city's sessions.
   */
  private readonly prefixes: Map<string, IdEntry>[]

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys)
    this.prefixes = this.fields.map(() => new Map())
  }

  private fieldParts(doc: Doc): string[][] {
    return this.fields.map((field) => fieldKeys(resolve(doc, field)))
  }

  private skips(doc: Doc): boolean {
    return !!this.spec.sparse && this.fields.every((field) => resolve(doc, field) === undefined)
  }

  /**
   * Every prefix map with every key `doc` has in it (none when the index skips it): what add and
   * remove visit. Each level's keys extend the level before's (a document of one value per field
   * has one key a level), so the keys of n fields are made once, not once per longer prefix.
   */
  private eachKey(doc: Doc, visit: (map: Map<string, IdEntry>, key: string) => void): void {
    if (this.skips(doc)) return
    let level: string[] = []
    for (let n = 0; n < this.fields.length; n++) {
      const keys = fieldKeys(resolve(doc, this.fields[n]))
      const map = this.prefixes[n]
      if (n === 0) level = keys
      else if (level.length === 1 && keys.length === 1) level = [level[0] + SEP + keys[0]]
      else level = level.flatMap((prefix) => keys.map((k) => prefix + SEP + k))
      for (const key of level) visit(map, key)
    }
  }

  add(doc: Doc): void {
    const id = idKey(doc._id)
    this.eachKey(doc, (map, key) => {
      const ids = map.get(key)
      if (ids === undefined) map.set(key, id)
      else if (typeof ids === 'string') {
        if (ids !== id) map.set(key, new Set([ids, id]))
      } else ids.add(id)
    })
  }

  remove(doc: Doc): void {
    const id = idKey(doc._id)
    this.eachKey(doc, (map, key) => {
      const ids = map.get(key)
      if (ids === undefined) return
      if (typeof ids === 'string') {
        if (ids === id) map.delete(key)
        return
      }
      ids.delete(id)
      if (ids.size === 0) map.delete(key)
    })
  }

  /** Throws the duplicate-key error if `doc` would collide with a document other than itself. */
  checkUnique(doc: Doc, collection: string, ignore: ReadonlySet<string> = new Set()): void {
    if (!this.spec.unique || this.skips(doc)) return
    const full = this.prefixes[this.prefixes.length - 1]
    const self = idKey(doc._id)
    for (const key of tuples(this.fieldParts(doc))) {
      for (const id of idsOf(full.get(key))) {
        if (id !== self && !ignore.has(id)) {
          const dup = Object.fromEntries(this.fields.map((f) => [f, resolve(doc, f) ?? null]))
          throw DbError.duplicateKey(collection, this.spec.name, JSON.stringify(dup))
        }
      }
    }
  }

  /** How many leading fields of this index the query's equalities cover. */
  private equalPrefix(bounds: QueryBounds): number {
    let n = 0
    while (n < this.fields.length && bounds.equal.has(this.fields[n])) n++
    return n
  }

  /**
   * How well this index serves a query: the fields its equalities cover, plus a half when a range
   * bounds the next field (0: the index cannot narrow the query, it would be a full scan).
   */
  score(bounds: QueryBounds): number {
    const n = this.equalPrefix(bounds)
    return n + (n < this.fields.length && bounds.ranges.has(this.fields[n]) ? 0.5 : 0)
  }

  /** Candidate ids (keys, see `idKey`) for the query's bounds on this index, or null if it cannot help. */
  lookup(bounds: QueryBounds): Set<string> | null {
    const n = this.equalPrefix(bounds)
    const ranges = n < this.fields.length ? bounds.ranges.get(this.fields[n]) : undefined
    if (n === 0 && !ranges) return null
    const prefixes = n === 0 ? [] : tuples(this.fields.slice(0, n).map((f) => bounds.equal.get(f)!.map(valueKey)))
    if (!ranges) {
      const out = new Set<string>()
      for (const key of prefixes) for (const id of idsOf(this.prefixes[n - 1].get(key))) out.add(id)
      return out
    }
    // Each bound on its own, then intersected: an array field matches $gt and $lt by different
    // elements (multikey bounds), so a key need not satisfy every bound at once.
    const matches = ranges.map((range) => {
      const ids = new Set<string>()
      for (const [key, entry] of this.prefixes[n]) {
        const last = n === 0 ? key : lastPart(key, prefixes)
        if (last !== null && inRange(last, range)) for (const id of idsOf(entry)) ids.add(id)
      }
      return ids
    })
    return matches.reduce((all, ids) => new Set([...all].filter((id) => ids.has(id))))
  }
}

/** The ids under an index key: one id, or a set of them. */
type IdEntry = string | Set<string>

function idsOf(entry: IdEntry | undefined): Iterable<string> {
  return entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry
}

/** The key of the last field of a compound key whose leading fields are one of `prefixes`; null for none. */
function lastPart(key: string, prefixes: string[]): string | null {
  for (const p of prefixes) if (key.length > p.length && key.startsWith(p) && key[p.length] === SEP) return key.slice(p.length + 1)
  return null
}

/** Whether a field's key (see `valueKey`) is within a bound: same type only, as MongoDB compares. */
function inRange(key: string, range: RangeBound): boolean {
  const v = range.value
  let x: number | string
  let y: number | string
  if (typeof v === 'number' && key.startsWith('n:')) [x, y] = [Number(key.slice(2)), v]
  else if (typeof v === 'string' && key.startsWith('s:')) [x, y] = [key.slice(2), v]
  else if (v instanceof Date && key.startsWith('d:')) [x, y] = [Number(key.slice(2)), v.getTime()]
  else return false
  if (range.op === '$gt') return x > y
  if (range.op === '$gte') return x >= y
  if (range.op === '$lt') return x < y
  return x <= y
}

const isScalar = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date || v instanceof ObjectId

type RangeOp = '$gt' | '$gte' | '$lt' | '$lte'
const RANGE_OPS = new Set<string>(['$gt', '$gte', '$lt', '$lte'])

export interface RangeBound {
  op: RangeOp
  value: number | string | Date
}

/** What an index can use of a query: equalities (one or more values each) and ranges, by field. */
export interface QueryBounds {
  equal: Map<string, unknown[]>
  ranges: Map<string, RangeBound[]>
}

const isRangeValue = (v: unknown): v is number | string | Date => typeof v === 'number' || typeof v === 'string' || v instanceof Date

/**
 * The bounds a query places on fields: equality (`{f: v}`, `{f: {$eq: v}}`, `{f: {$in: [...]}}`)
 * and ranges (`{f: {$gte: a, $lt: b}}` on numbers, strings and dates), including those inside a
 * top-level `$and`. Anything else is left to the full query test.
 */
export function queryBounds(criteria: Record<string, unknown>, out: QueryBounds = { equal: new Map(), ranges: new Map() }): QueryBounds {
  for (const [field, cond] of Object.entries(criteria)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (isPlainObject(part)) queryBounds(part, out)
      continue
    }
    if (field.startsWith('$')) continue
    let values: unknown[] | null = null
    if (isScalar(cond)) values = [cond]
    else if (isPlainObject(cond)) {
      const ops = Object.keys(cond)
      if (ops.length === 1 && ops[0] === '$eq' && isScalar(cond.$eq)) values = [cond.$eq]
      if (ops.length === 1 && ops[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(isScalar)) values = cond.$in
      const ranges = ops.filter((op) => RANGE_OPS.has(op) && isRangeValue(cond[op])).map((op) => ({ op: op as RangeOp, value: cond[op] as RangeBound['value'] }))
      if (ranges.length > 0) out.ranges.set(field, [...(out.ranges.get(field) ?? []), ...ranges])
    }
    if (values && !out.equal.has(field)) out.equal.set(field, values)
  }
  return out
}
