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
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    throw DbError.invalidParam(`${what} is not valid EJSON: ${(err as Error).message}`)
  }
  return normalize(value, what)
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
  return EJSON.stringify(value as Record<string, unknown>, { relaxed: false })
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
