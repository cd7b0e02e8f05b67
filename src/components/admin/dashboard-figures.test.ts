import { dashboard } from '../../../types/dashboard'
import { periodWords, summaryHours, summaryParagraphs, summaryWan } from '../../../types/dashboard-summary'
import type { DashboardOverview } from '../../../types/dashboard'
import { barWidths, changeText, changeTone, countText, hoursText, periodOf, periodProblems, rolledUpText, trendColumns, yearEarlier } from './dashboard-figures'

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

test('a custom period is checked on the page as the function checks it, field by field', () => {
  expect(yearEarlier('2028-02-29')).toBe('2027-02-28')
  const cases: [string, string][] = [
    ['2025-03-01', '2025-08-31'],
    ['2025-03-01', '2025-03-01'],
    ['2025-03-02', '2026-03-01'], // a year to the day
    ['2025-03-01', '2026-03-01'], // a day more
    ['2027-03-01', '2028-02-29'],
    ['2027-02-28', '2028-02-29'],
    ['2025-08-31', '2025-03-01'],
  ]
  for (const [from, to] of cases) {
    const page = periodProblems(from, to)
    const fn = dashboard.overview.input.safeParse({ scope: { level: 'city' }, period: { from, to } })
    const fnProblems = fn.success ? {} : Object.fromEntries(fn.error.issues.map((i) => [String(i.path[i.path.length - 1]), i.message]))
    expect({ from, to, page }).toEqual({ from, to, page: fnProblems })
  }
  expect(periodProblems('2025-03-01', '2025-02-28')).toEqual({ to: '结束日期不能早于开始日期' })
  expect(periodProblems('2025-03-01', '2026-03-01')).toEqual({ to: '统计期间最长一年，请缩短后再试' })
})

test('the one-page summary states the figures as the league’s reports do', () => {
  const f = (current: number, lastYear = 0) => ({ current, lastYear })
  const o = {
    scope: { level: 'county', code: '441802', name: '清城区' },
    period: { from: '2025-03-01', to: '2025-08-31' },
    lastYearPeriod: { from: '2024-03-01', to: '2024-08-31' },
    computedAt: '2025-09-01T00:00:00.000Z',
    volunteers: { asOf: '2025-08-31', inPost: f(120, 100), endingSoon: f(8), finished: f(30), byTownship: [{ townshipCode: 'a', townshipName: '凤城街道', inPost: 70, endingSoon: 5, finished: 10 }, { townshipCode: 'b', townshipName: '东城街道', inPost: 50, endingSoon: 3, finished: 10 }, { townshipCode: 'c', townshipName: '洲心街道', inPost: 0, endingSoon: 0, finished: 10 }] },
    hours: { periodMinutes: f(60_030, 60_030), yearMinutes: f(90_000), totalMinutes: 300_000, volunteers: 140, byTownship: [], stars: [{ star: 0, volunteers: 100 }, { star: 1, volunteers: 30 }, { star: 2, volunteers: 10 }] },
    stations: { active: 12, used: f(9), sessions: f(800, 1000), byStation: [] },
    perks: { redemptions: f(0), byMerchant: [], byCategory: [], byCounty: [] },
    loans: { applications: f(20), byStatus: [], loans: f(14, 10), lentFen: f(2_800_000_00), jobsCreated: f(56), householdsHelped: f(23), subsidyApprovedFen: f(1_234_56), subsidyPaidFen: f(1_000_00), byType: [] },
    fairs: { fairs: f(2), signups: f(300), attended: f(200), offered: f(80), hired: f(50), hiredLocal: f(41), byFair: [] },
    training: { personTimes: f(540, 450), signups: f(600), minutes: f(1_620_00), contests: { contests: f(1), entries: f(36), awarded: f(6) } },
  } as unknown as DashboardOverview
  const text = summaryParagraphs(o).join('\n')
  expect(periodWords(o.period)).toBe('2025年3月1日至8月31日')
  expect(periodWords({ from: '2024-12-06', to: '2025-12-05' })).toBe('2024年12月6日至2025年12月5日')
  expect(text).toContain('清城区服务镇街2个，在岗志愿者120名（去年同期100名，增长20%）')
  expect(text).toContain('期间累计服务1001小时（去年同期1001小时，持平）')
  expect(text).toContain('签到服务800次（去年同期1000次，下降20%）')
  expect(text).toContain('发放贷款14笔280.00万元（去年同期无），带动就业56人，帮扶23户；核准贴息1234.56元，拨付贴息1000.00元')
  expect(text).toContain('入职50人，其中在清远本地就业41人')
  expect(text).toContain('达到一星及以上的志愿者40名')
  expect(text).toContain('六、培训与大赛。期间培训报名600人次、参训540人次（去年同期450人次，增长20%），培训2700小时；举办大赛1项，参赛作品36件，获奖6件。')
  expect(summaryParagraphs({ ...o, training: { ...o.training, contests: null } }).join('\n')).toContain('培训2700小时。')
  expect([summaryHours(90), summaryHours(599), summaryHours(600), summaryWan(12_345_678)]).toEqual(['1.5', '10', '10', '12.35'])
})

test('up to when the rollup counts, in Shanghai time: the time alone the same day, with the date another day, nothing when read live', () => {
  const now = Date.parse('2026-12-05T10:00:00Z') // 18:00 in Shanghai
  expect(rolledUpText('2026-12-04T18:20:00.000Z', now)).toBe('统计截至 02:20，每分钟更新')
  expect(rolledUpText('2026-12-04T15:20:00.000Z', now)).toBe('统计截至 12-04 23:20，每分钟更新')
  expect(rolledUpText(null, now)).toBe('')
})

test('the trend chart: a group a month, the taller series filling the plot, zero drawn as nothing and a little time never flat', () => {
  const cols = trendColumns(
    [
      { month: '2026-03', minutes: 600, lastYear: 0 },
      { month: '2026-04', minutes: 1200, lastYear: 300 },
      { month: '2026-05', minutes: 1, lastYear: 2400 },
    ],
    300,
    100,
  )
  expect(cols.map((c) => c.label)).toEqual(['3月', '4月', '5月'])
  expect(cols.map((c) => c.x)).toEqual([50, 150, 250])
  expect(cols.map((c) => [c.now, c.last])).toEqual([
    [25, 0],
    [50, 12.5],
    [2, 100],
  ])
  expect(cols[0].width).toBe(16)
  expect(trendColumns([], 300, 100)).toEqual([])
  expect(trendColumns([{ month: '2026-01', minutes: 0, lastYear: 0 }], 300, 100)[0]).toMatchObject({ now: 0, last: 0 })
})
