// Background jobs for exports too large for one call (a county's or the city's years). On WeChat
// Cloud a function's work stops when it answers, so a job is a document that says how far the
// work has come: the call that asks for an export creates it and does what fits a few seconds;
// the asker's next calls (with the job's id) and a timer each do one more budgeted slice, until
// the workbook is written. Every slice is claimed with a lease (a conditional update on the job),
// so a poll and a timer never work on one job at once; a slice that died is taken over once its
// lease has run out. What each step makes is kept in a part of its own, named after the lease that
// made it, and only the parts a committed step names go into the workbook: a step that lost its
// lease counts nothing, however far it got.
import crypto from 'node:crypto'
import type { ExportJob, JobPace, JobStatus } from '../../types/jobs'
import { _, db, files } from './cloud'
import { COLLECTIONS } from './collections'
import type { CallContext } from './context'
import { AppError, forbidden, notFound } from './errors'
import { writeWorkbook, type Sheet } from './excel'
import { enforceRateLimit } from './guards'
import { READ_CAP } from './paging'
import { timeBudget } from './reminders'

/** How long a call that starts or asks after a job works on it before answering. */
export const IN_CALL_MS = 4_000
/** How long a timer run works on jobs: a margin inside the function's 20 s timeout (config.json). */
export const TIMER_MS = 14_000
/** A slice's lease: longer than the function's 20 s timeout, so a live slice never loses it. */
const LEASE_MS = 30_000
/** How long a job (and its workbook's link) is kept. */
const KEEP_MS = 3 * 86400_000
/** Starting an export is limited as each export was before it became a job. */
const STARTS_PER_HOUR = 30
/** Claims of one step before the job is given up (each ran out of the function's time). */
const MAX_TRIES = 3
/** Parts read a request when the workbook is written: a part holds up to a few thousand rows, and an answer stays a few megabytes. */
const PARTS_PER_READ = 10
/** A workbook of more rows than this is written by a call of its own (its whole time limit). */
const HEAVY_WRITE_ROWS = 20_000

export interface JobDoc<S = unknown> {
  _id: string
  /** The user id of who started it: only they see it. */
  owner: string
  /** What it makes: '<function>.<action>'. */
  kind: string
  /** The request as the owner made it. */
  input: Record<string, unknown>
  /** Where its figures are from, in words (全市, 清城区). */
  scope: string
  fileName: string
  status: JobStatus
  /** The kind's own cursor: where the next step begins. */
  state: S
  done: number
  total: number
  /** Steps committed so far (numbers the parts). */
  seq: number
  /** The parts committed steps made, in order. */
  parts: string[]
  pace: JobPace | null
  leaseToken: string
  leaseUntil: Date
  /** Claims since the last committed step: a step that never finishes (the function's time ran out) fails the job at MAX_TRIES. */
  tries: number
  fileId: string
  rows: number
  error: string
  createdAt: Date
  updatedAt: Date
  expiresAt: Date
}

/** Rows one step made for one sheet, kept until the workbook is written. */
export interface JobPartDoc {
  _id: string
  jobId: string
  sheet: string
  rows: Record<string, unknown>[]
  expiresAt: Date
}

export interface JobStep<S> {
  /** Where the next step begins. */
  state: S
  /** Records this step processed (added to the job's done). */
  done?: number
  /** Every record the job will process, once the kind knows. */
  total?: number
  /** Rows this step made for a sheet. */
  part?: { sheet: string; rows: Record<string, unknown>[] }
  /** The workbook, written: the job is done. */
  file?: { fileId: string; rows: number }
}

export interface JobKind<S> {
  /** '<function>.<action>' */
  kind: string
  /** One step from `job.state`: a bounded piece of work (a page, a slice of volunteers, the workbook). */
  step(job: JobDoc<S>): Promise<JobStep<S>>
  /** Whether the step `state` leads to writes the workbook (it is given a call of its own when large). */
  writes(state: S): boolean
}

const jobs = <S>() => db.collection<JobDoc<S>>(COLLECTIONS.jobs)
const jobParts = () => db.collection<JobPartDoc>(COLLECTIONS.jobParts)
const ACTIVE: JobStatus[] = ['queued', 'running']

/**
 * Starts a job for the caller and works on it for IN_CALL_MS: a small export is done before the
 * answer. `pace` cuts it finer (tests and the benchmark).
 */
export async function startJob<S>(kind: JobKind<S>, ctx: CallContext, job: { input: Record<string, unknown>; scope: string; fileName: string; state: S; pace?: JobPace }): Promise<ExportJob> {
  await enforceRateLimit(ctx.openid, kind.kind, { max: STARTS_PER_HOUR, windowSeconds: 3600 }, ctx.now)
  const owner = (await ctx.user())!._id
  const token = newToken()
  const doc: JobDoc<S> = {
    _id: crypto.randomBytes(12).toString('hex'),
    owner,
    kind: kind.kind,
    input: job.input,
    scope: job.scope,
    fileName: job.fileName,
    status: 'running',
    state: job.state,
    done: 0,
    total: 0,
    seq: 0,
    parts: [],
    pace: job.pace ?? null,
    // Created claimed: this call works on it first.
    leaseToken: token,
    leaseUntil: new Date(Date.now() + LEASE_MS),
    tries: 1,
    fileId: '',
    rows: 0,
    error: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + KEEP_MS),
  }
  await jobs<S>().add({ data: doc })
  return jobView(await work(kind, doc, token, timeBudget(IN_CALL_MS, ctx.now.getTime())))
}

/** The caller's job `jobId`, after one more slice of work when it is not done (and nobody else is on it). */
export async function continueJob<S>(kind: JobKind<S>, jobId: string, ctx: CallContext): Promise<ExportJob> {
  const { data: job } = await jobs<S>().doc(jobId).get()
  if (!job || job.kind !== kind.kind) throw notFound('没有找到这个导出任务（可能已过期），请重新导出')
  if (job.owner !== (await ctx.user())!._id) throw forbidden('只能查看自己发起的导出')
  if (!ACTIVE.includes(job.status)) return jobView(job)
  return jobView(await claimAndWork(kind, job, timeBudget(IN_CALL_MS, ctx.now.getTime())))
}

/**
 * A timer's run: jobs of these kinds that nobody is working on (abandoned by their owner, or whose
 * slice died) go on, oldest first, for TIMER_MS; jobs past their time are removed with their
 * parts and workbook.
 */
export async function carryOnJobs(kinds: JobKind<unknown>[], now: Date): Promise<Record<string, unknown>> {
  const budget = timeBudget(TIMER_MS, now.getTime())
  const byName = new Map(kinds.map((k) => [k.kind, k]))
  const { data: waiting } = await jobs()
    .where({ kind: _.in([...byName.keys()]), status: _.in(ACTIVE), leaseUntil: _.lt(now) })
    .orderBy('leaseUntil', 'asc')
    .limit(READ_CAP)
    .get()
  let worked = 0
  let finished = 0
  for (const job of waiting) {
    // A job's first step is taken whatever its length: begin one only with room for a long one.
    if (Date.now() + 2 * IN_CALL_MS > budget.deadline) break
    const after = await claimAndWork(byName.get(job.kind)!, job, budget)
    if (after.seq > job.seq) worked++
    if (after.status === 'done') finished++
  }
  const removed = await removeExpired(byName, now)
  return { waiting: waiting.length, worked, finished, removed }
}

/** Jobs past their time, their parts and their workbooks (a page of them a run). */
async function removeExpired(kinds: Map<string, unknown>, now: Date): Promise<number> {
  const { data: old } = await jobs()
    .where({ kind: _.in([...kinds.keys()]), expiresAt: _.lt(now) })
    .orderBy('expiresAt', 'asc')
    .limit(READ_CAP)
    .field({ _id: true, fileId: true })
    .get()
  if (old.length === 0) return 0
  const ids = old.map((j) => j._id)
  await files.remove(old.map((j) => j.fileId).filter(Boolean))
  await jobParts().where({ jobId: _.in(ids) }).remove()
  await jobs().where({ _id: _.in(ids), expiresAt: _.lt(now) }).remove()
  return ids.length
}

/** Claims the job (its lease has run out, or was released) and works on it; unclaimed, it is answered as it stands. */
async function claimAndWork<S>(kind: JobKind<S>, job: JobDoc<S>, budget: Budget): Promise<JobDoc<S>> {
  const token = newToken()
  const claimedAt = Date.now()
  // A step claimed MAX_TRIES times and never committed does not fit the function's time: say so, once.
  if ((job.tries ?? 0) >= MAX_TRIES) {
    const error = '导出的数据太多，未能在时限内完成，请缩小范围（如选择一个县或缩短时段）后重新导出'
    await jobs<S>().where({ _id: job._id, status: _.in(ACTIVE), leaseUntil: _.lt(new Date(claimedAt)), tries: job.tries }).update({ data: { status: 'failed', error, leaseToken: '', updatedAt: new Date(claimedAt) } })
    return (await jobs<S>().doc(job._id).get()).data ?? { ...job, status: 'failed', error }
  }
  const { stats } = await jobs<S>()
    .where({ _id: job._id, status: _.in(ACTIVE), leaseUntil: _.lt(new Date(claimedAt)) })
    .update({ data: { status: 'running', leaseToken: token, leaseUntil: new Date(claimedAt + LEASE_MS), tries: _.inc(1) } })
  // Someone else is on it (or it just finished): the caller sees where it stands.
  if (stats.updated !== 1) return (await jobs<S>().doc(job._id).get()).data ?? job
  // Read again: the claim proves nobody else is on it, and what it saw last is the truth.
  const { data: claimed } = await jobs<S>().doc(job._id).get()
  return work(kind, { ...claimed!, leaseToken: token }, token, budget)
}

/**
 * Steps while the budget (and the job's pace) allows. Each step's part is written first, then the
 * step is committed by an update conditional on holding the lease; a step that lost the lease
 * stops there, its part counted nowhere.
 */
async function work<S>(kind: JobKind<S>, claimed: JobDoc<S>, token: string, budget: Budget): Promise<JobDoc<S>> {
  let job = claimed
  const maxSteps = job.pace?.steps ?? Number.POSITIVE_INFINITY
  let steps = 0
  // The last step's time: the next is taken only if one as long still ends within the budget.
  let lastStepMs = 0
  // Another step fits: within the pace and the budget, and a large workbook is written by a call of its own.
  const mayStep = (at: JobDoc<S>) =>
    at.status === 'running' && steps < maxSteps && budget.left() && (steps === 0 || (Date.now() + lastStepMs < budget.deadline && (!kind.writes(at.state) || at.total <= HEAVY_WRITE_ROWS)))
  try {
    while (mayStep(job)) {
      const stepStarted = Date.now()
      const step = await kind.step(job)
      lastStepMs = Date.now() - stepStarted
      steps++
      let partId: string | null = null
      if (step.part) {
        partId = `${job._id}:${String(job.seq).padStart(6, '0')}:${token}`
        await jobParts().add({ data: { _id: partId, jobId: job._id, sheet: step.part.sheet, rows: step.part.rows, expiresAt: job.expiresAt } })
      }
      const now = new Date()
      const next = {
        state: step.state,
        done: job.done + (step.done ?? 0),
        total: step.total ?? job.total,
        seq: job.seq + 1,
        parts: partId ? [...job.parts, partId] : job.parts,
        tries: 0,
        updatedAt: now,
        ...(step.file ? { status: 'done' as const, fileId: step.file.fileId, rows: step.file.rows, leaseToken: '', leaseUntil: now } : {}),
      }
      const after: JobDoc<S> = { ...job, ...next }
      // Holding on only while another step will run: otherwise the next poll or timer may go on at once.
      const keep = mayStep(after)
      const { stats } = await jobs<S>()
        .where({ _id: job._id, leaseToken: token })
        .update({ data: { ...next, ...(step.file ? {} : { leaseUntil: keep ? new Date(now.getTime() + LEASE_MS) : new Date(0) }) } })
      if (stats.updated !== 1) return (await jobs<S>().doc(job._id).get()).data ?? after
      job = after
      if (step.file) await jobParts().where({ jobId: job._id }).remove()
      if (!keep) return job
    }
    return job
  } catch (err) {
    if (!(err instanceof AppError)) console.error(`[job ${job.kind} ${job._id}]`, err instanceof Error ? err.stack : err)
    const error = err instanceof AppError ? err.message : '导出失败，请稍后重新导出'
    await jobs<S>().where({ _id: job._id, leaseToken: token }).update({ data: { status: 'failed', error, leaseToken: '', updatedAt: new Date() } })
    return { ...job, status: 'failed', error }
  }
}

/** Every row the committed steps made for `sheet`, in the order they were made (the parts read together, PARTS_PER_READ a request). */
export async function partRows(job: JobDoc<unknown>, sheet: string): Promise<Record<string, unknown>[]> {
  const batches: string[][] = []
  for (let i = 0; i < job.parts.length; i += PARTS_PER_READ) batches.push(job.parts.slice(i, i + PARTS_PER_READ))
  const read = await Promise.all(batches.map(async (ids) => (await jobParts().where({ _id: _.in(ids) }).limit(PARTS_PER_READ).get()).data))
  const byId = new Map(read.flat().map((p) => [p._id, p]))
  return job.parts.flatMap((id) => {
    const part = byId.get(id)
    return part && part.sheet === sheet ? part.rows : []
  })
}

/**
 * The job's workbook, written to storage under the job's own folder: its file ID (a link is made
 * from it whenever the owner asks, so it never goes stale while the job is kept).
 */
export function writeJobWorkbook(job: JobDoc<unknown>, sheets: Sheet[]): Promise<string> {
  return writeWorkbook(job._id, job.fileName, sheets)
}

/** The job as its owner sees it (a fresh link to the workbook once it is written). */
async function jobView(job: JobDoc<unknown>): Promise<ExportJob> {
  return (await jobViews([job]))[0]
}

/** Jobs as their owner sees them, the fresh links to their workbooks made in one request. */
export async function jobViews(list: JobDoc<unknown>[]): Promise<ExportJob[]> {
  const urls = await files.tempUrls(list.filter((j) => j.status === 'done' && j.fileId).map((j) => j.fileId))
  return list.map((job) => viewOf(job, job.status === 'done' ? (urls.get(job.fileId) ?? '') : ''))
}

function viewOf(job: JobDoc<unknown>, fileUrl: string): ExportJob {
  const percent = job.status === 'done' ? 100 : job.total > 0 ? Math.min(99, Math.floor((job.done * 100) / job.total)) : 0
  return {
    jobId: job._id,
    status: job.status,
    done: job.done,
    total: job.total,
    percent,
    fileName: job.fileName,
    fileUrl,
    rows: job.rows,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    expiresAt: job.expiresAt.toISOString(),
  }
}

type Budget = ReturnType<typeof timeBudget>

const newToken = () => crypto.randomBytes(8).toString('hex')
