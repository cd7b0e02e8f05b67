// A form's send: one at a time, the form's own check first, a confirmation, and the function's
// refusal at the row of the field it names.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { stopMessage } from '@/services/forms'
import { rowsWithErrors, useSubmit, type Submit, type SubmitOptions } from './submit'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; pageScrollTo: jest.Mock } }).default

type Row = 'name' | 'location' | 'radius'
const ROWS: readonly Row[] = ['name', 'location', 'radius']
const rowOfField = (field: string): Row | null => (field.startsWith('location') ? 'location' : field === 'radiusM' ? 'radius' : field === 'name' ? 'name' : null)

/** Renders a component that only holds the hook, and hands out its latest answer. */
function mountSubmit(options: SubmitOptions = {}): () => Submit<Row> {
  return mountHook(() => useSubmit(ROWS, rowOfField, options))
}

function deferred() {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  taro.showToast.mockClear()
  taro.pageScrollTo.mockClear()
})

test('the rows a check stopped at keep the form’s order, and the toast counts them', () => {
  expect(rowsWithErrors({ radius: '请填写签到半径', name: '请填写驿站名称', other: 'x' }, ROWS)).toEqual(['name', 'radius'])
  expect(stopMessage(1)).toBe('请按提示修改后再保存')
  expect(stopMessage(3)).toBe('还有 3 项需要修改')
})

test('a second tap while a send is under way sends nothing; busy holds until it ends', async () => {
  const form = mountSubmit()
  const pending = deferred()
  const send = jest.fn(() => pending.promise)
  let first!: Promise<boolean>
  let second!: Promise<boolean>
  await act(async () => {
    first = form().submit({ send })
    second = form().submit({ send })
  })
  expect(form().busy).toBe(true)
  await act(async () => {
    pending.resolve()
    await first
  })
  expect(await second).toBe(false)
  expect(await first).toBe(true)
  expect(send).toHaveBeenCalledTimes(1)
  expect(form().busy).toBe(false)
  // What was sent passed the check: the form starts clean again.
  expect(form().tried).toBe(false)
})

test('the form’s own check stops the send and scrolls to the first row it names', async () => {
  const form = mountSubmit()
  const send = jest.fn(() => Promise.resolve())
  let sent!: boolean
  await act(async () => {
    sent = await form().submit({ check: () => ({ radius: '请填写签到半径', location: '请在地图上选择驿站位置' }), send })
  })
  expect(sent).toBe(false)
  expect(send).not.toHaveBeenCalled()
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-location' }))
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '还有 2 项需要修改' }))
  expect(form().tried).toBe(true)
})

test('a refused confirmation sends nothing and leaves the form free', async () => {
  const form = mountSubmit()
  const send = jest.fn(() => Promise.resolve())
  await act(async () => {
    expect(await form().submit({ confirm: () => Promise.resolve(false), send })).toBe(false)
  })
  expect(send).not.toHaveBeenCalled()
  await act(async () => {
    expect(await form().submit({ confirm: () => true, send })).toBe(true)
  })
  expect(send).toHaveBeenCalledTimes(1)
})

test('the function’s refusal of a field stands at its row until the field is edited; other refusals are a toast', async () => {
  const form = mountSubmit()
  await act(async () => {
    await form().submit({ send: () => Promise.reject(new CallError({ code: 'INVALID_INPUT', message: '纬度超出范围', field: 'location.lat' })) })
  })
  expect(form().serverErrors).toEqual({ location: '纬度超出范围' })
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-location' }))
  expect(form().busy).toBe(false)

  act(() => form().clearError('location'))
  expect(form().serverErrors.location).toBeUndefined()

  await act(async () => {
    await form().submit({ send: () => Promise.reject(new CallError({ code: 'CONFLICT', message: '名称已被其他驿站使用' })) })
  })
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '名称已被其他驿站使用' }))
  expect(form().serverErrors).toEqual({ location: undefined })
})

test('a send that succeeds forgets what the function said before', async () => {
  const form = mountSubmit()
  act(() => form().markError('name', '名称已被其他驿站使用'))
  expect(form().serverErrors.name).toBe('名称已被其他驿站使用')
  await act(async () => {
    await form().submit({ send: () => Promise.resolve() })
  })
  expect(form().serverErrors).toEqual({})
})

test('a form that submits says 提交, and a refusal of no row may go to the form’s own banner', async () => {
  const banner = jest.fn()
  const form = mountSubmit({ verb: '提交', elsewhere: banner })
  await act(async () => {
    await form().submit({ check: () => ({ name: '请填写姓名' }), send: () => Promise.resolve() })
  })
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请按提示修改后再提交' }))
  await act(async () => {
    await form().submit({ send: () => Promise.reject(new CallError({ code: 'CONFLICT', message: '该身份证号已有注册' })) })
  })
  expect(banner).toHaveBeenCalledWith('该身份证号已有注册')
  expect(taro.showToast).toHaveBeenCalledTimes(1)
})
