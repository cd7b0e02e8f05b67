// The WeChat Cloud target through the genuine @cloudbase/manager-node against a stand-in of the
// management API at the HTTP level (signed requests, documented actions and parameters; no
// network): an empty environment gets everything declared, a second run plans nothing, a changed
// index plans one update, and nothing undeclared is dropped.
import fs from 'node:fs'
import path from 'node:path'
import { readDeclaration, type EnvironmentDeclaration } from '../../deploy/environment'
import { builtBundles } from '../../deploy/local'
import { apply, describePlan, plan } from '../../deploy/plan'
import { WeChatCloudTarget } from '../../deploy/wechat'
import { placeBuiltFunctions } from '../support/functions-cache'
import { TEST_FUNCTION_ENV } from '../support/app'
import { tempDir } from '../support/localcloud'
import { ManagementStandIn } from './management-standin'

const ENV = { envId: 'xq-prod-8g2h4k', secretId: 'AKIDtestdeploy000000000000000000', secretKey: 'test-secret-key-0000000000000000', appId: 'wx0123456789abcdef' }

let standIn: ManagementStandIn
let target: WeChatCloudTarget
let buildDir: string
const uploads: string[] = []
const declaration = readDeclaration()
/** The declaration the environment was last deployed with (the tests build on each other's environment). */
let deployed = declaration

beforeAll(async () => {
  buildDir = tempDir('deploy-wechat')
  await placeBuiltFunctions(buildDir)
  standIn = await new ManagementStandIn(ENV).start()
  target = new WeChatCloudTarget({
    ...ENV,
    managementEndpoint: standIn.url,
    // miniprogram-ci's upload needs WeChat's servers; here the platform's effect of an upload: the function exists, with default settings.
    uploadFunctionCode: async (name, dir) => {
      expect(fs.existsSync(path.join(dir, 'index.js'))).toBe(true)
      uploads.push(name)
      standIn.createFunction(name)
    },
  })
})

afterAll(async () => {
  await standIn?.close()
  fs.rmSync(buildDir, { recursive: true, force: true })
})

const inputs = (d: EnvironmentDeclaration = declaration) => ({ declaration: d, bundles: builtBundles(d, buildDir), variables: TEST_FUNCTION_ENV, bootstrap: true })

async function planNow(d?: EnvironmentDeclaration) {
  return plan(inputs(d), await target.read({ cityAdmin: true }), target)
}

test('an empty environment gets every collection, index, rule, function setting and trigger; the second run plans nothing', async () => {
  const first = await planNow()
  const changes = first.items.filter((i) => i.change !== 'unchanged')
  const indexCount = Object.values(declaration.collections).reduce((n, c) => n + c.indexes.length, 0)
  const triggerCount = Object.values(declaration.functions).reduce((n, f) => n + f.triggers.length, 0)
  const functionCount = Object.keys(declaration.functions).length
  expect(changes.filter((i) => i.kind === 'collection')).toHaveLength(Object.keys(declaration.collections).length)
  expect(changes.filter((i) => i.kind === 'index')).toHaveLength(indexCount)
  expect(changes.filter((i) => i.kind === 'trigger')).toHaveLength(triggerCount)
  expect(changes.filter((i) => i.kind === 'function')).toHaveLength(functionCount)
  expect(changes.every((i) => i.change === 'create')).toBe(true)
  // --plan changes nothing: only reads went out.
  expect(standIn.actions().every((a) => /^(Describe|List|Get|RunCommands)/.test(a))).toBe(true)
  expect(standIn.tables.size).toBe(0)

  await apply(target, first)
  expect(uploads.sort()).toEqual(Object.keys(declaration.functions).sort())
  for (const [name, spec] of Object.entries(declaration.collections)) {
    const table = standIn.tables.get(name)!
    expect(table.aclTag).toBe('CUSTOM')
    expect(JSON.parse(table.rule!)).toEqual(spec.rule)
    expect(table.indexes.map((i) => i.Name).sort()).toEqual(spec.indexes.map((i) => i.name).sort())
  }
  expect(standIn.storage.aclTag).toBe('CUSTOM')
  expect(JSON.parse(standIn.storage.rule!)).toEqual(declaration.storageRule)
  const fair = standIn.functions.get('fair')!
  expect(fair.Timeout).toBe(declaration.functions.fair.timeout)
  expect(fair.Triggers.map((t) => [t.TriggerName, JSON.parse(t.TriggerDesc).cron])).toEqual(declaration.functions.fair.triggers.map((t) => [t.name, t.config]))
  expect(Object.fromEntries(fair.Variables.map((v) => [v.Key, v.Value]))).toEqual(Object.fromEntries(declaration.functionVariables.map((v) => [v, TEST_FUNCTION_ENV[v]])))
  // The bootstrap invitation is an invitations document as grants stores it: the code is its _id.
  const [invitation] = standIn.documents.get('invitations')!
  expect(invitation).toMatchObject({ _id: first.invitation!._id, role: 'city_admin', scopeType: 'city', status: 'open' })

  const before = standIn.requests.length
  const second = await planNow()
  expect(second.items.filter((i) => i.change !== 'unchanged')).toEqual([])
  expect(second.items.find((i) => i.kind === 'invitation')).toMatchObject({ change: 'unchanged', detail: 'an unused invitation waits' })
  await apply(target, second)
  expect(standIn.requests.slice(before).every((r) => /^(Describe|List|Get|RunCommands)/.test(r.action))).toBe(true)
  // --plan's listing names every item and its change; a secret's value never appears in it.
  const printed = describePlan(first, target, { all: true })
  expect(printed.split('\n')).toHaveLength(1 + first.items.length + first.kept.length)
  expect(printed).toContain('+ create    index users.openid_unique')
  for (const value of Object.values(TEST_FUNCTION_ENV)) expect(printed).not.toContain(value)
  expect(describePlan(second, target, { all: true })).toContain('= unchanged index users.openid_unique')
})

test('a changed index plans one update (drop and create of that index, in one UpdateTable); undeclared things are kept', async () => {
  standIn.tables.get('users')!.indexes.push({ Name: 'made_in_console', Keys: [{ Name: 'nickname', Direction: '1' }], Unique: false })
  standIn.tables.set('console_notes', { indexes: [], aclTag: 'ADMINONLY' })
  const changed = structuredClone(declaration)
  const index = changed.collections.registrations.indexes[0]
  index.keys = { ...index.keys, createdAt: -1 }
  const planned = await planNow(changed)
  const changes = planned.items.filter((i) => i.change !== 'unchanged')
  expect(changes).toMatchObject([{ kind: 'index', name: `registrations.${index.name}`, change: 'update' }])
  expect(planned.kept).toEqual(expect.arrayContaining(['index users.made_in_console', 'collection console_notes']))
  const before = standIn.requests.length
  await apply(target, planned)
  const writes = standIn.requests.slice(before)
  expect(writes).toEqual([
    {
      service: 'tcb',
      action: 'UpdateTable',
      params: expect.objectContaining({
        TableName: 'registrations',
        DropIndexes: [{ IndexName: index.name }],
        CreateIndexes: [{ IndexName: index.name, MgoKeySchema: { MgoIndexKeys: Object.entries(index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })), MgoIsUnique: false } }],
      }),
    },
  ])
  deployed = changed
  expect((await planNow(changed)).items.filter((i) => i.change !== 'unchanged')).toEqual([])
  expect(standIn.tables.get('users')!.indexes.some((i) => i.Name === 'made_in_console')).toBe(true)
  expect(standIn.tables.has('console_notes')).toBe(true)
  // Nothing was ever deleted but the one index that was replaced.
  expect(standIn.actions().filter((a) => /Delete/.test(a))).toEqual([])
})

test('a changed timer replaces that trigger; a new build uploads the code and records it', async () => {
  const changed = structuredClone(deployed)
  changed.functions.fair.triggers[0].config = '0 30 1 * * * *'
  const other = { ...builtBundles(changed, buildDir) }
  other.perk = { ...other.perk, hash: 'feedfacefeedface' }
  const planned = plan({ ...inputs(changed), bundles: other }, await target.read({ cityAdmin: true }), target)
  expect(planned.items.filter((i) => i.change !== 'unchanged').map((i) => `${i.kind} ${i.name} ${i.change}`)).toEqual([
    `trigger fair.${changed.functions.fair.triggers[0].name} update`,
    'function perk update',
    'settings perk update',
  ])
  uploads.length = 0
  const before = standIn.requests.length
  await apply(target, planned)
  expect(uploads).toEqual(['perk'])
  expect(standIn.requests.slice(before).map((r) => r.action)).toEqual(['DeleteTrigger', 'BatchCreateTrigger', 'UpdateFunctionConfiguration'])
  expect(standIn.functions.get('perk')!.Description).toBe('xq-build:feedfacefeedface')
  const replaced = standIn.functions.get('fair')!.Triggers.find((t) => t.TriggerName === changed.functions.fair.triggers[0].name)!
  expect(JSON.parse(replaced.TriggerDesc).cron).toBe('0 30 1 * * * *')
})
