// Shared set-up of the fuzz test files: the app with demo data, and callers for each action.
import { seedDemo } from '../../scripts/demo'
import { contract, type ActionName } from '../../types'
import type { ActionDef } from '../../types/common'
import type { Role } from '../../types/roles'
import fs from 'node:fs'
import path from 'node:path'
import { startAppCloud, type AppCloud } from '../support/app'
import { tempDir } from '../support/localcloud'
import { fuzzAction, RUNS_PER_ACTION, type FuzzFigures } from './fuzz'
import { writeQualityFigures } from './report'
import type { Env } from './scenarios'

/** A demo persona holding each role, to fuzz an action as somebody allowed to call it. */
const PERSONA_OF_ROLE: Record<Role, string> = {
  volunteer: 'o_demo_volunteer',
  rural_youth: 'o_demo_youth',
  township_staff: 'o_demo_township',
  county_admin: 'o_demo_county',
  city_admin: 'o_demo_city',
  merchant: 'o_demo_merchant',
  bank_officer: 'o_demo_bank',
  employer: 'o_demo_employer',
  judge: 'o_demo_judge',
}

export function fuzzFunctions(functions: string[], label: string): void {
  let app: AppCloud
  let counter = 0
  const figures: Record<string, FuzzFigures> = {}
  const env = (): Env => ({
    app,
    fresh: () => `o_fuzz_fresh_${label}_${++counter}`,
    async must(openid, name, input) {
      const r = await app.call(openid, name, input as never)
      if (!r.ok) throw new Error(`setup call ${name} failed: ${JSON.stringify(r.error)}`)
      return r.data as never
    },
  })

  let seeded: string
  beforeAll(async () => {
    app = await startAppCloud()
    await seedDemo(app.cloud)
    seeded = path.join(tempDir('fuzz'), 'seed')
    app.cloud.snapshot(seeded)
  })
  afterAll(async () => {
    writeQualityFigures(`fuzz-${label}`, { runsPerAction: RUNS_PER_ACTION, actions: figures })
    await app.close()
    fs.rmSync(path.dirname(seeded), { recursive: true, force: true })
  })

  const actions = functions.flatMap((fn) =>
    Object.entries((contract as unknown as Record<string, Record<string, ActionDef>>)[fn]).map(([name, def]) => ({ name: `${fn}.${name}` as ActionName, def })),
  )
  test.each(actions.map((a) => [a.name, a.def] as const))(`%s: ${RUNS_PER_ACTION} runs end in the output or the error shape, and a refusal writes nothing`, async (name, def) => {
    // Each action starts from the seeded data, so that one action's runs (and rate limits) do not starve the next.
    await app.cloud.restore(seeded)
    let callers: string[]
    const who = def.access.who
    if (Array.isArray(who)) callers = (who as readonly Role[]).map((role) => PERSONA_OF_ROLE[role])
    else {
      // Callers with accounts already (so a refusal cannot be mistaken for account creation),
      // enough of them that per-user rate limits leave room for deep runs.
      callers = Array.from({ length: 30 }, (_, i) => `o_fuzz_${name}_${i}`)
      await Promise.all(callers.map((c) => app.call(c, 'account.me', {})))
    }
    figures[name] = await fuzzAction(app, env(), name, callers)
    expect(figures[name].runs).toBe(RUNS_PER_ACTION)
  }, 300_000)
}
