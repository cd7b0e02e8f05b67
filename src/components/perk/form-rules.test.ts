import { findPaged, textProblem } from './form-rules'

test('a text field: required, its length, and no phone or ID number in it', () => {
  expect(textProblem('  ', '商家名称', 2, 40)).toBe('请填写商家名称')
  expect(textProblem('店', '商家名称', 2, 40)).toBe('商家名称至少 2 个字')
  expect(textProblem('店'.repeat(41), '商家名称', 2, 40)).toBe('商家名称不能超过 40 个字')
  expect(textProblem('连州菜馆 138-1234-5678', '商家名称', 2, 40)).toBe('为保护个人信息，商家名称中请勿填写手机号或证件号')
  expect(textProblem(' 连州菜馆 ', '商家名称', 2, 40)).toBe('')
  // optional: empty is fine, too long is not
  expect(textProblem('', '使用说明', 0, 300)).toBe('')
  expect(textProblem('说'.repeat(301), '使用说明', 0, 300)).toBe('使用说明不能超过 300 个字')
})

test('finds an item on a later page, and stops at the last page', async () => {
  const all = Array.from({ length: 120 }, (_, i) => ({ id: `m${i}` }))
  const load = jest.fn((page: number, size: number) => Promise.resolve({ items: all.slice((page - 1) * size, page * size), total: all.length }))
  expect(await findPaged(load, 'm101')).toEqual({ id: 'm101' })
  expect(load).toHaveBeenCalledTimes(3)
  load.mockClear()
  expect(await findPaged(load, 'gone')).toBeNull()
  expect(load).toHaveBeenCalledTimes(3)
})
