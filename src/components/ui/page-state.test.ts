// What a failed call means for the page that made it, and a list's first page as a page state.
import { CallError } from '@/services/cloud'
import { failureState } from './page-state'
import { listState, type PagedList } from './paged'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, usePullDownRefresh: () => undefined, useReachBottom: () => undefined }))

const devTools = process.env.TARO_APP_DEV_TOOLS
afterEach(() => {
  process.env.TARO_APP_DEV_TOOLS = devTools
})

test('refused, absent and failed calls become the page states that say so, in the function’s words', () => {
  expect(failureState(new CallError({ code: 'FORBIDDEN', message: '仅限镇街团委使用' }))).toEqual({ kind: 'denied', message: '仅限镇街团委使用' })
  expect(failureState(new CallError({ code: 'NOT_FOUND', message: '驿站不存在' }))).toEqual({ kind: 'not-found', message: '驿站不存在' })
  expect(failureState(new CallError({ code: 'NETWORK', message: '网络不太稳定，请稍后重试' }))).toEqual({ kind: 'error', message: '网络不太稳定，请稍后重试' })
  expect(failureState(new Error('boom'))).toEqual({ kind: 'error', message: '操作失败，请稍后再试' })
})

test('no identity is a state only in development builds (the persona switcher); elsewhere an error', () => {
  const unauthenticated = new CallError({ code: 'UNAUTHENTICATED', message: '请在微信中打开小程序后再试' })
  process.env.TARO_APP_DEV_TOOLS = 'true'
  expect(failureState(unauthenticated)).toEqual({ kind: 'no-identity' })
  process.env.TARO_APP_DEV_TOOLS = 'false'
  expect(failureState(unauthenticated)).toEqual({ kind: 'error', message: '请在微信中打开小程序后再试' })
})

test('a list’s first page: loading until it comes, then its items, or the failure', () => {
  const list = (over: Partial<PagedList<number>>): PagedList<number> => ({ items: [], total: 0, status: 'idle', error: '', loadingMore: false, hasMore: false, reload: async () => undefined, loadMore: async () => undefined, setItems: () => undefined, ...over })
  expect(listState(list({ status: 'idle' }))).toEqual({ kind: 'loading' })
  expect(listState(list({ status: 'loading', items: [1] }))).toEqual({ kind: 'loading' })
  expect(listState(list({ status: 'ready', items: [1, 2], total: 140 }))).toEqual({ kind: 'ready', data: [1, 2] })
  expect(listState(list({ status: 'error', error: '加载失败' }))).toEqual({ kind: 'error', message: '加载失败' })
})
