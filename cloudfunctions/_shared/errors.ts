// Errors as the app sees them: a code, a message in Chinese, and the field at fault.
// Anything else (a database failure, a bug) becomes INTERNAL without its details.
import type { ErrorCode, ErrorShape } from '../../types/common'
import * as z from '../../types/zod'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }

  toShape(): ErrorShape {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message }
  }
}

export const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', message, field)
export const forbidden = (message = '没有权限进行此操作') => new AppError('FORBIDDEN', message)
export const notFound = (message: string) => new AppError('NOT_FOUND', message)
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field)

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'])

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema as unknown as { _zod: { def: Record<string, unknown> } }
  for (let i = 0; i < 10; i++) {
    const def = node._zod.def
    if (WRAPPERS.has(def.type as string)) node = def.innerType as typeof node
    else if (def.type === 'pipe') node = def.in as typeof node
    else break
  }
  return node as unknown as z.ZodType
}

/** The Chinese name a schema gives a field (`.describe('昵称')`), if any. */
export function fieldLabel(schema: z.ZodType, path: PropertyKey[]): string | undefined {
  let node: z.ZodType | undefined = schema
  for (const key of path) {
    if (!node) return undefined
    const def: Record<string, unknown> = (unwrap(node) as unknown as { _zod: { def: Record<string, unknown> } })._zod.def
    if (def.type === 'object') node = (def.shape as Record<string, z.ZodType>)[String(key)]
    else if (def.type === 'array') node = def.element as z.ZodType
    else if (def.type === 'record') node = def.valueType as z.ZodType
    else return undefined
  }
  if (!node) return undefined
  return node.description ?? unwrap(node).description
}

/** The first problem of a failed parse, as the error shape: which field and why, in Chinese. */
export function invalidInput(error: z.ZodError, schema: z.ZodType): AppError {
  const issue = error.issues[0]
  const field = issue.path.map(String).join('.')
  const label = fieldLabel(schema, issue.path) ?? field
  const message = label && !issue.message.includes(label) ? `${label}：${issue.message}` : issue.message
  return new AppError('INVALID_INPUT', message, field || undefined)
}

export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof AppError) return err.toShape()
  return { code: 'INTERNAL', message: '服务繁忙，请稍后再试' }
}
