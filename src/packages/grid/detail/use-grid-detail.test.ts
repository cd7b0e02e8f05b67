// 上报详情: the matter loaded by its id; a step sent with the version on screen replaces the matter
// and closes the dialog; a step someone else took first reloads it and says so; another refusal
// stays in the dialog.
import { act } from 'react-test-renderer'
import { CallError } from '@/services/cloud'
import { useGridDetail, type GridDetail } from './use-grid-detail'
import { mountHook, unmountHooks, until } from '@/components/ui/test-harness'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })) },
  useRouter: () => ({ params: { id: 'g0123456789abcdef' } }),
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/files', () => ({ uploadFile: jest.fn(), uploadPath: jest.fn() }))

const taro = (jest.requireMock('@tarojs/taro') as { default: Record<string, jest.Mock> }).default
const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }

const matter = (over: Record<string, unknown> = {}) => ({ id: 'g0123456789abcdef', version: 2, status: 'accepted', can: { accept: false, assign: true, close: true, decline: true }, ...over })

beforeEach(() => {
  call.mockReset()
  for (const fn of Object.values(taro)) fn.mockClear()
})
afterEach(unmountHooks)

test('a step goes with the version on screen and shows what came back; one taken by someone else first reloads the matter', async () => {
  let current = matter()
  call.mockImplementation(async (name: string, input: Record<string, unknown>) => {
    if (name === 'grid.get') return current
    if (name === 'grid.assign') {
      expect(input).toEqual({ id: 'g0123456789abcdef', version: 2, assignee: { kind: 'department', name: '城管办', phone: '' }, note: '' })
      return matter({ version: 3, status: 'assigned' })
    }
    if (name === 'grid.close') throw new CallError({ code: 'CONFLICT', message: '该事项已被其他人处理，请刷新后再看', field: 'version' })
    if (name === 'grid.decline') throw new CallError({ code: 'INVALID_INPUT', message: '不予受理原因：至少 4 个字', field: 'reason' })
    throw new Error(`unexpected ${name}`)
  })
  const detail: () => GridDetail = mountHook(() => useGridDetail())
  await until(() => detail().state.kind === 'ready')
  expect(call).toHaveBeenCalledWith('grid.get', { id: 'g0123456789abcdef' })

  act(() => detail().setOpen('assign'))
  await act(() => detail().assign({ kind: 'department', name: '城管办', phone: '' }, ''))
  expect(detail().state).toMatchObject({ kind: 'ready', data: { status: 'assigned', version: 3 } })
  expect(detail().open).toBeNull()

  // Someone closed it first: the matter is read again, the refusal said in a modal.
  current = matter({ version: 4, status: 'closed', can: { accept: false, assign: false, close: false, decline: false } })
  act(() => detail().setOpen('close'))
  await act(() => detail().close('已处理完毕', []))
  await until(() => detail().state.kind === 'ready' && (detail().state as { data: { status: string } }).data.status === 'closed')
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '未能提交', content: '该事项已被其他人处理，请刷新后再看' }))
  expect(detail().open).toBeNull()

  // Any other refusal stays with the dialog (it shows the message).
  act(() => detail().setOpen('decline'))
  await expect(act(() => detail().decline('否'))).rejects.toThrow('不予受理原因：至少 4 个字')
  expect(detail().open).toBe('decline')
})
