import { barWidths, changeText, changeTone, countText, hoursText, periodOf } from './dashboard-figures'

test('a change on last year, as people say it', () => {
  expect(changeText(112, 100)).toBe('+12%')
  expect(changeText(95, 100)).toBe('−5%')
  expect(changeText(1001, 1000)).toBe('持平')
  expect(changeText(3, 0)).toBe('新增')
  expect(changeText(0, 0)).toBe('')
  expect([changeTone(2, 1), changeTone(1, 2), changeTone(1, 1)]).toEqual(['up', 'down', 'flat'])
})

test('hours from minutes, one decimal at most; counts grouped', () => {
  expect(hoursText(90)).toBe('1.5')
  expect(hoursText(6000)).toBe('100')
  expect(hoursText(12_345_678)).toBe('205,761.3')
  expect(hoursText(0)).toBe('0')
  expect(countText(1234567)).toBe('1,234,567')
})

test('periods end today and are a year at most', () => {
  expect(periodOf('month', '2026-12-05')).toEqual({ from: '2026-12-01', to: '2026-12-05' })
  expect(periodOf('year', '2026-12-05')).toEqual({ from: '2026-01-01', to: '2026-12-05' })
  expect(periodOf('last12', '2026-12-05')).toEqual({ from: '2025-12-06', to: '2026-12-05' })
  expect(periodOf('last12', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  expect(periodOf('last12', '2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' })
})

test('bars: in percent of the largest, a small non-zero one still shows', () => {
  expect(barWidths([50, 100, 1, 0])).toEqual([50, 100, 2, 0])
  expect(barWidths([0, 0])).toEqual([0, 0])
})
