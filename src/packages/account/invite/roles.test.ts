import { acceptQuestion, nameProblem } from './roles'

test('the name is asked for, and must be a real name', () => {
  expect(nameProblem('  ')).toBe('请填写你的真实姓名，方便管理员确认身份')
  expect(nameProblem('王')).toBe('姓名只能包含汉字（或英文字母），2–20 个字')
  expect(nameProblem('王小明1')).toBe('姓名只能包含汉字（或英文字母），2–20 个字')
  expect(nameProblem(' 王小明 ')).toBe('')
  expect(nameProblem('Alex Wong')).toBe('')
})

test('the confirmation names the role, its scope when it has one, and its duties', () => {
  expect(acceptQuestion({ role: 'township_staff', scopeName: '东城街道' })).toBe('接受后，你的微信账号将获得「镇街团委干事 · 东城街道」身份，可以审核本镇街志愿者的签到，管理驿站和签到码。此邀请码随即失效。')
  expect(acceptQuestion({ role: 'city_admin', scopeName: '' })).toContain('」身份，可以管理全市的商家')
})
