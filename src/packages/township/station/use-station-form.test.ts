// The station form: a new station's defaults, an edited one's fields, the save through useSubmit
// (the form's check, the 停用 confirmation, the function's refusal at its row) and going back.
import { act } from 'react-test-renderer'
import { mountHookAsync } from '@/components/ui/test-harness'
import type { StaffScope } from '@/components/township/shared'
import { CallError } from '@/services/cloud'
import { useStationForm, type Station } from './use-station-form'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showModal: jest.fn(), showToast: jest.fn(), pageScrollTo: jest.fn(() => Promise.resolve()) } }))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/components/admin/shared', () => ({ ...jest.requireActual('@/components/admin/shared'), loadDivisions: jest.fn() }))
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
jest.mock('@/services/navigation', () => ({ ...jest.requireActual('@/services/navigation'), goBackOr: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: Record<'showModal' | 'showToast' | 'pageScrollTo', jest.Mock> }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call
const loadDivisions = (jest.requireMock('@/components/admin/shared') as { loadDivisions: jest.Mock }).loadDivisions
const markChanged = (jest.requireMock('@/services/changes') as { markChanged: jest.Mock }).markChanged
const goBackOr = (jest.requireMock('@/services/navigation') as { goBackOr: jest.Mock }).goBackOr

const FENGCHENG = { code: '441802006', name: '凤城街道' }
const DIVISIONS = { counties: [{ code: '441802', name: '清城区', townships: [FENGCHENG, { code: '441802007', name: '东城街道' }] }] }
const staff = { city: false, counties: [], townships: [FENGCHENG], single: FENGCHENG } as unknown as StaffScope
const county = { city: false, counties: [{ code: '441802', name: '清城区' }], townships: [], single: null } as unknown as StaffScope

const STATION = {
  id: 'st_1',
  name: '凤城街道青年之家志愿服务驿站',
  address: '凤城街道新城中心区 2 号楼',
  townshipCode: '441802006',
  townshipName: '凤城街道',
  countyName: '清城区',
  location: { lat: 23.7012, lng: 113.0487 },
  radiusM: 200,
  opensAt: '08:30',
  closesAt: '17:30',
  active: true,
} as unknown as Station

async function mount(id: string, preset: string, scope: StaffScope) {
  return mountHookAsync(() => useStationForm(id, preset, scope))
}

beforeEach(() => {
  jest.clearAllMocks()
  loadDivisions.mockResolvedValue(DIVISIONS)
  call.mockImplementation((fn: string) => {
    if (fn === 'settings.get') return Promise.resolve({ defaultRadiusM: 300 })
    if (fn === 'station.get') return Promise.resolve(STATION)
    return Promise.reject(new Error(`unexpected ${fn}`))
  })
})

test('a new station of one township’s staff: that township, fixed; the settings’ radius', async () => {
  const form = await mount('', '', staff)
  expect(form().fields).toMatchObject({ townshipCode: '441802006', radius: '300', opensAt: '08:30', active: true })
  expect(form().fixedPlace).toBe(true)
  expect(form().placeText).toBe('清城区 · 凤城街道')
})

test('a county admin’s new station takes the township asked for, and may choose another', async () => {
  const form = await mount('', '441802007', county)
  expect(form().fields.townshipCode).toBe('441802007')
  expect(form().fixedPlace).toBe(false)
  expect(form().places[0].townships).toHaveLength(2)
})

test('the form’s check stops a save, says so at each row and scrolls to the first', async () => {
  const form = await mount('', '', staff)
  expect(form().errorOf('name')).toBeUndefined()
  await act(() => form().save())
  expect(call).not.toHaveBeenCalledWith('station.save', expect.anything())
  expect(form().errorOf('name')).toBeTruthy()
  expect(form().errorOf('location')).toBe('请在地图上选择驿站位置')
  expect(taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#field-name' }))
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringMatching(/^还有 \d+ 项需要修改$/) }))
})

test('switching a station off asks first; confirmed, it saves and goes back to the list', async () => {
  jest.useFakeTimers()
  const form = await mount('st_1', '', staff)
  expect(form().fields).toMatchObject({ name: STATION.name, lat: '23.7012', lng: '113.0487', radius: '200' })
  act(() => form().set('active', false))

  taro.showModal.mockResolvedValueOnce({ confirm: false })
  await act(() => form().save())
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '停用驿站', content: expect.stringContaining(`「${STATION.name}」`) }))
  expect(call).not.toHaveBeenCalledWith('station.save', expect.anything())

  taro.showModal.mockResolvedValueOnce({ confirm: true })
  call.mockResolvedValueOnce({ ...STATION, active: false })
  await act(() => form().save())
  expect(call).toHaveBeenLastCalledWith('station.save', expect.objectContaining({ id: 'st_1', active: false, radiusM: 200, location: { lat: 23.7012, lng: 113.0487 } }))
  expect(markChanged).toHaveBeenCalledWith('township-stations', 'township-home')
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已保存' }))
  expect(form().original?.active).toBe(false)
  act(() => {
    jest.advanceTimersByTime(700)
  })
  expect(goBackOr).toHaveBeenCalled()
  jest.useRealTimers()
})

test('the function’s refusal of a field stands at its row until that field is edited', async () => {
  const form = await mount('st_1', '', staff)
  call.mockRejectedValueOnce(new CallError({ code: 'INVALID_INPUT', message: '签到半径不能超过 1000 米', field: 'radiusM' }))
  await act(() => form().save())
  expect(form().errorOf('radius')).toBe('签到半径不能超过 1000 米')
  expect(form().saving).toBe(false)
  act(() => form().set('radius', '500'))
  expect(form().errorOf('radius')).toBeUndefined()
})
