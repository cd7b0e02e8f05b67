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

/** The accounts behind these user ids, as recipients (read a hundred at a time). */
export async function recipientsOf(userIds: string[]): Promise<Recipient[]> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return []
  const found = await readAll(users().where({ _id: _.in(ids) }).field({ openid: true }))
  return found.map((u) => ({ userId: u._id, openid: u.openid }))
}

/** Everyone who holds `role` for `scopeId` (a township's staff, a county's admins, a shop's staff). */
export async function holdersOf(role: Role, scopeId: string): Promise<Recipient[]> {
  const found = await readAll(users().where({ 'roles.scopeId': scopeId, status: 'active' }).field({ openid: true, roles: true }))
  return found.filter((u) => u.roles.some((g) => g.role === role && g.scopeId === scopeId)).map((u) => ({ userId: u._id, openid: u.openid }))
}

/** A notice of any template (the values fitting that template). */
export type AnyNotice = { [N in NoticeName]: Notice<N> }[NoticeName]

/** Subscribe messages sent at once; the rest wait their turn. */
const SEND_CONCURRENCY = 10
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
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const { to, notice } = items[i]
      if (!to.openid || to.openid.startsWith('closed:')) {
        out[i] = 'no_openid'
        continue
      }
      const fields = NOTICE_TEMPLATES[notice.template].fields as Record<string, { type: TemplateFieldType }>
      const data = Object.fromEntries(Object.entries(notice.values as Record<string, string>).map(([k, v]) => [k, { value: fitField(fields[k].type, v) }]))
      try {
        await cloud.openapi.subscribeMessage.send({ touser: to.openid, templateId: config.template(notice.template), page: notice.page, data, miniprogramState: config.miniprogramState() } as never)
        out[i] = 'sent'
      } catch (err) {
        const code = Number((err as { errCode?: number }).errCode) || -1
        out[i] = `refused:${code}`
        // 43101 (the person did not accept this time) is the common case, not a fault.
        if (code !== 43101) console.warn(`subscribe message ${notice.template} not delivered: ${code} ${(err as { errMsg?: string }).errMsg ?? ''}`)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, items.length) }, worker))
  return out
}
