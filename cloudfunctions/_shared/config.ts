// Deployment configuration: every environment variable the functions read, declared once with
// its meaning (the README's table is checked against this list). On WeChat Cloud they are the
// function's environment variables; locally the local cloud passes its own. No value has a
// fallback: a function whose configuration is missing or malformed refuses every call and says
// which variable to set, instead of sending to a template that does not exist or encrypting with
// an empty key. Secrets never live in the repository.

import { NOTICE_NAMES, isTemplateId, templateIdVariable, type NoticeName } from '../../types/notices'

interface Setting<T> {
  /** What it is and where its value comes from (the README's table says the same). */
  meaning: string
  /** The value, or why the value cannot be used. */
  read: (value: string | undefined) => { ok: true; value: T } | { ok: false; problem: string }
  /** A deployment may leave it out (its reader has a value for "not set"). */
  optional?: true
}

const ok = <T>(value: T) => ({ ok: true as const, value })
const problem = (text: string) => ({ ok: false as const, problem: text })

function secretKey(meaning: string): Setting<Buffer> {
  return {
    meaning: `${meaning}: 32 random bytes, base64`,
    read: (value) => {
      if (!value) return problem('not set')
      const bytes = Buffer.from(value, 'base64')
      return bytes.length === 32 ? ok(bytes) : problem(`must be 32 random bytes in base64 (it decodes to ${bytes.length})`)
    },
  }
}

/** OPENIDs are 28 characters of base64url on WeChat; fixtures use shorter readable ones. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const

function templateSetting(name: NoticeName): Setting<string> {
  return {
    meaning: `subscribe-message template id of 「${name}」 (types/notices.ts), from the mini program's console (订阅消息)`,
    read: (value) => (!value ? problem('not set') : isTemplateId(value) ? ok(value) : problem(`"${value}" is not a template id from WeChat's console`)),
  }
}

export const FUNCTION_SETTINGS = {
  XQ_DATA_KEY: secretKey('AES-256-GCM key for personal data at rest (ID numbers)'),
  XQ_INDEX_KEY: secretKey('HMAC key for blind indexes (finding a duplicate ID without decrypting)'),
  XQ_TOKEN_KEY: secretKey('HMAC key for short-lived signed codes (kiosk, perk and hand-off codes)'),
  XQ_CITY_ADMIN_OPENIDS: {
    optional: true,
    meaning: 'optional: city admins by OPENID, comma-separated, who become city admins at their first call (the deploy\'s one-time invitation makes the first city admin without it)',
    read: (value) => {
      const ids = (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      const bad = ids.find((id) => !OPENID.test(id))
      return bad ? problem(`"${bad}" is not an OPENID`) : ok(ids)
    },
  } satisfies Setting<string[]>,
  XQ_MINIPROGRAM_STATE: {
    optional: true,
    meaning: 'which version of the mini program a subscribe message opens: developer, trial or formal (default formal)',
    read: (value) =>
      !value ? ok('formal') : (MINIPROGRAM_STATES as readonly string[]).includes(value) ? ok(value as (typeof MINIPROGRAM_STATES)[number]) : problem(`must be one of ${MINIPROGRAM_STATES.join(', ')}`),
  } satisfies Setting<(typeof MINIPROGRAM_STATES)[number]>,
  ...(Object.fromEntries(NOTICE_NAMES.map((name) => [templateIdVariable(name), templateSetting(name)])) as Record<ReturnType<typeof templateIdVariable<NoticeName>>, Setting<string>>),
}

type Settings = typeof FUNCTION_SETTINGS

/** The settings a deployment must give (the others have a value for "not set"). */
export const REQUIRED_SETTINGS = (Object.entries(FUNCTION_SETTINGS) as [keyof Settings, Setting<unknown>][]).filter(([, s]) => !s.optional).map(([name]) => name)
export type FunctionConfig = { [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never }

/** Every setting read from `env`, or every problem at once (a deployment fixes them in one go). */
export function readFunctionConfig(env: Record<string, string | undefined>): { ok: true; config: FunctionConfig } | { ok: false; problems: string[] } {
  const values: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [name, setting] of Object.entries(FUNCTION_SETTINGS) as [string, Setting<unknown>][]) {
    const read = setting.read(env[name]?.trim() || undefined)
    if (read.ok) values[name] = read.value
    else problems.push(`${name} ${read.problem} — ${setting.meaning}`)
  }
  return problems.length ? { ok: false, problems } : { ok: true, config: values as FunctionConfig }
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The function's environment variables are incomplete:\n  ${problems.join('\n  ')}`)
  }
}

let loaded: FunctionConfig | undefined

/** The configuration, read once per instance; throws ConfigurationError naming every problem. */
export function functionConfig(): FunctionConfig {
  if (loaded) return loaded
  const read = readFunctionConfig(process.env)
  if (!read.ok) throw new ConfigurationError(read.problems)
  loaded = read.config
  return loaded
}

export const config = {
  dataKey: () => functionConfig().XQ_DATA_KEY,
  indexKey: () => functionConfig().XQ_INDEX_KEY,
  tokenKey: () => functionConfig().XQ_TOKEN_KEY,
  bootstrapCityAdmins: () => functionConfig().XQ_CITY_ADMIN_OPENIDS,
  template: (name: NoticeName): string => functionConfig()[templateIdVariable(name)],
  miniprogramState: () => functionConfig().XQ_MINIPROGRAM_STATE,
}
