// The 记录探访 form: its check (the function's rules, each problem at its row), where the
// function's refusals land, and the send (nothing sent while the check finds a problem).
import { act } from 'react-test-renderer'
import { check, rowOfField, rowsOf, splitNames, useVisitForm, type Fields } from './use-visit'
import { mountHook, unmountHooks } from '@/components/ui/test-harness'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { showToast: jest.fn(), showModal: jest.fn(() => Promise.resolve({ confirm: true })), pageScrollTo: jest.fn(() => Promise.resolve()) },
}))
jest.mock('@/services/cloud', () => ({ ...jest.requireActual('@/services/cloud'), call: jest.fn(() => Promise.resolve({})) }))

const { call } = jest.requireMock('@/services/cloud') as { call: jest.Mock }
afterEach(unmountHooks)

const good = (): Fields => ({
  visitDate: '2026-12-01',
  visitors: [],
  aspects: { housing: { rating: 'good', note: '' }, meals: { rating: 'good', note: '' }, office: { rating: 'fair', note: '' }, health: { rating: 'concern', note: '腰伤' }, work: { rating: 'good', note: '' } },
  needs: '',
  followUps: [{ text: '调配电脑', owner: '陈思敏', due: '2026-12-15' }],
})

test('a complete visit has no problems; each problem sits at its row, in the function’s words', () => {
  expect(check(good(), '李建国、陈思敏', '2026-12-05')).toEqual({})
  const bad = good()
  bad.visitDate = '2026-12-06'
  bad.aspects.meals.rating = ''
  bad.followUps[0].due = '2026-11-30'
  expect(check(bad, '', '2026-12-05')).toEqual({ visitDate: '探访日期不能晚于今天', visitors: '请填写探访人', 'aspects.meals': '请评价饮食情况', 'followUps.0': '完成期限不能早于探访日期' })
  expect(check({ ...good(), needs: '请拨 13800138000' }, '李建国', '2026-12-05').needs).toMatch(/需求/)
})

test('fields the function names land on their rows; names split at 、 and commas', () => {
  expect(rowOfField('aspects.health.note')).toBe('aspects.health')
  expect(rowOfField('followUps.2.due')).toBe('followUps.2')
  expect(rowOfField('visitDate')).toBe('visitDate')
  expect(rowOfField('volunteerId')).toBeNull()
  expect(rowsOf(1)).toContain('followUps.0')
  expect(splitNames(' 李建国、陈思敏, 王五 ')).toEqual(['李建国', '陈思敏', '王五'])
})

test('the form sends nothing while a row has a problem, then the visit as the contract reads it', async () => {
  const form = mountHook(() => useVisitForm('v1'))
  act(() => form().setVisitors('李建国、陈思敏'))
  await act(async () => void (await form().submit()))
  expect(call).not.toHaveBeenCalled()
  expect(form().errorOf('aspects.housing')).toBe('请评价住房情况')
  act(() => {
    for (const a of ['housing', 'meals', 'office', 'health', 'work'] as const) form().setAspect(a, { rating: 'good' })
    form().setAspect('health', { note: ' 腰伤 ' })
    form().addFollowUp()
  })
  act(() => form().setFollowUp(0, { text: '调配电脑', owner: '陈思敏' }))
  await act(async () => void (await form().submit()))
  expect(call).toHaveBeenCalledWith('care.record', expect.objectContaining({ volunteerId: 'v1', visitors: ['李建国', '陈思敏'], followUps: [expect.objectContaining({ text: '调配电脑', owner: '陈思敏' })] }))
  expect(call.mock.calls[0][1].aspects.health).toEqual({ rating: 'good', note: '腰伤' })
  expect(form().done).toBe(true)
})
