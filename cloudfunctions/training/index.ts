// 培训（三训）：团市委或县团委建课程与场次并发布；面向的人在名额内报名，满员进入候补，取消时候补按先后
// 递补（与岗位对接会同一个报名引擎 `_shared/signups`）；现场扫描轮换签到码签到（长课签退），不便用手机的
// 由工作人员按名单登记；线上课程逐课时学完；结业发证书，任何人可凭核验码核验；培训学时与服务时长分开计。
//
// A door code is the station kiosk's rotating code (`_shared/kiosk`) for the session: it lives a
// minute, so a photographed code is no good later; a person checks in once (a conditional update
// on `checkedInAt: null`), and checks out only with a code of a later window than the one they
// checked in with, so the code they came in with cannot be replayed as the check-out.
import crypto from 'node:crypto'
import { training, type CourseView, type RecordItem, type RosterItem, type SessionView, type TrainingCertificateView } from '../../types/training'
import { maskMobile, maskName } from '../../types/personal'
import { isoOrEmpty as iso, shanghaiDateTime, shanghaiDaysAhead, shanghaiMoment as at, wechatTime } from '../../types/time'
import { TRAINING_KIND_LABELS } from '../../types/vocabulary'
import { statesLeftBy, trainingCourseMachine, trainingSignupMachine, trainingSignupState, type StepRole, type TrainingSignupState } from '../../types/machines'
import { audit, type AuditEntry } from '../_shared/audit'
import {
  COLLECTIONS,
  type RegistrationDoc,
  type TrainingCertificateDoc,
  type TrainingCourseDoc,
  type TrainingProgressDoc,
  type TrainingSessionDoc,
  type TrainingSignupDoc,
  type UserDoc,
} from '../_shared/collections'
import { _, $, db, isDuplicateKey } from '../_shared/cloud'
import { config } from '../_shared/config'
import type { CallContext } from '../_shared/context'
import { countyName } from '../_shared/divisions'
import { conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { updateWhile } from '../_shared/holds'
import { kioskCode, kioskProblem, KIOSK_WINDOW_SECONDS } from '../_shared/kiosk'
import { takeStep } from '../_shared/machines'
import { notify, type Recipient } from '../_shared/notify'
import { pageWithTotal, readAll } from '../_shared/paging'
import { claimReminder } from '../_shared/reminders'
import { ownSignupPage, signupEngine, waitingRank, type SeatsOf } from '../_shared/signups'
import type { Aggregate, LookupPipeline } from '../_shared/db-types'
import { reportHandlers } from './report'

const courses = () => db.collection<TrainingCourseDoc>(COLLECTIONS.trainingCourses)
const sessions = () => db.collection<TrainingSessionDoc>(COLLECTIONS.trainingSessions)
const signups = () => db.collection<TrainingSignupDoc>(COLLECTIONS.trainingSignups)
const progress = () => db.collection<TrainingProgressDoc>(COLLECTIONS.trainingProgress)
const certificates = () => db.collection<TrainingCertificateDoc>(COLLECTIONS.trainingCertificates)

const seats = signupEngine<TrainingSessionDoc, TrainingSignupDoc>(sessions, signups)

const COURSE_PAGE = 'packages/training/course/index'
const RECORDS_PAGE = 'packages/training/records/index'
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10
/** Check-in opens this long before a session starts; check-out this long before it ends, and both close this long after it ends. */
const CHECK_IN_EARLY_MS = 60 * 60_000
const CHECK_OUT_EARLY_MS = 30 * 60_000
const DOOR_LATE_MS = 2 * 60 * 60_000
const CERT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

type Course = TrainingCourseDoc
type Session = TrainingSessionDoc
type Signup = TrainingSignupDoc

// ---- views ---------------------------------------------------------------------------

function phaseOf(s: Session, now: Date): SessionView['phase'] {
  if (now < s.signupOpensAt) return 'upcoming'
  if (now < s.signupClosesAt) return 'open'
  if (now < s.endsAt) return 'closed'
  return 'over'
}

function sessionView(s: Session, now: Date, mine: Signup | undefined): SessionView {
  return {
    id: s._id,
    courseId: s.courseId,
    title: s.title,
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    venue: s.venue,
    address: s.address,
    location: s.location,
    capacity: s.capacity,
    confirmed: s.confirmedCount,
    waiting: s.waitlist.length,
    signupOpensAt: iso(s.signupOpensAt),
    signupClosesAt: iso(s.signupClosesAt),
    materials: s.materials,
    checkOut: s.checkOut,
    minutes: s.minutes,
    status: s.status,
    phase: phaseOf(s, now),
    mine:
      mine && mine.status !== 'cancelled'
        ? {
            id: mine._id,
            status: mine.status === 'pending' ? 'waiting' : mine.status,
            waitingRank: waitingRank(mine, s),
            checkedInAt: iso(mine.checkedInAt),
            checkedOutAt: iso(mine.checkedOutAt),
            attended: mine.attended,
          }
        : null,
  }
}

interface CourseJoin {
  list: Pick<Session, 'date'>[]
  done: string[]
  certificateCode: string
  canManage: boolean
}

function courseView(c: Course, { list, done, certificateCode, canManage }: CourseJoin): CourseView {
  const dates = list.map((s) => s.date).sort()
  return {
    id: c._id,
    title: c.title,
    kind: c.kind,
    audience: c.audience,
    department: c.department,
    countyCode: c.countyCode,
    countyName: c.countyCode ? (countyName(c.countyCode) ?? '') : '清远市',
    description: c.description,
    requiredSessions: c.requiredSessions,
    parts: c.parts.map((p) => ({ ...p, done: done.includes(p.id) })),
    status: c.status,
    sessionCount: list.length,
    firstDate: dates[0] ?? '',
    canManage,
    certificateCode,
  }
}

/** A lookup's own pipeline (`$.pipeline()`), ended by done(). */

/** Adds to a pipeline of courses what their views show: session dates, and with `userId` that person's progress and certificate. */
function withCourseParts(pipeline: Aggregate, userId: string | null): Aggregate {
  const joined = pipeline.lookup({
    from: COLLECTIONS.trainingSessions,
    let: { course: '$_id' },
    pipeline: ($.pipeline().match(_.expr($.eq(['$courseId', '$$course']))).project({ date: 1 }) as LookupPipeline).done(),
    as: 'sessionDates',
  })
  if (!userId) return joined
  return joined
    .lookup({ from: COLLECTIONS.trainingProgress, pipeline: ($.pipeline().match({ userId }) as LookupPipeline).done(), as: 'progress' })
    .lookup({ from: COLLECTIONS.trainingCertificates, pipeline: ($.pipeline().match({ userId, revokedAt: null }).project({ code: 1, courseId: 1 }) as LookupPipeline).done(), as: 'certs' })
}

type CourseJoined = Course & { sessionDates: Pick<Session, 'date'>[]; progress?: TrainingProgressDoc[]; certs?: Pick<TrainingCertificateDoc, 'code' | 'courseId'>[] }

function viewOfJoined({ sessionDates, progress: prog, certs, ...c }: CourseJoined, reach: Reach): CourseView {
  return courseView(c, {
    list: sessionDates,
    done: prog?.find((p) => p.courseId === c._id)?.parts ?? [],
    certificateCode: certs?.find((x) => x.courseId === c._id)?.code ?? '',
    canManage: manages(reach, c.countyCode),
  })
}

// ---- who -----------------------------------------------------------------------------

/** The counties a caller administers ('city' for a city admin), or null for nobody's admin. */
type Reach = 'city' | Set<string> | null

function reachOf(user: UserDoc | null): Reach {
  const roles = user?.roles ?? []
  if (roles.some((g) => g.role === 'city_admin')) return 'city'
  const counties = roles.filter((g) => g.role === 'county_admin').map((g) => g.scopeId)
  return counties.length > 0 ? new Set(counties) : null
}

/** The league role a caller acts in on a course within their reach (types/machines.ts). */
const leagueRoles = (reach: Reach): StepRole[] => (reach === 'city' ? ['city_admin'] : ['county_admin'])

const SIGNUP_STATE_TEXT: Record<TrainingSignupState, string> = { waiting: '你在候补名单中', confirmed: '你已报名这一场', checked_in: '你已签到', attended: '你已出勤', cancelled: '报名已取消' }
/** The sign-up's state for its machine (a record still being placed counts as waiting). */
const stateOf = (x: Signup): TrainingSignupState => trainingSignupState(x) ?? 'waiting'

const manages = (reach: Reach, countyCode: string) => reach === 'city' || (!!reach && !!countyCode && reach.has(countyCode))

async function managedCourse(id: string, ctx: CallContext): Promise<Course> {
  const user = await ctx.user()
  const { data: c } = await courses().doc(id).get()
  if (!c) throw notFound('课程不存在')
  if (!manages(reachOf(user), c.countyCode)) throw forbidden(c.countyCode ? '只能管理本县（市、区）的课程' : '团市委的课程由团市委管理')
  return c
}

/** The registration a person learns with, or why the course is not for them. */
function learnerOf(regs: RegistrationDoc[], c: Course): RegistrationDoc {
  const fits = regs.filter((r) => r.status === 'approved' && (c.audience === 'both' || r.kind === c.audience))
  if (fits.length === 0) {
    if (regs.some((r) => r.status === 'approved')) throw forbidden(`这门课程面向${c.audience === 'volunteer' ? '志愿者' : '农村青年'}`)
    throw forbidden('请先完成注册并通过审核')
  }
  const inCounty = c.countyCode ? fits.find((r) => r.countyCode === c.countyCode) : fits[0]
  if (!inCounty) throw forbidden(`这门课程面向${countyName(c.countyCode) ?? '本县'}的学员`)
  return inCounty
}

/** Who may see a published course: the audiences and counties of their approved registrations. */
function audienceFilter(regs: RegistrationDoc[]): Record<string, unknown> | null {
  const approved = regs.filter((r) => r.status === 'approved')
  if (approved.length === 0) return null
  const kinds = [...new Set(approved.map((r) => r.kind))]
  return { audience: _.in([...kinds, 'both']), countyCode: _.in(['', ...new Set(approved.map((r) => r.countyCode))]) }
}

const approvedRegs = (userId: string) => readAll(db.collection<RegistrationDoc>(COLLECTIONS.registrations).where({ userId, status: 'approved' }))

// ---- completion ----------------------------------------------------------------------

/**
 * Issues the certificate of a course the person has just completed (once: its _id is the course
 * and the person) and tells them. `sessionsDone`: the sessions they attended (face-to-face), or
 * `minutes` of the parts (online).
 */
async function certify(c: Course, to: Recipient & { name: string }, done: { sessions: Pick<Session, 'title' | 'date' | 'minutes'>[]; minutes: number }, now: Date): Promise<boolean> {
  const doc: TrainingCertificateDoc = {
    _id: `${c._id}:${to.userId}`,
    code: `T${Array.from({ length: 11 }, () => CERT_ALPHABET[crypto.randomInt(CERT_ALPHABET.length)]).join('')}`,
    userId: to.userId,
    courseId: c._id,
    name: maskName(to.name),
    courseTitle: c.title,
    kind: c.kind,
    department: c.department,
    hours: hoursOf(done.minutes + done.sessions.reduce((n, s) => n + s.minutes, 0)),
    sessions: [...done.sessions].sort((a, b) => (a.date < b.date ? -1 : 1)).map((s) => ({ title: s.title, date: s.date })),
    completedAt: now,
    revokedAt: null,
  }
  try {
    await certificates().add({ data: doc })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    // Withdrawn when attendance was undone, and earned again: it stands again (with the same code).
    const { stats } = await certificates().where({ _id: doc._id, revokedAt: _.neq(null) }).update({ data: { revokedAt: null, hours: doc.hours, sessions: doc.sessions, completedAt: now } })
    if (stats.updated !== 1) return false
    await audit(now, { actorId: 'system', action: 'training.reinstate_certificate', targetType: 'training_certificate', targetId: doc._id, before: { revoked: true }, after: { revoked: false }, reason: '出勤恢复，重新达到结业要求' })
  }
  await notify(to, { template: 'review', page: `${RECORDS_PAGE}?course=${c._id}`, values: { thing1: `${c.title}结业证书`, phrase2: '已生成', thing3: '可在学习记录中查看并出示核验码' } }, now)
  return true
}

/**
 * Writes a session's fields only while its seats taken fit the capacity asked (true when this call
 * changed it; false when its twin, sent in the same millisecond, already had): only seats above
 * the capacity are refused, read again.
 */
const saveWithinCapacity = (id: string, capacity: number, fields: Partial<Session>) =>
  updateWhile(
    sessions(),
    id,
    { confirmedCount: _.lte(capacity) },
    fields,
    (now) => {
      if (!now) throw notFound('场次不存在')
      if (now.confirmedCount > capacity) throw invalid('capacity', `已有 ${now.confirmedCount} 人报名成功，名额不能少于 ${now.confirmedCount}`)
    },
    () => conflict('场次刚刚被其他人修改，请刷新后再试'),
  )

/** After attendance changed: certifies those in `people` whose attended sessions now reach the course's requirement. */
async function certifyAttended(c: Course, people: { userId: string; openid: string; name: string }[], now: Date): Promise<number> {
  if (people.length === 0 || c.kind === 'online') return 0
  const attended = await readAll(signups().where({ courseId: c._id, userId: _.in(people.map((p) => p.userId)), attended: true }).field({ userId: true, sessionId: true }))
  const ready = people.filter((p) => attended.filter((a) => a.userId === p.userId).length >= c.requiredSessions)
  if (ready.length === 0) return 0
  const held = await readAll(sessions().where({ _id: _.in([...new Set(attended.map((a) => a.sessionId))]) }).field({ title: true, date: true, minutes: true }))
  let n = 0
  for (const p of ready) {
    const mine = attended.filter((a) => a.userId === p.userId).map((a) => held.find((s) => s._id === a.sessionId)).filter((s): s is Session => !!s)
    if (await certify(c, p, { sessions: mine, minutes: 0 }, now)) n++
  }
  return n
}

/**
 * After attendance was undone: withdraws the certificates of those in `people` whose attended
 * sessions no longer reach the course's requirement (conditional on it standing, so twice
 * withdraws once), logs it and tells them. The verify page then says 已撤销.
 */
async function revokeShortfall(c: Course, people: { userId: string; openid: string }[], actorId: string, reason: string, now: Date): Promise<number> {
  if (people.length === 0 || c.kind === 'online') return 0
  const attended = await readAll(signups().where({ courseId: c._id, userId: _.in(people.map((p) => p.userId)), attended: true }).field({ userId: true }))
  const short = people.filter((p) => attended.filter((a) => a.userId === p.userId).length < c.requiredSessions)
  const revoked: typeof people = []
  for (const p of short) {
    const { stats } = await certificates().where({ _id: `${c._id}:${p.userId}`, revokedAt: null }).update({ data: { revokedAt: now } })
    if (stats.updated === 1) revoked.push(p)
  }
  await audit(now, ...revoked.map((p) => ({ actorId, action: 'training.revoke_certificate', targetType: 'training_certificate', targetId: `${c._id}:${p.userId}`, before: { revoked: false }, after: { revoked: true }, reason: reason || '出勤撤销，未达到结业要求' })))
  await notify(revoked, { template: 'review', page: `${RECORDS_PAGE}?course=${c._id}`, values: { thing1: `${c.title}结业证书`, phrase2: '已撤销', thing3: '出勤登记更正后未达到结业要求' } }, now)
  return revoked.length
}

// ---- sign-up helpers -----------------------------------------------------------------

/** A session with its course, the caller's sign-up and the `extra` lookups, in one request; null when no such session. */
async function sessionWith<T extends object>(sessionId: string, extra: (pipeline: Aggregate) => Aggregate): Promise<(Session & { course: Course[] } & T) | null> {
  const joined = sessions().aggregate().match({ _id: sessionId }).lookup({ from: COLLECTIONS.trainingCourses, localField: 'courseId', foreignField: '_id', as: 'course' })
  const { list } = await extra(joined).end<Session & { course: Course[] } & T>()
  return list[0] ?? null
}

function split<T extends object>(joined: Session & { course: Course[] } & T): { s: Session; c: Course } {
  const c = joined.course[0]
  if (!c) throw notFound('课程不存在')
  const { course: _c, ...rest } = joined
  const s = {} as Session
  for (const k of Object.keys(rest) as (keyof Session)[]) if (k in SESSION_KEYS) (s as unknown as Record<string, unknown>)[k] = rest[k]
  return { s, c }
}
const SESSION_KEYS: Record<keyof Session, true> = {
  _id: true, courseId: true, countyCode: true, title: true, date: true, startTime: true, endTime: true, startsAt: true, endsAt: true, minutes: true, venue: true, address: true, location: true,
  capacity: true, confirmedCount: true, waitlist: true, signupOpensAt: true, signupClosesAt: true, materials: true, checkOut: true, status: true, createdAt: true, updatedAt: true,
}

/** Tells the promoted their seat and logs the system's step (with `also`, the call's own entry). */
async function tellPromoted(ids: string[], s: Session, c: Course, now: Date, known: Signup[] = [], also: AuditEntry[] = []): Promise<void> {
  const promotions = ids.map((id) => ({ actorId: 'system', action: 'training.promote', targetType: 'training_signup', targetId: id, before: { status: 'waiting' }, after: { status: 'confirmed' }, reason: '有人取消报名或名额增加，候补递补' }))
  await audit(now, ...also, ...promotions)
  if (ids.length === 0) return
  const unknown = ids.filter((id) => !known.some((k) => k._id === id))
  const read = unknown.length > 0 ? await readAll(signups().where({ _id: _.in(unknown) }).field({ openid: true, userId: true })) : []
  const people = [...known.filter((k) => ids.includes(k._id)), ...read]
  await notify(people, { template: 'review', page: `${COURSE_PAGE}?id=${c._id}`, values: { thing1: c.title, phrase2: '候补成功', thing3: `${s.date} ${s.startTime} ${s.venue}` } }, now)
}

// ---- the function --------------------------------------------------------------------

export const main = defineFunction(
  'training',
  training,
  {
    // Reports (issue 22 item 5): ./report.ts.
    ...reportHandlers,
    async list(input, ctx) {
      const user = await ctx.user()
      const reach = reachOf(user)
      let criteria: Record<string, unknown> | null
      if (input.manage) {
        if (!reach) throw forbidden('只有团委管理员可以管理课程')
        criteria = reach === 'city' ? {} : { countyCode: _.in([...reach]) }
      } else {
        const audience = user ? audienceFilter(await approvedRegs(user._id)) : null
        // Admins see every published course; people those meant for them; the unregistered the city's open ones.
        criteria = reach ? { status: 'published' } : audience ? { status: 'published', ...audience } : { status: 'published', countyCode: '' }
      }
      if (input.kind) criteria = { ...criteria, kind: input.kind }
      const [{ total }, { list }] = await Promise.all([
        courses().where(criteria).count(),
        withCourseParts(
          courses()
            .aggregate()
            .match(criteria)
            .sort({ createdAt: -1, _id: 1 })
            .skip((input.page - 1) * input.pageSize)
            .limit(input.pageSize),
          user?._id ?? null,
        ).end<CourseJoined>(),
      ])
      return { items: list.map((c) => viewOfJoined(c, reach)), total }
    },

    async get(input, ctx) {
      const user = await ctx.user()
      const reach = reachOf(user)
      const { list } = await withCourseParts(courses().aggregate().match({ _id: input.id }), user?._id ?? null)
        .lookup({ from: COLLECTIONS.trainingSessions, localField: '_id', foreignField: 'courseId', as: 'sessions' })
        .end<CourseJoined & { sessions: Session[] }>()
      const found = list[0]
      if (!found || (found.status === 'draft' && !manages(reach, found.countyCode))) throw notFound('课程不存在')
      const ordered = [...found.sessions].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime() || (a._id < b._id ? -1 : 1))
      const mine = user && ordered.length > 0 ? await readAll(signups().where({ _id: _.in(ordered.map((s) => `${s._id}:${user._id}`)) })) : []
      const { sessions: _s, ...course } = found
      return { course: viewOfJoined(course, reach), sessions: ordered.map((s) => sessionView(s, ctx.now, mine.find((m) => m.sessionId === s._id))) }
    },

    async save(input, ctx) {
      const user = (await ctx.user())!
      const reach = reachOf(user)
      if (!manages(reach, input.countyCode)) throw forbidden(input.countyCode ? '只能为本县（市、区）建课程' : '县（市、区）团委请选择本县建课程')
      const parts = input.kind === 'online' ? input.parts.map((p) => ({ id: p.id ?? `p${crypto.randomBytes(3).toString('hex')}`, title: p.title, minutes: p.minutes, link: p.link })) : []
      const fields = {
        title: input.title,
        kind: input.kind,
        audience: input.audience,
        department: input.department,
        countyCode: input.countyCode,
        description: input.description,
        requiredSessions: input.requiredSessions,
        parts,
        updatedAt: ctx.now,
      }
      let doc: Course
      if (input.id) {
        const existing = await managedCourse(input.id, ctx)
        takeStep(trainingCourseMachine, { action: 'training.save', from: existing.status, roles: leagueRoles(reach) }, () => conflict('课程已取消，不能修改'))
        if (existing.countyCode !== input.countyCode && !manages(reach, existing.countyCode)) throw forbidden()
        const { total } = await sessions().where({ courseId: existing._id }).count()
        if (total > 0 && existing.countyCode !== input.countyCode) throw invalid('countyCode', '已有场次的课程不能改变所属县（市、区）')
        await courses().doc(existing._id).update({ data: fields })
        doc = { ...existing, ...fields }
        await audit(ctx.now, { actorId: user._id, action: 'training.update_course', targetType: 'training_course', targetId: doc._id, before: { title: existing.title, requiredSessions: existing.requiredSessions }, after: { title: doc.title, requiredSessions: doc.requiredSessions }, reason: '修改课程' })
      } else {
        doc = { _id: `C${crypto.randomBytes(6).toString('hex')}`, ...fields, status: 'draft', createdBy: user._id, createdAt: ctx.now }
        await courses().add({ data: doc })
      }
      const { list } = await withCourseParts(courses().aggregate().match({ _id: doc._id }), user._id).end<CourseJoined>()
      return viewOfJoined(list[0], reach)
    },

    async saveSession(input, ctx) {
      const c = await managedCourse(input.courseId, ctx)
      const user = (await ctx.user())!
      if (c.status === 'cancelled') throw conflict('课程已取消，不能再安排场次')
      if (c.kind === 'online') throw conflict('线上课程按课时学习，没有现场场次')
      const startsAt = at(`${input.date} ${input.startTime}`)
      const endsAt = at(`${input.date} ${input.endTime}`)
      const fields = {
        title: input.title,
        date: input.date,
        startTime: input.startTime,
        endTime: input.endTime,
        startsAt,
        endsAt,
        minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000),
        venue: input.venue,
        address: input.address,
        location: input.location,
        capacity: input.capacity,
        signupOpensAt: at(input.signupOpensAt),
        signupClosesAt: at(input.signupClosesAt),
        materials: input.materials,
        checkOut: input.checkOut,
        updatedAt: ctx.now,
      }
      let doc: Session
      if (input.id) {
        const { data: existing } = await sessions().doc(input.id).get()
        if (!existing || existing.courseId !== c._id) throw notFound('场次不存在')
        if (ctx.now >= existing.endsAt) throw conflict('场次已结束，不能修改')
        // Fewer seats than are taken would un-confirm people: refused, atomically.
        const changed = await saveWithinCapacity(existing._id, input.capacity, fields)
        doc = { ...existing, ...fields }
        // The same save sent twice in one millisecond: its twin wrote these values, logged and moved the list.
        if (changed) {
          await audit(ctx.now, { actorId: user._id, action: 'training.update_session', targetType: 'training_session', targetId: existing._id, before: { capacity: existing.capacity, date: existing.date }, after: { capacity: input.capacity, date: input.date }, reason: '修改场次' })
          // More seats: the waiting list moves up.
          const { promoted } = await seats.fillFromWaitlist(existing._id, ctx.now)
          await tellPromoted(promoted, doc, c, ctx.now)
        }
        doc = (await sessions().doc(existing._id).get()).data ?? doc
      } else {
        doc = { _id: `S${crypto.randomBytes(6).toString('hex')}`, courseId: c._id, countyCode: c.countyCode, ...fields, confirmedCount: 0, waitlist: [], status: c.status, createdAt: ctx.now }
        await sessions().add({ data: doc })
      }
      return sessionView(doc, ctx.now, undefined)
    },

    async setStatus(input, ctx) {
      const c = await managedCourse(input.id, ctx)
      const user = (await ctx.user())!
      const reach = reachOf(user)
      takeStep(trainingCourseMachine, { action: 'training.setStatus', variant: input.status, from: c.status, roles: leagueRoles(reach) }, () =>
        conflict(c.status === 'cancelled' ? (input.status === 'published' ? '课程已取消，不能再发布' : '课程已取消') : '课程已发布'),
      )
      if (input.status === 'published') {
        if (c.kind !== 'online') {
          const { total } = await sessions().where({ courseId: c._id }).count()
          if (total === 0) throw conflict('请先安排至少 1 个场次再发布')
        }
      } else if (input.reason.length < 2) {
        throw invalid('reason', '取消课程请填写理由（至少 2 个字）')
      }
      const { stats } = await courses().where({ _id: c._id, status: c.status }).update({ data: { status: input.status, updatedAt: ctx.now } })
      if (stats.updated !== 1) throw conflict('课程状态刚刚变化，请刷新后再试')
      await sessions().where({ courseId: c._id }).update({ data: { status: input.status, updatedAt: ctx.now } })
      await audit(ctx.now, { actorId: user._id, action: input.status === 'published' ? 'training.publish' : 'training.cancel_course', targetType: 'training_course', targetId: c._id, before: { status: c.status }, after: { status: input.status }, reason: input.reason || (input.status === 'published' ? '发布课程' : '取消课程') })
      if (input.status === 'cancelled') {
        const held = await readAll(signups().where({ courseId: c._id, status: _.in(['confirmed', 'waiting']) }).field({ userId: true, openid: true }))
        await notify(held, { template: 'review', page: `${COURSE_PAGE}?id=${c._id}`, values: { thing1: c.title, phrase2: '课程取消', thing3: input.reason } }, ctx.now)
      }
      const { list } = await withCourseParts(courses().aggregate().match({ _id: c._id }), user._id).end<CourseJoined>()
      return viewOfJoined(list[0], reach)
    },

    async signUp(input, ctx) {
      const user = (await ctx.user())!
      const id = `${input.sessionId}:${user._id}`
      // One read: the session, its course, this person's earlier sign-up and their approved registrations.
      const joined = await sessionWith<{ signups: Signup[]; registrations: RegistrationDoc[] }>(input.sessionId, (p) =>
        p
          .lookup({ from: COLLECTIONS.trainingSignups, pipeline: ($.pipeline().match({ _id: id }) as LookupPipeline).done(), as: 'signups' })
          .lookup({ from: COLLECTIONS.registrations, pipeline: ($.pipeline().match({ userId: user._id, status: 'approved' }).limit(2) as LookupPipeline).done(), as: 'registrations' }),
      )
      if (!joined || joined.status === 'draft') throw notFound('场次不存在')
      const { s, c } = split(joined)
      if (s.status !== 'published' || c.status !== 'published') throw conflict('课程未发布或已取消')
      if (ctx.now < s.signupOpensAt) throw conflict(`报名 ${shanghaiDateTime(s.signupOpensAt)} 开始`)
      if (ctx.now >= s.signupClosesAt) throw conflict(`报名已于 ${shanghaiDateTime(s.signupClosesAt)} 截止`)
      const reg = learnerOf(joined.registrations, c)
      const existing = joined.signups[0]
      if (existing) takeStep(trainingSignupMachine, { action: 'training.signUp', from: stateOf(existing), roles: ['owner'] }, () => conflict(SIGNUP_STATE_TEXT[stateOf(existing)]))
      const record: Signup = {
        _id: id,
        sessionId: s._id,
        courseId: c._id,
        userId: user._id,
        openid: ctx.openid,
        status: 'pending',
        name: reg.name,
        kind: reg.kind,
        townshipName: reg.townshipName,
        mobileMasked: maskMobile(reg.mobile),
        mobileTail: reg.mobile.slice(-4),
        checkedInAt: null,
        checkInWindow: 0,
        checkedOutAt: null,
        checkInMethod: null,
        attended: false,
        minutes: 0,
        markedBy: '',
        promotedAt: null,
        cancelledAt: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      // New, or again after cancelling (only from cancelled, once; the new place is at the end).
      await seats.enter(record, !!existing)
      const seat = await seats.takeSeat(s._id, id, ctx.now)
      let mine: Signup
      let now: Partial<SeatsOf<Session>>
      if (seat.seated) {
        mine = { ...record, status: 'confirmed' }
        now = { confirmedCount: s.confirmedCount + 1, waitlist: [] }
      } else {
        await tellPromoted(seat.promoted, s, c, ctx.now)
        now = seat.seats ?? {}
        mine = seat.promoted.includes(id) ? { ...record, status: 'confirmed', promotedAt: ctx.now } : { ...record, status: 'waiting' }
      }
      const after = { ...s, ...now }
      const rank = waitingRank(mine, after)
      // Promoted at once by the fill just above: that notice already told them.
      if (!seat.seated && mine.status === 'confirmed') return { session: sessionView(after, ctx.now, mine) }
      await notify({ userId: user._id, openid: ctx.openid }, { template: 'review', page: `${COURSE_PAGE}?id=${c._id}`, values: { thing1: c.title, phrase2: mine.status === 'confirmed' ? '报名成功' : '候补中', thing3: mine.status === 'confirmed' ? `${s.date} ${s.startTime} ${s.venue}` : `候补第 ${rank || 1} 位，有人取消时自动递补` } }, ctx.now)
      return { session: sessionView(after, ctx.now, mine) }
    },

    async cancel(input, ctx) {
      const user = (await ctx.user())!
      const id = `${input.sessionId}:${user._id}`
      // One read: the session, its course, this person's sign-up and the head of the waiting list (who may take the seat).
      const joined = await sessionWith<{ signups: Signup[]; head: Signup[] }>(input.sessionId, (p) =>
        p
          .lookup({ from: COLLECTIONS.trainingSignups, pipeline: ($.pipeline().match({ _id: id }) as LookupPipeline).done(), as: 'signups' })
          .addFields({ first: $.arrayElemAt(['$waitlist', 0]) })
          .lookup({ from: COLLECTIONS.trainingSignups, localField: 'first', foreignField: '_id', as: 'head' }),
      )
      if (!joined) throw notFound('场次不存在')
      const { s, c } = split(joined)
      const mine = joined.signups[0]
      if (!mine || mine.status === 'cancelled') throw notFound('你没有报名这一场')
      if (mine.status === 'pending') throw conflict('报名正在处理，请稍后刷新')
      takeStep(trainingSignupMachine, { action: 'training.cancel', from: stateOf(mine), roles: ['owner'] }, () => conflict(`${SIGNUP_STATE_TEXT[stateOf(mine)]}，不能再取消报名`))
      if (ctx.now >= s.startsAt) throw conflict('培训已开始，不能取消报名')
      const { stats } = await signups().where({ _id: id, status: mine.status, checkedInAt: null }).update({ data: { status: 'cancelled', cancelledAt: ctx.now, updatedAt: ctx.now } })
      if (stats.updated !== 1) throw conflict('报名状态刚刚变化，请刷新后再试')
      const cancelled = { actorId: user._id, action: 'training.cancel_signup', targetType: 'training_signup', targetId: id, before: { status: mine.status }, after: { status: 'cancelled' }, reason: input.reason || '学员取消' }
      const released = mine.status === 'confirmed' ? await seats.releaseSeat(s, joined.head, ctx.now) : await seats.leaveWaitlist(s, id, ctx.now)
      await tellPromoted(released.promoted, s, c, ctx.now, released.known, [cancelled])
      return { session: sessionView({ ...s, ...released.seats }, ctx.now, undefined) }
    },

    async mine(input, ctx) {
      const user = (await ctx.user())!
      const criteria = { userId: user._id, status: _.in(['confirmed', 'waiting']) }
      const { list, total } = await ownSignupPage<Signup, Signup & { session: Session[]; course: Course[] }>(signups, criteria, input, (page) =>
        page
          .lookup({ from: COLLECTIONS.trainingSessions, localField: 'sessionId', foreignField: '_id', as: 'session' })
          .lookup({ from: COLLECTIONS.trainingCourses, localField: 'courseId', foreignField: '_id', as: 'course' }),
      )
      const items = list
        .filter((x) => x.session[0] && x.course[0])
        .map(({ session, course, ...mine }) => ({ ...sessionView(session[0], ctx.now, mine as Signup), courseTitle: course[0].title, kind: course[0].kind }))
      return { items, total }
    },

    async doorCode(input, ctx) {
      const { data: s } = await sessions().doc(input.sessionId).get()
      if (!s) throw notFound('场次不存在')
      await managedCourse(s.courseId, ctx)
      if (s.status !== 'published') throw conflict('课程未发布或已取消')
      if (ctx.now.getTime() < s.startsAt.getTime() - CHECK_IN_EARLY_MS || ctx.now.getTime() > s.endsAt.getTime() + DOOR_LATE_MS) throw conflict(`签到码在开课前 1 小时至结束后 2 小时内可用（${s.date} ${s.startTime}–${s.endTime}）`)
      const nowS = Math.floor(ctx.now.getTime() / 1000)
      const windowStart = Math.floor(nowS / KIOSK_WINDOW_SECONDS) * KIOSK_WINDOW_SECONDS
      return {
        code: kioskCode(s._id, windowStart, config.tokenKey()),
        expiresAt: new Date((windowStart + 2 * KIOSK_WINDOW_SECONDS) * 1000).toISOString(),
        refreshInSeconds: windowStart + KIOSK_WINDOW_SECONDS - nowS,
        title: s.title,
      }
    },

    async checkIn(input, ctx) {
      const user = (await ctx.user())!
      const [, sessionId, window36] = input.code.split('.')
      const problem = kioskProblem(input.code, sessionId, ctx.now, config.tokenKey())
      if (problem) throw invalid('code', problem.includes('过期') ? '签到码已过期，请扫描现场最新的签到码' : '签到码无效，请扫描培训现场显示的签到码')
      const window = parseInt(window36, 36)
      const id = `${sessionId}:${user._id}`
      // One read: the session, its course, this person's sign-up and their sessions of the course already attended.
      const joined = await sessionWith<{ signups: Signup[]; done: Signup[] }>(sessionId, (p) =>
        p
          .lookup({ from: COLLECTIONS.trainingSignups, pipeline: ($.pipeline().match({ _id: id }) as LookupPipeline).done(), as: 'signups' })
          .lookup({
            from: COLLECTIONS.trainingSignups,
            let: { course: '$courseId' },
            pipeline: ($.pipeline().match({ userId: user._id, attended: true }).match(_.expr($.eq(['$courseId', '$$course']))).project({ sessionId: 1 }) as LookupPipeline).done(),
            as: 'done',
          }),
      )
      if (!joined) throw notFound('场次不存在')
      const { s, c } = split(joined)
      const mine = joined.signups[0]
      if (!mine || mine.status === 'cancelled') throw forbidden('你没有报名这一场培训')
      if (mine.status !== 'confirmed') throw conflict('候补中：递补成功后才能签到')
      if (s.status !== 'published') throw conflict('课程已取消')
      const from = stateOf(mine)
      takeStep(trainingSignupMachine, { action: 'training.checkIn', variant: input.direction, from, roles: ['owner'] }, () =>
        conflict(
          input.direction === 'in'
            ? mine.checkedInAt
              ? `已于 ${shanghaiDateTime(mine.checkedInAt)} 签到`
              : '已登记出勤，不需要再签到'
            : !s.checkOut
              ? '这一场不需要签退'
              : from === 'confirmed'
                ? '请先签到'
                : mine.checkedOutAt
                  ? `已于 ${shanghaiDateTime(mine.checkedOutAt)} 签退`
                  : '已登记出勤，不需要再签退',
        ),
      )
      const t = ctx.now.getTime()
      const reply = (direction: 'in' | 'out', attended: boolean, completed: boolean) => ({ courseTitle: c.title, sessionTitle: s.title, at: ctx.now.toISOString(), direction, attended, completed })
      let attendedNow = false
      if (input.direction === 'in') {
        if (t < s.startsAt.getTime() - CHECK_IN_EARLY_MS) throw conflict(`签到 ${shanghaiDateTime(new Date(s.startsAt.getTime() - CHECK_IN_EARLY_MS))} 开始`)
        if (t > s.endsAt.getTime()) throw conflict('培训已结束，不能签到')
        if (mine.checkedInAt) throw conflict(`已于 ${shanghaiDateTime(mine.checkedInAt)} 签到`)
        attendedNow = !s.checkOut
        const change = { checkedInAt: ctx.now, checkInWindow: window, checkInMethod: 'code', attended: attendedNow, minutes: attendedNow ? s.minutes : 0, updatedAt: ctx.now }
        const { stats } = await signups().where({ _id: id, status: 'confirmed', checkedInAt: null }).update({ data: change })
        if (stats.updated !== 1) throw conflict('已签到，不能重复签到')
      } else {
        if (!s.checkOut) throw conflict('这一场不需要签退')
        if (!mine.checkedInAt) throw conflict('请先签到')
        if (mine.checkedOutAt) throw conflict(`已于 ${shanghaiDateTime(mine.checkedOutAt)} 签退`)
        if (t < s.endsAt.getTime() - CHECK_OUT_EARLY_MS) throw conflict(`签退 ${shanghaiDateTime(new Date(s.endsAt.getTime() - CHECK_OUT_EARLY_MS))} 开始`)
        if (t > s.endsAt.getTime() + DOOR_LATE_MS) throw conflict('签退时间已过，请联系工作人员按名单登记')
        if (window <= mine.checkInWindow) throw invalid('code', '请扫描现场最新的签到码签退')
        const { stats } = await signups().where({ _id: id, status: 'confirmed', attended: false, checkedOutAt: null, checkInWindow: _.lt(window) }).update({ data: { checkedOutAt: ctx.now, attended: true, minutes: s.minutes, updatedAt: ctx.now } })
        if (stats.updated !== 1) throw conflict('已签退，不能重复签退')
        attendedNow = !mine.attended
      }
      let completed = false
      if (attendedNow && c.kind !== 'online' && joined.done.length + 1 >= c.requiredSessions) {
        completed = (await certifyAttended(c, [{ userId: user._id, openid: ctx.openid, name: mine.name }], ctx.now)) > 0
      }
      return reply(input.direction, attendedNow || mine.attended, completed)
    },

    async markAttendance(input, ctx) {
      const { data: s } = await sessions().doc(input.sessionId).get()
      if (!s) throw notFound('场次不存在')
      const c = await managedCourse(s.courseId, ctx)
      const user = (await ctx.user())!
      if (s.status !== 'published') throw conflict('课程未发布或已取消')
      if (ctx.now < s.startsAt) throw conflict('培训开始后才能登记出勤')
      const ids = [...new Set(input.signupIds)]
      const found = await readAll(signups().where({ _id: _.in(ids), sessionId: s._id }))
      if (found.length !== ids.length) throw invalid('signupIds', '所选学员不在这一场的名单中')
      const wrong = found.find((x) => x.status !== 'confirmed')
      if (wrong) throw conflict(`${maskName(wrong.name)} 不是报名成功的学员（${wrong.status === 'waiting' ? '候补中' : '已取消'}）`)
      // Those whose state the marking moves (types/machines.ts): present from a seat or a check-in, absent from attended.
      const leaves = statesLeftBy(trainingSignupMachine, 'training.markAttendance', input.present ? 'present' : 'absent')
      const changing = found.filter((x) => leaves.includes(stateOf(x)))
      if (changing.length === 0) return { changed: 0, completed: 0, revoked: 0 }
      const targets = changing.map((x) => x._id)
      const change = input.present ? { attended: true, minutes: s.minutes, markedBy: user._id, updatedAt: ctx.now } : { attended: false, minutes: 0, markedBy: user._id, updatedAt: ctx.now }
      const { stats } = await signups().where({ _id: _.in(targets), status: 'confirmed', attended: !input.present }).update({ data: change })
      if (input.present) {
        await signups().where({ _id: _.in(targets), checkedInAt: null }).update({ data: { checkedInAt: ctx.now, checkInMethod: 'list' } })
      }
      await audit(
        ctx.now,
        ...changing.map((x) => ({ actorId: user._id, action: input.present ? 'training.mark_present' : 'training.mark_absent', targetType: 'training_signup', targetId: x._id, before: { attended: x.attended }, after: { attended: input.present }, reason: input.reason || '按名单登记出勤' })),
      )
      // Each person marked is told (消息; the subscribe message only with their consent).
      await notify(changing, { template: 'review', page: `${COURSE_PAGE}?id=${c._id}`, values: { thing1: `${c.title} ${s.title}`, phrase2: input.present ? '已登记出勤' : '出勤已撤销', thing3: input.present ? `${hoursOf(s.minutes)} 学时计入学习记录` : input.reason || '工作人员更正了出勤登记' } }, ctx.now)
      const people = changing.map((x) => ({ userId: x.userId, openid: x.openid, name: x.name }))
      // Completion follows attendance both ways: marked present it may come, marked absent it may go.
      const completed = input.present ? await certifyAttended(c, people, ctx.now) : 0
      const revoked = input.present ? 0 : await revokeShortfall(c, people, user._id, input.reason, ctx.now)
      return { changed: stats.updated, completed, revoked }
    },

    async roster(input, ctx) {
      const { data: s } = await sessions().doc(input.sessionId).get()
      if (!s) throw notFound('场次不存在')
      await managedCourse(s.courseId, ctx)
      const criteria: Record<string, unknown> = { sessionId: s._id, status: input.status ?? _.in(['confirmed', 'waiting']) }
      const kw = input.keyword ?? ''
      if (/^\d{4}$/.test(kw)) criteria.mobileTail = kw
      else if (kw) criteria.name = db.RegExp({ regexp: kw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: '' })
      const [{ total, data }, { total: attended }] = await Promise.all([
        pageWithTotal(
          signups().where(criteria),
          [
            ['createdAt', 'asc'],
            ['_id', 'asc'],
          ],
          input,
        ),
        signups().where({ sessionId: s._id, status: 'confirmed', attended: true }).count(),
      ])
      const items: RosterItem[] = data.map((x) => ({
        id: x._id,
        name: x.name,
        kind: x.kind,
        townshipName: x.townshipName,
        mobileMasked: x.mobileMasked,
        status: x.status === 'pending' ? 'waiting' : x.status,
        waitingRank: waitingRank(x, s),
        checkedInAt: iso(x.checkedInAt),
        checkedOutAt: iso(x.checkedOutAt),
        checkInMethod: x.checkInMethod,
        attended: x.attended,
      }))
      return { items, total, attended }
    },

    async completePart(input, ctx) {
      const user = (await ctx.user())!
      const { data: c } = await courses().doc(input.courseId).get()
      if (!c || c.status === 'draft') throw notFound('课程不存在')
      if (c.status !== 'published') throw conflict('课程已取消')
      const part = c.parts.find((p) => p.id === input.partId)
      if (!part) throw invalid('partId', '这门课程没有这个课时')
      const reg = learnerOf(await approvedRegs(user._id), c)
      const id = `${c._id}:${user._id}`
      const { stats } = await progress().where({ _id: id }).update({ data: { parts: _.addToSet(part.id), updatedAt: ctx.now } })
      if (stats.updated !== 1) {
        try {
          await progress().add({ data: { _id: id, courseId: c._id, userId: user._id, parts: [part.id], updatedAt: ctx.now } })
        } catch (err) {
          if (!isDuplicateKey(err)) throw err
          await progress().doc(id).update({ data: { parts: _.addToSet(part.id), updatedAt: ctx.now } })
        }
      }
      const { data: now } = await progress().doc(id).get()
      const done = now?.parts ?? [part.id]
      let certificateCode = ''
      if (c.parts.every((p) => done.includes(p.id))) {
        await certify(c, { userId: user._id, openid: ctx.openid, name: reg.name }, { sessions: [], minutes: c.parts.reduce((n, p) => n + p.minutes, 0) }, ctx.now)
        certificateCode = (await certificates().doc(id).get()).data?.code ?? ''
      }
      // An online course has no sessions.
      return { course: courseView(c, { list: [], done, certificateCode, canManage: manages(reachOf(user), c.countyCode) }) }
    },

    async records(_input, ctx) {
      const user = (await ctx.user())!
      const [attended, prog, certs] = await Promise.all([
        signups()
          .aggregate()
          .match({ userId: user._id, status: 'confirmed', attended: true })
          .group({ _id: '$courseId', sessions: $.sum(1), minutes: $.sum('$minutes') })
          .limit(1000)
          .end<{ _id: string; sessions: number; minutes: number }>(),
        readAll(progress().where({ userId: user._id })),
        readAll(certificates().where({ userId: user._id, revokedAt: null }).field({ courseId: true, code: true })),
      ])
      const ids = [...new Set([...attended.list.map((a) => a._id), ...prog.map((p) => p.courseId)])]
      const list = ids.length > 0 ? await readAll(courses().where({ _id: _.in(ids) })) : []
      const items: RecordItem[] = list
        .map((c) => {
          const a = attended.list.find((x) => x._id === c._id)
          const done = prog.find((p) => p.courseId === c._id)?.parts.filter((id) => c.parts.some((p) => p.id === id)) ?? []
          const minutes = (a?.minutes ?? 0) + c.parts.filter((p) => done.includes(p.id)).reduce((n, p) => n + p.minutes, 0)
          const code = certs.find((x) => x.courseId === c._id)?.code ?? ''
          return {
            courseId: c._id,
            title: c.title,
            kind: c.kind,
            attendedSessions: a?.sessions ?? 0,
            requiredSessions: c.kind === 'online' ? 0 : c.requiredSessions,
            partsDone: done.length,
            partsTotal: c.parts.length,
            hours: hoursOf(minutes),
            completed: !!code,
            certificateCode: code,
          }
        })
        .sort((x, y) => Number(y.completed) - Number(x.completed) || (x.courseId < y.courseId ? -1 : 1))
      const totalMinutes = attended.list.reduce((n, a) => n + a.minutes, 0) + list.reduce((n, c) => n + c.parts.filter((p) => prog.find((x) => x.courseId === c._id)?.parts.includes(p.id)).reduce((m, p) => m + p.minutes, 0), 0)
      return { items, hours: hoursOf(totalMinutes), completed: items.filter((i) => i.completed).length }
    },

    async certificate(input, ctx) {
      const user = (await ctx.user())!
      const { data } = await certificates().doc(`${input.courseId}:${user._id}`).get()
      if (!data) throw conflict('尚未结业：完成课程后自动生成证书')
      if (data.revokedAt) throw conflict(`证书已于 ${shanghaiDateTime(data.revokedAt)} 撤销：出勤登记更正后未达到结业要求`)
      return certificateView(data)
    },

    async verify(input) {
      const { data } = await certificates().where({ code: input.code }).limit(1).get()
      if (!data[0]) throw notFound('没有找到这份证书，请核对核验码')
      return certificateView(data[0])
    },
  },
  { remindTomorrow },
)

function certificateView(c: TrainingCertificateDoc): TrainingCertificateView {
  return { code: c.code, name: c.name, courseTitle: c.courseTitle, kind: c.kind, department: c.department, hours: c.hours, sessions: c.sessions, completedAt: iso(c.completedAt), revokedAt: iso(c.revokedAt) }
}

/**
 * Daily, in the evening: everyone with a seat at a session tomorrow (Shanghai) is reminded of the
 * time and place, once per sign-up however often this runs.
 */
async function remindTomorrow(now: Date): Promise<Record<string, unknown>> {
  const tomorrow = shanghaiDaysAhead(now, 1)
  const list = await readAll(sessions().where({ date: tomorrow, status: 'published' }))
  let reminded = 0
  for (const s of list) {
    const { data: c } = await courses().doc(s.courseId).get()
    if (!c) continue
    const seated = await readAll(signups().where({ sessionId: s._id, status: 'confirmed' }).field({ openid: true, userId: true }))
    const fresh: Recipient[] = []
    for (const p of seated) if (await claimReminder(`training-eve:${p._id}`, now)) fresh.push({ userId: p.userId, openid: p.openid })
    await notify(fresh, { template: 'reminder', page: `${COURSE_PAGE}?id=${c._id}`, values: { thing1: c.title, date2: wechatTime(s.date, s.startTime), thing3: `${s.venue}，${TRAINING_KIND_LABELS[c.kind]}，扫码签到` } }, now)
    reminded += fresh.length
  }
  return { sessions: list.length, reminded }
}
