// The registration form's own check: the contract's rules at the rows that show them, in the
// rows' words where a field was left blank; the function's field names to rows.
import { idCheckChar } from '@contract/personal'
import { PRIVACY_VERSION, SKILLS } from '@contract/registration'
import { checkRegistration, defaultTermEnd, EMPTY, MAX_SKILLS, requestOf, rowOfField, toggledSkills, type Fields } from './form'

const FIRST17 = '44180220010315123'
const GOOD_ID = FIRST17 + idCheckChar(FIRST17)
const BOTH = { privacy: true, sensitive: true }

const volunteer: Fields = {
  ...EMPTY,
  name: '林小青',
  idNumber: GOOD_ID,
  mobile: '13800138000',
  countyCode: '441802',
  townshipCode: '441802006',
  school: '华南农业大学',
  major: '农村区域发展',
  graduationYear: 2024,
  politicalStatus: '共青团员',
  skills: ['电子商务'],
  termStart: '2026-07-01',
  termEnd: '2028-06-30',
}

test('a complete volunteer form passes, with the gender and birth date its ID number gives', () => {
  const checked = checkRegistration('volunteer', volunteer, BOTH)
  expect(checked.errors).toEqual({})
  expect(checked.data).toMatchObject({ gender: 'male', birthDate: '2001-03-15', privacyVersion: PRIVACY_VERSION })
})

test('blank rows ask to be filled in their own words; the missing place asks for the township', () => {
  const { errors, data } = checkRegistration('volunteer', { ...volunteer, name: ' ', school: '', countyCode: '', townshipCode: '' }, BOTH)
  expect(data).toBeUndefined()
  expect(errors.name).toBe('请填写姓名')
  expect(errors.school).toBe('请填写毕业院校')
  expect(errors.townshipCode).toBe('请选择服务镇街')
  expect(checkRegistration('rural_youth', { ...volunteer, townshipCode: '', occupation: '茶叶种植' }, BOTH).errors.townshipCode).toBe('请选择所在镇街')
})

test('each consent is its own row, and only a ticked box is sent', () => {
  const { errors } = checkRegistration('volunteer', volunteer, { privacy: true, sensitive: false })
  expect(Object.keys(errors)).toEqual(['sensitiveVersion'])
  expect(requestOf('volunteer', volunteer, { privacy: false, sensitive: true }).privacyVersion).toBeUndefined()
})

test('a rural youth is asked for a line of work, not a school or a term', () => {
  const youth = { ...volunteer, school: '', termStart: '', occupation: '' }
  const { errors } = checkRegistration('rural_youth', youth, BOTH)
  expect(errors).toEqual({ occupation: '请填写从事的行业或项目' })
  expect(requestOf('rural_youth', youth, BOTH)).not.toHaveProperty('school')
})

test('a term that ends before it starts is refused at the end row', () => {
  expect(checkRegistration('volunteer', { ...volunteer, termEnd: '2026-06-01' }, BOTH).errors).toEqual({ termEnd: '服务结束日期应晚于开始日期' })
})

test('the function’s field names reach the rows that show them', () => {
  expect(rowOfField('gender')).toBe('idNumber')
  expect(rowOfField('birthDate')).toBe('idNumber')
  expect(rowOfField('countyCode')).toBe('townshipCode')
  expect(rowOfField('skills.2')).toBe('skills')
  expect(rowOfField('privacyVersion')).toBe('privacyVersion')
  expect(rowOfField('openid')).toBeNull()
})

test('skills keep the list’s order and stop at the most allowed', () => {
  expect(toggledSkills([SKILLS[3]], SKILLS[1])).toEqual([SKILLS[1], SKILLS[3]])
  expect(toggledSkills([SKILLS[1], SKILLS[3]], SKILLS[1])).toEqual([SKILLS[3]])
  const full = SKILLS.slice(0, MAX_SKILLS)
  expect(toggledSkills(full, SKILLS[MAX_SKILLS])).toBeNull()
  expect(toggledSkills(full, SKILLS[0])).toHaveLength(MAX_SKILLS - 1)
})

test('a term ends, by default, the day before the same date two years on', () => {
  expect(defaultTermEnd('2026-07-01')).toBe('2028-06-30')
  expect(defaultTermEnd('2024-03-01')).toBe('2026-02-28')
})
