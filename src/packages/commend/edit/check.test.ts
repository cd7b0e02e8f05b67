import { checkRound, inputOf, type RoundFields } from './check'

const good: RoundFields = { kind: 'finest', title: '2026年度最美志愿者评选', year: '2026', nominateFrom: '2026-12-01', nominateTo: '2026-12-20', perTownship: '2', perCounty: '5', awards: '10', criteria: '扎根基层服务满一年，成效突出。' }

test('a complete round passes and is sent as numbers', () => {
  expect(Object.values(checkRound(good)).filter(Boolean)).toEqual([])
  expect(inputOf(good)).toMatchObject({ year: 2026, perTownship: 2, awards: 10 })
})

test('each problem stands at its row in the contract words', () => {
  const e = checkRound({ ...good, title: '评选', nominateTo: '2026-11-30', awards: '0', perCounty: '1.5', criteria: '好' })
  expect(e).toMatchObject({ title: '评选名称至少 4 个字', nominateTo: '提名截止日期不能早于开始日期', awards: '全市评选名额至少为 1', perCounty: '每个县（市、区）可推荐人数应为整数', criteria: '评选条件至少 10 个字' })
})
