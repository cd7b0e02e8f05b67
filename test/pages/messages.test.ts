// 消息 (the message center): how a notice's time reads and how its tag is coloured, and how each
// template's values read there (whole, where the subscribe message clips them).
import { inboxEntry, fitField } from '../../types/notices'
import { tagTone, whenText } from '../../src/packages/account/messages/format'

// 2026-12-05 10:00 in Shanghai.
const NOW = Date.parse('2026-12-05T02:00:00Z')

test('times read as a phone says them, in Shanghai time across the day boundary', () => {
  expect(whenText('2026-12-05T01:59:30Z', NOW)).toBe('刚刚')
  expect(whenText('2026-12-05T01:35:00Z', NOW)).toBe('25 分钟前')
  expect(whenText('2026-12-04T16:00:00Z', NOW)).toBe('今天 00:00')
  expect(whenText('2026-12-04T15:59:00Z', NOW)).toBe('昨天 23:59')
  expect(whenText('2026-03-02T00:00:00Z', NOW)).toBe('3月2日 08:00')
  expect(whenText('2025-12-30T04:00:00Z', NOW)).toBe('2025-12-30')
  expect(whenText('not a time', NOW)).toBe('')
})

test('tags: good news green, refusals and cancellations red, reminders amber', () => {
  expect(['已通过', '候补成功', '已核销', '贴息已核准', '已调整'].map(tagTone)).toEqual(['green', 'green', 'green', 'green', 'green'])
  expect(['未通过', '已取消'].map(tagTone)).toEqual(['red', 'red'])
  expect(['提醒', '3 项'].map(tagTone)).toEqual(['amber', 'amber'])
  expect(tagTone('补充材料')).toBe('brand')
})

test('the message center keeps the whole text; the subscribe message gets it shortened to its keyword', () => {
  const reason = '服务地点与驿站登记位置不符，且当天已有一条相同时段的记录，请核实后重新提交补签申请'
  expect(inboxEntry('review', { thing1: '志愿服务时长', phrase2: '未通过', thing3: reason })).toEqual({ title: '志愿服务时长', tag: '未通过', text: reason })
  expect([...fitField('thing', reason)]).toHaveLength(20)
  expect(fitField('thing', reason).endsWith('…')).toBe(true)
  expect(inboxEntry('reminder', { thing1: '乡村振兴岗位对接会', date2: '2026年12月6日 09:00', thing3: '凭入场码签到' })).toEqual({ title: '乡村振兴岗位对接会', tag: '提醒', text: '2026年12月6日 09:00　凭入场码签到' })
  expect(inboxEntry('todo', { thing1: '服务时长待审核', number2: '12', thing3: '凤城街道' })).toEqual({ title: '服务时长待审核', tag: '12 项', text: '凤城街道' })
})

test('reminders count days in Shanghai: at 23:59 there, tomorrow is the next Shanghai day, not the next UTC day', async () => {
  const { shanghaiDaysAhead, wechatTime } = await import('../../types/time')
  expect(shanghaiDaysAhead(Date.parse('2026-12-05T15:59:00Z'), 1)).toBe('2026-12-06') // 23:59 on the 5th in Shanghai
  expect(shanghaiDaysAhead(Date.parse('2026-12-05T16:01:00Z'), 1)).toBe('2026-12-07') // 00:01 on the 6th in Shanghai
  expect(shanghaiDaysAhead(Date.parse('2026-12-31T16:30:00Z'), 30)).toBe('2027-01-31')
  expect(wechatTime('2026-12-06', '09:00')).toBe('2026年12月6日 09:00')
  expect(wechatTime('2027-01-31')).toBe('2027年1月31日')
})
