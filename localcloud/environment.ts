// The local cloud's own environment: the values a deployment takes from WeChat's consoles (the
// cloud environment's id, the subscribe-message template ids), chosen for this machine. Builds
// and functions that run against the local cloud get them as configuration, exactly as they
// would get real ones; nothing in production code has a fallback to them.
import { NOTICE_NAMES, templateIdVariable, type NoticeName } from '../types/notices'

/** The cloud environment id the app's local builds call (Taro.cloud.init({ env })). */
export const LOCAL_CLOUD_ENV = 'local-env'

/** Local template ids say so, and have WeChat's shape (43 characters of base64url). */
export const LOCAL_TEMPLATE_PREFIX = 'xqlocal-'

export function localTemplateId(name: NoticeName): string {
  return `${LOCAL_TEMPLATE_PREFIX}${name}-`.padEnd(43, '0')
}

/** XQ_TPL_<NAME> → the local id of each declared template. */
export function localTemplateIds(): Record<string, string> {
  return Object.fromEntries(NOTICE_NAMES.map((name) => [templateIdVariable(name), localTemplateId(name)]))
}
