// 商家信息: the contract's rules on the phone, and what is sent.
import type { Merchant } from '@/components/perk/shared'
import { check, fieldsOf, rowOfField, saveInput, type Fields } from './rules'

const GOOD: Fields = { name: '连州菜馆', category: '餐饮', isDepartment: false, countyCode: '441802', address: '清城区北江路 1 号', lat: '', lng: '', contactName: '李店长', contactPhone: '13812345678' }

test('a good merchant passes; each rule stops at its own row', () => {
  expect(check(GOOD, false)).toEqual({})
  expect(check({ ...GOOD, name: '', category: '', countyCode: '' }, false)).toEqual({ name: '请填写商家名称', category: '请选择类别', countyCode: '请选择县（市、区）' })
  expect(check({ ...GOOD, address: '清城 13812345678' }, false).address).toBe('为保护个人信息，地址中请勿填写手机号或证件号')
  expect(check({ ...GOOD, contactName: '李' }, false).contactName).toBe('联系人至少 2 个字')
})

test('the phone: required for a new merchant, kept when left empty while editing, a mobile number when given', () => {
  expect(check({ ...GOOD, contactPhone: '' }, false).contactPhone).toBe('请填写联系电话')
  expect(check({ ...GOOD, contactPhone: '' }, true)).toEqual({})
  expect(check({ ...GOOD, contactPhone: '0763-1234567' }, true).contactPhone).toBe('联系电话应为 11 位手机号')
})

test('the coordinate: both or neither, within China', () => {
  expect(check({ ...GOOD, lat: '23.7' }, false).location).toBe('请同时填写纬度和经度（数字），或都不填')
  expect(check({ ...GOOD, lat: '60', lng: '113' }, false).location).toBe('纬度超出范围（中国境内约 3–54）')
  expect(check({ ...GOOD, lat: '23.7', lng: '200' }, false).location).toBe('经度超出范围（中国境内约 73–136）')
  expect(check({ ...GOOD, lat: '23.7', lng: '113.05' }, false)).toEqual({})
})

test('the function’s fields land on their rows', () => {
  expect(rowOfField('location.lat')).toBe('location')
  expect(rowOfField('contactPhone')).toBe('contactPhone')
  expect(rowOfField('isDepartment')).toBeNull()
})

test('what is sent: trimmed, a location only with both numbers, the phone only when replaced', () => {
  const merchant = { id: 'm1', name: '连州菜馆', category: '餐饮', isDepartment: true, countyCode: '441802', address: '北江路', location: { lat: 23.7, lng: 113.05 }, contactName: '李店长' } as unknown as Merchant
  const fields = fieldsOf(merchant, '')
  expect(fields).toMatchObject({ lat: '23.7', lng: '113.05', contactPhone: '', isDepartment: true })
  expect(saveInput({ ...fields, name: ' 连州菜馆 ' }, merchant)).toEqual({ id: 'm1', name: '连州菜馆', category: '餐饮', isDepartment: true, countyCode: '441802', address: '北江路', location: { lat: 23.7, lng: 113.05 }, contactName: '李店长' })
  expect(saveInput({ ...GOOD, lat: '23.7' }, null)).toMatchObject({ location: null, contactPhone: '13812345678' })
  expect(saveInput(GOOD, null)).not.toHaveProperty('id')
})
