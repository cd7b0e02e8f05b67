// Page logic of the fair pages, unit by unit (issue 19): which fair the detail page follows when
// its address changes, and the door's search and by-name check-in.
import { paramAt } from '../../src/packages/fair/detail/route'
import { admitPrompt, doorAction, doorQuery } from '../../src/packages/fairadmin/door/find'

const PAGE = '/packages/fair/detail/index'
const at = (hash: string, pathname = '/', search = '') => ({ hash, pathname, search })

describe('item 13: the fair detail page follows its address', () => {
  test('the hash router\'s address: the id of this page, decoded', () => {
    expect(paramAt(at('#/packages/fair/detail/index?id=Fa1b2c3d4e5f6&stamp=3'), PAGE, 'id')).toBe('Fa1b2c3d4e5f6')
    expect(paramAt(at('#/packages/fair/detail/index?stamp=3&id=F%E6%B5%8B'), PAGE, 'id')).toBe('F测')
    expect(paramAt(at('#/packages/fair/detail/index'), PAGE, 'id')).toBe('')
  })
  test('another page\'s address is not this page\'s (a page lower in the stack does not switch fairs)', () => {
    expect(paramAt(at('#/packages/fair/index/index?id=F1'), PAGE, 'id')).toBeNull()
    expect(paramAt(at('#/packages/fair/code/index?id=F1'), PAGE, 'id')).toBeNull()
  })
  test('the browser router\'s address, under a base path too', () => {
    expect(paramAt(at('', '/packages/fair/detail/index', '?id=F2'), PAGE, 'id')).toBe('F2')
    expect(paramAt(at('', '/app/packages/fair/detail/index/', '?x=1&id=F3'), PAGE, 'id')).toBe('F3')
    expect(paramAt(at('', '/app/packages/fair/detail/indexes', '?id=F3'), PAGE, 'id')).toBeNull()
  })
})

describe('item 4: the door finds someone by name or mobile tail and lets them in by name', () => {
  test('the search box: part of a name, or exactly the last 4 digits', () => {
    expect(doorQuery('  ')).toEqual({ kind: 'none' })
    expect(doorQuery(' 欧阳 ')).toEqual({ kind: 'search', keyword: '欧阳' })
    expect(doorQuery('1012')).toEqual({ kind: 'search', keyword: '1012' })
    expect(doorQuery('139')).toEqual({ kind: 'invalid', message: '按手机尾号查找请输入手机号后 4 位' })
    expect(doorQuery('13900001012')).toMatchObject({ kind: 'invalid' })
  })
  test('who may be let in: confirmed and not yet in; the others say why not', () => {
    const clock = (iso: string) => iso.slice(11, 16)
    expect(doorAction({ status: 'confirmed', checkedInAt: '', waitingRank: 0 }, clock)).toEqual({ kind: 'admit' })
    expect(doorAction({ status: 'confirmed', checkedInAt: '2026-12-09T09:05:00.000Z', waitingRank: 0 }, clock)).toEqual({ kind: 'none', label: '09:05 已签到', tone: 'green' })
    expect(doorAction({ status: 'waiting', checkedInAt: '', waitingRank: 2 }, clock)).toEqual({ kind: 'none', label: '候补第 2 位，不能入场', tone: 'amber' })
    expect(doorAction({ status: 'cancelled', checkedInAt: '', waitingRank: 0 }, clock)).toEqual({ kind: 'none', label: '报名已取消', tone: 'grey' })
  })
  test('the confirmation names the person to check and says it cannot be undone', () => {
    const text = admitPrompt({ name: '欧阳晓峰', mobileMasked: '139****1012', townshipName: '凤城街道' })
    expect(text).toContain('欧阳晓峰（139****1012，凤城街道）')
    expect(text).toContain('不能撤销')
  })
})
