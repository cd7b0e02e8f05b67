// Recording an outcome: who may have one, what is confirmed first, and the list after the answer.
import { act } from 'react-test-renderer'
import { mountHook } from '@/components/ui/test-harness'
import type { ApplicantView } from '@contract/fair'
import { useOutcome, withAnswer } from './use-outcome'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })) } }))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn() }))
jest.mock('@/services/changes', () => ({ markChanged: jest.fn() }))
const taro = (jest.requireMock('@tarojs/taro') as { default: { showToast: jest.Mock; showModal: jest.Mock } }).default
const call = (jest.requireMock('@/services/cloud') as { call: jest.Mock }).call

const choice = (positionId: string, outcome: ApplicantView['choices'][number]['outcome'] = null) => ({ positionId, positionTitle: `岗位${positionId}`, outcome, note: '', at: '' })
const applicant = (over: Partial<ApplicantView> = {}) =>
  ({ signupId: 's1', status: 'confirmed', checkedIn: true, mobile: '', resume: { name: '张三', mobileMasked: '139****1234' }, choices: [choice('p1'), choice('p2')], ...over }) as ApplicantView

function mountOutcome(list: ApplicantView[]) {
  const items = { current: list }
  return { edit: mountHook(() => useOutcome((update) => (items.current = update(items.current)))), items }
}

beforeEach(() => {
  taro.showToast.mockClear()
  taro.showModal.mockClear()
  call.mockReset()
})

test('only someone confirmed and checked in can have an outcome recorded', () => {
  const { edit } = mountOutcome([])
  act(() => edit().start(applicant({ status: 'waiting' }), choice('p1')))
  expect(edit().editing).toBeNull()
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '候补中：递补成功后才能登记结果' }))
  act(() => edit().start(applicant({ checkedIn: false }), choice('p1')))
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '签到入场后才能登记结果' }))
  act(() => edit().start(applicant(), choice('p1', 'interviewed')))
  expect(edit().editing).toMatchObject({ outcome: 'interviewed', note: '' })
})

test('a hire is confirmed first; the answer shows the mobile and the choice in the list', async () => {
  const { edit, items } = mountOutcome([applicant(), applicant({ signupId: 's2' })])
  act(() => edit().start(items.current[0], items.current[0].choices[1]))
  act(() => edit().change({ outcome: 'hired', note: ' 下周一入职 ' }))

  taro.showModal.mockResolvedValueOnce({ confirm: false })
  await act(() => edit().save())
  expect(call).not.toHaveBeenCalled()
  expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认录用' }))

  const recorded = { ...choice('p2', 'hired'), note: '下周一入职', at: '2026-06-01T02:00:00.000Z' }
  call.mockResolvedValueOnce({ signupId: 's1', mobile: '13912341234', checkedIn: true, choices: [choice('p1'), recorded] })
  await act(() => edit().save())
  expect(call).toHaveBeenCalledWith('fair.recordOutcome', { signupId: 's1', positionId: 'p2', outcome: 'hired', note: '下周一入职' })
  expect(edit().editing).toBeNull()
  expect(items.current[0]).toMatchObject({ mobile: '13912341234', choices: [choice('p1'), recorded] })
  expect(items.current[1].mobile).toBe('')
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已登记：已录用' }))
})

test('an answer without a mobile keeps the one already shown, and only the answered position changes', () => {
  const before = [applicant({ mobile: '13900000000' })]
  const after = withAnswer(before, { signupId: 's1', mobile: '', checkedIn: true, choices: [choice('p1', 'offered'), choice('p2', 'declined')] }, 'p1')
  expect(after[0].mobile).toBe('13900000000')
  expect(after[0].choices.map((c) => c.outcome)).toEqual(['offered', null])
})
