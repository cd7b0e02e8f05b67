// Tried as a new user would: open the app, choose a demo persona, see the home page in
// Chinese and the account a function returns.
import { journey } from '../support/journey'

const world = journey('skeleton')
const { shot, openPhone } = world

test('home page, persona switch, and 我的 showing the account from account.me', async () => {
  const { page, errors } = await openPhone()

  await page.goto(`${world.stack.url}/`)
  await page.getByText('青春有为，乡村有我').waitFor()
  for (const title of ['志愿服务签到', '爱心商家优惠', '创业贴息贷款', '岗位对接会']) await page.getByText(title).first().waitFor()
  await shot(page, '1-home')

  await page.goto(`${world.stack.url}/#/pages/mine/index`)
  await page.getByText('本地开发环境需要先选择一个演示身份').waitFor()
  await shot(page, '2-mine-no-identity')
  await page.getByText('去选择').click()

  await page.locator('.personas__cell', { hasText: '林晓雨' }).waitFor()
  await shot(page, '3-personas')
  await page.locator('.personas__cell', { hasText: '林晓雨' }).click()

  await page.locator('.mine__nickname', { hasText: '林晓雨' }).waitFor()
  await page.locator('.mine__chip', { hasText: '乡村振兴志愿者' }).waitFor()
  await page.getByText('凤城街道 · 驿站签到、服务时长与星级').waitFor()
  await shot(page, '4-mine-volunteer')

  // A brand-new WeChat user gets an account with no roles on first call.
  await page.goto(`${world.stack.url}/#/packages/dev/personas/index`)
  await page.locator('.personas__cell', { hasText: '新用户' }).click()
  await page.getByText('还没有任何身份').waitFor()
  await shot(page, '5-mine-new-user')
  const users = world.docs('users')
  expect(users.filter((u) => String(u.openid).startsWith('o_dev_new_'))).toHaveLength(1)

  expect(errors).toEqual([])
})
