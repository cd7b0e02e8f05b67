// The local cloud provisioned through the deploy's local target, the path `npm start`, the tests
// and the benchmark take: an empty environment gets every collection, index, rule, function
// setting and trigger declared; a second run plans nothing; a changed index plans one update;
// the bootstrap invitation makes the first city admin once.
import fs from 'node:fs'
import path from 'node:path'
import { readDeclaration, type EnvironmentDeclaration } from '../../deploy/environment'
import { LocalCloudTarget, provisionLocalCloud } from '../../deploy/local'
import type { LocalCloud } from '../../localcloud/server'
import { placeBuiltFunctions } from '../support/functions-cache'
import { startProvisionedCloud } from '../../scripts/start'
import { ok, startAppCloud, TEST_FUNCTION_ENV } from '../support/app'
import { tempDir } from '../support/localcloud'

const declaration = readDeclaration()
let dataDir: string
let cloud: LocalCloud

beforeAll(async () => {
  dataDir = tempDir('deploy-local')
  const functionsDir = path.join(dataDir, 'functions')
  await placeBuiltFunctions(functionsDir, { minify: false })
  // Rewritten to the platform's defaults, as a freshly uploaded function has them: the deploy must set each function's own.
  for (const name of Object.keys(declaration.functions)) fs.writeFileSync(path.join(functionsDir, name, 'config.json'), JSON.stringify({ permissions: declaration.functions[name].permissions }))
  cloud = (await startProvisionedCloud({ dataDir, functionsDir, functionEnv: { XQ_MINIPROGRAM_STATE: 'developer' }, quiet: true })).cloud
})

afterAll(async () => {
  await cloud?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const changesOf = (result: { plan: { items: { change: string; kind: string; name: string }[] } }) =>
  result.plan.items.filter((i) => i.change !== 'unchanged').map((i) => `${i.change} ${i.kind} ${i.name}`)

test("after npm start's provisioning, the local cloud's collections, indexes, rules, storage rule, function settings and triggers equal the declaration", async () => {
  const managed = cloud.managedEnvironment()
  expect(Object.keys(managed.collections).sort()).toEqual(Object.keys(declaration.collections).sort())
  for (const [name, spec] of Object.entries(declaration.collections)) {
    expect(managed.collections[name]).toEqual({ rule: spec.rule, indexes: spec.indexes, ...(spec.scale ? { scale: spec.scale } : {}) })
    // The store serves queries from exactly these indexes.
    expect(cloud.store.get(name).indexes.map((index) => index.spec)).toEqual(spec.indexes)
  }
  expect(managed.storageRule).toEqual(declaration.storageRule)
  expect(cloud.storageRules.rules).toEqual(declaration.storageRule)
  const live = await new LocalCloudTarget(cloud).read()
  for (const [name, fn] of Object.entries(declaration.functions)) {
    expect(live.functions[name]).toMatchObject({ timeout: fn.timeout, memorySize: fn.memorySize, triggers: fn.triggers })
    // What the runtime enforces and schedules, from the config.json the deploy wrote.
    expect(cloud.runtime.config(name)?.timeout).toBe(fn.timeout)
    expect(cloud.runtime.config(name)?.triggers ?? []).toEqual(fn.triggers)
  }
  // The functions' variables came from the deploy (the cloud was started with one of them only).
  expect(Object.keys(cloud.runtime.options.functionEnv).sort()).toEqual([...declaration.functionVariables].sort())
})

test('a second run plans nothing, and a restart keeps what was declared', async () => {
  expect(changesOf(await provisionLocalCloud(cloud))).toEqual([])
  const target = new LocalCloudTarget(cloud)
  const before = await target.read()
  await cloud.close()
  cloud = (await startProvisionedCloud({ dataDir, functionsDir: path.join(dataDir, 'functions'), functionEnv: cloud.runtime.options.functionEnv, quiet: true })).cloud
  const after = await new LocalCloudTarget(cloud).read()
  expect(after.collections).toEqual(before.collections)
  expect(cloud.store.get('users').indexes.map((i) => i.spec.name)).toEqual(declaration.collections.users.indexes.map((i) => i.name))
})

test('a changed index plans one update; a collection, index or function not declared is kept', async () => {
  await cloud.createCollection('made_by_hand')
  cloud.setCollectionIndexes('users', [...declaration.collections.users.indexes, { name: 'by_hand', keys: { nickname: 1 } }])
  const changed: EnvironmentDeclaration = structuredClone(declaration)
  const index = changed.collections.fairs.indexes[0]
  index.keys = { ...index.keys, createdAt: -1 }
  const result = await provisionLocalCloud(cloud, { declaration: changed })
  expect(changesOf(result)).toEqual([`update index fairs.${index.name}`])
  expect(result.plan.kept).toEqual(expect.arrayContaining(['collection made_by_hand', 'index users.by_hand']))
  expect(cloud.store.get('fairs').indexes.find((i) => i.spec.name === index.name)!.spec.keys).toEqual(index.keys)
  expect(cloud.store.has('made_by_hand')).toBe(true)
  expect(changesOf(await provisionLocalCloud(cloud, { declaration: changed }))).toEqual([])
  // Back to the repository's declaration: that index is the one change again.
  expect(changesOf(await provisionLocalCloud(cloud))).toEqual([`update index fairs.${index.name}`])
})

test('the deploy draws one invitation for the first city admin: redeemed once, refused the second time, and not drawn again', async () => {
  const app = await startAppCloud()
  try {
    const first = await provisionLocalCloud(app.cloud, { bootstrap: true })
    expect(changesOf(first)).toEqual(['create invitation city_admin'])
    const code = first.invitation!._id
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/)
    // Until it is redeemed, a second deploy draws no other.
    expect(changesOf(await provisionLocalCloud(app.cloud, { bootstrap: true }))).toEqual([])

    const redeemed = ok(await app.call('o_first_city_admin', 'grants.redeemInvitation', { code, name: '王市管' }))
    expect(redeemed.grant).toMatchObject({ role: 'city_admin', scopeType: 'city' })
    expect(ok(await app.call('o_first_city_admin', 'account.me', {})).roles).toEqual([redeemed.grant])
    const again = await app.call('o_somebody_else', 'grants.redeemInvitation', { code, name: '李某' })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该邀请已被使用' } })
    expect(ok(await app.call('o_somebody_else', 'account.me', {})).roles).toEqual([])
    // A city admin exists now: no invitation is drawn again.
    const later = await provisionLocalCloud(app.cloud, { bootstrap: true })
    expect(later.plan.items.find((i) => i.kind === 'invitation')).toMatchObject({ change: 'unchanged', detail: 'a city admin exists' })
  } finally {
    await app.close()
  }
})

test('the variables are the ones the deploy was given: a changed secret is one settings update per function, its value never printed', async () => {
  const variables = { ...cloud.runtime.options.functionEnv, XQ_TOKEN_KEY: TEST_FUNCTION_ENV.XQ_TOKEN_KEY }
  const result = await provisionLocalCloud(cloud, { variables })
  expect(changesOf(result)).toEqual(Object.keys(declaration.functions).map((name) => `update settings ${name}`))
  expect(result.plan.items.filter((i) => i.kind === 'settings' && i.change === 'update').every((i) => i.detail.includes('XQ_TOKEN_KEY') && !i.detail.includes(TEST_FUNCTION_ENV.XQ_TOKEN_KEY))).toBe(true)
})
