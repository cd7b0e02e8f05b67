// The invitation form: a one-county admin's county is chosen for them, the check stays at its
// row until the scope is chosen again, and a refused organisation is named in the refusal.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { AdminScope, Divisions } from '@/components/admin/shared'
import { CallError } from '@/services/cloud'
import { useInviteForm, type Invitation, type InviteForm } from './use-invite-form'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }
const { markChanged } = jest.requireMock('@/services/changes') as { markChanged: jest.Mock }

const divisions = {
  counties: [
    { code: '441802', name: '清城区', townships: [{ code: '441802006', name: '东城街道' }] },
    { code: '441803', name: '清新区', townships: [] },
  ],
} as unknown as Divisions
const countyScope = { city: false, counties: [{ code: '441802', name: '清城区' }], label: '' } as unknown as AdminScope
const cityScope = { city: true, counties: [], label: '' } as unknown as AdminScope

function mountForm(scope: AdminScope, onCreated: (inv: Invitation) => void = () => undefined): () => InviteForm {
  return mountHook(() => useInviteForm(scope, divisions, onCreated))
}

beforeEach(() => {
  call.mockReset()
  markChanged.mockClear()
})

test('a county admin of one county has it chosen; the city admin picks among all', () => {
  const county = mountForm(countyScope)
  expect(county().countyFixed).toBe(true)
  expect(county().fields.countyCode).toBe('441802')
  expect(county().counties.map((c) => c.code)).toEqual(['441802'])
  const city = mountForm(cityScope)
  expect(city().countyFixed).toBe(false)
  expect(city().counties).toHaveLength(2)
})

test('a missing township stays at its row, sends nothing, and goes when a township is chosen', async () => {
  const form = mountForm(countyScope)
  await act(async () => void (await form().submit()))
  expect(form().errors.scopeId).toBe('请选择镇街')
  expect(call).not.toHaveBeenCalled()
  act(() => form().pickTownship('441802006'))
  expect(form().errors.scopeId).toBeUndefined()
  expect(form().township?.name).toBe('东城街道')
})

test('a sent invitation is shown, the home page told, and the note cleared', async () => {
  const inv = { code: 'ABC123' } as Invitation
  call.mockResolvedValue(inv)
  const created = jest.fn()
  const form = mountForm(countyScope, created)
  act(() => form().pickTownship('441802006'))
  act(() => form().setNote(' 王小明 '))
  await act(async () => void (await form().submit()))
  expect(call).toHaveBeenCalledWith('grants.createInvitation', { role: 'township_staff', scopeId: '441802006', expiresInDays: 7, note: '王小明' })
  expect(created).toHaveBeenCalledWith(inv)
  expect(markChanged).toHaveBeenCalledWith('home')
  expect(form().fields.note).toBe('')
})

test('an organisation the function no longer knows is named at the scope row', async () => {
  call.mockRejectedValue(new CallError({ code: 'INVALID_INPUT', field: 'scopeId', message: 'unknown' }))
  const form = mountForm(cityScope)
  act(() => form().pickRole('merchant'))
  act(() => form().pickOrganisation({ id: 'm1', name: '清城茶铺', countyName: '清城区' } as never))
  await act(async () => void (await form().submit()))
  expect(form().errors.scopeId).toBe('「清城茶铺」已不是有效的商家，请重新选择')
  act(() => form().pickRole('employer'))
  expect(form().fields.organisation).toBeNull()
  expect(form().errors.scopeId).toBeUndefined()
})
