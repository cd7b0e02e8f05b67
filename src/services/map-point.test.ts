// Picking a point on WeChat's map: where it opens, and what a cancel, a refused permission and
// any other failure leave.
import { fixed6 } from '@/components/ui/format'
import { chooseMapPoint, mapCentre } from './map-point'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { chooseLocation: jest.fn(), showModal: jest.fn(), showToast: jest.fn(), openSetting: jest.fn() } }))
const taro = (jest.requireMock('@tarojs/taro') as { default: Record<'chooseLocation' | 'showModal' | 'showToast' | 'openSetting', jest.Mock> }).default

beforeEach(() => jest.clearAllMocks())

test('coordinates keep six decimals; the map opens at the typed point only when it is one', () => {
  expect(fixed6(23.69752449)).toBe('23.697524')
  expect(fixed6(1.0000004)).toBe('1')
  expect(mapCentre('23.7', '113.05')).toEqual({ latitude: 23.7, longitude: 113.05 })
  expect(mapCentre('23.7', '')).toEqual({})
  expect(mapCentre('abc', '113')).toEqual({})
})

test('a chosen point comes back with its name and address', async () => {
  taro.chooseLocation.mockResolvedValue({ latitude: 23.7012, longitude: 113.0487, name: '青年之家', address: '' })
  await expect(chooseMapPoint('23.7', '113.05', '选择驿站位置')).resolves.toEqual({ latitude: 23.7012, longitude: 113.0487, name: '青年之家', address: '' })
  expect(taro.chooseLocation).toHaveBeenCalledWith({ latitude: 23.7, longitude: 113.05 })
})

test('a cancel is quiet; a refused permission asks to open the settings; anything else is a toast', async () => {
  taro.chooseLocation.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail cancel' })
  await expect(chooseMapPoint('', '', '选择驿站位置')).resolves.toBeNull()
  expect(taro.showModal).not.toHaveBeenCalled()
  expect(taro.showToast).not.toHaveBeenCalled()

  taro.chooseLocation.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail auth deny' })
  taro.showModal.mockResolvedValueOnce({ confirm: true })
  await expect(chooseMapPoint('', '', '选择驿站位置')).resolves.toBeNull()
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要位置权限', content: '选择驿站位置需要使用你的位置信息，请在设置中允许后重试。' }))
  expect(taro.openSetting).toHaveBeenCalled()

  taro.chooseLocation.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail system error' })
  await expect(chooseMapPoint('', '', '选择驿站位置')).resolves.toBeNull()
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '暂时无法打开地图选点，请稍后再试' }))
})
