// Tried as a new user would: open the app, choose a demo persona, see the home page in
// Chinese and the account a function returns.
import type { Browser } from 'playwright-core'
import { launchBrowser, phoneContext, watchErrors } from '../support/browser'
import { artifact, startStack, type Stack } from '../support/stack'

let stack: Stack
let browser: Browser

beforeAll(async () => {
  stack = await startStack()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

test('home page, persona switch, and 我的 showing the account from account.me', async () => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const errors = watchErrors(page)

  await page.goto(`${stack.url}/`)
  await page.getByText('青春有为，乡村有我').waitFor()
  for (const title of ['志愿服务签到', '爱心商家优惠', '创业贴息贷款', '岗位对接会']) await page.getByText(title).first().waitFor()
  await page.screenshot({ path: artifact('skeleton-1-home.png') })

  await page.goto(`${stack.url}/#/pages/mine/index`)
  await page.getByText('本地开发环境需要先选择一个演示身份').waitFor()
  await page.screenshot({ path: artifact('skeleton-2-mine-no-identity.png') })
  await page.getByText('去选择').click()

  await page.locator('.personas__cell', { hasText: '林晓雨' }).waitFor()
  await page.screenshot({ path: artifact('skeleton-3-personas.png') })
  await page.locator('.personas__cell', { hasText: '林晓雨' }).click()

  await page.locator('.mine__nickname', { hasText: '林晓雨' }).waitFor()
  await page.locator('.mine__chip', { hasText: '乡村振兴志愿者' }).waitFor()
  await page.getByText('凤城街道 · 驿站签到、服务时长与星级').waitFor()
  await page.screenshot({ path: artifact('skeleton-4-mine-volunteer.png') })

  // A brand-new WeChat user gets an account with no roles on first call.
  await page.goto(`${stack.url}/#/packages/dev/personas/index`)
  await page.locator('.personas__cell', { hasText: '新用户' }).click()
  await page.getByText('还没有任何身份').waitFor()
  await page.screenshot({ path: artifact('skeleton-5-mine-new-user.png') })
  const users = [...stack.cloud.store.get('users').docs.values()]
  expect(users.filter((u) => String(u.openid).startsWith('o_dev_new_'))).toHaveLength(1)

  expect(errors).toEqual([])
  await context.close()
})
