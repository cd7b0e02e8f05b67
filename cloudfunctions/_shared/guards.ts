// Guards every action may declare in the contract: a per-user rate limit, and WeChat's content
// security check on free text that others will read.
import type { ActionDef } from '../../types/common'
import type * as z from '../../types/zod'
import { COLLECTIONS, type RateLimitDoc } from './collections'
import { _, cloud, db, isDuplicateKey } from './cloud'
import { AppError, fieldLabel } from './errors'

/**
 * Takes one unit of a counted allowance (`id` names the counter: who, what, which period);
 * false when none is left. The first unit of a period creates the counter (one insert: the usual
 * case, an action taken once in its window); later ones are one conditional increment, so
 * concurrent callers never take more than `max` between them.
 */
export async function consumeQuota(id: string, max: number, expiresAt: Date): Promise<boolean> {
  if (max <= 0) return false
  const counters = db.collection<RateLimitDoc>(COLLECTIONS.rateLimits)
  try {
    await counters.add({ data: { _id: id, count: 1, expiresAt } })
    return true
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  return (await counters.where({ _id: id, count: _.lt(max) }).update({ data: { count: _.inc(1) } })).stats.updated === 1
}

/** How much of a quota has been taken (0 when nothing yet). */
export async function quotaUsed(id: string): Promise<number> {
  const { data } = await db.collection<RateLimitDoc>(COLLECTIONS.rateLimits).doc(id).get()
  return data?.count ?? 0
}

/**
 * Counters whose window has ended are garbage (the next window is another document): a daily
 * timer removes them, since the cloud database has no TTL index to do it.
 */
export async function pruneExpiredCounters(now: Date): Promise<number> {
  const { stats } = await db.collection<RateLimitDoc>(COLLECTIONS.rateLimits).where({ expiresAt: _.lt(now) }).remove()
  return stats.removed
}

/**
 * Counts this call against the caller's limit for the action in the current window; refuses
 * beyond it. It is the only write a refused call leaves behind: attempts must count, failed
 * ones included (guessing an invitation code, say).
 */
export async function enforceRateLimit(openid: string, key: string, limit: NonNullable<ActionDef['rateLimit']>, now: Date): Promise<void> {
  const windowMs = limit.windowSeconds * 1000
  const start = Math.floor(now.getTime() / windowMs) * windowMs
  if (await consumeQuota(`${key}:${openid}:${start}`, limit.max, new Date(start + windowMs))) return
  const minutes = Math.ceil((start + windowMs - now.getTime()) / 60_000)
  throw new AppError('RATE_LIMITED', `操作过于频繁，请 ${minutes} 分钟后再试`)
}

/** Free text goes through security.msgSecCheck; risky text is refused naming its field. */
export async function moderate(openid: string, fields: readonly string[], input: Record<string, unknown>, schema: z.ZodType): Promise<void> {
  for (const field of fields) {
    // A nested field is named by its dotted path ('project.title').
    const path = field.split('.')
    const value = path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), input)
    if (typeof value !== 'string' || value.trim() === '') continue
    let suggest: string
    try {
      const res = (await cloud.openapi.security.msgSecCheck({ content: value, version: 2, scene: 1, openid } as never)) as { result?: { suggest?: string } }
      suggest = res.result?.suggest ?? 'review'
    } catch (err) {
      console.error(`msgSecCheck failed: ${(err as { errCode?: number }).errCode ?? ''}`)
      throw new AppError('UNAVAILABLE', '内容安全检查暂时不可用，请稍后再试')
    }
    if (suggest !== 'pass') throw new AppError('INVALID_INPUT', `${fieldLabel(schema, path) ?? field}含有不适宜公开的内容，请修改后再提交`, field)
  }
}
