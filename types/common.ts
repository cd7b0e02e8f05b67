// What every function shares: roles and scopes, the error shape, the reply envelope,
// and how an action is declared (input, output, who may call it).
import { carriesPersonalNumber, CLOCK_PATTERN, freeTextMessages, hasControlCharacters, MOMENT_PATTERN, textMessages, whenMessages, type IntegerRule } from './field-rules'
import { ROLES, SCOPE_TYPES, type Role } from './roles'
import { isRealDate, PERSON_NAME_PATTERN } from './personal'
import * as z from './zod'

export { ROLES, ROLE_LABELS, SCOPE_TYPES, type Role, type ScopeType } from './roles'

export const RoleGrant = z.object({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  /** The township or county code, or the merchant / bank / employer id. */
  scopeId: z.string(),
  scopeName: z.string(),
})
export type RoleGrant = z.infer<typeof RoleGrant>

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The one error shape: a code, a message in Chinese, and the offending field if there is one. */
export const ErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
})
export type ErrorShape = z.infer<typeof ErrorShape>

/** What every function returns; the client unwraps it. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorShape }

/**
 * Who may call an action. `anyone`: no account needed (public data). `signed_in`: any WeChat
 * user (an account is created on first call). A list of roles: the caller must hold one of
 * them; which objects they may touch (own, same township, ...) is `objects`, checked by the
 * action against its data.
 */
export type Access =
  | { who: 'anyone' }
  | { who: 'signed_in' }
  | { who: readonly Role[]; objects: 'own' | 'township' | 'county' | 'city' | 'merchant' | 'bank' | 'employer' | 'any' }

export interface ActionDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the action does, in Chinese, for logs and the console. */
  summary: string
  input: I
  output: O
  access: Access
  /** Actions that cost (codes, uploads, sign-ups) are limited per user and time window. */
  rateLimit?: { max: number; windowSeconds: number }
  /** Free-text input fields others will read: checked by WeChat's content security before use. */
  moderate?: readonly string[]
  /**
   * Why an action that changes something tells no one (the people it concerns are notified by
   * the message center otherwise): e.g. the person did it themselves and sees the outcome.
   */
  silent?: string
}

export function action<I extends z.ZodType, O extends z.ZodType>(def: ActionDef<I, O>): ActionDef<I, O> {
  return def
}

/** A list page: a cursor-less page number and size, capped so no list action can be asked for everything. */
export const PageInput = z.object({
  page: z.number().int().min(1, '页码从 1 开始').max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50, '每页最多 50 条').default(20),
})

/** What a list action answers: a page of `item`, and the true total. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() })

/**
 * Free text, possibly empty: trimmed, bounded, no control characters, and no phone or ID
 * numbers (text others may read must not carry anyone's personal data).
 */
export function freeText(label: string, max: number, typeError = `${label}应为文字`) {
  const m = freeTextMessages(label, max, typeError)
  return z
    .string({ error: m.type })
    .describe(label)
    .trim()
    .max(max, m.tooLong)
    .refine((s) => !hasControlCharacters(s), m.controlCharacters)
    .refine((s) => !carriesPersonalNumber(s), m.personalNumber)
}

/** A required short text field (see freeText). */
export function text(label: string, max: number, min = 1) {
  return freeText(label, max, `请填写${label}`).refine((s) => s.length >= min, textMessages(label, max, min).tooShort)
}

/** A whole number within a rule's bounds, in the rule's words (field-rules.ts checks the same without zod). */
export function integer(rule: IntegerRule) {
  return z.number({ error: rule.missing }).describe(rule.label).int(rule.notInteger).min(rule.min, rule.tooSmall).max(rule.max, rule.tooBig)
}

/** A clock time, HH:mm (00:00–23:59). */
export function clock(label: string) {
  const m = whenMessages(label)
  return z.string({ error: m.missing }).describe(label).regex(CLOCK_PATTERN, m.clockFormat)
}

/** A calendar day, YYYY-MM-DD, that exists. */
export function date(label: string) {
  const m = whenMessages(label)
  return z.string({ error: m.missing }).describe(label).refine(isRealDate, m.noSuchDay)
}

/** A Shanghai wall-clock moment, 'YYYY-MM-DD HH:mm', on a day that exists. */
export function moment(label: string) {
  const m = whenMessages(label)
  return z
    .string({ error: m.missing })
    .describe(label)
    .regex(MOMENT_PATTERN, m.momentFormat)
    .refine((s) => isRealDate(s.slice(0, 10)), m.noSuchDay)
}

/** A cloud file ID (cloud://…), as wx.cloud.uploadFile returns it. */
/** A person's real name: 2–20 汉字 (with ·), or a name in Latin letters. */
export const personName = () => text('姓名', 20, 2).refine((s) => PERSON_NAME_PATTERN.test(s), '姓名只能包含汉字（或英文字母）')

export const CloudFileId = z.string().regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^\s]{1,500}$/, '文件地址无效')

/** An instant on the wire: ISO 8601 text in UTC. */
export const Instant = z.iso.datetime({ offset: true, error: '时间格式无效' })
