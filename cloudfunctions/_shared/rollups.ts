// The hours rollup: each volunteer's approved service time, credited per Shanghai day (capped at
// the daily cap, as creditedPerVolunteer caps it), and their check-ins per station and day, kept in
// one row per volunteer by a timer, so the city's and a county's figures (the dashboard's hours and
// stations cards, service.report) read ~12,000 rows in one request instead of unwinding ~200,000
// sessions.
//
// Why one row per volunteer rather than per day × township: the figures that cost are per
// volunteer (each volunteer's day is capped, their star follows their total, the report ranks
// volunteers), so a day × township row cannot give them; a volunteer has ~17 sessions over three
// years, so a volunteer × day row is as many rows as sessions. One row per volunteer holds their
// credited days as a short array that a $reduce sums over any period.
//
// A place's figures depend on the place asked for when a volunteer served in several: the city
// caps their day over all their sessions, a county over that county's only. So a volunteer who served
// in one county has one row for both readers (views city and county); one who served in several has
// a row for the city and one per county. A township's figures are read live from its sessions (a few
// thousand: one aggregation), exact to the moment.
//
// As of a time, shown: a row holds every change to its volunteer's sessions made before the run
// that wrote it began. Each run recomputes exactly the volunteers with a session changed
// (`updatedAt`: a decision, an adjustment, an appeal that takes an approved record back) since the
// previous run's cutoff, however far back its days lie, and readers say up to when the figures run
// (the run's start): 「统计截至 HH:mm」. A read is one request: the rollup's state with, looked up
// beside it, what the card needs from the place's rows.
import { _, $, db } from './cloud'
import { COLLECTIONS, type SessionDoc } from './collections'
import { allCounties } from './divisions'
import type { Aggregate, LookupPipeline } from './db-types'
import { COUNTED_DAY } from './hours'
import { AGGREGATE_CAP } from './paging'
import { timeBudget } from './reminders'
import { loadSettings } from './settings'

/** Which reader a row serves: the whole city, or the county of `countyCode`. */
export type RollupView = 'city' | 'county'

/** One volunteer's approved time in a place (all of it, or one county's), credited per day (a day's minutes capped at `cap` of the state). */
export interface HoursRollupDoc {
  _id: string
  userId: string
  views: RollupView[]
  /** Where the readers file the volunteer: the smallest township code of the row's sessions, and the smallest name (as creditedPerVolunteer names it). */
  townshipCode: string
  townshipName: string
  countyCode: string
  /** Credited minutes per Shanghai day, by date. */
  days: { d: string; m: number }[]
  totalMinutes: number
  /** Per station, per Shanghai day of check-in: sessions begun and their minutes (adjusted, else as served; uncapped, as the stations card counts). */
  stations: { s: string; days: { d: string; n: number; m: number }[] }[]
}

/** Where the rollup stands (one document, `_id` ROLLUP_STATE, in the same collection). */
export interface RollupStateDoc {
  _id: string
  /** Rows hold every change made before this instant; null until a first full pass ends. */
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
 * How far before a run's start its cutoff lies: a change stamped `updatedAt` just before the run
 * began may land a little later (a function runs up to 20 s: config.json), so the cutoff leaves a
 * minute; volunteers changed in that minute are recomputed by the next run too.
 */
export const CUTOFF_MARGIN_MS = 60_000
/**
 * A full pass walks the volunteers in 256 slices of user ids by their first two characters ('00',
 * '01', … 'ff': ids are hexadecimal, so ~1/256 of the volunteers each, ~800 sessions of a city's
 * 200,000; an id of other characters falls in the slice its first two sort into, the first and last
 * open-ended), each a range the user index serves: no slice depends on reading the one before it.
 */
const BOUNDS = Array.from({ length: 255 }, (_x, i) => (i + 1).toString(16).padStart(2, '0'))
const SLICES = BOUNDS.length + 1
/** Slice k's user ids, as criteria on separate objects (a field's `.and` is not a range an index plan reads). */
function slice(k: number): Record<string, unknown>[] {
  if (k === 0) return [{ userId: _.lt(BOUNDS[0]) }]
  if (k === SLICES - 1) return [{ userId: _.gte(BOUNDS[BOUNDS.length - 1]) }]
  return [{ userId: _.gte(BOUNDS[k - 1]) }, { userId: _.lt(BOUNDS[k]) }]
}
/** Volunteers per batch of an incremental run (a hundred volunteers' session-days stay well under an aggregation's cap). */
const BATCH_USERS = 100
/** A run takes new slices for this long (the dashboard function's timeout is 20 s). */
const RUN_MS = 14_000
const LEASE_MS = 25_000

const rollups = () => db.collection<HoursRollupDoc | RollupStateDoc>(COLLECTIONS.hoursRollups)
const sessions = () => db.collection<SessionDoc>(COLLECTIONS.sessions)
const CITY_COUNTIES = allCounties.map((c) => c.code)

/** A place the rollup serves: the whole city, or one county (a township, or several places at once, are read live). */
export type RollupPlace = { level: 'city' } | { level: 'county'; countyCode: string }

/** The rows that stand for the place's volunteers (the county index serves both). */
export function rowsOf(place: RollupPlace): Record<string, unknown> {
  return place.level === 'city' ? { countyCode: _.in(CITY_COUNTIES), views: 'city' } : { countyCode: place.countyCode, views: 'county' }
}

/** The rollup can stand for the figures: a full pass done, with today's daily cap. */
function usable(state: Partial<RollupStateDoc> | undefined, cap: number): state is RollupStateDoc & { asOf: Date } {
  return !!state && state._id === ROLLUP_STATE && !!state.asOf && state.cap === cap
}

/** Up to when a usable rollup's figures run: the start of the run that made them. */
const countedTo = (state: RollupStateDoc & { asOf: Date }) => new Date(new Date(state.asOf).getTime() + CUTOFF_MARGIN_MS)

/** What a card reads from the place's rows: each a pipeline over them, looked up by name. */
export type RollupParts<R> = { [K in keyof R]: (rows: Aggregate) => Aggregate }

function lookUpParts<R>(read: Aggregate, place: RollupPlace, parts: RollupParts<R>): Aggregate {
  for (const [as, build] of Object.entries(parts) as [string, (rows: Aggregate) => Aggregate][]) {
    const pipeline = build($.pipeline().match(rowsOf(place)) as Aggregate) as LookupPipeline
    read = read.lookup({ from: COLLECTIONS.hoursRollups, pipeline: pipeline.done(), as })
  }
  return read
}

/**
 * The place's rows as the card needs them, in one request: the rollup's state, each of `parts`
 * looked up beside it. Null when the rollup cannot serve (none yet, a first pass under way,
 * another daily cap): the reader reads live.
 */
export async function readRollup<R extends Record<string, unknown[]>>(place: RollupPlace, cap: number, parts: RollupParts<R>): Promise<{ countedTo: Date; parts: R } | null> {
  const { list } = await lookUpParts(rollups().aggregate().match({ _id: ROLLUP_STATE }), place, parts).end<RollupStateDoc & R>()
  return rolledUp(list[0], list[0], cap, parts)
}

/** The rollup's state and `parts` of the place's rows, looked up beside the one document an aggregation ends with (as `rollupState` and the parts' names). */
export function withRollup<R>(read: Aggregate, place: RollupPlace, parts: RollupParts<R>): Aggregate {
  return lookUpParts(read.lookup({ from: COLLECTIONS.hoursRollups, pipeline: ($.pipeline().match({ _id: ROLLUP_STATE }) as LookupPipeline).done(), as: 'rollupState' }), place, parts)
}

/** What `withRollup` looked up, or null when the rollup cannot serve. */
export function rollupIn<R>(doc: (R & { rollupState?: RollupStateDoc[] }) | undefined, cap: number, parts: RollupParts<R>): { countedTo: Date; parts: R } | null {
  return rolledUp(doc?.rollupState?.[0], doc, cap, parts)
}

function rolledUp<R>(state: Partial<RollupStateDoc> | undefined, doc: Partial<R> | undefined, cap: number, parts: RollupParts<R>): { countedTo: Date; parts: R } | null {
  if (!usable(state, cap) || !doc) return null
  return { countedTo: countedTo(state), parts: Object.fromEntries(Object.keys(parts).map((k) => [k, (doc as Record<string, unknown>)[k] ?? []])) as R }
}

/** An expression, inside a $reduce over a day list: the day at hand lies from `from` to `to` (YYYY-MM-DD, inclusive). */
const dayWithin = (from: string, to: string) => ({ $and: [{ $gte: ['$$this.d', from] }, { $lte: ['$$this.d', to] }] })

/** An expression: a row's day list's `field` summed over the days from `from` to `to` (YYYY-MM-DD, inclusive). */
export function sumBetween(days: string, from: string, to: string, field = 'm'): unknown {
  return { $reduce: { input: days, initialValue: 0, in: { $add: ['$$value', { $cond: [dayWithin(from, to), `$$this.${field}`, 0] }] } } }
}

/**
 * An expression: a row's credited minutes in each of several spans at once (one pass over its
 * days), as a document of the spans' names: `{ period: [from, to], … }` gives `{ period: minutes, … }`.
 */
export function minutesInSpans(spans: Record<string, readonly [string, string]>): unknown {
  const names = Object.keys(spans)
  return {
    $reduce: {
      input: '$days',
      initialValue: Object.fromEntries(names.map((k) => [k, 0])),
      in: Object.fromEntries(names.map((k) => [k, { $add: [`$$value.${k}`, { $cond: [dayWithin(...spans[k]), '$$this.m', 0] }] }])),
    },
  }
}

/** An expression: a rollup row's credited minutes on the days from `from` to `to` (YYYY-MM-DD, inclusive). */
export function minutesBetween(from: string, to: string): unknown {
  return sumBetween('$days', from, to)
}

/** An expression: a rollup row's credited minutes in the month `month` (YYYY-MM). */
export function minutesInMonth(month: string): unknown {
  return minutesBetween(`${month}-01`, `${month}-31`)
}

// ---- the timer -------------------------------------------------------------------------------

/** A volunteer's approved time on one day at one station of one township, as the build reads it. */
type Part = { _id: { u: string; t: string; k: string; s: string; d: string }; minutes: number; n: number; m: number; name: string }

/** The rows of the volunteers whose approved sessions `criteria` selects (all of each one's approved sessions must be in it). */
async function buildRows(criteria: Record<string, unknown>[], cap: number): Promise<HoursRollupDoc[]> {
  // Each day counted as creditedPerVolunteer counts it; the first day, the day it was checked in,
  // also counts the session at its station, with its minutes as the stations card counts them.
  const { date, firstDay } = COUNTED_DAY
  const { list } = await sessions()
    .aggregate()
    // Plain parts of a top-level and: the user index (userId, status) serves them.
    .match(_.and([...criteria, { status: 'approved' }]))
    .unwind(COUNTED_DAY.unwind)
    .group({
      _id: { u: '$userId', t: '$townshipCode', k: '$countyCode', s: '$stationId', d: date },
      minutes: { $sum: COUNTED_DAY.minutes },
      n: { $sum: { $cond: [firstDay, 1, 0] } },
      m: { $sum: { $cond: [firstDay, { $ifNull: ['$adjustedMinutes', '$minutes'] }, 0] } },
      name: { $min: '$townshipName' },
    })
    .limit(AGGREGATE_CAP)
    .end<Part>()
  // A batch is sized to stay well under the cap; reaching it would lose days, so the run stops here.
  if (list.length >= AGGREGATE_CAP) throw new Error(`rollUpHours: a batch of volunteers has ${list.length} session-days, more than one aggregation returns`)
  const byUser = new Map<string, Part[]>()
  for (const p of list) byUser.set(p._id.u, [...(byUser.get(p._id.u) ?? []), p])
  return [...byUser].flatMap(([userId, parts]) => rowsOfVolunteer(userId, parts, cap))
}

/** A volunteer's rows: one for every reader if they served in one county, else one for the city and one per county. */
export function rowsOfVolunteer(userId: string, parts: Part[], cap: number): HoursRollupDoc[] {
  const row = (id: string, views: RollupView[], xs: Part[], countyCode?: string): HoursRollupDoc => {
    const perDay = new Map<string, number>()
    for (const x of xs) perDay.set(x._id.d, (perDay.get(x._id.d) ?? 0) + x.minutes)
    const days = [...perDay]
      .map(([d, m]) => ({ d, m: Math.min(m, cap) }))
      .filter((x) => x.m > 0)
      .sort((a, b) => a.d.localeCompare(b.d))
    const perStation = new Map<string, Map<string, { n: number; m: number }>>()
    for (const x of xs.filter((p) => p.n > 0)) {
      const at = perStation.get(x._id.s) ?? new Map<string, { n: number; m: number }>()
      const day = at.get(x._id.d) ?? { n: 0, m: 0 }
      at.set(x._id.d, { n: day.n + x.n, m: day.m + x.m })
      perStation.set(x._id.s, at)
    }
    const first = [...xs].sort((a, b) => a._id.t.localeCompare(b._id.t))[0]
    return {
      _id: id,
      userId,
      views,
      townshipCode: first._id.t,
      townshipName: xs.map((x) => x.name).sort()[0] ?? '',
      countyCode: countyCode ?? first._id.k,
      days,
      totalMinutes: days.reduce((n, x) => n + x.m, 0),
      stations: [...perStation]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, at]) => ({ s, days: [...at].sort(([a], [b]) => a.localeCompare(b)).map(([d, v]) => ({ d, ...v })) })),
    }
  }
  const counties = [...new Set(parts.map((p) => p._id.k))].sort()
  if (counties.length <= 1) return [row(userId, ['city', 'county'], parts)]
  return [row(userId, ['city'], parts), ...counties.map((k) => row(`${userId}~${k}`, ['county'], parts.filter((p) => p._id.k === k), k))]
}

/** Writes the rows and removes the rows of the same volunteers (`whose`) that no longer stand (no approved time left, or no longer in that county). */
async function replaceRows(whose: Record<string, unknown>[], rows: HoursRollupDoc[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 20) {
    await Promise.all(rows.slice(i, i + 20).map(({ _id, ...row }) => rollups().doc(_id).set({ data: row })))
  }
  // `whose` names user ids: the state (no userId) is never among them.
  await rollups()
    .where(_.and([...whose, ...(rows.length ? [{ _id: _.nin(rows.map((r) => r._id)) }] : [])]))
    .remove()
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
 * The timer (every minute: a first pass is done minutes after a deploy, and the figures are never
 * more than a minute or two behind): a full pass while the rollup has none (or another daily cap), a
 * slice of volunteers at a time by user id and as many slices as the run's time allows, the next
 * run going on from the next slice; afterwards, the volunteers with a session changed since the
 * last cutoff, recomputed whole. A run that runs out of time keeps the old cutoff (what it wrote is
 * correct and newer). Running it again changes no figure.
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
      await replaceRows(slice(pass.next), rows)
      written += rows.length
      pass.next += 1
      if (pass.next === SLICES) {
        await save({ asOf: new Date(new Date(pass.startedAt).getTime() - CUTOFF_MARGIN_MS), rolledUpAt: new Date(), cap, pass: null })
        return { pass: 'done', rows: written }
      }
      slowest = Math.max(slowest, Date.now() - sliceStart)
      // Another slice only if twice the slowest yet still fits: a run never outlasts the function's timeout.
      if (Date.now() + 2 * slowest > budget.deadline) {
        await save({ pass })
        return { pass: 'under way', rows: written, next: pass.next, of: SLICES }
      }
    }
  }

  const asOf = new Date(now.getTime() - CUTOFF_MARGIN_MS)
  // Any change: an approval or adjustment adds time, an appeal of an adjusted record takes it back.
  const { list: changed } = await sessions()
    .aggregate()
    .match({ updatedAt: _.gte(state.asOf) })
    .group({ _id: '$userId' })
    .sort({ _id: 1 })
    .limit(AGGREGATE_CAP)
    .end<{ _id: string }>()
  // More than a run can list (the timer stopped for long): a full pass instead, from the next run.
  if (changed.length === AGGREGATE_CAP) {
    await save({ pass: { startedAt: now, cap, next: 0 } })
    return { recomputed: 0, of: changed.length, done: false }
  }
  let slowest = 0
  for (let i = 0; i < changed.length; i += BATCH_USERS) {
    if (Date.now() + 2 * slowest > budget.deadline) {
      await save({})
      return { recomputed: i, of: changed.length, done: false }
    }
    const batchStart = Date.now()
    const whose = [{ userId: _.in(changed.slice(i, i + BATCH_USERS).map((r) => r._id)) }]
    await replaceRows(whose, await buildRows(whose, cap))
    slowest = Math.max(slowest, Date.now() - batchStart)
  }
  await save({ asOf, rolledUpAt: new Date() })
  return { recomputed: changed.length, done: true }
}
