// A course page's actions as its hook does them: sign up (asking for the notices first), cancel,
// complete a part; each reloads the page quietly and marks the lists; a refusal is shown, not thrown.
import { act } from 'react-test-renderer'
import { mountHookAsync, unmountHooks, until } from '@/components/ui/test-harness'
import { CallError } from '@/services/cloud'
import { useCourse } from './use-course'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })) } }))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/notices', () => ({ askForNotices: jest.fn(() => Promise.resolve([])) }))
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call
const askForNotices = (jest.requireMock('@/services/notices') as { askForNotices: jest.Mock }).askForNotices
const markChanged = (jest.requireMock('@/services/changes') as { markChanged: jest.Mock }).markChanged

const page = { course: { id: 'C000000000001' }, sessions: [] }

beforeEach(() => {
  jest.clearAllMocks()
  call.mockImplementation((name: string) => Promise.resolve(name === 'training.get' ? page : {}))
})
afterEach(() => unmountHooks())

test('signing up asks for the notices first, then sends, marks the lists and reloads quietly', async () => {
  const now = await mountHookAsync(() => useCourse('C000000000001'))
  await until(() => now().page.state.kind === 'ready')
  await act(async () => {
    expect(await now().signUp('S000000000001')).toBe(true)
  })
  expect(askForNotices).toHaveBeenCalledWith(['review', 'reminder'])
  expect(askForNotices.mock.invocationCallOrder[0]).toBeLessThan(call.mock.invocationCallOrder.find((_o, i) => call.mock.calls[i][0] === 'training.signUp')!)
  expect(call).toHaveBeenCalledWith('training.signUp', { sessionId: 'S000000000001' })
  expect(markChanged).toHaveBeenCalledWith('trainings')
  expect(call.mock.calls.filter((c) => c[0] === 'training.get')).toHaveLength(2)
  expect(now().page.state.kind).toBe('ready')
})

test('a refusal is shown in the function’s words and changes nothing; a part and a cancellation send their own input', async () => {
  const now = await mountHookAsync(() => useCourse('C000000000001'))
  await until(() => now().page.state.kind === 'ready')
  call.mockImplementation((name: string) => (name === 'training.cancel' ? Promise.reject(new CallError({ code: 'CONFLICT', message: '培训已开始，不能取消报名' })) : Promise.resolve(name === 'training.get' ? page : {})))
  await act(async () => {
    expect(await now().cancel('S000000000001')).toBe(false)
  })
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '培训已开始，不能取消报名' }))
  expect(markChanged).not.toHaveBeenCalled()
  await act(async () => {
    expect(await now().completePart('p0a1b2c')).toBe(true)
  })
  expect(call).toHaveBeenCalledWith('training.completePart', { courseId: 'C000000000001', partId: 'p0a1b2c' })
  expect(askForNotices).not.toHaveBeenCalled()
})
