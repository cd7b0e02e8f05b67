// Telling people what happened. Every notice goes to the person's message center (消息), which
// never depends on consent, and as a subscribe message (订阅消息), which WeChat delivers only if
// the person accepted that template beforehand (the app asks at the moment that leads to it): a
// refusal (43101: no accept left; 47003: data that does not fit) is recorded on the entry and
// logged. Nothing here ever fails the decision that caused the notice.
import { MESSAGE_KEEP_DAYS } from '../../types/account'
import { fitField, inboxEntry, NOTICE_TEMPLATES, type NoticeName, type NoticeValues, type TemplateFieldType } from '../../types/notices'
import type { Role } from '../../types/roles'
import { _, cloud, db } from './cloud'
import { COLLECTIONS, type MessageDoc, type UserDoc } from './collections'
import { config } from './config'
import { readAll } from './paging'

/** Who is told: their account (the message center) and their WeChat identity (the subscribe message). */
export interface Recipient {
  userId: string
  openid: string
}

export interface Notice<N extends NoticeName> {
  template: N
  values: NoticeValues<N>
  /** The page it concerns, as a mini-program path with its query (no leading slash). */
  page: string
}

const users = () => db.collection<UserDoc>(COLLECTIONS.users)

/** Values one `_.in` list carries: a query's size is limited, so longer lists are asked in parts. */
const IN_LIST = 500

function chunks<T>(xs: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(xs.length / size) }, (_x, i) => xs.slice(i * size, (i + 1) * size))
}

/** The accounts behind these user ids, as recipients (read a hundred at a time, however many). */
export async function recipientsOf(userIds: string[]): Promise<Recipient[]> {
  const ids = [...new Set(userIds)]
  const found: Pick<UserDoc, '_id' | 'openid'>[] = []
  for (const part of chunks(ids, IN_LIST)) found.push(...(await readAll(users().where({ _id: _.in(part) }).field({ openid: true }))))
  return found.map((u) => ({ userId: u._id, openid: u.openid }))
}

/** Everyone who holds `role` for `scopeId` (a township's staff, a county's admins, a shop's staff). */
export async function holdersOf(role: Role, scopeId: string): Promise<Recipient[]> {
  return (await holdersIn(role, [scopeId])).get(scopeId) ?? []
}

/** Everyone who holds `role` for each of `scopeIds`, by scope: one read a hundred accounts, whatever the number of scopes. */
export async function holdersIn(role: Role, scopeIds: string[]): Promise<Map<string, Recipient[]>> {
  const wanted = new Set(scopeIds)
  const byScope = new Map<string, Recipient[]>()
  for (const part of chunks([...wanted], IN_LIST)) {
    const found = await readAll(users().where({ 'roles.scopeId': _.in(part), status: 'active' }).field({ openid: true, roles: true }))
    for (const u of found) {
      for (const g of u.roles) {
        if (g.role !== role || !wanted.has(g.scopeId)) continue
        byScope.set(g.scopeId, [...(byScope.get(g.scopeId) ?? []), { userId: u._id, openid: u.openid }])
      }
    }
  }
  return byScope
}

/** A notice of any template (the values fitting that template). */
export type AnyNotice = { [N in NoticeName]: Notice<N> }[NoticeName]

/**
 * Subscribe messages sent at once; the rest wait their turn. WeChat documents no per-second
 * limit for subscribeMessage.send, only a daily quota (10 million a day, 30 million with payments;
 * 45009 when it is spent) and "system busy" (-1): a few at a time keeps a batch of hundreds
 * within a couple of seconds without bursting.
 */
const SEND_CONCURRENCY = 10
/** A busy answer (-1 system busy, 45011 the minute's quota) is tried again after these pauses (ms), then recorded as refused. */
const RETRY_PAUSES_MS = [200, 800]
const RETRIED = new Set([-1, 45011])
/** The day's quota is spent: no send today will go through, so the rest are not tried. */
const QUOTA_SPENT = 45009
/** Entries written per request. */
const WRITE_BATCH = 100

/**
 * Tells each recipient the same notice (once per account, however often listed). Resolves to how
 * many subscribe messages WeChat accepted; never throws.
 */
export function notify<N extends NoticeName>(to: Recipient | Recipient[], notice: Notice<N>, now = new Date()): Promise<number> {
  const seen = new Set<string>()
  const once = (Array.isArray(to) ? to : [to]).filter((r) => !seen.has(r.userId) && seen.add(r.userId))
  return notifyEach(
    once.map((r) => ({ to: r, notice: notice as AnyNotice })),
    now,
  )
}

/**
 * Tells each person their own notice (a batch decision), with every message-center entry written
 * in as few requests as the batch allows. Never throws.
 */
export async function notifyEach(items: { to: Recipient; notice: AnyNotice }[], now = new Date()): Promise<number> {
  const chosen = items.filter(({ to }) => to.userId)
  if (chosen.length === 0) return 0
  try {
    const pushed = await pushAll(chosen)
    const expiresAt = new Date(now.getTime() + MESSAGE_KEEP_DAYS * 86400_000)
    const docs = chosen.map(({ to, notice }, i): Omit<MessageDoc, '_id'> => ({
      userId: to.userId,
      template: notice.template,
      ...inboxEntry(notice.template, notice.values),
      page: notice.page,
      createdAt: now,
      readAt: null,
      expiresAt,
      pushed: pushed[i],
    }))
    for (let i = 0; i < docs.length; i += WRITE_BATCH) {
      await db.collection<MessageDoc>(COLLECTIONS.messages).add({ data: docs.slice(i, i + WRITE_BATCH) })
    }
    return pushed.filter((p) => p === 'sent').length
  } catch (err) {
    console.error(`notices not stored: ${(err as Error).message}`)
    return 0
  }
}

/** The subscribe messages, SEND_CONCURRENCY at a time: what became of each. */
async function pushAll(items: { to: Recipient; notice: AnyNotice }[]): Promise<MessageDoc['pushed'][]> {
  const out: MessageDoc['pushed'][] = new Array(items.length)
  let next = 0
  let quotaSpent = false
  const send = async (to: Recipient, notice: AnyNotice, data: Record<string, { value: string }>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await cloud.openapi.subscribeMessage.send({ touser: to.openid, templateId: config.template(notice.template), page: notice.page, data, miniprogramState: config.miniprogramState() } as never)
        return
      } catch (err) {
        const code = Number((err as { errCode?: number }).errCode) || -1
        if (!RETRIED.has(code) || attempt >= RETRY_PAUSES_MS.length) throw err
        await new Promise((r) => setTimeout(r, RETRY_PAUSES_MS[attempt]))
      }
    }
  }
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const { to, notice } = items[i]
      if (!to.openid || to.openid.startsWith('closed:')) {
        out[i] = 'no_openid'
        continue
      }
      if (quotaSpent) {
        out[i] = `refused:${QUOTA_SPENT}`
        continue
      }
      const fields = NOTICE_TEMPLATES[notice.template].fields as Record<string, { type: TemplateFieldType }>
      const data = Object.fromEntries(Object.entries(notice.values as Record<string, string>).map(([k, v]) => [k, { value: fitField(fields[k].type, v) }]))
      try {
        await send(to, notice, data)
        out[i] = 'sent'
      } catch (err) {
        const code = Number((err as { errCode?: number }).errCode) || -1
        if (code === QUOTA_SPENT) quotaSpent = true
        out[i] = `refused:${code}`
        // 43101 (the person did not accept this time) is the common case, not a fault.
        if (code !== 43101) console.warn(`subscribe message ${notice.template} not delivered: ${code} ${(err as { errMsg?: string }).errMsg ?? ''}`)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, items.length) }, worker))
  return out
}
