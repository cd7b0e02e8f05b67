// 调整时长's checks and presets, as township staff (capped at the record) and a county admin see them.
import type { Item } from './rules'
import { adjustPresets, cappedAtRecord, minutesProblem, reasonProblem } from './adjust-rules'

const record = (minutes: number, maxCreditMinutes: number) => ({ minutes, maxCreditMinutes }) as Item

test('the minutes typed: blank, not whole, zero, beyond what the caller may credit', () => {
  const staff = record(240, 240)
  expect(minutesProblem('', staff)).toBe('请填写计入时长')
  expect(minutesProblem('1.5', staff)).toBe('请填写整数分钟')
  expect(minutesProblem('0', staff)).toContain('请改用「驳回」')
  expect(minutesProblem('1000', staff)).toBe('计入时长不能超过记录的 4 小时；确需多计的，请报县级团委调整')
  expect(minutesProblem('180', staff)).toBe('')
  const county = record(240, 24 * 60)
  expect(cappedAtRecord(county)).toBe(false)
  expect(minutesProblem('1000', county)).toBe('')
  expect(minutesProblem('1441', county)).toBe('时长不能超过 24 小时')
})

test('presets: the record, the daily cap below it, round hours within what may be credited', () => {
  expect(adjustPresets(record(570, 570), 480)).toEqual([570, 480, 30, 60, 120])
  expect(adjustPresets(record(90, 90), 480)).toEqual([90, 30, 60])
  expect(adjustPresets(record(60, 60), null)).toEqual([60, 30])
  expect(adjustPresets(null, 480)).toEqual([])
})

test('a reason of fewer than 2 characters is refused', () => {
  expect(reasonProblem(' 好 ')).toBe('请填写调整理由（至少 2 个字）')
  expect(reasonProblem('核实')).toBe('')
})
