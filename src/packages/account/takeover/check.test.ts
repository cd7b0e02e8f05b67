import { idCheckChar } from '@contract/personal'
import { checkTakeover, rowOfField } from './check'

const FIRST17 = '44180220010315123'
const GOOD_ID = FIRST17 + idCheckChar(FIRST17)
const BAD_ID = FIRST17 + (idCheckChar(FIRST17) === '0' ? '1' : '0')

test('a name and a valid ID number make the request', () => {
  expect(checkTakeover({ name: '林小青', idNumber: GOOD_ID })).toEqual({ errors: {}, input: { name: '林小青', idNumber: GOOD_ID } })
})

test('blank rows are asked for in their own words; a wrong check character in the contract’s', () => {
  expect(checkTakeover({ name: '', idNumber: ' ' }).errors).toEqual({ name: '请填写姓名', idNumber: '请填写身份证号' })
  const { errors, input } = checkTakeover({ name: '林小青', idNumber: BAD_ID })
  expect(input).toBeUndefined()
  expect(errors).toEqual({ idNumber: '身份证号校验位不正确，请核对' })
})

test('only the two rows take the function’s field errors', () => {
  expect(rowOfField('idNumber')).toBe('idNumber')
  expect(rowOfField('name')).toBe('name')
  expect(rowOfField('openid')).toBeNull()
})
