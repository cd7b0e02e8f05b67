// One function, many actions: validate the input against the contract, identify the caller
// from getWXContext(), authorize, run, validate the output, and answer with the envelope.
import type { ActionDef, Envelope } from '../../types/common'
import type * as z from '../../types/zod'
import { cloud } from './cloud'
import { CallContext } from './context'
import { ConfigurationError, functionConfig } from './config'
import { AppError, invalidInput, toErrorShape } from './errors'
import { enforceRateLimit, moderate } from './guards'

type Handler<D> = D extends ActionDef<infer I, infer O> ? (input: z.output<I>, ctx: CallContext) => Promise<z.input<O>> : never

export type Handlers<Actions extends Record<string, ActionDef>> = { [A in keyof Actions]: Handler<Actions[A]> }

interface CallEvent {
  action?: unknown
  input?: unknown
  /** Timer trigger events (declared in config.json) carry these instead. */
  Type?: unknown
  TriggerName?: unknown
}

/** Work a timer trigger runs (config.json `triggers`), by trigger name. */
export type Timers = Record<string, (now: Date) => Promise<Record<string, unknown>>>

/**
 * `name` is the function's name (for logs); `actions` its part of the contract (types/<name>.ts),
 * imported alone so that a function bundles only its own schemas.
 */
export function defineFunction<Actions extends Record<string, ActionDef>>(name: string, actions: Actions, handlers: Handlers<Actions>, timers: Timers = {}) {
  return async function main(event: CallEvent): Promise<Envelope<unknown>> {
    const unconfigured = configurationProblem(name)
    if (unconfigured) return unconfigured
    if (event?.Type === 'Timer') return runTimer(name, event, timers)
    const action = typeof event?.action === 'string' ? event.action : ''
    try {
      if (!Object.prototype.hasOwnProperty.call(actions, action)) {
        throw new AppError('INVALID_INPUT', action ? `没有这个操作：${action.slice(0, 40)}` : '缺少要调用的操作', 'action')
      }
      const def: ActionDef = actions[action]
      const { OPENID } = cloud.getWXContext()
      if (def.access.who !== 'anyone' && !OPENID) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后再试')
      const parsed = def.input.safeParse(event.input ?? {})
      if (!parsed.success) throw invalidInput(parsed.error, def.input)
      const ctx = new CallContext(OPENID ?? '', new Date())
      if (Array.isArray(def.access.who)) await ctx.requireRoles(def.access.who)
      if (def.rateLimit) await enforceRateLimit(ctx.openid, `${name}.${action}`, def.rateLimit, ctx.now)
      if (def.moderate) await moderate(ctx.openid, def.moderate, parsed.data as Record<string, unknown>, def.input)
      const handler = (handlers as Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>>)[action]
      const output = def.output.safeParse(await handler(parsed.data, ctx))
      if (!output.success) {
        console.error(`[${name}.${action}] output does not match the contract`, output.error.issues[0]?.path.join('.'), output.error.issues[0]?.message)
        throw new Error('output contract violated')
      }
      return { ok: true, data: output.data }
    } catch (err) {
      if (!(err instanceof AppError)) console.error(`[${name}.${action}]`, err instanceof Error ? err.stack : err)
      return { ok: false, error: toErrorShape(err) }
    }
  }
}

/**
 * A function deployed without its configuration answers nothing but this (and logs which variables
 * to set), rather than failing later halfway through a change.
 */
function configurationProblem(name: string): Envelope<unknown> | undefined {
  try {
    functionConfig()
    return undefined
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err
    console.error(`[${name}] ${err.message}`)
    return { ok: false, error: { code: 'UNAVAILABLE', message: '服务尚未配置完成，请联系管理员' } }
  }
}

/** Only the platform's trigger (no user, SOURCE wx_trigger) may run a timer's work. */
async function runTimer(name: string, event: CallEvent, timers: Timers): Promise<Envelope<unknown>> {
  const { OPENID, SOURCE } = cloud.getWXContext() as { OPENID?: string; SOURCE?: string }
  const trigger = typeof event.TriggerName === 'string' ? event.TriggerName : ''
  if (OPENID || !String(SOURCE ?? '').split(',').includes('wx_trigger') || !Object.prototype.hasOwnProperty.call(timers, trigger)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: '没有权限进行此操作' } }
  }
  try {
    const data = await timers[trigger](new Date())
    console.log(`[${name}] timer ${trigger}: ${JSON.stringify(data)}`)
    return { ok: true, data }
  } catch (err) {
    console.error(`[${name}] timer ${trigger}`, err instanceof Error ? err.stack : err)
    return { ok: false, error: toErrorShape(err) }
  }
}
