// An acknowledged write survives the service being killed with SIGKILL at any moment.
import fs from 'node:fs'
import path from 'node:path'
import { provisionLocalCloud } from '../../deploy/local'
import { startLocalCloud } from '../../localcloud/server'
import { adminCall, spawnLocalCloud } from '../support/process'
import { tempDir } from '../support/localcloud'

test('a write burst killed mid-way: every acknowledged write is there after restart, and the store opens cleanly', async () => {
  const dataDir = tempDir('durable')
  const functionsDir = path.join(dataDir, 'none')
  // Provisioned by the deploy, as every local cloud: the data folder keeps the declaration across restarts.
  const provisioning = await startLocalCloud({ dataDir, functionsDir, quiet: true })
  await provisionLocalCloud(provisioning, { collections: { burst: { indexes: [{ name: 'seq_unique', keys: { seq: 1 }, unique: true }] } } })
  await provisioning.close()
  const args = ['--data', dataDir, '--functions', functionsDir]
  const first = await spawnLocalCloud(args)
  const acknowledged: number[] = []
  let seq = 0
  let killed = false
  const writer = async () => {
    while (!killed) {
      const n = seq++
      try {
        const reply = await adminCall(first, {
          action: 'database.insertDocument',
          collectionName: 'burst',
          data: [JSON.stringify({ _id: `doc-${n}`, seq: { $numberInt: String(n) }, payload: 'x'.repeat(200) })],
        })
        if (reply.data?.insertedIds?.[0] === `doc-${n}`) acknowledged.push(n)
      } catch {
        return // the connection died with the process
      }
    }
  }
  const writers = Array.from({ length: 8 }, writer)
  await new Promise((r) => setTimeout(r, 1500))
  killed = true
  await first.stop('SIGKILL')
  await Promise.all(writers)
  expect(acknowledged.length).toBeGreaterThan(50)

  const second = await spawnLocalCloud(args)
  try {
    const count = await adminCall(second, { action: 'database.calculateDocument', collectionName: 'burst' })
    expect(count.code).toBeUndefined()
    expect(count.data.total).toBeGreaterThanOrEqual(acknowledged.length)
    for (let from = 0; from < acknowledged.length; from += 100) {
      const ids = acknowledged.slice(from, from + 100).map((n) => `doc-${n}`)
      const found = await adminCall(second, {
        action: 'database.getDocument',
        collectionName: 'burst',
        queryType: 'WHERE',
        query: JSON.stringify({ _id: { $in: ids } }),
        limit: 100,
      })
      expect(found.data.list).toHaveLength(ids.length)
    }
    // The unique index was rebuilt from what is on disk and still holds.
    const dup = await adminCall(second, {
      action: 'database.insertDocument',
      collectionName: 'burst',
      data: [JSON.stringify({ seq: { $numberInt: String(acknowledged[0]) } })],
    })
    expect(dup.message).toMatch(/E11000/)
  } finally {
    await second.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
