// The read guard: WeChat Cloud answers a get() with at most 100 documents and an aggregation with
// at most 10,000 (20 without a $limit), silently. The local cloud answers the same way and records
// every request that asked for more and every answer the cap cut short, with the invocation that
// made it; in tests, a function request over a cap fails the call (test/support/read-guard.ts).
import fs from 'node:fs'
import { startTestCloud, type TestCloud } from '../support/localcloud'
import { describeCappedRead, guardReads } from '../support/read-guard'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ collections: { items: {} } })
  await t.probe(`await db.collection('items').add({ data: Array.from({ length: 130 }, (_x, i) => ({ _id: 'i' + String(i).padStart(3, '0'), n: i, kind: i % 2 ? 'odd' : 'even' })) })`)
})
afterAll(() => t.close())

const since = () => {
  const start = t.cloud.cappedReads.at(-1)?.seq ?? 0
  return () => t.cloud.cappedReads.filter((r) => r.seq > start)
}

test('a get() asking for 1000 is answered with 100, recorded as over the cap and as cut, with the function and query', async () => {
  const reads = since()
  const n = await t.probe<number>(`return (await db.collection('items').where({ n: _.gte(0) }).limit(1000).get()).data.length`)
  expect(n).toBe(100)
  expect(reads().map((r) => ({ kind: r.kind, request: r.request, collection: r.collection, requested: r.requested, cap: r.cap, fn: r.functionName }))).toEqual([
    { kind: 'over-cap', request: 'get', collection: 'items', requested: 1000, cap: 100, fn: 'probe' },
    { kind: 'cut', request: 'get', collection: 'items', requested: 1000, cap: 100, fn: 'probe' },
  ])
  expect(reads()[0].query).toContain('"n"')
  expect(describeCappedRead(reads()[0])).toMatch(/^probe\.\?: get on items with limit 1000 \(the platform's cap is 100\); query .*"n"/)
})

test('a plain get() that matched more than 100 is cut; an ordered page of 100, or an answer of fewer, is not', async () => {
  const reads = since()
  // The SDK sends limit 100 when none is given.
  expect(await t.probe<number>(`return (await db.collection('items').get()).data.length`)).toBe(100)
  expect(reads().map((r) => [r.kind, r.requested])).toEqual([['cut', 100]])
  const quiet = since()
  await t.probe(`
    await db.collection('items').orderBy('_id', 'asc').limit(100).get()
    await db.collection('items').orderBy('n', 'desc').skip(100).limit(100).get()
    await db.collection('items').where({ kind: 'odd' }).get()
    await db.collection('items').limit(20).get()
    await db.collection('items').doc('i001').get()`)
  expect(quiet()).toEqual([])
})

test('an aggregation without $limit is cut at 20; a $limit over 10,000 is over the cap', async () => {
  const reads = since()
  const r = await t.probe<any>(`
    const plain = (await db.collection('items').aggregate().match({ n: _.gte(0) }).end()).list.length
    const big = (await db.collection('items').aggregate().match({ n: _.gte(0) }).limit(20000).end()).list.length
    const fine = (await db.collection('items').aggregate().group({ _id: '$kind', n: $.sum(1) }).end()).list.length
    return { plain, big, fine }`)
  expect(r).toEqual({ plain: 20, big: 130, fine: 2 })
  expect(reads().map((x) => [x.kind, x.request, x.requested, x.cap])).toEqual([
    ['cut', 'aggregate', undefined, 20],
    ['over-cap', 'aggregate', 20000, 10000],
  ])
})

test('with the guard on, a function that asks for more than the cap fails its caller, naming the function and query', async () => {
  const guarded = await startTestCloud({ collections: { items: {} } })
  try {
    guardReads(guarded.cloud)
    await expect(guarded.probe(`return (await db.collection('items').limit(100).get()).data.length`)).resolves.toBe(0)
    await expect(guarded.probe(`return (await db.collection('items').where({ kind: 'odd' }).limit(1000).get()).data.length`)).rejects.toThrow(
      /read past the platform's cap:\nprobe\.\?: get on items with limit 1000 \(the platform's cap is 100\); query .*kind/,
    )
    // A caller that swallowed that failure does not hide it: closing the cloud (the file's afterAll) fails too.
    await expect(guarded.close()).rejects.toThrow(/during this run:\nprobe\.\?: get on items with limit 1000/)
  } finally {
    fs.rmSync(guarded.dataDir, { recursive: true, force: true })
  }
})

test('the console lists the capped reads', async () => {
  const res = await fetch(`${t.cloud.url}/console/api/reads`, { headers: { 'x-xq-local-token': t.cloud.token } })
  const list = (await res.json()) as { kind: string; functionName?: string }[]
  expect(list.length).toBeGreaterThan(0)
  expect(list[0]).toMatchObject({ functionName: 'probe' })
})
