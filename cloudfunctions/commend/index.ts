// 评选表彰（星级志愿者 / 最美志愿者）：团市委开评选；镇街在提名期内提名本镇街已审核通过的志愿者
// （每镇街不超过名额）并写明理由；县级审核本县提名，推荐或不推荐（推荐不超过本县名额）；团市委
// 评定获评人选（不超过全市名额）并公布；结果记在志愿者名下并通知本人。
//
// Limits are never exceeded however many act at once: each claim is one update conditional on its
// counter (a township's nominations, a county's recommendations, the city's awards) being below
// the limit, and the nomination's own change is conditional on its state (released if that fails).
// A volunteer is nominated once per round: the nomination's _id is roundId:userId.
import crypto from 'node:crypto'
import { commend, type NominationView, type RoundView } from '../../types/commend'
import { COMMEND_KIND_LABELS, isRuralVolunteer, NOMINATION_STATUS_LABELS, NOMINATION_STATUSES, ROUND_NEXT, standingOf, type NominationStatus } from '../../types/commend-rules'
import { commendRoundMachine, nominationMachine, type StepRole } from '../../types/machines'
import { shanghaiDate, isoOrEmpty as iso } from '../../types/time'
import { audit } from '../_shared/audit'
import { COLLECTIONS, type CommendNominationDoc, type CommendRoundDoc, type RegistrationDoc } from '../_shared/collections'
import { _, db, isDuplicateKey } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, CITY, townshipOf } from '../_shared/divisions'
import { conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { approvedDays, creditedPerVolunteer, summarizeHours } from '../_shared/hours'
import { checkChange, takeStep } from '../_shared/machines'
import { holdersIn, notifyEach, notify, recipientsOf, type AnyNotice, type Recipient } from '../_shared/notify'
import { pageWithTotal, readAll } from '../_shared/paging'
import { loadSettings } from '../_shared/settings'
import { starLevel } from '../../types/settings'

const rounds = () => db.collection<CommendRoundDoc>(COLLECTIONS.commendRounds)
const nominations = () => db.collection<CommendNominationDoc>(COLLECTIONS.commendNominations)
const registrations = () => db.collection<RegistrationDoc>(COLLECTIONS.registrations)

const ROUND_PAGE = 'packages/commend/round/index'
const RESULTS_PAGE = 'packages/commend/results/index'
/** Where a nominee reads about themselves (the round's page is the staff's). */
const RECORD_PAGE = 'packages/volunteer/hours/index'
const townshipKey = (code: string) => `t${code}`
const countyKey = (code: string) => `c${code}`

// ---- views ------------------------------------------------------------------------------------

function roundView(r: CommendRoundDoc): RoundView {
  return {
    id: r._id,
    kind: r.kind,
    title: r.title,
    year: r.year,
    nominateFrom: r.nominateFrom,
    nominateTo: r.nominateTo,
    perTownship: r.perTownship,
    perCounty: r.perCounty,
    awards: r.awards,
    criteria: r.criteria,
    status: r.status,
    awarded: r.awardedCount,
    publishedAt: iso(r.publishedAt),
    updatedAt: iso(r.updatedAt),
  }
}

function nominationView(n: CommendNominationDoc, rank: number): NominationView {
  return {
    id: n._id,
    roundId: n.roundId,
    name: n.name,
    townshipName: n.townshipName,
    countyName: n.countyName,
    reason: n.reason,
    nominatedByName: n.nominatedByName,
    nominatedAt: iso(n.nominatedAt),
    status: n.status,
    reviewReason: n.reviewReason,
    decisionReason: n.decisionReason,
    approvedMinutes: n.approvedMinutes,
    star: n.star,
    rural: n.rural,
    termStart: n.termStart,
    termEnd: n.termEnd,
    rank,
  }
}

/** The order of standing (commend-rules.ts): the database sorts on it, so pages of any list never overlap. */
const RANKED: [string, 'asc' | 'desc'][] = [
  ['standing', 'desc'],
  ['nominatedAt', 'asc'],
  ['_id', 'asc'],
]

// ---- reach ------------------------------------------------------------------------------------

/** Rounds in draft exist for the city only. */
async function loadRound(id: string, ctx: CallContext): Promise<CommendRoundDoc> {
  const { data: r } = await rounds().doc(id).get()
  if (!r) throw notFound('没有找到这次评选')
  if (r.status === 'draft' && (await ctx.townshipReach()) !== 'city') throw notFound('没有找到这次评选')
  return r
}

async function loadNomination(id: string): Promise<CommendNominationDoc> {
  const { data: n } = await nominations().doc(id).get()
  if (!n) throw notFound('没有找到这条提名')
  return n
}

/** The caller's township (township staff act for one township at a time: their first grant). */
async function staffTownship(ctx: CallContext): Promise<string> {
  const grants = await ctx.requireRoles(['township_staff'])
  return grants[0].scopeId
}

/** Which nominations the caller may see: a township's staff their townships, a county admin their county, the city all. */
async function nominationScope(ctx: CallContext, countyCode?: string): Promise<Record<string, unknown>> {
  const reach = await ctx.townshipReach()
  if (reach === 'city') return countyCode ? { countyCode } : {}
  if (reach.counties.size > 0) {
    if (countyCode && !reach.counties.has(countyCode)) throw forbidden('只能查看本县（市、区）的提名')
    return { countyCode: countyCode ?? _.in([...reach.counties]) }
  }
  const townships = [...reach.townships]
  if (countyCode && !townships.some((t) => townshipOf(t)?.countyCode === countyCode)) throw forbidden('只能查看本镇街的提名')
  return { townshipCode: _.in(townships) }
}

// ---- figures ----------------------------------------------------------------------------------

/** Approved minutes of each volunteer, capped per Shanghai day (one aggregation on the database). */
async function minutesOf(userIds: string[], capMinutes: number): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map()
  const approved = db.collection(COLLECTIONS.sessions).aggregate().match({ userId: _.in(userIds), status: 'approved' })
  const { list } = await creditedPerVolunteer(approved, capMinutes, '').end<{ _id: string; totalMinutes: number }>()
  return new Map(list.map((r) => [r._id, r.totalMinutes]))
}

async function counts(match: Record<string, unknown>): Promise<Record<NominationStatus, number>> {
  const { list } = await nominations().aggregate().match(match).group({ _id: '$status', n: { $sum: 1 } }).end<{ _id: NominationStatus; n: number }>()
  const out = Object.fromEntries(NOMINATION_STATUSES.map((s) => [s, 0])) as Record<NominationStatus, number>
  for (const r of list) out[r._id] = r.n
  return out
}

const roundName = (r: CommendRoundDoc) => `${r.year}年度${COMMEND_KIND_LABELS[r.kind]}评选`

/** Frees a claimed place (a conditional step after the claim failed). */
async function release(roundId: string, field: string): Promise<void> {
  await rounds().doc(roundId).update({ data: { [field]: _.inc(-1) } })
}

// ---- actions ----------------------------------------------------------------------------------

export const main = defineFunction('commend', commend, {
  async rounds(input, ctx) {
    const city = (await ctx.townshipReach()) === 'city'
    const q = rounds().where(city ? {} : { status: _.neq('draft') })
    const { total, data } = await pageWithTotal(q, [['createdAt', 'desc'], ['_id', 'asc']], input)
    return { items: data.map(roundView), total }
  },

  async round(input, ctx) {
    const r = await loadRound(input.id, ctx)
    const reach = await ctx.townshipReach()
    const today = shanghaiDate(ctx.now)
    const scope = await nominationScope(ctx)
    const c = await counts({ roundId: r._id, ...scope })
    let mine: { placeName: string; used: number; limit: number } | null = null
    const user = (await ctx.user())!
    const township = user.roles.find((g) => g.role === 'township_staff')
    const county = user.roles.find((g) => g.role === 'county_admin')
    if (reach === 'city') mine = { placeName: CITY.name, used: r.awardedCount, limit: r.awards }
    else if (county) mine = { placeName: county.scopeName, used: r.countyCounts[countyKey(county.scopeId)] ?? 0, limit: r.perCounty }
    else if (township) mine = { placeName: township.scopeName, used: r.townshipCounts[townshipKey(township.scopeId)] ?? 0, limit: r.perTownship }
    const open = r.status === 'nominating' && today >= r.nominateFrom && today <= r.nominateTo
    const blocked = r.status === 'deciding' && c.recommended > 0 ? `还有 ${c.recommended} 名县级推荐的人选未评定，评定完才能公布` : ''
    return {
      round: roundView(r),
      mine,
      counts: c,
      can: {
        edit: reach === 'city' && r.status === 'draft',
        advance: reach === 'city' && !!ROUND_NEXT[r.status] && !blocked,
        nominate: !!township && open && (mine?.used ?? 0) < r.perTownship,
        review: (reach === 'city' || !!county) && r.status === 'reviewing',
        decide: reach === 'city' && r.status === 'deciding',
      },
      advanceBlocked: blocked,
    }
  },

  async saveRound(input, ctx) {
    const user = (await ctx.user())!
    const { id, ...fields } = input
    if (!id) {
      const doc: CommendRoundDoc = {
        _id: `R${crypto.randomBytes(8).toString('hex')}`,
        ...fields,
        status: 'draft',
        version: 1,
        townshipCounts: Object.fromEntries(allCounties.flatMap((c) => c.townships.map((t) => [townshipKey(t.code), 0]))),
        countyCounts: Object.fromEntries(allCounties.map((c) => [countyKey(c.code), 0])),
        awardedCount: 0,
        createdBy: user._id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        publishedAt: null,
      }
      await rounds().add({ data: doc })
      await audit(ctx.now, { actorId: user._id, action: 'commend.create', targetType: 'commend_round', targetId: doc._id, before: null, after: fields, reason: '新建评选' })
      return roundView(doc)
    }
    const { data: r } = await rounds().doc(id).get()
    if (!r) throw notFound('没有找到这次评选')
    const step = takeStep(commendRoundMachine, { action: 'commend.saveRound', from: r.status, roles: ['city_admin'] }, () => conflict(`评选已「${commendRoundMachine.stateLabels[r.status]}」，不能再修改`))
    checkChange(step, r.status, fields)
    const { stats } = await rounds().where({ _id: r._id, version: r.version, status: 'draft' }).update({ data: { ...fields, version: _.inc(1), updatedAt: ctx.now } })
    if (stats.updated !== 1) throw conflict('评选刚刚被其他人修改，请刷新后再试')
    await audit(ctx.now, { actorId: user._id, action: 'commend.update', targetType: 'commend_round', targetId: r._id, before: { title: r.title, awards: r.awards }, after: fields, reason: '修改评选' })
    return roundView({ ...r, ...fields, version: r.version + 1, updatedAt: ctx.now })
  },

  async advance(input, ctx) {
    const user = (await ctx.user())!
    const { data: r } = await rounds().doc(input.id).get()
    if (!r) throw notFound('没有找到这次评选')
    const step = takeStep(commendRoundMachine, { action: 'commend.advance', variant: input.status, from: r.status, roles: ['city_admin'] }, () =>
      conflict(`评选现在是「${commendRoundMachine.stateLabels[r.status]}」，不能转到「${commendRoundMachine.stateLabels[input.status]}」`, 'status'),
    )
    const today = shanghaiDate(ctx.now)
    if (input.status === 'nominating' && r.nominateTo < today) throw conflict(`提名截止日期 ${r.nominateTo} 已过，请先修改提名时间`, 'nominateTo')
    if (input.status === 'published') {
      const { total } = await nominations().where({ roundId: r._id, status: 'recommended' }).count()
      if (total > 0) throw conflict(`还有 ${total} 名县级推荐的人选未评定，评定完才能公布`)
    }
    const change = { status: input.status, ...(input.status === 'published' ? { publishedAt: ctx.now } : {}) }
    checkChange(step, r.status, change)
    const { stats } = await rounds().where({ _id: r._id, status: r.status }).update({ data: { ...change, version: _.inc(1), updatedAt: ctx.now } })
    if (stats.updated !== 1) throw conflict('评选刚刚被其他人推进，请刷新后再试')
    await audit(ctx.now, { actorId: user._id, action: `commend.${input.status}`, targetType: 'commend_round', targetId: r._id, before: { status: r.status }, after: { status: input.status }, reason: ROUND_NEXT[r.status]?.label ?? '' })
    const next = { ...r, ...change, version: r.version + 1, updatedAt: ctx.now }
    await announce(next, ctx.now)
    return roundView(next)
  },

  async candidates(input, ctx) {
    const code = await staffTownship(ctx)
    const place = townshipOf(code)
    const r = await loadRound(input.roundId, ctx)
    // Served by the registrations' queue index (status, countyCode).
    const q = registrations().where({ status: 'approved', countyCode: place?.countyCode ?? '', townshipCode: code, kind: 'volunteer' })
    const { total, data } = await pageWithTotal(q, [['name', 'asc'], ['_id', 'asc']], input)
    const settings = await loadSettings()
    const userIds = data.map((d) => d.userId)
    const [minutes, taken] = await Promise.all([
      minutesOf(userIds, settings.dailyCapMinutes),
      userIds.length ? nominations().where({ _id: _.in(userIds.map((u) => `${r._id}:${u}`)) }).field({ userId: true }).get() : Promise.resolve({ data: [] as CommendNominationDoc[] }),
    ])
    const nominated = new Set(taken.data.map((n) => n.userId))
    return {
      total,
      items: data.map((d) => {
        const approvedMinutes = minutes.get(d.userId) ?? 0
        return {
          registrationId: d._id,
          name: d.name,
          approvedMinutes,
          star: starLevel(approvedMinutes / 60, settings.starThresholdsHours).star,
          rural: isRuralVolunteer(d, r.year),
          termStart: d.termStart,
          termEnd: d.termEnd,
          nominated: nominated.has(d.userId),
        }
      }),
    }
  },

  async nominate(input, ctx) {
    const user = (await ctx.user())!
    const grants = await ctx.requireRoles(['township_staff'])
    const { data: reg } = await registrations().doc(input.registrationId).get()
    if (!reg || reg.kind !== 'volunteer') throw notFound('没有找到这名志愿者')
    if (!grants.some((g) => g.scopeId === reg.townshipCode)) throw forbidden('只能提名本镇街的志愿者')
    if (reg.status !== 'approved') throw conflict('只能提名注册已审核通过的志愿者', 'registrationId')
    const r = await loadRound(input.roundId, ctx)
    const today = shanghaiDate(ctx.now)
    if (r.status !== 'nominating') throw conflict(`评选现在是「${commendRoundMachine.stateLabels[r.status]}」，不在提名阶段`)
    if (today < r.nominateFrom) throw conflict(`提名从 ${r.nominateFrom} 开始`)
    if (today > r.nominateTo) throw conflict(`提名已于 ${r.nominateTo} 截止`)
    const settings = await loadSettings()
    const hours = summarizeHours(await approvedDays(reg.userId), settings)
    const rural = isRuralVolunteer(reg, r.year)
    const doc: CommendNominationDoc = {
      _id: `${r._id}:${reg.userId}`,
      roundId: r._id,
      userId: reg.userId,
      registrationId: reg._id,
      name: reg.name,
      townshipCode: reg.townshipCode,
      townshipName: reg.townshipName,
      countyCode: reg.countyCode,
      countyName: reg.countyName,
      reason: input.reason,
      approvedMinutes: hours.approvedMinutes,
      star: hours.star,
      rural,
      termStart: reg.termStart,
      termEnd: reg.termEnd,
      standing: standingOf({ star: hours.star, approvedMinutes: hours.approvedMinutes, rural }),
      status: 'nominated',
      nominatedBy: user._id,
      nominatedByName: user.realName || user.nickname || '镇街团委',
      nominatedAt: ctx.now,
      reviewReason: '',
      reviewedBy: '',
      reviewedAt: null,
      decisionReason: '',
      decidedBy: '',
      decidedAt: null,
      updatedAt: ctx.now,
    }
    try {
      await nominations().add({ data: doc })
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`${reg.name} 已被提名参加这次评选`, 'registrationId')
      throw err
    }
    const slot = `townshipCounts.${townshipKey(reg.townshipCode)}`
    const { stats } = await rounds()
      .where({ _id: r._id, status: 'nominating', [slot]: _.lt(r.perTownship) })
      .update({ data: { [slot]: _.inc(1) } })
    if (stats.updated !== 1) {
      await nominations().doc(doc._id).remove()
      throw conflict(`本镇街这次最多提名 ${r.perTownship} 人，名额已满`)
    }
    await audit(ctx.now, { actorId: user._id, action: 'commend.nominate', targetType: 'commend_nomination', targetId: doc._id, before: null, after: { name: doc.name, star: doc.star, approvedMinutes: doc.approvedMinutes, rural }, reason: input.reason })
    await notify((await recipientsOf([reg.userId]))[0] ?? [], { template: 'review', page: RECORD_PAGE, values: { thing1: roundName(r), phrase2: '已获提名', thing3: `${reg.townshipName}推荐你参评，结果公布后通知你` } }, ctx.now)
    return nominationView(doc, 0)
  },

  async nominations(input, ctx) {
    await loadRound(input.roundId, ctx)
    const scope = await nominationScope(ctx, input.countyCode)
    const q = nominations().where({ roundId: input.roundId, ...scope, ...(input.status ? { status: input.status } : {}) })
    const skip = (input.page - 1) * input.pageSize
    const { total, data } = await pageWithTotal(q, RANKED, input)
    return { total, items: data.map((n, i) => nominationView(n, skip + i + 1)) }
  },

  async review(input, ctx) {
    const user = (await ctx.user())!
    const n = await loadNomination(input.id)
    await ctx.requireCounty(n.countyCode, '只能审核本县（市、区）的提名')
    const roles: StepRole[] = (await ctx.adminCounties()) === 'city' ? ['city_admin'] : ['county_admin']
    const step = takeStep(nominationMachine, { action: 'commend.review', variant: input.decision, from: n.status, roles }, () => conflict(`这条提名已是「${NOMINATION_STATUS_LABELS[n.status]}」`))
    const { data: r } = await rounds().doc(n.roundId).get()
    if (!r || r.status !== 'reviewing') throw conflict('现在不是县级审核阶段')
    if (input.decision === 'not_recommend' && input.reason.length < 2) throw invalid('reason', '不推荐请写明理由（至少 2 个字）')
    const status: NominationStatus = input.decision === 'recommend' ? 'recommended' : 'not_recommended'
    const change = { status, reviewReason: input.reason, reviewedBy: user._id, reviewedAt: ctx.now }
    checkChange(step, n.status, change)
    const slot = `countyCounts.${countyKey(n.countyCode)}`
    if (status === 'recommended') {
      const { stats } = await rounds().where({ _id: r._id, status: 'reviewing', [slot]: _.lt(r.perCounty) }).update({ data: { [slot]: _.inc(1) } })
      if (stats.updated !== 1) throw conflict(`${n.countyName}这次最多推荐 ${r.perCounty} 人，名额已满`)
    }
    const { stats } = await nominations().where({ _id: n._id, status: 'nominated' }).update({ data: { ...change, updatedAt: ctx.now } })
    if (stats.updated !== 1) {
      if (status === 'recommended') await release(r._id, slot)
      throw conflict('这条提名刚刚被其他人审核，请刷新后再试')
    }
    await audit(ctx.now, { actorId: user._id, action: `commend.${input.decision}`, targetType: 'commend_nomination', targetId: n._id, before: { status: n.status }, after: { status }, reason: input.reason || '县级推荐' })
    const staff = (await holdersIn('township_staff', [n.townshipCode])).get(n.townshipCode) ?? []
    await notify(staff, { template: 'review', page: `${ROUND_PAGE}?id=${r._id}`, values: { thing1: `${roundName(r)}：${n.name}`, phrase2: status === 'recommended' ? '县级推荐' : '县级未推荐', thing3: input.reason || '县级团委已审核' } }, ctx.now)
    return nominationView({ ...n, ...change }, 0)
  },

  async decide(input, ctx) {
    const user = (await ctx.user())!
    const n = await loadNomination(input.id)
    const step = takeStep(nominationMachine, { action: 'commend.decide', variant: input.decision, from: n.status, roles: ['city_admin'] }, () => conflict(`这条提名是「${NOMINATION_STATUS_LABELS[n.status]}」，不能评定`))
    const { data: r } = await rounds().doc(n.roundId).get()
    if (!r || r.status !== 'deciding') throw conflict('现在不是市级评定阶段')
    const status: NominationStatus = input.decision === 'award' ? 'awarded' : 'not_awarded'
    const change = { status, decisionReason: input.reason, decidedBy: user._id, decidedAt: ctx.now }
    checkChange(step, n.status, change)
    if (status === 'awarded') {
      const { stats } = await rounds().where({ _id: r._id, status: 'deciding', awardedCount: _.lt(r.awards) }).update({ data: { awardedCount: _.inc(1) } })
      if (stats.updated !== 1) throw conflict(`全市这次评选名额 ${r.awards} 人，已评满`)
    }
    const { stats } = await nominations().where({ _id: n._id, status: 'recommended' }).update({ data: { ...change, updatedAt: ctx.now } })
    if (stats.updated !== 1) {
      if (status === 'awarded') await release(r._id, 'awardedCount')
      throw conflict('这条提名刚刚被其他人评定，请刷新后再试')
    }
    await audit(ctx.now, { actorId: user._id, action: `commend.${input.decision}`, targetType: 'commend_nomination', targetId: n._id, before: { status: n.status }, after: { status }, reason: input.reason || '市级评定' })
    return nominationView({ ...n, ...change }, 0)
  },

  async results(input, ctx) {
    const { data: r } = await rounds().doc(input.roundId).get()
    if (!r || r.status !== 'published') throw notFound('这次评选的结果尚未公布')
    const q = nominations().where({ roundId: r._id, status: 'awarded' })
    const skip = (input.page - 1) * input.pageSize
    const { total, data } = await pageWithTotal(q, RANKED, input)
    void ctx
    return { round: roundView(r), total, items: data.map((n, i) => nominationView(n, skip + i + 1)) }
  },

  async mine(_input, ctx) {
    const user = await ctx.user()
    if (!user) return { items: [] }
    const won = await readAll(nominations().where({ userId: user._id, status: 'awarded' }), { max: 500 })
    if (won.length === 0) return { items: [] }
    const published = await readAll(rounds().where({ _id: _.in([...new Set(won.map((n) => n.roundId))]), status: 'published' }))
    const byId = new Map(published.map((r) => [r._id, r]))
    return {
      items: won
        .filter((n) => byId.has(n.roundId))
        .map((n) => ({ n, r: byId.get(n.roundId)! }))
        .sort((a, b) => b.r.year - a.r.year || iso(b.r.publishedAt).localeCompare(iso(a.r.publishedAt)))
        .map(({ n, r }) => ({ roundId: r._id, kind: r.kind, title: r.title, year: r.year, publishedAt: iso(r.publishedAt), townshipName: n.townshipName })),
    }
  },
})

// ---- notices ----------------------------------------------------------------------------------

/** Who is told when a round moves on: the townships when it opens, the counties when review begins, every nominee when it is published. */
async function announce(r: CommendRoundDoc, now: Date): Promise<void> {
  const page = `${ROUND_PAGE}?id=${r._id}`
  if (r.status === 'nominating') {
    const codes = allCounties.flatMap((c) => c.townships.map((t) => t.code))
    const staff = [...(await holdersIn('township_staff', codes)).values()].flat()
    await notify(staff, { template: 'todo', page, values: { thing1: `${roundName(r)}开始提名`, number2: String(r.perTownship), thing3: `请于 ${r.nominateTo} 前提名本镇街志愿者` } }, now)
  } else if (r.status === 'reviewing') {
    const { list } = await nominations().aggregate().match({ roundId: r._id, status: 'nominated' }).group({ _id: '$countyCode', n: { $sum: 1 } }).end<{ _id: string; n: number }>()
    const admins = await holdersIn('county_admin', list.map((c) => c._id))
    const items: { to: Recipient; notice: AnyNotice }[] = list.flatMap((c) =>
      (admins.get(c._id) ?? []).map((to) => ({ to, notice: { template: 'todo', page, values: { thing1: `${roundName(r)}待审核`, number2: String(c.n), thing3: `本县最多推荐 ${r.perCounty} 人` } } as AnyNotice })),
    )
    await notifyEach(items, now)
  } else if (r.status === 'published') {
    const all = await readAll(nominations().where({ roundId: r._id }).field({ userId: true, status: true }), { max: 50_000 })
    const people = new Map((await recipientsOf(all.map((n) => n.userId))).map((p) => [p.userId, p]))
    const items: { to: Recipient; notice: AnyNotice }[] = all.flatMap((n) => {
      const to = people.get(n.userId)
      if (!to) return []
      const won = n.status === 'awarded'
      return [{ to, notice: { template: 'review', page: `${RESULTS_PAGE}?id=${r._id}`, values: { thing1: roundName(r), phrase2: won ? '获评' : '未获评', thing3: won ? `恭喜获评${COMMEND_KIND_LABELS[r.kind]}，已记入你的志愿档案` : '感谢参评，继续加油' } } as AnyNotice }]
    })
    await notifyEach(items, now)
  }
}
