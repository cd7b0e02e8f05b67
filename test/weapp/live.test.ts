// The built mini program against the real functions in the local cloud: wx.cloud.callFunction
// is the only thing mocked, and it is routed to the local runtime as a demo persona.
import type { AppCloud } from '../support/app'
import { type WeappApp, weappTestBuild } from '../support/weapp'
import { closeWeappDemo, startWeappDemo } from '../support/weapp-demo'

const distDir = weappTestBuild()
let appCloud: AppCloud
let app: WeappApp
let openid = 'o_demo_volunteer'

beforeAll(async () => ({ appCloud, app } = await startWeappDemo(distDir, () => openid)))
afterEach(() => app.unloadAll())
afterAll(() => closeWeappDemo({ app, appCloud }))

test('我的 shows the demo volunteer as account.me returns it', async () => {
  openid = 'o_demo_volunteer'
  const page = await app.renderPage('pages/mine/index')
  const text = page.text()
  expect(text).toContain('林晓雨')
  expect(text).toContain('乡村振兴志愿者')
  expect(text).toContain('凤城街道 · 驿站签到、服务时长与星级')
  expect(app.cloudCalls.map((c) => c.name)).toEqual(['account'])
  expect(app.errors).toEqual([])
})

test('我的 for a first-time WeChat user: an account with no roles, and the way to get one', async () => {
  openid = 'o_weapp_first_timer'
  const page = await app.renderPage('pages/mine/index')
  expect(page.text()).toContain('还没有任何身份')
  expect(page.text()).not.toContain('切换演示身份')
  expect([...appCloud.cloud.store.get('users').docs.values()].filter((u) => u.openid === openid)).toHaveLength(1)
})
