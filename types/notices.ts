// Subscribe messages (订阅消息): every template the product sends, declared once. The functions
// fill it, the app asks the user for it at the moment that leads to it, the local cloud holds each
// send to it as WeChat does (consent, field types), and a deployment registers it. A template's id
// comes from configuration: XQ_TPL_<NAME> in the functions' environment and the app's build.
// Plain data and functions (no zod): the app's main package may import it.

/**
 * WeChat's keyword types (订阅消息参数值内容限制): thing ≤ 20 characters of any kind, phrase ≤ 5
 * Chinese characters, name ≤ 10 Chinese characters (or 20 letters), character_string ≤ 32 digits,
 * letters or symbols, number ≤ 32 digits, time and date as clock and calendar text, amount a
 * currency sign and up to 10 digits, phone_number ≤ 17 digits or symbols, car_number ≤ 8.
 */
export type TemplateFieldType =
  | 'thing'
  | 'phrase'
  | 'name'
  | 'character_string'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'

export interface NoticeTemplate {
  /** The template's title as chosen from WeChat's public library (the user sees it when asked). */
  title: string
  /** One-time: each accept lets one message through. Long-term: an accept lasts (government and public-service categories). */
  kind: 'one-time' | 'long-term'
  /** Why the app asks, in one line beside the request. */
  why: string
  /** Its keywords, in order: key (as the console numbers it) → label and type. */
  fields: Record<string, { label: string; type: TemplateFieldType }>
}

export const NOTICE_TEMPLATES = {
  review: {
    title: '审核结果通知',
    kind: 'one-time',
    why: '审核、办理有结果时，第一时间告诉你',
    fields: {
      thing1: { label: '审核事项', type: 'thing' },
      phrase2: { label: '审核结果', type: 'phrase' },
      thing3: { label: '备注', type: 'thing' },
    },
  },
  reminder: {
    title: '事项提醒',
    kind: 'one-time',
    why: '活动开始、期限将到时提醒你',
    fields: {
      thing1: { label: '事项', type: 'thing' },
      date2: { label: '日期', type: 'date' },
      thing3: { label: '提示', type: 'thing' },
    },
  },
  todo: {
    title: '待办事项提醒',
    kind: 'long-term',
    why: '有待你审核、办理的事项时提醒你',
    fields: {
      thing1: { label: '待办事项', type: 'thing' },
      number2: { label: '待办数量', type: 'number' },
      thing3: { label: '说明', type: 'thing' },
    },
  },
} as const satisfies Record<string, NoticeTemplate>

export type NoticeName = keyof typeof NOTICE_TEMPLATES
/** The values one message of a template carries, keyword by keyword. */
export type NoticeValues<N extends NoticeName> = { [K in keyof (typeof NOTICE_TEMPLATES)[N]['fields']]: string }

export const NOTICE_NAMES = Object.keys(NOTICE_TEMPLATES) as NoticeName[]

/** The configuration variable that carries a template's id (functions' environment and the app's build). */
export const templateIdVariable = <N extends NoticeName>(name: N) => `XQ_TPL_${name.toUpperCase() as Uppercase<N>}` as const

/** WeChat's template ids are 43 characters of base64url (e.g. 9Xq-bl4bTbQu-I1xbNjG1ysWHmGzPaSnLaHUWpBs3Vw). */
export const isTemplateId = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value)

/** The longest value of each free-text type, in characters. */
const MAX_CHARACTERS: Partial<Record<TemplateFieldType, number>> = { thing: 20, name: 10, character_string: 32 }

/**
 * A value shaped to fit its keyword: free text longer than the type allows is shortened with an
 * ellipsis. Types with a fixed form (phrase, number, time…) are the sender's to get right; the
 * platform refuses the whole message (47003) otherwise.
 */
export function fitField(type: TemplateFieldType, value: string): string {
  const text = value.trim()
  const max = MAX_CHARACTERS[type]
  const chars = [...text]
  return max && chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text
}

/** A notice as the message center (消息) shows it: the whole text, never clipped as a subscribe message is. */
export interface InboxEntry {
  title: string
  /** A short state beside the title (已通过, 提醒, 3 项…). */
  tag: string
  text: string
}

/** How each template's values read in the message center. */
export function inboxEntry<N extends NoticeName>(name: N, values: NoticeValues<N>): InboxEntry {
  const v = values as Record<string, string>
  switch (name) {
    case 'reminder':
      return { title: v.thing1, tag: '提醒', text: [v.date2, v.thing3].filter(Boolean).join('　') }
    case 'todo':
      return { title: v.thing1, tag: `${v.number2} 项`, text: v.thing3 }
    default:
      return { title: v.thing1, tag: v.phrase2, text: v.thing3 }
  }
}
