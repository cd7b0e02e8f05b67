// Subscribe-message consent, as WeChat keeps it. The mini program asks with
// wx.requestSubscribeMessage and the user answers each template (accept / reject); a one-time
// template's accept lets exactly one message through, a long-term one's lasts. A send
// (subscribeMessage.send) is refused with 40037 for a template the mini program has not
// registered, 47003 for data that does not fit the template's keywords, and 43101 when the user
// has no accept left for it. The registered templates are the product's declaration
// (types/notices.ts) under the ids the deployment configures.
import fs from 'node:fs'
import path from 'node:path'
import { NOTICE_NAMES, NOTICE_TEMPLATES, templateIdVariable, type TemplateFieldType } from '../types/notices'
import { localTemplateId } from './environment'

export interface RegisteredTemplate {
  id: string
  name: string
  title: string
  kind: 'one-time' | 'long-term'
  fields: Record<string, TemplateFieldType>
}

/** The product's templates as a deployment with this environment registers them (local ids where it configures none). */
export function declaredTemplates(env: Record<string, string | undefined> = {}): RegisteredTemplate[] {
  return NOTICE_NAMES.map((name) => {
    const t = NOTICE_TEMPLATES[name]
    return {
      id: env[templateIdVariable(name)] || localTemplateId(name),
      name,
      title: t.title,
      kind: t.kind,
      fields: Object.fromEntries(Object.entries(t.fields).map(([key, f]) => [key, f.type])),
    }
  })
}

export type Answer = 'accept' | 'reject' | 'ban' | 'filter'

/** What the console shows: each answer, each send and each refusal. */
type EventBody =
  | { type: 'answer'; openid: string; templateId: string; title: string; answer: Answer }
  | { type: 'sent'; openid: string; templateId: string; title: string; left: number | 'long-term' }
  | { type: 'refused'; openid: string; templateId: string; title: string; errcode: number; errmsg: string }
export type SubscriptionEvent = EventBody & { at: string }

export interface SendOutcome {
  errcode: number
  errmsg: string
}

const CHINESE = '\\u3400-\\u9fff'
const DATE = '(\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2})'
const CLOCK = '([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?'
const range = (one: string) => new RegExp(`^${one}(\\s*~\\s*${one})?$`)

/** WeChat's rules for each keyword type (订阅消息参数值内容限制). */
const FIELD_RULES: Record<TemplateFieldType, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  phrase: (v) => new RegExp(`^[${CHINESE}]{1,5}$`).test(v),
  name: (v) => new RegExp(`^[${CHINESE}·]{1,10}$`).test(v) || /^[A-Za-z .'·-]{1,20}$/.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  number: (v) => /^-?\d+(\.\d+)?$/.test(v) && v.replace(/[-.]/g, '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\dA-Za-z\s\u3400-\u9fff]{1,5}$/.test(v),
  time: (v) => range(`(${DATE}\\s*)?${CLOCK}`).test(v),
  date: (v) => range(`${DATE}(\\s*${CLOCK})?`).test(v),
  amount: (v) => /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => new RegExp(`^[${CHINESE}A-Za-z0-9][A-Za-z0-9]{0,6}[${CHINESE}A-Za-z0-9]?$`).test(v) && [...v].length <= 8,
}

export class Subscriptions {
  /** openid → template id → accepts left (Infinity for a long-term accept). */
  private readonly accepts = new Map<string, Map<string, number>>()
  readonly events: SubscriptionEvent[] = []
  private readonly byId: Map<string, RegisteredTemplate>

  constructor(
    templates: RegisteredTemplate[],
    /** Where accepts are kept between starts (none: memory only). */
    private readonly file?: string,
  ) {
    this.byId = new Map(templates.map((t) => [t.id, t]))
    if (file && fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, number | null>>
      for (const [openid, left] of Object.entries(saved)) {
        this.accepts.set(openid, new Map(Object.entries(left).map(([id, n]) => [id, n === null ? Infinity : n])))
      }
    }
  }

  get templates(): RegisteredTemplate[] {
    return [...this.byId.values()]
  }

  /**
   * The user's answers to wx.requestSubscribeMessage. As on WeChat, an id the mini program has not
   * registered fails the whole request (20001) and records nothing.
   */
  answer(openid: string, answers: Record<string, Answer>): { ok: true } | { ok: false; errCode: number; errMsg: string } {
    const unknown = Object.keys(answers).filter((id) => !this.byId.has(id))
    if (unknown.length > 0 || Object.keys(answers).length === 0) {
      return { ok: false, errCode: 20001, errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist' }
    }
    const mine = this.accepts.get(openid) ?? new Map<string, number>()
    for (const [id, answer] of Object.entries(answers)) {
      const t = this.byId.get(id)!
      if (answer === 'accept') mine.set(id, t.kind === 'long-term' ? Infinity : (mine.get(id) ?? 0) + 1)
      // Turning a long-term template down (in the settings) withdraws it.
      else if (t.kind === 'long-term') mine.delete(id)
      this.log({ type: 'answer', openid, templateId: id, title: t.title, answer })
    }
    this.accepts.set(openid, mine)
    this.save()
    return { ok: true }
  }

  /** Accepts `openid` has left for a template (Infinity: long-term). */
  left(openid: string, templateId: string): number {
    return this.accepts.get(openid)?.get(templateId) ?? 0
  }

  /** A subscribeMessage.send: refused, or delivered and one accept consumed. */
  send(openid: string, templateId: string, data: unknown): SendOutcome {
    const t = this.byId.get(templateId)
    if (!t) return { errcode: 40037, errmsg: 'invalid template_id' }
    const problem = fieldProblem(t, data)
    const refuse = (errcode: number, errmsg: string): SendOutcome => {
      this.log({ type: 'refused', openid, templateId, title: t.title, errcode, errmsg })
      return { errcode, errmsg }
    }
    if (problem) return refuse(47003, `argument invalid! ${problem}`)
    const left = this.left(openid, templateId)
    if (left <= 0) return refuse(43101, 'user refuse to accept the msg')
    if (left !== Infinity) this.accepts.get(openid)!.set(templateId, left - 1)
    this.log({ type: 'sent', openid, templateId, title: t.title, left: left === Infinity ? 'long-term' : left - 1 })
    this.save()
    return { errcode: 0, errmsg: 'ok' }
  }

  clear(): void {
    this.accepts.clear()
    this.events.length = 0
    this.save()
  }

  private log(event: EventBody): void {
    if (this.events.length >= 1000) this.events.shift()
    this.events.push({ at: new Date().toISOString(), ...event })
  }

  private save(): void {
    if (!this.file) return
    const out = Object.fromEntries([...this.accepts].map(([openid, left]) => [openid, Object.fromEntries([...left].map(([id, n]) => [id, n === Infinity ? null : n]))]))
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    fs.writeFileSync(this.file, JSON.stringify(out))
  }
}

/** Why `data` does not fit the template, in WeChat's words (null: it fits). */
function fieldProblem(t: RegisteredTemplate, data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data is empty'
  const given = data as Record<string, unknown>
  for (const key of Object.keys(given)) if (!(key in t.fields)) return `data.${key} is not a keyword of the template`
  for (const [key, type] of Object.entries(t.fields)) {
    const entry = given[key] as { value?: unknown } | undefined
    const value = entry && typeof entry === 'object' ? entry.value : undefined
    if (typeof value !== 'string' || value.trim() === '') return `data.${key}.value is empty`
    if (!FIELD_RULES[type](value)) return `data.${key}.value invalid for type ${type}`
  }
  return null
}
