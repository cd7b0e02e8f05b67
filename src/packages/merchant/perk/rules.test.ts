// 发布优惠: the contract's rules on the phone, and what is sent.
import type { PerkView } from '@/components/perk/shared'
import { check, fieldsOf, rowOfField, saveInput, type Fields } from './rules'

const NEW = fieldsOf(null, '2026-05-01')
const GOOD: Fields = { ...NEW, title: '堂食 8.8 折', description: '凭码堂食享 8.8 折' }

test('a new perk starts with sensible limits and half a year of validity', () => {
  expect(NEW).toMatchObject({ perDay: '1', perMonth: '4', quota: '100', validFrom: '2026-05-01', validTo: '2026-10-28', minStar: 0, counties: [] })
  expect(check(GOOD)).toEqual({})
})

test('texts: required title and content, optional terms, no phone numbers', () => {
  expect(check(NEW)).toEqual({ title: '请填写优惠名称', description: '请填写优惠内容' })
  expect(check({ ...GOOD, description: '八八折' }).description).toBe('优惠内容至少 4 个字')
  expect(check({ ...GOOD, terms: '电话 13812345678' }).terms).toBe('为保护个人信息，使用说明中请勿填写手机号或证件号')
})

test('counts: whole numbers within their bounds, a month never below a day', () => {
  expect(check({ ...GOOD, perDay: '' }).perDay).toBe('请填写每人每日次数')
  expect(check({ ...GOOD, perDay: '0' }).perDay).toBe('每人每日至少 1 次')
  expect(check({ ...GOOD, perDay: '11' }).perDay).toBe('每人每日最多 10 次')
  expect(check({ ...GOOD, perDay: '1.5' }).perDay).toBe('每人每日至少 1 次')
  expect(check({ ...GOOD, perMonth: '' }).perMonth).toBe('请填写每人每月次数')
  expect(check({ ...GOOD, perMonth: '101' }).perMonth).toBe('每人每月最多 100 次')
  expect(check({ ...GOOD, perDay: '5', perMonth: '3' }).perMonth).toBe('每月次数不能少于每日次数')
  expect(check({ ...GOOD, quota: '' }).quota).toBe('请填写总名额')
  expect(check({ ...GOOD, quota: '0' }).quota).toBe('总名额至少 1')
  expect(check({ ...GOOD, quota: '1000001' }).quota).toBe('总名额最多 1000000')
})

test('dates: both chosen, the end not before the start', () => {
  expect(check({ ...GOOD, validFrom: '', validTo: '' })).toEqual({ validFrom: '请选择开始日期', validTo: '请选择结束日期' })
  expect(check({ ...GOOD, validTo: '2026-04-30' }).validTo).toBe('结束日期不能早于开始日期')
})

test('what is sent, and where the function’s complaints land', () => {
  expect(saveInput({ ...GOOD, title: ' 堂食 8.8 折 ' }, 'm1', null, undefined)).toEqual({
    merchantId: 'm1', title: '堂食 8.8 折', description: '凭码堂食享 8.8 折', terms: '', minStar: 0, counties: [], perDay: 1, perMonth: 4, quota: 100, validFrom: '2026-05-01', validTo: '2026-10-28',
  })
  expect(saveInput(GOOD, 'm1', { id: 'p1' } as PerkView, 'cloud://pic')).toMatchObject({ id: 'p1', pictureFileId: 'cloud://pic' })
  expect(rowOfField('quota')).toBe('quota')
  expect(rowOfField('merchantId')).toBeNull()
})
