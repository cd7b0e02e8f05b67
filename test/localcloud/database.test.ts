// Conformance of the local database service, driven through the genuine wx-server-sdk
// inside a function worker, exactly as production code calls it.
import { ObjectId } from 'bson'
import { startTestCloud, type TestCloud } from '../support/localcloud'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({
    collections: {
      people: { indexes: [{ name: 'city_age', keys: { city: 1, age: 1 } }, { name: 'idcard_unique', keys: { idcard: 1 }, unique: true, sparse: true }] },
      pairs: { indexes: [{ name: 'a_b_unique', keys: { a: 1, b: 1 }, unique: true }] },
      places: {},
      orders: {},
      items: {},
      counters: {},
    },
  })
})
afterAll(() => t.close())
beforeEach(() => t.cloud.reset())

describe('collections and documents', () => {
  test('add one and many, get by id, count', async () => {
    const r = await t.probe<any>(`
      const one = await db.collection('people').add({ data: { name: '张三', age: 30, city: 'qc' } })
      const many = await db.collection('people').add({ data: [{ name: '李四', age: 25, city: 'qc' }, { name: '王五', age: 41, city: 'yd' }] })
      const got = await db.collection('people').doc(one._id).get()
      const count = await db.collection('people').count()
      return { one, many, got, count }
    `)
    expect(r.one._id).toMatch(/^[0-9a-f]{32}$/)
    expect(r.one.errMsg).toBe('collection.add:ok')
    expect(r.many._ids).toHaveLength(2)
    expect(r.got.data).toEqual({ _id: r.one._id, name: '张三', age: 30, city: 'qc' })
    expect(r.count.total).toBe(3)
  })

  test('where with orderBy, skip, limit and field', async () => {
    const r = await t.probe<any>(`
      await db.collection('people').add({ data: [1,2,3,4,5,6].map(i => ({ name: 'p' + i, age: i * 10, city: i % 2 ? 'odd' : 'even' })) })
      const page = await db.collection('people').where({ age: _.gte(20) }).orderBy('age', 'desc').skip(1).limit(2).field({ name: true, age: true }).get()
      const byTwo = await db.collection('people').where({ city: 'odd' }).orderBy('name', 'asc').get()
      return { page: page.data, byTwo: byTwo.data.map(d => d.name) }
    `)
    expect(r.page.map((d: any) => d.age)).toEqual([50, 40])
    expect(Object.keys(r.page[0]).sort()).toEqual(['_id', 'age', 'name'])
    expect(r.byTwo).toEqual(['p1', 'p3', 'p5'])
  })

  test('doc set replaces or creates, update merges, remove deletes', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('people')
      const created = await c.doc('fixed-id').set({ data: { name: 'a', age: 1, extra: true } })
      const replaced = await c.doc('fixed-id').set({ data: { name: 'b' } })
      const afterSet = (await c.doc('fixed-id').get()).data
      const updated = await c.doc('fixed-id').update({ data: { age: 5, 'nested.deep': 1 } })
      const noop = await c.doc('missing-id').update({ data: { age: 5 } })
      const afterUpdate = (await c.doc('fixed-id').get()).data
      const removed = await c.doc('fixed-id').remove()
      const gone = await c.where({ _id: 'fixed-id' }).get()
      return { created, replaced, afterSet, updated, noop, afterUpdate, removed, gone: gone.data }
    `)
    expect(r.created._id).toBe('fixed-id')
    expect(r.afterSet).toEqual({ _id: 'fixed-id', name: 'b' })
    expect(r.updated.stats.updated).toBe(1)
    expect(r.noop.stats.updated).toBe(0)
    expect(r.afterUpdate).toEqual({ _id: 'fixed-id', name: 'b', age: 5, nested: { deep: 1 } })
    expect(r.removed.stats.removed).toBe(1)
    expect(r.gone).toEqual([])
  })

  test('set() of a document counts it as updated even when nothing changes, as the platform does; update() counts changes', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('people')
      await c.doc('same').set({ data: { name: 'a', age: 1 } })
      const again = await c.doc('same').set({ data: { name: 'a', age: 1 } })
      const sameUpdate = await c.doc('same').update({ data: { age: 1 } })
      const changed = await c.doc('same').set({ data: { name: 'b' } })
      const tx = await db.startTransaction()
      const inTransaction = await tx.collection('people').doc('same').set({ data: { name: 'b' } })
      await tx.commit()
      return { again: again.stats, sameUpdate: sameUpdate.stats.updated, changed: changed.stats, inTransaction: inTransaction.stats.updated, doc: (await c.doc('same').get()).data }
    `)
    expect(r).toEqual({ again: { updated: 1, created: 0 }, sameUpdate: 0, changed: { updated: 1, created: 0 }, inTransaction: 1, doc: { _id: 'same', name: 'b' } })
  })

  test('where-update and where-remove touch every match', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('people')
      await c.add({ data: [{ city: 'x', age: 1 }, { city: 'x', age: 2 }, { city: 'y', age: 3 }] })
      const upd = await c.where({ city: 'x' }).update({ data: { age: _.inc(10) } })
      const ages = (await c.orderBy('age', 'asc').get()).data.map(d => d.age)
      const rem = await c.where({ age: _.gt(10) }).remove()
      const left = await c.count()
      return { upd: upd.stats, ages, rem: rem.stats, left: left.total }
    `)
    expect(r.upd.updated).toBe(2)
    expect(r.ages).toEqual([3, 11, 12])
    expect(r.rem.removed).toBe(2)
    expect(r.left).toBe(1)
  })

  test('createCollection makes a collection; creating it twice fails', async () => {
    const r = await t.probe<any>(`
      const made = await db.createCollection('fresh_one')
      await db.collection('fresh_one').add({ data: { x: 1 } })
      let again = null
      try { await db.createCollection('fresh_one') } catch (e) { again = e.errMsg || e.message }
      return { made: !!made, count: (await db.collection('fresh_one').count()).total, again }
    `)
    expect(r.count).toBe(1)
    expect(r.again).toMatch(/exist/i)
  })

  test('a missing collection is reported as the platform does (-502005), for reads and writes', async () => {
    const outcomes = await Promise.all(
      [
        `await db.collection('never_made').get()`,
        `await db.collection('never_made').add({ data: { a: 1 } })`,
        `await db.collection('never_made').doc('x').update({ data: { a: 1 } })`,
        `await db.collection('never_made').where({ a: 1 }).remove()`,
        `await db.collection('never_made').count()`,
      ].map((code) => t.probeOutcome(`try { ${code} } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg } }`)),
    )
    for (const o of outcomes) {
      expect(o.ok && (o.result as any).errCode).toBe(-502005)
      expect(o.ok && (o.result as any).errMsg).toMatch(/database collection not exists/)
    }
  })
})

describe('query commands', () => {
  beforeEach(() =>
    t.probe(`
      await db.collection('items').add({ data: [
        { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], nested: { v: 1 }, arr: [{ k: 1, v: 'one' }, { k: 2, v: 'two' }] },
        { _id: 'b', n: 5, s: 'Banana', tags: ['y'], nested: { v: 2 }, arr: [{ k: 3, v: 'three' }] },
        { _id: 'c', n: 10, s: 'cherry', tags: [], opt: null },
        { _id: 'd', n: -3, s: 'date', tags: ['x', 'y', 'z'] },
      ] })
    `),
  )

  const ids = (where: string) => t.probe<string[]>(`return (await db.collection('items').where(${where}).orderBy('_id', 'asc').get()).data.map(d => d._id)`)

  test.each([
    ['{ n: _.eq(5) }', ['b']],
    ['{ n: _.neq(5) }', ['a', 'c', 'd']],
    ['{ n: _.gt(1) }', ['b', 'c']],
    ['{ n: _.gte(1) }', ['a', 'b', 'c']],
    ['{ n: _.lt(1) }', ['d']],
    ['{ n: _.lte(1) }', ['a', 'd']],
    ['{ n: _.in([1, 10]) }', ['a', 'c']],
    ['{ n: _.nin([1, 10]) }', ['b', 'd']],
    ['{ n: _.gt(0).and(_.lt(6)) }', ['a', 'b']],
    ['_.or([{ n: 1 }, { s: "date" }])', ['a', 'd']],
    ['{ n: _.lt(0).or(_.gt(6)) }', ['c', 'd']],
    ['_.nor([{ n: 1 }, { n: 5 }])', ['c', 'd']],
    ['{ n: _.not(_.gt(2)) }', ['a', 'd']],
    ['{ opt: _.exists(true) }', ['c']],
    ['{ tags: _.size(2) }', ['a']],
    ['{ tags: _.all(["x", "y"]) }', ['a', 'd']],
    ['{ arr: _.elemMatch({ k: _.gte(2), v: "two" }) }', ['a']],
    ['{ s: db.RegExp({ regexp: "^b", options: "i" }) }', ['b']],
    ['{ s: /an/ }', ['b']],
    ["{ 'nested.v': 2 }", ['b']],
    ['{ nested: { v: 1 } }', ['a']],
    ['{ tags: "z" }', ['d']],
  ])('%s', async (where, expected) => {
    expect(await ids(where)).toEqual(expected)
  })
})

describe('update commands', () => {
  const L = ['a', 'b', 'c']
  test.each([
    ['{ n: _.set({ a: 1 }) }', { n: { a: 1 }, list: L }],
    ['{ n: _.remove() }', { list: L }],
    ['{ n: _.inc(3) }', { n: 5, list: L }],
    ['{ n: _.mul(4) }', { n: 8, list: L }],
    ['{ n: _.min(1) }', { n: 1, list: L }],
    ['{ n: _.max(9) }', { n: 9, list: L }],
    ['{ n: _.rename("m") }', { m: 2, list: L }],
    ['{ list: _.push(["d", "e"]) }', { n: 2, list: ['a', 'b', 'c', 'd', 'e'] }],
    ['{ list: _.push({ each: ["z"], position: 1 }) }', { n: 2, list: ['a', 'z', 'b', 'c'] }],
    ['{ list: _.pop() }', { n: 2, list: ['a', 'b'] }],
    ['{ list: _.shift() }', { n: 2, list: ['b', 'c'] }],
    ['{ list: _.unshift(["0"]) }', { n: 2, list: ['0', 'a', 'b', 'c'] }],
    ['{ list: _.addToSet("a") }', { n: 2, list: L }],
    ['{ list: _.addToSet("q") }', { n: 2, list: ['a', 'b', 'c', 'q'] }],
    ['{ list: _.pull("b") }', { n: 2, list: ['a', 'c'] }],
    ['{ list: _.pullAll(["a", "c"]) }', { n: 2, list: ['b'] }],
    ["{ 'deep.er.field': 7 }", { n: 2, list: L, deep: { er: { field: 7 } } }],
  ])('%s', async (data, expected) => {
    const doc = await t.probe<any>(`
      const c = db.collection('items')
      await c.doc('u').set({ data: { n: 2, list: ['a', 'b', 'c'] } })
      await c.doc('u').update({ data: ${data} })
      const { data: got } = await c.doc('u').get()
      delete got._id
      return got
    `)
    expect(doc).toEqual(expected)
  })

  test('update operators mixed with plain fields and nested paths', async () => {
    const doc = await t.probe<any>(`
      const c = db.collection('items')
      await c.doc('m').set({ data: { a: { b: 1, c: 2 }, n: 1 } })
      await c.doc('m').update({ data: { a: { b: _.inc(5) }, n: _.inc(1), label: 'x' } })
      return (await c.doc('m').get()).data
    `)
    expect(doc).toEqual({ _id: 'm', a: { b: 6, c: 2 }, n: 2, label: 'x' })
  })
})

describe('types round-trip faithfully', () => {
  test('dates, serverDate with offset, geo, regexp values, numbers, nulls, nested arrays', async () => {
    const before = Date.now()
    const r = await t.probe<any>(`
      const c = db.collection('items')
      const when = new Date('2024-02-29T16:00:00.000Z')
      await c.doc('t').set({ data: {
        when, now: db.serverDate(), later: db.serverDate({ offset: 3600 * 1000 }),
        at: new db.Geo.Point(113.05, 23.7),
        area: new db.Geo.Polygon([new db.Geo.LineString([new db.Geo.Point(0, 0), new db.Geo.Point(1, 0), new db.Geo.Point(1, 1), new db.Geo.Point(0, 0)])]),
        big: 2 ** 40, frac: 1.25, neg: -7, nothing: null, yes: true, text: '中文 ✓', matrix: [[1, 2], [3]],
      } })
      const { data } = await c.doc('t').get()
      return {
        whenIso: data.when.toISOString(), isDate: data.when instanceof Date,
        now: data.now.getTime(), later: data.later.getTime(),
        point: data.at.constructor.name === 'Point' ? [data.at.longitude, data.at.latitude] : null,
        polygon: data.area.constructor.name,
        big: data.big, frac: data.frac, neg: data.neg, nothing: data.nothing, yes: data.yes, text: data.text, matrix: data.matrix,
        queried: (await c.where({ when: _.lt(new Date('2024-03-01')) }).count()).total,
      }
    `)
    const after = Date.now()
    expect(r.whenIso).toBe('2024-02-29T16:00:00.000Z')
    expect(r.isDate).toBe(true)
    expect(r.now).toBeGreaterThanOrEqual(before)
    expect(r.now).toBeLessThanOrEqual(after)
    expect(r.later - r.now).toBeGreaterThanOrEqual(3600 * 1000 - 5)
    expect(r.later - r.now).toBeLessThanOrEqual(3600 * 1000 + 5)
    expect(r.point).toEqual([113.05, 23.7])
    expect(r.polygon).toBe('Polygon')
    expect(r).toMatchObject({ big: 2 ** 40, frac: 1.25, neg: -7, nothing: null, yes: true, text: '中文 ✓', matrix: [[1, 2], [3]], queried: 1 })
  })
})

describe('geo queries', () => {
  beforeEach(() =>
    t.probe(`
      const P = (lng, lat) => new db.Geo.Point(lng, lat)
      await db.collection('places').add({ data: [
        { _id: 'station-near', at: P(113.0500, 23.7000) },
        { _id: 'station-1km', at: P(113.0598, 23.7000) },
        { _id: 'station-far', at: P(113.3000, 23.9000) },
      ] })
    `),
  )

  test('geoNear orders by distance within max/min distance', async () => {
    const r = await t.probe<string[]>(`
      const res = await db.collection('places').where({ at: _.geoNear({ geometry: new db.Geo.Point(113.05, 23.70), maxDistance: 2000 }) }).get()
      return res.data.map(d => d._id)
    `)
    expect(r).toEqual(['station-near', 'station-1km'])
    const ring = await t.probe<string[]>(`
      const res = await db.collection('places').where({ at: _.geoNear({ geometry: new db.Geo.Point(113.05, 23.70), minDistance: 500, maxDistance: 50000 }) }).get()
      return res.data.map(d => d._id)
    `)
    expect(ring).toEqual(['station-1km', 'station-far'])
  })

  test('geoNear distances are S2\'s: the angle between unit vectors times MongoDB\'s earth radius, 6378100 m', async () => {
    const r = await t.probe<any>(`
      await db.collection('places').add({ data: [
        { _id: 'equator-1deg', at: new db.Geo.Point(1, 0) },
        { _id: 'road', at: new db.Geo.LineString([new db.Geo.Point(113.0, 23.71), new db.Geo.Point(113.1, 23.71)]) },
      ] })
      const near = (lng, lat) => db.collection('places').aggregate().geoNear({ near: new db.Geo.Point(lng, lat), distanceField: 'd', spherical: true, key: 'at' }).limit(10).end()
      const fromOrigin = (await near(0, 0)).list[0]
      const fromStation = Object.fromEntries((await near(113.05, 23.70)).list.map((x) => [x._id, x.d]))
      return { fromOrigin, fromStation }
    `)
    // S2: points from S2LatLng::FromDegrees(lat, lng).ToPoint(); S1Angle(a, b) = atan2(|a × b|, a · b).
    const point = ([lng, lat]: number[]) => {
      const phi = lat * (Math.PI / 180)
      const theta = lng * (Math.PI / 180)
      return [Math.cos(theta) * Math.cos(phi), Math.sin(theta) * Math.cos(phi), Math.sin(phi)]
    }
    const s2Metres = (a: number[], b: number[]) => {
      const [x, y] = [point(a), point(b)]
      const cross = [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]]
      return Math.atan2(Math.hypot(...cross), x[0] * y[0] + x[1] * y[1] + x[2] * y[2]) * (6378.1 * 1000)
    }
    expect(r.fromOrigin).toMatchObject({ _id: 'equator-1deg', d: s2Metres([0, 0], [1, 0]) })
    expect(r.fromOrigin.d).toBeCloseTo((Math.PI / 180) * 6378100, 6)
    expect(r.fromStation['station-near']).toBe(0)
    expect(r.fromStation['station-1km']).toBe(s2Metres([113.05, 23.7], [113.0598, 23.7]))
    // To a line, the distance is to its nearest point (here, in the middle of the edge), not to a vertex.
    expect(r.fromStation.road).toBeGreaterThan(1100)
    expect(r.fromStation.road).toBeLessThan(1120)
  })

  test('geoWithin a polygon and a centerSphere; geoIntersects', async () => {
    const r = await t.probe<any>(`
      const P = (lng, lat) => new db.Geo.Point(lng, lat)
      const box = new db.Geo.Polygon([new db.Geo.LineString([P(113.0, 23.6), P(113.1, 23.6), P(113.1, 23.8), P(113.0, 23.8), P(113.0, 23.6)])])
      const within = await db.collection('places').where({ at: _.geoWithin({ geometry: box }) }).orderBy('_id', 'asc').get()
      const sphere = await db.collection('places').where({ at: _.geoWithin({ centerSphere: [P(113.05, 23.70), 500 / 6378100] }) }).get()
      const crossing = await db.collection('places').where({ at: _.geoIntersects({ geometry: box }) }).count()
      return { within: within.data.map(d => d._id), sphere: sphere.data.map(d => d._id), crossing: crossing.total }
    `)
    expect(r.within).toEqual(['station-1km', 'station-near'])
    expect(r.sphere).toEqual(['station-near'])
    expect(r.crossing).toBe(2)
  })
})

describe('aggregation', () => {
  beforeEach(() =>
    t.probe(`
      await db.collection('orders').add({ data: [
        { _id: 'o1', county: 'qc', fen: 1000, items: ['a', 'b'], day: new Date('2024-01-01T00:00:00Z'), at: new db.Geo.Point(113.05, 23.70) },
        { _id: 'o2', county: 'qc', fen: 2500, items: ['b'], day: new Date('2024-01-02T00:00:00Z'), at: new db.Geo.Point(113.06, 23.70) },
        { _id: 'o3', county: 'yd', fen: 400, items: [], day: new Date('2024-01-02T00:00:00Z'), at: new db.Geo.Point(113.40, 24.10) },
      ] })
      await db.collection('people').add({ data: [{ _id: 'qc', name: '清城区' }, { _id: 'yd', name: '英德市' }] })
    `),
  )

  test('match, group with accumulators, sort, project, addFields, count, skip, limit', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('orders')
      const grouped = await c.aggregate().match({ fen: _.gt(100) }).group({ _id: '$county', total: $.sum('$fen'), n: $.sum(1), avg: $.avg('$fen'), max: $.max('$fen'), all: $.push('$_id') }).sort({ total: -1 }).end()
      const projected = await c.aggregate().project({ fen: 1, yuan: $.divide(['$fen', 100]) }).addFields({ big: $.gte(['$fen', 1000]) }).sort({ fen: 1 }).skip(1).limit(1).end()
      const counted = await c.aggregate().match({ county: 'qc' }).count('n').end()
      return { grouped: grouped.list, projected: projected.list, counted: counted.list }
    `)
    expect(r.grouped).toEqual([
      { _id: 'qc', total: 3500, n: 2, avg: 1750, max: 2500, all: ['o1', 'o2'] },
      { _id: 'yd', total: 400, n: 1, avg: 400, max: 400, all: ['o3'] },
    ])
    expect(r.projected).toEqual([{ _id: 'o1', fen: 1000, yuan: 10, big: true }])
    expect(r.counted).toEqual([{ n: 2 }])
  })

  test('unwind, lookup (both forms), bucket, bucketAuto, sortByCount, replaceRoot, sample', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('orders')
      const unwound = await c.aggregate().unwind('$items').sortByCount('$items').end()
      const joined = await c.aggregate().lookup({ from: 'people', localField: 'county', foreignField: '_id', as: 'county_doc' }).sort({ _id: 1 }).project({ name: $.arrayElemAt(['$county_doc.name', 0]) }).end()
      const piped = await c.aggregate().lookup({ from: 'people', let: { cid: '$county' }, pipeline: $.pipeline().match(_.expr($.eq(['$_id', '$$cid']))).project({ _id: 0, name: 1 }).done(), as: 'who' }).match({ _id: 'o3' }).end()
      const buckets = await c.aggregate().bucket({ groupBy: '$fen', boundaries: [0, 1000, 5000], default: 'other', output: { n: $.sum(1) } }).end()
      const auto = await c.aggregate().bucketAuto({ groupBy: '$fen', buckets: 2 }).end()
      const root = await c.aggregate().match({ _id: 'o1' }).replaceRoot({ newRoot: { id: '$_id', c: '$county' } }).end()
      const sample = await c.aggregate().sample({ size: 2 }).end()
      return { unwound: unwound.list, joined: joined.list, piped: piped.list[0].who, buckets: buckets.list, auto: auto.list.length, root: root.list, sample: sample.list.length }
    `)
    expect(r.unwound).toEqual([{ _id: 'b', count: 2 }, { _id: 'a', count: 1 }])
    expect(r.joined).toEqual([{ _id: 'o1', name: '清城区' }, { _id: 'o2', name: '清城区' }, { _id: 'o3', name: '英德市' }])
    expect(r.piped).toEqual([{ name: '英德市' }])
    expect(r.buckets).toEqual([{ _id: 0, n: 1 }, { _id: 1000, n: 2 }])
    expect(r.auto).toBe(2)
    expect(r.root).toEqual([{ id: 'o1', c: 'qc' }])
    expect(r.sample).toBe(2)
  })

  test('geoNear stage adds the distance and sorts by it', async () => {
    const r = await t.probe<any>(`
      return (await db.collection('orders').aggregate().geoNear({ near: new db.Geo.Point(113.05, 23.70), distanceField: 'dist', spherical: true, key: 'at', query: { fen: _.gt(500) } }).project({ dist: 1 }).end()).list
    `)
    expect(r.map((d: any) => d._id)).toEqual(['o1', 'o2'])
    expect(r[0].dist).toBe(0)
    expect(r[1].dist).toBeGreaterThan(900)
    expect(r[1].dist).toBeLessThan(1100)
  })
})

describe('ObjectId, in and out as the platform does', () => {
  // The platform keeps an ObjectId ({$oid} in EJSON) as an ObjectId, and its replies carry it as
  // the hex string (node-sdk's own platform tests: add() answers the hex id, a field reads back as
  // the hex string, lookup joins ObjectId fields).
  const hex = '65a1b2c3d4e5f60718293a4b'
  const ref = '65a1b2c3d4e5f60718293a4c'

  test('an ObjectId _id is accepted and answered as its hex string; an ObjectId field reads back as its hex string', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('items')
      const added = await c.add({ data: { _id: { $oid: args.hex }, ref: { $oid: args.ref }, name: 'oid' } })
      const byId = (await c.where({ _id: { $oid: args.hex } }).get()).data
      const byRef = (await c.where({ ref: { $oid: args.ref } }).get()).data.map((d) => d._id)
      const agg = (await c.aggregate().match({ ref: { $oid: args.ref } }).project({ ref: 1 }).end()).list
      let dup = null
      try { await c.add({ data: { _id: { $oid: args.hex } } }) } catch (e) { dup = e.errCode + ' ' + e.errMsg }
      return { added: added._id, byId, byRef, agg, dup }
    `, { hex, ref })
    expect(r.added).toBe(hex)
    expect(r.byId).toEqual([{ _id: hex, ref, name: 'oid' }])
    expect(r.byRef).toEqual([hex])
    expect(r.agg).toEqual([{ _id: hex, ref }])
    expect(r.dup).toMatch(/^-502001 .*E11000 duplicate key error collection: items index: _id_/)
    // Stored as an ObjectId, not as a string.
    const [stored] = [...t.cloud.store.get('items').docs.values()] as Record<string, unknown>[]
    expect(stored._id).toBeInstanceOf(ObjectId)
    expect(stored.ref).toBeInstanceOf(ObjectId)
  })

  test('an ObjectId and the string of its hex are different values, as in MongoDB; updates and removes find ObjectId documents', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('items')
      await c.add({ data: { _id: { $oid: args.hex }, ref: { $oid: args.ref }, n: 1 } })
      const sameHexString = await c.add({ data: { _id: args.hex, n: 2 } })
      const refAsString = await c.where({ ref: args.ref }).count()
      const updated = await c.where({ _id: { $oid: args.hex } }).update({ data: { n: _.inc(10) } })
      const ns = (await c.orderBy('n', 'asc').get()).data.map((d) => d.n)
      const removed = await c.where({ _id: { $oid: args.hex } }).remove()
      const left = (await c.get()).data
      return { sameHexString: sameHexString._id, refAsString: refAsString.total, updated: updated.stats.updated, ns, removed: removed.stats.removed, left }
    `, { hex, ref })
    expect(r).toEqual({ sameHexString: hex, refAsString: 0, updated: 1, ns: [2, 11], removed: 1, left: [{ _id: hex, n: 2 }] })
  })

  test('lookup joins an ObjectId field to an ObjectId _id', async () => {
    const r = await t.probe<any>(`
      await db.collection('people').add({ data: { _id: { $oid: args.ref }, name: '邀请人' } })
      await db.collection('items').add({ data: { _id: { $oid: args.hex }, inviter: { $oid: args.ref } } })
      return (await db.collection('items').aggregate().lookup({ from: 'people', localField: 'inviter', foreignField: '_id', as: 'who' }).end()).list
    `, { hex, ref })
    expect(r).toEqual([{ _id: hex, inviter: ref, who: [{ _id: ref, name: '邀请人' }] }])
  })
})

describe('arrays that mix scalars and documents', () => {
  beforeEach(() =>
    t.probe(`
      await db.collection('items').add({ data: [
        { _id: 'm1', arr: [1, { k: 1 }] },
        { _id: 'm2', arr: [5, { k: 4 }] },
        { _id: 'm3', arr: [3, 'x'] },
        { _id: 'm4', arr: [{ k: 2 }] },
        { _id: 'm5', arr: [{ j: 1 }, 7] },
        { _id: 'm6', arr: [[{ k: 1 }]] },
        { _id: 'm7', arr: '5' },
        { _id: 'm8', arr: true },
        { _id: 'm9', arr: 5.5 },
      ] })
    `),
  )

  const ids = (where: string) => t.probe<string[]>(`return (await db.collection('items').where(${where}).orderBy('_id', 'asc').get()).data.map(d => d._id)`)

  // MongoDB: a query on fields inside $elemMatch looks only at the elements that are documents
  // (an array element as a document of "0", "1", …); operators on the element look at every one.
  test.each([
    ['{ arr: _.elemMatch({ k: _.exists(true) }) }', ['m1', 'm2', 'm4']],
    ['{ arr: _.elemMatch({ k: _.mod(2, 1) }) }', ['m1']],
    ['{ arr: _.elemMatch({ k: _.neq(1) }) }', ['m2', 'm4', 'm5', 'm6']],
    ['{ arr: _.elemMatch({ k: _.exists(false) }) }', ['m5', 'm6']],
    ['{ arr: _.elemMatch(_.gt(2)) }', ['m2', 'm3', 'm5']],
    // A dotted path reaches the documents of an array, never its scalars, nor arrays nested in it.
    ["{ 'arr.k': _.exists(true) }", ['m1', 'm2', 'm4']],
    ["{ 'arr.k': _.exists(false) }", ['m3', 'm5', 'm6', 'm7', 'm8', 'm9']],
    ["{ 'arr.k': _.mod(2, 0) }", ['m2', 'm4']],
    // $mod matches numbers only (truncated to integers), never strings, booleans or nested arrays.
    ['{ arr: _.mod(2, 1) }', ['m1', 'm2', 'm3', 'm5', 'm9']],
  ])('%s', async (where, expected) => {
    expect(await ids(where)).toEqual(expected)
  })

  test('$mod refuses a zero divisor', async () => {
    const r = await t.probe<any>(`try { await db.collection('items').where({ arr: _.mod(0, 1) }).get(); return 'accepted' } catch (e) { return e.errMsg }`)
    expect(r).toMatch(/divisor cannot be 0/)
  })
})

describe('$jsonSchema', () => {
  beforeEach(() =>
    t.probe(`
      await db.collection('items').add({ data: [
        { _id: 'j1', name: 'a', age: 30 },
        { _id: 'j2', name: 'b', age: 30.5 },
        { _id: 'j3', age: 5 },
        { _id: 'j4', name: 'd', age: 40, tags: ['x'], when: new Date('2024-01-01T00:00:00Z') },
        { _id: 'j5', name: 'e', age: 50, tags: [], when: { not: 'a date' } },
      ] })
    `),
  )

  test('filters where() and $match by a schema with bsonType, type, required, bounds and array keywords', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('items')
      const adults = { $jsonSchema: { required: ['name', 'age'], properties: { age: { bsonType: 'int', minimum: 18 }, name: { type: 'string' } } } }
      const tagged = { $jsonSchema: { required: ['tags'], properties: { tags: { type: 'array', minItems: 1, items: { bsonType: 'string' } }, when: { bsonType: 'date' } } } }
      const under40 = { $jsonSchema: { properties: { age: { type: 'number', maximum: 40, exclusiveMaximum: true } }, required: ['age'] } }
      const ids = (list) => list.map((d) => d._id).sort()
      return {
        adults: ids((await c.where(adults).get()).data),
        matched: ids((await c.aggregate().match(adults).end()).list),
        tagged: ids((await c.where(tagged).get()).data),
        under40: ids((await c.where(under40).get()).data),
        notAdults: ids((await c.where(_.nor([adults])).get()).data),
      }
    `)
    expect(r).toEqual({
      adults: ['j1', 'j4', 'j5'],
      matched: ['j1', 'j4', 'j5'],
      tagged: ['j4'],
      under40: ['j1', 'j2', 'j3'],
      notAdults: ['j2', 'j3'],
    })
  })

  test.each([
    ["{ properties: { a: { format: 'email' } } }", /\$jsonSchema keyword 'format' is not currently supported/],
    ["{ properties: { a: { type: 'integer' } } }", /unknown type: integer/],
    ['{ unheardOf: 1 }', /Unknown \$jsonSchema keyword: unheardOf/],
  ])('refuses what MongoDB refuses: %s', async (schema, message) => {
    const r = await t.probe<any>(`try { await db.collection('items').where({ $jsonSchema: ${schema} }).get(); return 'accepted' } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg } }`)
    expect(r.errCode).toBe(-501007)
    expect(r.errMsg).toMatch(message)
  })
})

describe('aggregation operators as MongoDB computes them', () => {
  test('$week counts Sunday-based weeks (0–53), with a timezone too', async () => {
    const r = await t.probe<any>(`
      await db.collection('items').add({ data: [
        { _id: '2022-01-01', d: new Date('2022-01-01T12:00:00Z') },
        { _id: '2022-01-02', d: new Date('2022-01-02T12:00:00Z') },
        { _id: '2023-01-01', d: new Date('2023-01-01T00:00:00Z') },
        { _id: '2024-01-01', d: new Date('2024-01-01T00:00:00Z') },
        { _id: '2024-12-31', d: new Date('2024-12-31T12:00:00Z') },
      ] })
      const list = (await db.collection('items').aggregate().sort({ _id: 1 }).project({ w: $.week('$d'), tz: $.week({ date: '$d', timezone: '-05:00' }) }).end()).list
      return Object.fromEntries(list.map((d) => [d._id, [d.w, d.tz]]))
    `)
    expect(r).toEqual({
      '2022-01-01': [0, 0], // a Saturday: before the year's first Sunday
      '2022-01-02': [1, 1], // the first Sunday
      '2023-01-01': [1, 52], // a Sunday (ISO week 52); in UTC−5 still 31 Dec 2022
      '2024-01-01': [0, 53], // a Monday; in UTC−5 Sunday 31 Dec 2023, which begins 2023's week 53
      '2024-12-31': [52, 52],
    })
  })

  test('$substr and $substrBytes take −1 for "to the end"; $indexOfCP counts code points, $indexOfBytes UTF-8 bytes', async () => {
    const r = await t.probe<any>(`
      await db.collection('items').add({ data: { _id: 's', s: 'hello', u: '日本語テキスト' } })
      return (await db.collection('items').aggregate().project({
        _id: 0,
        rest: $.substr(['$s', 1, -1]),
        restBytes: $.substrBytes(['$s', 2, -1]),
        some: $.substr(['$s', 1, 2]),
        negativeStart: $.substr(['$s', -1, 2]),
        wide: $.substrBytes(['$u', 3, 6]),
        wideRest: $.substrBytes(['$u', 12, -1]),
        missing: $.substr(['$nothing', 0, 2]),
        cp: $.indexOfCP(['$u', 'テ']),
        cpFrom: $.indexOfCP(['$s', 'l', 3]),
        cpWithin: $.indexOfCP(['$s', 'l', 0, 2]),
        cpNone: $.indexOfCP(['$s', 'z']),
        cpEmpty: $.indexOfCP(['$s', '']),
        cpNull: $.indexOfCP(['$nothing', 'a']),
        bytes: $.indexOfBytes(['$u', 'テ']),
        bytesFrom: $.indexOfBytes(['$u', '本', 1]),
        bytesWithin: $.indexOfBytes(['$u', '語', 0, 8]),
      }).end()).list[0]
    `)
    expect(r).toEqual({
      rest: 'ello',
      restBytes: 'llo',
      some: 'el',
      negativeStart: '',
      wide: '本語',
      wideRest: 'キスト',
      missing: '',
      cp: 3,
      cpFrom: 3,
      cpWithin: -1,
      cpNone: -1,
      cpEmpty: 0,
      cpNull: null,
      bytes: 9,
      bytesFrom: 3,
      bytesWithin: -1,
    })
  })

  test('$substrBytes refuses a range that splits a UTF-8 character', async () => {
    const r = await t.probe<any>(`
      await db.collection('items').add({ data: { _id: 's', u: '日本' } })
      try { await db.collection('items').aggregate().project({ v: $.substrBytes(['$u', 1, 2]) }).end(); return 'accepted' } catch (e) { return e.errMsg }
    `)
    expect(r).toMatch(/starting index is a UTF-8 continuation byte/)
  })
})

describe('platform limits', () => {
  test('get() returns at most 100 documents per call; aggregate defaults to 20', async () => {
    const r = await t.probe<any>(`
      const c = db.collection('items')
      const docs = Array.from({ length: 130 }, (_, i) => ({ i }))
      await c.add({ data: docs })
      const plain = await c.get()
      const asked = await c.limit(1000).get()
      const agg = await c.aggregate().match({}).end()
      const aggLimited = await c.aggregate().match({}).limit(50).end()
      return { plain: plain.data.length, asked: asked.data.length, agg: agg.list.length, aggLimited: aggLimited.list.length, total: (await c.count()).total }
    `)
    expect(r).toEqual({ plain: 100, asked: 100, agg: 20, aggLimited: 50, total: 130 })
  })

  test('a document over the size limit is refused and nothing is written', async () => {
    const small = await startTestCloud({ collections: { items: {} }, limits: { maxDocumentBytes: 2048 } })
    try {
      const r = await small.probe<any>(`
        try { await db.collection('items').add({ data: { blob: 'x'.repeat(5000) } }) } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg, count: (await db.collection('items').count()).total } }
      `)
      expect(r.errCode).toBe(-501001)
      expect(r.errMsg).toMatch(/exceeds the 2048 byte limit/)
      expect(r.count).toBe(0)
    } finally {
      await small.close()
    }
  })
})

describe('unique indexes', () => {
  test('a duplicate key is refused with the E11000 error, compound keys included, and nothing changes', async () => {
    const r = await t.probe<any>(`
      const people = db.collection('people'), pairs = db.collection('pairs')
      const err = async (p) => { try { await p; return null } catch (e) { return e.errCode + ' ' + e.errMsg } }
      await people.add({ data: { idcard: 'A1' } })
      const dup = await err(people.add({ data: { idcard: 'A1' } }))
      const sparseOk = await err(people.add({ data: [{ name: 'no card 1' }, { name: 'no card 2' }] }))
      await pairs.add({ data: { a: 1, b: 1 } })
      const compoundOk = await err(pairs.add({ data: { a: 1, b: 2 } }))
      const compoundDup = await err(pairs.add({ data: { a: 1, b: 1 } }))
      const viaUpdate = await err(pairs.where({ b: 2 }).update({ data: { b: 1 } }))
      const batchDup = await err(pairs.add({ data: [{ a: 5, b: 5 }, { a: 5, b: 5 }] }))
      return { dup, sparseOk, compoundOk, compoundDup, viaUpdate, batchDup, people: (await people.count()).total, pairs: (await pairs.count()).total }
    `)
    expect(r.dup).toMatch(/^-502001 .*E11000 duplicate key error collection: people index: idcard_unique/)
    expect(r.sparseOk).toBeNull()
    expect(r.compoundOk).toBeNull()
    expect(r.compoundDup).toMatch(/E11000 .*a_b_unique/)
    expect(r.viaUpdate).toMatch(/E11000/)
    expect(r.batchDup).toMatch(/E11000/)
    expect(r.people).toBe(3)
    expect(r.pairs).toBe(2)
  })

  test('indexed equality queries use the index and agree with a full scan', async () => {
    await t.probe(`
      await db.collection('people').add({ data: Array.from({ length: 300 }, (_, i) => ({ city: 'c' + (i % 7), age: i % 50, idcard: 'id' + i })) })
    `)
    const coll = t.cloud.store.get('people')
    const viaIndex = [...coll.candidates({ city: 'c3', age: { $in: [3, 10] } })]
    expect(viaIndex.length).toBeLessThan(20)
    const r = await t.probe<any>(`
      const a = await db.collection('people').where({ city: 'c3', age: _.in([3, 10]) }).get()
      const b = await db.collection('people').where({ city: db.RegExp({ regexp: '^c3$' }), age: _.in([3, 10]) }).get()
      return { a: a.data.map(d => d._id).sort(), b: b.data.map(d => d._id).sort() }
    `)
    expect(r.a.length).toBeGreaterThan(0)
    expect(r.a).toEqual(r.b)
  })
})
