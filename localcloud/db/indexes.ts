// Secondary indexes held in memory: equality lookups on any prefix of an index's keys,
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
  /** prefixes[n] maps the key of the first n+1 fields to the ids having it. */
  private readonly prefixes: Map<string, Set<string>>[]

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

  /** Every prefix map with every key `doc` has in it (none when the index skips it): what add and remove visit. */
  private eachKey(doc: Doc, visit: (map: Map<string, Set<string>>, key: string) => void): void {
    if (this.skips(doc)) return
    const parts = this.fieldParts(doc)
    this.prefixes.forEach((map, n) => {
      for (const key of tuples(parts.slice(0, n + 1))) visit(map, key)
    })
  }

  add(doc: Doc): void {
    this.eachKey(doc, (map, key) => {
      let ids = map.get(key)
      if (!ids) map.set(key, (ids = new Set()))
      ids.add(idKey(doc._id))
    })
  }

  remove(doc: Doc): void {
    this.eachKey(doc, (map, key) => {
      const ids = map.get(key)
      ids?.delete(idKey(doc._id))
      if (ids && ids.size === 0) map.delete(key)
    })
  }

  /** Throws the duplicate-key error if `doc` would collide with a document other than itself. */
  checkUnique(doc: Doc, collection: string, ignore: ReadonlySet<string> = new Set()): void {
    if (!this.spec.unique || this.skips(doc)) return
    const full = this.prefixes[this.prefixes.length - 1]
    const self = idKey(doc._id)
    for (const key of tuples(this.fieldParts(doc))) {
      for (const id of full.get(key) ?? []) {
        if (id !== self && !ignore.has(id)) {
          const dup = Object.fromEntries(this.fields.map((f) => [f, resolve(doc, f) ?? null]))
          throw DbError.duplicateKey(collection, this.spec.name, JSON.stringify(dup))
        }
      }
    }
  }

  /** Candidate ids (keys, see `idKey`) for equality constraints on a prefix of the fields, or null if the index cannot help. */
  lookup(constraints: Map<string, unknown[]>): Set<string> | null {
    let n = 0
    while (n < this.fields.length && constraints.has(this.fields[n])) n++
    if (n === 0) return null
    const parts = this.fields.slice(0, n).map((f) => constraints.get(f)!.map(valueKey))
    const out = new Set<string>()
    for (const key of tuples(parts)) for (const id of this.prefixes[n - 1].get(key) ?? []) out.add(id)
    return out
  }

  /** How many fields of this index a query constrains by equality (for choosing among indexes). */
  coverage(constraints: Map<string, unknown[]>): number {
    let n = 0
    while (n < this.fields.length && constraints.has(this.fields[n])) n++
    return n
  }
}

const isScalar = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date || v instanceof ObjectId

/**
 * Equality constraints a query places on fields (`{f: v}`, `{f: {$eq: v}}`, `{f: {$in: [...]}}`,
 * and those inside a top-level `$and`). Anything else is left to the full query test.
 */
export function equalityConstraints(criteria: Record<string, unknown>, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const [field, cond] of Object.entries(criteria)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (isPlainObject(part)) equalityConstraints(part, out)
      continue
    }
    if (field.startsWith('$')) continue
    let values: unknown[] | null = null
    if (isScalar(cond)) values = [cond]
    else if (isPlainObject(cond)) {
      const ops = Object.keys(cond)
      if (ops.length === 1 && ops[0] === '$eq' && isScalar(cond.$eq)) values = [cond.$eq]
      if (ops.length === 1 && ops[0] === '$in' && Array.isArray(cond.$in) && cond.$in.every(isScalar)) values = cond.$in
    }
    if (values && !out.has(field)) out.set(field, values)
  }
  return out
}
