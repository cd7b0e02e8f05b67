// The printed code: asked for once its tab shows, a failure said with a retry, previewed once there.
import { act } from 'react-test-renderer'
import { renderHookAsync } from '@/components/ui/test-harness'
import { usePoster } from './use-poster'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { previewImage: jest.fn() } }))
jest.mock('@/services/cloud', () => ({ call: jest.fn(), errorMessage: (err: Error) => err.message }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { previewImage: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call

async function mount(shown: boolean) {
  const hook = await renderHookAsync((visible: boolean) => usePoster('st_1', visible), shown)
  return { now: hook.now, show: () => hook.rerenderAsync(true) }
}

beforeEach(() => jest.clearAllMocks())

test('nothing is asked until the tab shows; then once', async () => {
  call.mockResolvedValue({ imageUrl: 'cloud://poster.png' })
  const p = await mount(false)
  expect(call).not.toHaveBeenCalled()
  expect(p.now().poster).toEqual({ kind: 'idle' })
  act(() => p.now().preview())
  expect(taro.previewImage).not.toHaveBeenCalled()
  await p.show()
  await p.show()
  expect(call).toHaveBeenCalledTimes(1)
  expect(call).toHaveBeenCalledWith('station.printCode', { id: 'st_1' })
  expect(p.now().poster).toEqual({ kind: 'ready', url: 'cloud://poster.png' })
  act(() => p.now().preview())
  expect(taro.previewImage).toHaveBeenCalledWith({ urls: ['cloud://poster.png'], current: 'cloud://poster.png' })
})

test('no image, or a failure, is said; a retry asks again', async () => {
  call.mockResolvedValueOnce({ imageUrl: '' })
  const p = await mount(true)
  expect(p.now().poster).toEqual({ kind: 'error', message: '小程序码生成失败，请稍后重试' })
  call.mockRejectedValueOnce(new Error('今日生成次数已用完'))
  await act(async () => p.now().retry())
  expect(p.now().poster).toEqual({ kind: 'error', message: '今日生成次数已用完' })
  call.mockResolvedValueOnce({ imageUrl: 'cloud://poster.png' })
  await act(async () => p.now().retry())
  expect(p.now().poster.kind).toBe('ready')
})
