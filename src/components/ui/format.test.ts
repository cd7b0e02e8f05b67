// The app's one format module: Shanghai time across the UTC day boundary, and spans as people say them.
import { addDays, ago, chineseDate, clock, dateOf, dateTime, dayLabel, dayText, distance, duration, elapsed, friendlyTime, hours, hoursOf, lastMonths, minutesBetween, momentText, monthDay, monthLabel, relativeDay, roundHours, thisMonth, today, weekday, ymd, ymdOf } from './format'

// 2026-12-05 10:00 in Shanghai (02:00 UTC).
const NOW = Date.parse('2026-12-05T02:00:00Z')

test('instants read in Shanghai time, whatever the UTC day', () => {
  expect(dateTime('2026-12-04T16:30:00Z')).toBe('2026-12-05 00:30')
  expect(dateTime('2026-12-04T16:30:05Z', '', true)).toBe('2026-12-05 00:30:05')
  expect(dateTime(Date.parse('2026-12-04T15:59:00Z'))).toBe('2026-12-04 23:59')
  expect(clock('2026-12-04T16:30:00Z')).toBe('00:30')
  expect(ymd('2026-12-04T16:30:00Z')).toBe('2026-12-05')
  expect(today(NOW)).toBe('2026-12-05')
  expect(thisMonth(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12')
})

test('no instant, or a malformed one: the caller’s empty text', () => {
  for (const none of [null, undefined, '', 'not a time']) {
    expect(dateTime(none)).toBe('')
    expect(dateTime(none, '—')).toBe('—')
    expect(clock(none, '—')).toBe('—')
    expect(ymd(none)).toBe('')
  }
  expect(momentText(null, NOW)).toBe('—')
  expect(friendlyTime('x', NOW)).toBe('')
})

test('relative times: today, yesterday, ages', () => {
  expect(friendlyTime('2026-12-04T16:00:00Z', NOW)).toBe('今天 00:00')
  expect(friendlyTime('2026-12-04T15:59:00Z', NOW)).toBe('昨天 23:59')
  expect(friendlyTime('2026-12-02T01:00:00Z', NOW)).toBe('2026-12-02 09:00')
  expect(momentText('2026-12-08T10:00:00Z', NOW)).toBe('12月8日 18:00')
  expect(momentText('2027-01-08T10:00:00Z', NOW)).toBe('2027年1月8日 18:00')
  expect(ago('2026-12-05T01:59:40Z', NOW)).toBe('刚刚')
  expect(ago('2026-12-05T01:35:00Z', NOW)).toBe('25 分钟前')
  expect(ago('2026-12-04T22:00:00Z', NOW)).toBe('4 小时前')
  expect(ago('2026-12-01T02:00:00Z', NOW)).toBe('4 天前')
  expect(ago('2026-10-01T02:00:00Z', NOW)).toBe('2026-10-01')
  expect(relativeDay('2026-12-05', NOW)).toBe('今天')
  expect(relativeDay('2026-12-04', NOW)).toBe('昨天')
  expect(relativeDay('2026-12-03', NOW)).toBe('前天')
  expect(relativeDay('2026-11-30', NOW)).toBe('11月30日 周一')
  expect(relativeDay('2025-11-30', NOW)).toBe('2025年11月30日')
})

test('calendar days: moving, weekdays, labels', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  expect(weekday('2026-12-05')).toBe('周六')
  expect(weekday('nonsense')).toBe('')
  expect(monthDay('2026-07-01')).toBe('7月1日')
  expect(dayLabel('2026-07-01')).toBe('7月1日 周三')
  expect(dayLabel('2026-07-01', false)).toBe('7月1日')
  expect(dayText('2026-12-09', NOW)).toBe('12月9日')
  expect(dayText('2027-01-09', NOW)).toBe('2027年1月9日')
  expect(chineseDate('2026-07-01')).toBe('2026年7月1日')
  expect(chineseDate('2026-06-30T16:00:00Z')).toBe('2026年7月1日')
  expect(chineseDate('later')).toBe('later')
  expect(ymdOf(dateOf('2026-02-28'))).toBe('2026-02-28')
})

test('months', () => {
  expect(monthLabel('2026-11')).toBe('2026年11月')
  expect(monthLabel('2026-11', true)).toBe('11月')
  expect(lastMonths(3, NOW)).toEqual(['2026-10', '2026-11', '2026-12'])
  expect(lastMonths(2, Date.parse('2026-01-15T00:00:00Z'))).toEqual(['2025-12', '2026-01'])
})

test('spans: minutes as people say them, hours to one decimal, distances', () => {
  expect([0, 45, 59.6, 60, 135, 1440].map(duration)).toEqual(['0 分钟', '45 分钟', '1 小时', '1 小时', '2 小时 15 分', '24 小时'])
  expect(duration(-5)).toBe('0 分钟')
  expect(hoursOf(450)).toBe(7.5)
  expect([750, 180, 0, 100].map(hours)).toEqual(['12.5', '3', '0', '1.7'])
  expect(roundHours(2.04)).toBe('2')
  expect(elapsed(2 * 3600_000 + 15 * 60_000 + 7_000)).toBe('02:15:07')
  expect(elapsed(-1)).toBe('00:00:00')
  expect(minutesBetween('08:30', '11:00')).toBe(150)
  expect(minutesBetween('11:00', '08:30')).toBe(-150)
  expect([35, 999.4, 999.6, 1200, 15_049].map(distance)).toEqual(['35 米', '999 米', '1.0 公里', '1.2 公里', '15.0 公里'])
})
