// Converting between the SDK's wire format (canonical EJSON strings) and the
// plain JavaScript values the query engine works on.
import { BSONRegExp, EJSON, ObjectId } from 'bson'
import { DbError } from './errors'

/** A document id: a string (what the platform generates, and most ids) or an ObjectId (`{$oid}` on the wire). */
export type DocId = string | ObjectId

/**
 * A stored document. Its `_id` is typed as the string nearly every id is (and what the tests and
 * tools that read the store expect); a document inserted with an ObjectId `_id` holds the ObjectId,
 * which is why the store keys documents by `idKey(doc._id)` and never by the `_id` itself.
 */
export type Doc = Record<string, unknown> & { _id: string }

const OBJECT_ID_KEY = '\u0000oid:'

/**
 * The key a document is kept under (in memory, in indexes' id sets, in LMDB). A string id is its
 * own key; an ObjectId's key has a prefix no id sent by the SDK starts with (see `newDocument`),
 * so the string "65a1…" and ObjectId("65a1…") are different documents, as in MongoDB.
 */
export function idKey(id: DocId): string {
  return typeof id === 'string' ? id : OBJECT_ID_KEY + id.toHexString()
}

export function isReservedIdKey(id: string): boolean {
  return id.startsWith(OBJECT_ID_KEY)
}

/** An id as the platform reports it (insertedIds, upsert ids): an ObjectId as its hex string. */
export function idText(id: DocId): string {
  return typeof id === 'string' ? id : id.toHexString()
}

/** Parses one EJSON string from the wire; a malformed one is the caller's error, not ours. */
export function parseWire(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw DbError.invalidParam(`${what} must be an EJSON string`)
  const fast = fastParse(text)
  if (fast !== UNUSUAL) return fast
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    throw DbError.invalidParam(`${what} is not valid EJSON: ${(err as Error).message}`)
  }
  return normalize(value, what)
}

/** What the fast paths answer for a value they leave to the bson library (which then decides, as always). */
const UNUSUAL: unique symbol = Symbol('unusual')

/** Keys that make an object an EJSON value of its own (bson's codecs, dates, code, references): left to the library, but for the few handled here. */
const EJSON_KEYS = new Set(['$oid', '$binary', '$uuid', '$symbol', '$numberInt', '$numberDecimal', '$numberDouble', '$numberLong', '$minKey', '$maxKey', '$regex', '$regularExpression', '$timestamp', '$date', '$undefined', '$code', '$scope', '$ref', '$id', '$db', '$dbPointer'])
/** A `$numberLong` the library takes (no sign on zero, no leading zeros) and a double holds exactly. */
const SAFE_LONG = /^(0|-?[1-9]\d{0,14})$/

/**
 * EJSON.parse (relaxed) and `normalize` at once, for the text the store and the SDK send nearly
 * always: plain JSON whose only EJSON values are one-key `$numberInt`, `$numberDouble`,
 * `$numberLong` (15 digits at most) and `$date` (a `$numberLong` or an ISO string). The same
 * values as the library gives (test/localcloud/values.test.ts compares them), several times
 * faster: a city's 300,000 documents are read at every start. Anything else is UNUSUAL.
 */
function fastParse(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return UNUSUAL
  }
  return revive(value, 0)
}

function revive(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth > 64) return UNUSUAL
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as unknown
      if (item !== null && typeof item === 'object') {
        const revived = revive(item, depth + 1)
        if (revived === UNUSUAL) return UNUSUAL
        value[i] = revived
      }
    }
    return value
  }
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1 && EJSON_KEYS.has(keys[0])) return ejsonValue(keys[0], obj[keys[0]])
  for (const key of keys) {
    if (EJSON_KEYS.has(key) || key === '__proto__' || key.includes('\u0000')) return UNUSUAL
    const item = obj[key]
    if (item !== null && typeof item === 'object') {
      const revived = revive(item, depth + 1)
      if (revived === UNUSUAL) return UNUSUAL
      obj[key] = revived
    }
  }
  return obj
}

function ejsonValue(key: string, inner: unknown): unknown {
  if (key === '$numberInt') return typeof inner === 'string' ? parseInt(inner, 10) : UNUSUAL
  if (key === '$numberDouble') return typeof inner === 'string' ? parseFloat(inner) : UNUSUAL
  if (key === '$numberLong') return typeof inner === 'string' && SAFE_LONG.test(inner) ? Number(inner) : UNUSUAL
  if (key !== '$date') return UNUSUAL
  let ms: number
  if (typeof inner === 'string') ms = Date.parse(inner)
  else if (inner !== null && typeof inner === 'object' && Object.keys(inner).length === 1 && typeof (inner as { $numberLong?: unknown }).$numberLong === 'string') {
    const long = (inner as { $numberLong: string }).$numberLong
    if (!SAFE_LONG.test(long)) return UNUSUAL
    ms = Number(long)
  } else return UNUSUAL
  const date = new Date(ms)
  // An invalid date is refused by `normalize`, with its message.
  return Number.isNaN(date.getTime()) ? UNUSUAL : date
}

/** EJSON types the engine cannot compare natively become their JavaScript equivalents. */
function normalize(value: unknown, what: string): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value.pattern, value.options, what)
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw DbError.invalidParam(`${what} holds an invalid date`)
    return value
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item, what))
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = normalize(item, what)
    return out
  }
  return value
}

function toRegExp(pattern: string, options: string, what: string): RegExp {
  // BSON options (imsux) map to JS flags; x (extended) and l have no JS equivalent.
  const flags = [...new Set(options.split('').filter((f) => 'imsu'.includes(f)))].join('')
  try {
    return new RegExp(pattern, flags)
  } catch (err) {
    throw DbError.invalidParam(`${what} holds an invalid regular expression: ${(err as Error).message}`)
  }
}

export function toWire(value: unknown): string {
  if (value !== undefined) {
    const shaped = ejsonShape(value, 0)
    if (shaped !== UNUSUAL) return JSON.stringify(shaped)
  }
  return EJSON.stringify(value as Record<string, unknown>, { relaxed: false })
}

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1
const INT64_MIN = -(2 ** 63)
const INT64_MAX = 2 ** 63 - 1

/**
 * The canonical EJSON shape of what documents hold nearly always (plain objects and arrays,
 * strings, numbers, booleans, null, dates; an undefined field or item is written null, as the
 * library writes it), for JSON.stringify to write: the same text as EJSON.stringify
 * (test/localcloud/wire.test.ts compares them), several times faster. Anything else (ObjectId,
 * RegExp, a class, a circle) is UNUSUAL, and left to the library.
 */
function ejsonShape(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        if (value >= INT32_MIN && value <= INT32_MAX) return { $numberInt: String(value) }
        if (value >= INT64_MIN && value <= INT64_MAX) return { $numberLong: String(value) }
      }
      return { $numberDouble: Object.is(value, -0) ? '-0.0' : String(value) }
    case 'undefined':
      return null
    case 'object':
      break
    default:
      return UNUSUAL
  }
  if (value === null) return null
  if (depth > 64) return UNUSUAL
  if (value instanceof Date) return Object.getPrototypeOf(value) === Date.prototype ? { $date: { $numberLong: String(value.getTime()) } } : UNUSUAL
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return UNUSUAL
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) {
      const item = ejsonShape(value[i], depth + 1)
      if (item === UNUSUAL) return UNUSUAL
      out[i] = item
    }
    return out
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return UNUSUAL
  const obj = value as Record<string, unknown>
  if (obj._bsontype !== undefined) return UNUSUAL
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(obj)) {
    if (key === '__proto__') return UNUSUAL
    const item = ejsonShape(obj[key], depth + 1)
    if (item === UNUSUAL) return UNUSUAL
    out[key] = item
  }
  return out
}

// Canonical EJSON writes an ObjectId as {"$oid":"<24 hex>"}. Inside a JSON string a quote is
// always escaped, so this text can only be an ObjectId, never part of a user's string or key.
const OID_TEXT = /\{"\$oid":"([0-9a-f]{24})"\}/g

/**
 * A document as the platform sends it back: like `toWire`, except that an ObjectId (as `_id` or in
 * any field) comes back as its hex string, which is what the SDK's callers receive on the platform
 * (the SDK itself would turn an EJSON ObjectId into `{}`).
 */
export function toReply(value: unknown): string {
  const text = toWire(value)
  return text.includes('{"$oid":"') ? text.replace(OID_TEXT, '"$1"') : text
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Replaces `{$tcb_server_date: {offset}}` (db.serverDate()) with the server's clock,
 * offset in milliseconds, wherever it appears in a document, update or query.
 */
export function resolveServerDates<T>(value: T, now: number): T {
  if (Array.isArray(value)) return value.map((item) => resolveServerDates(item, now)) as T
  if (isPlainObject(value)) {
    const marker = value.$tcb_server_date
    if (marker !== undefined && Object.keys(value).length === 1) {
      const offset = isPlainObject(marker) && typeof marker.offset === 'number' ? marker.offset : 0
      return new Date(now + offset) as T
    }
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = resolveServerDates(item, now)
    return out as T
  }
  return value
}

/** Deep copy of a stored value, so that callers never mutate what the store holds. */
export function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T
  if (Array.isArray(value)) return value.map(clone) as T
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = clone(item)
    return out as T
  }
  return value
}

/** Size of a document as the platform measures it (its BSON encoding is close to its EJSON text). */
export function documentBytes(doc: unknown): number {
  return Buffer.byteLength(toWire(doc))
}

/** Document ids the way the platform makes them: 32 hex-ish characters, unique enough for every purpose here. */
export function newDocId(): string {
  const time = Date.now().toString(16).padStart(12, '0')
  const rand = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(10))).toString('hex')
  return (time + rand).slice(0, 32)
}
