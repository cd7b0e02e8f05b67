// One call sent twice in the same millisecond (a double tap, a retried request), on demand: a
// function built in place of the cloud's own from a fixture whose clock stands still at the
// instant each call names (still-clock.ts), and the calls made at one instant.
import fs from 'node:fs'
import path from 'node:path'
import type { InputOf, OutputOf } from '../../types'
import type { AppCloud } from './app'
import { buildFixtureFunction } from './build'
import { race } from './race'

type Name = Parameters<AppCloud['call']>[1]
export type TwinAnswer<A extends Name> = { ok: true; data: OutputOf<A> } | { ok: false; error: { code: string; field?: string; message: string } }

/** The cloud's function `fn` replaced by its build from `fixture` (its configuration kept), instances started afresh. */
export async function deployStill(app: AppCloud, fn: string, fixture: string): Promise<void> {
  const deployed = path.join(app.dataDir, 'functions', fn)
  const config = JSON.parse(fs.readFileSync(path.join(deployed, 'config.json'), 'utf8')) as object
  buildFixtureFunction(fixture, path.dirname(deployed), fn, config)
  await app.cloud.runtime.reload()
}

/** `name` called as `openid` with its function's clock at `at` (ms); `extra`: what else the fixture reads from the event. */
export async function stillCall<A extends Name>(app: AppCloud, at: number, openid: string, name: A, input: InputOf<A>, extra: object = {}): Promise<TwinAnswer<A>> {
  const dot = name.indexOf('.')
  return (await app.raw(openid, name.slice(0, dot), { ...extra, frozenAt: at, action: name.slice(dot + 1), input })) as TwinAnswer<A>
}

/** The same call twice in turn, then `n` times at once, each batch at one instant of its own. */
export async function twins<A extends Name>(app: AppCloud, openid: string, name: A, input: InputOf<A>, n = 4, extra: object = {}): Promise<TwinAnswer<A>[]> {
  const at = Date.now()
  const inTurn = [await stillCall(app, at, openid, name, input, extra), await stillCall(app, at, openid, name, input, extra)]
  const atOnce = await race(n, () => stillCall(app, at + 1, openid, name, input, extra))
  return [...inTurn, ...atOnce]
}
