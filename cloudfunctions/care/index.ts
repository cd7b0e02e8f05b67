// 探访慰问与职务：镇街团委、县团委和团市委记录对志愿者的探访（住房、饮食、办公、身体、工作与需求、跟进事项），
// 志愿者的探访记录只有其所在镇街、所在县和团市委能看；团组织看到超过探访周期未探访的志愿者和逾期的跟进事项；
// 县、市团委记录志愿者担任的职务（县团委副书记即“头雁”，每县同一时间只有一位）。
import crypto from 'node:crypto'
import { care, type CareVolunteer, type PostView, type VisitView } from '../../types/care'
import { CARE_ASPECTS, END_BEFORE_START, FUTURE_VISIT, POST_KIND_LABELS, postTitle, spansOverlap } from '../../types/care-rules'
import { dayjs, shanghaiDate } from '../../types/time'
import { audit } from '../_shared/audit'
import { COLLECTIONS, personLabel, type CarePostDoc, type CarePostSlotDoc, type CareVisitDoc, type RegistrationDoc } from '../_shared/collections'
import { _, $, containing, db } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, countyName, townshipOf } from '../_shared/divisions'
import { conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { notify, recipientsOf } from '../_shared/notify'
import { decrypt, encrypt } from '../_shared/pii'
import { loadSettings } from '../_shared/settings'
import type { Aggregate } from '../_shared/db-types'
import { pageWithTotal } from '../_shared/paging'

const visits = () => db.collection<CareVisitDoc>(COLLECTIONS.careVisits)
const posts = () => db.collection<CarePostDoc>(COLLECTIONS.carePosts)
const registrations = () => db.collection<RegistrationDoc>(COLLECTIONS.registrations)

const newId = () => crypto.randomBytes(12).toString('hex')
const YMD = 'YYYY-MM-DD'
/** Follow-ups not done and the earliest due date among them ('' when none). */
const openOf = (followUps: CareVisitDoc['followUps']) => {
  const open = followUps.filter((f) => !f.done).map((f) => f.due)
  return { openCount: open.length, openDue: open.length ? open.sort()[0] : '' }
}

// ---- who reaches whom ------------------------------------------------------------------------

/** An approved volunteer's registration, by their account. */
async function volunteerOf(volunteerId: string): Promise<RegistrationDoc> {
  const { data } = await registrations().where({ userId: volunteerId, kind: 'volunteer' }).limit(1).get()
  const reg = data[0]
  if (!reg || reg.status !== 'approved') throw notFound('没有找到这位志愿者')
  return reg
}

/** Refuses unless the caller is staff of the volunteer's township, an admin of its county or the city league. */
const requireReach = (ctx: CallContext, place: { townshipCode: string; countyCode: string }) =>
  ctx.requireTownship(place.townshipCode, place.countyCode, '只能查看和记录本镇街（本县）志愿者的探访')

/**
 * The registrations (or visits) a list may show: a township, a county, or all the caller reaches.
 * Every criteria names the county (the indexes are led by it).
 */
async function placeCriteria(ctx: CallContext, input: { countyCode?: string; townshipCode?: string }): Promise<Record<string, unknown>> {
  if (input.townshipCode) {
    const t = townshipOf(input.townshipCode)
    if (!t) throw invalid('townshipCode', '镇街无效')
    if (input.countyCode && input.countyCode !== t.countyCode) throw invalid('townshipCode', '所选镇街不在所选县（市、区）')
    await requireReach(ctx, t)
    return { countyCode: t.countyCode, townshipCode: t.townshipCode }
  }
  const reach = await ctx.townshipReach()
  if (input.countyCode) {
    if (!countyName(input.countyCode)) throw invalid('countyCode', '县（市、区）无效')
    if (reach === 'city' || reach.counties.has(input.countyCode)) return { countyCode: input.countyCode }
    const mine = [...reach.townships].filter((t) => townshipOf(t)?.countyCode === input.countyCode)
    if (mine.length === 0) throw forbidden('只能查看本镇街（本县）的志愿者')
    return { countyCode: input.countyCode, townshipCode: _.in(mine) }
  }
  if (reach === 'city') return { countyCode: _.in(allCounties.map((c) => c.code)) }
  const counties = [...reach.counties]
  const townships = [...reach.townships].filter((t) => !reach.counties.has(townshipOf(t)?.countyCode ?? ''))
  const ofTownships = { countyCode: _.in([...new Set(townships.map((t) => townshipOf(t)?.countyCode ?? ''))]), townshipCode: _.in(townships) }
  if (townships.length === 0) return { countyCode: _.in(counties) }
  if (counties.length === 0) return ofTownships
  return _.or([{ countyCode: _.in(counties) }, ofTownships]) as unknown as Record<string, unknown>
}

// ---- views ---------------------------------------------------------------------------------

type VolunteerRow = Pick<RegistrationDoc, 'userId' | 'name' | 'townshipCode' | 'townshipName' | 'countyName' | 'termStart' | 'termEnd'> & { lastVisitDate: string; visits: number; openFollowUps: number }

/** Approved volunteers matching `criteria`, each with their last visit, visits and open follow-ups (joined on the database). */
function withCare(criteria: Record<string, unknown>): Aggregate {
  return registrations()
    .aggregate()
    .match({ status: 'approved', kind: 'volunteer', ...criteria })
    .lookup({ from: COLLECTIONS.careVisits, localField: 'userId', foreignField: 'volunteerId', as: 'care' })
    .addFields({ lastVisitDate: $.ifNull([$.max('$care.visitDate'), '']), visits: $.size('$care'), openFollowUps: $.sum('$care.openCount') })
}
const ROW_FIELDS = { _id: 1, userId: 1, name: 1, townshipCode: 1, townshipName: 1, countyName: 1, termStart: 1, termEnd: 1, lastVisitDate: 1, visits: 1, openFollowUps: 1 } as const

const volunteerView = (r: VolunteerRow): CareVolunteer => ({
  volunteerId: r.userId,
  name: r.name,
  townshipCode: r.townshipCode,
  townshipName: r.townshipName,
  countyName: r.countyName,
  termStart: r.termStart,
  termEnd: r.termEnd,
  lastVisitDate: r.lastVisitDate || null,
  visits: r.visits,
  openFollowUps: r.openFollowUps,
})

function followUpView(f: CareVisitDoc['followUps'][number], today: string) {
  return { id: f.id, text: f.text, owner: f.owner, due: f.due, done: f.done, doneAt: f.doneAt ? f.doneAt.toISOString() : null, overdue: !f.done && f.due < today }
}

/** A visit as staff read it: the sealed health note opened (the caller has been checked). */
function visitView(v: CareVisitDoc, today: string): VisitView {
  return {
    id: v._id,
    volunteerId: v.volunteerId,
    visitDate: v.visitDate,
    visitors: v.visitors,
    aspects: CARE_ASPECTS.map((aspect) => {
      const a = v.aspects[aspect]
      return { aspect, rating: a.rating, note: a.noteSealed ? decrypt(a.noteSealed) : a.note }
    }),
    needs: v.needs,
    followUps: v.followUps.map((f) => followUpView(f, today)),
    recordedByName: v.recordedByName,
    recordedAt: v.createdAt.toISOString(),
  }
}

function postView(p: CarePostDoc, today: string): PostView {
  return {
    id: p._id,
    volunteerId: p.volunteerId,
    volunteerName: p.volunteerName,
    kind: p.kind,
    title: postTitle(p.kind, p),
    townshipName: p.townshipName,
    countyName: p.countyName,
    startDate: p.startDate,
    endDate: p.endDate,
    current: p.startDate <= today && (p.endDate === null || p.endDate >= today),
    note: p.note,
    recordedByName: p.recordedByName,
  }
}

/** A page of an aggregation and its true total (two requests, at once). */
async function paged<T>(build: () => Aggregate, sort: Record<string, 1 | -1>, input: { page: number; pageSize: number }, project: Record<string, 0 | 1>): Promise<{ list: T[]; total: number }> {
  const [{ list: counted }, { list }] = await Promise.all([
    build().count('n').end<{ n: number }>(),
    build()
      .sort(sort)
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .project(project)
      .end<T>(),
  ])
  return { list, total: counted[0]?.n ?? 0 }
}

// ---- posts -----------------------------------------------------------------------------------

const SLOT_KINDS = new Set(['county_deputy'])
const slotIdOf = (p: Pick<CarePostDoc, 'kind' | 'countyCode'>) => `${p.kind}:${p.countyCode}`

/**
 * Writes a post whose kind one person holds at a time (头雁): in one transaction with the county's
 * slot, which lists the spans taken, so two overlapping spans can never both be written.
 */
async function writeSlotted(post: CarePostDoc, now: Date): Promise<void> {
  const { _id, ...data } = post
  await db.runTransaction(async (tx) => {
    const slots = tx.collection<CarePostSlotDoc>(COLLECTIONS.carePostSlots)
    const { data: slot } = await slots.doc(slotIdOf(post)).get()
    const others = (slot?.terms ?? []).filter((t) => t.postId !== _id)
    const span = { start: post.startDate, end: post.endDate }
    const clash = others.find((t) => spansOverlap(t, span))
    if (clash) {
      const held = clash.end ? `${clash.start} 至 ${clash.end}` : `${clash.start} 起`
      throw conflict(`${post.countyName}同一时间只能有一位${POST_KIND_LABELS[post.kind]}：与已记录的任期（${held}）重叠`, 'startDate')
    }
    await slots.doc(slotIdOf(post)).set({ data: { terms: [...others, { postId: _id, ...span }], updatedAt: now } })
    await tx.collection<CarePostDoc>(COLLECTIONS.carePosts).doc(_id).set({ data })
  })
}

async function tellAboutPost(p: CarePostDoc, what: '已聘任' | '已卸任', now: Date): Promise<void> {
  const title = postTitle(p.kind, p)
  const span = what === '已聘任' ? `${p.startDate} 起` : `${p.endDate} 止`
  await notify(await recipientsOf([p.volunteerId]), { template: 'review', values: { thing1: `职务：${title}`, phrase2: what, thing3: span }, page: 'packages/volunteer/hours/index' }, now)
}

// ---- the function ------------------------------------------------------------------------------

export const main = defineFunction('care', care, {
  async volunteers(input, ctx) {
    const criteria = await placeCriteria(ctx, input)
    if (input.keyword) criteria.name = containing(input.keyword)
    const [settings, { list, total }] = await Promise.all([
      loadSettings(ctx.now.getTime()),
      paged<VolunteerRow>(() => withCare(criteria), { lastVisitDate: 1, _id: 1 }, input, ROW_FIELDS),
    ])
    return { items: list.map(volunteerView), total, intervalDays: settings.careVisitIntervalDays }
  },

  async notVisited(input, ctx) {
    const criteria = await placeCriteria(ctx, input)
    const settings = await loadSettings(ctx.now.getTime())
    const today = shanghaiDate(ctx.now)
    const since = dayjs(today).subtract(settings.careVisitIntervalDays, 'day').format(YMD)
    // Volunteers in post today whose last visit (if any) is before `since`: never visited first.
    const build = () => withCare({ ...criteria, termStart: _.lte(today), termEnd: _.gte(today) }).match({ lastVisitDate: _.lt(since) })
    const { list, total } = await paged<VolunteerRow>(build, { lastVisitDate: 1, _id: 1 }, input, ROW_FIELDS)
    return { items: list.map(volunteerView), total, intervalDays: settings.careVisitIntervalDays, since }
  },

  async overdueFollowUps(input, ctx) {
    const criteria = await placeCriteria(ctx, input)
    const today = shanghaiDate(ctx.now)
    const query = visits().where({ ...criteria, openDue: _.gt('').and(_.lt(today)) })
    const { total, data } = await pageWithTotal(
      query,
      [
        ['openDue', 'asc'],
        ['_id', 'asc'],
      ],
      input,
      { volunteerId: true, volunteerName: true, townshipName: true, visitDate: true, followUps: true },
    )
    const items = data.map((v) => ({
      visitId: v._id,
      volunteerId: v.volunteerId,
      volunteerName: v.volunteerName,
      townshipName: v.townshipName,
      visitDate: v.visitDate,
      followUps: v.followUps.filter((f) => !f.done && f.due < today).map((f) => followUpView(f, today)),
    }))
    return { items, total }
  },

  async history(input, ctx) {
    const reg = await volunteerOf(input.volunteerId)
    await requireReach(ctx, reg)
    const today = shanghaiDate(ctx.now)
    const mine = visits().where({ volunteerId: reg.userId })
    const [{ list: rows }, { total, data: page }, { data: held }, settings] = await Promise.all([
      withCare({ userId: reg.userId }).project(ROW_FIELDS).end<VolunteerRow>(),
      pageWithTotal(
        mine,
        [
          ['visitDate', 'desc'],
          ['_id', 'desc'],
        ],
        input,
      ),
      posts().where({ volunteerId: reg.userId }).orderBy('startDate', 'desc').limit(100).get(),
      loadSettings(ctx.now.getTime()),
    ])
    const opened = page.filter((v) => v.aspects.health.noteSealed).map((v) => v._id)
    if (opened.length > 0) {
      const reader = await ctx.user()
      await audit(ctx.now, { actorId: reader?._id ?? '', action: 'care.readHealthNotes', targetType: 'volunteer', targetId: reg.userId, before: null, after: { visits: opened }, reason: '查看探访记录' })
    }
    return { volunteer: volunteerView(rows[0]), posts: held.map((p) => postView(p, today)), items: page.map((v) => visitView(v, today)), total, intervalDays: settings.careVisitIntervalDays }
  },

  async record(input, ctx) {
    const reg = await volunteerOf(input.volunteerId)
    await requireReach(ctx, reg)
    const today = shanghaiDate(ctx.now)
    if (input.visitDate > today) throw invalid('visitDate', FUTURE_VISIT)
    const recorder = await ctx.account()
    const followUps = input.followUps.map((f, i) => ({ id: `f${i + 1}`, text: f.text, owner: f.owner, due: f.due, done: false, doneAt: null, doneBy: '' }))
    const aspects = Object.fromEntries(
      CARE_ASPECTS.map((a) => {
        const { rating, note } = input.aspects[a]
        // The health note is sealed at rest: it is read in clear only in the history, and that read is audited.
        return [a, a === 'health' && note ? { rating, note: '', noteSealed: encrypt(note) } : { rating, note }]
      }),
    ) as CareVisitDoc['aspects']
    const doc: CareVisitDoc = {
      _id: newId(),
      volunteerId: reg.userId,
      volunteerName: reg.name,
      townshipCode: reg.townshipCode,
      townshipName: reg.townshipName,
      countyCode: reg.countyCode,
      visitDate: input.visitDate,
      visitors: input.visitors,
      aspects,
      needs: input.needs,
      followUps,
      ...openOf(followUps),
      version: 1,
      recordedBy: recorder._id,
      recordedByName: personLabel(recorder),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    await visits().add({ data: doc })
    await audit(ctx.now, { actorId: recorder._id, action: 'care.record', targetType: 'volunteer', targetId: reg.userId, before: null, after: { visitId: doc._id, visitDate: doc.visitDate, followUps: followUps.length }, reason: '' })
    return visitView(doc, today)
  },

  async setFollowUp(input, ctx) {
    const { data: v } = await visits().doc(input.visitId).get()
    if (!v) throw notFound('没有找到这条探访记录')
    await requireReach(ctx, v)
    const f = v.followUps.find((x) => x.id === input.followUpId)
    if (!f) throw notFound('没有找到这条跟进事项')
    const today = shanghaiDate(ctx.now)
    if (f.done === input.done) return visitView(v, today)
    const actor = await ctx.account()
    const followUps = v.followUps.map((x) => (x.id === f.id ? { ...x, done: input.done, doneAt: input.done ? ctx.now : null, doneBy: input.done ? actor._id : '' } : x))
    const change = { followUps, ...openOf(followUps), updatedAt: ctx.now }
    const { stats } = await visits().where({ _id: v._id, version: v.version }).update({ data: { ...change, version: _.inc(1) } })
    if (stats.updated !== 1) throw conflict('这条探访记录刚被他人修改，请刷新后再试')
    await audit(ctx.now, { actorId: actor._id, action: 'care.setFollowUp', targetType: 'care_visit', targetId: v._id, before: { followUpId: f.id, done: f.done }, after: { followUpId: f.id, done: input.done }, reason: '' })
    return visitView({ ...v, ...change, version: v.version + 1 }, today)
  },

  async posts(input, ctx) {
    const counties = await ctx.adminCounties()
    if (input.countyCode && counties !== 'city' && !counties.has(input.countyCode)) throw forbidden('只能查看本县（市、区）志愿者的职务')
    const county = input.countyCode ?? (counties === 'city' ? _.in(allCounties.map((c) => c.code)) : _.in([...counties]))
    const query = posts().where({ countyCode: county, ...(input.kind ? { kind: input.kind } : {}) })
    const { total, data } = await pageWithTotal(
      query,
      [
        ['startDate', 'desc'],
        ['_id', 'asc'],
      ],
      input,
    )
    const today = shanghaiDate(ctx.now)
    return { items: data.map((p) => postView(p, today)), total }
  },

  async addPost(input, ctx) {
    const reg = await volunteerOf(input.volunteerId)
    await ctx.requireCounty(reg.countyCode, '只能为本县（市、区）的志愿者记录职务')
    const recorder = await ctx.account()
    const post: CarePostDoc = {
      _id: newId(),
      volunteerId: reg.userId,
      volunteerName: reg.name,
      kind: input.kind,
      townshipCode: reg.townshipCode,
      townshipName: reg.townshipName,
      countyCode: reg.countyCode,
      countyName: reg.countyName,
      startDate: input.startDate,
      endDate: input.endDate,
      note: input.note,
      recordedBy: recorder._id,
      recordedByName: personLabel(recorder),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    if (SLOT_KINDS.has(post.kind)) await writeSlotted(post, ctx.now)
    else await posts().add({ data: post })
    await audit(ctx.now, { actorId: recorder._id, action: 'care.addPost', targetType: 'volunteer', targetId: reg.userId, before: null, after: { postId: post._id, kind: post.kind, startDate: post.startDate, endDate: post.endDate }, reason: input.note })
    await tellAboutPost(post, '已聘任', ctx.now)
    return postView(post, shanghaiDate(ctx.now))
  },

  async endPost(input, ctx) {
    const { data: p } = await posts().doc(input.postId).get()
    if (!p) throw notFound('没有找到这项职务')
    await ctx.requireCounty(p.countyCode, '只能处理本县（市、区）志愿者的职务')
    if (input.endDate < p.startDate) throw invalid('endDate', END_BEFORE_START)
    if (p.endDate !== null && p.endDate === input.endDate) return postView(p, shanghaiDate(ctx.now))
    const actor = await ctx.account()
    const ended: CarePostDoc = { ...p, endDate: input.endDate, updatedAt: ctx.now }
    if (SLOT_KINDS.has(p.kind)) await writeSlotted(ended, ctx.now)
    else {
      const { stats } = await posts().where({ _id: p._id, endDate: p.endDate }).update({ data: { endDate: input.endDate, updatedAt: ctx.now } })
      if (stats.updated !== 1) throw conflict('这项职务刚被他人修改，请刷新后再试')
    }
    await audit(ctx.now, { actorId: actor._id, action: 'care.endPost', targetType: 'care_post', targetId: p._id, before: { endDate: p.endDate }, after: { endDate: input.endDate }, reason: '' })
    await tellAboutPost(ended, '已卸任', ctx.now)
    return postView(ended, shanghaiDate(ctx.now))
  },

  async myPosts(_input, ctx) {
    const user = await ctx.account()
    const { data } = await posts().where({ volunteerId: user._id }).orderBy('startDate', 'desc').limit(100).get()
    const today = shanghaiDate(ctx.now)
    return { items: data.map((p) => postView(p, today)) }
  },
})
