// The `$jsonSchema` query operator as MongoDB defines it: JSON Schema draft 4 with MongoDB's
// `bsonType` keyword, its own meaning of `type` (a BSON value's kind), and without the keywords
// MongoDB does not support. Validation itself is Ajv's; this file translates a MongoDB schema
// into a standard one and refuses what MongoDB refuses.
import Ajv, { type ValidateFunction } from 'ajv'
import { BSONRegExp, ObjectId } from 'bson'
import { DbError } from './errors'
import { isPlainObject } from './values'

type Schema = Record<string, unknown>

// MongoDB's $jsonSchema keywords (its manual, "$jsonSchema: Available Keywords"); any other is refused.
const KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'allOf',
  'anyOf',
  'bsonType',
  'dependencies',
  'description',
  'enum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'items',
  'maximum',
  'maxItems',
  'maxLength',
  'maxProperties',
  'minimum',
  'minItems',
  'minLength',
  'minProperties',
  'multipleOf',
  'not',
  'oneOf',
  'pattern',
  'patternProperties',
  'properties',
  'required',
  'title',
  'type',
  'uniqueItems',
])
// Draft 4 keywords MongoDB names as not supported.
const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])

const INT32 = 2 ** 31

/**
 * A value's BSON type names. The SDK sends a number as EJSON `$numberInt` (a whole number in the
 * int32 range), `$numberLong` (a larger safe integer) or `$numberDouble` (anything else); it is
 * stored as a JavaScript number, so its type is read back from the value by the same rule.
 * `number` is MongoDB's alias for any of them.
 */
function bsonTypesOf(value: unknown): string[] {
  if (value === null) return ['null']
  if (value === undefined) return ['undefined']
  if (typeof value === 'string') return ['string']
  if (typeof value === 'boolean') return ['bool']
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return ['double', 'number']
    return value >= -INT32 && value < INT32 ? ['int', 'number'] : ['long', 'number']
  }
  if (value instanceof Date) return ['date']
  if (value instanceof ObjectId) return ['objectId']
  if (value instanceof RegExp || value instanceof BSONRegExp) return ['regex']
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return ['binData']
  if (Array.isArray(value)) return ['array']
  if (isPlainObject(value)) return ['object']
  return []
}

const BSON_TYPES = new Set([
  'double',
  'string',
  'object',
  'array',
  'binData',
  'undefined',
  'objectId',
  'bool',
  'date',
  'null',
  'regex',
  'dbPointer',
  'javascript',
  'symbol',
  'javascriptWithScope',
  'int',
  'timestamp',
  'long',
  'decimal',
  'minKey',
  'maxKey',
  'number',
])

// `type` in a MongoDB schema names JSON types of BSON values: an object is an embedded document
// (not a date or an ObjectId), a number any numeric type. `integer` is not supported.
const JSON_TYPES: Record<string, (value: unknown) => boolean> = {
  object: isPlainObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

function typeNames(value: unknown, keyword: string, known: (name: string) => boolean): string[] {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? (value as string[]) : null
  if (!names) throw DbError.invalidParam(`$jsonSchema keyword '${keyword}' must be a string or an array of strings`)
  for (const name of names) if (!known(name)) throw DbError.invalidParam(`$jsonSchema keyword '${keyword}' has an unknown type: ${name}`)
  return names
}

// Strict about the schema itself (unknown keywords), not about combinations MongoDB accepts
// (`properties` without `type: 'object'`, tuples without `minItems`).
const ajv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: false })
ajv.addKeyword({
  keyword: 'mongoBsonType',
  schemaType: ['string', 'array'],
  validate: (names: string | string[], data: unknown) => {
    const have = bsonTypesOf(data)
    return (typeof names === 'string' ? [names] : names).some((name) => have.includes(name))
  },
})
ajv.addKeyword({
  keyword: 'mongoType',
  schemaType: ['string', 'array'],
  validate: (names: string | string[], data: unknown) => (typeof names === 'string' ? [names] : names).some((name) => JSON_TYPES[name](data)),
})

/** A MongoDB schema as a standard draft-07 schema for Ajv, or the error MongoDB gives for it. */
function translate(schema: unknown, at: string): Schema | boolean {
  if (typeof schema === 'boolean') return schema
  if (!isPlainObject(schema)) throw DbError.invalidParam(`$jsonSchema ${at} must be an object`)
  const out: Schema = {}
  const sub = (value: unknown, where: string) => translate(value, `${at}.${where}`)
  const subMap = (value: unknown, where: string) => {
    if (!isPlainObject(value)) throw DbError.invalidParam(`$jsonSchema keyword '${where}' must be an object`)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sub(v, `${where}.${k}`)]))
  }
  const subList = (value: unknown, where: string) => {
    if (!Array.isArray(value) || value.length === 0) throw DbError.invalidParam(`$jsonSchema keyword '${where}' must be a non-empty array`)
    return value.map((v, i) => sub(v, `${where}.${i}`))
  }
  for (const [key, value] of Object.entries(schema)) {
    if (UNSUPPORTED.has(key)) throw DbError.invalidParam(`$jsonSchema keyword '${key}' is not currently supported`)
    if (!KEYWORDS.has(key)) throw DbError.invalidParam(`Unknown $jsonSchema keyword: ${key}`)
    switch (key) {
      case 'type':
        out.mongoType = typeNames(value, key, (n) => n in JSON_TYPES)
        break
      case 'bsonType':
        out.mongoBsonType = typeNames(value, key, (n) => BSON_TYPES.has(n))
        break
      case 'properties':
      case 'patternProperties':
        out[key] = subMap(value, key)
        break
      case 'dependencies':
        if (!isPlainObject(value)) throw DbError.invalidParam(`$jsonSchema keyword 'dependencies' must be an object`)
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : sub(v, `dependencies.${k}`)]))
        break
      case 'additionalProperties':
      case 'additionalItems':
      case 'not':
        out[key] = sub(value, key)
        break
      case 'items':
        out[key] = Array.isArray(value) ? value.map((v, i) => sub(v, `items.${i}`)) : sub(value, key)
        break
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = subList(value, key)
        break
      // Draft 4: a boolean that makes `maximum` / `minimum` exclusive.
      case 'exclusiveMaximum':
      case 'exclusiveMinimum':
        if (typeof value !== 'boolean') throw DbError.invalidParam(`$jsonSchema keyword '${key}' must be a boolean`)
        break
      default:
        out[key] = value
    }
  }
  for (const [flag, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (schema[flag] === undefined) continue
    if (schema[bound] === undefined) throw DbError.invalidParam(`$jsonSchema keyword '${flag}' must be present with '${bound}'`)
    if (schema[flag] === true) {
      out[flag] = schema[bound]
      delete out[bound]
    }
  }
  return out
}

const compiled = new Map<string, ValidateFunction>()

/** mingo's `jsonSchemaValidator` option: a predicate for a MongoDB `$jsonSchema`. */
export function jsonSchemaValidator(schema: Record<string, unknown>): (doc: unknown) => boolean {
  const key = JSON.stringify(schema, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v))
  let validate = compiled.get(key)
  if (!validate) {
    if (!isPlainObject(schema)) throw DbError.invalidParam('$jsonSchema must be an object')
    const standard = translate(schema, '$jsonSchema')
    try {
      validate = ajv.compile(standard as Schema)
    } catch (err) {
      throw DbError.invalidParam(`invalid $jsonSchema: ${(err as Error).message}`)
    }
    // Queries are compiled per request: keep the schemas in use, not every schema ever seen.
    if (compiled.size >= 100) compiled.delete(compiled.keys().next().value!)
    compiled.set(key, validate)
  }
  const check = validate
  return (doc) => check(doc) === true
}
