// The service term (issue 23 item 4; the rules in types/term.ts). A daily timer, just after
// midnight in Shanghai, moves approved volunteers whose last day of service (termEnd) has passed
// to 期满 and tells them; the volunteer reads their term (myTerm); the county league sees its
// volunteers' terms (terms) and records an extension (extendTerm), which un-ends an ended term.
import { addDays, termLine, termsEndedBefore, termStanding } from '../../types/term'
import type { ExtendTermInput, TermView } from '../../types/registration'
import { shanghaiDate, shanghaiDaysAhead, wechatTime } from '../../types/time'
import type * as z from '../../types/zod'
import { audit, type AuditEntry } from '../_shared/audit'
import { _, containing, db } from '../_shared/cloud'
import { COLLECTIONS, personLabel, type RegistrationDoc, type TermExtension, type UserDoc } from '../_shared/collections'
import type { CallContext } from '../_shared/context'
import { conflict, invalid, notFound } from '../_shared/errors'
import { notify, notifyEach, recipientsOf, type AnyNotice, type Recipient } from '../_shared/notify'
import { READ_CAP } from '../_shared/paging'
import { claimReminder, timeBudget } from '../_shared/reminders'
import { loadSettings } from '../_shared/settings'

const registrations = () => db.collection<RegistrationDoc>(COLLECTIONS.registrations)
const users = () => db.collection<UserDoc>(COLLECTIONS.users)

/** Where the volunteer reads their term (the hours page shows it). */
export const TERM_PAGE = 'packages/volunteer/hours/index'
/** Within the registration function's 20 s timeout, with a margin. */
const TIMER_WORK_MS = 14_000
/** Writes at once while ending a page of terms. */
const WIDTH = 10
/** How far ahead the county's 即将期满 list looks. */
const ENDING_WITHIN_DAYS = 60
/** The latest an extension may reach: this many years from today. */
const EXTEND_MAX_YEARS = 3

export function termView(r: RegistrationDoc, graceDays: number, today: string): z.input<typeof TermView> {
  const standing = termStanding(r.termEnd, graceDays, today)
  return {
    registrationId: r._id,
    name: r.name,
    countyName: r.countyName,
    townshipName: r.townshipName,
    termStart: r.termStart,
    termEnd: r.termEnd,
    state: r.term ?? 'serving',
    standing: standing.kind,
    lastDay: standing.kind === 'serving' ? '' : standing.lastDay,
    daysLeft: standing.kind === 'serving' ? standing.daysToEnd : standing.kind === 'grace' ? standing.daysLeft : 0,
    graceDays,
    line: termLine(standing),
    endedAt: r.termEndedAt ? r.termEndedAt.toISOString() : null,
    extensions: (r.termExtensions ?? []).map((e) => ({ from: e.from, to: e.to, reason: e.reason, byName: e.byName, at: e.at.toISOString() })),
  }
}

/** Runs tasks a few at a time. */
async function each<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(WIDTH, items.length) }, async () => {
    while (next < items.length) await task(items[next++])
  }))
}

/**
 * Daily, just after midnight in Shanghai: every approved volunteer whose termEnd is before today
 * (Shanghai) is moved to 期满 (term: 'ended'), their account marked (termEndedOn, which check-ins
 * and perks read) and told once: only the run whose conditional write went through tells. The
 * run is claimed for the day; it reads 100 at a time past the last id within a time budget, and
 * what it could not reach the next day's run finds again (its query is what is left to do).
 */
export async function endTerms(now: Date): Promise<Record<string, unknown>> {
  const today = termsEndedBefore(now)
  if (!(await claimReminder(`term-ended:${today}`, now))) return { claimed: false, ended: 0 }
  const budget = timeBudget(TIMER_WORK_MS)
  const { termGraceDays } = await loadSettings(now.getTime())
  const tally = { claimed: true, read: 0, ended: 0, done: false }
  let after = ''
  for (;;) {
    if (!budget.left()) return tally
    const { data } = await registrations()
      .where({ status: 'approved', termEnd: _.lt(today), kind: 'volunteer', term: _.neq('ended'), _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(READ_CAP)
      .field({ userId: true, termEnd: true, name: true })
      .get()
    const ended: Pick<RegistrationDoc, '_id' | 'userId' | 'termEnd'>[] = []
    await each(data, async (r) => {
      if (!r.termEnd) return
      // Conditional on the end date read: an extension recorded meanwhile wins.
      const { stats } = await registrations()
        .where({ _id: r._id, status: 'approved', termEnd: r.termEnd, term: _.neq('ended') })
        .update({ data: { term: 'ended', termEndedAt: now, updatedAt: now } })
      if (stats.updated !== 1) return
      await users().doc(r.userId).update({ data: { termEndedOn: r.termEnd, updatedAt: now } })
      ended.push(r)
    })
    const entries: AuditEntry[] = ended.map((r) => ({
      actorId: 'system',
      action: 'registration.endTerm',
      targetType: 'registration',
      targetId: r._id,
      before: { term: 'serving', termEnd: r.termEnd },
      after: { term: 'ended', termEnd: r.termEnd },
      reason: `服务期于 ${r.termEnd} 期满（每日服务期核对）`,
    }))
    const recipients = new Map((await recipientsOf(ended.map((r) => r.userId))).map((to) => [to.userId, to]))
    const notices: { to: Recipient; notice: AnyNotice }[] = ended.flatMap((r) => {
      const to = recipients.get(r.userId)
      return to ? [{ to, notice: endedNotice(r.termEnd, termGraceDays) }] : []
    })
    await Promise.all([audit(now, ...entries), notifyEach(notices, now)])
    tally.read += data.length
    tally.ended += ended.length
    if (data.length < READ_CAP) break
    after = data[data.length - 1]._id
  }
  tally.done = true
  return tally
}

function endedNotice(termEnd: string, graceDays: number): AnyNotice {
  return {
    template: 'reminder',
    page: TERM_PAGE,
    values: {
      thing1: '乡村振兴志愿者服务期已期满',
      date2: wechatTime(termEnd),
      thing3: graceDays > 0 ? `${graceDays}天内仍可签到，可报名对接会` : '签到与优惠停止，可报名对接会',
    },
  }
}

export async function myTerm(ctx: CallContext): Promise<z.input<typeof TermView> | null> {
  const user = (await ctx.user())!
  const [{ data: r }, settings] = await Promise.all([registrations().doc(`${user._id}:volunteer`).get(), loadSettings(ctx.now.getTime())])
  if (!r || r.status !== 'approved' || !r.termEnd) return null
  return termView(r, settings.termGraceDays, shanghaiDate(ctx.now))
}

/** The county's (city: every) volunteers' terms: ended, ending within 60 days, or all; by end date, ties on _id. */
export async function listTerms(
  input: { filter: 'ended' | 'ending' | 'all'; keyword?: string; page: number; pageSize: number },
  ctx: CallContext,
  scope: Record<string, unknown>,
): Promise<{ items: z.input<typeof TermView>[]; total: number; graceDays: number }> {
  const today = shanghaiDate(ctx.now)
  const criteria: Record<string, unknown> = { status: 'approved', kind: 'volunteer', ...scope }
  if (input.filter === 'ended') criteria.term = 'ended'
  if (input.filter === 'ending') {
    criteria.term = _.neq('ended')
    criteria.termEnd = _.gte(today).and(_.lte(shanghaiDaysAhead(ctx.now, ENDING_WITHIN_DAYS)))
  }
  if (input.keyword) criteria.name = containing(input.keyword)
  // Ended: the latest first (the ones the county still deals with); else the nearest end first.
  const order = input.filter === 'ended' ? 'desc' : 'asc'
  const [{ total }, { data }, settings] = await Promise.all([
    registrations().where(criteria).count(),
    registrations()
      .where(criteria)
      .orderBy('termEnd', order)
      .orderBy('_id', 'asc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .field({ idSealed: false, idBlindIndex: false, mobile: false })
      .get(),
    loadSettings(ctx.now.getTime()),
  ])
  return { items: data.map((r) => termView(r, settings.termGraceDays, today)), total, graceDays: settings.termGraceDays }
}

/**
 * The county league records an extension: a new last day, later than the current one and not
 * before today, with a reason. Written conditionally on the end date it read (two extensions at
 * once: one is recorded, the other asked to look again); an ended term is serving again and the
 * account's mark removed; audited; the volunteer is told.
 */
export async function extendTerm(input: z.output<typeof ExtendTermInput>, ctx: CallContext): Promise<z.input<typeof TermView>> {
  const { data: r } = await registrations().doc(input.id).get()
  if (!r || r.kind !== 'volunteer') throw notFound('志愿者注册记录不存在')
  await ctx.requireCounty(r.countyCode, '只能登记本县（市、区）志愿者的服务期延期')
  if (r.status !== 'approved') throw conflict('该注册尚未通过审核，不能登记延期')
  const today = shanghaiDate(ctx.now)
  if (input.termEnd <= r.termEnd) throw invalid('termEnd', `新的服务结束日期应晚于现在的 ${r.termEnd}`)
  if (input.termEnd < today) throw invalid('termEnd', `新的服务结束日期不能早于今天（${today}）`)
  const latest = addDays(today, EXTEND_MAX_YEARS * 365)
  if (input.termEnd > latest) throw invalid('termEnd', `延期最长到 ${latest}（${EXTEND_MAX_YEARS} 年内）`)
  const actor = (await ctx.user())!
  const extension: TermExtension = { from: r.termEnd, to: input.termEnd, reason: input.reason, by: actor._id, byName: personLabel(actor), at: ctx.now }
  const change = { termEnd: input.termEnd, term: 'serving' as const, termEndedAt: null, updatedAt: ctx.now }
  const { stats } = await registrations()
    .where({ _id: r._id, status: 'approved', termEnd: r.termEnd })
    .update({ data: { ...change, termExtensions: _.push([extension]) } })
  if (stats.updated !== 1) throw conflict('该志愿者的服务期刚刚被修改，请刷新后重试')
  const [{ data: owner }, settings] = await Promise.all([
    users().doc(r.userId).get(),
    loadSettings(ctx.now.getTime()),
    users().where({ _id: r.userId, termEndedOn: _.exists(true) }).update({ data: { termEndedOn: _.remove(), updatedAt: ctx.now } }),
    audit(ctx.now, {
      actorId: actor._id,
      action: 'registration.extendTerm',
      targetType: 'registration',
      targetId: r._id,
      before: { termEnd: r.termEnd, term: r.term ?? 'serving' },
      after: { termEnd: input.termEnd, term: 'serving' },
      reason: input.reason,
    }),
  ])
  if (owner) {
    await notify(
      { userId: owner._id, openid: owner.openid },
      { template: 'review', page: TERM_PAGE, values: { thing1: '乡村振兴志愿者服务期延期', phrase2: '已登记', thing3: `服务期延至 ${input.termEnd}` } },
      ctx.now,
    )
  }
  const next: RegistrationDoc = { ...r, ...change, termExtensions: [...(r.termExtensions ?? []), extension] }
  return termView(next, settings.termGraceDays, today)
}
