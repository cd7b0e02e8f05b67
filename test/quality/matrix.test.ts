// The authorization matrix, generated from the contract: every action, called as every persona,
// on an object of their own reach and on somebody else's. Allowed cells succeed; forbidden
// cells are refused with FORBIDDEN and change nothing. Every cell starts from the same data.
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { seedDemo } from '../../scripts/demo'
import { contract, type ActionName } from '../../types'
import type { ActionDef } from '../../types/common'
import type { Role } from '../../types/roles'
import { startAppCloud, type AppCloud } from '../support/app'
import { tempDir } from '../support/localcloud'
import { Replays } from '../support/replay'
import { PERSONAS, SCENARIOS, type Env, type Persona, type Target } from './scenarios'
import { writeQualityFigures } from './report'

const ACTIONS = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, ActionDef>).map(([name, def]) => ({ name: `${fn}.${name}` as ActionName, def })),
)

let app: AppCloud
let snapshotDir: string
let counter = 0
let replays: Replays
const roles = new Map<string, Role[]>()
const tally = { cells: 0, allowed: 0, forbidden: 0, denied: 0 }

beforeAll(async () => {
  app = await startAppCloud()
  await seedDemo(app.cloud)
  const now = new Date()
  await app.cloud.db.handle('database.insertDocument', {
    collectionName: 'users',
    data: [
      EJSON.stringify(
        { openid: 'o_q_county2', nickname: '清新区团委', avatarFileId: '', mobile: '', status: 'active', createdAt: now, updatedAt: now, roles: [{ role: 'county_admin', scopeType: 'county', scopeId: '441803', scopeName: '清新区' }] },
        { relaxed: false },
      ),
    ],
  })
  await app.call('o_q_stranger', 'account.me', {})
  for (const p of PERSONAS) {
    const user = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === p.openid)
    roles.set(p.key, ((user?.roles ?? []) as { role: Role }[]).map((g) => g.role))
  }
  snapshotDir = path.join(tempDir('matrix'), 'seed')
  app.cloud.snapshot(snapshotDir)
  replays = new Replays(app)
})

afterAll(async () => {
  writeQualityFigures('matrix', {
    actions: ACTIONS.length,
    covered: ACTIONS.filter((a) => SCENARIOS[a.name]).length,
    ...tally,
    arrangements: replays.figures,
  })
  await app.close()
  fs.rmSync(path.dirname(snapshotDir), { recursive: true, force: true })
})

const env = (): Env => ({
  app,
  fresh: () => `o_q_fresh_${++counter}`,
  async must(openid, name, input) {
    const r = await app.call(openid, name, input as never)
    if (!r.ok) throw new Error(`setup call ${name} as ${openid} failed: ${JSON.stringify(r.error)}`)
    return r.data as never
  },
  replay: (key, arrange) => replays.run(key, arrange),
})

function expectation(def: ActionDef, persona: Persona, target: Target): 'allowed' | 'forbidden' {
  const who = def.access.who
  if (who === 'anyone' || who === 'signed_in') return 'allowed'
  const held = roles.get(persona.key) ?? []
  if (!who.some((r) => held.includes(r))) return 'forbidden'
  if (target === 'own') return 'allowed'
  // A city admin's reach is the whole city: nobody else's object is outside it.
  return held.includes('city_admin') ? 'allowed' : 'forbidden'
}

test('every action in the contract has a matrix scenario', () => {
  const missing = ACTIONS.filter((a) => !SCENARIOS[a.name]).map((a) => a.name)
  expect(missing).toEqual([])
})

test('an arrangement replayed on the restored snapshot leaves what its walk through the functions left', async () => {
  const persona = PERSONAS.find((p) => p.key === 'bank_officer')!
  const everything = () => JSON.stringify([...app.cloud.store.collections].map(([n, c]) => [n, [...c.docs.values()]]))
  const files = () => JSON.stringify(app.cloud.storage.list().map((f) => [f.fileID, f.size]).sort())
  const arrange = async () => {
    await app.cloud.restore(snapshotDir)
    replays.restored()
    const seed = everything()
    const before = { ...replays.figures }
    // A loan walked to 'approved' (registration, draft, three documents, submission, three reviews).
    const cell = await SCENARIOS['loan.disburse'](env(), persona, 'own')
    return { cell, seed, state: everything(), files: files(), replayed: replays.figures.replayed - before.replayed }
  }
  const walked = await arrange()
  const again = await arrange()
  expect(walked.state).not.toBe(walked.seed)
  expect(again.replayed).toBeGreaterThan(walked.replayed)
  expect(again.cell).toEqual(walked.cell)
  expect(again.state).toBe(walked.state)
  expect(again.files).toBe(walked.files)
})

describe.each(ACTIONS.map((a) => [a.name, a.def] as const))('%s', (name, def) => {
  test.each(PERSONAS.flatMap((p) => (['own', 'other'] as const).map((t) => [p.key, t] as const)))('as %s on %s objects', async (personaKey, target) => {
    const persona = PERSONAS.find((p) => p.key === personaKey)!
    await app.cloud.restore(snapshotDir)
    replays.restored()
    const cell = await SCENARIOS[name](env(), persona, target)
    if (!cell) return // this action has no object outside the caller's own (nothing to cross)
    const expected = expectation(def, persona, target)
    const before = app.dump()
    const others = cell.othersData?.()
    const dot = name.indexOf('.')
    const result = (await app.raw(persona.openid, name.slice(0, dot), { action: name.slice(dot + 1), input: cell.input })) as { ok: boolean; error?: { code: string } }
    tally.cells++
    if (expected === 'allowed') {
      tally.allowed++
      const wanted = cell.refusal ? { ok: false, error: { code: cell.refusal } } : { ok: true }
      expect({ cell: `${name} ${personaKey} ${target}`, result }).toMatchObject({ result: wanted })
      if (cell.othersData) expect(cell.othersData()).toEqual(others)
    } else {
      tally.forbidden++
      // Actions on one's own objects answer "not found" for somebody else's (their existence is not revealed).
      const denials = def.access.who !== 'anyone' && def.access.who !== 'signed_in' && def.access.objects === 'own' ? ['FORBIDDEN', 'NOT_FOUND'] : ['FORBIDDEN']
      expect({ cell: `${name} ${personaKey} ${target}`, ok: result.ok, denied: denials.includes(result.error?.code ?? '') }).toEqual({ cell: `${name} ${personaKey} ${target}`, ok: false, denied: true })
      expect(app.dump()).toBe(before)
      tally.denied++
    }
  })
})
