// Malformed requests get a clear error in the platform's shape; the service stays up and
// nothing changes.
import { startTestCloud, type TestCloud } from '../support/localcloud'
import { adminCall, adminFetch } from '../support/process'

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ collections: { things: {} } })
  await t.probe(`await db.collection('things').add({ data: { _id: 'keep', n: 1 } })`)
})
afterAll(() => t.close())

async function snapshot() {
  return JSON.stringify([...t.cloud.store.collections.entries()].map(([name, c]) => [name, [...c.docs.values()]]))
}

test.each([
  ['malformed EJSON in a query', { action: 'database.getDocument', collectionName: 'things', queryType: 'WHERE', query: '{"n": {"$gt": ' }, 'INVALID_PARAM', /not valid EJSON/],
  ['malformed EJSON in an insert', { action: 'database.insertDocument', collectionName: 'things', data: ['{oops'] }, 'INVALID_PARAM', /not valid EJSON/],
  ['an invalid date', { action: 'database.insertDocument', collectionName: 'things', data: ['{"d":{"$date":"not a date"}}'] }, 'INVALID_PARAM', /invalid date/],
  ['an unknown action', { action: 'database.dropEverything', collectionName: 'things' }, 'INVALID_ACTION', /unknown action/],
  ['no action at all', { collectionName: 'things' }, 'INVALID_ACTION', /unknown action/],
  ['an unknown query operator', { action: 'database.getDocument', collectionName: 'things', queryType: 'WHERE', query: '{"n":{"$bogus":1}}' }, 'DATABASE_INVALID_OPERRATOR', /unknown query operator/],
  ['an unknown update operator', { action: 'database.modifyDocument', collectionName: 'things', queryType: 'WHERE', query: '{}', data: '{"$explode":{"n":1}}', multi: true, merge: true }, 'DATABASE_INVALID_OPERRATOR', /unknown update operator/],
  ['updating _id', { action: 'database.modifyDocument', collectionName: 'things', queryType: 'DOC', query: '{"_id":"keep"}', data: '{"$set":{"_id":"other"}}', merge: true }, 'INVALID_PARAM', /_id/],
  ['a query on a missing collection', { action: 'database.getDocument', collectionName: 'nowhere', queryType: 'WHERE' }, 'DATABASE_COLLECTION_NOT_EXIST', /nowhere/],
  ['a negative limit', { action: 'database.getDocument', collectionName: 'things', queryType: 'WHERE', limit: -5 }, 'INVALID_PARAM', /limit/],
  ['a bad pipeline stage', { action: 'database.aggregateDocuments', collectionName: 'things', stages: [{ stageKey: 'match', stageValue: '{}' }] }, 'INVALID_PARAM', /malformed/],
  ['a commit of an unknown transaction', { action: 'database.commitTransaction', transactionId: 'txn-forged' }, 'DATABASE_TRANSACTION_FAIL', /^\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server/],
])('%s', async (_name, body, code, message) => {
  const before = await snapshot()
  const reply = await adminCall(t.cloud, body)
  expect(reply.code).toBe(code)
  expect(reply.message).toMatch(message)
  expect(typeof reply.requestId).toBe('string')
  expect(await snapshot()).toBe(before)
})

test('a body that is not JSON, and an oversized body, are refused in the platform shape', async () => {
  const before = await snapshot()
  const notJson = await adminFetch(t.cloud, '{{{')
  expect(await notJson.json()).toMatchObject({ code: 'INVALID_PARAM', message: 'request body is not valid JSON' })
  const huge = await adminFetch(t.cloud, JSON.stringify({ action: 'database.insertDocument', collectionName: 'things', data: ['"' + 'x'.repeat(21 * 1024 * 1024) + '"'] })).catch(
    (err: Error) => err,
  )
  if (huge instanceof Response) expect(await huge.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/exceeds/) })
  expect(await snapshot()).toBe(before)
})

test('the service still answers after every bad request', async () => {
  expect(await t.probe(`return (await db.collection('things').doc('keep').get()).data.n`)).toBe(1)
})

test('through the SDK: a bad query reaches user code as an error, not a crash', async () => {
  const r = await t.probe<any>(`
    try { await db.collection('things').where({ n: _.gt(1) }).orderBy('n', 'sideways').get(); return 'no error' } catch (e) { return e.message }
  `)
  expect(r).not.toBe('no error')
})
