// A page's action on a tap: one at a time, busy under its key, a toast and the pages marked once it
// went through, the page reloaded; a refusal in a modal, nothing marked, and the page free again.
import { act } from 'react-test-renderer'
import { mountHook, renderHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { useAction, type Action, type ActionOptions } from './action'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })) } }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((res) => {
    resolve = res
  })
  return { promise, resolve }
}

const mountAction = (options: ActionOptions): (() => Action) => mountHook(() => useAction(options))

beforeEach(() => {
  jest.clearAllMocks()
  takeChanged('list-a')
  takeChanged('list-b')
})

test('a second tap while one is under way sends nothing; busy names the key until it ends; then the toast, the marks and the reload', async () => {
  const reload = jest.fn(() => Promise.resolve())
  const action = mountAction({ changed: ['list-a', 'list-b'], reload })
  const pending = deferred()
  const send = jest.fn(() => pending.promise)
  let first!: Promise<boolean>
  let second!: Promise<boolean>
  await act(async () => {
    first = action().run('up:s1', send, '已提交报名')
    second = action().run('cancel:s1', send, '已取消报名')
  })
  expect(action().busy).toBe('up:s1')
  expect(await second).toBe(false)
  expect(reload).not.toHaveBeenCalled()
  await act(async () => {
    pending.resolve()
    await first
  })
  expect(await first).toBe(true)
  expect(send).toHaveBeenCalledTimes(1)
  expect(action().busy).toBe('')
  expect(taro.showToast).toHaveBeenCalledWith({ title: '已提交报名', icon: 'success' })
  expect(taro.showToast).toHaveBeenCalledTimes(1)
  expect(reload).toHaveBeenCalledTimes(1)
  expect(takeChanged('list-a')).toBe(true)
  expect(takeChanged('list-b')).toBe(true)
})

test('a refusal is a modal with the function’s words: no toast, nothing marked, no reload, and the page is free again', async () => {
  const reload = jest.fn(() => Promise.resolve())
  const action = mountAction({ changed: ['list-a'], reload })
  let sent!: boolean
  await act(async () => {
    sent = await action().run('join', () => Promise.reject(new CallError({ code: 'CONFLICT', message: '团队已满员' })), '已加入团队')
  })
  expect(sent).toBe(false)
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '没有成功', content: '团队已满员', showCancel: false }))
  expect(taro.showToast).not.toHaveBeenCalled()
  expect(reload).not.toHaveBeenCalled()
  expect(takeChanged('list-a')).toBe(false)
  expect(action().busy).toBe('')
  await act(async () => {
    sent = await action().run('join', () => Promise.resolve())
  })
  // Went through without a word to say: no toast, the page reloaded.
  expect(sent).toBe(true)
  expect(taro.showToast).not.toHaveBeenCalled()
  expect(reload).toHaveBeenCalledTimes(1)
})

test('the latest options count: a page whose reload changed reloads with the new one', async () => {
  const first = jest.fn(() => Promise.resolve())
  const later = jest.fn(() => Promise.resolve())
  const action = renderHook((options: ActionOptions) => useAction(options), { reload: first })
  action.rerender({ reload: later })
  await act(async () => {
    await action.now().run('x', () => Promise.resolve())
  })
  expect(first).not.toHaveBeenCalled()
  expect(later).toHaveBeenCalledTimes(1)
})
