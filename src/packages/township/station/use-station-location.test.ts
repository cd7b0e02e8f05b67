// The station's point from the map (the address filled in when blank) or from where the staff
// member stands (the web build's reader), its accuracy warned of, a failure at the location row.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { Fields } from './check'
import { useStationLocation } from './use-station-location'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { chooseLocation: jest.fn(), showModal: jest.fn(), showToast: jest.fn(), openSetting: jest.fn() } }))
jest.mock('./here', () => ({ readHere: jest.fn(), hereProblem: () => '定位失败：请打开定位' }))
const taro = (jest.requireMock('@tarojs/taro') as { default: Record<'chooseLocation' | 'showToast', jest.Mock> }).default
const here = jest.requireMock('./here') as { readHere: jest.Mock }

const BLANK: Fields = { name: '', address: '', townshipCode: '', lat: '', lng: '', radius: '300', opensAt: '08:30', closesAt: '17:30', active: true }

function mount(start: Fields) {
  let fields = start
  const settled = jest.fn()
  const failed = jest.fn()
  const now = mountHook(() => useStationLocation(fields, (change) => (fields = change(fields)), settled, failed))
  return { now, fields: () => fields, settled, failed }
}

beforeEach(() => jest.clearAllMocks())

test('a point from the map fills in a blank address, and keeps a typed one', async () => {
  taro.chooseLocation.mockResolvedValue({ latitude: 23.70123456, longitude: 113.0487, name: '青年之家', address: '凤城街道新城中心区 2 号楼' })
  const blank = mount(BLANK)
  await act(() => blank.now().pick())
  expect(blank.fields()).toMatchObject({ lat: '23.701235', lng: '113.0487', address: '凤城街道新城中心区 2 号楼' })
  expect(blank.settled).toHaveBeenCalled()

  const typed = mount({ ...BLANK, address: '驿站一楼' })
  await act(() => typed.now().pick())
  expect(typed.fields().address).toBe('驿站一楼')
})

test('a cancelled map changes nothing', async () => {
  taro.chooseLocation.mockRejectedValue({ errMsg: 'chooseLocation:fail cancel' })
  const form = mount(BLANK)
  await act(() => form.now().pick())
  expect(form.fields()).toBe(BLANK)
  expect(form.settled).not.toHaveBeenCalled()
  expect(form.now().picking).toBe(false)
})

test('where the staff member stands: taken, a coarse reading warned of, a failure said at the row', async () => {
  here.readHere.mockResolvedValueOnce({ lat: 23.6975241, lng: 113.0554692, accuracy: 150 })
  const form = mount(BLANK)
  await act(() => form.now().locateHere!())
  expect(form.fields()).toMatchObject({ lat: '23.697524', lng: '113.055469' })
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '定位精度约 150 米，请核对坐标' }))

  here.readHere.mockRejectedValueOnce(new Error('denied'))
  await act(() => form.now().locateHere!())
  expect(form.failed).toHaveBeenCalledWith('定位失败：请打开定位')
  expect(form.now().locating).toBe(false)
})
