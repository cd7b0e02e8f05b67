// 爱心商家联盟：商家与优惠管理；志愿者出示短时一次性优惠码；商家扫码核验、确认核销（恰好记一次）；记录与汇总。
import crypto from 'node:crypto'
import { distanceMetres } from '../../types/geo-rules'
import { maskMobile, maskName } from '../../types/personal'
import { perk, type MerchantView, type PerkView, type RedemptionView } from '../../types/perk'
import { shanghaiDate, shanghaiDateTime } from '../../types/time'
import { PERK_CODE_SECONDS } from '../../types/vocabulary'
import { audit } from '../_shared/audit'
import { COLLECTIONS, type MerchantDoc, type PerkDoc, type RedemptionDoc, type RegistrationDoc, type UserDoc } from '../_shared/collections'
import { _, $, containing, db, files, isDuplicateKey } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { countyName } from '../_shared/divisions'
import { conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { col, workbookName } from '../_shared/excel'
import { carryOnJobs, continueJob, partRows, startJob, writeJobWorkbook, type JobKind } from '../_shared/jobs'
import { defineFunction } from '../_shared/handler'
import { currentStar } from '../_shared/hours'
import { holdersOf, notify } from '../_shared/notify'
import { aggregateAll, pagesOf, pageWithTotal, readAll } from '../_shared/paging'
import type { Aggregate } from '../_shared/db-types'
import { newNonce, openPerkCode, sealPerkCode, type PerkClaims } from '../_shared/perkcode'
import { timeBudget } from '../_shared/reminders'
import { loadSettings } from '../_shared/settings'
import { adoptUpload } from '../_shared/uploads'
import { takeStep } from '../_shared/machines'
import { merchantMachine, perkMachine, type StepRole } from '../../types/machines'
import { termStop } from '../_shared/term'
import { addDays } from '../../types/term'

const merchants = () => db.collection<MerchantDoc>(COLLECTIONS.merchants)
const perks = () => db.collection<PerkDoc>(COLLECTIONS.perks)
const redemptions = () => db.collection<RedemptionDoc>(COLLECTIONS.redemptions)

/** How long the nightly timer takes new pages: a margin inside the function's 20 s timeout (config.json). */
const TIMER_WORK_MS = 14_000

/** Codes a perk remembers as used (a code lives a minute: more than a perk redeems in a minute). */
const RECENT_CODES = 500

/**
 * The volunteer's phone replaces its code when this much of the code's life is left, so a code
 * that gets scanned always has at least this long: the merchant's scan and check take about
 * 5 s, reading the ticket, giving the perk and 确认核销 with its dialog another 10–15 s; 30 s
 * covers that twice over, while the code still lives only a minute (a screenshot soon dies).
 */
const CODE_LIFE_LEFT_AT_REFRESH = 30

/**
 * Redemptions one export may list (a longer period is refused with a word, never cut): the
 * city's whole history (50,000 at city scale) fits, read 10,000 a request.
 */
const EXPORT_MAX_ROWS = 100_000

type Reach = 'city' | { merchants: Set<string>; counties: Set<string> }

/** Which merchants the caller acts for: their own (staff), their county's (county admin), all (city). */
async function merchantReach(ctx: CallContext): Promise<Reach> {
  const user = await ctx.user()
  const grants = user?.roles ?? []
  if (grants.some((g) => g.role === 'city_admin')) return 'city'
  return {
    merchants: new Set(grants.filter((g) => g.role === 'merchant').map((g) => g.scopeId)),
    counties: new Set(grants.filter((g) => g.role === 'county_admin').map((g) => g.scopeId)),
  }
}

const reaches = (reach: Reach, m: { _id?: string; merchantId?: string; countyCode: string }) =>
  reach === 'city' || reach.counties.has(m.countyCode) || reach.merchants.has(m.merchantId ?? m._id ?? '')

/** The caller's roles toward a merchant, as the machines name them. */
function merchantRoles(reach: Reach, m: { _id: string; countyCode: string }): StepRole[] {
  if (reach === 'city') return ['city_admin']
  const roles: StepRole[] = []
  if (reach.counties.has(m.countyCode)) roles.push('county_admin')
  if (reach.merchants.has(m._id)) roles.push('merchant')
  return roles
}

async function managedMerchant(id: string, ctx: CallContext): Promise<MerchantDoc> {
  const { data } = await merchants().doc(id).get()
  if (!data) throw notFound('商家不存在')
  if (!reaches(await merchantReach(ctx), data)) throw forbidden('只能管理自己（或本县）的商家')
  return data
}

function merchantView(m: MerchantDoc, perkCount: number): MerchantView {
  return {
    id: m._id,
    name: m.name,
    category: m.category,
    isDepartment: m.isDepartment,
    countyCode: m.countyCode,
    countyName: m.countyName,
    address: m.address,
    location: m.location,
    contactName: m.contactName,
    contactPhoneMasked: maskMobile(m.contactPhone),
    status: m.status,
    perkCount,
  }
}

const MERCHANT_SUSPENDED = '该商家暂停参与，优惠暂不可用'

/** Whether a merchant takes part now: a suspended merchant's perks are neither offered nor redeemed. */
async function merchantActive(id: string): Promise<boolean> {
  const { data } = await merchants().doc(id).field({ status: true }).get()
  return data?.status === 'active'
}

/**
 * A perk just made active: if its merchant was suspended meanwhile (after we checked it), the
 * suspension may have missed the perk, so it is suspended here, as if it had come just after.
 */
async function settleSuspension(p: PerkDoc): Promise<PerkDoc> {
  if (await merchantActive(p.merchantId)) return p
  await perks().where({ _id: p._id, status: 'active' }).update({ data: { status: 'suspended', suspendedFrom: 'active' } })
  return { ...p, status: 'suspended', suspendedFrom: 'active' }
}

/** Why a volunteer (star, county) may not use a perk today, or '' if they may. */
function ineligibility(p: PerkDoc, star: number, county: string, today: string, merchantOk = true): string {
  if (p.status === 'suspended' || !merchantOk) return MERCHANT_SUSPENDED
  if (p.status === 'paused') return '该优惠已暂停'
  if (today < p.validFrom) return `优惠 ${p.validFrom} 起可用`
  if (today > p.validTo) return '优惠已过期'
  if (p.redeemed >= p.quota) return '优惠名额已用完'
  if (star < p.minStar) return `需要 ${p.minStar} 星及以上志愿者（你现在是 ${star} 星）`
  if (p.counties.length > 0 && !p.counties.includes(county)) return '该优惠不适用于你所在的县（市、区）'
  return ''
}

/** The per-volunteer counters of a perk: keyed by day and by month, so one update can check and count both. */
const dayKey = (userId: string, date: string) => `usage.${userId}.d${date.replace(/-/g, '')}`
const monthKey = (userId: string, date: string) => `usage.${userId}.m${date.slice(0, 7).replace('-', '')}`

/**
 * Counters of past days and months are spent: removed every night, so that a perk's document
 * does not grow with every volunteer and every day. Only spent keys go (a redemption writing
 * today's key meanwhile is untouched); a volunteer left with none is removed only if still so.
 */
async function pruneUsage(now: Date): Promise<{ perks: number; keys: number; done: boolean }> {
  const today = shanghaiDate(now)
  const current = new Set([`d${today.replace(/-/g, '')}`, `m${today.slice(0, 7).replace('-', '')}`])
  let touched = 0
  let keys = 0
  const budget = timeBudget(TIMER_WORK_MS)
  // Page through every perk (a read returns at most 100), until done or near the time limit:
  // spent counters left over are removed by the next night's run.
  for await (const data of pagesOf(perks().field({ usage: true }))) {
    if (!budget.left()) return { perks: touched, keys, done: false }
    for (const p of data) {
      const spent: Record<string, unknown> = {}
      const emptied: string[] = []
      for (const [user, counters] of Object.entries(p.usage ?? {})) {
        const names = Object.keys(counters)
        const old = names.filter((k) => !current.has(k))
        for (const k of old) spent[`usage.${user}.${k}`] = _.remove()
        if (old.length === names.length) emptied.push(user)
      }
      if (Object.keys(spent).length === 0 && emptied.length === 0) continue
      if (Object.keys(spent).length > 0) await perks().doc(p._id).update({ data: spent })
      if (emptied.length > 0) {
        const stillEmpty = emptied.flatMap((user) => [...current].map((k) => ({ [`usage.${user}.${k}`]: _.exists(false) })))
        await perks()
          .where(_.and([{ _id: p._id }, ...stillEmpty]))
          .update({ data: Object.fromEntries(emptied.map((user) => [`usage.${user}`, _.remove()])) })
      }
      touched += 1
      keys += Object.keys(spent).length
    }
  }
  return { perks: touched, keys, done: true }
}

function usedToday(p: PerkDoc, userId: string, date: string): { day: number; month: number } {
  const mine = p.usage?.[userId] ?? {}
  return { day: mine[`d${date.replace(/-/g, '')}`] ?? 0, month: mine[`m${date.slice(0, 7).replace('-', '')}`] ?? 0 }
}

async function pictureUrls(list: PerkDoc[]): Promise<Map<string, string>> {
  return files.tempUrls([...new Set(list.map((p) => p.pictureFileId).filter(Boolean))])
}

function perkView(p: PerkDoc, pictures: Map<string, string>, extra: { distanceM?: number | null; eligible?: boolean; reason?: string } = {}): PerkView {
  return {
    id: p._id,
    merchantId: p.merchantId,
    merchantName: p.merchantName,
    category: p.category,
    title: p.title,
    description: p.description,
    terms: p.terms,
    pictureUrl: pictures.get(p.pictureFileId) ?? '',
    minStar: p.minStar,
    counties: p.counties,
    perDay: p.perDay,
    perMonth: p.perMonth,
    quota: p.quota,
    redeemed: p.redeemed,
    validFrom: p.validFrom,
    validTo: p.validTo,
    status: p.status,
    address: p.address,
    location: p.location,
    distanceM: extra.distanceM === undefined || extra.distanceM === null ? null : Math.round(extra.distanceM),
    eligible: extra.eligible ?? true,
    reason: extra.reason ?? '',
  }
}

/** The volunteer's county and name (their approved registration) and star now. */
async function volunteerFacts(ctx: CallContext): Promise<{ userId: string; county: string; name: string; star: number }> {
  const user = (await ctx.user())!
  const [{ data: regs }, star] = await Promise.all([
    db.collection<RegistrationDoc>(COLLECTIONS.registrations).where({ userId: user._id, kind: 'volunteer' }).field({ countyCode: true, name: true }).limit(1).get(),
    loadSettings(ctx.now.getTime()).then((s) => currentStar(user._id, s)),
  ])
  const grant = user.roles.find((g) => g.role === 'volunteer')
  return { userId: user._id, county: regs[0]?.countyCode ?? grant?.scopeId.slice(0, 6) ?? '', name: regs[0]?.name ?? user.nickname, star }
}

function redemptionView(r: RedemptionDoc, names: { perks: Map<string, string>; merchants: Map<string, string> }): RedemptionView {
  return {
    id: r._id,
    perkId: r.perkId,
    perkTitle: names.perks.get(r.perkId) ?? '优惠',
    merchantName: names.merchants.get(r.merchantId) ?? '爱心商家',
    volunteerName: r.volunteerName,
    star: r.star,
    at: r.at.toISOString(),
  }
}

/** Reads a scanned code: genuine, unexpired, for a perk of the caller's merchant. */
function readCode(token: string, now: Date): PerkClaims {
  const claims = openPerkCode(token)
  if (!claims) throw invalid('token', '优惠码无效：不是乡青汇生成的，或已被改动')
  if (claims.e * 1000 < now.getTime()) throw invalid('token', '优惠码已过期，请志愿者刷新后再扫')
  return claims
}

type TotalsInput = { from?: string; to?: string; countyCode?: string }
interface TotalsScope {
  where: unknown
  /** Where the figures are from, in words: 全市, 清城区, or the county admin's counties. */
  place: string
}

/** The counties whose figures the caller asks for (null: the whole city, the city admin's), and the place in words. */
async function totalsCounties(ctx: CallContext, input: TotalsInput): Promise<{ counties: string[] | null; place: string }> {
  const reach = await merchantReach(ctx)
  const counties = input.countyCode ? [input.countyCode] : reach === 'city' ? null : [...reach.counties]
  if (input.countyCode && reach !== 'city' && !reach.counties.has(input.countyCode)) throw forbidden('只能查看本县（市、区）的汇总')
  return { counties, place: counties ? counties.map((c) => countyName(c) ?? c).join('、') : '全市' }
}

/** The merchants of these counties (null: the city's): one request for a county's few dozen. */
async function merchantsOf(counties: string[] | null): Promise<string[]> {
  return (await readAll(merchants().where(counties ? { countyCode: _.in(counties) } : {}).field({ _id: true }))).map((m) => m._id)
}

/** The merchants in the caller's reach (county admins: their counties'; the city: all), and the place in words. */
async function totalsReach(ctx: CallContext, input: TotalsInput): Promise<{ merchantIds: string[]; place: string }> {
  const { counties, place } = await totalsCounties(ctx, input)
  return { merchantIds: await merchantsOf(counties), place }
}

/** Redemptions of these merchants (null: of every merchant) in a date range (and, for an export, up to the moment it began). */
function redemptionsOf(merchantIds: string[] | null, range: { from?: string | null; to?: string | null; upTo?: Date }): unknown {
  const parts: unknown[] = merchantIds ? [{ merchantId: _.in(merchantIds) }] : []
  if (range.from) parts.push({ date: _.gte(range.from) })
  if (range.to) parts.push({ date: _.lte(range.to) })
  if (range.upTo) parts.push({ at: _.lte(range.upTo) })
  return parts.length ? _.and(parts) : {}
}

/**
 * Redemptions in a date range and the caller's reach. Redemptions carry their merchant, not its
 * county: a county's merchants narrow them (the merchant index serves that); the whole city's are
 * every redemption, narrowed by the dates alone (the date index), with no merchant read first.
 */
async function totalsCriteria(ctx: CallContext, input: TotalsInput): Promise<TotalsScope> {
  const { counties, place } = await totalsCounties(ctx, input)
  return { where: redemptionsOf(counties ? await merchantsOf(counties) : null, input), place }
}

/**
 * The figures, computed on the database in one request: redemptions per perk (a perk is one
 * merchant's, so the group carries its merchant) with the perk's title and the merchant's name and
 * county looked up; per merchant and per county add up the perks' rows here (a city holds a few
 * hundred perks). Read AGGREGATE_CAP perks at a time, in _id order, so a city's thousands all count.
 */
async function computeTotals(where: unknown): Promise<TotalsPart> {
  type PerkRow = { _id: string; merchantId: string; count: number; perk: Pick<PerkDoc, 'title' | 'merchantName'>[]; merchant: Pick<MerchantDoc, 'name' | 'countyCode'>[] }
  const rows = await aggregateAll<PerkRow>(() => redemptions().aggregate().match(where).group({ _id: '$perkId', merchantId: $.first('$merchantId'), count: $.sum(1) }).sort({ _id: 1 }), {
    then: (page) =>
      page
        .lookup({ from: COLLECTIONS.perks, localField: '_id', foreignField: '_id', as: 'perk' })
        .lookup({ from: COLLECTIONS.merchants, localField: 'merchantId', foreignField: '_id', as: 'merchant' })
        .project({ merchantId: 1, count: 1, 'perk.title': 1, 'perk.merchantName': 1, 'merchant.name': 1, 'merchant.countyCode': 1 }),
  })
  const byMerchant = new Map<string, { merchantId: string; merchantName: string; count: number }>()
  for (const r of rows) {
    const row = byMerchant.get(r.merchantId) ?? { merchantId: r.merchantId, merchantName: r.merchant[0]?.name ?? '', count: 0 }
    row.count += r.count
    byMerchant.set(r.merchantId, row)
  }
  return mergeTotals([
    {
      byMerchant: [...byMerchant.values()],
      byPerk: rows.map((r) => ({ perkId: r._id, perkTitle: r.perk[0]?.title ?? '', merchantName: r.perk[0]?.merchantName ?? '', count: r.count })),
      byCounty: rows.map((r) => ({ countyCode: r.merchant[0]?.countyCode ?? '', countyName: countyName(r.merchant[0]?.countyCode ?? '') ?? '', count: r.count })),
      total: rows.reduce((n, r) => n + r.count, 0),
    },
  ])
}

/** The figures: per merchant, per perk, per county, and all. */
interface TotalsPart {
  byMerchant: { merchantId: string; merchantName: string; count: number }[]
  byPerk: { perkId: string; perkTitle: string; merchantName: string; count: number }[]
  byCounty: { countyCode: string; countyName: string; count: number }[]
  total: number
}

/**
 * Figures of disjoint sets of merchants added up (a perk and a redemption are one merchant's):
 * per county summed, each list most first, ties by id, so figures made in parts read as made at once.
 */
function mergeTotals(parts: TotalsPart[]): TotalsPart {
  const byCount = (key: (r: never) => string) => (a: { count: number }, b: { count: number }) => b.count - a.count || (key(a as never) < key(b as never) ? -1 : key(a as never) > key(b as never) ? 1 : 0)
  const counties = new Map<string, number>()
  for (const row of parts.flatMap((p) => p.byCounty)) counties.set(row.countyCode, (counties.get(row.countyCode) ?? 0) + row.count)
  return {
    byMerchant: parts.flatMap((p) => p.byMerchant).sort(byCount((r: { merchantId: string }) => r.merchantId)),
    byPerk: parts.flatMap((p) => p.byPerk).sort(byCount((r: { perkId: string }) => r.perkId)),
    byCounty: [...counties].map(([code, count]) => ({ countyCode: code, countyName: countyName(code) ?? '', count })).sort(byCount((r: { countyCode: string }) => r.countyCode)),
    total: parts.reduce((n, p) => n + p.total, 0),
  }
}

/** A redemption with its perk's title and merchant's name and county (looked up in the same request). */
type NamedRedemption = RedemptionDoc & { perk: Pick<PerkDoc, 'title'>[]; merchant: Pick<MerchantDoc, 'name' | 'countyName'>[] }

function withNames(page: Aggregate): Aggregate {
  return page
    .lookup({ from: COLLECTIONS.perks, localField: 'perkId', foreignField: '_id', as: 'perk' })
    .lookup({ from: COLLECTIONS.merchants, localField: 'merchantId', foreignField: '_id', as: 'merchant' })
    .project({ usage: 0, 'perk.usage': 0, 'perk.recentCodes': 0, 'perk.description': 0, 'perk.terms': 0, 'merchant.contactPhone': 0, 'merchant.contactName': 0 })
}

/** A page of redemptions, newest first (ties by id), with their names: one request. */
async function redemptionPage(criteria: unknown, page: number, pageSize: number): Promise<RedemptionView[]> {
  const { list } = await withNames(redemptions().aggregate().match(criteria).sort({ at: -1, _id: 1 }).skip((page - 1) * pageSize).limit(pageSize)).end<NamedRedemption>()
  return list.map(namedView)
}

function namedView(r: NamedRedemption): RedemptionView {
  return redemptionView(r, { perks: new Map([[r.perkId, r.perk[0]?.title ?? '优惠']]), merchants: new Map([[r.merchantId, r.merchant[0]?.name ?? '爱心商家']]) })
}

/** Redemptions per detail page of an export (one request with the names). */
const DETAIL_PAGE_ROWS = 2_000
/** Merchants whose figures an export step makes. */
const MERCHANTS_PER_STEP = 25

/**
 * Where a redemptions export stands: the figures first (one step), then every redemption behind
 * them, a page at a time after the last one read (time, then id), up to the moment the export
 * began, so the detail and the figures count the same redemptions.
 */
interface RedemptionsExportState {
  phase: 'totals' | 'detail' | 'write'
  merchantIds: string[]
  /** Merchants whose figures are made, and the redemptions they counted. */
  merchantsDone: number
  counted: number
  from: string | null
  to: string | null
  /** The moment the export began (ISO). */
  upTo: string
  /** The last redemption read: its time (ISO) and id. */
  after: { at: string; id: string } | null
}

const redemptionsExport: JobKind<RedemptionsExportState> = {
  kind: 'perk.exportTotals',
  writes: (state) => state.phase === 'write',
  async step(job) {
    const state = job.state
    const where = redemptionsOf(state.merchantIds, { from: state.from, to: state.to, upTo: new Date(state.upTo) })
    if (state.phase === 'totals') {
      // The figures of a batch of merchants (a city's hundreds are a few steps); added up when written.
      const batch = state.merchantIds.slice(state.merchantsDone, state.merchantsDone + MERCHANTS_PER_STEP)
      const totals = await computeTotals(redemptionsOf(batch, { from: state.from, to: state.to, upTo: new Date(state.upTo) }))
      const counted = state.counted + totals.total
      if (counted > EXPORT_MAX_ROWS) throw conflict(`该时段核销超过 ${EXPORT_MAX_ROWS} 笔，请缩短时间范围分段导出`)
      const merchantsDone = state.merchantsDone + batch.length
      const last = merchantsDone >= state.merchantIds.length
      return {
        state: { ...state, phase: !last ? 'totals' : counted > 0 ? 'detail' : 'write', merchantsDone, counted },
        ...(last ? { total: counted } : {}),
        part: { sheet: 'totals', rows: [totals as unknown as Record<string, unknown>] },
      }
    }
    if (state.phase === 'detail') {
      const pageRows = job.pace?.rows ?? DETAIL_PAGE_ROWS
      const after = state.after
      // After the last one read: from its day on (the merchant-and-day index serves it), later, or as late with a greater id.
      const page = after ? _.and([where, { date: _.gte(shanghaiDate(new Date(after.at))) }, _.or([{ at: _.gt(new Date(after.at)) }, { at: new Date(after.at), _id: _.gt(after.id) }])]) : where
      const { list } = await withNames(redemptions().aggregate().match(page).sort({ at: 1, _id: 1 }).limit(pageRows)).end<NamedRedemption>()
      const last = list[list.length - 1]
      return {
        state: { ...state, phase: list.length < pageRows ? 'write' : 'detail', after: last ? { at: new Date(last.at).toISOString(), id: last._id } : after },
        done: list.length,
        // The volunteer's name as the merchant saw it (masked when the code was made).
        part: {
          sheet: 'detail',
          rows: list.map((r) => ({
            at: shanghaiDateTime(r.at),
            county: r.merchant[0]?.countyName ?? '',
            merchant: r.merchant[0]?.name ?? '',
            perk: r.perk[0]?.title ?? '',
            volunteer: r.volunteerName,
            star: r.star,
          })),
        },
      }
    }
    const totals = mergeTotals((await partRows(job, 'totals')) as unknown as TotalsPart[])
    const detail = await partRows(job, 'detail')
    const fileId = await writeJobWorkbook(job, [
      { title: '按商家', columns: [col('商家', 'merchantName', 28), col('核销次数', 'count', 12)], rows: totals.byMerchant },
      { title: '按优惠', columns: [col('优惠', 'perkTitle', 24), col('商家', 'merchantName', 28), col('核销次数', 'count', 12)], rows: totals.byPerk },
      { title: '按县（市、区）', columns: [col('县（市、区）', 'countyName', 20), col('核销次数', 'count', 12)], rows: totals.byCounty },
      {
        title: '核销明细',
        columns: [
          col('核销时间', 'at', 18),
          col('县（市、区）', 'county', 14),
          col('商家', 'merchant', 28),
          col('优惠', 'perk', 24),
          col('志愿者', 'volunteer', 10),
          col('星级', 'star', 8),
        ],
        rows: detail,
      },
    ])
    return { state, file: { fileId, rows: detail.length } }
  },
}

/**
 * What a volunteer's code carries of their service term: for a term that has ended, its end and
 * the grace's last day (nothing for a volunteer serving; the same account and settings the issuing
 * read, so the counter needs no request of its own).
 */
async function termClaims(user: Pick<UserDoc, 'termEndedOn'> | null, now: Date): Promise<Pick<PerkClaims, 'x' | 'g'>> {
  if (!user?.termEndedOn) return {}
  const { termGraceDays } = await loadSettings(now.getTime())
  return { x: user.termEndedOn, g: addDays(user.termEndedOn, termGraceDays) }
}

/**
 * Why the counter refuses a code for the volunteer's service term, or '': past the grace's last
 * day sealed in it, as at issuing (a code lives a minute, so the grace may end while one is shown).
 */
function codeTermStop(claims: PerkClaims, today: string): string {
  return claims.g && claims.x && today > claims.g ? `该志愿者的服务期已于 ${claims.x} 期满，宽限期至 ${claims.g} 已过，不能再使用商家优惠` : ''
}

export const main = defineFunction('perk', perk, {
  async merchants(input, ctx) {
    const reach = await merchantReach(ctx)
    const criteria: Record<string, unknown> = {}
    if (input.countyCode) {
      if (reach !== 'city' && !reach.counties.has(input.countyCode)) throw forbidden('只能查看本县（市、区）的商家')
      criteria.countyCode = input.countyCode
    } else if (reach !== 'city') criteria.countyCode = _.in([...reach.counties])
    if (input.status) criteria.status = input.status
    const { total, data } = await pageWithTotal(merchants().where(criteria), [['createdAt', 'desc'], ['_id', 'asc']], input)
    const counts = data.length
      ? (await perks().aggregate().match({ merchantId: _.in(data.map((m) => m._id)) }).group({ _id: '$merchantId', n: $.sum(1) }).limit(1000).end<{ _id: string; n: number }>()).list
      : []
    const perkCount = new Map(counts.map((c) => [c._id, c.n]))
    return { items: data.map((m) => merchantView(m, perkCount.get(m._id) ?? 0)), total }
  },

  async saveMerchant(input, ctx) {
    const county = countyName(input.countyCode)
    if (!county) throw invalid('countyCode', '请选择县（市、区）')
    const reach = await merchantReach(ctx)
    if (reach !== 'city' && !reach.counties.has(input.countyCode)) throw forbidden('只能管理本县（市、区）的商家')
    if (!input.id && !input.contactPhone) throw invalid('contactPhone', '请填写联系电话')
    const fields = {
      name: input.name,
      category: input.category,
      isDepartment: input.isDepartment,
      countyCode: input.countyCode,
      countyName: county,
      address: input.address,
      location: input.location,
      contactName: input.contactName,
      ...(input.contactPhone ? { contactPhone: input.contactPhone } : {}),
      updatedAt: ctx.now,
    }
    if (input.id) {
      const existing = await managedMerchant(input.id, ctx)
      await merchants().doc(existing._id).update({ data: fields })
      // Perks carry their merchant's name and place (for browsing without a join).
      await perks().where({ merchantId: existing._id }).update({ data: { merchantName: input.name, category: input.category, countyCode: input.countyCode, address: input.address, location: input.location } })
      return merchantView({ ...existing, ...fields }, 0)
    }
    const doc: MerchantDoc = { _id: `m${crypto.randomBytes(8).toString('hex')}`, ...fields, contactPhone: input.contactPhone!, status: 'active', createdAt: ctx.now }
    await merchants().add({ data: doc })
    const me = (await ctx.user())!
    await audit(ctx.now, { actorId: me._id, action: 'merchant.create', targetType: 'merchant', targetId: doc._id, before: null, after: { name: doc.name, countyCode: doc.countyCode }, reason: '' })
    return merchantView(doc, 0)
  },

  async setMerchantStatus(input, ctx) {
    const m = await managedMerchant(input.id, ctx)
    const roles = merchantRoles(await merchantReach(ctx), m)
    takeStep(merchantMachine, { action: 'perk.setMerchantStatus', variant: input.status, from: m.status, roles }, () => conflict(`该商家已是「${merchantMachine.stateLabels[m.status]}」`, 'status'))
    // Only from the status read: of two admins acting at once, one changes it.
    const { stats } = await merchants().where({ _id: m._id, status: m.status }).update({ data: { status: input.status, updatedAt: ctx.now } })
    if (stats.updated !== 1) throw conflict('商家状态刚刚变化，请刷新后重试')
    // A suspended merchant's perks stop at once, paused ones too (so its staff cannot set one
    // going again meanwhile); resuming restores each as it was. (The merchant's status is written
    // first: whoever activates a perk meanwhile checks it after writing, see settleSuspension.)
    if (input.status === 'suspended') {
      await perks().where({ merchantId: m._id, status: 'active' }).update({ data: { status: 'suspended', suspendedFrom: 'active' } })
      await perks().where({ merchantId: m._id, status: 'paused' }).update({ data: { status: 'suspended', suspendedFrom: 'paused' } })
    } else {
      await perks().where({ merchantId: m._id, status: 'suspended', suspendedFrom: 'paused' }).update({ data: { status: 'paused', suspendedFrom: _.remove() } })
      await perks().where({ merchantId: m._id, status: 'suspended' }).update({ data: { status: 'active', suspendedFrom: _.remove() } })
    }
    const me = (await ctx.user())!
    await audit(ctx.now, { actorId: me._id, action: `merchant.${input.status}`, targetType: 'merchant', targetId: m._id, before: { status: m.status }, after: { status: input.status }, reason: input.reason })
    // The shop's staff are told: their codes stop (or work again) from now.
    const suspended = input.status === 'suspended'
    await notify(
      await holdersOf('merchant', m._id),
      {
        template: 'review',
        page: 'packages/merchant/index/index',
        values: { thing1: `爱心商家：${m.name}`, phrase2: suspended ? '暂停参与' : '恢复参与', thing3: input.reason || (suspended ? '暂停期间本店优惠不可使用' : '本店优惠已恢复') },
      },
      ctx.now,
    )
    return merchantView({ ...m, status: input.status }, 0)
  },

  async managePerks(input, ctx) {
    const reach = await merchantReach(ctx)
    let criteria: unknown
    if (input.merchantId) {
      await managedMerchant(input.merchantId, ctx)
      criteria = { merchantId: input.merchantId }
    } else if (reach === 'city') criteria = {}
    else {
      const or = [...(reach.merchants.size ? [{ merchantId: _.in([...reach.merchants]) }] : []), ...(reach.counties.size ? [{ countyCode: _.in([...reach.counties]) }] : [])]
      criteria = or.length === 1 ? or[0] : _.or(or)
    }
    const { total, data } = await pageWithTotal(perks().where(criteria), [['updatedAt', 'desc'], ['_id', 'asc']], input)
    const pictures = await pictureUrls(data)
    return { items: data.map((p) => perkView(p, pictures)), total }
  },

  async savePerk(input, ctx) {
    const m = await managedMerchant(input.merchantId, ctx)
    if (m.status !== 'active') throw conflict('该商家已暂停参与，不能发布优惠')
    for (const c of input.counties) if (!countyName(c)) throw invalid('counties', '适用地区无效')
    const id = input.id ?? `p${crypto.randomBytes(8).toString('hex')}`
    let existing: PerkDoc | null = null
    if (input.id) {
      existing = (await perks().doc(input.id).get()).data
      if (!existing || existing.merchantId !== m._id) throw notFound('优惠不存在')
      if (input.quota < existing.redeemed) throw invalid('quota', `总名额不能少于已核销的 ${existing.redeemed} 个`)
    }
    // A new picture comes from the uploader's folder: checked, then kept where only functions write.
    let pictureFileId = existing?.pictureFileId ?? ''
    if (input.pictureFileId && input.pictureFileId !== pictureFileId) {
      const user = (await ctx.user())!
      const picture = await adoptUpload(input.pictureFileId, { userId: user._id, field: 'pictureFileId', dest: `perks/${id}-${crypto.randomBytes(4).toString('hex')}`, types: ['image/jpeg', 'image/png'], maxBytes: 2 * 1024 * 1024 })
      pictureFileId = picture.fileId
    }
    const fields = {
      merchantId: m._id,
      merchantName: m.name,
      category: m.category,
      countyCode: m.countyCode,
      address: m.address,
      location: m.location,
      title: input.title,
      description: input.description,
      terms: input.terms,
      pictureFileId,
      minStar: input.minStar,
      counties: input.counties,
      perDay: input.perDay,
      perMonth: input.perMonth,
      quota: input.quota,
      validFrom: input.validFrom,
      validTo: input.validTo,
      updatedAt: ctx.now,
    }
    let doc: PerkDoc
    if (existing) {
      await perks().doc(existing._id).update({ data: fields })
      doc = { ...existing, ...fields }
      if (existing.pictureFileId && existing.pictureFileId !== pictureFileId) await files.remove([existing.pictureFileId]).catch(() => undefined)
    } else {
      doc = { _id: id, ...fields, redeemed: 0, usage: {}, recentCodes: [], status: 'active', createdAt: ctx.now }
      await perks().add({ data: doc })
      doc = await settleSuspension(doc)
    }
    return perkView(doc, await pictureUrls([doc]))
  },

  async setPerkStatus(input, ctx) {
    const { data: p } = await perks().doc(input.id).get()
    if (!p) throw notFound('优惠不存在')
    const m = await managedMerchant(p.merchantId, ctx)
    if (p.status === 'suspended' || (input.status === 'active' && m.status !== 'active')) throw conflict('商家已暂停参与，恢复商家后优惠才能恢复', 'status')
    const roles = merchantRoles(await merchantReach(ctx), m)
    takeStep(perkMachine, { action: 'perk.setPerkStatus', variant: input.status, from: p.status, roles }, () => conflict(`该优惠已是「${perkMachine.stateLabels[p.status]}」`, 'status'))
    // Only from the status read: a suspension that came meanwhile is not undone.
    const { stats } = await perks().where({ _id: p._id, status: p.status }).update({ data: { status: input.status, updatedAt: ctx.now } })
    if (stats.updated !== 1) throw conflict('优惠状态刚刚变化，请刷新后重试')
    const me = (await ctx.user())!
    await audit(ctx.now, { actorId: me._id, action: `perk.${input.status}`, targetType: 'perk', targetId: p._id, before: { status: p.status }, after: { status: input.status }, reason: '' })
    const next = input.status === 'active' ? await settleSuspension({ ...p, status: 'active' }) : { ...p, status: input.status }
    return perkView(next, await pictureUrls([p]))
  },

  async browse(input, ctx) {
    const me = await volunteerFacts(ctx)
    const today = shanghaiDate(ctx.now)
    const criteria: Record<string, unknown> = { status: 'active', validTo: _.gte(today) }
    if (input.category) criteria.category = input.category
    // A keyword finds a merchant by name, or a perk by its title.
    const where = input.keyword ? _.and([criteria, _.or([{ merchantName: containing(input.keyword) }, { title: containing(input.keyword) }])]) : criteria
    // A city's perks are a few hundred: fetch every active one (100 a read, without the
    // per-volunteer counters), then order nearest first.
    const found = await readAll(perks().where(where).field({ usage: false, recentCodes: false }))
    // Never a suspended merchant's (its perks are suspended with it; this holds whatever the perk says).
    const merchantIds = [...new Set(found.map((p) => p.merchantId))]
    const { data: stopped } = merchantIds.length
      ? await merchants().where({ _id: _.in(merchantIds), status: _.neq('active') }).field({ _id: true }).get()
      : { data: [] as MerchantDoc[] }
    const suspended = new Set(stopped.map((m) => m._id))
    const data = found.filter((p) => !suspended.has(p.merchantId))
    const rows = data
      .map((p) => ({ p, d: input.near && p.location ? distanceMetres(input.near, p.location) : null }))
      .sort((a, b) => (a.d ?? Infinity) - (b.d ?? Infinity) || b.p.updatedAt.getTime() - a.p.updatedAt.getTime())
    const page = rows.slice((input.page - 1) * input.pageSize, input.page * input.pageSize)
    const [pictures, stop] = await Promise.all([pictureUrls(page.map((r) => r.p)), termStop(await ctx.user(), ctx.now, '商家优惠')])
    return {
      items: page.map(({ p, d }) => {
        const reason = stop || ineligibility(p, me.star, me.county, today)
        return perkView(p, pictures, { distanceM: d, eligible: !reason, reason })
      }),
      total: rows.length,
      star: me.star,
    }
  },

  async detail(input, ctx) {
    const [{ data: p }, me] = await Promise.all([perks().doc(input.id).get(), volunteerFacts(ctx)])
    if (!p) throw notFound('优惠不存在')
    const today = shanghaiDate(ctx.now)
    let reason = (await termStop(await ctx.user(), ctx.now, '商家优惠')) || ineligibility(p, me.star, me.county, today, await merchantActive(p.merchantId))
    const used = usedToday(p, me.userId, today)
    if (!reason && used.day >= p.perDay) reason = `今天已使用 ${used.day} 次（每日限 ${p.perDay} 次）`
    if (!reason && used.month >= p.perMonth) reason = `本月已使用 ${used.month} 次（每月限 ${p.perMonth} 次）`
    return perkView(p, await pictureUrls([p]), { eligible: !reason, reason })
  },

  async code(input, ctx) {
    const [{ data: p }, me] = await Promise.all([perks().doc(input.perkId).get(), volunteerFacts(ctx)])
    if (!p) throw notFound('优惠不存在')
    const today = shanghaiDate(ctx.now)
    // Past the grace after the service term ended, no perk (before the perk's own rules: it says why first).
    const user = await ctx.user()
    const reason = (await termStop(user, ctx.now, '商家优惠')) || ineligibility(p, me.star, me.county, today, await merchantActive(p.merchantId))
    if (reason) throw conflict(reason)
    const used = usedToday(p, me.userId, today)
    if (used.day >= p.perDay) throw conflict(`今天已使用 ${used.day} 次（每日限 ${p.perDay} 次）`)
    if (used.month >= p.perMonth) throw conflict(`本月已使用 ${used.month} 次（每月限 ${p.perMonth} 次）`)
    const expires = Math.floor(ctx.now.getTime() / 1000) + PERK_CODE_SECONDS
    const volunteerName = maskName(me.name)
    const token = sealPerkCode({ u: me.userId, o: ctx.openid, p: p._id, t: p.title, b: p.merchantId, e: expires, n: newNonce(), s: me.star, c: me.county, m: volunteerName, ...(await termClaims(user, ctx.now)) })
    return { token, expiresAt: new Date(expires * 1000).toISOString(), refreshInSeconds: PERK_CODE_SECONDS - CODE_LIFE_LEFT_AT_REFRESH, volunteerName, star: me.star, perkTitle: p.title }
  },

  async verify(input, ctx) {
    const claims = readCode(input.token, ctx.now)
    const reach = await merchantReach(ctx)
    // The perk with its merchant's status (one request), and whether the code was used.
    const [{ list }, { data: used }] = await Promise.all([
      perks()
        .aggregate()
        .match({ _id: claims.p })
        .lookup({ from: COLLECTIONS.merchants, localField: 'merchantId', foreignField: '_id', as: 'merchant' })
        .limit(1)
        .end<PerkDoc & { merchant: Pick<MerchantDoc, 'status'>[] }>(),
      redemptions().doc(claims.n).get(),
    ])
    const p = list[0]
    if (!p) throw notFound('优惠不存在')
    if (!reaches(reach, { merchantId: p.merchantId, countyCode: '' })) throw forbidden('这不是本店的优惠，请志愿者出示本店优惠的码')
    const today = shanghaiDate(ctx.now)
    let reason = used ? '该优惠码已使用，不能重复核销' : codeTermStop(claims, today) || ineligibility(p, claims.s, claims.c, today, p.merchant[0]?.status === 'active')
    const counts = usedToday(p, claims.u, today)
    if (!reason && counts.day >= p.perDay) reason = `该志愿者今天已使用 ${counts.day} 次（每日限 ${p.perDay} 次）`
    if (!reason && counts.month >= p.perMonth) reason = `该志愿者本月已使用 ${counts.month} 次（每月限 ${p.perMonth} 次）`
    return {
      valid: !reason,
      reason,
      perkTitle: p.title,
      terms: p.terms,
      volunteerName: claims.m,
      star: claims.s,
      expiresAt: new Date(claims.e * 1000).toISOString(),
      secondsLeft: Math.max(0, Math.floor((claims.e * 1000 - ctx.now.getTime()) / 1000)),
    }
  },

  async confirm(input, ctx) {
    const claims = readCode(input.token, ctx.now)
    const reach = await merchantReach(ctx)
    const me = (await ctx.user())!
    const today = shanghaiDate(ctx.now)
    // Past the grace of the volunteer's term, nothing is counted (as the check said).
    const termStopped = codeTermStop(claims, today)
    if (termStopped) throw conflict(termStopped)
    const day = dayKey(claims.u, today)
    const month = monthKey(claims.u, today)
    const ownMerchants = reach === 'city' ? null : [...reach.merchants]
    // One conditional update counts the redemption against the quota and the volunteer's daily
    // and monthly limits, and checks the perk is this merchant's, active, valid today, the
    // volunteer eligible and the code not used already: all or nothing, whoever else is
    // redeeming at the same moment. (The code's recent use is kept on the perk, so a repeated
    // confirmation is refused here, writing nothing; the redemption's id settles the rest.)
    const { stats } = await perks()
      .where(
        _.and([
          { _id: claims.p, status: 'active', validFrom: _.lte(today), validTo: _.gte(today), minStar: _.lte(claims.s), recentCodes: _.nin([claims.n]) },
          ownMerchants ? { merchantId: _.in(ownMerchants) } : {},
          _.or([{ counties: _.size(0) }, { counties: claims.c }]),
          _.expr($.and([$.lt(['$redeemed', '$quota']), $.lt([$.ifNull([`$${day}`, 0]), '$perDay']), $.lt([$.ifNull([`$${month}`, 0]), '$perMonth'])])),
        ]),
      )
      .update({ data: { redeemed: _.inc(1), [day]: _.inc(1), [month]: _.inc(1), recentCodes: _.push({ each: [claims.n], slice: -RECENT_CODES }) } })
    if (stats.updated !== 1) {
      // Refused: say why (this read happens only when refusing).
      const { data: p } = await perks().doc(claims.p).get()
      if (!p) throw notFound('优惠不存在')
      if (ownMerchants && !ownMerchants.includes(p.merchantId)) throw forbidden('这不是本店的优惠，请志愿者出示本店优惠的码')
      if ((p.recentCodes ?? []).includes(claims.n)) throw conflict('该优惠码已使用，不能重复核销')
      const counts = usedToday(p, claims.u, today)
      throw conflict(
        ineligibility(p, claims.s, claims.c, today) ||
          (counts.day >= p.perDay ? `该志愿者今天已使用 ${counts.day} 次（每日限 ${p.perDay} 次）` : '') ||
          (counts.month >= p.perMonth ? `该志愿者本月已使用 ${counts.month} 次（每月限 ${p.perMonth} 次）` : '') ||
          '暂时无法核销，请稍后重试',
      )
    }
    const record: RedemptionDoc = {
      _id: claims.n,
      perkId: claims.p,
      merchantId: claims.b,
      volunteerId: claims.u,
      volunteerCounty: claims.c,
      volunteerName: claims.m,
      star: claims.s,
      confirmedBy: me._id,
      at: ctx.now,
      date: today,
      month: today.slice(0, 7),
    }
    try {
      // The code's nonce is the redemption's id: a second confirmation of the same code fails here.
      await redemptions().add({ data: record })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // Used long ago (beyond the perk's recent codes): give back what this attempt counted.
      await perks().doc(claims.p).update({ data: { redeemed: _.inc(-1), [day]: _.inc(-1), [month]: _.inc(-1) } })
      throw conflict('该优惠码已使用，不能重复核销')
    }
    await notify(
      { userId: claims.u, openid: claims.o },
      { template: 'review', page: 'packages/perks/records/index', values: { thing1: `爱心商家优惠：${claims.t}`, phrase2: '已核销', thing3: '感谢你的志愿服务' } },
      ctx.now,
    )
    return { id: record._id, perkId: claims.p, perkTitle: claims.t, merchantName: '', volunteerName: record.volunteerName, star: record.star, at: record.at.toISOString() }
  },

  async myRedemptions(input, ctx) {
    const user = (await ctx.user())!
    const [{ total }, items] = await Promise.all([redemptions().where({ volunteerId: user._id }).count(), redemptionPage({ volunteerId: user._id }, input.page, input.pageSize)])
    return { items, total }
  },

  async merchantRedemptions(input, ctx) {
    const reach = await merchantReach(ctx)
    const mine = reach === 'city' ? [] : [...reach.merchants]
    const date = input.date ?? shanghaiDate(ctx.now)
    const criteria = { merchantId: _.in(mine), date }
    const [{ total }, items] = await Promise.all([redemptions().where(criteria).count(), redemptionPage(criteria, input.page, input.pageSize)])
    return { items, total, date }
  },

  async totals(input, ctx) {
    return computeTotals((await totalsCriteria(ctx, input)).where)
  },

  async exportTotals(input, ctx) {
    // Asked again with the job's id: how far it has come (and one more slice of it).
    if (input.jobId) return continueJob(redemptionsExport, input.jobId, ctx)
    const { merchantIds, place } = await totalsReach(ctx, input)
    const to = input.to ?? shanghaiDate(ctx.now)
    return startJob(redemptionsExport, ctx, {
      input: { from: input.from, to: input.to, countyCode: input.countyCode },
      scope: place,
      fileName: workbookName('爱心商家优惠核销', place, input.from ? `${input.from}至${to}` : `截至${to}`),
      pace: input.pace,
      state: { phase: 'totals', merchantIds, merchantsDone: 0, counted: 0, from: input.from ?? null, to: input.to ?? null, upTo: ctx.now.toISOString(), after: null },
    })
  },
}, { pruneUsage, carryOnExports: (now) => carryOnJobs([redemptionsExport as JobKind<unknown>], now) })
