// An export job followed to its end: every answer shown, the finished file returned, a failure said in its words.
import { act } from 'react-test-renderer'
import type { ExportJob } from '@contract/jobs'
import { CallError, errorMessage } from '@/services/cloud'
import { renderHook } from '@/components/ui/test-harness'
import { untilDone, useExportJob } from './use-export-job'

jest.mock('@tarojs/taro', () => {
  const storage = new Map<string, unknown>()
  return {
    __esModule: true,
    default: {
      storage,
      getStorageSync: (key: string) => storage.get(key) ?? '',
      setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
      removeStorageSync: (key: string) => void storage.delete(key),
    },
  }
})
const storage = (jest.requireMock('@tarojs/taro') as { default: { storage: Map<string, unknown> } }).default.storage

const job = (over: Partial<ExportJob>): ExportJob => ({
  jobId: 'a'.repeat(24), status: 'running', done: 0, total: 0, percent: 0, fileName: '志愿服务时长-全市-2026-11.xlsx', fileUrl: '', rows: 0, error: '', createdAt: '', expiresAt: '', ...over,
})

test('asks after a running job until it is done, telling each answer', async () => {
  const answers = [job({ done: 40, total: 100, percent: 40 }), job({ status: 'done', done: 100, total: 100, percent: 100, fileUrl: 'https://files/x.xlsx', rows: 12 })]
  const ask = jest.fn((id: string) => Promise.resolve({ ...answers.shift()!, jobId: id }))
  const seen: number[] = []
  const wait = jest.fn(() => Promise.resolve())
  const done = await untilDone(job({}), ask, (j) => seen.push(j.percent), { wait })
  expect(done).toMatchObject({ status: 'done', fileUrl: 'https://files/x.xlsx', rows: 12 })
  expect(seen).toEqual([0, 40, 100])
  expect(ask).toHaveBeenCalledTimes(2)
  expect(wait).toHaveBeenCalledTimes(2)
})

test('once the page has gone, nobody is asked and nothing settles', async () => {
  const ask = jest.fn()
  let settled = false
  void untilDone(job({}), ask, () => undefined, { wait: () => Promise.resolve(), gone: () => true }).then(() => (settled = true))
  await new Promise((resolve) => setTimeout(resolve, 10))
  expect(ask).not.toHaveBeenCalled()
  expect(settled).toBe(false)
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

test('a job left running when the page closed is asked after again for the same figures, not started anew', async () => {
  storage.clear()
  const start = jest.fn(() => Promise.resolve(job({ jobId: 'b'.repeat(24) })))
  const ask = jest.fn((id: string) => Promise.resolve(job({ jobId: id, status: 'done', percent: 100, fileUrl: 'u' })))
  storage.set('export-job:2026-11', 'c'.repeat(24))
  const hook = renderHook(() => useExportJob<ExportJob>('2026-11'))
  expect(hook.now().resumable).toBe(true)
  let done!: ExportJob
  await act(async () => {
    done = await hook.now().follow(start, ask)
  })
  expect(done.jobId).toBe('c'.repeat(24))
  expect(start).not.toHaveBeenCalled()
  expect(storage.has('export-job:2026-11')).toBe(false)
  // Other figures have nothing waiting.
  expect(renderHook(() => useExportJob<ExportJob>('2026-10')).now().resumable).toBe(false)
})

test('a job left running that has expired is made anew', async () => {
  storage.clear()
  storage.set('export-job:2026-11', 'c'.repeat(24))
  const start = jest.fn(() => Promise.resolve(job({ status: 'done', percent: 100, fileUrl: 'new' })))
  const ask = jest.fn(() => Promise.reject(new CallError({ code: 'NOT_FOUND', message: '没有找到这个导出任务（可能已过期），请重新导出' })))
  const hook = renderHook(() => useExportJob<ExportJob>('2026-11'))
  let done!: ExportJob
  await act(async () => {
    done = await hook.now().follow(start, ask)
  })
  expect(done.fileUrl).toBe('new')
  expect(start).toHaveBeenCalledTimes(1)
})
