// An export that runs as a background job (issue 17): the first call starts it and answers with
// how far it came; asking again with its id moves it on, until the workbook is written. The page
// shows the progress (JobProgress) while it waits, and gets the finished file as before.
import { useState } from 'react'
import type { ExportJob } from '@contract/jobs'
import { CallError } from '@/services/cloud'

/** How long to wait between asks (each ask itself works a few seconds on the job). */
export const ASK_EVERY_MS = 1_500

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Asks after the job until its workbook is written, telling `onProgress` each answer; a failed job is refused in its own words. */
export async function untilDone<Job extends ExportJob>(first: Job, ask: (jobId: string) => Promise<Job>, onProgress: (job: Job) => void, wait: (ms: number) => Promise<void> = pause): Promise<Job> {
  let job = first
  for (;;) {
    onProgress(job)
    if (job.status === 'done') return job
    if (job.status === 'failed') throw new CallError({ code: 'CONFLICT', message: job.error || '导出失败，请重新导出' })
    await wait(ASK_EVERY_MS)
    job = await ask(job.jobId)
  }
}

/** `follow(start, ask)`: the finished job, with `progress` the latest answer while it runs (null otherwise). */
export function useExportJob<Job extends ExportJob>() {
  const [progress, setProgress] = useState<Job | null>(null)
  const follow = async (start: () => Promise<Job>, ask: (jobId: string) => Promise<Job>): Promise<Job> => {
    try {
      return await untilDone(await start(), ask, (job) => setProgress(job.status === 'done' ? null : job))
    } finally {
      setProgress(null)
    }
  }
  return { progress, follow }
}
