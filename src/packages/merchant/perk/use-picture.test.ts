// The perk's picture: checked when chosen, uploaded when sent, a failed upload at its row.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { usePicture } from './use-picture'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn() } }))
jest.mock('@/services/pictures', () => ({ ...jest.requireActual('@/services/pictures'), pickPictures: jest.fn() }))
jest.mock('@/services/files', () => ({ uploadPath: (user: string, name: string) => `uploads/${user}/${name}`, uploadFile: jest.fn() }))
jest.mock('@/components/admin/shared', () => ({ loadAccount: jest.fn(() => Promise.resolve({ userId: 'u1' })) }))

const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock } }).default
const pickPictures = (jest.requireMock('@/services/pictures') as { pickPictures: jest.Mock }).pickPictures
const uploadFile = (jest.requireMock('@/services/files') as { uploadFile: jest.Mock }).uploadFile

function mount() {
  const markError = jest.fn()
  const clearError = jest.fn()
  return { picture: mountHook(() => usePicture(markError, clearError)), markError, clearError }
}

test('no picture chosen: nothing to upload', async () => {
  const { picture } = mount()
  expect(await picture().upload()).toBeUndefined()
  expect(uploadFile).not.toHaveBeenCalled()
})

test('a picture of the wrong kind is refused at its row and not kept', async () => {
  const { picture, markError } = mount()
  pickPictures.mockResolvedValue([{ path: '/tmp/a.gif', name: 'a.gif', size: 1000 }])
  await act(() => picture().choose())
  expect(markError).toHaveBeenCalledWith('pictureFileId', expect.stringContaining('JPG'))
  expect(picture().path).toBe('')
})

test('a good picture is kept, uploaded on send; a failed upload is a refusal at the picture’s row', async () => {
  const { picture, clearError } = mount()
  pickPictures.mockResolvedValue([{ path: '/tmp/a.jpg', name: 'a.jpg', size: 1000 }])
  await act(() => picture().choose())
  expect(picture().path).toBe('/tmp/a.jpg')
  expect(clearError).toHaveBeenCalledWith('pictureFileId')

  uploadFile.mockResolvedValueOnce('cloud://a.jpg')
  expect(await picture().upload()).toBe('cloud://a.jpg')
  expect(uploadFile).toHaveBeenCalledWith('uploads/u1/a.jpg', '/tmp/a.jpg')

  uploadFile.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '上传失败，请重试' }))
  await expect(picture().upload()).rejects.toMatchObject({ field: 'pictureFileId', message: '上传失败，请重试' })
})

test('a failed pick says so', async () => {
  const { picture } = mount()
  pickPictures.mockRejectedValue(new Error('no album'))
  await act(() => picture().choose())
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有选到图片，请重试' }))
})
