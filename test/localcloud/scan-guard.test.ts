// The scan guard: the local database notes, for every query, the index that served it (if any)
// and the documents it examined and matched; a function's query on a collection declared
// `scale: large` that no index serves is recorded, and with the guard on (every app test cloud)
// it fails the call that made it, naming the function, the collection and the query.
import fs from 'node:fs'
import { startTestCloud, type TestCloud } from '../support/localcloud'
import { guardReads } from '../support/read-guard'
import type { ScanRecord } from '../../localcloud/db/database'
import type { IndexSpec } from '../../localcloud/db/indexes'

const INDEXES: IndexSpec[] = [
  { name: 'user_status', keys: { userId: 1, status: 1 } },
  { name: 'user_at', keys: { userId: 1, at: 1 } },
  { name: 'day', keys: { day: 1 } },
  { name: 'scores', keys: { scores: 1 } },
]
const COLLECTIONS = {
  visits: { scale: 'large', indexes: INDEXES },
  // The same documents in a collection that is not large and has no index: the full scan to compare with.
  notes: {},
}

// 250 documents: 5 users, 2 statuses, 25 days, a time, and an array of scores.
const SEED = `
  const docs = Array.from({ length: 250 }, (_x, i) => ({
    _id: 'v' + String(i).padStart(3, '0'),
    userId: 'u' + (i % 5),
    status: i % 2 ? 'open' : 'closed',
    day: '2026-01-' + String(1 + (i % 25)).padStart(2, '0'),
    at: i,
    scores: [i % 10, (i * 7) % 13],
  }))
  await db.collection('visits').add({ data: docs })
  await db.collection('notes').add({ data: docs })`

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ collections: COLLECTIONS })
  await t.probe(SEED)
})
afterAll(() => t.close())

/** How the queries `code` makes were served, and the unindexed scans recorded for them. */
async function served(code: string): Promise<{ result: unknown; scans: ScanRecord[]; unindexed: { request: string; collection: string; query: string }[] }> {
  const from = t.cloud.db.scans.length
  const seq = t.cloud.cappedReads.at(-1)?.seq ?? 0
  const result = await t.probe(code)
  return {
    result,
    scans: t.cloud.db.scans.slice(from),
    unindexed: t.cloud.cappedReads.filter((r) => r.seq > seq && r.kind === 'unindexed-scan').map((r) => ({ request: r.request, collection: r.collection, query: r.query })),
  }
}

const plan = (s: ScanRecord) => ({ request: s.request, collection: s.collection, index: s.index, examined: s.examined, matched: s.matched })

test('an equality query on a compound index prefix is served by it: examines only what it matches, nothing recorded', async () => {
  const r = await served(`
    const a = await db.collection('visits').where({ userId: 'u1' }).limit(100).get()
    const b = await db.collection('visits').where({ userId: 'u1', status: 'open' }).limit(100).get()
    return [a.data.length, b.data.length]`)
  // u1 is every fifth document, half of them open.
  expect(r.result).toEqual([50, 25])
  expect(r.scans.map(plan)).toEqual([
    { request: 'get', collection: 'visits', index: 'user_status', examined: 50, matched: 50 },
    { request: 'get', collection: 'visits', index: 'user_status', examined: 25, matched: 25 },
  ])
  expect(r.unindexed).toEqual([])
})

test('$in on the leading key, and $in on the second key after an equality, are served by the compound index', async () => {
  const r = await served(`
    const a = await db.collection('visits').where({ userId: _.in(['u1', 'u2']) }).count()
    const b = await db.collection('visits').where({ userId: 'u3', status: _.in(['open', 'closed']) }).count()
    return [a.total, b.total]`)
  expect(r.result).toEqual([100, 50])
  expect(r.scans.map(plan)).toEqual([
    { request: 'count', collection: 'visits', index: 'user_status', examined: 100, matched: 100 },
    { request: 'count', collection: 'visits', index: 'user_status', examined: 50, matched: 50 },
  ])
  expect(r.unindexed).toEqual([])
})

test('a range on the key after an equality prefix, or on an index\'s first key, is served and answers as a full scan does', async () => {
  const code = (c: string) => `
    const after = await db.collection('${c}').where({ userId: 'u4', at: _.gte(100).and(_.lt(200)) }).limit(100).get()
    const days = await db.collection('${c}').where({ day: _.gt('2026-01-20') }).count()
    // An array matches $gt and $lt by different elements ([3, 10] is "> 5 and < 6"), as in MongoDB.
    const scores = await db.collection('${c}').where({ scores: _.gt(5).and(_.lt(6)) }).orderBy('_id', 'asc').limit(100).get()
    return [after.data.map((d) => d._id), days.total, scores.data.map((d) => d._id)]`
  const indexed = await served(code('visits'))
  const scanned = await served(code('notes'))
  expect(indexed.result).toEqual(scanned.result)
  const [after, days, scores] = indexed.result as [string[], number, string[]]
  expect(after).toHaveLength(20)
  expect(days).toBe(50)
  expect(scores.length).toBeGreaterThan(0)
  expect(indexed.scans.map((s) => [s.index, s.examined === s.matched])).toEqual([
    ['user_at', true],
    ['day', true],
    ['scores', true],
  ])
  expect(scanned.scans.map((s) => [s.index, s.examined])).toEqual([
    [null, 250],
    [null, 250],
    [null, 250],
  ])
  expect(indexed.unindexed).toEqual([])
})

test('of the indexes that can serve a query, the one with the fewest candidates wins, as MongoDB races its plans', async () => {
  // A range on the first key of "day" (two days: 20 documents) against an equality on the first key
  // of "user_status" (u1: 50 documents): the range wins, though the equality scores higher by keys.
  const r = await served(`
    const a = await db.collection('visits').where({ userId: 'u1', day: _.gte('2026-01-02').and(_.lt('2026-01-03')) }).count()
    const b = await db.collection('visits').where({ userId: 'u1', day: _.gte('2026-01-01').and(_.lt('2026-01-26')) }).count()
    return [a.total, b.total]`)
  expect(r.result).toEqual([10, 50])
  expect(r.scans.map(plan)).toEqual([
    { request: 'count', collection: 'visits', index: 'day', examined: 10, matched: 10 },
    // The whole month: the day index would examine all 250, the user index 50.
    { request: 'count', collection: 'visits', index: 'user_status', examined: 50, matched: 50 },
  ])
})

test('a query on a large collection that no index serves is recorded with its request, collection and query', async () => {
  const r = await served(`
    await db.collection('visits').where({ status: 'open' }).count()
    await db.collection('visits').where({ at: _.gt(240) }).update({ data: { seen: true } })
    await db.collection('visits').where({ day: '2026-02-01', userId: _.neq('u1') }).remove()
    return null`)
  expect(r.unindexed).toEqual([
    { request: 'count', collection: 'visits', query: expect.stringContaining('"status":"open"') },
    { request: 'update', collection: 'visits', query: expect.stringContaining('"at"') },
  ])
  // The removal's day is indexed: served (and matched nothing), so not recorded.
  expect(r.scans.map((s) => [s.request, s.index])).toEqual([
    ['count', null],
    ['update', null],
    ['remove', 'day'],
  ])
  expect(r.scans[0]).toMatchObject({ examined: 250, matched: 125, large: true })
})

test('a collection that is not large is never recorded, however it is queried', async () => {
  const r = await served(`
    await db.collection('notes').where({ status: 'open' }).count()
    await db.collection('notes').limit(100).get()
    await db.collection('notes').aggregate().group({ _id: '$userId', n: $.sum(1) }).end()
    return null`)
  expect(r.scans.map((s) => [s.request, s.index, s.large])).toEqual([
    ['count', null, false],
    ['get', null, false],
    ['aggregate', null, false],
  ])
  expect(r.unindexed).toEqual([])
})

test('an aggregation is served by an index through its leading $match; a later $match scans; none at all asks for the whole collection', async () => {
  const r = await served(`
    const byUser = await db.collection('visits').aggregate().match({ userId: 'u2', status: 'open' }).group({ _id: '$day', n: $.sum(1) }).limit(100).end()
    const late = await db.collection('visits').aggregate().project({ userId: 1 }).match({ userId: 'u2' }).limit(100).end()
    const all = await db.collection('visits').aggregate().group({ _id: '$userId', n: $.sum(1) }).limit(100).end()
    return [byUser.list.reduce((n, g) => n + g.n, 0), late.list.length, all.list.length]`)
  expect(r.result).toEqual([25, 50, 5])
  expect(r.scans.map((s) => ({ ...plan(s), unfiltered: s.unfiltered }))).toEqual([
    { request: 'aggregate', collection: 'visits', index: 'user_status', examined: 25, matched: 25, unfiltered: false },
    // A $match after another stage cannot use an index (as in MongoDB, which moves only some of them forward).
    { request: 'aggregate', collection: 'visits', index: null, examined: 250, matched: 250, unfiltered: false },
    // A city-wide report: no condition to serve, a scan by request (the guard leaves it to the report's own checks).
    { request: 'aggregate', collection: 'visits', index: null, examined: 250, matched: 250, unfiltered: true },
  ])
  expect(r.unindexed).toEqual([{ request: 'aggregate', collection: 'visits', query: expect.stringContaining('$project') }])
})

test('a query with no condition asks for the whole collection: a scan by request, not recorded', async () => {
  const r = await served(`
    await db.collection('visits').orderBy('_id', 'asc').limit(100).get()
    await db.collection('visits').where(_.and([{}, {}])).count()
    return null`)
  expect(r.scans.map((s) => [s.request, s.index, s.unfiltered])).toEqual([
    ['get', null, true],
    ['count', null, true],
  ])
  expect(r.unindexed).toEqual([])
})

test('an $or inside a top-level $and is served by the union of its branches', async () => {
  const r = await served(`
    return (await db.collection('visits').where(_.and([{ status: 'open' }, _.or([{ userId: 'u1' }, { userId: 'u2', at: _.lt(100) }])])).count()).total`)
  // u1: 25 open of 50; u2 below 100 (i = 2, 7, …, 97): 20 documents, odd i open: 10.
  expect(r.result).toBe(35)
  expect(r.scans.map((s) => [s.index, s.examined])).toEqual([['user_status | user_at', 70]])
  expect(r.unindexed).toEqual([])
})

test('a top-level $or whose every branch an index serves is served by their union; one unserved branch makes it a scan', async () => {
  const r = await served(`
    const both = await db.collection('visits').where(_.or([{ userId: 'u1' }, { day: '2026-01-03' }])).count()
    const one = await db.collection('visits').where(_.or([{ userId: 'u1' }, { status: 'open' }])).count()
    return [both.total, one.total]`)
  // u1 is i % 5 = 1; day 03 is i % 25 = 2: no overlap.
  expect(r.result).toEqual([60, 150])
  expect(r.scans.map((s) => [s.index, s.examined])).toEqual([
    ['user_status | day', 60],
    [null, 250],
  ])
  expect(r.unindexed.map((u) => u.query)).toEqual([expect.stringContaining('"status":"open"')])
})

test('with the guard on, the query fails its caller once its index is removed, naming the function, collection and query', async () => {
  const guarded = await startTestCloud({ collections: COLLECTIONS })
  let closed = false
  try {
    guardReads(guarded.cloud, { countInQualityReport: false })
    await guarded.probe(SEED)
    const query = `return (await db.collection('visits').where({ userId: 'u1', status: 'open' }).limit(100).get()).data.length`
    await expect(guarded.probe(query)).resolves.toBe(25)
    // Both indexes that lead with userId go.
    guarded.cloud.store.get('visits').setIndexes(INDEXES.filter((i) => !('userId' in i.keys)))
    await expect(guarded.probe(query)).rejects.toThrow(
      /unindexed scan of a large collection .*\nprobe\.\?: get on visits \(scale large\) served by no index, examined 250 documents for 25; query .*"userId":"u1"/,
    )
    // A small collection is never flagged, even guarded.
    await expect(guarded.probe(`return (await db.collection('notes').where({ status: 'open' }).count()).total`)).resolves.toBe(125)
    // A caller that swallowed the failure does not hide it: closing the cloud fails too.
    closed = true
    await expect(guarded.close()).rejects.toThrow(/unindexed scan of a large collection during this run .*\nprobe\.\?: get on visits/)
  } finally {
    if (!closed) await guarded.close().catch(() => undefined)
    fs.rmSync(guarded.dataDir, { recursive: true, force: true })
  }
})
