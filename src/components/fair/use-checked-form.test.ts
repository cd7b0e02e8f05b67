// A fair form's fields, its messages and its save through useSubmit.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { useCheckedForm, type CheckedForm } from './use-checked-form'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; pageScrollTo: jest.Mock } }).default

type Fields = { name: string; seats: string }
type Row = 'name' | 'seats'
const ROWS: readonly Row[] = ['name', 'seats']
const rowOfField = (field: string): Row | null => (field === 'capacity' ? 'seats' : field === 'name' ? 'name' : null)
/** Both filled in, the seats a number: the request is { name, capacity }. */
function check(f: Fields) {
  const errors: Partial<Record<Row, string>> = {}
  if (!f.name.trim()) errors.name = '请填写名称'
  if (!/^\d+$/.test(f.seats)) errors.seats = '请填写名额'
  return Object.keys(errors).length ? { errors } : { errors, input: { name: f.name.trim(), capacity: Number(f.seats) } }
}

type Form = CheckedForm<Fields, Row, { name: string; capacity: number }>

function mountForm(initial: Fields): () => Form {
  return mountHook(() => useCheckedForm(initial, ROWS, rowOfField, check))
}

beforeEach(() => {
  taro.showToast.mockClear()
  taro.pageScrollTo.mockClear()
})

test('the form’s own messages show only once a save was asked for, and follow the edits', async () => {
  const form = mountForm({ name: '', seats: '' })
  expect(form().errorOf('name')).toBeUndefined()
  const send = jest.fn(() => Promise.resolve())
  await act(async () => {
    expect(await form().save(send)).toBe(false)
  })
  expect(send).not.toHaveBeenCalled()
  expect(form().errorOf('name')).toBe('请填写名称')
  expect(form().errorOf('seats')).toBe('请填写名额')
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '还有 2 项需要修改' }))
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-name' }))
  act(() => form().set('name', '青少年宫'))
  expect(form().errorOf('name')).toBeUndefined()
  expect(form().errorOf('seats')).toBe('请填写名额')
})

test('the checked request is what is confirmed and sent; a refused confirmation sends nothing', async () => {
  const form = mountForm({ name: ' 青少年宫 ', seats: '200' })
  const send = jest.fn(() => Promise.resolve())
  const confirm = jest.fn(() => Promise.resolve(false))
  await act(async () => {
    expect(await form().save(send, confirm)).toBe(false)
  })
  expect(confirm).toHaveBeenCalledWith({ name: '青少年宫', capacity: 200 })
  expect(send).not.toHaveBeenCalled()
  await act(async () => {
    expect(await form().save(send)).toBe(true)
  })
  expect(send).toHaveBeenCalledWith({ name: '青少年宫', capacity: 200 })
})

test('the function’s refusal stands at its row until an edit that answers it', async () => {
  const form = mountForm({ name: '青少年宫', seats: '10' })
  await act(async () => {
    await form().save(() => Promise.reject(new CallError({ code: 'INVALID_INPUT', message: '名额不能少于已报名的 12 人', field: 'capacity' })))
  })
  expect(form().errorOf('seats')).toBe('名额不能少于已报名的 12 人')
  expect(form().busy).toBe(false)
  // An edit of another row leaves it; the seats' own edit answers it.
  act(() => form().set('name', '文化馆', 'name'))
  expect(form().errorOf('seats')).toBe('名额不能少于已报名的 12 人')
  act(() => form().set('seats', '20', 'seats'))
  expect(form().errorOf('seats')).toBeUndefined()
  expect(form().fields).toEqual({ name: '文化馆', seats: '20' })
})
