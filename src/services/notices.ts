// Asking to be told (订阅消息). WeChat delivers a subscribe message only if the user accepted its
// template beforehand, one accept per message for a one-time template, and only asks inside a tap:
// so the page calls this first thing in the tap that leads to a notice, and waits for the answer
// before it goes on. A refusal is remembered for a while (no nagging: the message center 消息 has
// every notice anyway) unless the person asks to turn notices on. Nothing here stops the action.
import Taro from '@tarojs/taro'
import { NOTICE_TEMPLATES, templateIdVariable, type NoticeName } from '@contract/notices'
import { requestSubscription } from './subscribe'

/** How long a refusal keeps the question away. */
const QUIET_AFTER_REFUSAL_MS = 14 * 86400_000
const refusedKey = (name: NoticeName) => `notice-refused:${name}`

/** The build's template ids (XQ_TPL_<NAME>): config/settings.ts refuses a build without every one. */
const TEMPLATE_IDS = JSON.parse(process.env.TARO_APP_NOTICE_TEMPLATE_IDS) as Record<string, string>

function refusedLately(name: NoticeName): boolean {
  try {
    const at = Number(Taro.getStorageSync(refusedKey(name)))
    return at > 0 && Date.now() - at < QUIET_AFTER_REFUSAL_MS
  } catch {
    return false
  }
}

const acceptedKey = (name: NoticeName) => `notice-accepted:${name}`

function remember(name: NoticeName, refused: boolean): void {
  try {
    if (refused) Taro.setStorageSync(refusedKey(name), Date.now())
    else Taro.removeStorageSync(refusedKey(name))
    // A long-term template stays accepted (a one-time accept is spent by the message it allows).
    if (NOTICE_TEMPLATES[name].kind === 'long-term') {
      if (refused) Taro.removeStorageSync(acceptedKey(name))
      else Taro.setStorageSync(acceptedKey(name), Date.now())
    }
  } catch {
    // storage full or unavailable: ask again next time
  }
}

/**
 * Whether to offer a long-term template where its notices come from (a staff desk with work
 * waiting): not once it was accepted on this phone, nor while a refusal keeps the question away.
 */
export function shouldOfferNotice(name: NoticeName): boolean {
  try {
    return !Taro.getStorageSync(acceptedKey(name)) && !refusedLately(name)
  } catch {
    return false
  }
}

/** "Not now" on an offer: remembered as a refusal (the same quiet time as WeChat's 取消). */
export function declineNotice(name: NoticeName): void {
  remember(name, true)
}

/**
 * Asks for these templates; resolves to the ones the user accepted. Templates refused lately are
 * not asked for again, unless `explicitly` (the person tapped 开启微信通知).
 */
export function askForNotices(names: NoticeName[], explicitly = false): Promise<NoticeName[]> {
  const wanted = explicitly ? names : names.filter((n) => !refusedLately(n))
  if (wanted.length === 0) return Promise.resolve([])
  const ids = wanted.map((n) => TEMPLATE_IDS[templateIdVariable(n)])
  try {
    return requestSubscription(
      ids,
      wanted.map((n) => NOTICE_TEMPLATES[n]),
    ).then(
      (answers) => {
        wanted.forEach((n, i) => answers[ids[i]] && remember(n, answers[ids[i]] !== 'accept'))
        return wanted.filter((_n, i) => answers[ids[i]] === 'accept')
      },
      () => [],
    )
  } catch {
    return Promise.resolve([])
  }
}
