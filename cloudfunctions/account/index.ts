// 账号：我是谁、我的资料、角色与注册状态；绑定手机号；撤回同意并注销。
import crypto from 'node:crypto'
import { account, EXPORT_KIND_LABELS, type AccountView, type MessageView, type MyExportView } from '../../types/account'
import { shanghaiDate } from '../../types/time'
import { maskMobile } from '../../types/personal'
import type { Role } from '../../types/roles'
import { audit } from '../_shared/audit'
import { COLLECTIONS, type IdentityDoc, type MessageDoc, type RegistrationDoc, type UserDoc } from '../_shared/collections'
import { _, cloud, db, files } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { AppError, invalid } from '../_shared/errors'
import { pruneExpiredCounters } from '../_shared/guards'
import { defineFunction } from '../_shared/handler'
import { jobViews, type JobDoc } from '../_shared/jobs'
import { adoptUpload } from '../_shared/uploads'
import { pageWithTotal } from '../_shared/paging'

async function view(user: UserDoc): Promise<AccountView> {
  const [avatars, regs] = await Promise.all([
    files.tempUrls(user.avatarFileId ? [user.avatarFileId] : []),
    db.collection<RegistrationDoc>(COLLECTIONS.registrations).where({ userId: user._id }).field({ kind: true, status: true, townshipName: true, rejectReason: true, name: true, mobile: true }).get(),
  ])
  // A registration says who the person is and how to reach them, until they say otherwise.
  const registered = regs.data.find((r) => r.status !== 'closed')
  return {
    userId: user._id,
    nickname: user.nickname,
    realName: user.realName || registered?.name || '',
    avatarUrl: avatars.get(user.avatarFileId) ?? '',
    mobileMasked: maskMobile(user.mobile || registered?.mobile || ''),
    roles: user.roles,
    registrations: regs.data.map((r) => ({ kind: r.kind, status: r.status, townshipName: r.townshipName, rejectReason: r.rejectReason })),
    createdAt: user.createdAt.toISOString(),
  }
}

const messages = () => db.collection<MessageDoc>(COLLECTIONS.messages)

/** Roles whose work waits in a queue: they are offered the daily 待办 reminder. */
const REVIEWER_ROLES: readonly Role[] = ['township_staff', 'county_admin', 'city_admin', 'bank_officer']

/** Unread notices of a person (one count over the user_unread index). */
async function unreadOf(userId: string): Promise<number> {
  return (await messages().where({ userId, readAt: null }).count()).total
}

const messageView = (m: MessageDoc): MessageView => ({
  id: m._id,
  title: m.title,
  tag: m.tag,
  text: m.text,
  page: m.page,
  createdAt: m.createdAt.toISOString(),
  read: m.readAt !== null,
})

/** What a job's list row reads of it (not its cursor nor its parts, which may be large). */
const JOB_LISTED = { owner: true, kind: true, input: true, scope: true, fileName: true, status: true, done: true, total: true, fileId: true, rows: true, error: true, createdAt: true, expiresAt: true } as const

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

/** The month or the dates an export covers, from the request as its owner made it. */
function periodOf(job: JobDoc<unknown>): string {
  const input = job.input as { month?: unknown; from?: unknown; to?: unknown }
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  // The hours report is of the month asked, else of the month it was asked in.
  if (str(input.month) || job.kind === 'service.exportReport') return monthWords(str(input.month) || shanghaiDate(job.createdAt).slice(0, 7))
  const from = str(input.from)
  const to = str(input.to) || shanghaiDate(job.createdAt)
  if (from) return `${from} 至 ${to}`
  return 'to' in input || job.kind === 'perk.exportTotals' ? `截至 ${to}` : ''
}

async function myExportViews(list: JobDoc<unknown>[]): Promise<MyExportView[]> {
  const views = await jobViews(list)
  return list.map((job, i) => ({ ...views[i], kind: job.kind, kindLabel: EXPORT_KIND_LABELS[job.kind] ?? '数据导出', scope: job.scope, period: periodOf(job) }))
}

async function update(ctx: CallContext, changes: Partial<UserDoc>): Promise<AccountView> {
  const user = await ctx.account()
  const next = { ...changes, updatedAt: ctx.now }
  await db.collection<UserDoc>(COLLECTIONS.users).doc(user._id).update({ data: next })
  return view({ ...user, ...next })
}

export const main = defineFunction(
  'account',
  account,
  {
    async me(_input, ctx) {
      const user = await ctx.account()
      const [me, unreadMessages] = await Promise.all([view(user), unreadOf(user._id)])
      return { ...me, unreadMessages }
    },

    async unread(_input, ctx) {
      const user = await ctx.user()
      return { unread: user ? await unreadOf(user._id) : 0 }
    },

    async messages(input, ctx) {
      const user = await ctx.user()
      if (!user) return { items: [], total: 0, unread: 0, reviewer: false }
      const mine = messages().where({ userId: user._id })
      const [page, unread] = await Promise.all([
        pageWithTotal(
          mine,
          [
            ['createdAt', 'desc'],
            ['_id', 'desc'],
          ],
          input,
        ),
        unreadOf(user._id),
      ])
      const reviewer = user.roles.some((g) => REVIEWER_ROLES.includes(g.role))
      return { items: page.data.map(messageView), total: page.total, unread, reviewer }
    },

    async readMessages(input, ctx) {
      const user = await ctx.user()
      if (!user) return { unread: 0 }
      // Only the caller's own notices: another person's id simply matches nothing.
      const which = 'all' in input ? { userId: user._id, readAt: null } : { userId: user._id, _id: _.in(input.ids), readAt: null }
      await messages().where(which).update({ data: { readAt: ctx.now } })
      return { unread: await unreadOf(user._id) }
    },

    async myExports(input, ctx) {
      const user = await ctx.user()
      if (!user) return { items: [], total: 0 }
      // Only the caller's own, while kept (the timers remove them a little after): the owner +
      // createdAt index serves the page (newest first, ties on _id) and the true total, read together.
      const mine = db.collection<JobDoc<unknown>>(COLLECTIONS.jobs).where({ owner: user._id, expiresAt: _.gt(ctx.now) })
      const [page, counted] = await Promise.all([
        mine
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .skip((input.page - 1) * input.pageSize)
          .limit(input.pageSize)
          .field(JOB_LISTED)
          .get(),
        mine.count(),
      ])
      return { items: await myExportViews(page.data), total: counted.total }
    },

    async updateProfile(input, ctx) {
      const changes: Partial<UserDoc> = {}
      if (input.nickname !== undefined) changes.nickname = input.nickname
      let previous = ''
      if (input.avatarFileId !== undefined) {
        const user = await ctx.account()
        const picture = await adoptUpload(input.avatarFileId, { userId: user._id, field: 'avatarFileId', dest: `avatars/${user._id}-${crypto.randomBytes(4).toString('hex')}`, types: ['image/jpeg', 'image/png'], maxBytes: 2 * 1024 * 1024 })
        changes.avatarFileId = picture.fileId
        previous = user.avatarFileId
      }
      const updated = await update(ctx, changes)
      if (previous) await files.remove([previous]).catch(() => undefined)
      return updated
    },

    async bindPhone(input, ctx) {
      let phone: string
      try {
        const res = (await cloud.openapi.phonenumber.getPhoneNumber({ code: input.code } as never)) as { phoneInfo?: { purePhoneNumber?: string; countryCode?: string } }
        phone = res.phoneInfo?.purePhoneNumber ?? ''
        if (res.phoneInfo?.countryCode && res.phoneInfo.countryCode !== '86') throw invalid('code', '目前仅支持中国大陆手机号')
      } catch (err) {
        if (err instanceof AppError) throw err
        // 40029: the code is invalid or was already used (it is single-use and expires in 5 minutes).
        throw invalid('code', '手机号授权已失效，请重新点击获取')
      }
      if (!/^1[3-9]\d{9}$/.test(phone)) throw invalid('code', '目前仅支持中国大陆手机号')
      return update(ctx, { mobile: phone })
    },

    async close(input, ctx) {
      const user = await ctx.user()
      if (!user) return { closed: true }
      const registrations = db.collection<RegistrationDoc>(COLLECTIONS.registrations)
      const mine = (await registrations.where({ userId: user._id }).get()).data
      // Personal data goes; what others' records need (the township, the hours it served) stays, anonymous.
      await Promise.all(
        mine.map((r) =>
          registrations.doc(r._id).update({
            data: { status: 'closed', name: '已注销用户', idSealed: '', idBlindIndex: '', idMasked: '', mobile: '', school: '', major: '', skills: [], occupation: '', birthDate: '', updatedAt: ctx.now },
          }),
        ),
      )
      await db.collection<IdentityDoc>(COLLECTIONS.identities).where({ userId: user._id }).remove()
      await messages().where({ userId: user._id }).remove()
      await db
        .collection<UserDoc>(COLLECTIONS.users)
        .doc(user._id)
        .update({ data: { status: 'closed', openid: `closed:${user._id}`, nickname: '', avatarFileId: '', mobile: '', roles: [], updatedAt: ctx.now } })
      await audit(ctx.now, { actorId: user._id, action: 'account.close', targetType: 'user', targetId: user._id, before: { roles: user.roles }, after: null, reason: input.reason || '用户撤回同意并注销账号' })
      return { closed: true }
    },
  },
  {
    // Daily: rate-limit counters past their window, and notices kept their year.
    pruneCounters: async (now) => ({
      removed: await pruneExpiredCounters(now),
      messagesRemoved: (await messages().where({ expiresAt: _.lte(now) }).remove()).stats.removed,
    }),
  },
)
