// The trainings' and contests' figures for a place and a period (types/training-report.ts), shared
// by the training and contest reports and the dashboard's card. Each figure group is one
// aggregation on the database, the period and the same days a year earlier grouped apart in it.
// A learner counts where their approved registration places them (its township and county).
import type { DashboardLevel } from '../../types/dashboard'
import { dayjs, shanghaiDayStart } from '../../types/time'
import { TRAINING_KINDS, type TrainingKind } from '../../types/vocabulary'
import { COLLECTIONS, type ContestDoc, type TrainingCertificateDoc, type TrainingProgressDoc, type TrainingSessionDoc } from './collections'
import { _, $, db } from './cloud'
import type { CallContext } from './context'
import type { Aggregate, LookupPipeline } from './db-types'
import { CITY, countyName, townshipOf } from './divisions'
import { forbidden, invalid } from './errors'
import { AGGREGATE_CAP, aggregateAll, readAll } from './paging'

/** The place a report covers, once the caller may see it. */
export interface ReportPlace {
  level: DashboardLevel
  code: string
  name: string
  countyCode: string
  townshipCode: string
}

/** The period and the same days a year earlier (29 February becomes the 28th). */
export interface ReportSpans {
  from: string
  to: string
  lastFrom: string
  lastTo: string
}

const YMD = 'YYYY-MM-DD'
export const spansOf = (period: { from: string; to: string }): ReportSpans => ({
  ...period,
  lastFrom: dayjs(period.from).subtract(1, 'year').format(YMD),
  lastTo: dayjs(period.to).subtract(1, 'year').format(YMD),
})

/** Refuses a place the caller does not manage (the city: city admins; a county: its admins; a township: its staff too). */
export async function reportPlace(ctx: CallContext, scope: { level: DashboardLevel; code?: string }): Promise<ReportPlace> {
  const reach = await ctx.townshipReach()
  if (scope.level === 'city') {
    if (reach !== 'city') throw forbidden('只有团市委可以查看全市的统计')
    return { level: 'city', code: CITY.code, name: CITY.name, countyCode: '', townshipCode: '' }
  }
  const code = scope.code ?? ''
  if (scope.level === 'county') {
    const name = countyName(code)
    if (!name) throw invalid('scope.code', '没有这个县（市、区）')
    if (reach !== 'city' && !reach.counties.has(code)) throw forbidden('只能查看本县（市、区）的统计')
    return { level: 'county', code, name, countyCode: code, townshipCode: '' }
  }
  const t = townshipOf(code)
  if (!t) throw invalid('scope.code', '没有这个镇街')
  if (reach !== 'city' && !reach.townships.has(code) && !reach.counties.has(t.countyCode)) throw forbidden('只能查看本镇街的统计')
  return { level: 'township', code, name: `${t.countyName}${t.townshipName}`, countyCode: t.countyCode, townshipCode: code }
}

const dayAfter = (ymd: string) => dayjs(ymd).add(1, 'day').format(YMD)
const daysIn = (from: string, to: string) => _.gte(from).and(_.lte(to))
const instantsIn = (from: string, to: string) => _.gte(shanghaiDayStart(from)).and(_.lt(shanghaiDayStart(dayAfter(to))))
/** 1: in the period, 2: the same days a year earlier (the two never share a day: a period is at most a year). */
const spanOfDay = (value: unknown, s: ReportSpans) => ({ $cond: [{ $gte: [value, s.from] }, 1, 2] })
const spanOfInstant = (value: unknown, s: ReportSpans) => ({ $cond: [{ $gte: [value, shanghaiDayStart(s.from)] }, 1, 2] })
const countIf = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } })

/** The learner's approved registration (of the kind they signed up as, when known), joined as `r`. */
function withLearnerPlace(pipeline: Aggregate, user: string, kind: string | null): Aggregate {
  const conditions = [$.eq(['$userId', '$$user']), $.eq(['$status', 'approved']), ...(kind ? [$.eq(['$kind', '$$kind'])] : [])]
  return pipeline.lookup({
    from: COLLECTIONS.registrations,
    let: kind ? { user, kind } : { user },
    pipeline: ($.pipeline().match(_.expr($.and(conditions))).project({ countyCode: 1, townshipCode: 1 }).limit(1) as LookupPipeline).done(),
    as: 'r',
  })
}

const placeFields = { county: { $ifNull: [{ $arrayElemAt: ['$r.countyCode', 0] }, ''] }, township: { $ifNull: [{ $arrayElemAt: ['$r.townshipCode', 0] }, ''] } }

/** The place's learners, once `county` and `township` are projected. */
function inPlace(place: ReportPlace): Record<string, unknown> {
  if (place.level === 'township') return { township: place.townshipCode }
  if (place.level === 'county') return { county: place.countyCode }
  return {}
}

// ---- attendance --------------------------------------------------------------------------------

/**
 * The seats taken (confirmed sign-ups) at the sessions `where` picks (served by the sessions' date
 * index), one row each with its session, the course joined as `course`, the sign-up as `signup`
 * and the learner's registration as `r`.
 */
function seatsTaken(where: object): Aggregate {
  const pipeline = db
    .collection<TrainingSessionDoc>(COLLECTIONS.trainingSessions)
    .aggregate()
    .match(where)
    .lookup({ from: COLLECTIONS.trainingCourses, localField: 'courseId', foreignField: '_id', as: 'course' })
    .lookup({
      from: COLLECTIONS.trainingSignups,
      let: { session: '$_id' },
      pipeline: ($.pipeline()
        .match(_.expr($.and([$.eq(['$sessionId', '$$session']), $.eq(['$status', 'confirmed'])])))
        .project({ userId: 1, kind: 1, attended: 1, minutes: 1 }) as LookupPipeline).done(),
      as: 'signup',
    })
    .unwind('$signup')
  return withLearnerPlace(pipeline, '$signup.userId', '$signup.kind')
}

/** Per kind: seats taken, attendances, minutes attended and different people. */
export interface KindFigures {
  signups: number
  personTimes: number
  minutes: number
  people: number
}
export interface AttendanceRow {
  span: 1 | 2
  county: string
  township: string
  /** Different people of the township with a seat at a session of the span. */
  people: number
  kinds: Record<TrainingKind, KindFigures>
}

/**
 * Seats taken (confirmed sign-ups) at published sessions held in the period and a year earlier,
 * and their attendances and minutes, of the place's learners: one aggregation from the sessions
 * (the date index), their course's kind and sign-ups joined, each learner's registration placing
 * them; grouped per person (their figures per kind) and then per township and span.
 */
export async function attendance(place: ReportPlace, s: ReportSpans): Promise<AttendanceRow[]> {
  const perKind = Object.fromEntries(
    TRAINING_KINDS.flatMap((k) => {
      const mine = { $eq: ['$kind', k] }
      return [
        [`s_${k}`, countIf(mine)],
        [`a_${k}`, countIf({ $and: [mine, '$attended'] })],
        [`m_${k}`, { $sum: { $cond: [{ $and: [mine, '$attended'] }, '$minutes', 0] } }],
      ]
    }),
  )
  const perTownship = Object.fromEntries(
    TRAINING_KINDS.flatMap((k) => [
      [`s_${k}`, { $sum: `$s_${k}` }],
      [`a_${k}`, { $sum: `$a_${k}` }],
      [`m_${k}`, { $sum: `$m_${k}` }],
      [`p_${k}`, countIf({ $gt: [`$s_${k}`, 0] })],
    ]),
  )
  const pipeline = seatsTaken(_.or([{ date: daysIn(s.from, s.to), status: 'published' }, { date: daysIn(s.lastFrom, s.lastTo), status: 'published' }]))
  const { list } = await pipeline
    .project({
      span: spanOfDay('$date', s),
      kind: { $arrayElemAt: ['$course.kind', 0] },
      user: '$signup.userId',
      attended: { $eq: ['$signup.attended', true] },
      minutes: { $ifNull: ['$signup.minutes', 0] },
      ...placeFields,
    })
    .match(inPlace(place))
    .group({ _id: { span: '$span', county: '$county', township: '$township', user: '$user' }, ...perKind })
    .group({ _id: { span: '$_id.span', county: '$_id.county', township: '$_id.township' }, people: { $sum: 1 }, ...perTownship })
    .limit(AGGREGATE_CAP)
    .end<{ _id: { span: 1 | 2; county: string; township: string }; people: number } & Record<string, number>>()
  return list.map((r) => ({
    span: r._id.span,
    county: r._id.county,
    township: r._id.township,
    people: r.people,
    kinds: Object.fromEntries(TRAINING_KINDS.map((k) => [k, { signups: r[`s_${k}`] ?? 0, personTimes: r[`a_${k}`] ?? 0, minutes: r[`m_${k}`] ?? 0, people: r[`p_${k}`] ?? 0 }])) as Record<TrainingKind, KindFigures>,
  }))
}

/** The sessions of the period with the place's learners at them (the export's list): one aggregation as `attendance`'s, per session. */
export async function attendanceBySession(place: ReportPlace, s: ReportSpans) {
  const pipeline = seatsTaken({ date: daysIn(s.from, s.to), status: 'published' })
  const { list } = await pipeline
    .project({ title: 1, date: 1, minutes: 1, courseTitle: { $arrayElemAt: ['$course.title', 0] }, kind: { $arrayElemAt: ['$course.kind', 0] }, attended: { $eq: ['$signup.attended', true] }, ...placeFields })
    .match(inPlace(place))
    .group({ _id: '$_id', title: { $first: '$title' }, date: { $first: '$date' }, minutes: { $first: '$minutes' }, courseTitle: { $first: '$courseTitle' }, kind: { $first: '$kind' }, signups: { $sum: 1 }, personTimes: countIf('$attended') })
    .limit(AGGREGATE_CAP)
    .end<{ _id: string; title: string; date: string; minutes: number; courseTitle: string; kind: TrainingKind; signups: number; personTimes: number }>()
  return list
    .map(({ _id, ...r }) => ({ sessionId: _id, ...r }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.sessionId.localeCompare(b.sessionId))
}

// ---- completion --------------------------------------------------------------------------------

export interface CompletionRow {
  span: 1 | 2
  county: string
  township: string
  kind: TrainingKind
  completions: number
}

/** Certificates standing of courses completed in the period and a year earlier by the place's learners (one aggregation over the completion index). */
export async function completions(place: ReportPlace, s: ReportSpans): Promise<CompletionRow[]> {
  let pipeline = db
    .collection<TrainingCertificateDoc>(COLLECTIONS.trainingCertificates)
    .aggregate()
    .match(_.or([{ completedAt: instantsIn(s.from, s.to), revokedAt: null }, { completedAt: instantsIn(s.lastFrom, s.lastTo), revokedAt: null }]))
  pipeline = withLearnerPlace(pipeline, '$userId', null)
  const { list } = await pipeline
    .project({ span: spanOfInstant('$completedAt', s), kind: 1, ...placeFields })
    .match(inPlace(place))
    .group({ _id: { span: '$span', county: '$county', township: '$township', kind: '$kind' }, completions: { $sum: 1 } })
    .limit(AGGREGATE_CAP)
    .end<{ _id: Omit<CompletionRow, 'completions'>; completions: number }>()
  return list.map((r) => ({ ...r._id, completions: r.completions }))
}

export interface OnlineRow {
  span: 1 | 2
  county: string
  township: string
  parts: number
  minutes: number
}

/**
 * Online parts completed (and their minutes) by the place's learners whose progress in a course
 * was last made in the period or a year earlier (a person's progress keeps no date per part): one
 * aggregation over the progress index, the course's parts joined for their minutes.
 */
export async function onlineParts(place: ReportPlace, s: ReportSpans): Promise<OnlineRow[]> {
  let pipeline = db
    .collection<TrainingProgressDoc>(COLLECTIONS.trainingProgress)
    .aggregate()
    .match(_.or([{ updatedAt: instantsIn(s.from, s.to) }, { updatedAt: instantsIn(s.lastFrom, s.lastTo) }]))
    .lookup({ from: COLLECTIONS.trainingCourses, localField: 'courseId', foreignField: '_id', as: 'course' })
  pipeline = withLearnerPlace(pipeline, '$userId', null)
  const coursePartsDone = {
    $filter: { input: { $ifNull: [{ $arrayElemAt: ['$course.parts', 0] }, []] }, as: 'p', cond: { $in: ['$$p.id', { $ifNull: ['$parts', []] }] } },
  }
  const { list } = await pipeline
    .project({ span: spanOfInstant('$updatedAt', s), done: coursePartsDone, ...placeFields })
    .match(inPlace(place))
    .group({ _id: { span: '$span', county: '$county', township: '$township' }, parts: { $sum: { $size: '$done' } }, minutes: { $sum: { $sum: '$done.minutes' } } })
    .limit(AGGREGATE_CAP)
    .end<{ _id: Omit<OnlineRow, 'parts' | 'minutes'>; parts: number; minutes: number }>()
  return list.map((r) => ({ ...r._id, parts: r.parts, minutes: r.minutes }))
}

// ---- contests ----------------------------------------------------------------------------------

/** Who holds a place's contests: the city's report covers every contest, a county's its own; a township holds none. */
export function contestHolder(place: ReportPlace): Record<string, unknown> | null {
  if (place.level === 'township') return null
  return place.level === 'county' ? { countyCode: place.countyCode } : {}
}

/** The contests (not drafts) the place holds created in the period (and a year earlier, with `lastYear`): criteria, or null for a township (it holds none). */
function contestsCreated(place: ReportPlace, s: ReportSpans, lastYear: boolean): unknown {
  const holder = contestHolder(place)
  if (!holder) return null
  const created = (from: string, to: string) => ({ ...holder, createdAt: instantsIn(from, to), status: _.neq('draft') })
  return lastYear ? _.or([created(s.from, s.to), created(s.lastFrom, s.lastTo)]) : created(s.from, s.to)
}

/** The contests (not drafts) created in the period (or a year earlier, with `lastYear`) the place holds, newest first. */
export async function contestsOf(place: ReportPlace, s: ReportSpans, lastYear = false): Promise<ContestDoc[]> {
  const where = contestsCreated(place, s, lastYear)
  if (!where) return []
  const list = await readAll(db.collection<ContestDoc>(COLLECTIONS.contests).where(where).orderBy('createdAt', 'desc'))
  return list
}

/**
 * Per span (1: created in the period, 2: a year earlier), the place's contests, their entries and
 * the entries awarded: one aggregation, the entries joined by the contest index. Null for a township.
 */
export async function contestTotals(place: ReportPlace, s: ReportSpans): Promise<{ span: 1 | 2; contests: number; entries: number; awarded: number }[] | null> {
  const where = contestsCreated(place, s, true)
  if (!where) return null
  const { list } = await db
    .collection<ContestDoc>(COLLECTIONS.contests)
    .aggregate()
    .match(where)
    .lookup({ from: COLLECTIONS.contestEntries, localField: '_id', foreignField: 'contestId', as: 'e' })
    .group({
      _id: spanOfInstant('$createdAt', s),
      contests: { $sum: 1 },
      entries: { $sum: { $size: '$e' } },
      awarded: { $sum: { $size: { $filter: { input: '$e', as: 'x', cond: { $gt: [{ $ifNull: ['$$x.award', ''] }, ''] } } } } },
    })
    .limit(AGGREGATE_CAP)
    .end<{ _id: 1 | 2; contests: number; entries: number; awarded: number }>()
  return list.map(({ _id, ...r }) => ({ span: _id, ...r }))
}

export interface EntryFigures {
  contestId: string
  mode: 'individual' | 'team'
  award: string
  entries: number
  people: number
  submitted: number
  judged: number
}

/** Entries of the contests by contest, mode and award: entries, people entered, submitted, judged (a result published). One aggregation over the contest index. */
export async function contestEntries(contestIds: string[]): Promise<EntryFigures[]> {
  if (contestIds.length === 0) return []
  const { list } = await db
    .collection(COLLECTIONS.contestEntries)
    .aggregate()
    .match({ contestId: _.in(contestIds) })
    .group({
      _id: { contestId: '$contestId', mode: '$mode', award: { $ifNull: ['$award', ''] } },
      entries: { $sum: 1 },
      people: { $sum: { $size: { $ifNull: ['$memberIds', []] } } },
      submitted: countIf({ $ne: [{ $ifNull: ['$submittedAt', null] }, null] }),
      judged: countIf({ $gt: [{ $size: { $ifNull: ['$results', []] } }, 0] }),
    })
    .limit(AGGREGATE_CAP)
    .end<{ _id: Pick<EntryFigures, 'contestId' | 'mode' | 'award'> } & Omit<EntryFigures, 'contestId' | 'mode' | 'award'>>()
  return list.map(({ _id, ...r }) => ({ ..._id, ...r }))
}

// ---- learners (the training export's list) -----------------------------------------------------

/** A learner of the place at a course's sessions held in the period. */
export interface LearnerRow {
  courseId: string
  courseTitle: string
  kind: TrainingKind
  userId: string
  /** The approved registration's name (the caller masks it). */
  name: string
  county: string
  township: string
  /** Seats taken (confirmed sign-ups) at the course's sessions of the period, and those attended. */
  seats: number
  attended: number
  minutes: number
  /** A standing certificate of the course. */
  completed: boolean
}

/**
 * The place's learners per course (a seat at a published session of the course held in the
 * period): seats, attendances and minutes, their name and whether they completed the course.
 * Grouped on the database and read a page at a time in course then learner order (aggregateAll);
 * each page's names and certificates joined by the user index.
 */
export async function learnersByCourse(place: ReportPlace, s: ReportSpans): Promise<LearnerRow[]> {
  type Grouped = { _id: { course: string; user: string }; courseTitle: string; kind: TrainingKind; signupKind: string; county: string; township: string; seats: number; attended: number; minutes: number }
  const rows = await aggregateAll<Grouped & { reg: { name: string }[]; cert: unknown[] }>(
    () =>
      seatsTaken({ date: daysIn(s.from, s.to), status: 'published' })
        .project({
          courseId: 1,
          courseTitle: { $arrayElemAt: ['$course.title', 0] },
          kind: { $arrayElemAt: ['$course.kind', 0] },
          user: '$signup.userId',
          signupKind: '$signup.kind',
          attended: { $eq: ['$signup.attended', true] },
          minutes: { $cond: [{ $eq: ['$signup.attended', true] }, { $ifNull: ['$signup.minutes', 0] }, 0] },
          ...placeFields,
        })
        .match(inPlace(place))
        .group({
          _id: { course: '$courseId', user: '$user' },
          courseTitle: { $first: '$courseTitle' },
          kind: { $first: '$kind' },
          signupKind: { $first: '$signupKind' },
          county: { $first: '$county' },
          township: { $first: '$township' },
          seats: { $sum: 1 },
          attended: countIf('$attended'),
          minutes: { $sum: '$minutes' },
        })
        .sort({ courseTitle: 1, '_id.course': 1, '_id.user': 1 }),
    {
      then: (page) =>
        page
          .lookup({
            from: COLLECTIONS.registrations,
            let: { user: '$_id.user', kind: '$signupKind' },
            pipeline: ($.pipeline()
              .match(_.expr($.and([$.eq(['$userId', '$$user']), $.eq(['$status', 'approved']), $.eq(['$kind', '$$kind'])])))
              .project({ name: 1 })
              .limit(1) as LookupPipeline).done(),
            as: 'reg',
          })
          .lookup({
            from: COLLECTIONS.trainingCertificates,
            let: { user: '$_id.user', course: '$_id.course' },
            pipeline: ($.pipeline()
              .match(_.expr($.and([$.eq(['$userId', '$$user']), $.eq(['$courseId', '$$course']), $.eq([{ $ifNull: ['$revokedAt', null] }, null])])))
              .project({ _id: 1 })
              .limit(1) as LookupPipeline).done(),
            as: 'cert',
          }),
    },
  )
  return rows.map((r) => ({
    courseId: r._id.course,
    courseTitle: r.courseTitle ?? '',
    kind: r.kind,
    userId: r._id.user,
    name: r.reg[0]?.name ?? '',
    county: r.county,
    township: r.township,
    seats: r.seats,
    attended: r.attended,
    minutes: r.minutes,
    completed: r.cert.length > 0,
  }))
}
