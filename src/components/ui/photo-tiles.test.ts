// Choosing a form's photos: the room left bounds the choice, a file that is not a picture is named
// (a modal, or the form's own line) and the others kept, a failure is a toast and a cancel silent.
import { pickPhotos } from './photo-tiles'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })) } }))
jest.mock('@/services/pictures', () => ({ ...jest.requireActual('@/services/pictures'), pickPictures: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default
const pickPictures = (jest.requireMock('@/services/pictures') as { pickPictures: jest.Mock }).pickPictures

const file = (name: string) => ({ path: `blob:${name}`, name, size: 1000 })

beforeEach(() => jest.clearAllMocks())

test('only the room left is asked for; pictures are kept in order', async () => {
  pickPictures.mockResolvedValue([file('a.jpg'), file('b.png')])
  expect(await pickPhotos(2)).toEqual(['blob:a.jpg', 'blob:b.png'])
  expect(pickPictures).toHaveBeenCalledWith(2)
  expect(taro.showModal).not.toHaveBeenCalled()
  // At the limit nothing is asked.
  expect(await pickPhotos(0)).toEqual([])
  expect(pickPictures).toHaveBeenCalledTimes(1)
})

test('a file that is not a picture is named in a modal, or on the form’s own line, and the others are kept', async () => {
  pickPictures.mockResolvedValue([file('a.jpg'), file('合同.pdf')])
  expect(await pickPhotos(3)).toEqual(['blob:a.jpg'])
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '这不是照片', content: expect.stringContaining('「合同.pdf」不是图片') }))
  const problem = jest.fn()
  expect(await pickPhotos(3, { problem })).toEqual(['blob:a.jpg'])
  expect(problem).toHaveBeenCalledWith(expect.stringContaining('「合同.pdf」不是图片'))
  expect(taro.showModal).toHaveBeenCalledTimes(1)
  // A form of pictures (a cover, a screenshot) says 图片.
  await pickPhotos(3, { noun: '图片' })
  expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '这不是图片' }))
})

test('a failure is a toast; a cancel says nothing', async () => {
  pickPictures.mockRejectedValueOnce(new Error('chooseMedia:fail no permission'))
  expect(await pickPhotos(1)).toEqual([])
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有选到照片，请重试' }))
  pickPictures.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' })
  expect(await pickPhotos(1)).toEqual([])
  expect(taro.showToast).toHaveBeenCalledTimes(1)
})
