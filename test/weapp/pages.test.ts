// The built mini program's pages, rendered by miniprogram-simulate from the real weapp build
// (dist-test/, see test/weapp/README.md). Build first:
//   npx tsx scripts/builds.ts weapp-test
import { loadWeapp, weappTestBuild, type CallFunctionHandler, type WeappApp } from '../support/weapp'

// Throws "No mini program build in dist-test/ … run <command>" when the build is missing or stale.
const distDir = weappTestBuild()

/** What account.me answers (the envelope `call()` in src/services/cloud.ts unwraps). */
const ME = {
  userId: 'u_1',
  nickname: '小青',
  avatarUrl: '',
  mobileMasked: '138****8000',
  roles: [{ role: 'volunteer', scopeType: 'township', scopeId: '441802001', scopeName: '横荷街道' }],
  createdAt: '2026-01-01T00:00:00.000Z',
  unreadMessages: 2,
}
const ok = (data: unknown) => ({ result: { ok: true, data } })

let app: WeappApp
/** each test sets how the cloud answers; the default refuses, so unexpected calls show up */
let cloud: CallFunctionHandler

beforeAll(async () => {
  app = await loadWeapp({ distDir, callFunction: (req) => cloud(req), printAppConsole: false })
})
beforeEach(() => {
  cloud = ({ name }) => {
    throw new Error(`unexpected callFunction ${name}`)
  }
  app.clearRecords()
})
afterEach(() => app.unloadAll())
afterAll(() => app?.close())

describe('app launch', () => {
  test('app.ts initialises the cloud once, with the configured env', () => {
    expect(app.cloudInit).toEqual([expect.objectContaining({ env: expect.any(String), traceUser: true })])
  })
})

describe('首页 pages/index/index', () => {
  /** The one thing the home page asks the cloud: how many notices are unread. */
  const unread = (n: number): CallFunctionHandler => ({ name, data }) => {
    expect({ name, data }).toEqual({ name: 'account', data: { action: 'unread', input: {} } })
    return ok({ unread: n })
  }
  beforeEach(() => {
    cloud = unread(0)
  })

  test('shows the brand, the pillars, the four programmes and how to take part', async () => {
    const page = await app.renderPage('pages/index/index')
    const text = page.text()
    for (const copy of [
      '清远共青团 · 乡村振兴青年项目',
      '乡青汇',
      '青春有为，乡村有我',
      '志愿服务',
      '创业扶持',
      '就业对接',
      '青年服务',
      '选择你要参与的项目',
      '志愿服务签到',
      '爱心商家优惠',
      '创业贴息贷款',
      '岗位对接会',
      '培训课程',
      '两赛',
      '怎么参与',
      '共青团清远市委员会 · 乡青汇',
    ]) {
      expect(text).toContain(copy)
    }
    expect(page.queryAll('.program')).toHaveLength(6)
    expect(page.queryAll('.program__go').map((n) => n.text())).toEqual(Array(6).fill('立即进入 ›'))
    // Nothing unread: no banner, no badge on 我的.
    expect(app.cloudCalls.map((c) => (c.data as { action: string }).action)).toEqual(['unread'])
    expect(page.query('.home__inbox')).toBeNull()
    expect(app.tabBadges.has(1)).toBe(false)
    expect(app.errors).toEqual([])
  })

  test('unread notices: 你有 3 条新消息 above the programmes, a badge on 我的, and a tap opens 消息', async () => {
    cloud = unread(3)
    const page = await app.renderPage('pages/index/index')
    expect(page.query('.home__inbox')?.text()).toContain('你有 3 条新消息')
    expect(app.tabBadges.get(1)).toBe('3')
    await page.tap('.home__inbox')
    expect(app.navigations).toEqual([expect.objectContaining({ api: 'navigateTo', path: '/packages/account/messages/index', ok: true })])
  })

  test.each([
    ['志愿服务签到', '/packages/volunteer/index/index'],
    ['爱心商家优惠', '/packages/perks/index/index'],
    ['创业贴息贷款', '/packages/loan/index/index'],
    ['岗位对接会', '/packages/fair/index/index'],
  ])('tapping 「%s」 opens %s', async (title, path) => {
    const page = await app.renderPage('pages/index/index')
    await page.tap(title)
    expect(app.navigations).toEqual([expect.objectContaining({ api: 'navigateTo', path, ok: true })])
  })

  test('the whole card is the tap target, not only its title', async () => {
    const page = await app.renderPage('pages/index/index')
    await page.tap('.program--volunteer .program__go')
    await page.tap('.program--jobs')
    expect(app.navigations.map((n) => n.path)).toEqual(['/packages/volunteer/index/index', '/packages/fair/index/index'])
  })
})

describe('我的 pages/mine/index (calls Taro.cloud.callFunction on show)', () => {
  test('asks account.me through callFunction and shows the account, its roles and workspaces', async () => {
    cloud = ({ name, data }) => {
      expect({ name, data }).toEqual({ name: 'account', data: { action: 'me', input: {} } })
      return ok(ME)
    }
    const page = await app.renderPage('pages/mine/index')
    expect(app.cloudCalls).toEqual([{ name: 'account', data: { action: 'me', input: {} }, result: { ok: true, data: ME } }])
    expect(page.query('image')).toBeNull() // no avatar: the 青 placeholder
    expect(page.query('.mine__avatar-text')?.text()).toBe('青')
    const text = page.text()
    expect(text).toContain('小青')
    expect(text).toContain('手机 138****8000')
    expect(text).toContain('我的身份')
    expect(text).toContain('乡村振兴志愿者') // ROLE_LABELS.volunteer
    expect(text).toContain('我的工作台')
    expect(text).toContain('横荷街道 · 驿站签到、服务时长与星级')
    expect(text).not.toContain('切换测试身份') // dev tools are not in a production build
    expect(page.query('.mine__link--messages .mine__unread')?.text()).toBe('2')
    expect(app.tabBadges.get(1)).toBe('2')

    await page.tap('.mine__row')
    expect(app.navigations).toEqual([expect.objectContaining({ api: 'navigateTo', path: '/packages/volunteer/index/index', ok: true })])
  })

  test("a volunteer's programs are listed too, and a program shared by two roles only once", async () => {
    cloud = () => ok(ME)
    const volunteer = await app.renderPage('pages/mine/index')
    expect(volunteer.queryAll('.mine__row-title').map((n) => n.text())).toEqual(['志愿服务', '爱心商家优惠', '岗位对接会'])
    expect(volunteer.text()).not.toContain('横荷街道 · 报名、入场码与面试结果') // a program has no place

    cloud = () => ok({ ...ME, roles: [...ME.roles, { role: 'rural_youth', scopeType: 'township', scopeId: '441802006', scopeName: '凤城街道' }] })
    const both = await app.renderPage('pages/mine/index')
    expect(both.queryAll('.mine__row-title').map((n) => n.text())).toEqual(['志愿服务', '爱心商家优惠', '岗位对接会', '创业贴息贷款'])
    await both.tap('.mine__row:nth-child(5)')
    expect(app.navigations.at(-1)).toMatchObject({ api: 'navigateTo', path: '/packages/loan/index/index', ok: true })
  })

  test('someone new is invited to join; staff are not', async () => {
    cloud = () => ok({ ...ME, roles: [], registrations: [] })
    const newcomer = await app.renderPage('pages/mine/index')
    expect(newcomer.text()).toContain('注册成为乡村振兴志愿者')
    expect(newcomer.text()).toContain('农村青年登记')

    cloud = () => ok({ ...ME, roles: [{ role: 'merchant', scopeType: 'merchant', scopeId: 'm_1', scopeName: '连州菜馆' }], registrations: [] })
    const merchant = await app.renderPage('pages/mine/index')
    expect(merchant.text()).toContain('商家核销')
    expect(merchant.text()).not.toContain('注册成为乡村振兴志愿者')
  })

  test('an avatar URL becomes an <image> with that src', async () => {
    cloud = () => ok({ ...ME, avatarUrl: 'https://example.com/a.png' })
    const page = await app.renderPage('pages/mine/index')
    expect(page.query('image.mine__avatar-img')?.attrs()).toMatchObject({ src: 'https://example.com/a.png', mode: 'aspectFill' })
  })

  test('a failed call shows the network message; 重试 calls again', async () => {
    let calls = 0
    cloud = () => {
      calls++
      if (calls === 1) throw new Error('cloud down')
      return ok({ ...ME, roles: [] })
    }
    const page = await app.renderPage('pages/mine/index')
    expect(page.text()).toContain('网络不太稳定，请稍后重试')
    expect(app.console.some((c) => c.level === 'error' && String(c.args[0]).includes('cloud.callFunction account failed'))).toBe(true)

    await page.tap('重试')
    expect(calls).toBe(2)
    expect(page.text()).not.toContain('网络不太稳定')
    expect(page.text()).toContain('还没有任何身份')
  })

  test('pull-down refresh reloads the account and stops the spinner', async () => {
    let nickname = '小青'
    cloud = () => ok({ ...ME, nickname })
    const page = await app.renderPage('pages/mine/index')
    expect(page.text()).toContain('小青')
    nickname = '青青'
    const stop = jest.spyOn(app.wx, 'stopPullDownRefresh')
    try {
      await page.lifecycle('onPullDownRefresh')
      expect(page.text()).toContain('青青')
      expect(stop).toHaveBeenCalled()
    } finally {
      stop.mockRestore()
    }
  })
})

describe('团委管理 packages/admin/index/index (subpackage, NutUI icons)', () => {
  test('renders every desk with its count, and its icons exist in the mini program (not an <i> WeChat cannot draw)', async () => {
    const admin = { ...ME, nickname: '李建国', roles: [{ role: 'county_admin', scopeType: 'county', scopeId: '441802', scopeName: '清城区' }] }
    cloud = ({ data }) => {
      const { action } = data as { action: string }
      if (action === 'me') return ok(admin)
      return ok({ items: [], total: 2, counts: { todo: 2, subsidy: 0 } })
    }
    const page = await app.renderPage('packages/admin/index/index')
    const text = page.text()
    for (const desk of ['注册审核', '账号接管', '驿站与签到', '贷款审核', '爱心商家', '岗位对接会', '邀请', '授权管理']) expect(text).toContain(desk)
    expect(page.queryAll('.nut-icon').length).toBeGreaterThan(0)
    expect(app.errors).toEqual([])
  })
})

describe('the harness', () => {
  test("wx.cloud.callFunction is the mock: promise and callback styles, errors as WeChat's", async () => {
    cloud = async ({ name, data }) => {
      if (name === 'broken') throw new Error('boom')
      return { result: { echoed: data } }
    }
    await expect(app.wx.cloud.callFunction({ name: 'echo', data: { x: 1 } })).resolves.toEqual({
      result: { echoed: { x: 1 } },
      errMsg: 'cloud.callFunction:ok',
      requestID: expect.any(String),
    })
    const viaCallback = await new Promise((resolve) => app.wx.cloud.callFunction({ name: 'echo', data: { y: 2 }, success: resolve }))
    expect(viaCallback).toMatchObject({ result: { echoed: { y: 2 } } })
    await expect(app.wx.cloud.callFunction({ name: 'broken', data: {} })).rejects.toMatchObject({ errMsg: 'cloud.callFunction:fail boom' })
    expect(app.cloudCalls.map((c) => c.name)).toEqual(['echo', 'echo', 'broken'])
  })

  test('navigation is checked against app.json like WeChat does', async () => {
    await expect(app.wx.navigateTo({ url: '/pages/mine/index' })).rejects.toMatchObject({ errMsg: 'navigateTo:fail can not navigateTo a tabbar page' })
    await expect(app.wx.navigateTo({ url: '/packages/nope/index' })).rejects.toMatchObject({ errMsg: expect.stringContaining('is not found') })
    await app.wx.switchTab({ url: '/pages/mine/index' })
    expect(app.navigations.map((n) => [n.api, n.path, n.ok])).toEqual([
      ['navigateTo', '/pages/mine/index', false],
      ['navigateTo', '/packages/nope/index', false],
      ['switchTab', '/pages/mine/index', true],
    ])
  })

  test('every load is a fresh app: its own Taro runtime, records and pages', async () => {
    const other = await loadWeapp({ distDir, printAppConsole: false })
    try {
      expect(other.taroRuntime()).not.toBe(app.taroRuntime())
      const page = await other.renderPage('/pages/index/index')
      await page.tap('岗位对接会')
      expect(other.navigations).toHaveLength(1)
      expect(app.navigations).toHaveLength(0)
      expect(app.pages).toHaveLength(0)
    } finally {
      await other.close()
    }
  })

  test('an unknown page is a clear error', async () => {
    await expect(app.renderPage('pages/nope/index')).rejects.toThrow(/no page pages\/nope\/index .*pages\/index\/index/)
  })
})

