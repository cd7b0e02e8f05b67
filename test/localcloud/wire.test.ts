// The store's fast paths between documents and their wire text (localcloud/db/values.ts): toWire
// must write exactly the text EJSON.stringify (canonical) writes, and parseWire must give exactly
// the values EJSON.parse (relaxed) and the engine's normalising give, for every value — the fast
// path handles the common ones, and leaves anything else to the library. Compared here on
// thousands of random documents and on the edges (negative zero, large integers, invalid dates,
// holes, EJSON types the fast path does not handle, malformed text).
import { BSONRegExp, EJSON, ObjectId } from 'bson'
import { parseWire, toWire } from '../../localcloud/db/values'

/** A deterministic generator (mulberry32), so a failure names a reproducible value. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NUMBERS = [0, -0, 1, -1, 7, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 2 ** 63, 2 ** 64, 1e21, 1.5, -0.25, 1e-7, 123456.789, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE]
const STRINGS = ['', 'a', '林晓雨', '"quoted"', 'back\\slash', 'line\nbreak', 'nul\u0000char', '\ud83d\ude00', 'lone \ud800', '$numberInt', '{"$oid":"65a1b2c3d4e5f60718293a4b"}', '2026-12-05T00:00:00Z']
const KEYS = ['a', 'name', '林', '$gte', '$in', 'a.b', '0', '10', 'x y', '_id', '$numberIntish', 'toString', 'constructor']

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]
  const r = next()
  if (depth > 3 || r < 0.45) {
    const kind = Math.floor(next() * 8)
    if (kind === 0) return pick(NUMBERS)
    if (kind === 1) return Math.round((next() - 0.5) * 1e6)
    if (kind === 2) return (next() - 0.5) * 1e3
    if (kind === 3) return pick(STRINGS)
    if (kind === 4) return next() < 0.5
    if (kind === 5) return null
    if (kind === 6) return new Date(next() < 0.05 ? NaN : Math.round((next() - 0.3) * 4e12))
    return next() < 0.3 ? undefined : `s${Math.floor(next() * 1e4)}`
  }
  if (r < 0.7) {
    const list = Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1))
    if (next() < 0.1) list[list.length + 1] = 1 // a hole
    return list
  }
  const doc: Record<string, unknown> = {}
  for (let i = Math.floor(next() * 6); i > 0; i--) doc[pick(KEYS)] = randomValue(next, depth + 1)
  return doc
}

/** The reference: parseWire as it was before it had a fast path (the library, then the engine's normalising), its messages included. */
function referenceParse(text: string, what = 'test'): unknown {
  const normalize = (value: unknown): unknown => {
    if (value instanceof BSONRegExp) {
      const flags = [...new Set(value.options.split('').filter((f) => 'imsu'.includes(f)))].join('')
      try {
        return new RegExp(value.pattern, flags)
      } catch (err) {
        throw new Error(`${what} holds an invalid regular expression: ${(err as Error).message}`)
      }
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new Error(`${what} holds an invalid date`)
      return value
    }
    if (Array.isArray(value)) return value.map(normalize)
    if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) out[key] = normalize(item)
      return out
    }
    return value
  }
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    throw new Error(`${what} is not valid EJSON: ${(err as Error).message}`)
  }
  return normalize(value)
}

const outcome = (parse: () => unknown) => {
  try {
    return { value: canonical(parse()) }
  } catch (err) {
    return { error: (err as Error).message }
  }
}

/** Canonical text distinguishes what equality would not: -0, an int from a double, a date from its string. */
const canonical = (value: unknown) => EJSON.stringify({ v: value } as Record<string, unknown>, { relaxed: false })

test('toWire writes the text EJSON.stringify writes, for 2,000 random documents and the edges', () => {
  const next = random(17)
  const values: unknown[] = [
    ...NUMBERS.map((n) => ({ n })),
    { d: new Date(NaN), e: new Date(0), f: new Date(-1), g: new Date(253402300800000) },
    { u: undefined, list: [undefined, null, 1] },
    // A hole in an array.
    { holes: [1, , 3] },
    // Left to the library: they must still come out as it writes them.
    { id: new ObjectId('65a1b2c3d4e5f60718293a4b'), re: /a.b/i },
    Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 }),
    { nested: { deeper: { deepest: [{ a: [[[1]]] }] } } },
  ]
  for (let i = 0; i < 2000; i++) values.push(randomValue(next, 0))
  for (const value of values) {
    const doc = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { value }
    expect(toWire(doc)).toBe(EJSON.stringify(doc as Record<string, unknown>, { relaxed: false }))
  }
})

test('parseWire gives the values EJSON.parse gives, for 2,000 random documents (canonical and relaxed text) and the edges', () => {
  const next = random(18)
  const texts: string[] = [
    '{"a":{"$numberLong":"-0"}}',
    '{"a":{"$numberLong":"+5"}}',
    '{"a":{"$numberLong":"007"}}',
    '{"a":{"$numberLong":"0"},"b":{"$numberLong":"-900719925474099"}}',
    '{"a":{"$numberLong":"123456789012345678"}}',
    '{"a":{"$numberInt":"12abc"}}',
    '{"a":{"$numberInt":"1","b":2}}',
    '{"a":{"$numberDouble":"-0.0"},"b":{"$numberDouble":"NaN"},"c":{"$numberDouble":"-Infinity"}}',
    '{"d":{"$date":"2024-01-01T00:00:00Z"},"e":{"$date":{"$numberLong":"-62135596800000"}}}',
    '{"d":{"$date":"2024-01-01T08:00:00+08:00"},"e":{"$date":1700000000000}}',
    '{"x":{"$oid":"65a1b2c3d4e5f60718293a4b"}}',
    '{"r":{"$regularExpression":{"pattern":"^a","options":"i"}}}',
    '{"u":{"$undefined":true}}',
    '{"ref":{"$ref":"users","$id":"u1"}}',
    '{"q":{"$gte":{"$numberInt":"10"},"$lt":{"$date":{"$numberLong":"1700000000000"}}},"t":{"$in":["a","b"]}}',
    '{"$and":[{"a":1},{"b":{"$exists":true}}]}',
    '[1,2.5,{"$numberInt":"3"}]',
    '"text"',
    '17',
    'null',
  ]
  for (let i = 0; i < 2000; i++) {
    const value = randomValue(next, 0)
    const doc = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { value }
    texts.push(EJSON.stringify(doc as Record<string, unknown>, { relaxed: false }), EJSON.stringify(doc as Record<string, unknown>, { relaxed: true }))
  }
  for (const text of texts) {
    expect(outcome(() => parseWire(text, 'test'))).toEqual(outcome(() => referenceParse(text)))
  }
})

test('parseWire refuses what it refused before, with the same message', () => {
  const texts = ['{"a":', '{"a\\u0000b":1}', '{"d":{"$date":"not a date"}}', '{"d":{"$date":{"$numberLong":"99999999999999999999"}}}', '{"r":{"$regularExpression":{"pattern":"(","options":""}}}', '{"ok":{"$date":{"$numberLong":"8640000000000001"}}}']
  for (const text of texts) {
    const reference = outcome(() => referenceParse(text))
    expect(reference.error).toBeDefined()
    expect(outcome(() => parseWire(text, 'test'))).toEqual(reference)
  }
})
