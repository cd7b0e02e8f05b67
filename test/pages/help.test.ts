// 帮助与咨询 (issue 19): each programme's questions answer with the settings' current figures.
import { DEFAULT_SETTINGS } from '../../types/settings'
import { questionsFor } from '../../src/components/ui/help-questions'

test('each programme has its questions, and the answers quote the settings as they are now', () => {
  for (const p of ['volunteer', 'perks', 'loan', 'fair'] as const) expect(questionsFor(p, DEFAULT_SETTINGS).length).toBeGreaterThanOrEqual(2)
  const volunteer = questionsFor('volunteer', DEFAULT_SETTINGS).map((x) => x.a).join('')
  expect(volunteer).toContain('每月可补签和申诉共 3 次')
  expect(volunteer).toContain('每天最多计入 8 小时')
  expect(volunteer).toContain('100、300、600、1000、1500 小时')
  const changed = { ...DEFAULT_SETTINGS, makeupsPerMonth: 5, dailyCapMinutes: 450, loanCeilingFen: 30_000_000, subsidySpreadBp: 100 }
  expect(questionsFor('volunteer', changed).map((x) => x.a).join('')).toContain('共 5 次')
  expect(questionsFor('volunteer', changed).map((x) => x.a).join('')).toContain('每天最多计入 7.5 小时')
  const loan = questionsFor('loan', changed).map((x) => x.a).join('')
  expect(loan).toContain('单笔最高 30 万元')
  expect(loan).toContain('LPR 加 1.00 个百分点')
})
