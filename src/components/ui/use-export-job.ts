// An export that runs as a background job (issue 17): the first call starts it and answers with
// how far it came; asking again with its id moves it on, until the workbook is written. The page
// shows the progress (JobProgress) while it waits, and gets the finished file as before. A job
// still running when the page closes is remembered (by what it exports), and taken up again when
// the page shows the same figures: the function goes on with it meanwhile (its timer).
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ExportJob } from '@contract/jobs'
import { CallError } from '@/services/cloud'

/** How long to wait between asks (each ask itself works a few seconds on the job). */
export const ASK_EVERY_MS = 1_500

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Asks after the job until its workbook is written, telling `onProgress` each answer; a failed job
 * is refused in its own words. `gone()`: the page closed, so stop asking (and settle nothing).
 */
export async function untilDone<Job extends ExportJob>(
  first: Job,
  ask: (jobId: string) => Promise<Job>,
  onProgress: (job: Job) => void,
  { wait = pause, gone = () => false }: { wait?: (ms: number) => Promise<void>; gone?: () => boolean } = {},
): Promise<Job> {
  let job = first
  for (;;) {
    onProgress(job)
    if (job.status === 'done') return job
    if (job.status === 'failed') throw new CallError({ code: 'CONFLICT', message: job.error || '导出失败，请重新导出' })
    await wait(ASK_EVERY_MS)
    if (gone()) return new Promise<Job>(() => undefined)
    job = await ask(job.jobId)
  }
}

const stored = (key: string): string => {
  try {
    return String(Taro.getStorageSync(key) || '')
  } catch {
    return ''
  }
}

/**
 * `follow(start, ask)`: the finished job, with `progress` the latest answer while it runs (null
 * otherwise). `madeOf` names what is exported (the page's filters): `resumable` says a job for it
 * was left running, which `follow` then asks after instead of starting another.
 */
export function useExportJob<Job extends ExportJob>(madeOf: string) {
  const key = `export-job:${madeOf}`
  const [progress, setProgress] = useState<Job | null>(null)
  const open = useRef(true)
  useEffect(() => {
    open.current = true
    return () => {
      open.current = false
    }
  }, [])

  const follow = async (start: () => Promise<Job>, ask: (jobId: string) => Promise<Job>): Promise<Job> => {
    const kept = stored(key)
    let first: Job
    try {
      first = kept ? await ask(kept) : await start()
    } catch (err) {
      // The job left running has gone (expired): make the workbook anew.
      if (!kept || !(err instanceof CallError) || err.code === 'NETWORK') throw err
      first = await start()
    }
    Taro.setStorageSync(key, first.jobId)
    try {
      const done = await untilDone(first, ask, (job) => open.current && setProgress(job.status === 'done' ? null : job), { gone: () => !open.current })
      Taro.removeStorageSync(key)
      return done
    } catch (err) {
      Taro.removeStorageSync(key)
      throw err
    } finally {
      if (open.current) setProgress(null)
    }
  }
  return { progress, follow, resumable: !!stored(key) }
}
