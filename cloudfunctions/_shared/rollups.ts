// The hours rollup: each volunteer's approved service time, credited per Shanghai day (capped at
// the daily cap, as creditedPerVolunteer caps it), kept in one row per volunteer by a timer, so the
// city-wide figures (the dashboard's hours card, service.report) read ~12,000 rows instead of
// unwinding ~200,000 sessions.
//
// Why one row per volunteer rather than per day × township: the figures that cost are per
// volunteer (each volunteer's day is capped, their star follows their total, the report ranks
// volunteers), so a day × township row cannot give them; a volunteer has ~17 sessions over three
// years, so a volunteer × day row is as many rows as sessions. One row per volunteer holds their
// credited days as a short array that a $reduce sums over any period.
//
// Exact and current, always: an approved session only ever changes by a decision or an
// adjustment, and both set `reviewedAt` (sessions leave no approved state: types/machines.ts). So
// instead of recomputing "the last N days", each run recomputes exactly the volunteers with a
// session reviewed since the previous run's cutoff, however far back its days lie (a make-up or
// an adjustment of last year's session included). Readers split the volunteers in two: those with a
// session reviewed since the cutoff (and those who served in more than one township, whose figures
// depend on the place asked for) are aggregated live from their sessions; everyone else is read
// from the rollup. The two parts are disjoint, so their rows add up.
import { _, db } from './cloud'
import { COLLECTIONS, type SessionDoc } from './collections'
import { allCounties, townshipOf } from './divisions'
import type { Aggregate } from './db-types'
import { AGGREGATE_CAP } from './paging'
import { timeBudget } from './reminders'
import { loadSettings } from './settings'

/** One volunteer's approved time, credited per day (a day's minutes capped at `cap` of the state). */
export interface HoursRollupDoc {
  _id: string
  userId: string
  /** The township where all their approved time lies; '' if it lies in several (mixed). */
  townshipCode: string
  townshipName: string
  countyCode: string
  /** Served in more than one township: always read live (their figures depend on the place). */
  mixed: boolean
  townships: string[]
  counties: string[]
  /** Credited minutes per Shanghai day, by date. */
  days: { d: string; m: number }[]
  totalMinutes: number
}

/** Where the rollup stands (one document, `_id` ROLLUP_STATE, in the same collection). */
export interface RollupStateDoc {
  _id: string
  /** Rows hold every session reviewed before this instant; null until a first full pass ends. */
  asOf: Date | null
  /** When the last run that completed ended. */
  rolledUpAt: Date | null
  /** The daily cap the rows were credited with (another cap: rebuilt, and read live meanwhile). */
  cap: number
  /** A full pass under way: when it began, the cap it credits with, and the next slice of user ids. */
  pass: { startedAt: Date; cap: number; next: number } | null
  /** A run holds the rollup until this instant (ms): two overlapping runs never both work. */
  leaseUntil: number
}

export const ROLLUP_STATE = '~state'
/**
 * How far before a run's start its cutoff lies: a decision stamped `reviewedAt` just before the
 * run began may land a little later (a function runs up to 20 s: config.json), so the cutoff
 * leaves a minute; volunteers reviewed in that minute are recomputed by the next run too.
 */
export const CUTOFF_MARGIN_MS = 60_000
/** More volunteers than this to read live (the rollup far behind): the whole figure is read live. */
export const LIVE_MAX = 2_000
/**
 * A full pass walks the volunteers in 64 slices of user ids by their first two characters ('00'–'03',
 * '04'–'07', … 'fc'–'ff': ids are hexadecimal, so ~1/64 of the volunteers each, ~3,000 sessions of a city's 200,000;
 * an id of other characters falls in the slice its first two sort into, the first and last open-ended),
 * each a range the user index serves: no slice depends on reading the one before it.
 */
const BOUNDS = Array.from({ length: 63 }, (_x, i) => ((i + 1) * 4).toString(16).padStart(2, '0'))
const SLICES = BOUNDS.length + 1
/** Slice k's user ids, as criteria on separate objects (a field's `.and` is not a range an index plan reads). */
function slice(k: number): Record<string, unknown>[] {
  if (k === 0) return [{ userId: _.lt(BOUNDS[0]) }]
  if (k === SLICES - 1) return [{ userId: _.gte(BOUNDS[BOUNDS.length - 1]) }]
  return [{ userId: _.gte(BOUNDS[k - 1]) }, { userId: _.lt(BOUNDS[k]) }]
}
/** Volunteers per batch of an incremental run. */
const BATCH_USERS = 300
/** A run takes new slices for this long (the dashboard function's timeout is 20 s). */
const RUN_MS = 14_000
const LEASE_MS = 25_000

const rollups = () => db.collection<HoursRollupDoc | RollupStateDoc>(COLLECTIONS.hoursRollups)
const sessions = () => db.collection<SessionDoc>(COLLECTIONS.sessions)
const CITY_COUNTIES = allCounties.map((c) => c.code)

/** A place as the readers name it: townships and counties (any of them), or null for the whole city. */
export type RollupPlace = { townships: string[]; counties: string[] } | null

/** Criteria on the place's township and county codes (sessions and rollup rows keep both). */
export function placeCodes(place: RollupPlace): Record<string, unknown> {
  if (!place) return { countyCode: _.in(CITY_COUNTIES) }
  const or = [...(place.townships.length ? [{ townshipCode: _.in(place.townships) }] : []), ...(place.counties.length ? [{ countyCode: _.in(place.counties) }] : [])]
  return or.length === 1 ? or[0] : _.or(or)
}

function mixedIn(place: RollupPlace): unknown {
  if (!place) return { mixed: true }
  const or = [...(place.townships.length ? [{ mixed: true, townships: _.in(place.townships) }] : []), ...(place.counties.length ? [{ mixed: true, counties: _.in(place.counties) }] : [])]
  return or.length === 1 ? or[0] : _.or(or)
}

/** How a reader reads the rollup: the volunteers to read live, and when the rollup was made; null: read everything live. */
export interface HoursSplit {
  rolledUpAt: Date
  live: string[]
  /** The rollup rows of the place that stand for everyone else. */
  rows: () => Aggregate
}

/**
 * How to read the place's approved time with the rollup (see the file's head), or null when the
 * rollup cannot serve it (none yet, a pass under way, another cap, or too many to read live).
 * Two steps: the rollup's state, then at once the place's volunteers reviewed since its cutoff
 * and its mixed volunteers.
 */
export async function hoursSplit(place: RollupPlace, cap: number): Promise<HoursSplit | null> {
  const { data } = await rollups().doc(ROLLUP_STATE).get().catch(() => ({ data: null }))
  const state = data as RollupStateDoc | null
  if (!state || !state.asOf || !state.rolledUpAt || state.cap !== cap) return null
  const [recent, mixed] = await Promise.all([
    sessions()
      .aggregate()
      .match(_.and([placeCodes(place), { status: 'approved', reviewedAt: _.gte(state.asOf) }]))
      .group({ _id: '$userId' })
      .limit(LIVE_MAX + 1)
      .end<{ _id: string }>(),
    rollups()
      .aggregate()
      .match(mixedIn(place))
      .project({ _id: 1 })
      .limit(LIVE_MAX + 1)
      .end<{ _id: string }>(),
  ])
  const live = [...new Set([...recent.list, ...mixed.list].map((r) => r._id))].sort()
  if (live.length > LIVE_MAX) return null
  const rowsMatch = _.and([placeCodes(place), { mixed: false }, ...(live.length ? [{ _id: _.nin(live) }] : [])])
  return { rolledUpAt: state.rolledUpAt, live, rows: () => rollups().aggregate().match(rowsMatch) }
}

/** An expression: a rollup row's credited minutes on the days from `from` to `to` (YYYY-MM-DD, inclusive). */
export function minutesBetween(from: string, to: string): unknown {
  return { $reduce: { input: '$days', initialValue: 0, in: { $add: ['$$value', { $cond: [{ $and: [{ $gte: ['$$this.d', from] }, { $lte: ['$$this.d', to] }] }, '$$this.m', 0] }] } } }
}

/** An expression: a rollup row's credited minutes in the month `month` (YYYY-MM). */
export function minutesInMonth(month: string): unknown {
  return minutesBetween(`${month}-01`, `${month}-31`)
}

// ---- the timer -------------------------------------------------------------------------------

type BuiltRow = { _id: string; days: { d: string; m: number }[]; townships: string[][]; names: string[] }

/** The rows of the volunteers whose approved sessions `criteria` selects (all of each one's approved sessions must be in it). */
async function buildRows(criteria: Record<string, unknown>[], cap: number): Promise<HoursRollupDoc[]> {
  // A day's row counts its minutes, or, once the session is adjusted, the adjusted minutes on its first day (as creditedPerVolunteer).
  const date = { $cond: [{ $eq: [{ $type: '$days.date' }, 'string'] }, '$days.date', { $dateToString: { date: '$checkInAt', format: '%Y-%m-%d', timezone: '+08:00' } }] }
  const adjusted = { $ne: [{ $ifNull: ['$adjustedMinutes', null] }, null] }
  const firstDay = { $lte: [{ $ifNull: ['$dayIndex', 0] }, 0] }
  const { list } = await sessions()
    .aggregate()
    // Plain parts of a top-level and: the user index (userId, status) serves them.
    .match(_.and([...criteria, { status: 'approved' }]))
    .unwind({ path: '$days', includeArrayIndex: 'dayIndex', preserveNullAndEmptyArrays: true })
    .group({
      _id: { userId: '$userId', date },
      minutes: { $sum: { $cond: [adjusted, { $cond: [firstDay, '$adjustedMinutes', 0] }, { $ifNull: ['$days.minutes', 0] }] } },
      townships: { $addToSet: '$townshipCode' },
      name: { $min: '$townshipName' },
    })
    .group({ _id: '$_id.userId', days: { $push: { d: '$_id.date', m: { $min: ['$minutes', cap] } } }, townships: { $push: '$townships' }, names: { $addToSet: '$name' } })
    .limit(AGGREGATE_CAP)
    .end<BuiltRow>()
  return list.map((r) => {
    const townships = [...new Set(r.townships.flat())].sort()
    const counties = [...new Set(townships.map((t) => townshipOf(t)?.countyCode ?? t.slice(0, 6)))].sort()
    const mixed = townships.length !== 1
    const days = r.days.filter((x) => x.m > 0).sort((a, b) => a.d.localeCompare(b.d))
    return {
      _id: r._id,
      userId: r._id,
      townshipCode: mixed ? '' : townships[0],
      townshipName: mixed ? '' : [...r.names].sort()[0] ?? '',
      countyCode: mixed ? '' : counties[0],
      mixed,
      townships,
      counties,
      days,
      totalMinutes: days.reduce((n, x) => n + x.m, 0),
    }
  })
}

async function writeRows(rows: HoursRollupDoc[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 20) {
    await Promise.all(rows.slice(i, i + 20).map(({ _id, ...row }) => rollups().doc(_id).set({ data: row })))
  }
}

/** Takes the rollup for this run (false: another run holds it). */
async function takeLease(state: RollupStateDoc | null, now: number): Promise<boolean> {
  if (state && state.leaseUntil > now) return false
  if (!state) {
    try {
      await rollups().add({ data: { _id: ROLLUP_STATE, asOf: null, rolledUpAt: null, cap: 0, pass: null, leaseUntil: now + LEASE_MS } })
      return true
    } catch {
      return false
    }
  }
  const { stats } = await rollups().where({ _id: ROLLUP_STATE, leaseUntil: state.leaseUntil }).update({ data: { leaseUntil: now + LEASE_MS } })
  return stats.updated === 1
}

/**
 * The timer (every ten minutes): a full pass while the rollup has none (or another daily cap), a
 * slice of volunteers at a time by user id and as many slices as the run's time allows, the next
 * run going on from the next slice; afterwards, the volunteers reviewed since the last cutoff,
 * recomputed whole. A run that runs out of time keeps the old cutoff (what it wrote is correct
 * and newer). Running it again changes no figure.
 */
export async function rollUpHours(now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(RUN_MS, now.getTime())
  const [{ data }, settings] = await Promise.all([rollups().doc(ROLLUP_STATE).get().catch(() => ({ data: null })), loadSettings(now.getTime())])
  let state = data as RollupStateDoc | null
  if (!(await takeLease(state, now.getTime()))) return { skipped: 'another run holds the rollup' }
  state = state ?? { _id: ROLLUP_STATE, asOf: null, rolledUpAt: null, cap: 0, pass: null, leaseUntil: 0 }
  const cap = settings.dailyCapMinutes
  const save = (change: Partial<RollupStateDoc>) => rollups().doc(ROLLUP_STATE).update({ data: { ...change, leaseUntil: 0 } })

  if (state.pass || !state.asOf || state.cap !== cap) {
    const pass = state.pass && state.pass.cap === cap && typeof state.pass.next === 'number' ? state.pass : { startedAt: now, cap, next: 0 }
    let written = 0
    let slowest = 0
    for (;;) {
      const sliceStart = Date.now()
      const rows = await buildRows(slice(pass.next), cap)
      await writeRows(rows)
      written += rows.length
      pass.next += 1
      if (pass.next === SLICES) {
        await save({ asOf: new Date(pass.startedAt.getTime() - CUTOFF_MARGIN_MS), rolledUpAt: new Date(), cap, pass: null })
        return { pass: 'done', volunteers: written }
      }
      slowest = Math.max(slowest, Date.now() - sliceStart)
      // Another slice only if twice the slowest yet still fits: a run never outlasts the function's timeout.
      if (Date.now() + 2 * slowest > budget.deadline) {
        await save({ pass })
        return { pass: 'under way', volunteers: written, next: pass.next, of: SLICES }
      }
    }
  }

  const asOf = new Date(now.getTime() - CUTOFF_MARGIN_MS)
  const { list: reviewed } = await sessions()
    .aggregate()
    .match({ status: 'approved', reviewedAt: _.gte(state.asOf) })
    .group({ _id: '$userId' })
    .sort({ _id: 1 })
    .limit(AGGREGATE_CAP)
    .end<{ _id: string }>()
  // More than a run can list (the timer stopped for long): a full pass instead, from the next run.
  if (reviewed.length === AGGREGATE_CAP) {
    await save({ pass: { startedAt: now, cap, next: 0 } })
    return { recomputed: reviewed.length, done: false }
  }
  let slowest = 0
  for (let i = 0; i < reviewed.length; i += BATCH_USERS) {
    if (Date.now() + 2 * slowest > budget.deadline) {
      await save({})
      return { recomputed: i, of: reviewed.length, done: false }
    }
    const batchStart = Date.now()
    await writeRows(await buildRows([{ userId: _.in(reviewed.slice(i, i + BATCH_USERS).map((r) => r._id)) }], cap))
    slowest = Math.max(slowest, Date.now() - batchStart)
  }
  await save({ asOf, rolledUpAt: new Date() })
  return { recomputed: reviewed.length, done: true }
}
