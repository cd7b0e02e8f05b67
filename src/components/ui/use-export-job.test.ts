// An export job followed to its end: every answer shown, the finished file returned, a failure said in its words.
import type { ExportJob } from '@contract/jobs'
import { errorMessage } from '@/services/cloud'
import { untilDone } from './use-export-job'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const job = (over: Partial<ExportJob>): ExportJob => ({
  jobId: 'a'.repeat(24), status: 'running', done: 0, total: 0, percent: 0, fileName: '志愿服务时长-全市-2026-11.xlsx', fileUrl: '', rows: 0, error: '', createdAt: '', expiresAt: '', ...over,
})

test('asks after a running job until it is done, telling each answer', async () => {
  const answers = [job({ done: 40, total: 100, percent: 40 }), job({ status: 'done', done: 100, total: 100, percent: 100, fileUrl: 'https://files/x.xlsx', rows: 12 })]
  const ask = jest.fn((id: string) => Promise.resolve({ ...answers.shift()!, jobId: id }))
  const seen: number[] = []
  const wait = jest.fn(() => Promise.resolve())
  const done = await untilDone(job({}), ask, (j) => seen.push(j.percent), wait)
  expect(done).toMatchObject({ status: 'done', fileUrl: 'https://files/x.xlsx', rows: 12 })
  expect(seen).toEqual([0, 40, 100])
  expect(ask).toHaveBeenCalledTimes(2)
  expect(wait).toHaveBeenCalledTimes(2)
})

test('a job done at once is not asked after', async () => {
  const ask = jest.fn()
  expect(await untilDone(job({ status: 'done', percent: 100, fileUrl: 'u' }), ask, () => undefined)).toMatchObject({ fileUrl: 'u' })
  expect(ask).not.toHaveBeenCalled()
})

test('a failed job is refused with its reason', async () => {
  const failed = untilDone(job({ status: 'failed', error: '该时段核销超过 100000 笔，请缩短时间范围分段导出' }), jest.fn(), () => undefined)
  await expect(failed).rejects.toThrow('请缩短时间范围')
  expect(errorMessage(await failed.catch((e: unknown) => e))).toBe('该时段核销超过 100000 笔，请缩短时间范围分段导出')
})
