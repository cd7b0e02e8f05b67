// A form's fields and the messages at its rows.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { useSubmit } from '@/components/ui/submit'
import { shownErrors, useDraft } from './draft'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))

interface Fields {
  name: string
  lat: string
  lng: string
}
type Row = 'name' | 'location'
const ROWS: readonly Row[] = ['name', 'location']
const rowOf = (key: keyof Fields): Row => (key === 'name' ? 'name' : 'location')
const check = (f: Fields) => ({ ...(f.name ? {} : { name: '请填写商家名称' }), ...(f.lat && !f.lng ? { location: '请同时填写纬度和经度' } : {}) })

function mount() {
  const now = mountHook(() => {
    const form = useSubmit(ROWS, (field) => (field === 'name' ? 'name' : field.startsWith('location') ? 'location' : null))
    const draft = useDraft(() => ({ name: '', lat: '', lng: '' }), form, check, rowOf)
    return { draft, form }
  })
  return { draft: () => now().draft, form: () => now().form }
}

test('the check speaks only once a save was tried; the function’s word stands over it until its row is edited', () => {
  expect(shownErrors(false, { name: 'a' }, {})).toEqual({})
  expect(shownErrors(true, { name: 'a' }, { name: undefined, location: 'b' })).toEqual({ name: 'a', location: 'b' })
  expect(shownErrors(true, { name: 'a' }, { name: 'c' })).toEqual({ name: 'c' })
})

test('editing a field changes it and clears what the function said of its row', async () => {
  const { draft, form } = mount()
  expect(draft().shown).toEqual({})
  await act(async () => {
    await form().submit({ check: () => check(draft().fields), send: () => Promise.resolve() })
  })
  expect(draft().shown).toEqual({ name: '请填写商家名称' })

  act(() => draft().set('name', '连州菜馆'))
  expect(draft().fields.name).toBe('连州菜馆')
  expect(draft().shown).toEqual({})

  await act(async () => {
    await form().submit({ send: () => Promise.reject(new CallError({ code: 'INVALID_INPUT', message: '纬度超出范围', field: 'location.lat' })) })
  })
  expect(draft().shown).toEqual({ location: '纬度超出范围' })
  act(() => draft().set('lat', '23.7'))
  expect(draft().shown).toEqual({ location: '请同时填写纬度和经度' })
})
