// 岗位对接会：团市委设会并邀请用人单位；单位发布岗位；志愿者（及允许时的农村青年）在名额内报名，
// 满员进入候补，取消时候补按先后递补；当天凭入场码签到；单位登记面试、录用结果；统计与导出。
//
// Seats, the waiting list and promotion are the shared sign-up engine's (`_shared/signups.ts`):
// capacity is never exceeded however many sign up at once, and the list's order is arrival order.
import crypto from 'node:crypto'
import { fair, type ApplicantView, type EmployerView, type FairReport, type FairView, type PositionView, type ResumeView } from '../../types/fair'
import { capacityBelowTaken } from '../../types/fair-rules'
import { maskMobile, maskName } from '../../types/personal'
import { dayjs, isoOrEmpty, shanghaiDate, shanghaiDateTime, shanghaiDaysAhead, wechatTime, ZONE } from '../../types/time'
import { ENTRY_CODE_SECONDS, EMPLOYER_TYPE_LABELS, EMPLOYER_TYPES, OUTCOME_LABELS, SIGNUP_STATUS_LABELS, type EmployerType, type Outcome } from '../../types/vocabulary'
import { audit, type AuditEntry } from '../_shared/audit'
import { COLLECTIONS, type EmployerDoc, type FairDoc, type PositionDoc, type RegistrationDoc, type SessionDoc, type SettingsDoc, type SignupDoc, type UserDoc } from '../_shared/collections'
import { _, $, containing, db } from '../_shared/cloud'
import { joiningCaller, type CallContext, type CallerJoin } from '../_shared/context'
import { countyName } from '../_shared/divisions'
import { conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { exportWorkbook, workbookName, type Sheet } from '../_shared/excel'
import { defineFunction } from '../_shared/handler'
import { holds, updateWhile } from '../_shared/holds'
import { checkChange, takeStep } from '../_shared/machines'
import { fairMachine, signupMachine, signupState } from '../../types/machines'
import { approvedDays, summarizeHours } from '../_shared/hours'
import { notify } from '../_shared/notify'
import { claimReminder, timeBudget } from '../_shared/reminders'
import { newNonce, seal, unseal } from '../_shared/sealed'
import { aggregateAll, readAll } from '../_shared/paging'
import { announce } from '../_shared/announce'
import { ownSignupPage, signupEngine, waitingRank, type SeatsOf } from '../_shared/signups'
import { cachedSettings, loadSettings, rememberSettings, SETTINGS_ID } from '../_shared/settings'
import type { Aggregate, LookupPipeline } from '../_shared/db-types'
import { countedDays } from '../../types/service-rules'
import type { Settings } from '../../types/settings'

const fairs = () => db.collection<FairDoc>(COLLECTIONS.fairs)
const positions = () => db.collection<PositionDoc>(COLLECTIONS.fairPositions)
const signups = () => db.collection<SignupDoc>(COLLECTIONS.fairSignups)
const employers = () => db.collection<EmployerDoc>(COLLECTIONS.employers)
const registrations = () => db.collection<RegistrationDoc>(COLLECTIONS.registrations)

const FAIR_PAGE = 'packages/fair/detail/index'
const ENTRY_PURPOSE = 'fair-entry-v1'
const at = (moment: string) => dayjs.tz(moment, ZONE).toDate()
const shanghaiMoment = (d: Date) => shanghaiDateTime(d)

interface EntryClaims {
  /** Sign-up id, fair id, expiry (unix s), nonce, the masked name for the door's screen. */
  s: string
  f: string
  e: number
  n: string
  m: string
}

// ---- views ---------------------------------------------------------------------------

function phaseOf(f: FairDoc, now: Date): FairView['phase'] {
  if (now < f.signupOpensAt) return 'upcoming'
  if (now < f.signupClosesAt) return 'open'
  if (now < at(`${f.date} ${f.endTime}`)) return 'closed'
  return 'over'
}

function employerView(e: EmployerDoc): EmployerView {
  return { id: e._id, name: e.name, type: e.type ?? 'private', countyCode: e.countyCode, countyName: countyName(e.countyCode) ?? '' }
}

async function employersById(ids: string[]): Promise<Map<string, EmployerDoc>> {
  if (ids.length === 0) return new Map()
  const data = await readAll(employers().where({ _id: _.in([...new Set(ids)]) }))
  return new Map(data.map((e) => [e._id, e]))
}

function mySignupView(s: SignupDoc, f: FairDoc) {
  return {
    id: s._id,
    status: s.status === 'pending' ? ('waiting' as const) : s.status,
    waitingRank: waitingRank(s, f),
    positionIds: s.positionIds,
    checkedInAt: isoOrEmpty(s.checkedInAt),
    createdAt: isoOrEmpty(s.createdAt),
  }
}

/** What a fair's view joins: its invited employers, its positions' count and openings, the caller's sign-up. */
interface FairJoin {
  orgs: Map<string, EmployerDoc>
  stats: { n: number; openings: number } | undefined
  mine: SignupDoc | undefined
}

function fairView(f: FairDoc, now: Date, { orgs, stats, mine: s }: FairJoin): FairView {
  return {
    id: f._id,
    title: f.title,
    date: f.date,
    startTime: f.startTime,
    endTime: f.endTime,
    venue: f.venue,
    address: f.address,
    location: f.location,
    signupOpensAt: isoOrEmpty(f.signupOpensAt),
    signupClosesAt: isoOrEmpty(f.signupClosesAt),
    capacity: f.capacity,
    confirmed: f.confirmedCount,
    waiting: f.waitlist.length,
    termEndsWithinDays: f.termEndsWithinDays,
    allowRuralYouth: f.allowRuralYouth,
    maxPositions: f.maxPositions,
    description: f.description,
    status: f.status,
    phase: phaseOf(f, now),
    employers: f.employerIds.map((id) => orgs.get(id)).filter((e): e is EmployerDoc => !!e).map(employerView),
    positionCount: stats?.n ?? 0,
    openings: stats?.openings ?? 0,
    mine: s && s.status !== 'cancelled' ? mySignupView(s, f) : null,
  }
}

/**
 * Fairs as the caller sees them. `knownMine` is the caller's sign-up for the one fair in `list`
 * when the caller has just written it (null: none), so it is not read back.
 */
async function fairViews(list: FairDoc[], ctx: CallContext, userId: string | null, knownMine?: SignupDoc | null): Promise<FairView[]> {
  if (list.length === 0) return []
  const ids = list.map((f) => f._id)
  const [orgs, stats, mine] = await Promise.all([
    employersById(list.flatMap((f) => f.employerIds)),
    positions()
      .aggregate()
      .match({ fairId: _.in(ids) })
      .group({ _id: '$fairId', n: $.sum(1), openings: $.sum('$openings') })
      .limit(1000)
      .end<{ _id: string; n: number; openings: number }>(),
    knownMine !== undefined
      ? Promise.resolve({ data: knownMine ? [knownMine] : [] })
      : userId
        ? signups().where({ _id: _.in(ids.map((id) => `${id}:${userId}`)) }).get()
        : Promise.resolve({ data: [] as SignupDoc[] }),
  ])
  const statsOf = new Map(stats.list.map((s) => [s._id, s]))
  const mineOf = new Map(mine.data.map((s) => [s.fairId, s]))
  return list.map((f) => fairView(f, ctx.now, { orgs, stats: statsOf.get(f._id), mine: mineOf.get(f._id) }))
}

/**
 * A fair with what a person's sign-up or cancellation decides from, read in one request (each
 * joined part a lookup): its positions and invited employers (the reply's view is built from
 * them), and the `extra` lookups the action adds (its sign-ups concerned, the person's
 * registrations and hours). Null when no such fair.
 */
async function fairWith<T extends object>(fairId: string, extra: (pipeline: Aggregate) => Aggregate): Promise<(FairDoc & { positions: PositionDoc[]; employers: EmployerDoc[] } & T) | null> {
  const { list } = await extra(withFairParts(fairs().aggregate().match({ _id: fairId }))).end<FairDoc & { positions: PositionDoc[]; employers: EmployerDoc[] } & T>()
  return list[0] ?? null
}

/** Adds to a pipeline of fairs their positions and invited employers (what `joinedView` shows). */
const withFairParts = (pipeline: Aggregate) =>
  pipeline
    .lookup({ from: COLLECTIONS.fairPositions, localField: '_id', foreignField: 'fairId', as: 'positions' })
    .lookup({ from: COLLECTIONS.employers, localField: 'employerIds', foreignField: '_id', as: 'employers' })

/** A fair as a person's sign-up or cancellation reads it with their account (`personalRead`). */
type FairRead<T> = FairDoc & { positions: PositionDoc[]; employers: EmployerDoc[]; signups: SignupDoc[] } & T

/**
 * What a person's sign-up or cancellation of the fair decides from, read beside their account
 * (stages after a pipeline of that one account, keyed on its _id): the fair with its positions and
 * employers (and what `fairStages` adds to it), their sign-up for it (`signups`), and what `extra`
 * adds beside (their registrations and hours). The fields it adds are `PERSONAL_FIELDS` and
 * those `extra` names.
 */
function personalRead(fairId: string, fairStages: (fair: Aggregate) => Aggregate, extra: (caller: Aggregate) => Aggregate = (caller) => caller): (caller: Aggregate) => Aggregate {
  return (caller) =>
    extra(
      caller
        .lookup({ from: COLLECTIONS.fairs, pipeline: (fairStages(withFairParts($.pipeline().match({ _id: fairId }))) as LookupPipeline).done(), as: 'fair' })
        .addFields({ signupId: $.concat([`${fairId}:`, '$_id']) })
        .lookup({ from: COLLECTIONS.fairSignups, localField: 'signupId', foreignField: '_id', as: 'signups' }),
    )
}
const PERSONAL_FIELDS = ['fair', 'signupId', 'signups'] as const

/**
 * The read of `personalRead` (`read`): beside the caller's account, in the one request that reads
 * it when the call joined it there (`callerJoin`). Null when no such fair.
 */
async function readPersonal<T extends object>(ctx: CallContext, read: CallerJoin): Promise<FairRead<T> | null> {
  type Parts = { fair: (FairDoc & { positions: PositionDoc[]; employers: EmployerDoc[] })[]; signups: SignupDoc[] } & T
  const parts = await ctx.joined<Parts>(read)
  if (!parts?.fair[0]) return null
  const { fair: [f], ...rest } = parts
  return { ...f, ...rest } as FairRead<T>
}

/**
 * A sign-up reads with the account: the fair, the person's sign-up, approved registrations and
 * sessions (the résumé), and the settings unless this instance has them. The registrations and
 * sessions are joined on the person's id (the indexed key, as the account's _id) and only the
 * approved kept, in the answer's fields the résumé uses.
 */
function signUpRead(fairId: string, withSettings: boolean): CallerJoin {
  const approved = (field: string) => $.filter({ input: `$${field}`, as: 'd', cond: $.eq(['$$d.status', 'approved']) })
  const sessionFields = Object.fromEntries(Object.keys(SESSION_FIELDS).map((k) => [k, `$$d.${k}`]))
  return {
    as: [...PERSONAL_FIELDS, 'registrations', 'sessions', 'settings'],
    stages: personalRead(fairId, (fair) => fair, (caller) => {
      const read = caller
        .lookup({ from: COLLECTIONS.registrations, localField: '_id', foreignField: 'userId', as: 'registrations' })
        .lookup({ from: COLLECTIONS.sessions, localField: '_id', foreignField: 'userId', as: 'sessions' })
        .addFields({ registrations: approved('registrations'), sessions: $.map({ input: approved('sessions'), as: 'd', in: sessionFields }) })
      return withSettings ? read.lookup({ from: COLLECTIONS.settings, pipeline: ($.pipeline().match({ _id: SETTINGS_ID }) as LookupPipeline).done(), as: 'settings' }) : read
    }),
  }
}

/** A cancellation reads with the account: the fair with the one at the head of its waiting list (who may take the seat), and the person's sign-up. */
const cancelRead = (fairId: string): CallerJoin => ({
  as: PERSONAL_FIELDS,
  stages: personalRead(fairId, (fair) => fair.addFields({ first: $.arrayElemAt(['$waitlist', 0]) }).lookup({ from: COLLECTIONS.fairSignups, localField: 'first', foreignField: '_id', as: 'head' })),
})

/** The reads a call makes with its caller's account (`joiningCaller`), from its input as the contract accepts it. */
function callerJoin(event: { action?: unknown; input?: unknown }): CallerJoin | null {
  if (event?.action === 'signUp') {
    const parsed = fair.signUp.input.safeParse(event.input)
    return parsed.success ? signUpRead(parsed.data.fairId, !cachedSettings()) : null
  }
  if (event?.action === 'cancel') {
    const parsed = fair.cancel.input.safeParse(event.input)
    return parsed.success ? cancelRead(parsed.data.fairId) : null
  }
  return null
}

/** Positions as they were listed (ties on _id). */
const byCreation = (a: PositionDoc, b: PositionDoc) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a._id < b._id ? -1 : 1)

/** A lookup's own pipeline (`$.pipeline()`), ended by done(). */

/** A fair with the `extra` lookups, in one request; null when no such fair. */
async function fairWithOnly<T extends object>(fairId: string, extra: (pipeline: Aggregate) => Aggregate): Promise<(FairDoc & T) | null> {
  const { list } = await extra(fairs().aggregate().match({ _id: fairId })).end<FairDoc & T>()
  return list[0] ?? null
}

/** The view of a fair read by `fairWith`, as it stands after the call's own change. */
function joinedView(f: FairDoc & { positions: PositionDoc[]; employers: EmployerDoc[] }, now: Date, mine: SignupDoc | undefined): FairView {
  const { positions: list, employers: orgs, ...fair } = f
  const stats = { n: list.length, openings: list.reduce((sum, p) => sum + p.openings, 0) }
  return fairView(fair as FairDoc, now, { orgs: new Map(orgs.map((e) => [e._id, e])), stats, mine })
}

/** A fair joined by `withViewParts`: its positions and invited employers, and the caller's sign-up when asked. */
type ViewJoined = FairDoc & { positions: PositionDoc[]; employers: EmployerDoc[]; mine?: SignupDoc[] }

/**
 * Adds to a pipeline of fairs what their views show (invited employers, positions, and with
 * `userId` that person's sign-up), each by an indexed key, so a page of fairs is one request.
 */
function withViewParts(pipeline: Aggregate, userId: string | null): Aggregate {
  const joined = pipeline
    .lookup({ from: COLLECTIONS.employers, localField: 'employerIds', foreignField: '_id', as: 'employers' })
    .lookup({ from: COLLECTIONS.fairPositions, localField: '_id', foreignField: 'fairId', as: 'positions' })
  if (!userId) return joined
  return joined.lookup({
    from: COLLECTIONS.fairSignups,
    let: { fair: '$_id' },
    pipeline: ($.pipeline().match({ userId }).match(_.expr($.eq(['$fairId', '$$fair']))) as LookupPipeline).done(),
    as: 'mine',
  })
}

const viewOfJoined = ({ mine, ...f }: ViewJoined, now: Date): FairView => joinedView(f, now, mine?.[0])

async function positionViews(list: PositionDoc[]): Promise<PositionView[]> {
  if (list.length === 0) return []
  const { list: counts } = await signups()
    .aggregate()
    .match({ fairId: _.in([...new Set(list.map((p) => p.fairId))]), status: _.in(['confirmed', 'waiting']) })
    .unwind('$positionIds')
    .group({ _id: '$positionIds', n: $.sum(1) })
    .limit(10_000)
    .end<{ _id: string; n: number }>()
  const applicants = new Map(counts.map((c) => [c._id, c.n]))
  return list.map((p) => positionView(p, applicants.get(p._id) ?? 0))
}

function positionView(p: PositionDoc, applicants: number): PositionView {
  return {
    id: p._id,
    fairId: p.fairId,
    employerId: p.employerId,
    employerName: p.employerName,
    employerType: p.employerType,
    title: p.title,
    openings: p.openings,
    place: p.place,
    countyCode: p.countyCode,
    countyName: countyName(p.countyCode) ?? '',
    requirements: p.requirements,
    salaryMinFen: p.salaryMinFen,
    salaryMaxFen: p.salaryMaxFen,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    applicants,
  }
}

async function loadFair(id: string): Promise<FairDoc> {
  const { data } = await fairs().doc(id).get()
  if (!data) throw notFound('对接会不存在')
  return data
}

const isCityAdmin = (user: UserDoc | null) => !!user?.roles.some((g) => g.role === 'city_admin')
const employerIdsOf = (user: UserDoc | null) => (user?.roles ?? []).filter((g) => g.role === 'employer').map((g) => g.scopeId)

// ---- people ----------------------------------------------------------------------------

/** The latest service-term end a volunteer may have to sign up for the fair. */
const lastTermEndOf = (f: FairDoc) => dayjs.utc(f.date).add(f.termEndsWithinDays, 'day').format('YYYY-MM-DD')

/** The approved registration (of `approved`, the person's) they sign up with, or why they may not. */
function eligibleRegistration(approved: RegistrationDoc[], f: FairDoc): RegistrationDoc {
  const volunteer = approved.find((r) => r.kind === 'volunteer')
  const youth = approved.find((r) => r.kind === 'rural_youth')
  const lastTermEnd = lastTermEndOf(f)
  if (volunteer && volunteer.termEnd <= lastTermEnd) return volunteer
  if (youth && f.allowRuralYouth) return youth
  if (volunteer) throw forbidden(`本场面向服务期在 ${lastTermEnd} 前期满的志愿者，你的服务期到 ${volunteer.termEnd}`)
  if (youth) throw forbidden('本场对接会只面向服务期满的志愿者')
  throw forbidden('请先完成志愿者注册并通过审核')
}

async function buildResume(reg: RegistrationDoc, now: Date): Promise<ResumeView> {
  const [settings, days] = await Promise.all([loadSettings(now.getTime()), approvedDays(reg.userId)])
  return resumeOf(reg, days, settings, now)
}

/** Approved sessions as `approvedDays` reads them, joined into a sign-up's one read. */
const SESSION_FIELDS = { stationName: 1, days: 1, adjustedMinutes: 1, checkInAt: 1 }
type SessionPart = Pick<SessionDoc, 'stationName' | 'days' | 'adjustedMinutes' | 'checkInAt'>
const daysOf = (sessions: SessionPart[]) => sessions.flatMap((s) => countedDays(s).map((d) => ({ ...d, stationName: s.stationName })))

function resumeOf(reg: RegistrationDoc, days: { date: string; minutes: number; stationName: string }[], settings: Settings, now: Date): ResumeView {
  const hours = summarizeHours(days, settings)
  const today = shanghaiDate(now)
  const birth = reg.birthDate
  const age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < birth.slice(5) ? 1 : 0)
  return {
    name: reg.name,
    kind: reg.kind,
    gender: reg.gender,
    age,
    mobileMasked: maskMobile(reg.mobile),
    countyName: reg.countyName,
    townshipName: reg.townshipName,
    school: reg.school,
    major: reg.major,
    graduationYear: reg.graduationYear,
    politicalStatus: reg.politicalStatus,
    skills: reg.skills,
    occupation: reg.occupation,
    termStart: reg.termStart,
    termEnd: reg.termEnd,
    approvedHours: Math.round((hours.approvedMinutes / 60) * 10) / 10,
    star: hours.star,
  }
}

// ---- seats -----------------------------------------------------------------------------

/** The shared sign-up engine (`_shared/signups`) over the fairs and their sign-ups. */
const seatsOf = signupEngine<FairDoc, SignupDoc>(fairs, signups)
const { fillFromWaitlist, releaseSeat, leaveWaitlist } = seatsOf

/** An outcome as a subscribe message's phrase (at most five Chinese characters). */
const OUTCOME_PHRASES: Record<keyof typeof OUTCOME_LABELS, string> = { interviewed: '已面试', offered: '录用意向', hired: '已录用', declined: '未录用' }

/**
 * Tells the promoted their seat, and logs the system's step. `known`: their sign-ups when the
 * call has them (not read again); `also`: the call's own audit entry, written in the same request.
 */
async function tellPromoted(ids: string[], f: FairDoc, now: Date, known: SignupDoc[] = [], also: AuditEntry[] = []): Promise<void> {
  // A seat given from the waiting list changes the person's standing: the system's step, logged as any.
  const promotions = ids.map((id) => ({ actorId: 'system', action: 'fair.promote', targetType: 'fair_signup', targetId: id, before: { status: 'waiting' }, after: { status: 'confirmed' }, reason: '有人取消报名或名额增加，候补递补' }))
  await audit(now, ...also, ...promotions)
  if (ids.length === 0) return
  const unknown = ids.filter((id) => !known.some((s) => s._id === id))
  const read = unknown.length > 0 ? await readAll(signups().where({ _id: _.in(unknown) }).field({ openid: true, userId: true })) : []
  const people = [...known.filter((s) => ids.includes(s._id)), ...read]
  await notify(people, { template: 'review', page: `${FAIR_PAGE}?id=${f._id}`, values: { thing1: f.title, phrase2: '候补成功', thing3: `${f.date} ${f.startTime} ${f.venue}` } }, now)
}

// ---- reports ---------------------------------------------------------------------------

type FigureRow = { positions: number; openings: number; applicants: number; interviews: number; offers: number; hires: number; hiresLocal: number }
const blankRow = (): FigureRow => ({ positions: 0, openings: 0, applicants: 0, interviews: 0, offers: 0, hires: 0, hiresLocal: 0 })

/** The report's figures, the positions they are counted over, and each position's own figures. */
interface ReportData {
  report: FairReport
  positions: PositionDoc[]
  byPosition: Map<string, FigureRow>
}

const INTERVIEWED: Outcome[] = ['interviewed', 'offered', 'hired', 'declined']
const OFFERED: Outcome[] = ['offered', 'hired']
const count = (condition: unknown) => $.sum($.cond({ if: condition, then: 1, else: 0 }))
const flag = (condition: unknown) => $.max($.cond({ if: condition, then: 1, else: 0 }))
/** A sign-up's outcomes as [{ k: positionId, v: outcome entry }]. */
const outcomeEntries = $.objectToArray($.ifNull(['$outcomes', {}]))

/**
 * A fair's figures, counted on the database: one aggregation per group of figures (the sign-ups
 * by standing; each position's applicants and outcomes; the people interviewed, offered and
 * hired), over the fair's positions as read with it (`fairWith`). Outcomes of deleted positions are not counted.
 */
async function reportData(f: FairDoc & { positions: PositionDoc[] }): Promise<ReportData> {
  const theirs = { fairId: f._id }
  const list = [...f.positions].sort(byCreation)
  const [standing, perPosition, people] = await Promise.all([
    signups()
      .aggregate()
      .match(theirs)
      .group({
        _id: null,
        signups: count($.neq(['$status', 'cancelled'])),
        confirmed: count($.eq(['$status', 'confirmed'])),
        waiting: count($.in(['$status', ['waiting', 'pending']])),
        cancelled: count($.eq(['$status', 'cancelled'])),
        attended: count($.ifNull(['$checkedInAt', false])),
      })
      .end<{ signups: number; confirmed: number; waiting: number; cancelled: number; attended: number }>(),
    // Each application (a position chosen by someone not cancelled) and each outcome, grouped by position.
    aggregateAll<{ _id: string; applicants: number; interviews: number; offers: number; hires: number }>(() =>
      signups()
        .aggregate()
        .match(theirs)
        .project({
          entries: $.concatArrays([
            $.map({ input: $.cond({ if: $.eq(['$status', 'cancelled']), then: [], else: '$positionIds' }), as: 'p', in: { p: '$$p', applied: 1, outcome: '' } }),
            $.map({ input: outcomeEntries, as: 'o', in: { p: '$$o.k', applied: 0, outcome: '$$o.v.outcome' } }),
          ]),
        })
        .unwind('$entries')
        .group({
          _id: '$entries.p',
          applicants: $.sum('$entries.applied'),
          interviews: count($.in(['$entries.outcome', INTERVIEWED])),
          offers: count($.in(['$entries.outcome', OFFERED])),
          hires: count($.eq(['$entries.outcome', 'hired'])),
        })
        .sort({ _id: 1 }),
    ),
    // People, each counted once: interviewed, offered, hired (and hired for a job in Qingyuan) for any position still listed.
    signups()
      .aggregate()
      .match(theirs)
      .project({ outcome: outcomeEntries })
      .unwind('$outcome')
      .lookup({ from: COLLECTIONS.fairPositions, localField: 'outcome.k', foreignField: '_id', as: 'position' })
      .match({ 'position.0': _.exists(true) })
      .group({
        _id: '$_id',
        interviewed: flag($.in(['$outcome.v.outcome', INTERVIEWED])),
        offered: flag($.in(['$outcome.v.outcome', OFFERED])),
        hired: flag($.eq(['$outcome.v.outcome', 'hired'])),
        hiredLocal: flag($.and([$.eq(['$outcome.v.outcome', 'hired']), $.gt([$.ifNull([$.arrayElemAt(['$position.countyCode', 0]), '']), ''])])),
      })
      .group({ _id: null, interviewed: $.sum('$interviewed'), offered: $.sum('$offered'), hired: $.sum('$hired'), hiredLocal: $.sum('$hiredLocal') })
      .end<{ interviewed: number; offered: number; hired: number; hiredLocal: number }>(),
  ])
  const figures = new Map(perPosition.map((r) => [r._id, r]))
  const byEmployer = new Map<string, FigureRow & { employerId: string; employerName: string; type: EmployerType }>()
  const byPosition = new Map<string, FigureRow>()
  for (const p of list) {
    const got = figures.get(p._id)
    const row: FigureRow = {
      positions: 1,
      openings: p.openings,
      applicants: got?.applicants ?? 0,
      interviews: got?.interviews ?? 0,
      offers: got?.offers ?? 0,
      hires: got?.hires ?? 0,
      // Local employment: the job is in one of Qingyuan's counties.
      hiresLocal: p.countyCode ? (got?.hires ?? 0) : 0,
    }
    byPosition.set(p._id, row)
    let employer = byEmployer.get(p.employerId)
    if (!employer) byEmployer.set(p.employerId, (employer = { ...blankRow(), employerId: p.employerId, employerName: p.employerName, type: p.employerType }))
    for (const k of Object.keys(row) as (keyof FigureRow)[]) employer[k] += row[k]
  }
  const employersList = [...byEmployer.values()].sort((a, b) => b.hires - a.hires || b.applicants - a.applicants)
  const counts = standing.list[0] ?? { signups: 0, confirmed: 0, waiting: 0, cancelled: 0, attended: 0 }
  const persons = people.list[0] ?? { interviewed: 0, offered: 0, hired: 0, hiredLocal: 0 }
  const report: FairReport = {
    fairId: f._id,
    title: f.title,
    date: f.date,
    capacity: f.capacity,
    signups: counts.signups,
    confirmed: counts.confirmed,
    waiting: counts.waiting,
    cancelled: counts.cancelled,
    attended: counts.attended,
    people: { interviewed: persons.interviewed, offered: persons.offered, hired: persons.hired, hiredLocal: persons.hiredLocal },
    byEmployerType: EMPLOYER_TYPES.map((type) => {
      const rows = employersList.filter((e) => e.type === type)
      const sum = blankRow()
      for (const r of rows) for (const k of Object.keys(sum) as (keyof FigureRow)[]) sum[k] += r[k]
      return { type, ...sum }
    }),
    byEmployer: employersList,
  }
  return { report, positions: list, byPosition }
}

function applicantView(s: SignupDoc, mine: Map<string, PositionDoc>, reveal: boolean, mobile: string): ApplicantView {
  return {
    signupId: s._id,
    status: s.status === 'pending' ? 'waiting' : s.status,
    resume: s.resume,
    mobile: reveal ? mobile : '',
    checkedIn: !!s.checkedInAt,
    choices: s.positionIds
      .filter((id) => mine.has(id))
      .map((id) => {
        const o = s.outcomes?.[id]
        return { positionId: id, positionTitle: mine.get(id)!.title, outcome: o?.outcome ?? null, note: o?.note ?? '', at: isoOrEmpty(o?.at) }
      }),
  }
}

/**
 * Whether the employer answering for `mine` has interviewed the person: an outcome of one of its
 * positions recorded at the fair (after it began) for someone who came in at the door. Only then
 * is the mobile shown.
 */
function interviewedBy(s: SignupDoc, mine: Map<string, PositionDoc>, f: FairDoc): boolean {
  if (!s.checkedInAt) return false
  return Object.entries(s.outcomes ?? {}).some(([positionId, o]) => mine.has(positionId) && new Date(o.at) >= f.startsAt)
}

/** Who an employer (or the city admin) sees: active sign-ups for its positions (or one of them). */
function applicantCriteria(user: UserDoc | null, input: { fairId: string; positionId?: string }): { own: string[]; city: boolean; criteria: Record<string, unknown> } {
  const own = employerIdsOf(user)
  const city = isCityAdmin(user)
  const criteria: Record<string, unknown> = { fairId: input.fairId, status: _.in(['confirmed', 'waiting']) }
  if (input.positionId) criteria.positionIds = input.positionId
  else if (!city) criteria.employerIds = _.in(own)
  return { own, city, criteria }
}

/** The positions in the caller's reach and whom they see, for the export (every page). */
async function applicantsInReach(ctx: CallContext, input: { fairId: string; positionId?: string }): Promise<{ mine: Map<string, PositionDoc>; criteria: Record<string, unknown> }> {
  const { mine } = await positionsInReach(ctx, input.fairId)
  if (input.positionId && !mine.has(input.positionId)) throw forbidden('只能查看本单位岗位的报名')
  return { mine, criteria: applicantCriteria(await ctx.user(), input).criteria }
}

/** The positions (of a fair) a caller answers for: an employer's own, or all for the city admin. */
async function positionsInReach(ctx: CallContext, fairId: string): Promise<{ mine: Map<string, PositionDoc>; employerIds: string[] | null }> {
  const user = await ctx.user()
  const own = employerIdsOf(user)
  const city = isCityAdmin(user)
  const data = await readAll(positions().where(city ? { fairId } : { fairId, employerId: _.in(own) }), { order: ['createdAt', 'asc'] })
  return { mine: new Map(data.map((p) => [p._id, p])), employerIds: city ? null : own }
}

// ---- the door ---------------------------------------------------------------------------

type Entry = { method: 'code'; nonce: string; name: string } | { method: 'name'; reason: string }

/**
 * Lets someone in at the door, the one way for a scanned entry code and for a person found by
 * name (a phone that died): the fair published and held today; the sign-up confirmed and not yet
 * in, decided by one conditional update (of two doors admitting the same person at once, one
 * does); audited; and the person told.
 */
async function admit(f: FairDoc, signupId: string, staff: UserDoc, entry: Entry, now: Date): Promise<SignupDoc> {
  if (f.status !== 'published') throw conflict(f.status === 'cancelled' ? '对接会已取消' : '对接会未发布，不能签到')
  if (f.date !== shanghaiDate(now)) throw conflict(entry.method === 'code' ? `这是 ${f.date} 的对接会入场码，今天不能签到` : `对接会在 ${f.date} 举办，今天不能签到`)
  const { stats } = await signups()
    .where({ _id: signupId, fairId: f._id, status: 'confirmed', checkedInAt: null })
    .update({ data: { checkedInAt: now, checkedInBy: staff._id, entryNonce: entry.method === 'code' ? entry.nonce : '', updatedAt: now } })
  const { data: s } = await signups().doc(signupId).get()
  if (!s || s.fairId !== f._id) throw notFound('报名不存在')
  const name = entry.method === 'code' ? entry.name : s.resume.name
  if (stats.updated !== 1) {
    if (entry.method === 'code' && s.entryNonce === entry.nonce) throw conflict('该入场码已使用，不能重复入场')
    if (s.checkedInAt) throw conflict(`${name} 已于 ${shanghaiMoment(s.checkedInAt)} 签到`)
    throw conflict(s.status === 'cancelled' ? `${name} 的报名已取消` : `${name} 仍在候补，未获得入场资格`)
  }
  const reason = entry.method === 'code' ? '会场入口扫码签到' : `会场入口按姓名签到（${entry.reason || '未能出示入场码'}）`
  await audit(now, { actorId: staff._id, action: 'fair.check_in', targetType: 'fair_signup', targetId: s._id, before: { checkedIn: false }, after: { checkedIn: true, method: entry.method }, reason })
  await notify(s, { template: 'review', page: `${FAIR_PAGE}?id=${f._id}`, values: { thing1: f.title, phrase2: '已签到', thing3: `${shanghaiMoment(now).slice(11)} 入场` } }, now)
  return { ...s, checkedInAt: now, checkedInBy: staff._id }
}

interface ListFilter {
  status?: 'confirmed' | 'waiting' | 'cancelled'
  attended?: boolean
  keyword?: string
  order?: 'signup' | 'checkIn'
}

/** What the league reads of a sign-up for its lists (the résumé for name, place and masked mobile). */
const LIST_FIELDS = { resume: true, status: true, positionIds: true, checkedInAt: true, entryNonce: true, createdAt: true, outcomes: true }

/** A sign-up as the lists read it: with its place on the waiting list (-1: not on it). */
type ListedSignup = SignupDoc & { waitIndex: number }

/** The list's criteria: a fair's sign-ups, by status, attendance, and a keyword (part of a name, or the last 4 digits of the mobile). */
function signupCriteria(fairId: string, filter: ListFilter): Record<string, unknown> {
  const criteria: Record<string, unknown> = { fairId }
  if (filter.status) criteria.status = filter.status === 'waiting' ? _.in(['waiting', 'pending']) : filter.status
  if (filter.attended !== undefined) criteria.checkedInAt = filter.attended ? _.neq(null) : null
  const keyword = filter.keyword ?? ''
  if (/^\d+$/.test(keyword)) {
    if (keyword.length !== 4) throw invalid('keyword', '按手机尾号查找请输入手机号后 4 位')
    criteria['resume.mobileMasked'] = db.RegExp({ regexp: `${keyword}$` })
  } else if (keyword) criteria['resume.name'] = containing(keyword)
  return criteria
}

/**
 * The list's order, on the database (so a page is one request and pages neither overlap nor skip):
 * confirmed first by sign-up time, then the waiting list in its order, then the cancelled; or the
 * latest check-ins first. Ties end on _id. `waitlist`: the fair's list, as an expression.
 */
function inListOrder(pipeline: Aggregate, waitlist: unknown, order: ListFilter['order']): Aggregate {
  const rank = $.cond({ if: $.eq(['$status', 'confirmed']), then: 0, else: $.cond({ if: $.eq(['$status', 'cancelled']), then: 2, else: 1 }) })
  return pipeline
    .addFields({ rank, waitIndex: $.indexOfArray([waitlist, '$_id']) })
    .sort(order === 'checkIn' ? { checkedInAt: -1, createdAt: 1, _id: 1 } : { rank: 1, waitIndex: 1, createdAt: 1, _id: 1 })
}

/** Every sign-up of a fair matching `filter`, in the list's order, read a page of the platform's cap at a time. */
function allSignups(f: FairDoc, filter: ListFilter, fields: Record<string, boolean> = LIST_FIELDS): Promise<ListedSignup[]> {
  return aggregateAll<ListedSignup>(() => inListOrder(signups().aggregate().match(signupCriteria(f._id, filter)), f.waitlist, filter.order), {
    then: (page) => page.project({ ...fields, waitIndex: true }),
  })
}

/** How someone came in: a scanned entry code leaves its nonce, a check-in by name none. */
const checkInMethod = (s: SignupDoc) => (s.checkedInAt ? (s.entryNonce ? ('code' as const) : ('name' as const)) : null)

const KIND_LABELS = { volunteer: '乡村振兴志愿者', rural_youth: '农村青年' } as const

function standingText(s: SignupDoc, f: FairDoc): string {
  if (s.status === 'confirmed') return s.checkedInAt ? '已签到入场' : SIGNUP_STATUS_LABELS.confirmed
  if (s.status === 'cancelled') return SIGNUP_STATUS_LABELS.cancelled
  const rank = f.waitlist.indexOf(s._id) + 1
  return rank > 0 ? `候补第 ${rank} 位` : SIGNUP_STATUS_LABELS.waiting
}

/**
 * The sign-up list as a sheet: one row a person, the mobile masked (139****1234); with
 * `outcomes`, what each employer recorded (the report's detail behind its figures).
 */
function signupSheet(title: string, list: SignupDoc[], f: FairDoc, positionsById: Map<string, PositionDoc>, outcomes: boolean): Sheet {
  const columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '类别', key: 'kind', width: 14 },
    { header: '手机（隐去中间四位）', key: 'mobile', width: 16 },
    { header: '县（市、区）', key: 'county', width: 12 },
    { header: '镇（街）', key: 'township', width: 12 },
    { header: '学校', key: 'school', width: 18 },
    { header: '专业', key: 'major', width: 14 },
    { header: '状态', key: 'status', width: 12 },
    { header: '所选岗位', key: 'positions', width: 36 },
    { header: '报名时间', key: 'createdAt', width: 17 },
    { header: '签到时间', key: 'checkedInAt', width: 17 },
    { header: '签到方式', key: 'method', width: 10 },
    ...(outcomes ? [{ header: '结果', key: 'outcomes', width: 40 }] : []),
  ]
  const positionName = (id: string) => {
    const p = positionsById.get(id)
    return p ? `${p.employerName}·${p.title}` : '（已删除的岗位）'
  }
  const rows = list.map((s, i) => {
    const method = checkInMethod(s)
    return {
      n: i + 1,
      name: s.resume.name,
      kind: KIND_LABELS[s.resume.kind],
      mobile: s.resume.mobileMasked,
      county: s.resume.countyName,
      township: s.resume.townshipName,
      school: s.resume.school,
      major: s.resume.major,
      status: standingText(s, f),
      positions: s.positionIds.map(positionName).join('；'),
      createdAt: s.createdAt ? shanghaiMoment(s.createdAt) : '',
      checkedInAt: s.checkedInAt ? shanghaiMoment(s.checkedInAt) : '',
      method: method === 'code' ? '扫码' : method === 'name' ? '按姓名' : '',
      outcomes: Object.entries(s.outcomes ?? {})
        .map(([id, o]) => `${positionName(id)}：${OUTCOME_LABELS[o.outcome]}${o.note ? `（${o.note}）` : ''}`)
        .join('；'),
    }
  })
  return { title, columns, rows }
}

// ---- the actions ----------------------------------------------------------------------

export const main = joiningCaller(defineFunction('fair', fair, {
  async list(input, ctx) {
    const user = await ctx.account()
    const today = shanghaiDate(ctx.now)
    const criteria: Record<string, unknown> = {}
    // Drafts and cancelled fairs are the city admin's to see; others see published ones only.
    if (!isCityAdmin(user)) {
      if (input.status && input.status !== 'published') return { items: [], total: 0 }
      criteria.status = 'published'
    } else if (input.status) criteria.status = input.status
    if (input.when === 'upcoming') criteria.date = _.gte(today)
    if (input.when === 'past') criteria.date = _.lt(today)
    // The page with what its views show, ordered on the database (ties on _id), and the true total: two requests.
    const [{ total }, { list }] = await Promise.all([
      fairs().where(criteria).count(),
      withViewParts(
        fairs()
          .aggregate()
          .match(criteria)
          .sort({ date: input.when === 'past' ? -1 : 1, _id: 1 })
          .skip((input.page - 1) * input.pageSize)
          .limit(input.pageSize),
        user._id,
      ).end<ViewJoined>(),
    ])
    return { items: list.map((f) => viewOfJoined(f, ctx.now)), total }
  },

  async get(input, ctx) {
    const user = await ctx.account()
    // One read: the fair, its positions and employers, the caller's sign-up, and how many chose each position.
    const f = await fairWith<{ mine: SignupDoc[]; chosen: { _id: string; n: number }[] }>(input.id, (joined) =>
      joined
        .lookup({ from: COLLECTIONS.fairSignups, pipeline: $.pipeline().match({ _id: `${input.id}:${user._id}` }).done(), as: 'mine' })
        .lookup({
          from: COLLECTIONS.fairSignups,
          pipeline: ($.pipeline().match({ fairId: input.id, status: _.in(['confirmed', 'waiting']) }).unwind('$positionIds').group({ _id: '$positionIds', n: $.sum(1) }) as LookupPipeline).done(),
          as: 'chosen',
        }),
    )
    if (!f || (f.status === 'draft' && !isCityAdmin(user))) throw notFound('对接会不存在')
    const { mine, chosen, ...fair } = f
    const applicants = new Map(chosen.map((c) => [c._id, c.n]))
    const list = [...f.positions].sort(byCreation)
    return { fair: joinedView(fair, ctx.now, mine[0]), positions: list.map((p) => positionView(p, applicants.get(p._id) ?? 0)) }
  },

  async save(input, ctx) {
    const user = (await ctx.user())!
    const orgs = await employersById(input.employerIds)
    const missing = input.employerIds.find((id) => !orgs.has(id))
    if (missing) throw invalid('employerIds', '邀请的用人单位不存在')
    const fields = {
      title: input.title,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      venue: input.venue,
      address: input.address,
      location: input.location,
      signupOpensAt: at(input.signupOpensAt),
      signupClosesAt: at(input.signupClosesAt),
      startsAt: at(`${input.date} ${input.startTime}`),
      capacity: input.capacity,
      termEndsWithinDays: input.termEndsWithinDays,
      allowRuralYouth: input.allowRuralYouth,
      maxPositions: input.maxPositions,
      employerIds: [...new Set(input.employerIds)],
      description: input.description,
      updatedAt: ctx.now,
    }
    let doc: FairDoc
    if (input.id) {
      const existing = await loadFair(input.id)
      const step = takeStep(fairMachine, { action: 'fair.save', from: existing.status, roles: ['city_admin'] }, () => conflict('对接会已取消，不能修改'))
      checkChange(step, existing.status, fields)
      // Lowering capacity below the seats taken would un-confirm people: refused, atomically (and
      // only then: the same save sent twice in one millisecond is answered as saved, once logged).
      const changed = await updateWhile(
        fairs(),
        existing._id,
        { confirmedCount: _.lte(input.capacity) },
        fields,
        (now) => {
          if (!now) throw notFound('对接会不存在')
          if (now.confirmedCount > input.capacity) throw invalid('capacity', capacityBelowTaken(now.confirmedCount))
        },
        () => conflict('对接会刚刚被其他人修改，请刷新后再试'),
      )
      doc = { ...existing, ...fields }
      if (changed) {
        await audit(ctx.now, { actorId: user._id, action: 'fair.update', targetType: 'fair', targetId: doc._id, before: { capacity: existing.capacity, date: existing.date }, after: { capacity: doc.capacity, date: doc.date }, reason: '修改对接会' })
        // More seats: the waiting list moves up.
        await tellPromoted((await fillFromWaitlist(doc._id, ctx.now)).promoted, doc, ctx.now)
      }
      doc = await loadFair(doc._id)
    } else {
      doc = { _id: `F${crypto.randomBytes(6).toString('hex')}`, ...fields, confirmedCount: 0, waitlist: [], status: 'draft', createdBy: user._id, createdAt: ctx.now }
      await fairs().add({ data: doc })
    }
    return (await fairViews([doc], ctx, user._id))[0]
  },

  async setStatus(input, ctx) {
    const user = (await ctx.user())!
    const f = await loadFair(input.id)
    takeStep(fairMachine, { action: 'fair.setStatus', variant: input.status, from: f.status, roles: ['city_admin'] }, () =>
      conflict(f.status === 'cancelled' ? '对接会已取消' : `对接会已是「${fairMachine.stateLabels[f.status]}」`),
    )
    if (input.status === 'cancelled' && input.reason.length < 2) throw invalid('reason', '取消对接会请写明理由（至少 2 个字）')
    // Published for the first time (not reopened after a pause): everyone eligible is to be told.
    const announce = input.status === 'published' && f.status === 'draft'
    const { stats } = await fairs().where({ _id: f._id, status: f.status }).update({ data: { status: input.status, updatedAt: ctx.now, ...(announce ? { announceAfter: '' } : {}) } })
    if (stats.updated !== 1) throw conflict('对接会刚刚被其他人修改，请刷新后再试')
    await audit(ctx.now, { actorId: user._id, action: `fair.${input.status}`, targetType: 'fair', targetId: f._id, before: { status: f.status }, after: { status: input.status }, reason: input.reason || '发布对接会' })
    const next: FairDoc = { ...f, status: input.status, ...(announce ? { announceAfter: '' } : {}) }
    // As many as fit in this call; the timer (announceFairs) tells the rest.
    if (announce) await announceFair(next, timeBudget(ANNOUNCE_IN_CALL_MS), ctx.now)
    if (input.status === 'cancelled') {
      const data = await readAll(signups().where({ fairId: f._id, status: _.in(['confirmed', 'waiting']) }).field({ openid: true, userId: true }))
      await notify(data, { template: 'review', page: `${FAIR_PAGE}?id=${f._id}`, values: { thing1: f.title, phrase2: '已取消', thing3: input.reason } }, ctx.now)
    }
    return (await fairViews([next], ctx, user._id))[0]
  },

  async employers(input, ctx) {
    const user = await ctx.user()
    // The city sees every active employer; an employer's staff their own organisations.
    const criteria: Record<string, unknown> = isCityAdmin(user) ? { status: 'active' } : { _id: _.in(employerIdsOf(user)) }
    if (input.type) criteria.type = input.type
    if (input.keyword) criteria.name = containing(input.keyword)
    // The page in a stable order (name, ties on _id) and the true total: two requests at once.
    const [{ total }, { data }] = await Promise.all([
      employers().where(criteria).count(),
      employers()
        .where(criteria)
        .orderBy('name', 'asc')
        .orderBy('_id', 'asc')
        .skip((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .get(),
    ])
    return { items: data.map(employerView), total }
  },

  async saveEmployer(input, ctx) {
    if (input.countyCode && !countyName(input.countyCode)) throw invalid('countyCode', '县（市、区）无效')
    const fields = { name: input.name, type: input.type, countyCode: input.countyCode, updatedAt: ctx.now }
    if (input.id) {
      await employers().where({ _id: input.id }).update({ data: fields })
      // Nothing updated with the employer there: it held these values already (this save sent twice in one millisecond).
      const { data } = await employers().doc(input.id).get()
      if (!data) throw notFound('用人单位不存在')
      return employerView(data)
    }
    const doc: EmployerDoc = { _id: `e${crypto.randomBytes(6).toString('hex')}`, ...fields, status: 'active', createdAt: ctx.now }
    await employers().add({ data: doc })
    return employerView(doc)
  },

  async myFairs(input, ctx) {
    const user = await ctx.user()
    const own = employerIdsOf(user)
    const criteria: Record<string, unknown> = { employerIds: _.in(own), status: 'published', ...(input.fairId ? { _id: input.fairId } : {}) }
    // The page of invited fairs (newest first, ties on _id) with what their views show and every
    // position listed at them, the true total and our organisations: three requests at once.
    const [orgs, { total }, { list }] = await Promise.all([
      employersById(own),
      fairs().where(criteria).count(),
      withViewParts(
        fairs()
          .aggregate()
          .match(criteria)
          .sort({ date: -1, _id: -1 })
          .skip((input.page - 1) * input.pageSize)
          .limit(input.pageSize),
        null,
      ).end<ViewJoined>(),
    ])
    // Our positions at the fairs of this page only (latest listed first), with who chose them.
    const ours = new Set(own)
    const mine = list.flatMap((f) => f.positions.filter((p) => ours.has(p.employerId))).sort((a, b) => byCreation(b, a))
    return { employers: [...orgs.values()].map(employerView), fairs: list.map((f) => viewOfJoined(f, ctx.now)), positions: await positionViews(mine), total }
  },

  async savePosition(input, ctx) {
    const user = await ctx.user()
    const f = await loadFair(input.fairId)
    if (!isCityAdmin(user) && !employerIdsOf(user).includes(input.employerId)) throw forbidden('只能为本单位发布岗位')
    if (!f.employerIds.includes(input.employerId)) throw forbidden('本单位未受邀参加这场对接会')
    if (f.status === 'cancelled') throw conflict('对接会已取消')
    if (ctx.now >= f.signupClosesAt) throw conflict('报名已截止，岗位不能再修改')
    if (input.countyCode && !countyName(input.countyCode)) throw invalid('countyCode', '县（市、区）无效')
    const orgs = await employersById([input.employerId])
    const org = orgs.get(input.employerId)
    if (!org) throw invalid('employerId', '用人单位不存在')
    const fields = {
      fairId: f._id,
      employerId: org._id,
      employerName: org.name,
      employerType: org.type ?? 'private',
      title: input.title,
      openings: input.openings,
      place: input.place,
      countyCode: input.countyCode,
      requirements: input.requirements,
      salaryMinFen: input.salaryMinFen,
      salaryMaxFen: input.salaryMaxFen,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      updatedAt: ctx.now,
    }
    let doc: PositionDoc
    if (input.id) {
      // Only the employer that listed it (any for the city admin) changes it.
      const mayChange = (p: PositionDoc | null): p is PositionDoc => !!p && p.fairId === f._id && (isCityAdmin(user) || employerIdsOf(user).includes(p.employerId))
      const { stats } = await positions()
        .where({ _id: input.id, fairId: f._id, employerId: isCityAdmin(user) ? _.exists(true) : _.in(employerIdsOf(user)) })
        .update({ data: fields })
      const { data: saved } = await positions().doc(input.id).get()
      // Nothing updated with the position in reach: it held these values already (this save sent twice in one millisecond).
      if (stats.updated !== 1 && !mayChange(saved)) throw forbidden('只能修改本单位的岗位')
      if (!saved) throw notFound('岗位不存在')
      doc = saved
    } else {
      doc = { _id: `J${crypto.randomBytes(6).toString('hex')}`, ...fields, createdAt: ctx.now }
      await positions().add({ data: doc })
    }
    return (await positionViews([doc]))[0]
  },

  async removePosition(input, ctx) {
    const user = await ctx.user()
    const { data: p } = await positions().doc(input.id).get()
    if (!p) throw notFound('岗位不存在')
    if (!isCityAdmin(user) && !employerIdsOf(user).includes(p.employerId)) throw forbidden('只能删除本单位的岗位')
    const f = await loadFair(p.fairId)
    if (ctx.now >= f.signupClosesAt) throw conflict('报名已截止，岗位不能再删除')
    const { total } = await signups().where({ fairId: p.fairId, positionIds: p._id, status: _.in(['confirmed', 'waiting']) }).count()
    if (total > 0) throw conflict(`已有 ${total} 人报名该岗位，不能删除（可以修改）`)
    await positions().doc(p._id).remove()
    return { removed: true }
  },

  async resume(_input, ctx) {
    const user = (await ctx.user())!
    const { data } = await registrations().where({ userId: user._id, status: 'approved' }).limit(2).get()
    const reg = data.find((r) => r.kind === 'volunteer') ?? data[0]
    if (!reg) throw forbidden('请先完成注册并通过审核')
    return buildResume(reg, ctx.now)
  },

  async signUp(input, ctx) {
    const user = (await ctx.user())!
    const id = `${input.fairId}:${user._id}`
    // One read with the account: the fair with its positions and employers, this person's earlier
    // sign-up, their approved registrations and sessions (the résumé), and the settings unless this instance has them.
    const f = await readPersonal<{ registrations: RegistrationDoc[]; sessions: SessionPart[]; settings?: SettingsDoc[] }>(ctx, signUpRead(input.fairId, !cachedSettings(ctx.now.getTime())))
    if (!f || (f.status === 'draft' && !isCityAdmin(user))) throw notFound('对接会不存在')
    if (f.status !== 'published') throw conflict('对接会未发布或已取消')
    if (ctx.now < f.signupOpensAt) throw conflict(`报名 ${shanghaiMoment(f.signupOpensAt)} 开始`)
    if (ctx.now >= f.signupClosesAt) throw conflict(`报名已于 ${shanghaiMoment(f.signupClosesAt)} 截止`)
    const chosen = [...new Set(input.positionIds)]
    if (chosen.length > f.maxPositions) throw invalid('positionIds', `本场每人最多选择 ${f.maxPositions} 个岗位`)
    const found = f.positions.filter((p) => chosen.includes(p._id))
    const reg = eligibleRegistration(f.registrations, f)
    if (found.length !== chosen.length) throw invalid('positionIds', '所选岗位不在这场对接会中')
    // Read with the account unless this instance had them then (and, rarely, has let them go since).
    const settings = f.settings ? rememberSettings(f.settings[0], ctx.now.getTime()) : await loadSettings(ctx.now.getTime())
    const resume = resumeOf(reg, daysOf(f.sessions), settings, ctx.now)
    const choice = { positionIds: chosen, employerIds: [...new Set(found.map((p) => p.employerId))], resume, registrationId: reg._id, updatedAt: ctx.now }
    const existing = f.signups[0]
    const reply = (mine: SignupDoc, seats: Partial<SeatsOf<FairDoc>> = {}) => {
      const now = { ...f, ...seats }
      return { signup: mySignupView(mine, now), fair: joinedView(now, ctx.now, mine) }
    }

    const from = existing ? signupState(existing) : null
    if (from) {
      const step = takeStep(signupMachine, { action: 'fair.signUp', from, roles: ['owner'] }, () => conflict('已签到入场，不能再修改所选岗位'))
      // Other positions keep the place (and its state); signing up again after cancelling lands where the seats say, below.
      if (from !== 'cancelled') checkChange(step, from, choice)
    }
    if (existing && existing.status !== 'cancelled') {
      // Already signed up: change the chosen positions, keeping the place.
      await signups().doc(id).update({ data: choice })
      return reply({ ...existing, ...choice })
    }
    const record: SignupDoc = { _id: id, fairId: f._id, userId: user._id, openid: ctx.openid, status: 'pending', ...choice, checkedInAt: null, checkedInBy: '', entryNonce: '', outcomes: {}, promotedAt: null, cancelledAt: null, createdAt: ctx.now }
    // New, or again after cancelling (only from cancelled, once).
    await seatsOf.enter(record, !!existing)
    // A seat, if one is free and nobody waits ahead; otherwise the end of the waiting list. A fair
    // read full, or with people waiting, sends this one to the end of the list at once (a seat
    // freed since is filled from the list's head, in order).
    const seat = f.confirmedCount < f.capacity && f.waitlist.length === 0 ? await seatsOf.takeSeat(f._id, id, ctx.now) : { seated: false as const, ...(await seatsOf.joinWaitlist(f._id, id, ctx.now)) }
    if (seat.seated) {
      // The seats as this call left them (others may have moved since; the page refreshes them).
      return reply({ ...record, status: 'confirmed' }, { confirmedCount: f.confirmedCount + 1, waitlist: [] })
    }
    const { promoted, seats } = seat
    await tellPromoted(promoted, f, ctx.now)
    let mine: SignupDoc = promoted.includes(id) ? { ...record, status: 'confirmed', promotedAt: ctx.now } : { ...record, status: 'waiting' }
    if (mine.status === 'waiting' && seats && !seats.waitlist.includes(id)) {
      // Promoted meanwhile by someone else's cancellation: read what it is now.
      const { data } = await signups().doc(id).get()
      if (data) mine = data
    }
    return reply(mine, seats ?? {})
  },

  async cancel(input, ctx) {
    const user = (await ctx.user())!
    const id = `${input.fairId}:${user._id}`
    // One read with the account: the fair, this person's sign-up and the one at the head of the waiting list (who may take the seat).
    const f = await readPersonal<{ head: SignupDoc[] }>(ctx, cancelRead(input.fairId))
    if (!f) throw notFound('对接会不存在')
    const s = f.signups.find((d) => d._id === id)
    if (!s || s.status === 'cancelled') throw notFound('你没有报名这场对接会')
    if (ctx.now >= f.startsAt) throw conflict('对接会已开始，不能取消报名')
    takeStep(signupMachine, { action: 'fair.cancel', from: signupState(s) ?? 'cancelled', roles: ['owner'] }, () => conflict('已签到入场，不能取消报名'))
    const { stats } = await signups().where({ _id: id, status: s.status }).update({ data: { status: 'cancelled', cancelledAt: ctx.now, updatedAt: ctx.now } })
    if (stats.updated !== 1) throw conflict('报名状态刚刚变化，请刷新后再试')
    const cancelled = { actorId: user._id, action: 'fair.cancel_signup', targetType: 'fair_signup', targetId: id, before: { status: s.status }, after: { status: 'cancelled' }, reason: input.reason || '报名者取消' }
    const { promoted, known, seats } = s.status === 'confirmed' ? await releaseSeat(f, f.head, ctx.now) : await leaveWaitlist(f, id, ctx.now)
    await tellPromoted(promoted, f, ctx.now, known, [cancelled])
    return { fair: joinedView({ ...f, ...seats }, ctx.now, undefined) }
  },

  async mine(input, ctx) {
    const user = (await ctx.user())!
    const criteria = { userId: user._id, status: _.in(['confirmed', 'waiting', 'pending']) }
    // The page of sign-ups, each with its fair and what the fair's view shows, and the true total: two requests.
    const { list, total } = await ownSignupPage<SignupDoc, SignupDoc & { fair: FairDoc; employers: EmployerDoc[]; positions: PositionDoc[] }>(signups, criteria, input, (page) =>
      page
        .lookup({ from: COLLECTIONS.fairs, localField: 'fairId', foreignField: '_id', as: 'fair' })
        .unwind('$fair')
        .lookup({ from: COLLECTIONS.employers, localField: 'fair.employerIds', foreignField: '_id', as: 'employers' })
        .lookup({ from: COLLECTIONS.fairPositions, localField: 'fairId', foreignField: 'fairId', as: 'positions' }),
    )
    const items = list.map(({ fair, employers: orgs, positions: offered, ...s }) => joinedView({ ...fair, employers: orgs, positions: offered }, ctx.now, s as SignupDoc))
    return { items, total }
  },

  async entryCode(input, ctx) {
    const user = (await ctx.user())!
    const f = await loadFair(input.fairId)
    const { data: s } = await signups().doc(`${f._id}:${user._id}`).get()
    if (!s || s.status === 'cancelled') throw notFound('你没有报名这场对接会')
    if (s.status !== 'confirmed') throw conflict('候补中：递补成功后才有入场码')
    if (f.status !== 'published') throw conflict('对接会已取消')
    if (s.checkedInAt) throw conflict(`已于 ${shanghaiMoment(s.checkedInAt)} 签到入场`)
    const expires = Math.floor(ctx.now.getTime() / 1000) + ENTRY_CODE_SECONDS
    const name = maskName(s.resume.name)
    const claims: EntryClaims = { s: s._id, f: f._id, e: expires, n: newNonce(), m: name }
    return { token: seal(ENTRY_PURPOSE, 'E1', claims), expiresAt: new Date(expires * 1000).toISOString(), refreshInSeconds: ENTRY_CODE_SECONDS - 10, name, fairTitle: f.title }
  },

  async checkIn(input, ctx) {
    const claims = unseal(ENTRY_PURPOSE, 'E1', input.token) as EntryClaims | null
    if (!claims || typeof claims.s !== 'string' || typeof claims.e !== 'number') throw invalid('token', '入场码无效（可能被篡改），请让报名者重新打开入场码')
    if (claims.e * 1000 < ctx.now.getTime()) throw conflict('入场码已过期，请让报名者刷新后再扫')
    const staff = (await ctx.user())!
    const f = await loadFair(claims.f)
    const s = await admit(f, claims.s, staff, { method: 'code', nonce: claims.n, name: claims.m }, ctx.now)
    return { name: claims.m, fairTitle: f.title, checkedInAt: ctx.now.toISOString(), positions: s.positionIds.length }
  },

  async checkInByName(input, ctx) {
    const staff = (await ctx.user())!
    const f = await loadFair(input.signupId.slice(0, input.signupId.indexOf(':')))
    const s = await admit(f, input.signupId, staff, { method: 'name', reason: input.reason }, ctx.now)
    return { name: s.resume.name, fairTitle: f.title, checkedInAt: ctx.now.toISOString(), positions: s.positionIds.length }
  },

  async signups(input) {
    const criteria = signupCriteria(input.fairId, input)
    // The fair's waiting list orders the page, on the database: the page and the total are two requests.
    const [joined, { total }] = await Promise.all([
      fairWithOnly<{ page: ListedSignup[] }>(input.fairId, (fair) =>
        fair.lookup({
          from: COLLECTIONS.fairSignups,
          let: { waitlist: '$waitlist' },
          pipeline: (inListOrder($.pipeline().match(criteria), '$$waitlist', input.order)
            .skip((input.page - 1) * input.pageSize)
            .limit(input.pageSize)
            .project({ ...LIST_FIELDS, waitIndex: true }) as LookupPipeline).done(),
          as: 'page',
        }),
      ),
      signups().where(criteria).count(),
    ])
    if (!joined) throw notFound('对接会不存在')
    return {
      items: joined.page.map((s) => ({
        id: s._id,
        name: s.resume.name,
        kind: s.resume.kind,
        townshipName: s.resume.townshipName,
        mobileMasked: s.resume.mobileMasked,
        status: s.status === 'pending' ? ('waiting' as const) : s.status,
        waitingRank: s.status === 'waiting' ? s.waitIndex + 1 : 0,
        positions: s.positionIds.length,
        checkedInAt: isoOrEmpty(s.checkedInAt),
        checkInMethod: checkInMethod(s),
        createdAt: isoOrEmpty(s.createdAt),
      })),
      total,
    }
  },

  async exportSignups(input, ctx) {
    const f = await loadFair(input.fairId)
    const [list, positionList] = await Promise.all([allSignups(f, {}), readAll(positions().where({ fairId: f._id }))])
    const sheet = signupSheet('报名名单', list, f, new Map(positionList.map((p) => [p._id, p])), false)
    const file = await exportWorkbook(workbookName('对接会报名名单', f.title, f.venue, f.date), [sheet])
    const actor = (await ctx.user())!
    await audit(ctx.now, { actorId: actor._id, action: 'fair.export_signups', targetType: 'fair', targetId: f._id, before: null, after: { rows: list.length }, reason: '导出报名名单' })
    return { ...file, rows: list.length }
  },

  async applicants(input, ctx) {
    const { own, city, criteria } = applicantCriteria(await ctx.user(), input)
    // The fair, the positions the caller answers for and the page, in one request; the true total in another.
    const [joined, { total }] = await Promise.all([
      fairWithOnly<{ mine: PositionDoc[]; page: SignupDoc[] }>(input.fairId, (fair) =>
        fair
          .lookup({ from: COLLECTIONS.fairPositions, pipeline: $.pipeline().match(city ? { fairId: input.fairId } : { fairId: input.fairId, employerId: _.in(own) }).done(), as: 'mine' })
          .lookup({
            from: COLLECTIONS.fairSignups,
            pipeline: ($.pipeline().match(criteria).sort({ createdAt: 1, _id: 1 }).skip((input.page - 1) * input.pageSize).limit(input.pageSize) as LookupPipeline).done(),
            as: 'page',
          }),
      ),
      signups().where(criteria).count(),
    ])
    if (!joined) throw notFound('对接会不存在')
    const { mine: reach, page: data, ...f } = joined
    const mine = new Map(reach.map((p) => [p._id, p]))
    if (input.positionId && !mine.has(input.positionId)) throw forbidden('只能查看本单位岗位的报名')
    // Contact in clear only once this employer interviewed the person at the fair (read logged):
    // an outcome of one of its positions, recorded after the fair began, for someone checked in.
    const revealed = data.filter((s) => interviewedBy(s, mine, f))
    const mobiles = new Map<string, string>()
    if (revealed.length > 0) {
      const { data: regs } = await registrations().where({ _id: _.in(revealed.map((s) => s.registrationId)) }).field({ mobile: true }).get()
      for (const r of regs) mobiles.set(r._id, r.mobile)
      const actor = (await ctx.user())!
      await audit(ctx.now, ...revealed.map((s) => ({ actorId: actor._id, action: 'pii.read', targetType: 'fair_signup', targetId: s._id, before: null, after: null, reason: '用人单位查看已安排面试者的联系电话' })))
    }
    return { items: data.map((s) => applicantView(s, mine, revealed.includes(s), mobiles.get(s.registrationId) ?? '')), total }
  },

  async exportApplicants(input, ctx) {
    const f = await loadFair(input.fairId)
    const { mine, criteria } = await applicantsInReach(ctx, input)
    const list = await readAll(signups().where(criteria), { order: ['createdAt', 'asc'] })
    // One row per person and position applied for (of this employer's), with what was recorded.
    const rows = list.flatMap((s) =>
      s.positionIds
        .filter((id) => mine.has(id) && (!input.positionId || id === input.positionId))
        .map((id) => {
          const r = s.resume
          const o = s.outcomes?.[id]
          return {
            name: r.name,
            gender: r.gender === 'female' ? '女' : '男',
            age: r.age,
            kind: KIND_LABELS[r.kind],
            political: r.politicalStatus,
            school: r.school,
            major: r.major,
            graduation: r.graduationYear ?? '',
            skills: r.skills.join('、'),
            place: [r.countyName, r.townshipName].filter(Boolean).join(' '),
            term: r.termStart ? `${r.termStart} 至 ${r.termEnd}` : '',
            hours: r.approvedHours,
            star: r.star,
            mobile: r.mobileMasked,
            status: standingText(s, f),
            position: mine.get(id)!.title,
            outcome: o ? OUTCOME_LABELS[o.outcome] : '',
            note: o?.note ?? '',
          }
        }),
    )
    const employerNames = [...new Set([...mine.values()].map((p) => p.employerName))]
    const who = input.positionId ? `${mine.get(input.positionId)!.employerName}·${mine.get(input.positionId)!.title}` : employerNames.length === 1 ? employerNames[0] : '全部用人单位'
    const file = await exportWorkbook(workbookName('对接会应聘人员', who, f.title, f.date), [
      {
        title: '应聘人员',
        columns: [
          { header: '姓名', key: 'name', width: 10 },
          { header: '性别', key: 'gender', width: 6 },
          { header: '年龄', key: 'age', width: 6 },
          { header: '类别', key: 'kind', width: 14 },
          { header: '政治面貌', key: 'political', width: 10 },
          { header: '学校', key: 'school', width: 18 },
          { header: '专业', key: 'major', width: 14 },
          { header: '毕业年份', key: 'graduation', width: 8 },
          { header: '技能特长', key: 'skills', width: 20 },
          { header: '服务地', key: 'place', width: 18 },
          { header: '服务期', key: 'term', width: 24 },
          { header: '服务时长（小时）', key: 'hours', width: 10 },
          { header: '星级', key: 'star', width: 6 },
          { header: '手机（隐去中间四位）', key: 'mobile', width: 16 },
          { header: '报名状态', key: 'status', width: 12 },
          { header: '应聘岗位', key: 'position', width: 20 },
          { header: '结果', key: 'outcome', width: 12 },
          { header: '备注', key: 'note', width: 24 },
        ],
        rows,
      },
    ])
    const actor = (await ctx.user())!
    await audit(ctx.now, { actorId: actor._id, action: 'fair.export_applicants', targetType: 'fair', targetId: f._id, before: null, after: { rows: rows.length, positionId: input.positionId ?? null }, reason: '导出应聘人员' })
    return { ...file, rows: rows.length }
  },

  async recordOutcome(input, ctx) {
    const actor = (await ctx.user())!
    const { data: p } = await positions().doc(input.positionId).get()
    if (!p || !employerIdsOf(actor).includes(p.employerId)) throw forbidden('只能登记本单位岗位的结果')
    const [{ data: s }, f] = await Promise.all([signups().doc(input.signupId).get(), loadFair(p.fairId)])
    if (!s || s.fairId !== p.fairId || !s.positionIds.includes(p._id)) throw notFound('该报名者没有选择这个岗位')
    const from = signupState(s)
    if (from !== 'confirmed' && from !== 'checked_in') throw conflict('只能为报名成功的人登记结果')
    // An outcome follows an interview at the fair: once it has begun, with someone who came in at the door.
    if (f.status !== 'published') throw conflict('对接会未发布或已取消，不能登记结果')
    if (ctx.now < f.startsAt) throw conflict(`对接会 ${shanghaiMoment(f.startsAt)} 开始，开始后才能登记结果`)
    takeStep(signupMachine, { action: 'fair.recordOutcome', from, roles: ['employer'] }, () => conflict('该报名者还没有在会场入口签到，签到入场后才能登记结果', 'signupId'))
    const entry = { outcome: input.outcome, note: input.note, at: ctx.now, by: actor._id }
    const { stats } = await signups()
      .where({ _id: s._id, status: 'confirmed', checkedInAt: _.neq(null) })
      .update({ data: { [`outcomes.${p._id}`]: entry, updatedAt: ctx.now } })
    // The applicant as the employer now sees them, with the mobile (a read logged).
    const shown = async (after: SignupDoc) => {
      const { data: reg } = await registrations().doc(s.registrationId).get()
      await audit(ctx.now, { actorId: actor._id, action: 'pii.read', targetType: 'fair_signup', targetId: s._id, before: null, after: null, reason: '用人单位登记结果后查看联系电话' })
      return applicantView(after, new Map([[p._id, p]]), true, reg?.mobile ?? '')
    }
    if (stats.updated !== 1) {
      // Nothing updated: the sign-up moved on, or it holds this very entry already (the same
      // record sent twice in one millisecond: the other call logged and told it).
      const { data: now } = await signups().doc(s._id).get()
      if (!now || now.status !== 'confirmed' || !now.checkedInAt || !holds(now.outcomes?.[p._id] ?? {}, entry)) throw conflict('报名状态刚刚变化，请刷新后再试')
      return shown(now)
    }
    const before = s.outcomes?.[p._id]?.outcome ?? null
    await audit(ctx.now, { actorId: actor._id, action: 'fair.outcome', targetType: 'fair_signup', targetId: s._id, before: { positionId: p._id, outcome: before }, after: { positionId: p._id, outcome: input.outcome }, reason: input.note || OUTCOME_LABELS[input.outcome] })
    const next = { ...s, outcomes: { ...s.outcomes, [p._id]: entry } }
    if (before !== input.outcome) {
      await notify(
        s,
        { template: 'review', page: `${FAIR_PAGE}?id=${f._id}`, values: { thing1: `${p.title}：${f.title}`, phrase2: OUTCOME_PHRASES[input.outcome], thing3: input.note || OUTCOME_LABELS[input.outcome] } },
        ctx.now,
      )
    }
    return shown(next)
  },

  async report(input) {
    // The fair with its positions in one request, then one aggregation per group of figures.
    const f = await fairWith(input.fairId, (joined) => joined)
    if (!f) throw notFound('对接会不存在')
    return (await reportData(f)).report
  },

  async exportReport(input) {
    const f = await fairWith(input.fairId, (joined) => joined)
    if (!f) throw notFound('对接会不存在')
    // The figures on the database; the detail behind them read page by page.
    const [{ report: r, positions: positionList, byPosition }, people] = await Promise.all([reportData(f), allSignups(f, {})])
    const columns = [
      { header: '岗位（个）', key: 'positions', width: 12 },
      { header: '招聘人数', key: 'openings', width: 12 },
      { header: '报名人次', key: 'applicants', width: 12 },
      { header: '面试', key: 'interviews', width: 10 },
      { header: '录用意向', key: 'offers', width: 12 },
      { header: '录用', key: 'hires', width: 10 },
      { header: '本地录用', key: 'hiresLocal', width: 12 },
    ]
    const file = await exportWorkbook(workbookName('岗位对接会统计', f.title, f.venue, f.date), [
      {
        title: '总体',
        columns: [
          { header: '项目', key: 'item', width: 24 },
          { header: '数值', key: 'n', width: 40 },
        ],
        rows: [
          ['对接会', f.title],
          ['日期', `${f.date} ${f.startTime}–${f.endTime}`],
          ['会场', `${f.venue}（${f.address}）`],
          ['名额', r.capacity],
          ['报名（有效）', r.signups],
          ['报名成功', r.confirmed],
          ['候补', r.waiting],
          ['取消', r.cancelled],
          ['到场', r.attended],
          ['面试人数', r.people.interviewed],
          ['获录用意向人数', r.people.offered],
          ['录用人数', r.people.hired],
          ['在清远本地录用人数', r.people.hiredLocal],
        ].map(([item, n]) => ({ item, n })),
      },
      { title: '按单位类型', columns: [{ header: '单位类型', key: 'type', width: 14 }, ...columns], rows: r.byEmployerType.map((t) => ({ ...t, type: EMPLOYER_TYPE_LABELS[t.type] })) },
      { title: '按用人单位', columns: [{ header: '用人单位', key: 'employerName', width: 28 }, { header: '类型', key: 'typeLabel', width: 12 }, ...columns], rows: r.byEmployer.map((e) => ({ ...e, typeLabel: EMPLOYER_TYPE_LABELS[e.type] })) },
      // The detail behind the figures: each position, each sign-up with what was recorded.
      {
        title: '岗位明细',
        columns: [
          { header: '用人单位', key: 'employerName', width: 28 },
          { header: '类型', key: 'typeLabel', width: 12 },
          { header: '岗位', key: 'title', width: 20 },
          { header: '工作地点', key: 'place', width: 16 },
          { header: '清远本地', key: 'local', width: 10 },
          ...columns.slice(1),
        ],
        rows: positionList.map((p) => ({ ...byPosition.get(p._id), employerName: p.employerName, typeLabel: EMPLOYER_TYPE_LABELS[p.employerType], title: p.title, place: p.place, local: p.countyCode ? countyName(p.countyCode) ?? '是' : '否' })),
      },
      signupSheet('报名明细', people, f, new Map(positionList.map((p) => [p._id, p])), true),
    ])
    return { ...file, rows: people.length }
  },
}, { remindTomorrow, announceFairs }), callerJoin)

/** How long publishing a fair spends telling people before it answers (the timer goes on). */
const ANNOUNCE_IN_CALL_MS = 4_000
/** A timer run's working time: a margin inside the function's 10 s timeout (config.json). */
const ANNOUNCE_RUN_MS = 8_000

/**
 * Tells everyone who may sign up for a newly published fair (approved volunteers whose term ends
 * by the fair's limit; approved rural youth if it admits them) that it is open, page by page,
 * each person once (`_shared/announce`: its cursor is the fair's `announceAfter`). Resolves to
 * how many were told.
 */
async function announceFair(f: FairDoc, budget: { left: () => boolean }, now: Date): Promise<number> {
  // The same rule as eligibleRegistration, as a query.
  const volunteers = { kind: 'volunteer', termEnd: _.lte(lastTermEndOf(f)) }
  const eligible = f.allowRuralYouth ? _.or([volunteers, { kind: 'rural_youth' }]) : volunteers
  return announce(
    {
      collection: COLLECTIONS.fairs,
      id: f._id,
      still: { status: 'published' },
      after: f.announceAfter,
      eligible,
      notice: { template: 'reminder', page: `${FAIR_PAGE}?id=${f._id}`, values: { thing1: f.title, date2: wechatTime(f.date, f.startTime), thing3: '新的岗位对接会开放报名' } },
    },
    budget,
    now,
  )
}

/** Every few minutes: announcements a publish call could not finish go on from where they stood. */
async function announceFairs(now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(ANNOUNCE_RUN_MS)
  const pending = await readAll(fairs().where({ status: 'published', announceAfter: _.exists(true) }))
  let told = 0
  for (const f of pending) if (budget.left()) told += await announceFair(f, budget, now)
  return { fairs: pending.length, told }
}

/**
 * Daily, in the morning: everyone with a seat at a fair tomorrow (Shanghai) is reminded of the
 * time and place, once per fair however often this runs.
 */
async function remindTomorrow(now: Date): Promise<Record<string, unknown>> {
  const tomorrow = shanghaiDaysAhead(now, 1)
  const list = await readAll(fairs().where({ date: tomorrow, status: 'published' }))
  let reminded = 0
  for (const f of list) {
    if (!(await claimReminder(`fair-eve:${f._id}`, now))) continue
    const seated = await readAll(signups().where({ fairId: f._id, status: 'confirmed' }).field({ openid: true, userId: true }))
    await notify(seated, { template: 'reminder', page: `${FAIR_PAGE}?id=${f._id}`, values: { thing1: f.title, date2: wechatTime(f.date, f.startTime), thing3: `${f.venue}，凭入场码签到` } }, now)
    reminded += seated.length
  }
  return { fairs: list.length, reminded }
}
