// 志愿服务：驿站签到签退、补签与申诉、镇街审核（可批量）、服务时长与星级、服务证明与报表。
import crypto from 'node:crypto'
import { distanceMetres } from '../../types/geo-rules'
import { service, type CertificateView, type Flag, type HoursView, type QueueItem, type SessionView } from '../../types/service'
import { countedDays, endOfShanghaiDay, fenceVerdict, repeatsStationCoordinates, shanghaiClock, splitByDay, staleFixProblem, stationOpenAt } from '../../types/service-rules'
import { maxCreditMinutes, minutesText, NO_HOURS_TO_CERTIFY, overSpanMessage, SUB_MINUTE_MESSAGE } from '../../types/credit-rules'
import { starLevel, type Settings } from '../../types/settings'
import { dayjs, isoOrNull, shanghaiDate, ZONE } from '../../types/time'
import { audit, type AuditEntry } from '../_shared/audit'
import { COLLECTIONS, type CarePostDoc, type CertificateDoc, type OpenSessionDoc, type RegistrationDoc, type SessionDoc, type StationDoc, type UserDoc } from '../_shared/collections'
import { _, $, containing, db, files, isDuplicateKey } from '../_shared/cloud'
import { config } from '../_shared/config'
import { joiningCaller, type CallContext, type CallerJoin } from '../_shared/context'
import { allCounties, countyName, townshipOf } from '../_shared/divisions'
import { AppError, conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { consumeQuota, quotaUsed } from '../_shared/guards'
import { workbookName } from '../_shared/excel'
import { carryOnJobs, continueJob, partRows, startJob, writeJobWorkbook, type JobKind } from '../_shared/jobs'
import { defineFunction } from '../_shared/handler'
import { kioskProblem } from '../_shared/kiosk'
import { notify, notifyEach } from '../_shared/notify'
import { aggregateAll, READ_CAP, readAll } from '../_shared/paging'
import { claimReminder, tellWhatWaits, timeBudget } from '../_shared/reminders'
import { loadSettings } from '../_shared/settings'
import { minutesInMonth, readRollup, type RollupPlace } from '../_shared/rollups'
import { adoptUpload } from '../_shared/uploads'
import { checkChange, takeStep } from '../_shared/machines'
import { appealMachine, appealState, makeupMachine, sessionMachine, statesLeftBy, type Machine, type StepRole } from '../../types/machines'
import { numeral } from '../../types/numerals'
import { postTitle } from '../../types/care-rules'
import { SESSION_SOURCE_LABELS, SESSION_STATUS_LABELS } from '../../types/vocabulary'
import { approvedDays, creditedPerVolunteer, summarizeHours } from '../_shared/hours'
import type { Aggregate, LookupPipeline } from '../_shared/db-types'
import { refuseAfterTermGrace } from '../_shared/term'

const sessions = () => db.collection<SessionDoc>(COLLECTIONS.sessions)
const openSessions = () => db.collection<OpenSessionDoc>(COLLECTIONS.openSessions)
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
/** The volunteer's hours page; `?session=` opens on one record. */
const HOURS_PAGE = 'packages/volunteer/hours/index'
/** How long a timer run takes new batches: a margin inside the function's 20 s timeout (config.json). */
const TIMER_WORK_MS = 14_000
/** The township's review queue. */
const QUEUE_PAGE = 'packages/township/queue/index'

function view(s: SessionDoc): SessionView {
  return {
    id: s._id,
    status: s.status,
    stationId: s.stationId,
    stationName: s.stationName,
    townshipName: s.townshipName,
    checkInAt: s.checkInAt.toISOString(),
    checkOutAt: isoOrNull(s.checkOutAt),
    days: s.days,
    minutes: s.minutes,
    adjustedMinutes: s.adjustedMinutes,
    flags: s.flags,
    source: s.source,
    note: s.note,
    decisionReason: s.decisionReason,
    reviewedAt: isoOrNull(s.reviewedAt),
  }
}

function openView(o: OpenSessionDoc, now: Date): SessionView {
  const days = splitByDay(o.checkInAt, now)
  return {
    id: o.sessionId,
    status: 'open',
    stationId: o.stationId,
    stationName: o.stationName,
    townshipName: o.townshipName,
    checkInAt: o.checkInAt.toISOString(),
    checkOutAt: null,
    days,
    minutes: sum(days.map((d) => d.minutes)),
    adjustedMinutes: null,
    flags: o.flags,
    source: o.via,
    note: '',
    decisionReason: '',
    reviewedAt: null,
  }
}

/** The user id of the volunteer calling (their account exists: they hold the volunteer role). */
async function volunteer(ctx: CallContext): Promise<string> {
  return (await ctx.user())!._id
}

/** Closes an open session into a session record awaiting review. */
function closedSession(o: OpenSessionDoc, userId: string, end: Date, settings: Settings, extra: { checkOut: SessionDoc['checkOut']; flags: Flag[]; status: SessionDoc['status']; requestId: string }): SessionDoc {
  const days = splitByDay(o.checkInAt, end)
  const minutes = sum(days.map((d) => d.minutes))
  const flags = new Set<Flag>([...o.flags, ...extra.flags])
  // The check-in's accuracy, against the setting (which the check-in itself does not read): the record keeps the flag.
  if (o.checkIn.accuracy > settings.coarseAccuracyM) flags.add('coarse_location')
  if (minutes > settings.longSessionMinutes) flags.add('long_session')
  if (days.some((d) => d.minutes > settings.dailyCapMinutes)) flags.add('over_daily_cap')
  return {
    _id: o.sessionId,
    userId,
    openid: o.openid,
    stationId: o.stationId,
    stationName: o.stationName,
    townshipCode: o.townshipCode,
    townshipName: o.townshipName,
    countyCode: o.countyCode,
    status: extra.status,
    checkInAt: o.checkInAt,
    checkOutAt: end,
    checkIn: o.checkIn,
    checkOut: extra.checkOut,
    days,
    minutes,
    adjustedMinutes: null,
    flags: [...flags],
    source: o.via,
    note: '',
    photoFileId: '',
    checkOutRequestId: extra.requestId,
    decisionReason: '',
    decisionId: '',
    reviewedBy: '',
    reviewedAt: null,
    createdAt: end,
    updatedAt: end,
  }
}

/** The whole city, as its counties: every session lies in one, and the county index serves a city-wide query. */
const CITY_WIDE = { countyCode: _.in(allCounties.map((c) => c.code)) }

/** Criteria limiting sessions to the townships the caller manages. */
async function reachCriteria(ctx: CallContext, townshipCode?: string): Promise<Record<string, unknown> | unknown> {
  const reach = await ctx.townshipReach()
  if (townshipCode) {
    const place = townshipOf(townshipCode)
    if (!place) throw invalid('townshipCode', '镇街无效')
    await ctx.requireTownship(place.townshipCode, place.countyCode, '只能查看本镇街的记录')
    return { townshipCode }
  }
  if (reach === 'city') return CITY_WIDE
  const or = [
    ...(reach.townships.size ? [{ townshipCode: _.in([...reach.townships]) }] : []),
    ...(reach.counties.size ? [{ countyCode: _.in([...reach.counties]) }] : []),
  ]
  return or.length === 1 ? or[0] : _.or(or)
}

const inReach = (reach: Awaited<ReturnType<CallContext['townshipReach']>>, s: { townshipCode: string; countyCode: string }) =>
  reach === 'city' || reach.townships.has(s.townshipCode) || reach.counties.has(s.countyCode)

/** The staff roles the caller holds toward this session's place, as the machines name them. */
function staffRoles(reach: Awaited<ReturnType<CallContext['townshipReach']>>, s: { townshipCode: string; countyCode: string }): StepRole[] {
  if (reach === 'city') return ['city_admin']
  const roles: StepRole[] = []
  if (reach.counties.has(s.countyCode)) roles.push('county_admin')
  if (reach.townships.has(s.townshipCode)) roles.push('township_staff')
  return roles
}

/** A county admin (or the city) may credit beyond what a record shows; township staff may not. */
const countyDecides = (roles: StepRole[]) => roles.includes('county_admin') || roles.includes('city_admin')

/** A record as the staff queue shows it: the volunteer's name, and how much the caller may credit. */
function queueItem(s: SessionDoc, names: Map<string, string>, roles: StepRole[]): QueueItem {
  return { ...view(s), volunteerName: names.get(s.userId) ?? '志愿者', volunteerUserId: s.userId, maxCreditMinutes: maxCreditMinutes(s.minutes, countyDecides(roles)) }
}

/** A make-up is decided as any session, through its own machine. */
const machineOf = (s: SessionDoc): Machine<string> => (s.source === 'makeup' ? makeupMachine : sessionMachine)

/** The session statuses a decision may leave from, whatever kind of record it is (a check-in, a make-up, an appeal). */
const decidable = (variant: 'approve' | 'reject') => [...new Set([sessionMachine, makeupMachine].flatMap((m: Machine<string>) => statesLeftBy(m, 'service.decide', variant)))]

/** What a record credits now (minutes), for the audit. */
const credited = (s: Pick<SessionDoc, 'status' | 'adjustedMinutes' | 'minutes'>) => (s.status === 'approved' ? (s.adjustedMinutes ?? s.minutes) : 0)

/** Volunteers' names (from their registrations), read a hundred at a time. */
async function namesOf(userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map()
  const data = await readAll(db.collection<RegistrationDoc>(COLLECTIONS.registrations).where({ userId: _.in([...new Set(userIds)]), kind: 'volunteer' }).field({ userId: true, name: true }))
  return new Map(data.map((r) => [r.userId, r.name]))
}

/** The volunteer's name beside each row whose `userField` is a user id (the same request: a lookup of their registration). */
function withVolunteerName(page: Aggregate, userField: string): Aggregate {
  return page
    .lookup({ from: COLLECTIONS.registrations, localField: userField, foreignField: 'userId', as: 'volunteerNames' })
    .addFields({ volunteerNames: { $map: { input: { $filter: { input: '$volunteerNames', as: 'r', cond: { $eq: ['$$r.kind', 'volunteer'] } } }, as: 'r', in: '$$r.name' } } })
}

/** A session of the queue page, with its volunteer's name and their other records of the same days. */
type QueueRow = SessionDoc & { volunteerNames: string[]; sameDays: Pick<SessionDoc, '_id' | 'checkInAt' | 'checkOutAt' | 'days' | 'adjustedMinutes'>[] }

/**
 * A page of the queue in one request: the sessions, each volunteer's name, and each volunteer's
 * other records (not rejected) that share one of the session's days — what the over-the-cap and
 * overlap flags depend on. Per row that is a handful of records, never the township's history.
 */
function queuePage(matched: Aggregate, order: 1 | -1, skip: number, limit: number): Aggregate {
  return withVolunteerName(matched.sort({ checkInAt: order, _id: 1 }).skip(skip).limit(limit), 'userId')
    .lookup({ from: COLLECTIONS.sessions, localField: 'userId', foreignField: 'userId', as: 'sameDays' })
    .addFields({
      sameDays: {
        $map: {
          input: {
            $filter: {
              input: '$sameDays',
              as: 'o',
              cond: { $and: [{ $ne: ['$$o.status', 'rejected'] }, { $gt: [{ $size: { $setIntersection: ['$$o.days.date', '$days.date'] } }, 0] }] },
            },
          },
          as: 'o',
          in: { _id: '$$o._id', checkInAt: '$$o.checkInAt', checkOutAt: '$$o.checkOutAt', days: '$$o.days', adjustedMinutes: '$$o.adjustedMinutes' },
        },
      },
    })
}

/** Flags that depend on a volunteer's other sessions: over the daily cap (with the others of the same day) and overlapping another session. */
function withContextFlags(s: QueueRow, settings: Settings): SessionDoc {
  const { volunteerNames: _names, sameDays: mine, ...session } = s
  const flags = new Set(session.flags)
  if ([session.checkIn, session.checkOut].some((r) => r && r.accuracy > settings.coarseAccuracyM)) flags.add('coarse_location')
  const sameDays = new Set(session.days.map((d) => d.date))
  const dayTotals = new Map<string, number>()
  for (const o of mine) for (const d of countedDays(o)) if (sameDays.has(d.date)) dayTotals.set(d.date, (dayTotals.get(d.date) ?? 0) + d.minutes)
  if ([...dayTotals.values()].some((m) => m > settings.dailyCapMinutes)) flags.add('over_daily_cap')
  if (mine.some((o) => o._id !== session._id && new Date(o.checkInAt) < new Date(session.checkOutAt) && new Date(o.checkOutAt) > new Date(session.checkInAt))) flags.add('overlapping')
  return { ...session, flags: [...flags] }
}

/** Masks a name for a record anyone may verify: 林晓雨 → 林*雨. */
function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

const CERT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const certificateView = (c: CertificateDoc): CertificateView => ({
  code: c._id,
  volunteerName: c.volunteerName,
  townshipName: c.townshipName,
  countyName: c.countyName,
  approvedHours: c.approvedHours,
  star: c.star,
  byStation: c.byStation,
  byMonth: c.byMonth,
  issuedAt: c.issuedAt.toISOString(),
  posts: c.posts ?? [],
})

/** A report row as the database computes it (see creditedPerVolunteer), with the volunteer's name. */
type ReportRow = { _id: string; totalMinutes: number; monthMinutes: number; townshipName: string; volunteerNames: string[] }

/** Per volunteer, this month's and all approved minutes (capped per day), most first; ties in user order, so pages neither overlap nor skip. */
function reportRowsSorted(criteria: unknown, month: string, settings: Settings): Aggregate {
  return reportRowsOf(criteria, month, settings).sort({ totalMinutes: -1, _id: 1 })
}

/** Per volunteer in `criteria`, this month's and all approved minutes (capped per day), in no order. */
function reportRowsOf(criteria: unknown, month: string, settings: Settings): Aggregate {
  return creditedPerVolunteer(sessions().aggregate().match(_.and([criteria, { status: 'approved' }])), settings.dailyCapMinutes, month)
}

/**
 * The report's volunteers, one row each with their approved sessions (`n`), in no order: the rows
 * of reportRowsOf without their figures (a row is a volunteer with an approved session here), at
 * a fraction of its cost (one group, no days unwound): how many rows a report has.
 */
function reportVolunteersOf(criteria: unknown): Aggregate {
  return sessions()
    .aggregate()
    .match(_.and([criteria, { status: 'approved' }]))
    .group({ _id: '$userId', n: $.sum(1) })
}

function reportRow(r: ReportRow, settings: Pick<Settings, 'starThresholdsHours'>) {
  return { userId: r._id, name: r.volunteerNames[0] ?? '志愿者', townshipName: r.townshipName, monthMinutes: r.monthMinutes, totalMinutes: r.totalMinutes, star: starLevel(r.totalMinutes / 60, settings.starThresholdsHours).star }
}

/** The place as the hours rollup serves places: the city, or one county (townships and mixed reaches: read live). */
function rollupPlaceOf(place: Place): RollupPlace | null {
  if (!place) return { level: 'city' }
  return place.townships.length === 0 && place.counties.length === 1 ? { level: 'county', countyCode: place.counties[0] } : null
}

/**
 * A page of the report from the hours rollup (_shared/rollups.ts), as of its last run, in one
 * request: the page of the place's rows in the report's order with the names, and how many rows
 * there are, looked up beside the rollup's state. Null when the rollup cannot serve.
 */
async function reportFromRollup(place: RollupPlace, month: string, input: { page: number; pageSize: number }, settings: Settings): Promise<{ items: ReturnType<typeof reportRow>[]; total: number; countedTo: Date } | null> {
  const read = await readRollup<{ page: ReportRow[]; counted: { n: number }[] }>(place, settings.dailyCapMinutes, {
    // A volunteer's row of the place carries their user id: ranked and named by it, as the live report.
    page: (rows) =>
      withVolunteerName(
        rows
          .project({ _id: '$userId', totalMinutes: 1, monthMinutes: minutesInMonth(month), townshipName: 1 })
          .sort({ totalMinutes: -1, _id: 1 })
          .skip((input.page - 1) * input.pageSize)
          .limit(input.pageSize),
        '_id',
      ),
    counted: (rows) => rows.count('n'),
  })
  if (!read) return null
  return { items: read.parts.page.map((r) => reportRow(r, settings)), total: read.parts.counted[0]?.n ?? 0, countedTo: read.countedTo }
}

/** Sessions per summary slice of an hours export (about; a volunteer's sessions are never split). */
const SUMMARY_SLICE_SESSIONS = 5_000
/** Records per detail page of an hours export (one request with the names). */
const DETAIL_PAGE_ROWS = 2_000

/**
 * Where an hours export stands. The summary is cut into slices of volunteers by user id, each
 * volunteer's sessions all in one slice (so their day caps are exact): a slice runs from the last
 * user id done to the user id of its SUMMARY_SLICE_SESSIONS-th session in the place, that
 * volunteer's sessions included. The month's detail is read a page at a time after the last record
 * read (check-in time, then id). Nothing reads the whole place at once but the two counts.
 */
interface HoursExportState {
  phase: 'count' | 'summary' | 'detail' | 'write'
  month: string
  place: Place
  /** The rules as they stood when the export began: every slice counts by the same. */
  rules: Pick<Settings, 'dailyCapMinutes' | 'starThresholdsHours'>
  /** The place's sessions (any status: what the slices walk) and how many the slices have walked. */
  placeSessions: number
  walked: number
  /** The last user id of the summary done. */
  lastUser: string | null
  /** The last detail record read: its check-in (ISO) and id. */
  after: { at: string; id: string } | null
}

/** The place's sessions after user id `lastUser` (the whole city: by user id alone, which the user index serves). */
function sessionsAfter(place: Place, lastUser: string | null): unknown {
  const after = lastUser === null ? null : { userId: _.gt(lastUser) }
  if (place) return after ? _.and([placeCriteria(place), after]) : placeCriteria(place)
  return after ?? CITY_WIDE
}

const hoursOf = (m: number) => Math.round((m / 60) * 10) / 10

const hoursExport: JobKind<HoursExportState> = {
  kind: 'service.exportReport',
  writes: (state) => state.phase === 'write',
  async step(job) {
    const state = job.state
    const size = job.pace?.rows
    const monthStart = dayjs.tz(`${state.month}-01`, ZONE)
    const monthEnd = monthStart.add(1, 'month').toDate()
    // The month's approved records in the place (the whole city: no condition, so the time index serves).
    const monthApproved = (since: Record<string, unknown>) => _.and([state.place ? placeCriteria(state.place) : {}, { status: 'approved' }, since])
    if (state.phase === 'count') {
      // How far there is to go: the place's sessions, and the month's approved records.
      const [{ total: placeSessions }, { total: details }] = await Promise.all([
        sessions().where(placeCriteria(state.place)).count(),
        sessions().where(monthApproved({ checkInAt: _.gte(monthStart.toDate()).and(_.lt(monthEnd)) })).count(),
      ])
      return { state: { ...state, phase: 'summary', placeSessions }, total: placeSessions + details }
    }
    if (state.phase === 'summary') {
      const sliceSessions = size ?? SUMMARY_SLICE_SESSIONS
      const rest = sessionsAfter(state.place, state.lastUser)
      // The slice ends with the volunteer of its last session (none: the rest is the last slice).
      const { data: edge } = await sessions().where(rest).orderBy('userId', 'asc').skip(sliceSessions - 1).limit(1).field({ userId: true }).get()
      const lastUser = edge[0]?.userId ?? null
      const slice = lastUser === null ? rest : _.and([rest, { userId: _.lte(lastUser) }])
      const rows = await aggregateAll<ReportRow>(
        () => creditedPerVolunteer(sessions().aggregate().match(slice).match({ status: 'approved' }), state.rules.dailyCapMinutes, state.month).sort({ _id: 1 }),
        { then: (page) => withVolunteerName(page, '_id') },
      )
      const walked = lastUser === null ? state.placeSessions : Math.min(state.walked + sliceSessions, state.placeSessions)
      return {
        state: { ...state, phase: lastUser === null ? 'detail' : 'summary', lastUser, walked },
        done: Math.max(0, walked - state.walked),
        part: { sheet: 'summary', rows: rows.map((r) => reportRow(r, state.rules)) },
      }
    }
    if (state.phase === 'detail') {
      const pageRows = size ?? DETAIL_PAGE_ROWS
      const since = state.after
        ? _.and([{ checkInAt: _.gte(new Date(state.after.at)).and(_.lt(monthEnd)) }, _.or([{ checkInAt: _.gt(new Date(state.after.at)) }, { _id: _.gt(state.after.id) }])])
        : { checkInAt: _.gte(monthStart.toDate()).and(_.lt(monthEnd)) }
      type Detail = Pick<SessionDoc, '_id' | 'userId' | 'townshipName' | 'stationName' | 'checkInAt' | 'checkOutAt' | 'minutes' | 'adjustedMinutes' | 'source' | 'decisionReason'> & { volunteerNames: string[] }
      const { list } = await withVolunteerName(
        sessions()
          .aggregate()
          .match(monthApproved(since))
          .sort({ checkInAt: 1, _id: 1 })
          .limit(pageRows)
          .project({ userId: 1, townshipName: 1, stationName: 1, checkInAt: 1, checkOutAt: 1, minutes: 1, adjustedMinutes: 1, source: 1, decisionReason: 1 }),
        'userId',
      ).end<Detail>()
      const last = list[list.length - 1]
      return {
        state: { ...state, phase: list.length < pageRows ? 'write' : 'detail', after: last ? { at: new Date(last.checkInAt).toISOString(), id: last._id } : state.after },
        done: list.length,
        part: {
          sheet: 'detail',
          rows: list.map((d) => ({
            name: d.volunteerNames[0] ?? '志愿者',
            townshipName: d.townshipName,
            stationName: d.stationName,
            date: shanghaiDate(d.checkInAt),
            checkIn: shanghaiClock(d.checkInAt),
            checkOut: d.checkOutAt ? shanghaiClock(d.checkOutAt) : '',
            minutes: d.minutes,
            credited: d.adjustedMinutes ?? d.minutes,
            source: SESSION_SOURCE_LABELS[d.source],
            reason: d.decisionReason,
          })),
        },
      }
    }
    // The workbook: the summary in the report's order (most hours first, ties by user), then the detail as read.
    type SummaryRow = ReturnType<typeof reportRow>
    const summary = ((await partRows(job, 'summary')) as SummaryRow[]).sort((a, b) => b.totalMinutes - a.totalMinutes || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    const details = await partRows(job, 'detail')
    const { month, rules } = state
    const fileId = await writeJobWorkbook(job, [
      {
        title: `${month} 汇总`,
        columns: [
          { header: '姓名', key: 'name', width: 12 },
          { header: '服务镇街', key: 'townshipName', width: 16 },
          { header: `${month} 时长（小时）`, key: 'month', width: 18 },
          { header: '累计时长（小时）', key: 'total', width: 18 },
          { header: '星级', key: 'star', width: 10 },
        ],
        rows: summary.map((r) => ({ name: r.name, townshipName: r.townshipName, month: hoursOf(r.monthMinutes), total: hoursOf(r.totalMinutes), star: r.star > 0 ? `${r.star} 星` : '未达一星' })),
      },
      {
        title: `${month} 服务明细`,
        columns: [
          { header: '姓名', key: 'name', width: 12 },
          { header: '服务镇街', key: 'townshipName', width: 14 },
          { header: '驿站', key: 'stationName', width: 30 },
          { header: '日期', key: 'date', width: 12 },
          { header: '签到', key: 'checkIn', width: 8 },
          { header: '签退', key: 'checkOut', width: 8 },
          { header: '记录时长（分钟）', key: 'minutes', width: 16 },
          { header: '计入时长（分钟）', key: 'credited', width: 16 },
          { header: '方式', key: 'source', width: 10 },
          { header: '审核说明', key: 'reason', width: 30 },
        ],
        rows: details,
      },
      {
        title: '说明',
        columns: [
          { header: '项目', key: 'item', width: 16 },
          { header: '内容', key: 'value', width: 60 },
        ],
        rows: [
          { item: '范围', value: job.scope },
          { item: '月份', value: month },
          { item: '导出时间', value: `${shanghaiDate(job.createdAt)} ${shanghaiClock(job.createdAt)}` },
          { item: '计入规则', value: `只计审核通过的记录；每人每天最多计入 ${hoursOf(rules.dailyCapMinutes)} 小时（汇总已按此封顶，明细为单条记录）` },
          { item: '星级门槛（小时）', value: rules.starThresholdsHours.map((h, i) => `${i + 1} 星 ${h}`).join('，') },
        ],
      },
    ])
    return { state, file: { fileId, rows: summary.length } }
  },
}

/** The counter of a volunteer's make-ups and appeals in the Shanghai month of `now`. */
function allowanceCounter(userId: string, now: Date): { id: string; month: string } {
  const month = shanghaiDate(now).slice(0, 7)
  return { id: `makeup:${userId}:${month}`, month }
}

/** Counts a make-up request or appeal against the volunteer's monthly allowance. */
async function takeMonthlyAllowance(userId: string, now: Date, settings: Settings): Promise<void> {
  const { id, month } = allowanceCounter(userId, now)
  const monthEnd = dayjs.tz(`${month}-01`, ZONE).add(1, 'month').toDate()
  if (!(await consumeQuota(id, settings.makeupsPerMonth, monthEnd))) {
    throw new AppError('RATE_LIMITED', `本月的补签和申诉次数（${settings.makeupsPerMonth} 次）已用完`)
  }
}

/** Closes every session left open past the end of its day, as needing review (timer). */
async function closeForgottenSessions(now: Date): Promise<Record<string, unknown>> {
  const settings = await loadSettings(now.getTime())
  const todayStart = dayjs(now).tz(ZONE).startOf('day').toDate()
  const budget = timeBudget(TIMER_WORK_MS)
  let closed = 0
  // A hundred at a time (each batch removed, so the next read finds the rest) until none is left
  // or the run's time is nearly up: then the next run closes the rest.
  for (;;) {
    if (!budget.left()) return { closed, done: false }
    const { data } = await openSessions().where({ checkInAt: _.lt(todayStart) }).orderBy('checkInAt', 'asc').orderBy('_id', 'asc').limit(READ_CAP).get()
    if (data.length === 0) break
    // A session begun in the day's last minute closes with nothing to credit: it leaves no record.
    const records = data.map((o) => closedSession(o, o._id, endOfShanghaiDay(o.checkInAt), settings, { checkOut: null, flags: ['closed_by_timer'], status: 'needs_review', requestId: '' })).filter((r) => r.minutes > 0)
    // Only the records this run wrote are told about: a run that overlaps or repeats another tells no one twice.
    let written: SessionDoc[] = records
    try {
      if (records.length > 0) await sessions().add({ data: records })
    } catch (err) {
      // A previous run was cut short after writing some of these: write the rest one by one.
      if (!isDuplicateKey(err)) throw err
      written = []
      for (const r of records) {
        const added = await sessions()
          .add({ data: r })
          .then(() => true)
          .catch((e) => {
            if (!isDuplicateKey(e)) throw e
            return false
          })
        if (added) written.push(r)
      }
    }
    await openSessions().where({ _id: _.in(data.map((o) => o._id)), checkInAt: _.lt(todayStart) }).remove()
    await notifyEach(
      written.map((r) => ({
        to: r,
        notice: {
          template: 'review',
          page: `${HOURS_PAGE}?session=${r._id}`,
          values: { thing1: `志愿服务签到：${shanghaiDate(r.checkInAt)} ${r.stationName}`, phrase2: '自动签退', thing3: '忘记签退，已在当天 24 时结束，待镇街核实时长' },
        },
      })),
      now,
    )
    closed += data.length
  }
  return { closed, done: true }
}

/**
 * A decision reads the sessions it decides with the caller's account, in the one request the
 * handler makes to check the caller's roles (`joiningCaller`): the batch as it stands.
 */
function decidingJoin(ids: string[]): CallerJoin {
  return {
    as: ['deciding'],
    stages: (caller) => caller.lookup({ from: COLLECTIONS.sessions, pipeline: ($.pipeline().match({ _id: _.in(ids) }).limit(READ_CAP) as LookupPipeline).done(), as: 'deciding' }),
  }
}

function decideJoin(event: { action?: unknown; input?: unknown }): CallerJoin | null {
  if (event?.action !== 'decide') return null
  const parsed = service.decide.input.safeParse(event.input)
  return parsed.success ? decidingJoin([...new Set(parsed.data.ids)]) : null
}

export const main = joiningCaller(defineFunction(
  'service',
  service,
  {
    async checkIn(input, ctx) {
      const userId = await volunteer(ctx)
      // Past the grace after the service term ended: no more check-ins (the account says so, no request).
      await refuseAfterTermGrace(await ctx.user(), ctx.now, '驿站签到')
      const { data: st } = await db.collection<StationDoc>(COLLECTIONS.stations).doc(input.stationId).get()
      if (!st) throw notFound('驿站不存在，请确认扫描的是驿站张贴的签到码')
      if (!st.active) throw conflict('该驿站已停用，暂不能签到')
      if (!stationOpenAt(st, ctx.now)) throw conflict(`驿站开放时间为 ${st.opensAt}–${st.closesAt}，现在是 ${shanghaiClock(ctx.now)}，不在开放时间内，不能签到`, 'stationId')
      const kiosk = input.kioskCode !== undefined
      if (kiosk) {
        const problem = kioskProblem(input.kioskCode!, st._id, ctx.now, config.tokenKey())
        if (problem) throw invalid('kioskCode', problem)
      } else {
        // Without the station's code, the phone's position is the only proof of presence: a fresh fix.
        const problem = staleFixProblem(input.reading.at, ctx.now.getTime())
        if (problem) throw invalid('reading.at', problem)
      }
      // No settings here (three round trips at most): a coarse reading is flagged when the session is closed.
      const distance = distanceMetres(input.reading, st.location)
      const verdict = fenceVerdict(distance, input.reading.accuracy, st.radiusM, Infinity)
      if (!verdict.inside) throw invalid('reading', verdict.message)
      // A position that is the station's own coordinates was copied, not measured: for the township to look at.
      const flags = !kiosk && repeatsStationCoordinates(distance) ? [...verdict.flags, 'station_coordinates' as const] : verdict.flags
      const open: OpenSessionDoc = {
        _id: userId,
        sessionId: `${userId}:${input.requestId}`,
        requestId: input.requestId,
        openid: ctx.openid,
        stationId: st._id,
        stationName: st.name,
        stationLocation: st.location,
        radiusM: st.radiusM,
        townshipCode: st.townshipCode,
        townshipName: st.townshipName,
        countyCode: st.countyCode,
        checkInAt: ctx.now,
        checkIn: { lat: input.reading.lat, lng: input.reading.lng, accuracy: input.reading.accuracy, distanceM: verdict.distanceM },
        flags,
        via: kiosk ? 'kiosk' : input.via,
      }
      try {
        // One open session per volunteer: the document is keyed by the volunteer.
        await openSessions().add({ data: open })
        return openView(open, ctx.now)
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
      const { data: existing } = await openSessions().doc(userId).get()
      // The same request again (a double tap, a retry): the check-in it already made.
      if (existing && existing.requestId === input.requestId) return openView(existing, ctx.now)
      throw conflict(existing ? `你在「${existing.stationName}」的服务还没有签退，请先签退` : '请稍后重试')
    },

    async checkOut(input, ctx) {
      const userId = await volunteer(ctx)
      const { data: open } = await openSessions().doc(userId).get()
      if (!open) {
        // A repeated check-out (double tap, retry after a lost reply) gets the record it made.
        const { data: done } = await sessions().where({ userId, checkOutRequestId: input.requestId }).limit(1).get()
        if (done[0]) return view(done[0])
        throw notFound('当前没有进行中的服务')
      }
      const settings = await loadSettings(ctx.now.getTime())
      const flags: Flag[] = []
      let checkOut: SessionDoc['checkOut'] = null
      if (input.reading) {
        const distance = distanceMetres(input.reading, open.stationLocation)
        const verdict = fenceVerdict(distance, input.reading.accuracy, open.radiusM, settings.coarseAccuracyM)
        // Leaving from outside the fence is allowed (people are called away) but flagged.
        if (verdict.inside) flags.push(...verdict.flags)
        else flags.push('outside_fence')
        checkOut = { lat: input.reading.lat, lng: input.reading.lng, accuracy: input.reading.accuracy, distanceM: verdict.distanceM }
      } else {
        flags.push('outside_fence')
      }
      // A session still open past midnight is closed at the end of its day by the timer; a check-out
      // that reaches it first ends it there too, rather than crediting the night.
      const end = shanghaiDate(open.checkInAt) === shanghaiDate(ctx.now) ? ctx.now : endOfShanghaiDay(open.checkInAt)
      if (end !== ctx.now) flags.push('closed_by_timer')
      const step = takeStep(sessionMachine, { action: 'service.checkOut', from: 'open', roles: ['owner'] }, () => notFound('当前没有进行中的服务'))
      const record = closedSession(open, userId, end, settings, { checkOut, flags, status: end === ctx.now ? 'pending' : 'needs_review', requestId: input.requestId })
      if (record.minutes === 0) {
        // Under a minute: nothing to credit or review, so the check-in is undone rather than queued.
        await openSessions().where({ _id: userId, sessionId: open.sessionId }).remove()
        return { status: 'discarded' as const, stationName: open.stationName, checkInAt: open.checkInAt.toISOString(), checkOutAt: end.toISOString(), message: SUB_MINUTE_MESSAGE }
      }
      checkChange(step, 'open', { status: record.status })
      try {
        await sessions().add({ data: record })
      } catch (err) {
        // Written by an earlier attempt that did not get to remove the open session.
        if (!isDuplicateKey(err)) throw err
      }
      await openSessions().where({ _id: userId, sessionId: open.sessionId }).remove()
      return view(record)
    },

    async current(_input, ctx) {
      const userId = await volunteer(ctx)
      const { data } = await openSessions().doc(userId).get()
      return data ? openView(data, ctx.now) : null
    },

    async history(input, ctx) {
      const userId = await volunteer(ctx)
      const criteria: Record<string, unknown> = { userId }
      if (input.status) criteria.status = input.status
      const [{ total }, { data }, focused] = await Promise.all([
        sessions().where(criteria).count(),
        sessions().where(criteria).orderBy('checkInAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize).get(),
        input.focus ? sessions().where({ _id: input.focus, userId }).limit(1).get() : Promise.resolve({ data: [] as SessionDoc[] }),
      ])
      return { items: data.map(view), total, focused: focused.data[0] ? view(focused.data[0]) : null }
    },

    async allowance(_input, ctx) {
      const userId = await volunteer(ctx)
      const { id, month } = allowanceCounter(userId, ctx.now)
      const [settings, used] = await Promise.all([loadSettings(ctx.now.getTime()), quotaUsed(id)])
      return { month, perMonth: settings.makeupsPerMonth, used, left: Math.max(0, settings.makeupsPerMonth - used) }
    },

    async hours(_input, ctx) {
      const userId = await volunteer(ctx)
      const settings = await loadSettings(ctx.now.getTime())
      const [days, pending] = await Promise.all([
        approvedDays(userId),
        sessions()
          .aggregate()
          .match({ userId, status: _.in(['pending', 'needs_review']) })
          .group({ _id: null, minutes: $.sum('$minutes') })
          .end<{ minutes: number }>(),
      ])
      const summary = summarizeHours(days, settings)
      const result: HoursView = {
        approvedMinutes: summary.approvedMinutes,
        pendingMinutes: pending.list[0]?.minutes ?? 0,
        star: summary.star,
        nextStarHours: summary.nextStarHours,
        thresholdsHours: settings.starThresholdsHours,
        months: summary.months,
        byStation: summary.byStation,
      }
      return result
    },

    async makeup(input, ctx) {
      const userId = await volunteer(ctx)
      await refuseAfterTermGrace(await ctx.user(), ctx.now, '补签')
      const settings = await loadSettings(ctx.now.getTime())
      const start = dayjs.tz(`${input.date} ${input.start}`, ZONE).toDate()
      const end = dayjs.tz(`${input.date} ${input.end}`, ZONE).toDate()
      if (end > ctx.now) throw invalid('date', '只能补签已经结束的服务')
      if (ctx.now.getTime() - start.getTime() > 31 * 86400_000) throw invalid('date', '只能补签 31 天内的服务')
      const { data: st } = await db.collection<StationDoc>(COLLECTIONS.stations).doc(input.stationId).get()
      if (!st) throw invalid('stationId', '请选择驿站')
      const { total: overlapping } = await sessions()
        .where({ userId, status: _.in(['approved', 'pending', 'needs_review']), checkInAt: _.lt(end), checkOutAt: _.gt(start) })
        .count()
      if (overlapping > 0) throw conflict('这段时间已有服务记录，不能重复补签', 'start')
      const id = `${userId}:mk${crypto.randomBytes(8).toString('hex')}`
      // The proof photo, from the volunteer's upload folder, checked to be a picture.
      const photo = input.photoFileId
        ? await adoptUpload(input.photoFileId, { userId, field: 'photoFileId', dest: `makeups/${id.replace(':', '-')}`, types: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 })
        : null
      try {
        await takeMonthlyAllowance(userId, ctx.now, settings)
      } catch (err) {
        if (photo) await files.remove([photo.fileId]).catch(() => undefined)
        throw err
      }
      const days = splitByDay(start, end)
      const minutes = sum(days.map((d) => d.minutes))
      const flags: Flag[] = ['makeup']
      if (minutes > settings.longSessionMinutes) flags.push('long_session')
      const record: SessionDoc = {
        _id: id,
        userId,
        openid: ctx.openid,
        stationId: st._id,
        stationName: st.name,
        townshipCode: st.townshipCode,
        townshipName: st.townshipName,
        countyCode: st.countyCode,
        status: 'pending',
        checkInAt: start,
        checkOutAt: end,
        checkIn: null,
        checkOut: null,
        days,
        minutes,
        adjustedMinutes: null,
        flags,
        source: 'makeup',
        note: input.reason,
        photoFileId: photo?.fileId ?? '',
        checkOutRequestId: '',
        decisionReason: '',
        decisionId: '',
        reviewedBy: '',
        reviewedAt: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      await sessions().add({ data: record })
      return view(record)
    },

    async appeal(input, ctx) {
      const userId = await volunteer(ctx)
      const { data: s } = await sessions().doc(input.sessionId).get()
      if (!s || s.userId !== userId) throw notFound('服务记录不存在')
      const from = appealState(s)
      const wrongState = () => conflict('只能对未通过或被调整时长的记录申诉')
      if (!from) throw wrongState()
      const step = takeStep(appealMachine, { action: 'service.appeal', from, roles: ['owner'] }, wrongState)
      await takeMonthlyAllowance(userId, ctx.now, await loadSettings(ctx.now.getTime()))
      const flags = [...new Set<Flag>([...s.flags, 'appeal'])]
      const change = { status: 'pending' as const, flags, note: input.reason, updatedAt: ctx.now }
      checkChange(step, from, { ...change, status: 'appealed' })
      const { stats } = await sessions().where({ _id: s._id, status: s.status }).update({ data: change })
      if (stats.updated !== 1) throw conflict('记录状态已变化，请刷新后重试')
      // An appeal of an adjusted record takes its credited time back until the township decides again.
      await audit(ctx.now, { actorId: userId, action: 'session.appeal', targetType: 'session', targetId: s._id, before: { status: s.status, creditedMinutes: credited(s) }, after: { status: 'pending', creditedMinutes: 0 }, reason: input.reason })
      return view({ ...s, ...change })
    },

    async queue(input, ctx) {
      const settings = await loadSettings(ctx.now.getTime())
      const scope = await reachCriteria(ctx, input.townshipCode)
      const parts: unknown[] = [scope, { status: input.status }]
      if (input.flaggedOnly) parts.push({ 'flags.0': _.exists(true) })
      if (input.date) {
        const dayStart = dayjs.tz(input.date, ZONE)
        parts.push({ checkInAt: _.gte(dayStart.toDate()).and(_.lt(dayStart.add(1, 'day').toDate())) })
      }
      const matched = () => {
        const m = sessions().aggregate().match(_.and(parts))
        // Names live on registrations: the sessions of volunteers whose name contains it.
        return input.name
          ? m
              .lookup({ from: COLLECTIONS.registrations, localField: 'userId', foreignField: 'userId', as: 'named' })
              .match({ named: _.elemMatch({ kind: 'volunteer', name: containing(input.name) }) })
              .project({ named: 0 })
          : m
      }
      const order = input.status === 'pending' || input.status === 'needs_review' ? 1 : -1
      // Two requests: the true total, and the page with names and what its flags depend on.
      const [counted, page, reach] = await Promise.all([
        input.name ? matched().count('n').end<{ n: number }>().then((r) => r.list[0]?.n ?? 0) : sessions().where(_.and(parts)).count().then((r) => r.total),
        queuePage(matched(), order, (input.page - 1) * input.pageSize, input.pageSize).end<QueueRow>(),
        ctx.townshipReach(),
      ])
      const items: QueueItem[] = page.list.map((row) => {
        const s = withContextFlags(row, settings)
        return queueItem(s, new Map([[s.userId, row.volunteerNames[0] ?? '志愿者']]), staffRoles(reach, s))
      })
      return { items, total: counted }
    },

    async decide(input, ctx) {
      const reach = await ctx.townshipReach()
      const me = (await ctx.user())!
      const ids = [...new Set(input.ids)]
      const status: SessionDoc['status'] = input.decision === 'approve' ? 'approved' : 'rejected'
      const reason = input.reason ?? ''
      const decisionId = crypto.randomUUID()
      const eligible = decidable(input.decision)
      // The sessions as they stand, read with the caller's account (decideJoin): which may be
      // decided, which lie outside the reach, which are gone. A batch that reaches only outside the
      // caller's townships is refused whole, before any change.
      const read = (await ctx.joined<{ deciding: SessionDoc[] }>(decidingJoin(ids)))?.deciding ?? []
      const found = new Map(read.map((s) => [s._id, s]))
      const mine = read.filter((s) => inReach(reach, s) && (eligible as string[]).includes(s.status))
      if (mine.length === 0 && read.some((s) => !inReach(reach, s))) throw forbidden('只能审核本镇街的服务记录')
      // One conditional update decides every eligible session as read; when it changed them all, they
      // are the ones decided (as read, with the decision); when fewer (a concurrent decision or
      // adjustment took some), the decision id tells which.
      const change = { status, decisionReason: reason, decisionId, reviewedBy: me._id, reviewedAt: ctx.now, updatedAt: ctx.now }
      const { stats } = mine.length
        ? await sessions()
            .where({ _id: _.in(mine.map((s) => s._id)), status: _.in(eligible) })
            .update({ data: change })
        : { stats: { updated: 0 } }
      let decided: SessionDoc[] = mine.map((s) => ({ ...s, ...change }))
      if (stats.updated !== mine.length) decided = stats.updated > 0 ? (await sessions().where({ decisionId }).limit(READ_CAP).get()).data : []
      const decidedIds = new Set(decided.map((s) => s._id))
      const skipped = ids
        .filter((id) => !decidedIds.has(id))
        .map((id) => {
          const s = found.get(id)
          return { id, message: !s ? '记录不存在' : !inReach(reach, s) ? '不在你的管辖范围内' : '该记录已被处理' }
        })
      const entries: AuditEntry[] = decided.map((s) => ({
        actorId: me._id,
        action: `session.${input.decision}`,
        targetType: 'session',
        targetId: s._id,
        before: { creditedMinutes: 0 },
        after: { status, creditedMinutes: credited(s) },
        reason,
      }))
      // One message per volunteer, however many of their sessions were decided; the audit and the
      // messages written at once.
      const byVolunteer = new Map<string, SessionDoc[]>()
      for (const s of decided) byVolunteer.set(s.userId, [...(byVolunteer.get(s.userId) ?? []), s])
      const audited = audit(ctx.now, ...entries)
      const told = notifyEach(
        [...byVolunteer.values()].map((list) => ({
          to: list[0],
          notice: {
            template: 'review',
            page: list.length === 1 ? `${HOURS_PAGE}?session=${list[0]._id}` : HOURS_PAGE,
            values: {
              thing1: list.length === 1 ? `志愿服务时长：${shanghaiDate(list[0].checkInAt)} ${list[0].stationName}` : `${list.length} 条志愿服务时长`,
              phrase2: status === 'approved' ? '已通过' : '未通过',
              thing3: status === 'approved' ? `计入 ${minutesText(sum(list.map(credited)))}` : reason,
            },
          },
        })),
        ctx.now,
      )
      await Promise.all([audited, told])
      return { decided: decided.length, skipped }
    },

    async adjust(input, ctx) {
      const { data: s } = await sessions().doc(input.id).get()
      if (!s) throw notFound('服务记录不存在')
      await ctx.requireTownship(s.townshipCode, s.countyCode, '只能调整本镇街的服务记录')
      const roles = staffRoles(await ctx.townshipReach(), s)
      const step = takeStep(machineOf(s), { action: 'service.adjust', from: s.status, roles }, () => conflict(s.status === 'open' ? '服务尚未签退，不能调整' : `该记录${SESSION_STATUS_LABELS[s.status]}，不能调整`))
      if (input.minutes > maxCreditMinutes(s.minutes, countyDecides(roles))) throw invalid('minutes', overSpanMessage(s.minutes))
      const me = (await ctx.user())!
      const before = credited(s)
      const flags = [...new Set<Flag>([...s.flags, 'adjusted'])]
      const change = { status: 'approved' as const, adjustedMinutes: input.minutes, flags, decisionReason: input.reason, reviewedBy: me._id, reviewedAt: ctx.now, updatedAt: ctx.now }
      checkChange(step, s.status, change, ['reviewedBy', 'reviewedAt'])
      const { stats } = await sessions().where({ _id: s._id, updatedAt: s.updatedAt }).update({ data: change })
      if (stats.updated !== 1) throw conflict('记录已被他人修改，请刷新后重试')
      await audit(ctx.now, { actorId: me._id, action: 'session.adjust', targetType: 'session', targetId: s._id, before: { status: s.status, creditedMinutes: before }, after: { status: 'approved', creditedMinutes: input.minutes }, reason: input.reason })
      await notify(
        s,
        { template: 'review', page: `${HOURS_PAGE}?session=${s._id}`, values: { thing1: `志愿服务时长：${shanghaiDate(s.checkInAt)} ${s.stationName}`, phrase2: '已调整', thing3: `计入 ${minutesText(input.minutes)}；${input.reason}` } },
        ctx.now,
      )
      const names = await namesOf([s.userId])
      return queueItem({ ...s, ...change }, names, roles)
    },

    async certificate(_input, ctx) {
      const userId = await volunteer(ctx)
      const settings = await loadSettings(ctx.now.getTime())
      const [days, { data: regs }, { data: held }] = await Promise.all([
        approvedDays(userId),
        db.collection<RegistrationDoc>(COLLECTIONS.registrations).where({ userId, kind: 'volunteer' }).limit(1).get(),
        // Posts held (care function), begun by today, as the certificate lists them.
        db.collection<CarePostDoc>(COLLECTIONS.carePosts).where({ volunteerId: userId }).orderBy('startDate', 'asc').limit(100).get(),
      ])
      const reg = regs[0]
      if (!reg) throw conflict('请先完成志愿者注册')
      const summary = summarizeHours(days, settings)
      // A certificate proves service: without approved hours there is nothing to prove.
      if (summary.approvedMinutes === 0) throw conflict(NO_HOURS_TO_CERTIFY)
      const hours = (m: number) => Math.round((m / 60) * 10) / 10
      const doc: CertificateDoc = {
        _id: Array.from({ length: 12 }, () => CERT_ALPHABET[crypto.randomInt(CERT_ALPHABET.length)]).join(''),
        userId,
        volunteerName: maskName(reg.name),
        townshipName: reg.townshipName,
        countyName: reg.countyName,
        approvedHours: hours(summary.approvedMinutes),
        star: summary.star,
        byStation: summary.byStation.map((s) => ({ stationName: s.stationName, hours: hours(s.minutes) })),
        byMonth: summary.months.map((m) => ({ month: m.month, hours: hours(m.minutes) })),
        issuedAt: ctx.now,
        posts: held.filter((p) => p.startDate <= shanghaiDate(ctx.now)).map((p) => ({ title: postTitle(p.kind, p), from: p.startDate, to: p.endDate })),
      }
      await db.collection<CertificateDoc>(COLLECTIONS.certificates).add({ data: doc })
      return certificateView(doc)
    },

    async verify(input) {
      const { data } = await db.collection<CertificateDoc>(COLLECTIONS.certificates).doc(input.code).get()
      if (!data) throw notFound('没有找到这份证明，请核对核验码')
      return certificateView(data)
    },

    async report(input, ctx) {
      const settings = await loadSettings(ctx.now.getTime())
      const month = input.month ?? shanghaiDate(ctx.now).slice(0, 7)
      const place = await placeFor(ctx, input)
      const rollup = rollupPlaceOf(place)
      const rolled = rollup ? await reportFromRollup(rollup, month, input, settings) : null
      if (rolled) return { month, items: rolled.items, total: rolled.total, rolledUpAt: rolled.countedTo.toISOString() }
      // Live (a township, or until the rollup is built): two requests, both computed on the database:
      // the page of rows with names, and how many rows there are (the volunteers, without their figures).
      const scope = placeCriteria(place)
      const [page, counted] = await Promise.all([
        withVolunteerName(reportRowsSorted(scope, month, settings).skip((input.page - 1) * input.pageSize).limit(input.pageSize), '_id').end<ReportRow>(),
        reportVolunteersOf(scope).count('n').end<{ n: number }>(),
      ])
      return { month, items: page.list.map((r) => reportRow(r, settings)), total: counted.list[0]?.n ?? 0, rolledUpAt: null }
    },

    async exportReport(input, ctx) {
      // Asked again with the job's id: how far it has come (and one more slice of it).
      if (input.jobId) return continueJob(hoursExport, input.jobId, ctx)
      const settings = await loadSettings(ctx.now.getTime())
      const month = input.month ?? shanghaiDate(ctx.now).slice(0, 7)
      const [place, scope] = await Promise.all([placeFor(ctx, input), placeName(ctx, input)])
      return startJob(hoursExport, ctx, {
        input: { townshipCode: input.townshipCode, countyCode: input.countyCode, month: input.month },
        scope,
        fileName: workbookName('志愿服务时长', scope, month),
        pace: input.pace,
        state: { phase: 'count', month, place, rules: { dailyCapMinutes: settings.dailyCapMinutes, starThresholdsHours: settings.starThresholdsHours }, placeSessions: 0, walked: 0, lastUser: null, after: null },
      })
    },
  },
  { closeOpenSessions: closeForgottenSessions, tellStaffWhatWaits, tellNewStars, carryOnExports: (now) => carryOnJobs([hoursExport as JobKind<unknown>], now) },
), decideJoin)

/**
 * Nightly: volunteers whose approved hours reached a new star level since they were last told
 * (those with records approved in the last two days) are told, once per level.
 */
async function tellNewStars(now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(TIMER_WORK_MS)
  const since = new Date(now.getTime() - 2 * 86400_000)
  const recent = await aggregateAll<{ _id: string }>(() =>
    sessions()
      .aggregate()
      .match({ ...CITY_WIDE, status: 'approved', reviewedAt: _.gte(since) })
      .group({ _id: '$userId' })
      .sort({ _id: 1 }),
  )
  const settings = await loadSettings(now.getTime())
  const month = shanghaiDate(now).slice(0, 7)
  let told = 0
  let checked = 0
  // A hundred volunteers a batch: their accounts (one read) and their approved time (one
  // aggregation, capped per day on the database); only those past their last told level write.
  for (let i = 0; i < recent.length; i += READ_CAP) {
    // Out of time: the rest are still in the next run's two-day window (and told once by their claim).
    if (!budget.left()) return { volunteers: recent.length, checked, told, done: false }
    const ids = recent.slice(i, i + READ_CAP).map((r) => r._id)
    const [{ data: accounts }, { list: totals }] = await Promise.all([
      db.collection<UserDoc>(COLLECTIONS.users).where({ _id: _.in(ids), status: 'active' }).field({ openid: true, starNotified: true }).limit(READ_CAP).get(),
      creditedPerVolunteer(sessions().aggregate().match({ userId: _.in(ids), status: 'approved' }), settings.dailyCapMinutes, month)
        .limit(READ_CAP)
        .end<{ _id: string; totalMinutes: number }>(),
    ])
    const minutes = new Map(totals.map((t) => [t._id, t.totalMinutes]))
    const risen: { user: Pick<UserDoc, '_id' | 'openid'>; star: number; minutes: number }[] = []
    // Each risen volunteer's claim and mark are their own two writes: the batch's run together.
    await Promise.all(
      accounts.map(async (user) => {
        const approved = minutes.get(user._id) ?? 0
        const { star } = starLevel(approved / 60, settings.starThresholdsHours)
        if (star <= (user.starNotified ?? 0)) return
        if (!(await claimReminder(`star:${user._id}:${star}`, now))) return
        await db.collection<UserDoc>(COLLECTIONS.users).doc(user._id).update({ data: { starNotified: star } })
        risen.push({ user, star, minutes: approved })
      }),
    )
    checked += ids.length
    await notifyEach(
      risen.map(({ user, star, minutes: approved }) => ({
        to: { userId: user._id, openid: user.openid },
        notice: { template: 'review', page: HOURS_PAGE, values: { thing1: '志愿服务星级', phrase2: `升至${numeral(star)}星`, thing3: `累计服务 ${minutesText(approved)}，可享相应商家礼遇` } },
      })),
      now,
    )
    told += risen.length
  }
  return { volunteers: recent.length, checked, told, done: true }
}

/**
 * Each morning, the staff of every township with records waiting for review are told how many
 * (the long-term 待办 template; and in 消息), once a day however often this runs.
 */
async function tellStaffWhatWaits(now: Date): Promise<Record<string, unknown>> {
  if (!(await claimReminder(`digest:sessions:${shanghaiDate(now)}`, now))) return { townships: 0, told: 0 }
  const waiting = await aggregateAll<{ _id: { code: string; name: string }; n: number }>(() =>
    sessions()
      .aggregate()
      .match({ ...CITY_WIDE, status: _.in(decidable('approve')) })
      .group({ _id: { code: '$townshipCode', name: '$townshipName' }, n: $.sum(1) })
      .sort({ _id: 1 }),
  )
  const told = await tellWhatWaits('township_staff', waiting.map((t) => ({ ...t._id, n: t.n })), { title: '志愿服务时长待审核', page: QUEUE_PAGE }, now)
  return { townships: waiting.length, told }
}

/** The report's scope: a township or a county in reach, or everything the caller manages. */
/** The place a report covers, the way people say it (清城区凤城街道, 清城区, 全市), for file names. */
async function placeName(ctx: CallContext, input: { townshipCode?: string; countyCode?: string }): Promise<string> {
  const township = (code: string) => {
    const t = townshipOf(code)
    return t ? `${t.countyName}${t.townshipName}` : code
  }
  if (input.townshipCode) return township(input.townshipCode)
  if (input.countyCode) return countyName(input.countyCode) ?? input.countyCode
  const reach = await ctx.townshipReach()
  if (reach === 'city') return '全市'
  if (reach.counties.size === 0 && reach.townships.size === 1) return township([...reach.townships][0])
  if (reach.townships.size === 0 && reach.counties.size === 1) return countyName([...reach.counties][0]) ?? '本辖区'
  return '本辖区'
}

/** The sessions a report covers: a township, or a county, in the caller's reach; or everything the caller manages (null: the whole city). */
type Place = { townships: string[]; counties: string[] } | null

async function placeFor(ctx: CallContext, input: { townshipCode?: string; countyCode?: string }): Promise<Place> {
  if (input.townshipCode) {
    await reachCriteria(ctx, input.townshipCode)
    return { townships: [input.townshipCode], counties: [] }
  }
  const reach = await ctx.townshipReach()
  if (input.countyCode) {
    if (reach !== 'city' && !reach.counties.has(input.countyCode)) throw forbidden('只能查看本县（市、区）的报表')
    return { townships: [], counties: [input.countyCode] }
  }
  return reach === 'city' ? null : { townships: [...reach.townships], counties: [...reach.counties] }
}

/** A place as query criteria (the whole city as its counties, which the county index serves). */
function placeCriteria(place: Place): unknown {
  if (!place) return CITY_WIDE
  const or = [
    ...(place.townships.length ? [{ townshipCode: _.in(place.townships) }] : []),
    ...(place.counties.length ? [{ countyCode: _.in(place.counties) }] : []),
  ]
  return or.length === 1 ? or[0] : _.or(or)
}
