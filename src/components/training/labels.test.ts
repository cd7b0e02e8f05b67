import type { SessionView } from '@contract/training'
import { mineText, phaseText, sessionWhen } from './labels'

const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: 'S000000000001', courseId: 'C000000000001', title: '第一期', date: '2026-12-12', startTime: '09:00', endTime: '11:30', venue: '青少年宫', address: '北江一路',
  location: null, capacity: 2, confirmed: 1, waiting: 0, signupOpensAt: '', signupClosesAt: '', materials: '', checkOut: false, minutes: 150, status: 'published', phase: 'open', mine: null,
  ...over,
})

test('a session in words: seats left, full with the waiting list, the phases', () => {
  expect(phaseText(session())).toBe('报名中 · 余 1 个名额')
  expect(phaseText(session({ confirmed: 2, waiting: 3 }))).toBe('已满 · 候补 3 人')
  expect(phaseText(session({ phase: 'closed' }))).toBe('报名已截止')
  expect(phaseText(session({ status: 'cancelled' }))).toBe('已取消')
  expect(sessionWhen(session())).toBe('2026-12-12 09:00–11:30')
})

test('where I stand: waiting with my place, signed up, checked in of a long session, attended', () => {
  const mine = { id: 'x', status: 'confirmed' as const, waitingRank: 0, checkedInAt: '', checkedOutAt: '', attended: false }
  expect(mineText(session())).toBe('')
  expect(mineText(session({ mine: { ...mine, status: 'waiting', waitingRank: 2 } }))).toContain('候补第 2 位')
  expect(mineText(session({ mine }))).toContain('已报名')
  expect(mineText(session({ checkOut: true, mine: { ...mine, checkedInAt: '2026-12-12T01:00:00Z' } }))).toContain('签退')
  expect(mineText(session({ mine: { ...mine, checkedInAt: '2026-12-12T01:00:00Z', attended: true } }))).toContain('已出勤')
})
