// 志愿网格员：志愿者上报问题（类别、描述、照片、地图位置、紧急程度），所在镇街团委受理、交办、办结或不予受理，
// 上报人随时看到进度并在每一步收到通知；超过紧急程度对应办理时限仍未办结的事项标为逾期；按镇街、类别和办结用时统计。
import crypto from 'node:crypto'
import {
  GRID_CATEGORIES,
  GRID_CATEGORY_LABELS,
  GRID_OPEN,
  GRID_PHOTO_MAX_BYTES,
  GRID_STATUS_LABELS,
  grid,
  gridDueAt,
  isGridOverdue,
  type GridCategory,
  type GridQueueTab,
  type GridReportView,
  type GridRow,
  type GridStats,
  type GridStatsFigures,
  type GridStatus,
} from '../../types/grid'
import { gridMachine, type StepRole } from '../../types/machines'
import { maskMobile, maskName } from '../../types/personal'
import { shanghaiDate, shanghaiDayStart, isoOrEmpty as iso } from '../../types/time'
import { audit } from '../_shared/audit'
import { COLLECTIONS, personLabel, type GridReportDoc, type UserDoc } from '../_shared/collections'
import { _, $, db, files, isDuplicateKey } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, CITY, countyName, townshipOf } from '../_shared/divisions'
import { AppError, conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { checkChange, mayStep, takeStep } from '../_shared/machines'
import { notify } from '../_shared/notify'
import { aggregateAll, pageWithTotal } from '../_shared/paging'
import { encrypt } from '../_shared/pii'
import { claimReminder, tellWhatWaits } from '../_shared/reminders'
import { loadSettings } from '../_shared/settings'
import { adoptUpload } from '../_shared/uploads'

const reports = () => db.collection<GridReportDoc>(COLLECTIONS.gridReports)
const DETAIL_PAGE = 'packages/grid/detail/index'
const QUEUE_PAGE = 'packages/grid/queue/index'
const PICTURES = ['image/jpeg', 'image/png'] as const
const CITY_WIDE = { countyCode: _.in(allCounties.map((c) => c.code)) }
const STALE = '该事项已被其他人处理，请刷新后再看'

type Reach = Awaited<ReturnType<CallContext['townshipReach']>>
const inReach = (reach: Reach, r: { townshipCode: string; countyCode: string }) => reach === 'city' || reach.townships.has(r.townshipCode) || reach.counties.has(r.countyCode)

/** The staff roles the caller holds toward this matter's place, as the machine names them. */
function staffRoles(reach: Reach, r: { townshipCode: string; countyCode: string }): StepRole[] {
  if (reach === 'city') return ['city_admin']
  return [...(reach.counties.has(r.countyCode) ? (['county_admin'] as const) : []), ...(reach.townships.has(r.townshipCode) ? (['township_staff'] as const) : [])]
}

/** The caller's staff reach, or null when they hold no staff role (a volunteer reading their own). */
async function reachOf(ctx: CallContext): Promise<Reach | null> {
  const user = await ctx.user()
  return user?.roles.some((g) => ['township_staff', 'county_admin', 'city_admin'].includes(g.role)) ? ctx.townshipReach() : null
}

/** 138****8000; a landline keeps its area code and last two digits (0763-*****23). */
function maskPhone(phone: string): string {
  if (!phone) return ''
  return maskMobile(phone) || phone.replace(/^(0\d{2,3}-?)(\d+)(\d{2})$/, (_m, area: string, mid: string, end: string) => `${area}${'*'.repeat(mid.length)}${end}`)
}


async function view(r: GridReportDoc, viewer: { userId: string; reach: Reach | null }, now: Date): Promise<GridReportView> {
  const mine = r.userId === viewer.userId
  const roles: StepRole[] = viewer.reach && inReach(viewer.reach, r) ? staffRoles(viewer.reach, r) : []
  const urls = await files.tempUrls([...r.photoIds, ...r.resolutionPhotoIds]).catch(() => new Map<string, string>())
  const can = (action: string) => mayStep(gridMachine, { action: `grid.${action}`, from: r.status, roles })
  return {
    id: r._id,
    version: r.version,
    category: r.category,
    urgency: r.urgency,
    text: r.text,
    address: r.address,
    location: r.location,
    townshipCode: r.townshipCode,
    townshipName: r.townshipName,
    countyName: r.countyName,
    reporter: mine ? '' : r.reporterName,
    mine,
    status: r.status,
    createdAt: iso(r.createdAt),
    dueAt: iso(r.dueAt),
    overdue: isGridOverdue(r, now),
    closedAt: iso(r.closedAt),
    closeMinutes: r.closeMinutes,
    late: r.late,
    assignee: r.assignee ? { kind: r.assignee.kind, name: r.assignee.name, phoneMasked: r.assignee.phoneMasked } : null,
    assignNote: r.assignNote,
    resolution: r.resolution,
    declineReason: r.declineReason,
    photos: r.photoIds.map((id) => urls.get(id) ?? '').filter(Boolean),
    resolutionPhotos: r.resolutionPhotoIds.map((id) => urls.get(id) ?? '').filter(Boolean),
    // The reporter reads who acted as the township; staff read the name.
    history: r.history.map((h) => ({ at: iso(h.at), status: h.status, by: h.by === r.userId ? (mine ? '你' : r.reporterName) : roles.length ? h.byName : `${r.townshipName}团委`, note: h.note })),
    can: { accept: can('accept'), assign: can('assign'), close: can('close'), decline: can('decline') },
  }
}

function row(r: Pick<GridReportDoc, '_id' | 'category' | 'urgency' | 'text' | 'address' | 'townshipName' | 'status' | 'createdAt' | 'dueAt'> & { photos: number }, now: Date): GridRow {
  return {
    id: r._id,
    category: r.category,
    urgency: r.urgency,
    text: r.text,
    address: r.address,
    townshipName: r.townshipName,
    status: r.status,
    createdAt: iso(r.createdAt),
    dueAt: iso(r.dueAt),
    overdue: isGridOverdue(r, now),
    photos: r.photos,
  }
}

/** Adopts each upload (checked to be a picture) as the matter's; refuses naming the one at fault, keeping none. */
async function adoptPhotos(fileIds: string[], userId: string, field: string, dest: string): Promise<string[]> {
  const adopted: string[] = []
  try {
    for (const [i, fileId] of fileIds.entries()) {
      adopted.push((await adoptUpload(fileId, { userId, field: `${field}.${i}`, dest: `${dest}-${i}-${crypto.randomBytes(3).toString('hex')}`, types: PICTURES, maxBytes: GRID_PHOTO_MAX_BYTES })).fileId)
    }
    return adopted
  } catch (err) {
    await files.remove(adopted).catch(() => undefined)
    throw err
  }
}

/** Criteria for the matters the caller manages (one township of theirs when asked). */
async function reachCriteria(ctx: CallContext, townshipCode?: string): Promise<unknown> {
  const reach = await ctx.townshipReach()
  if (townshipCode) {
    const place = townshipOf(townshipCode)
    if (!place) throw invalid('townshipCode', '没有这个镇街')
    if (!inReach(reach, place)) throw forbidden('只能查看本镇街的上报事项')
    return { townshipCode }
  }
  if (reach === 'city') return CITY_WIDE
  const or = [...(reach.townships.size ? [{ townshipCode: _.in([...reach.townships]) }] : []), ...(reach.counties.size ? [{ countyCode: _.in([...reach.counties]) }] : [])]
  return or.length === 1 ? or[0] : _.or(or)
}

/** The reach's criteria and more: merged when plain, joined with and when the reach is an or. */
const both = (criteria: unknown, more: Record<string, unknown>) =>
  Object.getPrototypeOf(criteria) === Object.prototype ? { ...(criteria as Record<string, unknown>), ...more } : _.and([criteria as never, more])

const TAB: Record<GridQueueTab, (now: Date) => Record<string, unknown>> = {
  open: () => ({ status: _.in([...GRID_OPEN]) }),
  overdue: (now) => ({ status: _.in([...GRID_OPEN]), dueAt: _.lt(now) }),
  closed: () => ({ status: 'closed' }),
  declined: () => ({ status: 'declined' }),
}

type Decision = 'accept' | 'assign' | 'close' | 'decline'
const VERB: Record<Decision, string> = { accept: '受理', assign: '交办', close: '办结', decline: '不予受理' }

/**
 * One step of the machine on one matter: the caller's reach, the declared step from its state,
 * the version the caller saw, then one conditional update (status and version), so two people
 * acting at once cannot both take it. Audited, and the reporter is told.
 */
async function decide(
  ctx: CallContext,
  input: { id: string; version: number },
  decision: Decision,
  build: (r: GridReportDoc, actor: UserDoc) => Promise<{ change: Record<string, unknown>; note: string; tell: string; cleanup?: () => Promise<void> }>,
): Promise<GridReportView> {
  const actor = (await ctx.user())!
  const { data: r } = await reports().doc(input.id).get()
  if (!r) throw notFound('没有这个上报事项')
  const reach = await ctx.townshipReach()
  if (!inReach(reach, r)) throw forbidden('只能处理本镇街的上报事项')
  const step = takeStep(gridMachine, { action: `grid.${decision}`, from: r.status, roles: staffRoles(reach, r) }, () => conflict(`该事项${GRID_STATUS_LABELS[r.status]}，不能${VERB[decision]}`))
  if (r.version !== input.version) throw conflict(STALE, 'version')
  const { change, note, tell, cleanup } = await build(r, actor)
  const to = step.to[0] as GridStatus
  const byName = personLabel(actor)
  const entry = { at: ctx.now, status: to, by: actor._id, byName, note }
  const data = { ...change, status: to, version: r.version + 1, handledBy: actor._id, updatedAt: ctx.now, history: _.push([entry]) }
  checkChange(step, r.status, data)
  const { stats } = await reports().where({ _id: r._id, status: r.status, version: r.version }).update({ data })
  if (stats.updated !== 1) {
    await cleanup?.()
    throw conflict(STALE, 'version')
  }
  const after = { ...r, ...change, status: to, version: r.version + 1, handledBy: actor._id, updatedAt: ctx.now, history: [...r.history, entry] } as GridReportDoc
  await audit(ctx.now, { actorId: actor._id, action: `grid.${decision}`, targetType: 'grid_report', targetId: r._id, before: { status: r.status, version: r.version }, after: { status: to, version: after.version }, reason: note })
  await notify(
    { userId: r.userId, openid: r.openid },
    { template: 'review', page: `${DETAIL_PAGE}?id=${r._id}`, values: { thing1: `网格上报：${GRID_CATEGORY_LABELS[r.category]}`, phrase2: GRID_STATUS_LABELS[to], thing3: tell } },
    ctx.now,
  )
  return view(after, { userId: actor._id, reach }, ctx.now)
}

/** The place statistics cover: asked for, or the caller's own (city, their county, their township). */
async function statsPlace(ctx: CallContext, input: { countyCode?: string; townshipCode?: string }): Promise<{ level: GridStats['scope']['level']; code: string; name: string; criteria: unknown }> {
  const reach = await ctx.townshipReach()
  if (input.townshipCode) {
    const t = townshipOf(input.townshipCode)
    if (!t) throw invalid('townshipCode', '没有这个镇街')
    if (!inReach(reach, t)) throw forbidden('只能查看本镇街的统计')
    return { level: 'township', code: t.townshipCode, name: `${t.countyName}${t.townshipName}`, criteria: { townshipCode: t.townshipCode } }
  }
  const county = input.countyCode ?? (reach !== 'city' && reach.counties.size ? [...reach.counties][0] : undefined)
  if (county) {
    const name = countyName(county)
    if (!name) throw invalid('countyCode', '没有这个县（市、区）')
    if (reach !== 'city' && !reach.counties.has(county)) throw forbidden('只能查看本县（市、区）的统计')
    return { level: 'county', code: county, name, criteria: { countyCode: county } }
  }
  if (reach === 'city') return { level: 'city', code: CITY.code, name: CITY.name, criteria: CITY_WIDE }
  const own = townshipOf([...reach.townships][0])!
  return { level: 'township', code: own.townshipCode, name: `${own.countyName}${own.townshipName}`, criteria: { townshipCode: own.townshipCode } }
}

const EMPTY: GridStatsFigures = { reported: 0, open: 0, overdue: 0, closed: 0, closedLate: 0, declined: 0, avgCloseMinutes: 0 }
type Sums = Omit<GridStatsFigures, 'avgCloseMinutes'> & { closeMinutes: number; d1: number; d3: number; d7: number }
const addUp = (a: Sums, b: Sums): Sums => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Sums] + b[k as keyof Sums]])) as Sums
const figures = (s: Sums): GridStatsFigures => ({ ...EMPTY, ...Object.fromEntries(Object.keys(EMPTY).map((k) => [k, s[k as keyof Sums] ?? 0])), avgCloseMinutes: s.closed ? Math.round(s.closeMinutes / s.closed) : 0 })

const isOpen = $.in(['$status', [...GRID_OPEN]])
const count = (cond: unknown) => $.sum($.cond([cond, 1, 0]))

export const main = defineFunction(
  'grid',
  grid,
  {
    async report(input, ctx) {
      const user = (await ctx.user())!
      const own = user.roles.find((g) => g.role === 'volunteer')!
      const place = townshipOf(input.townshipCode ?? own.scopeId)
      if (!place) throw invalid('townshipCode', '没有这个镇街')
      const id = `g${crypto.createHash('sha256').update(`${user._id}:${input.requestId}`).digest('hex').slice(0, 16)}`
      const viewer = { userId: user._id, reach: null }
      // The same form sent again (its answer lost on the way) files nothing new.
      const again = async () => {
        const { data } = await reports().doc(id).get()
        return data && data.userId === user._id ? view(data, viewer, ctx.now) : null
      }
      const settings = await loadSettings(ctx.now.getTime())
      let photoIds: string[]
      try {
        photoIds = await adoptPhotos(input.photoFileIds, user._id, 'photoFileIds', `grid/${id}`)
      } catch (err) {
        const earlier = err instanceof AppError && input.photoFileIds.length ? await again() : null
        if (earlier) return earlier
        throw err
      }
      const r: GridReportDoc = {
        _id: id,
        userId: user._id,
        openid: ctx.openid,
        reporterName: maskName(personLabel(user)),
        category: input.category,
        urgency: input.urgency,
        text: input.text,
        address: input.place.address,
        location: input.place.location,
        townshipCode: place.townshipCode,
        townshipName: place.townshipName,
        countyCode: place.countyCode,
        countyName: place.countyName,
        photoIds,
        status: 'submitted',
        version: 1,
        dueAt: gridDueAt(ctx.now, input.urgency, settings.gridDueHours),
        acceptedAt: null,
        assignedAt: null,
        assignee: null,
        assignNote: '',
        resolution: '',
        resolutionPhotoIds: [],
        declineReason: '',
        closedAt: null,
        closeMinutes: 0,
        late: false,
        handledBy: '',
        history: [{ at: ctx.now, status: 'submitted', by: user._id, byName: personLabel(user), note: '' }],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      try {
        await reports().add({ data: r })
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
        await files.remove(photoIds).catch(() => undefined)
        const earlier = await again()
        if (!earlier) throw conflict('请刷新后重新提交', 'requestId')
        return earlier
      }
      return view(r, viewer, ctx.now)
    },

    async mine(input, ctx) {
      const user = (await ctx.user())!
      const mineOnly = reports().where({ userId: user._id })
      const { total, data } = await pageWithTotal(
        mineOnly,
        [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        input,
      )
      return { items: data.map((r) => row({ ...r, photos: r.photoIds.length }, ctx.now)), total }
    },

    async get(input, ctx) {
      const user = (await ctx.user())!
      const { data: r } = await reports().doc(input.id).get()
      if (!r) throw notFound('没有这个上报事项')
      const reach = r.userId === user._id ? await reachOf(ctx) : await ctx.townshipReach()
      if (r.userId !== user._id && !inReach(reach!, r)) throw forbidden('只能查看本镇街的上报事项')
      return view(r, { userId: user._id, reach }, ctx.now)
    },

    // Open matters (few at a time: they get closed) in one aggregation — the page in a stable order,
    // the true total and the overdue among them; closed and declined ones (years of them) by a
    // page query and a count.
    async queue(input, ctx) {
      const criteria = await reachCriteria(ctx, input.townshipCode)
      if (input.tab === 'closed' || input.tab === 'declined') {
        const done = reports().where(both(criteria, TAB[input.tab](ctx.now)))
        const { total, data } = await pageWithTotal(
          done,
          [
            ['dueAt', 'desc'],
            ['_id', 'asc'],
          ],
          input,
        )
        return { items: data.map((r) => row({ ...r, text: r.text.slice(0, 80), photos: r.photoIds.length }, ctx.now)), total, overdue: 0, asOf: ctx.now.toISOString() }
      }
      const { list } = await reports()
        .aggregate()
        .match(both(criteria, TAB[input.tab](ctx.now)))
        .sort({ dueAt: 1, _id: 1 })
        .group({
          _id: null,
          total: $.sum(1),
          overdue: count($.and([isOpen, $.lt(['$dueAt', ctx.now])])),
          items: $.push({ _id: '$_id', category: '$category', urgency: '$urgency', text: $.substrCP(['$text', 0, 80]), address: '$address', townshipName: '$townshipName', status: '$status', createdAt: '$createdAt', dueAt: '$dueAt', photos: $.size('$photoIds') }),
        })
        .project({ total: 1, overdue: 1, items: $.slice(['$items', (input.page - 1) * input.pageSize, input.pageSize]) })
        .end<{ total: number; overdue: number; items: (Parameters<typeof row>[0])[] }>()
      const found = list[0] ?? { total: 0, overdue: 0, items: [] }
      return { items: found.items.map((r) => row(r, ctx.now)), total: found.total, overdue: found.overdue, asOf: ctx.now.toISOString() }
    },

    async accept(input, ctx) {
      return decide(ctx, input, 'accept', async () => ({ change: { acceptedAt: ctx.now }, note: '', tell: '镇街团委已受理，正在安排办理' }))
    },

    async assign(input, ctx) {
      const { kind, name, phone } = input.assignee
      const assignee = { kind, name, phoneSealed: phone ? encrypt(phone) : '', phoneMasked: maskPhone(phone) }
      const who = `${kind === 'department' ? '' : '工作人员'}${name}`
      return decide(ctx, input, 'assign', async () => ({
        change: { assignee, assignNote: input.note, assignedAt: ctx.now },
        note: `交办：${who}${input.note ? `。${input.note}` : ''}`,
        tell: `已交办${who}办理`,
      }))
    },

    async close(input, ctx) {
      return decide(ctx, input, 'close', async (r, actor) => {
        const resolutionPhotoIds = await adoptPhotos(input.photoFileIds, actor._id, 'photoFileIds', `grid/${r._id}-done`)
        const closeMinutes = Math.max(0, Math.round((ctx.now.getTime() - new Date(r.createdAt).getTime()) / 60_000))
        return {
          change: { resolution: input.resolution, resolutionPhotoIds, closedAt: ctx.now, closeMinutes, late: ctx.now.getTime() > new Date(r.dueAt).getTime() },
          note: input.resolution,
          tell: input.resolution,
          cleanup: () => files.remove(resolutionPhotoIds).catch(() => undefined),
        }
      })
    },

    async decline(input, ctx) {
      return decide(ctx, input, 'decline', async () => ({ change: { declineReason: input.reason, closedAt: ctx.now }, note: input.reason, tell: input.reason }))
    },

    // One aggregation by township and category; the totals, categories and close times are folded from it.
    async stats(input, ctx) {
      const place = await statsPlace(ctx, input)
      const from = shanghaiDayStart(input.from)
      const to = new Date(shanghaiDayStart(input.to).getTime() + 86_400_000)
      const closed = $.eq(['$status', 'closed'])
      const within = (minutes: number) => count($.and([closed, $.lte(['$closeMinutes', minutes])]))
      const groups = await aggregateAll<Sums & { _id: { t: string; n: string; c: GridCategory } }>(() =>
        reports()
          .aggregate()
          .match(both(place.criteria, { createdAt: _.gte(from).and(_.lt(to)) }))
          .group({
            _id: { t: '$townshipCode', n: '$townshipName', c: '$category' },
            reported: $.sum(1),
            open: count(isOpen),
            overdue: count($.and([isOpen, $.lt(['$dueAt', ctx.now])])),
            closed: count(closed),
            closedLate: count($.and([closed, $.eq(['$late', true])])),
            declined: count($.eq(['$status', 'declined'])),
            closeMinutes: $.sum($.cond([closed, '$closeMinutes', 0])),
            d1: within(1440),
            d3: within(3 * 1440),
            d7: within(7 * 1440),
          })
          .sort({ _id: 1 }),
      )
      const zero: Sums = { reported: 0, open: 0, overdue: 0, closed: 0, closedLate: 0, declined: 0, closeMinutes: 0, d1: 0, d3: 0, d7: 0 }
      const strip = (g: Sums & { _id: unknown }): Sums => Object.fromEntries(Object.keys(zero).map((k) => [k, g[k as keyof Sums]])) as Sums
      const total = groups.reduce((acc, g) => addUp(acc, strip(g)), zero)
      const byCategory = GRID_CATEGORIES.map((category) => ({ category, ...figures(groups.filter((g) => g._id.c === category).reduce((acc, g) => addUp(acc, strip(g)), zero)) }))
      const townships = new Map<string, { name: string; sums: Sums }>()
      for (const g of groups) {
        const t = townships.get(g._id.t) ?? { name: g._id.n, sums: zero }
        townships.set(g._id.t, { name: t.name, sums: addUp(t.sums, strip(g)) })
      }
      const byTownship = [...townships.entries()].map(([code, t]) => ({ townshipCode: code, townshipName: t.name, ...figures(t.sums) })).sort((a, b) => b.reported - a.reported || a.townshipCode.localeCompare(b.townshipCode))
      return {
        scope: { level: place.level, code: place.code, name: place.name },
        period: { from: input.from, to: input.to },
        totals: figures(total),
        byCategory,
        byTownship,
        closeTimes: [
          { label: '1 天内', count: total.d1 },
          { label: '1–3 天', count: total.d3 - total.d1 },
          { label: '3–7 天', count: total.d7 - total.d3 },
          { label: '7 天以上', count: total.closed - total.d7 },
        ],
      }
    },
  },
  {
    /** Each morning, the staff of every township with matters open are told how many (and how many overdue), once a day. */
    async tellStaffWhatWaits(now) {
      if (!(await claimReminder(`digest:grid:${shanghaiDate(now)}`, now))) return { townships: 0, told: 0 }
      const waiting = await aggregateAll<{ _id: { code: string; name: string }; n: number }>(() =>
        reports()
          .aggregate()
          .match({ ...CITY_WIDE, status: _.in([...GRID_OPEN]) })
          .group({ _id: { code: '$townshipCode', name: '$townshipName' }, n: $.sum(1) })
          .sort({ _id: 1 }),
      )
      const told = await tellWhatWaits('township_staff', waiting.map((t) => ({ ...t._id, n: t.n })), { title: '网格上报事项待办理', page: QUEUE_PAGE }, now)
      return { townships: waiting.length, told }
    },
  },
)
