// The fair form's fields for a new fair and for a saved one, and when a change moves a published fair.
import type { FairView } from '@contract/fair'
import { checkFair } from './check'
import { blankFields, fieldsOf, movesPublished } from './fields'

const saved = {
  title: '春季对接会',
  date: '2026-06-01',
  startTime: '09:00',
  endTime: '12:00',
  venue: '青少年宫',
  address: '北江一路 8 号',
  location: { lat: 23.68181234, lng: 113.056 },
  signupOpensAt: '2026-05-01T00:30:00.000Z',
  signupClosesAt: '2026-05-31T10:00:00.000Z',
  capacity: 200,
  termEndsWithinDays: 90,
  allowRuralYouth: true,
  maxPositions: 2,
  employers: [{ id: 'e1' }, { id: 'e2' }],
  description: '请带简历',
  status: 'published',
} as unknown as FairView

test('a new fair is in two weeks, sign-up open from now until 18:00 the day before (Shanghai)', () => {
  const f = blankFields(Date.parse('2026-03-10T17:05:00.000Z'))
  expect(f.date).toBe('2026-03-25')
  expect([f.opensDate, f.opensTime]).toEqual(['2026-03-11', '01:05'])
  expect([f.closesDate, f.closesTime]).toEqual(['2026-03-24', '18:00'])
  expect(f.capacity).toBe('')
  expect(checkFair(f, 0).errors.capacity).toBeTruthy()
})

test('a saved fair fills the form as it was saved, in Shanghai time, coordinates to six decimals', () => {
  const f = fieldsOf(saved)
  expect([f.opensDate, f.opensTime, f.closesDate, f.closesTime]).toEqual(['2026-05-01', '08:30', '2026-05-31', '18:00'])
  expect([f.lat, f.lng]).toEqual(['23.681812', '113.056'])
  expect([f.capacity, f.termDays, f.employerIds]).toEqual(['200', '90', ['e1', 'e2']])
  expect(checkFair(f, 0).input).toMatchObject({ capacity: 200, signupOpensAt: '2026-05-01 08:30', location: { lat: 23.681812, lng: 113.056 } })
})

test('only a published fair whose day, start or venue changes counts as moved', () => {
  const same = { date: '2026-06-01', startTime: '09:00', venue: '青少年宫' }
  expect(movesPublished(saved, same)).toBe(false)
  expect(movesPublished(saved, { ...same, startTime: '10:00' })).toBe(true)
  expect(movesPublished(saved, { ...same, venue: '文化馆' })).toBe(true)
  expect(movesPublished({ ...saved, status: 'draft' }, { ...same, date: '2026-06-02' })).toBe(false)
  expect(movesPublished(null, same)).toBe(false)
})
