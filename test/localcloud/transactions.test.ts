// Transactions and concurrency, through the genuine SDK in function workers. The platform's
// semantics are snapshot isolation (WeChat's transaction guide, 快照隔离): one snapshot for all of
// a transaction's reads, a write that locks the document, a conflicting write that fails at once.
import path from 'node:path'
import { PLATFORM_LIMITS } from '../../localcloud/db/database'
import { buildFixtureFunction } from '../support/build'
import { startTestCloud, type TestCloud } from '../support/localcloud'
import { adminCall } from '../support/process'

// The platform's texts, as wx-server-sdk reports them from an operation (errCode -501001).
const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ collections: { accounts: {}, counters: {}, log: {} }, maxInstancesPerFunction: 8 })
  buildFixtureFunction(path.join(__dirname, 'fixtures/shared-db.ts'), path.join(t.dataDir, 'functions'), 'shared_db', { timeout: 10 })
})
afterAll(() => t.close())
beforeEach(() => t.cloud.reset())

test('runTransaction commits its writes together and returns the callback result', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: [{ _id: 'a', fen: 100 }, { _id: 'b', fen: 0 }] })
    const result = await db.runTransaction(async (tx) => {
      const a = (await tx.collection('accounts').doc('a').get()).data
      await tx.collection('accounts').doc('a').update({ data: { fen: a.fen - 30 } })
      await tx.collection('accounts').doc('b').update({ data: { fen: _.inc(30) } })
      const added = await tx.collection('log').add({ data: { moved: 30 } })
      return { moved: 30, logId: added._id }
    })
    const a = (await db.collection('accounts').doc('a').get()).data.fen
    const b = (await db.collection('accounts').doc('b').get()).data.fen
    return { result, a, b, log: (await db.collection('log').count()).total }
  `)
  expect(r.result.moved).toBe(30)
  expect(r).toMatchObject({ a: 70, b: 30, log: 1 })
})

test('a transaction sees its own writes; others see them only after commit', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: { _id: 'a', fen: 1 } })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { fen: 2 } })
    await tx.collection('accounts').add({ data: { _id: 'new', fen: 9 } })
    const inside = (await tx.collection('accounts').doc('a').get()).data.fen
    const insideNew = (await tx.collection('accounts').doc('new').get()).data
    const outside = (await db.collection('accounts').doc('a').get()).data.fen
    const outsideNew = (await db.collection('accounts').where({ _id: 'new' }).get()).data.length
    await tx.commit()
    const after = (await db.collection('accounts').doc('a').get()).data.fen
    return { inside, insideNew: insideNew && insideNew.fen, outside, outsideNew, after }
  `)
  expect(r).toEqual({ inside: 2, insideNew: 9, outside: 1, outsideNew: 0, after: 2 })
})

test('rollback discards every write; the rollback value comes back from runTransaction', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: { _id: 'a', fen: 1 } })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { fen: 500 } })
    await tx.rollback()
    let custom = null
    try {
      await db.runTransaction(async (t2) => {
        await t2.collection('accounts').doc('a').update({ data: { fen: 900 } })
        await t2.rollback('不够余额')
      })
    } catch (e) { custom = e }
    let thrown = null
    try {
      await db.runTransaction(async (t3) => {
        await t3.collection('accounts').doc('a').update({ data: { fen: 700 } })
        throw new Error('callback failed')
      })
    } catch (e) { thrown = e.message }
    return { fen: (await db.collection('accounts').doc('a').get()).data.fen, custom, thrown }
  `)
  expect(r).toEqual({ fen: 1, custom: '不够余额', thrown: 'callback failed' })
})

test('operations on a committed, rolled-back or conflicted transaction fail with the platform\'s TransactionNotExist', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: { _id: 'a', fen: 1 } })
    const err = async (p) => { try { await p; return 'ok' } catch (e) { return e.errMsg ?? { code: e.code, message: e.message } } }
    const committed = await db.startTransaction()
    await committed.commit()
    const rolledBack = await db.startTransaction()
    await rolledBack.collection('accounts').doc('a').update({ data: { fen: 2 } })
    await rolledBack.rollback()
    return {
      updateAfterCommit: await err(committed.collection('accounts').doc('a').update({ data: { fen: 3 } })),
      getAfterRollback: await err(rolledBack.collection('accounts').doc('a').get()),
      commitAfterRollback: await err(rolledBack.commit()),
      rollbackAfterCommit: await err(committed.rollback()),
      fen: (await db.collection('accounts').doc('a').get()).data.fen,
    }
  `)
  expect(r.updateAfterCommit).toBe(`document.update:fail -501001 resource system error. ${NOT_EXIST}`)
  expect(r.getAfterRollback).toBe(`document.get:fail -501001 resource system error. ${NOT_EXIST}`)
  // commit and rollback pass the platform's reply on as it came (code and message).
  expect(r.commitAfterRollback).toEqual({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST })
  expect(r.rollbackAfterCommit).toEqual({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST })
  expect(r.fen).toBe(1)
})

test('inside a transaction: where().get() is refused; count and where-writes run outside it, as the SDK sends them', async () => {
  // wx-server-sdk sends count, where().update/remove and aggregate without the transaction id,
  // so on the platform they are not part of the transaction: a rollback does not undo them.
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: [{ _id: 'a', fen: 1 }, { _id: 'b', fen: 1 }] })
    const out = {}
    const tx = await db.startTransaction()
    try { await tx.collection('accounts').where({ fen: 1 }).get(); out.whereGet = 'allowed' } catch (e) { out.whereGet = e.errCode }
    out.count = (await tx.collection('accounts').count()).total
    await tx.collection('accounts').where({ _id: 'b' }).update({ data: { fen: 2 } })
    await tx.collection('accounts').doc('a').update({ data: { fen: 3 } })
    await tx.rollback()
    out.a = (await db.collection('accounts').doc('a').get()).data.fen
    out.b = (await db.collection('accounts').doc('b').get()).data.fen
    return out
  `)
  expect(r).toEqual({ whereGet: -501007, count: 2, a: 1, b: 2 })
})

test('all reads of a transaction see one snapshot, taken at its first operation (no read skew)', async () => {
  // node-sdk's own platform test 读偏: after the first read, outside writes to that document and to
  // others are not seen, by reads before or after them.
  const r = await t.probe<any>(`
    const accounts = db.collection('accounts')
    await accounts.add({ data: [{ _id: 'a', fen: 100 }, { _id: 'b', fen: 0 }] })
    const tx = await db.startTransaction()
    await accounts.doc('a').update({ data: { fen: 90 } }) // before the first operation: part of the snapshot
    const first = (await tx.collection('accounts').doc('a').get()).data.fen
    await accounts.doc('a').update({ data: { fen: 50 } })
    await accounts.doc('b').update({ data: { fen: 50 } })
    await accounts.add({ data: { _id: 'c', fen: 1 } })
    await accounts.doc('a').update({ data: { fen: 40 } })
    const again = (await tx.collection('accounts').doc('a').get()).data.fen
    const b = (await tx.collection('accounts').doc('b').get()).data.fen
    let c
    try { c = (await tx.collection('accounts').doc('c').get()).data } catch (e) { c = 'missing' }
    await tx.rollback()
    return { first, again, b, c: c ?? 'missing', outside: (await accounts.orderBy('_id', 'asc').get()).data.map((d) => d.fen) }
  `)
  expect(r).toEqual({ first: 90, again: 90, b: 0, c: 'missing', outside: [40, 50, 1] })
})

test('a transaction sees its own writes over its snapshot, and a removal too', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: [{ _id: 'a', fen: 1 }, { _id: 'b', fen: 1 }] })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('a').get()
    await db.collection('accounts').doc('b').update({ data: { fen: 7 } })
    await tx.collection('accounts').doc('a').update({ data: { fen: 2 } })
    await tx.collection('accounts').doc('a').remove()
    let a
    try { a = (await tx.collection('accounts').doc('a').get()).data } catch (e) { a = null }
    const b = (await tx.collection('accounts').doc('b').get()).data.fen
    await tx.commit()
    return { a: a ?? null, b, left: (await db.collection('accounts').get()).data.map((d) => d._id + ':' + d.fen) }
  `)
  expect(r).toEqual({ a: null, b: 1, left: ['b:7'] })
})

test('a write to a document another open transaction has written fails at once with the platform\'s conflict', async () => {
  // node-sdk's own platform test 冲突检测; WeChat's guide: 其它事务的写入会直接失败.
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: { _id: 'a', fen: 0 } })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    const seen = (await t1.collection('accounts').doc('a').get()).data.fen
    await t2.collection('accounts').doc('a').update({ data: { fen: _.inc(10) } })
    let conflict = null
    try { await t1.collection('accounts').doc('a').update({ data: { fen: seen + 1 } }) } catch (e) { conflict = { errCode: e.errCode, errMsg: e.errMsg } }
    // As in MongoDB, the write conflict ended the conflicting transaction (and its locks).
    let after = null
    try { await t1.collection('accounts').doc('a').get() } catch (e) { after = e.errMsg }
    await t2.commit()
    return { conflict, after, fen: (await db.collection('accounts').doc('a').get()).data.fen }
  `)
  expect(r.conflict).toEqual({ errCode: -501001, errMsg: `document.update:fail -501001 resource system error. ${CONFLICT}` })
  expect(r.after).toBe(`document.get:fail -501001 resource system error. ${NOT_EXIST}`)
  expect(r.fen).toBe(10)
})

test('on the wire the conflict is DATABASE_TRANSACTION_CONFLICT with the platform\'s message, for set, update, remove and add', async () => {
  await t.probe(`await db.collection('accounts').add({ data: [{ _id: 'a', fen: 0 }, { _id: 'b', fen: 0 }] })`)
  const start = async () => (await adminCall(t.cloud, { action: 'database.startTransaction' })).transactionId as string
  const holder = await start()
  const doc = (id: string, transactionId: string) => ({ collectionName: 'accounts', query: JSON.stringify({ _id: id }), queryType: 'DOC', transactionId })
  expect((await adminCall(t.cloud, { action: 'database.modifyDocument', ...doc('a', holder), data: '{"$set":{"fen":{"$numberInt":"1"}}}', merge: true })).code).toBeUndefined()
  expect((await adminCall(t.cloud, { action: 'database.insertDocument', collectionName: 'accounts', data: ['{"_id":"n"}'], transactionId: holder })).code).toBeUndefined()
  const attempts = [
    (id: string) => ({ action: 'database.modifyDocument', ...doc('a', id), data: '{"$set":{"fen":{"$numberInt":"2"}}}', merge: true }),
    (id: string) => ({ action: 'database.modifyDocument', ...doc('a', id), data: '{"fen":{"$numberInt":"2"}}', merge: false }),
    (id: string) => ({ action: 'database.removeDocument', ...doc('a', id) }),
    (id: string) => ({ action: 'database.insertDocument', collectionName: 'accounts', data: ['{"_id":"n"}'], transactionId: id }),
  ]
  for (const attempt of attempts) {
    const other = await start()
    const reply = await adminCall(t.cloud, attempt(other))
    expect(reply).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT })
  }
  // A document nobody else holds is fine.
  const free = await start()
  expect((await adminCall(t.cloud, { action: 'database.modifyDocument', ...doc('b', free), data: '{"$set":{"fen":{"$numberInt":"3"}}}', merge: true })).code).toBeUndefined()
  await adminCall(t.cloud, { action: 'database.commitTransaction', transactionId: free })
  await adminCall(t.cloud, { action: 'database.commitTransaction', transactionId: holder })
  expect(await t.probe(`return (await db.collection('accounts').orderBy('_id', 'asc').get()).data.map((d) => d._id + ':' + (d.fen ?? '-'))`)).toEqual(['a:1', 'b:3', 'n:-'])
})

test('a write to a document changed after the snapshot conflicts at the write, not at commit', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: { _id: 'a', fen: 0 } })
    const tx = await db.startTransaction()
    const seen = (await tx.collection('accounts').doc('a').get()).data.fen
    await db.collection('accounts').doc('a').update({ data: { fen: 50 } })
    let conflict = null
    try { await tx.collection('accounts').doc('a').update({ data: { fen: seen + 1 } }) } catch (e) { conflict = e.errMsg }
    return { conflict, fen: (await db.collection('accounts').doc('a').get()).data.fen }
  `)
  expect(r.conflict).toBe(`document.update:fail -501001 resource system error. ${CONFLICT}`)
  expect(r.fen).toBe(50)
})

test('runTransaction does not retry a conflict at a write, as on the platform: the callback runs once', async () => {
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: { _id: 'a', fen: 0 } })
    const holder = await db.startTransaction()
    await holder.collection('accounts').doc('a').update({ data: { fen: 1 } })
    let runs = 0
    let failed = null
    try {
      await db.runTransaction(async (tx) => {
        runs++
        await tx.collection('accounts').doc('a').update({ data: { fen: 2 } })
      })
    } catch (e) { failed = e.errCode }
    await holder.commit()
    return { runs, failed, fen: (await db.collection('accounts').doc('a').get()).data.fen }
  `)
  expect(r).toEqual({ runs: 1, failed: -501001, fen: 1 })
})

test('the functions\' runTransaction (cloudfunctions/_shared) runs the callback again after a conflict at a write', async () => {
  const outcome = await t.cloud.invoke(
    'shared_db',
    {
      code: `
        await db.collection('accounts').add({ data: { _id: 'a', fen: 0 } })
        const holder = await db.startTransaction()
        await holder.collection('accounts').doc('a').update({ data: { fen: 1 } })
        setTimeout(() => holder.commit(), 20)
        let runs = 0
        const seen = await db.runTransaction(async (tx) => {
          runs++
          const { data } = await tx.collection('accounts').doc('a').get()
          await tx.collection('accounts').doc('a').update({ data: { fen: data.fen + 10 } })
          return data.fen
        })
        return { runs, seen, fen: (await db.collection('accounts').doc('a').get()).data.fen }
      `,
    },
    { openid: 'o_test_user', source: 'wx_client' },
  )
  expect(outcome.ok).toBe(true)
  const r = outcome.ok ? (outcome.result as { runs: number; seen: number; fen: number }) : null
  expect(r!.runs).toBeGreaterThan(1)
  expect(r).toMatchObject({ seen: 1, fen: 11 })
})

test('a plain write to a document a transaction has written waits until the transaction ends', async () => {
  // WeChat's guide: 普通的更新操作会被阻塞，直到事务锁释放或者超时.
  const r = await t.probe<any>(`
    await db.collection('accounts').add({ data: [{ _id: 'a', fen: 1 }, { _id: 'b', fen: 1 }] })
    const tx = await db.startTransaction()
    await tx.collection('accounts').doc('a').update({ data: { fen: 2 } })
    let done = false
    const plain = db.collection('accounts').doc('a').update({ data: { fen: _.inc(10) } }).then(() => { done = true })
    const other = await db.collection('accounts').doc('b').update({ data: { fen: 5 } }) // not locked: goes through
    await new Promise((r) => setTimeout(r, 300))
    const waiting = !done
    const seenMeanwhile = (await db.collection('accounts').doc('a').get()).data.fen
    await tx.commit()
    await plain
    return { waiting, seenMeanwhile, other: other.stats.updated, fen: (await db.collection('accounts').doc('a').get()).data.fen }
  `)
  expect(r).toEqual({ waiting: true, seenMeanwhile: 1, other: 1, fen: 12 })
})

test('a transaction lives 30 s from its start, as on the platform; then it is gone and its locks are released', async () => {
  expect(PLATFORM_LIMITS.transactionLifetimeMs).toBe(30_000)
  const short = await startTestCloud({ collections: { accounts: {} }, limits: { transactionLifetimeMs: 600 } })
  try {
    const r = await short.probe<any>(`
      await db.collection('accounts').add({ data: { _id: 'a', fen: 1 } })
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
      const tx = await db.startTransaction()
      await tx.collection('accounts').doc('a').update({ data: { fen: 2 } })
      const started = Date.now()
      const plain = db.collection('accounts').doc('a').update({ data: { fen: _.inc(10) } }).then(() => Date.now() - started)
      // Activity does not extend the lifetime: it is counted from the start, not from the last use.
      await sleep(250)
      await tx.collection('accounts').doc('a').get()
      await sleep(250)
      await tx.collection('accounts').doc('a').get()
      await sleep(300)
      let expired = null
      try { await tx.collection('accounts').doc('a').get() } catch (e) { expired = e.errMsg }
      let commit = null
      try { await tx.commit() } catch (e) { commit = e.code + ' ' + e.message }
      return { expired, commit, waited: await plain, fen: (await db.collection('accounts').doc('a').get()).data.fen }
    `)
    expect(r.expired).toMatch(/^document\.get:fail -501001 resource system error\. \[ResourceUnavailable\.TransactionNotExist\] .* in 0\.6 seconds/)
    expect(r.commit).toMatch(/^DATABASE_TRANSACTION_FAIL \[ResourceUnavailable\.TransactionNotExist\]/)
    // The waiting plain write went on when the transaction expired, over the document without its write.
    expect(r.waited).toBeGreaterThanOrEqual(450)
    expect(r.fen).toBe(11)
  } finally {
    await short.close()
  }
})

test('concurrent runTransaction read-modify-writes retry on conflict and lose no update', async () => {
  await t.probe(`await db.collection('counters').add({ data: { _id: 'c', n: 0 } })`)
  const code = `
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        return await db.runTransaction(async (tx) => {
          const { data } = await tx.collection('counters').doc('c').get()
          await tx.collection('counters').doc('c').update({ data: { n: data.n + 1 } })
          return data.n + 1
        })
      } catch (e) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20))
      }
    }
    throw new Error('gave up')
  `
  const results = await Promise.all(Array.from({ length: 24 }, () => t.probeOutcome(code)))
  const succeeded = results.filter((o) => o.ok)
  const final = await t.probe<number>(`return (await db.collection('counters').doc('c').get()).data.n`)
  expect(final).toBe(succeeded.length)
  // Every committed transaction saw a distinct value: no two read the same n and both wrote.
  const values = succeeded.map((o) => (o.ok ? o.result : null))
  expect(new Set(values).size).toBe(values.length)
})

test('_.inc from 200 concurrent invocations loses no increment', async () => {
  await t.probe(`await db.collection('counters').add({ data: { _id: 'hits', n: 0 } })`)
  const outcomes = await Promise.all(
    Array.from({ length: 200 }, () => t.probeOutcome(`await db.collection('counters').doc('hits').update({ data: { n: _.inc(1) } }); return true`)),
  )
  expect(outcomes.every((o) => o.ok)).toBe(true)
  expect(await t.probe(`return (await db.collection('counters').doc('hits').get()).data.n`)).toBe(200)
})

test('negative control: read-then-write from concurrent invocations does lose updates', async () => {
  await t.probe(`await db.collection('counters').add({ data: { _id: 'racy', n: 0 } })`)
  await Promise.all(
    Array.from({ length: 40 }, () =>
      t.probe(`
        const { data } = await db.collection('counters').doc('racy').get()
        await new Promise((r) => setTimeout(r, 5))
        await db.collection('counters').doc('racy').update({ data: { n: data.n + 1 } })
      `),
    ),
  )
  const n = await t.probe<number>(`return (await db.collection('counters').doc('racy').get()).data.n`)
  expect(n).toBeLessThan(40)
})
