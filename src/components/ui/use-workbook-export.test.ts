// An export that keeps its file: one at a time, opened at once, at hand to open again.
import { act } from 'react-test-renderer'
import { renderHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { useWorkbookExport } from './use-workbook-export'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn() } }))
jest.mock('@/services/files', () => ({ openWorkbook: jest.fn(() => Promise.resolve()) }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock } }).default
const openWorkbook = (jest.requireMock('@/services/files') as { openWorkbook: jest.Mock }).openWorkbook

type File = { fileUrl: string; fileName: string; rows: number }
const FILE: File = { fileUrl: 'https://files/report.xlsx', fileName: '对接会统计.xlsx', rows: 3 }

function mountExport(make: () => Promise<File>, options: Parameters<typeof useWorkbookExport<File>>[1] = {}) {
  const hook = renderHook((madeOf: string) => useWorkbookExport(make, { ...options, madeOf }), options.madeOf ?? '')
  const get = () => hook.now()
  get.filter = (madeOf: string) => hook.rerender(madeOf)
  return get
}

beforeEach(() => {
  taro.showToast.mockClear()
  openWorkbook.mockReset()
  openWorkbook.mockResolvedValue(undefined)
})

test('a second tap while the workbook is made makes nothing; the file opens and stays at hand', async () => {
  let finish!: (f: File) => void
  const make = jest.fn(() => new Promise<File>((resolve) => (finish = resolve)))
  const exp = mountExport(make)
  let first!: Promise<void>
  await act(async () => {
    first = exp().run()
    void exp().run()
  })
  expect(make).toHaveBeenCalledTimes(1)
  expect(exp().exporting).toBe(true)
  await act(async () => {
    finish(FILE)
    await first
  })
  expect(exp().exporting).toBe(false)
  expect(exp().exported).toEqual(FILE)
  expect(openWorkbook).toHaveBeenCalledWith(FILE)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已导出 Excel' }))
  act(() => exp().reopen())
  expect(openWorkbook).toHaveBeenCalledTimes(2)
})

test('a file that will not open is kept, and the toast says to open it again; a refusal is said in its words', async () => {
  openWorkbook.mockRejectedValueOnce(new Error('viewer'))
  const exp = mountExport(() => Promise.resolve(FILE))
  await act(() => exp().run())
  expect(exp().exported).toEqual(FILE)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '文件已生成，但打开失败，请点「重新打开」' }))

  const refused = mountExport(() => Promise.reject(new CallError({ code: 'FORBIDDEN', message: '对接会统计仅向团市委开放' })))
  await act(() => refused().run())
  expect(refused().exported).toBeNull()
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '对接会统计仅向团市委开放' }))
})

test('what was exported is said as the page words it, and other filters forget the file', async () => {
  const exp = mountExport(() => Promise.resolve(FILE), { madeOf: '2026-11', done: (f) => `已导出 ${f.rows} 名志愿者` })
  await act(async () => {
    await exp().run()
  })
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已导出 3 名志愿者' }))
  expect(exp().exported).toEqual(FILE)
  exp.filter('2026-10')
  expect(exp().exported).toBeNull()
})
