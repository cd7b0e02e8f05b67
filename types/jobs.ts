// Background export jobs: the largest exports (a county's or the city's years) do not fit one
// call, so the call that asks for one starts a job and does what fits; the caller's next calls
// (with the job's id) and a timer go on with it until the workbook is written.
import * as z from './zod'

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
export const JOB_STATUS_LABELS: Record<JobStatus, string> = { queued: '排队中', running: '正在生成', done: '已完成', failed: '生成失败' }

/** A job's id, as the function makes them (24 hex digits). */
export const JobId = z.string({ error: '缺少导出任务' }).describe('导出任务').regex(/^[0-9a-f]{24}$/, '导出任务编号无效')

/**
 * How finely a job is cut: records per slice and slices per call (the benchmark and the tests use
 * small slices to see a job go on across many calls; people never need to set it).
 */
export const JobPace = z
  .object({
    rows: z.number({ error: '请填写每批条数' }).describe('每批条数').int('每批条数应为整数').min(1, '每批条数至少为 1').max(10_000, '每批条数最多 10000'),
    steps: z.number({ error: '请填写每次批数' }).describe('每次批数').int('每次批数应为整数').min(1, '每次批数至少为 1').max(100, '每次批数最多 100'),
  })
  .describe('分批')
export type JobPace = z.infer<typeof JobPace>

/**
 * Where an export stands. `done` of `total` records are processed (total is 0 until the job has
 * counted them); `fileUrl` is empty until the workbook is written; `rows` counts its main sheet.
 */
export const ExportJob = z.object({
  jobId: z.string(),
  status: z.enum(JOB_STATUSES),
  done: z.number(),
  total: z.number(),
  /** 0–100; 100 only once the workbook is written. */
  percent: z.number(),
  fileName: z.string(),
  fileUrl: z.string(),
  rows: z.number(),
  /** Why it failed (status failed), in the words a person can act on. */
  error: z.string(),
  createdAt: z.string(),
  /** When the job and its workbook's link are gone. */
  expiresAt: z.string(),
})
export type ExportJob = z.infer<typeof ExportJob>
