// The queue's own rules: empty tabs, the batch question and outcome, and the batch limit.
import { approveQuestion, emptyLook, isStatus, isWarning, outcomeOf, toggled } from './rules'

test('a status from the link is taken only when it is one of the tabs', () => {
  expect(isStatus('needs_review')).toBe(true)
  expect(isStatus('open')).toBe(false)
  expect(isStatus(undefined)).toBe(false)
})

test('make-up, appeal and adjusted are facts; fence and overlap flags are warnings', () => {
  expect(isWarning('outside_fence')).toBe(true)
  expect(isWarning('coarse_location')).toBe(true)
  expect(isWarning('makeup')).toBe(false)
  expect(isWarning('adjusted')).toBe(false)
})

test('an empty tab says why: the search first, then 只看有异常, else the tab’s own words', () => {
  expect(emptyLook({ status: 'approved', flaggedOnly: true, name: '晓雨', date: '2026-03-04' })).toEqual({ title: '没有找到符合条件的已通过记录', desc: '姓名含「晓雨」，3月4日开始的服务', way: 'search' })
  expect(emptyLook({ status: 'pending', flaggedOnly: false, name: '', date: '2026-03-04' }).desc).toBe('3月4日开始的服务')
  expect(emptyLook({ status: 'pending', flaggedOnly: true, name: '', date: '' })).toEqual({ title: '没有有异常的待审核记录', desc: '关闭「只看有异常」可查看全部记录', way: 'flagged' })
  expect(emptyLook({ status: 'needs_review', flaggedOnly: false, name: '', date: '' })).toMatchObject({ title: '暂无待核实的记录', way: null })
})

test('the batch question counts the flagged records only when there are some', () => {
  expect(approveQuestion(3, 1)).toBe('确认通过所选 3 条服务记录？其中 1 条有异常提示，请确认已核实。通过后时长计入志愿者的服务时长，志愿者会收到通知。')
  expect(approveQuestion(2, 0)).toBe('确认通过所选 2 条服务记录？通过后时长计入志愿者的服务时长，志愿者会收到通知。')
})

test('a batch that went through is a toast; one with records left lists them by name', () => {
  expect(outcomeOf('approve', { decided: 2, skipped: [] }, () => undefined)).toEqual({ toast: '已通过 2 条' })
  const names: Record<string, string> = { a: '林晓雨' }
  expect(outcomeOf('reject', { decided: 1, skipped: [{ id: 'a', message: '已被他人处理' }, { id: 'b', message: '记录不存在' }] }, (id) => names[id])).toEqual({
    outcome: {
      title: '已驳回 1 条，2 条未处理',
      rows: [
        { name: '林晓雨', message: '已被他人处理' },
        { name: '记录', message: '记录不存在' },
      ],
    },
  })
  expect(outcomeOf('approve', { decided: 0, skipped: [{ id: 'a', message: 'x' }] }, () => undefined)).toMatchObject({ outcome: { title: '1 条未能通过' } })
})

test('a tap adds or removes a record, never beyond the batch limit', () => {
  expect(toggled(['a'], 'b', 3)).toEqual({ next: ['a', 'b'], full: false })
  expect(toggled(['a', 'b'], 'a', 3)).toEqual({ next: ['b'], full: false })
  expect(toggled(['a', 'b', 'c'], 'd', 3)).toEqual({ next: ['a', 'b', 'c'], full: true })
  expect(toggled(['a', 'b', 'c'], 'c', 3)).toEqual({ next: ['a', 'b'], full: false })
})
