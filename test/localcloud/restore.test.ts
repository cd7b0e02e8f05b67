// Restoring the same snapshot again undoes only what was written since (Store.importFrom): the
// database must then be exactly what a full restore gives — documents, their order, what the
// indexes answer and in which order, and the LMDB file a restart would load.
import fs from 'node:fs'
import path from 'node:path'
import { Store, type CollectionsFile } from '../../localcloud/db/store'
import { idKey, toWire, type Doc } from '../../localcloud/db/values'
import { tempDir } from '../support/localcloud'

const DECLARED: CollectionsFile = {
  notes: { indexes: [{ name: 'by_owner', keys: { owner: 1, rank: 1 } }] },
  tags: {},
  late: {},
}

const dirs: string[] = []
async function openStore(): Promise<Store> {
  const dir = tempDir('restore')
  dirs.push(dir)
  const store = new Store(path.join(dir, 'db'), { durable: false })
  await store.open(DECLARED)
  return store
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

const put = (collection: string, doc: Doc) => ({ collection, id: idKey(doc._id), doc })
const drop = (collection: string, id: string) => ({ collection, id, doc: null })

/** Everything a caller can observe: collections, documents in order, and index answers in order. */
function state(store: Store): unknown {
  return [...store.collections].map(([name, coll]) => ({
    name,
    docs: [...coll.docs].map(([key, doc]) => [key, toWire(doc)]),
    byOwner: name === 'notes' ? ['a', 'b'].map((owner) => [...coll.candidates({ owner })].map((d) => d._id)) : null,
    versions: [...coll.versions.values()].every((v) => v === 0),
  }))
}

test('restoring the same snapshot again equals a full restore, in memory and on disk', async () => {
  const store = await openStore()
  // Written out of key order, so that the order a restore loads differs from the order written.
  await store.commit([put('notes', { _id: 'n3', owner: 'a', rank: 3 }), put('notes', { _id: 'n1', owner: 'a', rank: 1 }), put('notes', { _id: 'n2', owner: 'b', rank: 2 })])
  await store.commit([put('tags', { _id: 't1', label: '原样' })])
  const file = path.join(dirs[0], 'snapshot.jsonl')
  store.exportTo(file)

  // The reference: a fresh store restored in full.
  const reference = await openStore()
  await reference.importFrom(file)
  const expected = state(reference)
  await reference.close()

  await store.importFrom(file)
  expect(state(store)).toEqual(expected)
  const notes = store.get('notes')
  for (const round of [1, 2, 3]) {
    await store.commit([put('notes', { _id: 'n1', owner: 'b', rank: 9 }), drop('notes', 'n2'), put('notes', { _id: `n0${round}`, owner: 'a', rank: 0 })])
    await store.commit([put('notes', { _id: 'n2', owner: 'a', rank: 2 })]) // removed, then back with other values
    await store.createCollection(`extra${round}`)
    await store.commit([put(`extra${round}`, { _id: 'x', n: round })])
    // A declared collection missing from the snapshot comes back empty.
    if (round === 2) await store.commit([put('late', { _id: 'l1' })])
    expect(state(store)).not.toEqual(expected)
    await store.importFrom(file)
    expect(state(store)).toEqual(expected)
    // Undone in place (a full restore makes new collections): what was not written was not reloaded.
    expect(store.get('notes')).toBe(notes)
  }

  // What LMDB holds is what a restart loads: the same database.
  const dir = store.dataDir
  await store.close()
  const reopened = new Store(dir, { durable: false })
  await reopened.open(DECLARED)
  expect(state(reopened)).toEqual(expected)
  await reopened.close()
})

test('a restore while a transaction snapshot is open, or of another snapshot, restores in full', async () => {
  const store = await openStore()
  await store.commit([put('notes', { _id: 'n1', owner: 'a', rank: 1 })])
  const first = path.join(store.dataDir, '..', 'first.jsonl')
  store.exportTo(first)
  await store.commit([put('notes', { _id: 'n2', owner: 'b', rank: 2 })])
  const second = path.join(store.dataDir, '..', 'second.jsonl')
  store.exportTo(second)

  await store.importFrom(first)
  const expected = state(store)
  const seen = store.openSnapshot()
  await store.commit([put('notes', { _id: 'n1', owner: 'b', rank: 5 })])
  await store.importFrom(first)
  expect(state(store)).toEqual(expected)
  store.closeSnapshot(seen)

  await store.importFrom(second)
  expect([...store.get('notes').docs.keys()]).toEqual(['n1', 'n2'])
  await store.importFrom(first)
  expect(state(store)).toEqual(expected)
  await store.close()
})
