// Asking to be told (订阅消息). WeChat delivers a subscribe message only if the user accepted its
// template beforehand, one accept per message for a one-time template, and only asks inside a tap:
// so the page calls this first thing in the tap that leads to a notice, and waits for the answer
// before it goes on. A refusal or a failure never stops the action.
import { NOTICE_TEMPLATES, templateIdFrom, type NoticeName } from '@contract/notices'
import { requestSubscription } from './subscribe'

/** The build's configuration (XQ_TPL_<NAME>, passed on by config/index.ts). */
function configured(): Record<string, string> {
  try {
    return JSON.parse(process.env.TARO_APP_NOTICE_TEMPLATE_IDS || '{}') as Record<string, string>
  } catch {
    return {}
  }
}

/** Asks for these templates; resolves to the ones the user accepted. */
export function askForNotices(names: NoticeName[]): Promise<NoticeName[]> {
  if (names.length === 0) return Promise.resolve([])
  const env = configured()
  const ids = names.map((n) => templateIdFrom(env, n))
  try {
    return requestSubscription(
      ids,
      names.map((n) => NOTICE_TEMPLATES[n]),
    ).then(
      (answers) => names.filter((_n, i) => answers[ids[i]] === 'accept'),
      () => [],
    )
  } catch {
    return Promise.resolve([])
  }
}
