// The volunteer pages of the built mini program (dist-test/, see test/weapp/README.md), rendered
// as the demo volunteer 林晓雨 with wx.cloud.callFunction routed to the real functions in a local
// cloud, and wx.getLocation / wx.openSetting answered by the test (the phone's GPS and settings page).
import { EJSON } from 'bson'
import { MAY_WAIT_FOR_THE_DAY_MS, minutesServedToday } from '../support/clock'
import { startDemoCloud, type AppCloud } from '../support/app'
import { openAllDay } from '../support/stations'
import { type WeappApp, weappTestBuild, wxApi } from '../support/weapp'
import { openWeappAs } from '../support/weapp-demo'

const distDir = weappTestBuild()

const STATION = { id: 'st_fengcheng', name: '凤城街道新时代文明实践志愿服务驿站', lat: 23.697524, lng: 113.055469 }
const M_PER_DEG = (6371008.8 * Math.PI) / 180
const VOLUNTEER = 'o_demo_volunteer'

let appCloud: AppCloud
let app: WeappApp
let openid = VOLUNTEER
/** What wx.getLocation answers: a position, or a failure's errMsg. */
let gps: { latitude: number; longitude: number; accuracy: number } | { errMsg: string } = { latitude: STATION.lat, longitude: STATION.lng, accuracy: 20 }

const userId = () => [...appCloud.cloud.store.get('users').docs.values()].find((u) => u.openid === VOLUNTEER)!._id as string

beforeAll(async () => {
  appCloud = await startDemoCloud()
  // The demo stations keep office hours; these tests check in at whatever hour they run.
  await openAllDay(appCloud.cloud)
  app = await openWeappAs(appCloud, distDir, () => openid, {
    getLocation: wxApi('getLocation', (opts) => {
      expect(opts).toMatchObject({ type: 'gcj02', isHighAccuracy: true })
      return 'errMsg' in gps ? { ok: false, errMsg: gps.errMsg } : { ok: true, res: { ...gps, horizontalAccuracy: gps.accuracy, speed: 0, altitude: 0 } }
    }),
    // The user switches 位置信息 on in WeChat's settings page.
    openSetting: wxApi('openSetting', () => {
      gps = { latitude: STATION.lat, longitude: STATION.lng, accuracy: 20 }
      return { ok: true, res: { authSetting: { 'scope.userLocation': true } } }
    }),
  })
})
beforeEach(() => {
  openid = VOLUNTEER
  gps = { latitude: STATION.lat, longitude: STATION.lng, accuracy: 20 }
  app.clearRecords()
})
afterEach(() => app.unloadAll())
afterAll(async () => {
  await app?.close()
  await appCloud?.close()
})

test('志愿服务 home: 林晓雨 without a session sees the way to 签到, her hours, the star progress and the pages', async () => {
  const page = await app.renderPage('packages/volunteer/index/index')
  const text = page.text()
  for (const copy of ['乡村振兴志愿者', '林晓雨', '凤城街道', '尚未评定星级', '扫码签到', '到达驿站后，扫描驿站张贴的签到码', '选择附近驿站签到', '我的服务时长', '本月（小时）', '累计（小时）', '待审核（小时）', '再服务 100 小时可升至一星', '服务时长与记录', '补签', '志愿服务证明', '核验服务证明', '每天最多计入 8 小时']) {
    expect(text).toContain(copy)
  }
  expect(page.queryAll('.vhome-hours__num').map((n) => n.text())).toEqual(['0', '0', '0'])
  expect(page.query('.vhome-session')).toBeNull()
  // All at once; registration.myTerm for the term's notice (shown only within 30 days of its end, or after).
  expect(new Set(app.cloudCalls.map((c) => `${c.name}.${(c.data as any).action}`))).toEqual(new Set(['service.current', 'service.hours', 'account.me', 'settings.get', 'registration.myTerm']))

  await page.tap('服务时长与记录')
  await page.tap('.vhome-entry__nearby')
  expect(app.navigations.map((n) => [n.api, n.path, n.ok])).toEqual([
    ['navigateTo', '/packages/volunteer/hours/index', true],
    ['navigateTo', '/packages/volunteer/checkin/index', true],
  ])
  expect(app.errors).toEqual([])
})

test('签到 from the station code (scene), the session on the home page, 签退 after a confirmation', async () => {
  // The station's 小程序码: WeChat passes the scene URL-encoded.
  gps = { latitude: STATION.lat + 40 / M_PER_DEG, longitude: STATION.lng, accuracy: 25 }
  const checkin = await app.renderPage('packages/volunteer/checkin/index', { scene: encodeURIComponent('st=st_fengcheng') })
  expect(checkin.text()).toContain(STATION.name)
  expect(checkin.text()).toContain('你在签到范围内')
  expect(checkin.text()).toContain('距驿站约 40 米，签到范围 300 米，定位精度 ±25 米。')
  expect(checkin.text()).toContain('扫描现场签到码') // WeChat only
  expect(checkin.text()).not.toContain('模拟位置') // development web builds only
  await checkin.tap('.checkin__submit')
  expect(checkin.text()).toContain('服务中')
  expect(app.toasts.at(-1)).toMatchObject({ title: '签到成功' })
  const call = app.cloudCalls.find((c) => (c.data as any).action === 'checkIn')!
  expect((call.data as any).input).toMatchObject({ stationId: STATION.id, via: 'scan', reading: { lat: gps.latitude, lng: gps.longitude, accuracy: 25 } })
  expect((call.data as any).input.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  await checkin.unload()

  // As if checked in an hour ago (less early in a Shanghai day, which a session cannot cross here).
  const served = await minutesServedToday(60)
  await appCloud.cloud.db.handle('database.modifyDocument', {
    collectionName: 'open_sessions',
    queryType: 'DOC',
    query: JSON.stringify({ _id: userId() }),
    data: EJSON.stringify({ $set: { checkInAt: new Date(Date.now() - served * 60_000) } }, { relaxed: false }),
    merge: true,
  })

  const home = await app.renderPage('packages/volunteer/index/index')
  expect(home.text()).toContain('服务中')
  expect(home.query('.vhome-session__station')?.text()).toBe(STATION.name)
  expect(home.query('.vhome-session__elapsed')?.text()).toMatch(new RegExp(`^0${Math.floor(served / 60)}:${String(served % 60).padStart(2, '0')}:\\d\\d$`))
  expect(home.text()).not.toContain('扫码签到')

  await home.tap('.vhome-session__checkout')
  expect(app.modals.at(-1)).toMatchObject({ title: '确认签退', content: expect.stringContaining('签退后记录提交凤城街道团委审核') })
  await home.waitForText('扫码签到')
  expect(app.toasts.map((t) => t.title)).toContain('已签退')
  const sessions = [...appCloud.cloud.store.get('sessions').docs.values()] as Record<string, any>[]
  expect(sessions).toEqual([expect.objectContaining({ status: 'pending', stationId: STATION.id, minutes: expect.any(Number), flags: [] })])
  expect(sessions[0].minutes).toBeGreaterThanOrEqual(served)
  expect(app.errors).toEqual([])
}, MAY_WAIT_FOR_THE_DAY_MS)

test('服务时长: after the township approves, the approved hours, the star progress, 12 monthly bars and the record', async () => {
  const [session] = [...appCloud.cloud.store.get('sessions').docs.values()] as Record<string, any>[]
  const decided = await appCloud.call('o_demo_township', 'service.decide', { ids: [session._id], decision: 'approve' })
  expect(decided).toMatchObject({ ok: true, data: { decided: 1 } })
  const minutes = session.minutes as number
  const hours = (m: number) => {
    const h = Math.round((m / 60) * 10) / 10
    return Number.isInteger(h) ? String(h) : h.toFixed(1)
  }

  const page = await app.renderPage('packages/volunteer/hours/index')
  const text = page.text()
  expect(page.query('.hrs-hero__num')?.text()).toBe(hours(minutes))
  expect(text).toContain('小时 · 累计通过')
  expect(text).toContain('尚未评定星级')
  expect(text).toContain(`再服务 ${hours(100 * 60 - minutes)} 小时可升至一星`)
  expect(page.queryAll('.hrs-levels__hours').map((n) => n.text())).toEqual(['100 小时', '300 小时', '600 小时', '1000 小时', '1500 小时'])
  expect(page.queryAll('.hrs-bars__col')).toHaveLength(12)
  expect(page.query('.hrs-stations__name')?.text()).toBe(STATION.name)
  expect(text).toContain('服务记录')
  expect(text).toContain('共 1 条')
  const record = page.query('.hrs-rec')!
  expect(record.text()).toContain(STATION.name)
  expect(record.text()).toContain('已通过')
  expect(record.query('.hrs-rec__appeal')).toBeNull() // approved as recorded: nothing to appeal

  // Filters ask the function for that status.
  await page.tap({ text: '未通过' })
  expect(page.text()).toContain('没有这类记录')
  expect((app.cloudCalls.at(-1)!.data as any).input).toMatchObject({ status: 'rejected', page: 1 })
  await page.lifecycle('onPullDownRefresh')
  expect(app.errors).toEqual([])
})

test('without the location permission: the reason, 去设置开启 (wx.openSetting), then the position', async () => {
  gps = { errMsg: 'getLocation:fail auth deny' }
  const page = await app.renderPage('packages/volunteer/checkin/index', { stationId: STATION.id })
  expect(page.text()).toContain('未获得位置权限')
  expect(page.text()).toContain('请在设置中允许「乡青汇」使用你的位置信息')
  await page.tap('去设置开启')
  expect(page.text()).toContain('你在签到范围内')
  expect(app.errors).toEqual([])
})

test('a WeChat user who is not a volunteer is shown the way to register', async () => {
  openid = 'o_weapp_not_a_volunteer'
  const page = await app.renderPage('packages/volunteer/index/index')
  expect(page.text()).toContain('你还不是乡村振兴志愿者')
  await page.tap('注册成为志愿者')
  expect(app.navigations.at(-1)).toMatchObject({ api: 'navigateTo', path: '/packages/account/register/index', query: { kind: 'volunteer' }, ok: true })
})
