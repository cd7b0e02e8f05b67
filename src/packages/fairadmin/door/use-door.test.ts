// The door's work: checking in a code, finding someone by name and letting them in, each result in plain words.
import { act } from 'react-test-renderer'
import type { AdminSignupView, FairView } from '@contract/fair'
import { CallError } from '@/services/cloud'
import { mountHookAsync, unmountHooks } from '@/components/ui/test-harness'
import { headline, useDoor, type Door } from './use-door'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })), pageScrollTo: jest.fn(() => Promise.resolve()), scanCode: jest.fn() },
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showModal: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call

const CODE = 'E1.' + 'a'.repeat(40)
const fair = { id: 'f1', title: '春季对接会' } as FairView
const person: AdminSignupView = { id: 's1', name: '张*', kind: 'volunteer', townshipName: '石角镇', mobileMasked: '139****1234', status: 'confirmed', waitingRank: 0, positions: 2, checkedInAt: '', checkInMethod: null, createdAt: '' }

/** Answers fair.signups with nobody unless told otherwise; other calls as `answers` says. */
function answer(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  call.mockImplementation(async (name: string, input: Record<string, unknown>) => {
    if (answers[name]) return answers[name](input)
    if (name === 'fair.signups') return { total: 0, items: [] }
    throw new Error(`unexpected ${name}`)
  })
}

async function mountDoor(): Promise<() => Door> {
  return mountHookAsync(() => useDoor('f1', true, fair))
}

// Mounted pages, unmounted after each test (the search box's pause timer goes with them).
afterEach(unmountHooks)

beforeEach(() => {
  call.mockReset()
  taro.showModal.mockClear()
})

test('a refusal’s headline comes from the function’s words', () => {
  expect(headline(new CallError({ code: 'CONFLICT', message: '入场码已过期，请让报名者刷新' }))).toBe('入场码已过期')
  expect(headline(new CallError({ code: 'CONFLICT', message: '此人已于 09:12 签到' }))).toBe('此人已签到')
  expect(headline(new CallError({ code: 'FORBIDDEN', message: '仅本县团委可签到' }))).toBe('无权签到')
  expect(headline(new Error('network'))).toBe('无法签到')
})

test('text that is not an entry code is refused without asking the function', async () => {
  answer({})
  const door = await mountDoor()
  await act(() => door().checkIn('https://example.com'))
  expect(door().result).toEqual({ kind: 'refused', title: '这不是入场码', message: '请扫描报名者在「入场码」页面出示的二维码。' })
  expect(call).not.toHaveBeenCalledWith('fair.checkIn', expect.anything())
})

test('a code let in shows the person, warns of another fair’s code, and counts again', async () => {
  let count = 0
  answer({
    'fair.checkIn': () => ({ name: '张*', fairTitle: '秋季对接会', checkedInAt: '2026-06-01T01:30:00.000Z', positions: 2 }),
    'fair.signups': (input) => (input.attended ? { total: count++, items: [] } : { total: 0, items: [] }),
  })
  const door = await mountDoor()
  expect(door().attended?.total).toBe(0)
  act(() => door().setPasted(CODE))
  await act(() => door().checkIn(` ${CODE} `))
  expect(call).toHaveBeenCalledWith('fair.checkIn', { token: CODE })
  expect(door().result).toMatchObject({ kind: 'ok', name: '张*', otherFair: true, byName: false })
  expect(door().pasted).toBe('')
  expect(door().attended?.total).toBe(1)
})

test('someone found by name is let in after the confirmation, and the list shows them in', async () => {
  answer({
    'fair.signups': (input) => (input.keyword ? { total: 1, items: [person] } : { total: 0, items: [] }),
    'fair.checkInByName': () => ({ name: '张*', fairTitle: '春季对接会', checkedInAt: '2026-06-01T01:30:00.000Z', positions: 2 }),
  })
  const door = await mountDoor()
  await act(async () => door().search.search('1234'))
  expect(door().found).toMatchObject({ kind: 'ready', keyword: '1234', total: 1 })

  taro.showModal.mockResolvedValueOnce({ confirm: false })
  await act(() => door().admit(person))
  expect(call).not.toHaveBeenCalledWith('fair.checkInByName', expect.anything())

  await act(() => door().admit(person))
  expect(call).toHaveBeenCalledWith('fair.checkInByName', { signupId: 's1', reason: '手机无法出示入场码' })
  expect(door().result).toMatchObject({ kind: 'ok', byName: true, otherFair: false })
  const found = door().found
  expect(found.kind === 'ready' && found.items[0]).toMatchObject({ checkedInAt: '2026-06-01T01:30:00.000Z', checkInMethod: 'name' })
})

test('a search that is not a name or 4 digits says so', async () => {
  answer({})
  const door = await mountDoor()
  await act(async () => door().search.search('13912'))
  expect(door().found).toEqual({ kind: 'error', message: '按手机尾号查找请输入手机号后 4 位' })
})
