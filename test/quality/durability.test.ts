// Killing the local cloud (SIGKILL) in the middle of a batch of real actions: after restart,
// every acknowledged action is recorded and no action is half done.
import fs from 'node:fs'
import path from 'node:path'
import { placeBuiltFunctions } from '../support/functions-cache'
import { startProvisionedCloud } from '../../scripts/start'
import { TEST_FUNCTION_ENV } from '../support/app'
import { tempDir } from '../support/localcloud'
import { volunteerForm } from '../support/people'
import { adminFetch, spawnLocalCloud, type CloudAddress, type CloudProcess } from '../support/process'
import { writeQualityFigures } from './report'

async function session(cloud: CloudAddress, persona: string): Promise<string> {
  const res = await fetch(`${cloud.url}/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xq-local-token': cloud.token },
    body: JSON.stringify({ persona }),
  })
  return ((await res.json()) as { token: string }).token
}

async function call(cloud: CloudAddress, token: string, fn: string, action: string, input: unknown): Promise<{ ok: boolean; data?: any; error?: any }> {
  const res = await fetch(`${cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xq-local-token': cloud.token, 'x-xq-dev-session': token },
    body: JSON.stringify({ action, input }),
  })
  return ((await res.json()) as { result: { ok: boolean } }).result
}

async function adminQuery(cloud: CloudAddress, collection: string, query: object = {}): Promise<any[]> {
  const out: any[] = []
  for (let offset = 0; ; offset += 100) {
    const res = await adminFetch(cloud, { action: 'database.getDocument', collectionName: collection, queryType: 'WHERE', query: JSON.stringify(query), offset, limit: 100 })
    const list = ((await res.json()) as { data: { list: string[] } }).data.list.map((s) => JSON.parse(s))
    out.push(...list)
    if (list.length < 100) return out
  }
}

test('reviews killed mid-way: acknowledged approvals are all there, and none is half applied', async () => {
  const dir = tempDir('kill')
  const functionsDir = path.join(dir, 'functions')
  await placeBuiltFunctions(functionsDir)
  const envFile = path.join(dir, 'env.json')
  fs.writeFileSync(envFile, JSON.stringify(TEST_FUNCTION_ENV))
  // The data folder provisioned as npm start provisions it (the deploy's local target), then served by the CLI.
  const dataDir = path.join(dir, 'data')
  await (await startProvisionedCloud({ dataDir, functionsDir, functionEnv: TEST_FUNCTION_ENV, quiet: true })).cloud.close()
  const args = ['--data', dataDir, '--functions', functionsDir, '--env-file', envFile, '--demo']
  let cloud: CloudProcess = await spawnLocalCloud(args)
  try {
    // 40 volunteers register (new WeChat users), all pending.
    const ids: string[] = []
    for (let i = 0; i < 40; i++) {
      const token = await session(cloud, 'new')
      const r = await call(cloud, token, 'registration', 'submitVolunteer', volunteerForm())
      expect(r.ok).toBe(true)
      ids.push(r.data.id)
    }
    // The county admin approves them one by one, 4 at a time; the service is killed mid-way.
    const admin = await session(cloud, 'county')
    const acknowledged: string[] = []
    let next = 0
    let killed: Promise<void> | null = null
    const reviewer = async () => {
      while (next < ids.length) {
        const id = ids[next++]
        try {
          const r = await call(cloud, admin, 'registration', 'review', { ids: [id], decision: 'approve' })
          if (r.ok && r.data.results[0].ok) acknowledged.push(id)
          // Kill while others are still in flight, once some approvals were acknowledged.
          if (acknowledged.length >= 8) killed ??= cloud.stop('SIGKILL')
        } catch {
          return // the service died
        }
      }
    }
    await Promise.all(Array.from({ length: 4 }, reviewer))
    await killed
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(acknowledged.length).toBeLessThan(ids.length)

    cloud = await spawnLocalCloud(args)
    const regs = await adminQuery(cloud, 'registrations')
    const users = await adminQuery(cloud, 'users')
    const byUser = new Map(users.map((u) => [u._id, u]))
    const approved = regs.filter((r) => r.status === 'approved').map((r) => r._id)
    // Every acknowledged approval survived.
    expect(approved).toEqual(expect.arrayContaining(acknowledged))
    // No registration is approved without its role, and no role without its approval.
    for (const r of regs) {
      const hasRole = (byUser.get(r.userId)?.roles ?? []).some((g: { role: string }) => g.role === r.kind)
      expect({ id: r._id, status: r.status, hasRole }).toEqual({ id: r._id, status: r.status, hasRole: r.status === 'approved' })
    }
    writeQualityFigures('durability', { actions: ids.length, acknowledged: acknowledged.length, recordedAfterRestart: approved.length, partial: 0 })
  } finally {
    await cloud.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
