// Signing up for a fair, changing the positions and cancelling, as the detail page's hook does it.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { FairView, MySignupView, PositionView } from '@contract/fair'
import { CallError } from '@/services/cloud'
import { choiceChanged, useSignup, type SignupCan } from './use-signup'
import { barMode } from './bar-mode'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })), pageScrollTo: jest.fn(() => Promise.resolve()) },
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/notices', () => ({ askForNotices: jest.fn(() => Promise.resolve([])) }))
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock; pageScrollTo: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call
const markChanged = (jest.requireMock('@/services/changes') as { markChanged: jest.Mock }).markChanged

const mineOf = (over: Partial<MySignupView> = {}): MySignupView => ({ id: 's1', status: 'confirmed', waitingRank: 0, positionIds: ['p1'], checkedInAt: '', createdAt: '2026-05-01T02:00:00.000Z', ...over })

function fairOf(over: Partial<FairView> = {}): FairView {
  return {
    id: 'f1',
    title: '岗位对接会',
    date: '2026-06-01',
    startTime: '09:00',
    endTime: '12:00',
    venue: '青少年宫',
    address: '北江一路 8 号',
    location: null,
    signupOpensAt: '2026-05-01T00:00:00.000Z',
    signupClosesAt: '2026-05-30T10:00:00.000Z',
    capacity: 2,
    confirmed: 0,
    waiting: 0,
    termEndsWithinDays: 180,
    allowRuralYouth: false,
    maxPositions: 2,
    description: '',
    status: 'published',
    phase: 'open',
    employers: [],
    positionCount: 3,
    openings: 3,
    mine: null,
    ...over,
  }
}

const position = (id: string) => ({ id }) as PositionView
const CAN: SignupCan = { open: true, applicant: true, selectable: true }

/** Mounts a component holding the hook for `fair`; hands out its latest answer and the fairs it reported. */
function mountSignup(fair: FairView, can: SignupCan = CAN) {
  const reported: FairView[] = []
  return { signup: mountHook(() => useSignup(fair, can, (f) => reported.push(f))), reported }
}

beforeEach(() => {
  taro.showToast.mockClear()
  taro.showModal.mockClear()
  taro.pageScrollTo.mockClear()
  call.mockReset()
  markChanged.mockClear()
})

test('positions are chosen up to the fair’s limit; someone who may not sign up is told why', () => {
  const { signup } = mountSignup(fairOf())
  act(() => signup().toggle(position('p1')))
  act(() => signup().toggle(position('p2')))
  act(() => signup().toggle(position('p3')))
  expect(signup().chosen).toEqual(['p1', 'p2'])
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '本场每人最多选择 2 个岗位' }))
  act(() => signup().toggle(position('p1')))
  expect(signup().chosen).toEqual(['p2'])

  const outsider = mountSignup(fairOf(), { open: true, applicant: false, selectable: false })
  act(() => outsider.signup().toggle(position('p1')))
  expect(outsider.signup().chosen).toEqual([])
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '注册成为志愿者并通过审核后才能报名' }))
})

test('the sheet needs a chosen position, and the sign-up needs the consent', async () => {
  const { signup } = mountSignup(fairOf())
  await act(() => signup().openSheet())
  expect(signup().sheet).toBe(false)
  expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先在下方选择想应聘的岗位' }))

  call.mockResolvedValueOnce({ name: '张三' })
  act(() => signup().toggle(position('p1')))
  await act(() => signup().openSheet())
  expect(signup().sheet).toBe(true)
  expect(signup().resume).toEqual({ kind: 'ready', resume: { name: '张三' } })

  await act(() => signup().signUp())
  expect(call).toHaveBeenCalledTimes(1)
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先勾选同意向用人单位提供简历' }))
})

test('a sign-up on the waiting list says the rank, and hands the fair back to the page', async () => {
  const { signup, reported } = mountSignup(fairOf())
  const after = fairOf({ waiting: 1, mine: mineOf({ status: 'waiting', waitingRank: 1, positionIds: ['p2'] }) })
  call.mockResolvedValueOnce({ name: '张三' }).mockResolvedValueOnce({ fair: after, signup: { status: 'waiting', waitingRank: 1, positionIds: ['p2'] } })
  act(() => signup().toggle(position('p2')))
  await act(() => signup().openSheet())
  act(() => signup().toggleConsent())
  await act(() => signup().signUp())
  expect(call).toHaveBeenLastCalledWith('fair.signUp', { fairId: 'f1', positionIds: ['p2'], shareResume: true })
  expect(reported).toEqual([after])
  expect(signup().sheet).toBe(false)
  expect(signup().busy).toBe('')
  expect(markChanged).toHaveBeenCalledWith('fairs')
  expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '已进入候补（第 1 位）' }))
})

test('a refusal the person can act on stays at the top of the page; other failures are a toast', async () => {
  const { signup } = mountSignup(fairOf())
  call.mockResolvedValueOnce({ name: '张三' }).mockRejectedValueOnce(new CallError({ code: 'CONFLICT', message: '你已报名同一天的另一场对接会' }))
  act(() => signup().toggle(position('p1')))
  await act(() => signup().openSheet())
  act(() => signup().toggleConsent())
  await act(() => signup().signUp())
  expect(signup().refusal).toBe('你已报名同一天的另一场对接会')
  expect(signup().sheet).toBe(false)
  expect(taro.pageScrollTo).toHaveBeenCalled()

  act(() => signup().clearRefusal())
  call.mockRejectedValueOnce(new CallError({ code: 'INTERNAL', message: '服务暂时不可用' }))
  await act(() => signup().openSheet())
  act(() => signup().toggleConsent())
  await act(() => signup().signUp())
  expect(signup().refusal).toBe('')
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '服务暂时不可用' }))
})

test('cancelling asks first; a waiting person leaves the list and the choices are cleared', async () => {
  const fair = fairOf({ mine: mineOf({ status: 'waiting', waitingRank: 3 }) })
  const { signup, reported } = mountSignup(fair)
  act(() => signup().setChosen(['p1']))

  taro.showModal.mockResolvedValueOnce({ confirm: false })
  await act(() => signup().cancel())
  expect(call).not.toHaveBeenCalled()
  expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '退出候补', content: expect.stringContaining('候补第 3 位') }))

  const after = fairOf()
  call.mockResolvedValueOnce({ fair: after })
  await act(() => signup().cancel())
  expect(call).toHaveBeenCalledWith('fair.cancel', { fairId: 'f1' })
  expect(reported).toEqual([after])
  expect(signup().chosen).toEqual([])
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已退出候补' }))
})

test('the bar offers what can be done now, and nothing once checked in', () => {
  const facts = { changed: false, applicant: true, whoReady: true }
  expect(barMode(fairOf(), facts)).toBe('signup')
  expect(barMode(fairOf(), { ...facts, applicant: false })).toBe('register')
  expect(barMode(fairOf(), { ...facts, applicant: false, whoReady: false })).toBe('none')
  expect(barMode(fairOf({ phase: 'upcoming' }), facts)).toBe('upcoming')
  expect(barMode(fairOf({ phase: 'closed' }), facts)).toBe('closed')
  expect(barMode(fairOf({ status: 'cancelled' }), facts)).toBe('none')
  expect(barMode(fairOf({ mine: mineOf() }), facts)).toBe('mine')
  expect(barMode(fairOf({ mine: mineOf() }), { ...facts, changed: true })).toBe('change')
  expect(barMode(fairOf({ phase: 'closed', mine: mineOf() }), { ...facts, changed: true })).toBe('mine')
  expect(barMode(fairOf({ mine: mineOf({ checkedInAt: '2026-06-01T01:00:00.000Z' }) }), facts)).toBe('none')
  expect(choiceChanged(['p1'], fairOf({ mine: mineOf() }))).toBe(false)
  expect(choiceChanged(['p1', 'p2'], fairOf({ mine: mineOf() }))).toBe(true)
  expect(choiceChanged(['p1'], fairOf())).toBe(false)
})
