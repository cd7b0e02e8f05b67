// 两赛（乡村旅游直播大赛、电商营销大赛）：主办团委（团市委，或县级团委办本县的大赛）设定规则、轮次、
// 评分细则和奖项并开放报名；志愿者、农村青年个人或组队报名，提交作品（https 视频或直播链接、
// 至多 6 张图片、介绍），截止前可改；评委（凭邀请获得、以大赛为范围的角色）按评分细则为本轮作品
// 评分，彼此看不到评分，可声明回避，不能为自己所在团队的作品评分；主办方公布本轮排名（排名规则见
// contest-rules.ts），前若干名晋级下一轮，最后一轮按名次颁奖；参赛者可在申诉期内申诉，主办方答复。
//
// Counted once however many act at once: a submission is one update conditional on the entry being
// a draft (the contest's count moves only for the winner); a judge's score of an entry is one
// document keyed by entry, round and judge; a person's place in a contest is one document keyed by
// contest and person; results are moved on by conditional updates on the entry's state.
import crypto from 'node:crypto'
import { contest, type ContestView, type EntryView } from '../../types/contest'
import {
  APPEAL_STATUS_LABELS,
  CONTEST_PICTURE_MAX_BYTES,
  CONTEST_STATUS_LABELS,
  CONTEST_TIE_RULE,
  ENTRY_STATUS_LABELS,
  rankEntries,
  scoresProblem,
  weightedScore,
  type ContestStatus,
  type EntryStatus,
} from '../../types/contest-rules'
import { contestAppealMachine, contestEntryMachine, contestMachine, type StepRole } from '../../types/machines'
import { dayjs, shanghaiDate, shanghaiDateTime, wechatTime, ZONE, isoOrEmpty as iso, shanghaiMoment as at } from '../../types/time'
import { audit } from '../_shared/audit'
import {
  COLLECTIONS,
  type ContestAppealDoc,
  type ContestDoc,
  type ContestEntryDoc,
  type ContestMemberDoc,
  type ContestScoreDoc,
  type RegistrationDoc,
  type UserDoc,
} from '../_shared/collections'
import { _, db, files, isDuplicateKey } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { CITY, countyName } from '../_shared/divisions'
import { conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { takeStep } from '../_shared/machines'
import { holdersOf, notifyEach, recipientsOf, type AnyNotice, type Recipient } from '../_shared/notify'
import { aggregateAll, pageWithTotal, readAll } from '../_shared/paging'
import { adoptUpload } from '../_shared/uploads'
import { announce } from '../_shared/announce'
import { timeBudget } from '../_shared/reminders'
import { contestReportHandlers } from './report'

const contests = () => db.collection<ContestDoc>(COLLECTIONS.contests)
const entries = () => db.collection<ContestEntryDoc>(COLLECTIONS.contestEntries)
const members = () => db.collection<ContestMemberDoc>(COLLECTIONS.contestMembers)
const scores = () => db.collection<ContestScoreDoc>(COLLECTIONS.contestScores)
const appeals = () => db.collection<ContestAppealDoc>(COLLECTIONS.contestAppeals)

const DETAIL_PAGE = 'packages/contest/detail/index'
const RESULTS_PAGE = 'packages/contest/results/index'
const PICTURES = ['image/jpeg', 'image/png'] as const
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const teamCode = () => Array.from(crypto.randomBytes(6), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
const STALE = '刚刚有人改动了这里，请刷新后再试'

// ---- views ------------------------------------------------------------------------------------

function contestView(c: ContestDoc): ContestView {
  return {
    id: c._id,
    kind: c.kind,
    title: c.title,
    rules: c.rules,
    countyCode: c.countyCode,
    hostName: c.countyCode ? `${c.countyName}团委` : '团市委',
    mode: c.mode,
    maxTeamSize: c.maxTeamSize,
    rounds: c.rounds.map((r) => ({ name: r.name, entryDeadline: shanghaiDateTime(r.entryDeadline), judgingEnds: shanghaiDateTime(r.judgingEnds), advance: r.advance })),
    rubric: c.rubric,
    awards: c.awards,
    appealDays: c.appealDays,
    status: c.status,
    round: c.round,
    submitted: c.submitted,
    publishedAt: iso(c.publishedAt),
    appealUntil: c.appealUntil ? shanghaiDate(c.appealUntil) : '',
    tieRule: CONTEST_TIE_RULE,
    updatedAt: iso(c.updatedAt),
  }
}

const isLast = (c: ContestDoc, round: number) => round >= c.rounds.length - 1

function outcomeLabel(c: ContestDoc, status: EntryStatus, award: string, round: number): string {
  if (status === 'awarded') return award
  if (status === 'advanced') return '晋级'
  if (status === 'eliminated') return isLast(c, round) ? '未获奖' : '未晋级'
  return ENTRY_STATUS_LABELS[status]
}

async function entryView(e: ContestEntryDoc, c: ContestDoc, userId: string, now: Date): Promise<EntryView> {
  const urls = e.pictureIds.length ? await files.tempUrls(e.pictureIds).catch(() => new Map<string, string>()) : new Map<string, string>()
  const captain = e.captainId === userId
  const open = c.status === 'open' && e.round === c.round && now < c.rounds[c.round].entryDeadline
  const editable = open && (e.status === 'draft' || e.status === 'submitted')
  return {
    id: e._id,
    contestId: e.contestId,
    contestTitle: e.contestTitle,
    mode: e.mode,
    title: e.title,
    workUrl: e.workUrl,
    pictures: e.pictureIds.map((fileId) => ({ fileId, url: urls.get(fileId) ?? '' })),
    description: e.description,
    members: e.members.map((m) => ({ name: m.name, captain: m.captain })),
    teamCode: captain && e.mode === 'team' ? e.teamCode : '',
    status: e.status,
    round: e.round,
    submittedAt: iso(e.submittedAt),
    results: e.results.map((r) => ({ ...r, roundName: c.rounds[r.round]?.name ?? '' })),
    award: e.award,
    mine: {
      captain,
      canEdit: captain && editable,
      canSubmit: captain && editable && e.status === 'draft',
      canAppeal: e.memberIds.includes(userId) && c.status === 'published' && !!c.appealUntil && now <= c.appealUntil && e.lastRound === c.round,
    },
  }
}

// ---- reach ------------------------------------------------------------------------------------

/** The contests a league admin hosts: the city all, a county admin their county's. */
async function manages(ctx: CallContext, c: Pick<ContestDoc, 'countyCode'>): Promise<boolean> {
  const user = await ctx.user()
  if (!user?.roles.some((g) => g.role === 'county_admin' || g.role === 'city_admin')) return false
  const counties = await ctx.adminCounties()
  return counties === 'city' || (!!c.countyCode && counties.has(c.countyCode))
}

async function loadContest(id: string): Promise<ContestDoc> {
  const { data: c } = await contests().doc(id).get()
  if (!c) throw notFound('没有找到这场大赛')
  return c
}

/** A contest the caller hosts (refused otherwise); drafts are nobody else's business. */
async function hostedContest(id: string, ctx: CallContext): Promise<ContestDoc> {
  const c = await loadContest(id)
  if (!(await manages(ctx, c))) throw forbidden(c.countyCode ? '只能管理本县（市、区）主办的大赛' : '只有团市委能管理全市的大赛')
  return c
}

/** A contest visible to an entrant or a judge: any but drafts (the host sees its drafts). */
async function visibleContest(id: string, ctx: CallContext): Promise<ContestDoc> {
  const c = await loadContest(id)
  if (c.status === 'draft' && !(await manages(ctx, c))) throw notFound('没有找到这场大赛')
  return c
}

const hostRoles = async (ctx: CallContext): Promise<StepRole[]> => ((await ctx.adminCounties()) === 'city' ? ['city_admin'] : ['county_admin'])

/** The caller's judge grant for this contest (refused otherwise). */
async function judgeOf(ctx: CallContext, contestId: string): Promise<UserDoc> {
  const grants = await ctx.requireRoles(['judge'])
  if (!grants.some((g) => g.scopeId === contestId)) throw forbidden('你不是这场大赛的评委')
  return (await ctx.user())!
}

async function loadEntry(id: string): Promise<ContestEntryDoc> {
  const { data: e } = await entries().doc(id).get()
  if (!e) throw notFound('没有找到这件参赛作品')
  return e
}

/** The entrant's approved registration fitting the contest (a county contest: of that county). */
async function entrantName(userId: string, c: ContestDoc): Promise<string> {
  const regs = await readAll(db.collection<RegistrationDoc>(COLLECTIONS.registrations).where({ userId, status: 'approved' }))
  const fit = regs.find((r) => !c.countyCode || r.countyCode === c.countyCode)
  if (!fit) throw conflict(regs.length ? `这场大赛面向${c.countyName}的志愿者和农村青年` : '请先完成志愿者或农村青年注册并通过审核，再报名参赛')
  return fit.name
}

// ---- scores -----------------------------------------------------------------------------------

interface Tally {
  entryId: string
  score: number
  first: number
  judged: number
}

/** Each entry's average over its judges (conflicts left out), by one aggregation on the database. */
async function tallies(contestId: string, round: number, entryIds?: string[]): Promise<Map<string, Tally>> {
  const rows = await aggregateAll<{ _id: string; score: number; first: number; judged: number }>(
    () =>
      scores()
        .aggregate()
        .match({ contestId, round, conflict: false, ...(entryIds ? { entryId: _.in(entryIds) } : {}) })
        .group({ _id: '$entryId', score: { $avg: '$total' }, first: { $avg: '$first' }, judged: { $sum: 1 } })
        .sort({ _id: 1 }),
  )
  return new Map(rows.map((r) => [r._id, { entryId: r._id, score: Math.round(r.score * 100) / 100, first: r.first, judged: r.judged }]))
}

function judgeEntry(e: ContestEntryDoc, mine: ContestScoreDoc | undefined, urls: Map<string, string>) {
  return {
    id: e._id,
    title: e.title,
    workUrl: e.workUrl,
    pictures: e.pictureIds.map((p) => urls.get(p) ?? '').filter(Boolean),
    description: e.description,
    members: e.members.length,
    myScores: mine && !mine.conflict ? mine.scores : null,
    myTotal: mine && !mine.conflict ? mine.total : null,
    conflict: !!mine?.conflict,
  }
}

/** An entry a judge may act on: of their contest, in its round under judgement, submitted, not their own team's. */
async function judgeable(entryId: string, ctx: CallContext): Promise<{ e: ContestEntryDoc; c: ContestDoc; judge: UserDoc }> {
  const e = await loadEntry(entryId)
  const judge = await judgeOf(ctx, e.contestId)
  const c = await loadContest(e.contestId)
  // An entry whose scoring an upheld appeal reopened is judged again once the round's results are out.
  const reopened = c.status === 'published' && reopenedIn(e, c.round)
  if (c.status !== 'judging' && !reopened) throw conflict(`大赛现在是「${CONTEST_STATUS_LABELS[c.status]}」，不在评审期`)
  if (!reopened && ctx.now > c.rounds[c.round].judgingEnds) throw conflict(`本轮评审已于 ${shanghaiDateTime(c.rounds[c.round].judgingEnds)} 截止`)
  if (e.round !== c.round || e.status !== 'submitted') throw conflict('这件作品不在本轮评审之列')
  if (e.memberIds.includes(judge._id)) throw forbidden('你是这件作品的参赛成员，不能为它评分')
  return { e, c, judge }
}

// ---- results ----------------------------------------------------------------------------------

/** Whether an upheld appeal reopened this entry's scoring in `round` (and it waits for the results to be republished). */
const reopenedIn = (e: Pick<ContestEntryDoc, 'status' | 'reopenedRound'>, round: number) => e.status === 'submitted' && e.reopenedRound === round

/**
 * Moves the round's submitted entries on by its results (the tie rule orders them): the best
 * `advance` to the next round, or in the last round the awards in order; the rest are out. Each
 * move is conditional on the entry still being submitted, so running it twice moves nobody twice.
 * Entries reopened by an upheld appeal wait for the league to republish (`republish`): then the
 * round is ranked again with their new scores, they move on, and every entry whose rank, award or
 * outcome the correction changes is corrected and told (so no two entries share a rank and no
 * award is given more often than the contest offers).
 */
async function settle(c: ContestDoc, now: Date, republish = false): Promise<{ moved: number }> {
  const round = c.round
  const all = await readAll(entries().where({ contestId: c._id, round, status: _.in(['submitted', 'advanced', 'eliminated', 'awarded']) }), { max: 10_000 })
  const moves = new Set(all.filter((e) => e.status === 'submitted' && reopenedIn(e, round) === republish).map((e) => e._id))
  const t = await tallies(c._id, round)
  const ranked = rankEntries(
    all.filter((e) => e.status !== 'submitted' || moves.has(e._id)).map((e) => ({ entryId: e._id, score: t.get(e._id)?.score ?? 0, first: t.get(e._id)?.first ?? 0, submittedAt: e.submittedAt ? new Date(e.submittedAt).getTime() : 0, e })),
  )
  const last = isLast(c, round)
  const prizes = c.awards.flatMap((a) => Array.from({ length: a.count }, () => a.name))
  let moved = 0
  const told: { to: string[]; notice: AnyNotice }[] = []
  for (const [i, r] of ranked.entries()) {
    const rank = i + 1
    const award = last ? (prizes[i] ?? '') : ''
    const status: EntryStatus = last ? (award ? 'awarded' : 'eliminated') : i < c.rounds[round].advance ? 'advanced' : 'eliminated'
    const outcome = outcomeLabel(c, status, award, round)
    const moving = moves.has(r.entryId)
    // Republishing corrects a settled entry only where the new ranking changes it.
    const corrected = !moving && republish && (r.e.lastRank !== rank || r.e.status !== status || (r.e.award ?? '') !== award)
    if (!moving && !corrected) continue
    const { stats } = await entries()
      .where(moving ? { _id: r.entryId, status: 'submitted', round } : { _id: r.entryId, status: r.e.status, round, lastRank: r.e.lastRank })
      .update({ data: { status, results: [...r.e.results.filter((x) => x.round !== round), { round, score: r.score, rank, outcome }], lastRound: round, lastRank: rank, lastScore: r.score, award, updatedAt: now } })
    if (stats.updated !== 1) continue
    moved++
    const what = corrected ? `结果更正：第 ${rank} 名，平均分 ${r.score}` : `第 ${rank} 名，平均分 ${r.score}`
    told.push({ to: r.e.memberIds, notice: { template: 'review', page: `${RESULTS_PAGE}?id=${c._id}`, values: { thing1: `${c.title}·${c.rounds[round].name}`, phrase2: outcome, thing3: what } } })
  }
  await contests().where({ _id: c._id, settledRound: _.lt(round) }).update({ data: { settledRound: round } })
  const people = new Map((await recipientsOf([...new Set(told.flatMap((x) => x.to))])).map((p) => [p.userId, p]))
  await notifyEach(told.flatMap((x) => x.to.flatMap((u) => (people.get(u) ? [{ to: people.get(u) as Recipient, notice: x.notice }] : []))), now)
  return { moved }
}

/** Entries that advanced enter the round now open: submitted again (editable until its deadline). */
async function carryOver(c: ContestDoc, now: Date): Promise<number> {
  const carried = await readAll(entries().where({ contestId: c._id, round: c.round - 1, status: 'advanced' }).field({ memberIds: true }), { max: 10_000 })
  if (carried.length === 0) return 0
  const { stats } = await entries().where({ contestId: c._id, round: c.round - 1, status: 'advanced' }).update({ data: { status: 'submitted', round: c.round, updatedAt: now } })
  if (stats.updated > 0) await contests().where({ _id: c._id, round: c.round }).update({ data: { submitted: _.inc(stats.updated) } })
  const r = c.rounds[c.round]
  const to = await recipientsOf([...new Set(carried.flatMap((e) => e.memberIds))])
  await notifyEach(to.map((p) => ({ to: p, notice: { template: 'reminder', page: `${DETAIL_PAGE}?id=${c._id}`, values: { thing1: `${c.title}·${r.name}`, date2: wechatTime(shanghaiDate(r.entryDeadline), shanghaiDateTime(r.entryDeadline).slice(11)), thing3: '已进入本轮，截止前可更新作品' } } as AnyNotice })), now)
  return stats.updated
}

// ---- actions ----------------------------------------------------------------------------------

export const main = defineFunction(
  'contest',
  contest,
  {
    // Reports (issue 22 item 5): ./report.ts.
    ...contestReportHandlers,
    async list(input, ctx) {
      let criteria: Record<string, unknown> = { status: _.neq('draft') }
      if (input.manage) {
        const counties = await ctx.adminCounties()
        criteria = counties === 'city' ? {} : { countyCode: _.in([...counties]) }
      }
      const q = contests().where(criteria)
      const { total, data } = await pageWithTotal(q, [['createdAt', 'desc'], ['_id', 'asc']], input)
      return { items: data.map(contestView), total }
    },

    async get(input, ctx) {
      const c = await visibleContest(input.id, ctx)
      const user = await ctx.user()
      let myEntry: EntryView | null = null
      if (user) {
        const { data: m } = await members().doc(`${c._id}:${user._id}`).get()
        if (m) myEntry = await entryView(await loadEntry(m.entryId), c, user._id, ctx.now)
      }
      return { contest: contestView(c), myEntry, manage: await manages(ctx, c) }
    },

    async save(input, ctx) {
      const user = (await ctx.user())!
      const { id, countyCode, ...rest } = input
      const counties = await ctx.adminCounties()
      if (counties !== 'city' && (!countyCode || !counties.has(countyCode))) throw forbidden('县（市、区）团委只能主办本县的大赛')
      const fields = {
        ...rest,
        countyCode,
        countyName: countyCode ? (countyName(countyCode) ?? '') : CITY.name,
        rounds: rest.rounds.map((r) => ({ name: r.name, entryDeadline: at(r.entryDeadline), judgingEnds: at(r.judgingEnds), advance: r.advance })),
      }
      if (countyCode && !fields.countyName) throw invalid('countyCode', '请选择主办的县（市、区）')
      if (!id) {
        const doc: ContestDoc = { _id: `C${crypto.randomBytes(8).toString('hex')}`, ...fields, status: 'draft', round: 0, submitted: 0, settledRound: -1, publishedAt: null, appealUntil: null, version: 1, createdBy: user._id, createdAt: ctx.now, updatedAt: ctx.now }
        await contests().add({ data: doc })
        await audit(ctx.now, { actorId: user._id, action: 'contest.create', targetType: 'contest', targetId: doc._id, before: null, after: { title: doc.title, kind: doc.kind, countyCode }, reason: '新建大赛' })
        return contestView(doc)
      }
      const c = await hostedContest(id, ctx)
      takeStep(contestMachine, { action: 'contest.save', from: c.status, roles: await hostRoles(ctx) }, () => conflict(`大赛已「${CONTEST_STATUS_LABELS[c.status]}」，不能再修改规则`))
      const { stats } = await contests().where({ _id: c._id, version: c.version, status: 'draft' }).update({ data: { ...fields, version: _.inc(1), updatedAt: ctx.now } })
      if (stats.updated !== 1) throw conflict(STALE)
      await audit(ctx.now, { actorId: user._id, action: 'contest.update', targetType: 'contest', targetId: c._id, before: { title: c.title }, after: { title: fields.title }, reason: '修改大赛' })
      return contestView({ ...c, ...fields, version: c.version + 1, updatedAt: ctx.now })
    },

    async advance(input, ctx) {
      const user = (await ctx.user())!
      const c = await hostedContest(input.id, ctx)
      const variant = input.to
      const to: ContestStatus = variant === 'next' ? 'open' : variant === 'republish' ? 'published' : variant
      takeStep(contestMachine, { action: 'contest.advance', variant, from: c.status, roles: await hostRoles(ctx) }, () =>
        conflict(`大赛现在是「${CONTEST_STATUS_LABELS[c.status]}」，不能${variant === 'next' ? '开始下一轮' : `转为「${CONTEST_STATUS_LABELS[to]}」`}`, 'to'),
      )
      const round = c.rounds[c.round]
      const change: Record<string, unknown> = { status: to }
      // Opened: everyone who may enter is to be told (announceOpening; the timer finishes what this call cannot).
      if (variant === 'open') change.announceAfter = ''
      if (variant === 'open' && ctx.now >= round.entryDeadline) throw conflict(`第一轮的作品提交截止时间 ${shanghaiDateTime(round.entryDeadline)} 已过，请先修改轮次时间`, 'rounds')
      if (variant === 'judging' && ctx.now < round.entryDeadline) throw conflict(`作品提交到 ${shanghaiDateTime(round.entryDeadline)} 截止，截止后才能转入评审`)
      if (variant === 'published') Object.assign(change, { publishedAt: ctx.now, appealUntil: dayjs(ctx.now).tz(ZONE).add(c.appealDays, 'day').endOf('day').toDate() })
      if (variant === 'republish') {
        // Nothing in the contest changes: the reopened entries' results are worked out again.
        const { moved } = await settle(c, ctx.now, true)
        await audit(ctx.now, { actorId: user._id, action: 'contest.republish', targetType: 'contest', targetId: c._id, before: { round: c.round }, after: { moved }, reason: `申诉成立后重新公布${round.name}结果` })
        return contestView(c)
      }
      if (variant === 'next') {
        if (isLast(c, c.round)) throw conflict('这已是最后一轮，比赛已结束')
        const { total: waiting } = await entries().where({ contestId: c._id, round: c.round, status: 'submitted', reopenedRound: c.round }).count()
        if (waiting > 0) throw conflict(`还有 ${waiting} 件作品因申诉成立在重新评分，请先重新公布本轮结果`)
        if (ctx.now >= c.rounds[c.round + 1].entryDeadline) throw conflict(`下一轮的提交截止时间 ${shanghaiDateTime(c.rounds[c.round + 1].entryDeadline)} 已过`)
        Object.assign(change, { round: c.round + 1, submitted: 0, appealUntil: null })
      }
      const { stats } = await contests().where({ _id: c._id, status: c.status, version: c.version }).update({ data: { ...change, version: _.inc(1), updatedAt: ctx.now } })
      if (stats.updated !== 1) throw conflict(STALE)
      const next = { ...c, ...change, version: c.version + 1, updatedAt: ctx.now } as ContestDoc
      await audit(ctx.now, { actorId: user._id, action: `contest.${variant}`, targetType: 'contest', targetId: c._id, before: { status: c.status, round: c.round }, after: { status: to, round: next.round }, reason: variant === 'published' ? `公布${round.name}结果` : '' })
      if (variant === 'open') await announceOpening(next, timeBudget(ANNOUNCE_IN_CALL_MS), ctx.now)
      if (variant === 'published') await settle(next, ctx.now)
      if (variant === 'next') await carryOver(next, ctx.now)
      if (variant === 'judging') {
        // The judges are told what waits for them (待办), up to the end of the judging window.
        const judges = await holdersOf('judge', c._id)
        await notifyEach(judges.map((to) => ({ to, notice: { template: 'todo', page: `packages/contest/judge/index?id=${c._id}`, values: { thing1: `${c.title}·${round.name}待评审`, number2: String(c.submitted), thing3: `请于 ${shanghaiDateTime(round.judgingEnds)} 前评分` } } as AnyNotice })), ctx.now)
      }
      return contestView(variant === 'next' ? (await contests().doc(c._id).get()).data! : next)
    },

    async saveEntry(input, ctx) {
      const user = await ctx.account()
      const c = await visibleContest(input.contestId, ctx)
      if (c.status !== 'open') throw conflict(`大赛现在是「${CONTEST_STATUS_LABELS[c.status]}」，不在报名和提交期`)
      const deadline = c.rounds[c.round].entryDeadline
      if (ctx.now >= deadline) throw conflict(`本轮作品已于 ${shanghaiDateTime(deadline)} 截止提交`)
      let existing: ContestEntryDoc | null = null
      if (input.id) {
        existing = await loadEntry(input.id)
        if (existing.contestId !== c._id) throw notFound('没有找到这件参赛作品')
        if (existing.captainId !== user._id) throw forbidden(existing.memberIds.includes(user._id) ? '只有队长能修改作品' : '只能修改自己的参赛作品')
        takeStep(contestEntryMachine, { action: 'contest.saveEntry', from: existing.status, roles: ['owner'] }, () => conflict(`作品已「${ENTRY_STATUS_LABELS[existing!.status]}」，不能再修改`))
        if (existing.round !== c.round) throw conflict('这件作品不在本轮比赛之列')
      } else if (c.round > 0) throw conflict('大赛已进入后续轮次，不再接受新的报名')
      const name = existing ? existing.captainName : await entrantName(user._id, c)
      const id = existing?._id ?? `E${crypto.randomBytes(8).toString('hex')}`
      // Pictures already the entry's are kept; new uploads are checked and moved.
      const kept = new Set(existing?.pictureIds ?? [])
      const adopted: string[] = []
      const pictureIds: string[] = []
      try {
        for (const [i, fileId] of input.pictureFileIds.entries()) {
          if (kept.has(fileId)) pictureIds.push(fileId)
          else {
            const f = await adoptUpload(fileId, { userId: user._id, field: `pictureFileIds.${i}`, dest: `contest/${id}-${crypto.randomBytes(4).toString('hex')}`, types: PICTURES, maxBytes: CONTEST_PICTURE_MAX_BYTES })
            adopted.push(f.fileId)
            pictureIds.push(f.fileId)
          }
        }
      } catch (err) {
        await files.remove(adopted).catch(() => undefined)
        throw err
      }
      const work = { title: input.title, workUrl: input.workUrl, pictureIds, description: input.description }
      if (existing) {
        const { stats } = await entries().where({ _id: id, version: existing.version, status: _.in(['draft', 'submitted']) }).update({ data: { ...work, version: _.inc(1), updatedAt: ctx.now } })
        if (stats.updated !== 1) {
          await files.remove(adopted).catch(() => undefined)
          throw conflict(STALE)
        }
        const dropped = existing.pictureIds.filter((p) => !pictureIds.includes(p))
        if (dropped.length) await files.remove(dropped).catch(() => undefined)
        await audit(ctx.now, { actorId: user._id, action: 'contest.editEntry', targetType: 'contest_entry', targetId: id, before: { title: existing.title, workUrl: existing.workUrl }, after: { title: work.title, workUrl: work.workUrl }, reason: '修改作品' })
        return entryView({ ...existing, ...work, version: existing.version + 1 }, c, user._id, ctx.now)
      }
      try {
        await members().add({ data: { _id: `${c._id}:${user._id}`, contestId: c._id, userId: user._id, entryId: id, createdAt: ctx.now } })
      } catch (err) {
        await files.remove(adopted).catch(() => undefined)
        if (isDuplicateKey(err)) throw conflict('你已报名这场大赛（每人只能参加一件作品）')
        throw err
      }
      const doc: ContestEntryDoc = {
        _id: id,
        contestId: c._id,
        contestTitle: c.title,
        countyCode: c.countyCode,
        mode: c.mode,
        captainId: user._id,
        captainName: name,
        members: [{ userId: user._id, name, captain: true, joinedAt: ctx.now }],
        memberIds: [user._id],
        teamCode: teamCode(),
        ...work,
        status: 'draft',
        round: 0,
        submittedAt: null,
        results: [],
        lastRound: -1,
        lastRank: 0,
        lastScore: 0,
        award: '',
        version: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      await entries().add({ data: doc })
      await audit(ctx.now, { actorId: user._id, action: 'contest.enter', targetType: 'contest_entry', targetId: id, before: null, after: { title: doc.title, mode: doc.mode }, reason: '报名参赛' })
      return entryView(doc, c, user._id, ctx.now)
    },

    async submitEntry(input, ctx) {
      const user = await ctx.account()
      const e = await loadEntry(input.id)
      if (e.captainId !== user._id) throw forbidden(e.memberIds.includes(user._id) ? '只有队长能提交作品' : '只能提交自己的参赛作品')
      const c = await loadContest(e.contestId)
      takeStep(contestEntryMachine, { action: 'contest.submitEntry', from: e.status, roles: ['owner'] }, () => conflict(`作品已「${ENTRY_STATUS_LABELS[e.status]}」，无需再次提交`))
      if (c.status !== 'open' || e.round !== c.round) throw conflict(`大赛现在是「${CONTEST_STATUS_LABELS[c.status]}」，不在提交期`)
      if (ctx.now >= c.rounds[c.round].entryDeadline) throw conflict(`本轮作品已于 ${shanghaiDateTime(c.rounds[c.round].entryDeadline)} 截止提交`)
      if (e.mode === 'team' && e.members.length < 2) throw conflict('团队参赛至少需要 2 名成员，请先把团队码分享给队友')
      const { stats } = await entries().where({ _id: e._id, status: 'draft' }).update({ data: { status: 'submitted', submittedAt: ctx.now, updatedAt: ctx.now } })
      if (stats.updated !== 1) throw conflict('作品已提交，无需再次提交')
      await contests().doc(c._id).update({ data: { submitted: _.inc(1) } })
      await audit(ctx.now, { actorId: user._id, action: 'contest.submit', targetType: 'contest_entry', targetId: e._id, before: { status: e.status }, after: { status: 'submitted' }, reason: '提交作品' })
      const to = await recipientsOf(e.memberIds)
      await notifyEach(
        to.map((r) => ({ to: r, notice: { template: 'review', page: `${DETAIL_PAGE}?id=${c._id}`, values: { thing1: `${c.title}：${e.title}`, phrase2: '作品已收到', thing3: `截止前仍可修改，截止时间 ${shanghaiDateTime(c.rounds[c.round].entryDeadline)}` } } as AnyNotice })),
        ctx.now,
      )
      return entryView({ ...e, status: 'submitted', submittedAt: ctx.now }, c, user._id, ctx.now)
    },

    async joinTeam(input, ctx) {
      const user = await ctx.account()
      const { data } = await entries().where({ teamCode: input.code }).limit(1).get()
      const e = data[0]
      if (!e || e.mode !== 'team') throw notFound('团队码不存在，请向队长核对')
      const c = await loadContest(e.contestId)
      if (e.memberIds.includes(user._id)) throw conflict('你已在这支团队中')
      if (e.status !== 'draft' && e.status !== 'submitted') throw conflict(`作品已「${ENTRY_STATUS_LABELS[e.status]}」，不能再加入`)
      if (c.status !== 'open' || ctx.now >= c.rounds[c.round].entryDeadline) throw conflict('本轮作品提交已截止，不能再加入团队')
      const name = await entrantName(user._id, c)
      try {
        await members().add({ data: { _id: `${c._id}:${user._id}`, contestId: c._id, userId: user._id, entryId: e._id, createdAt: ctx.now } })
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('你已报名这场大赛（每人只能参加一件作品）')
        throw err
      }
      const member = { userId: user._id, name, captain: false, joinedAt: ctx.now }
      const { stats } = await entries()
        .where({ _id: e._id, status: _.in(['draft', 'submitted']), [`memberIds.${c.maxTeamSize - 1}`]: _.exists(false) })
        .update({ data: { members: _.push([member]), memberIds: _.push([user._id]), updatedAt: ctx.now } })
      if (stats.updated !== 1) {
        await members().doc(`${c._id}:${user._id}`).remove()
        throw conflict(`团队最多 ${c.maxTeamSize} 人，已满员`)
      }
      await audit(ctx.now, { actorId: user._id, action: 'contest.joinTeam', targetType: 'contest_entry', targetId: e._id, before: null, after: { member: name }, reason: '凭团队码加入' })
      return entryView({ ...e, members: [...e.members, member], memberIds: [...e.memberIds, user._id] }, c, user._id, ctx.now)
    },

    async mine(input, ctx) {
      const user = await ctx.user()
      if (!user) return { items: [], total: 0 }
      const q = members().where({ userId: user._id })
      const { total, data } = await pageWithTotal(q, [['createdAt', 'desc'], ['_id', 'asc']], input)
      if (data.length === 0) return { items: [], total }
      const [list, cs] = await Promise.all([
        entries().where({ _id: _.in(data.map((m) => m.entryId)) }).get(),
        contests().where({ _id: _.in([...new Set(data.map((m) => m.contestId))]) }).get(),
      ])
      const byId = new Map(list.data.map((e) => [e._id, e]))
      const cById = new Map(cs.data.map((c) => [c._id, c]))
      const items = await Promise.all(data.filter((m) => byId.has(m.entryId) && cById.has(m.contestId)).map((m) => entryView(byId.get(m.entryId)!, cById.get(m.contestId)!, user._id, ctx.now)))
      return { items, total }
    },

    async results(input, ctx) {
      const c = await visibleContest(input.contestId, ctx)
      const published = c.status === 'published' ? c.round : c.round - 1
      const round = input.round ?? published
      if (round < 0 || round > published) throw notFound('这一轮的结果尚未公布')
      const q = entries().where({ contestId: c._id, lastRound: _.gte(round), 'results.round': round })
      const skip = (input.page - 1) * input.pageSize
      const [{ total }, all] = await Promise.all([q.count(), readAll(q.field({ title: true, captainName: true, results: true, award: true, status: true }), { max: 10_000 })])
      const rows = all
        .map((e) => ({ e, r: e.results.find((x) => x.round === round)! }))
        .sort((a, b) => a.r.rank - b.r.rank)
        .slice(skip, skip + input.pageSize)
      return {
        total,
        round,
        roundName: c.rounds[round].name,
        items: rows.map(({ e, r }) => ({ id: e._id, title: e.title, captainName: e.captainName, rank: r.rank, score: r.score, outcome: r.outcome, award: isLast(c, round) ? e.award : '' })),
      }
    },

    async appeal(input, ctx) {
      const user = await ctx.account()
      const e = await loadEntry(input.entryId)
      if (!e.memberIds.includes(user._id)) throw forbidden('只能对自己参加的作品提出申诉')
      const c = await loadContest(e.contestId)
      if (c.status !== 'published' || e.lastRound !== c.round) throw conflict('本轮结果尚未公布，暂不能申诉')
      if (!c.appealUntil || ctx.now > c.appealUntil) throw conflict(`申诉期已于 ${c.appealUntil ? shanghaiDate(c.appealUntil) : ''} 结束`)
      const doc: ContestAppealDoc = { _id: `${e._id}:${c.round}`, contestId: c._id, countyCode: c.countyCode, entryId: e._id, entryTitle: e.title, round: c.round, userId: user._id, reason: input.reason, status: 'open', answer: '', answeredBy: '', answeredAt: null, createdAt: ctx.now }
      try {
        await appeals().add({ data: doc })
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('这件作品本轮已提出过申诉')
        throw err
      }
      await audit(ctx.now, { actorId: user._id, action: 'contest.appeal', targetType: 'contest_appeal', targetId: doc._id, before: null, after: { status: 'open' }, reason: input.reason })
      const hosts = c.countyCode ? await holdersOf('county_admin', c.countyCode) : await holdersOf('city_admin', CITY.code)
      await notifyEach(hosts.map((to) => ({ to, notice: { template: 'todo', page: `packages/contest/appeals/index?id=${c._id}`, values: { thing1: `${c.title}收到申诉`, number2: '1', thing3: `请在申诉期内答复：${e.title}` } } as AnyNotice })), ctx.now)
      return appealView(doc)
    },

    async entries(input, ctx) {
      const c = await hostedContest(input.contestId, ctx)
      const q = entries().where({ contestId: c._id, round: c.round })
      const { total, data } = await pageWithTotal(
        q,
        [
          ['status', 'desc'],
          ['submittedAt', 'asc'],
          ['_id', 'asc'],
        ],
        input,
      )
      const t = await tallies(c._id, c.round, data.map((e) => e._id))
      return {
        total,
        items: data.map((e) => ({
          id: e._id,
          title: e.title,
          captainName: e.captainName,
          members: e.members.length,
          status: e.status,
          submittedAt: iso(e.submittedAt),
          judged: t.get(e._id)?.judged ?? 0,
          rank: e.lastRound === c.round ? e.lastRank : 0,
          score: t.get(e._id)?.score ?? 0,
          award: e.award,
        })),
      }
    },

    async appeals(input, ctx) {
      const c = await hostedContest(input.contestId, ctx)
      const q = appeals().where({ contestId: c._id, ...(input.status ? { status: input.status } : {}) })
      const { total, data } = await pageWithTotal(q, [['createdAt', 'asc'], ['_id', 'asc']], input)
      return { total, items: data.map(appealView) }
    },

    async answerAppeal(input, ctx) {
      const user = (await ctx.user())!
      const { data: a } = await appeals().doc(input.id).get()
      if (!a) throw notFound('没有找到这条申诉')
      const c = await hostedContest(a.contestId, ctx)
      const roles = await hostRoles(ctx)
      takeStep(contestAppealMachine, { action: 'contest.answerAppeal', variant: input.decision, from: a.status, roles }, () => conflict(`这条申诉已「${APPEAL_STATUS_LABELS[a.status]}」`))
      const { data: appealed } = await entries().doc(a.entryId).get()
      // Upheld, the entry's scoring reopens for that round: only while that round's results stand and the entry holds one.
      if (input.decision === 'upheld') {
        if (!appealed || c.status !== 'published' || c.round !== a.round || appealed.round !== a.round || appealed.lastRound !== a.round) throw conflict('这件作品本轮的结果已不在，不能再重新评分')
        takeStep(contestEntryMachine, { action: 'contest.answerAppeal', variant: 'upheld', from: appealed.status, roles }, () => conflict(`这件作品现在是「${ENTRY_STATUS_LABELS[appealed.status]}」，不能重新评分`))
      }
      const change = { status: input.decision, answer: input.answer, answeredBy: user._id, answeredAt: ctx.now }
      const { stats } = await appeals().where({ _id: a._id, status: 'open' }).update({ data: change })
      if (stats.updated !== 1) throw conflict('这条申诉刚刚已被答复')
      await audit(ctx.now, { actorId: user._id, action: `contest.appeal.${input.decision}`, targetType: 'contest_appeal', targetId: a._id, before: { status: a.status }, after: { status: input.decision }, reason: input.answer })
      let reopened = false
      if (input.decision === 'upheld' && appealed) {
        const { stats: moved } = await entries().where({ _id: appealed._id, status: appealed.status, round: a.round }).update({ data: { status: 'submitted', reopenedRound: a.round, award: '', updatedAt: ctx.now } })
        reopened = moved.updated === 1
        if (reopened) await audit(ctx.now, { actorId: user._id, action: 'contest.reopen_scoring', targetType: 'contest_entry', targetId: appealed._id, before: { status: appealed.status }, after: { status: 'submitted' }, reason: `申诉成立，${c.rounds[a.round].name}重新评分` })
        // The judges are told what waits for them again.
        if (reopened) {
          const judges = await holdersOf('judge', c._id)
          await notifyEach(judges.map((to) => ({ to, notice: { template: 'todo', page: `packages/contest/judge/index?id=${c._id}`, values: { thing1: `${c.title}·申诉复核`, number2: '1', thing3: `请重新为「${appealed.title}」评分` } } as AnyNotice })), ctx.now)
        }
      }
      const to = await recipientsOf(appealed?.memberIds ?? [a.userId])
      await notifyEach(to.map((r) => ({ to: r, notice: { template: 'review', page: `${RESULTS_PAGE}?id=${a.contestId}`, values: { thing1: `申诉：${a.entryTitle}`, phrase2: input.decision === 'upheld' ? '申诉成立' : '申诉驳回', thing3: reopened ? `本轮重新评分，结果重新公布后通知你。${input.answer}` : input.answer } } as AnyNotice })), ctx.now)
      return appealView({ ...a, ...change })
    },

    async judging(input, ctx) {
      const grants = await ctx.requireRoles(['judge'])
      const user = (await ctx.user())!
      const ids = [...new Set(grants.map((g) => g.scopeId))]
      const q = contests().where({ _id: _.in(ids), status: _.neq('draft') })
      const { total, data } = await pageWithTotal(q, [['createdAt', 'desc'], ['_id', 'asc']], input)
      const items = await Promise.all(
        data.map(async (c) => {
          const [{ total: toScore }, { total: scored }] = await Promise.all([
            entries().where({ contestId: c._id, round: c.round, status: 'submitted' }).count(),
            scores().where({ judgeId: user._id, contestId: c._id, round: c.round }).count(),
          ])
          return { ...contestView(c), scored, toScore }
        }),
      )
      return { items, total }
    },

    async judgeEntries(input, ctx) {
      const judge = await judgeOf(ctx, input.contestId)
      const c = await visibleContest(input.contestId, ctx)
      // A judge never sees the entries of their own team, nor anyone's scores but their own.
      const q = entries().where({ contestId: c._id, round: c.round, status: 'submitted', memberIds: _.neq(judge._id) })
      const { total, data } = await pageWithTotal(q, [['submittedAt', 'asc'], ['_id', 'asc']], input)
      const mine = data.length ? await scores().where({ _id: _.in(data.map((e) => `${e._id}:${c.round}:${judge._id}`)) }).get() : { data: [] as ContestScoreDoc[] }
      const byEntry = new Map(mine.data.map((s) => [s.entryId, s]))
      const urls = await files.tempUrls(data.flatMap((e) => e.pictureIds)).catch(() => new Map<string, string>())
      return { total, items: data.map((e) => judgeEntry(e, byEntry.get(e._id), urls)) }
    },

    async score(input, ctx) {
      const { e, c, judge } = await judgeable(input.entryId, ctx)
      const problem = scoresProblem(c.rubric, input.scores)
      if (problem) throw invalid('scores', problem)
      const id = `${e._id}:${c.round}:${judge._id}`
      const { data: had } = await scores().doc(id).get()
      if (had?.conflict) throw conflict('你已声明回避这件作品，不能再评分')
      const total = weightedScore(c.rubric, input.scores)
      const first = Math.round((input.scores[0] / c.rubric[0].maxScore) * 10_000) / 100
      const doc: ContestScoreDoc = { _id: id, contestId: c._id, entryId: e._id, round: c.round, judgeId: judge._id, scores: input.scores, total, first, conflict: false, reason: '', createdAt: had?.createdAt ?? ctx.now, updatedAt: ctx.now }
      // An update that changes nothing (the same scores sent twice in the same millisecond) counts
      // no document as updated; only a conflict declared meanwhile refuses the score.
      const rescore = async () => {
        const { stats } = await scores().where({ _id: id, conflict: false }).update({ data: { scores: input.scores, total, first, updatedAt: ctx.now } })
        if (stats.updated === 1) return
        const { data: now } = await scores().doc(id).get()
        if (now?.conflict !== false) throw conflict('你已声明回避这件作品，不能再评分')
      }
      if (had) {
        await rescore()
      } else {
        try {
          await scores().add({ data: doc })
        } catch (err) {
          if (!isDuplicateKey(err)) throw err
          // The same judge's second send at once: the first one stands, this one updates it.
          await rescore()
        }
      }
      await audit(ctx.now, { actorId: judge._id, action: 'contest.score', targetType: 'contest_entry', targetId: e._id, before: had ? { total: had.total } : null, after: { total }, reason: `第 ${c.round + 1} 轮评分` })
      return judgeEntry(e, doc, new Map())
    },

    async declareConflict(input, ctx) {
      const { e, c, judge } = await judgeable(input.entryId, ctx)
      const id = `${e._id}:${c.round}:${judge._id}`
      const doc: ContestScoreDoc = { _id: id, contestId: c._id, entryId: e._id, round: c.round, judgeId: judge._id, scores: [], total: 0, first: 0, conflict: true, reason: input.reason, createdAt: ctx.now, updatedAt: ctx.now }
      const { data: had } = await scores().doc(id).get()
      if (had?.conflict) throw conflict('你已声明回避这件作品')
      // A score given before is withdrawn: the entry's average leaves this judge out.
      await scores().doc(id).set({ data: { contestId: doc.contestId, entryId: doc.entryId, round: doc.round, judgeId: doc.judgeId, scores: [], total: 0, first: 0, conflict: true, reason: input.reason, createdAt: had?.createdAt ?? ctx.now, updatedAt: ctx.now } })
      await audit(ctx.now, { actorId: judge._id, action: 'contest.conflict', targetType: 'contest_entry', targetId: e._id, before: had ? { total: had.total } : null, after: { conflict: true }, reason: input.reason })
      return judgeEntry(e, doc, new Map())
    },
  },
  { settleResults },
)

function appealView(a: ContestAppealDoc) {
  return { id: a._id, contestId: a.contestId, entryId: a.entryId, entryTitle: a.entryTitle, round: a.round, reason: a.reason, status: a.status, answer: a.answer, createdAt: iso(a.createdAt), answeredAt: iso(a.answeredAt) }
}

/** How long opening a contest spends telling people before it answers (the timer goes on); a timer run's share of its 20 s. */
const ANNOUNCE_IN_CALL_MS = 4_000
const ANNOUNCE_RUN_MS = 8_000

/**
 * Tells everyone who may enter a contest just opened (approved volunteers and rural youth; of its
 * county for a county's contest) in 消息, page by page, each person once (`_shared/announce`, as
 * the job fairs announce theirs). Resolves to how many were told.
 */
async function announceOpening(c: ContestDoc, budget: { left: () => boolean }, now: Date): Promise<number> {
  const r = c.rounds[0]
  return announce(
    {
      collection: COLLECTIONS.contests,
      id: c._id,
      still: { status: 'open' },
      after: c.announceAfter,
      eligible: { kind: _.in(['volunteer', 'rural_youth']), ...(c.countyCode ? { countyCode: c.countyCode } : {}) },
      notice: { template: 'reminder', page: `${DETAIL_PAGE}?id=${c._id}`, values: { thing1: c.title, date2: wechatTime(shanghaiDate(r.entryDeadline), shanghaiDateTime(r.entryDeadline).slice(11)), thing3: `${c.countyName}大赛开放报名，截止前提交作品` } },
    },
    budget,
    now,
  )
}

/**
 * The timer's backstop (every 10 minutes): an opening not yet told to everyone goes on where it
 * stood; a round published whose entries were not all moved on (the publishing call ran out of
 * time) is settled; entries that advanced join the round now open.
 */
async function settleResults(now: Date): Promise<Record<string, unknown>> {
  let settled = 0
  let carried = 0
  let announced = 0
  const budget = timeBudget(ANNOUNCE_RUN_MS)
  for (const c of await readAll(contests().where({ status: 'open', announceAfter: _.exists(true) }), { max: 1000 })) if (budget.left()) announced += await announceOpening(c, budget, now)
  for (const c of await readAll(contests().where({ status: 'published' }), { max: 1000 })) settled += (await settle(c, now)).moved
  for (const c of await readAll(contests().where({ status: 'open', round: _.gt(0) }), { max: 1000 })) carried += await carryOver(c, now)
  return { settled, carried, announced }
}
