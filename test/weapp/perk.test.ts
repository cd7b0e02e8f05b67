// The caring-merchant pages of the built mini program (dist-test/, see test/weapp/README.md),
// where the web journey (test/browser/perk.test.ts) cannot go: WeChat's camera (wx.scanCode),
// the screen kept on and bright while a code is shown (and put back afterwards), the code handed
// to the redeem page without its URL, and 继续扫码 in place. wx.cloud.callFunction is routed to the
// real functions in a local cloud; the camera's answer is set by each test.
import { startDemoCloud, type AppCloud } from '../support/app'
import { callFunctionAs, loadWeapp, subscribeAs, type WeappApp, weappTestBuild, wxApi } from '../support/weapp'
import { localTemplateId } from '../../localcloud/environment'

const REVIEW = localTemplateId('review')

const distDir = weappTestBuild()

const VOLUNTEER = 'o_demo_volunteer'
const MERCHANT = 'o_demo_merchant'

let appCloud: AppCloud
let app!: WeappApp
/** Loaded by the current test, closed after it. */
const loaded: WeappApp[] = []
let openid = VOLUNTEER
/** What the camera reads next (wx.scanCode), or its failure. */
let camera: { result: string } | { errMsg: string } = { errMsg: 'scanCode:fail cancel' }
const scans: Record<string, unknown>[] = []
const keepScreenOn: boolean[] = []
const brightness: number[] = []
/** A perk of the demo restaurant that allows several uses a day (the tests use it more than once). */
let perkId = ''

async function codeFor(perk: string): Promise<string> {
  const res = (await appCloud.call(VOLUNTEER, 'perk.code', { perkId: perk })) as { ok: boolean; data?: { token: string } }
  if (!res.ok || !res.data) throw new Error(`perk.code refused: ${JSON.stringify(res)}`)
  return res.data.token
}

const redemptions = () => [...appCloud.cloud.store.get('redemptions').docs.values()] as Record<string, any>[]

beforeAll(async () => {
  appCloud = await startDemoCloud()
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const saved = (await appCloud.call(MERCHANT, 'perk.savePerk', {
    merchantId: 'm_lianzhou_kitchen',
    title: '饮品第二杯半价',
    description: '志愿者凭码第二杯饮品半价',
    perDay: 5,
    perMonth: 20,
    quota: 100,
    validFrom: today,
    validTo: '2099-12-31',
  })) as { ok: boolean; data?: { id: string } }
  perkId = saved.data!.id
})
beforeEach(() => {
  camera = { errMsg: 'scanCode:fail cancel' }
  scans.length = 0
  keepScreenOn.length = 0
  brightness.length = 0
})
afterEach(async () => {
  for (const a of loaded.splice(0)) await a.close()
})
afterAll(async () => {
  await appCloud?.close()
})

/**
 * The mini program, freshly loaded for one WeChat user (a page keeps who the caller is for a
 * short while, as one phone has one user).
 */
async function launch(as: string): Promise<WeappApp> {
  openid = as
  app = await loadWeapp({
    distDir,
    printAppConsole: false,
    callFunction: callFunctionAs(appCloud.cloud, () => openid),
    onSubscribe: subscribeAs(appCloud.cloud, () => openid),
    wx: {
      scanCode: wxApi('scanCode', (opts) => {
        scans.push({ onlyFromCamera: opts.onlyFromCamera, scanType: opts.scanType })
        return 'errMsg' in camera ? { ok: false, errMsg: camera.errMsg } : { ok: true, res: { result: camera.result, scanType: 'QR_CODE', charSet: 'utf-8' } }
      }),
      setKeepScreenOn: wxApi('setKeepScreenOn', (opts) => {
        keepScreenOn.push(opts.keepScreenOn)
        return { ok: true, res: {} }
      }),
      getScreenBrightness: wxApi('getScreenBrightness', () => ({ ok: true, res: { value: 0.4 } })),
      setScreenBrightness: wxApi('setScreenBrightness', (opts) => {
        brightness.push(opts.value)
        return { ok: true, res: {} }
      }),
      onUserCaptureScreen: () => undefined,
      offUserCaptureScreen: () => undefined,
      getLocation: wxApi('getLocation', () => ({ ok: true, res: { latitude: 23.7005, longitude: 113.0535, accuracy: 20, horizontalAccuracy: 20, speed: 0, altitude: 0 } })),
    },
  })
  loaded.push(app)
  return app
}

test('出示优惠码 in WeChat keeps the screen on and bright, says 已核销 when the merchant confirms, and puts the screen back', async () => {
  await launch(VOLUNTEER)
  const page = await app.renderPage('packages/perks/detail/index', { id: perkId })
  await page.waitForText('饮品第二杯半价')
  expect(page.text()).toContain('导航到店') // wx.openLocation: the shop has a coordinate
  await page.tap('.detail__show')
  await page.waitForText('林*雨')
  expect(page.text()).toContain('秒内有效')
  // Asked in the tap to be told of the confirmation; she allows it.
  expect(app.subscribeRequests).toEqual([{ tmplIds: [REVIEW], answers: { [REVIEW]: 'accept' } }])
  expect(keepScreenOn).toEqual([true])
  expect(brightness).toEqual([0.9])

  // The merchant confirms the code the page shows.
  const code = app.cloudCalls.find((c) => c.name === 'perk' && (c.data as { action: string }).action === 'code')
  const token = (code?.result as { data: { token: string } }).data.token
  appCloud.cloud.outbox.length = 0
  const confirmed = (await appCloud.call(MERCHANT, 'perk.confirm', { token })) as { ok: boolean }
  expect(confirmed.ok).toBe(true)
  expect(appCloud.cloud.outbox.map((m) => [m.touser, m.data.phrase2.value])).toEqual([[VOLUNTEER, '已核销']])

  await page.waitForText('已核销', 10_000)
  expect(keepScreenOn.at(-1)).toBe(false)
  expect(brightness.at(-1)).toBe(0.4)
})

test('someone without a shop sees how staff join, not the camera', async () => {
  await launch(VOLUNTEER)
  const home = await app.renderPage('packages/merchant/index/index')
  await home.waitForText('仅限爱心商家店员使用')
  expect(home.text()).toContain('输入邀请码')
  expect(home.query('.mh-scan')).toBeNull()
})

test('扫码核销 opens the camera for QR codes only, hands the code over outside the URL, and records one redemption; 继续扫码 with the same code is refused', async () => {
  await launch(MERCHANT)
  const token = await codeFor(perkId)
  const before = redemptions().length

  const home = await app.renderPage('packages/merchant/index/index')
  await home.waitForText('今日核销')
  expect(home.text()).not.toContain('扫码替代') // the web build's stand-in is not in the mini program

  // Something that is not a perk code: said so, nothing opened.
  camera = { result: 'https://example.com/not-a-perk' }
  await home.tap('.mh-scan')
  expect(app.modals.at(-1)?.title).toBe('这不是乡青汇优惠码')
  expect(app.navigations).toHaveLength(0)

  camera = { result: token }
  await home.tap('.mh-scan')
  expect(scans).toEqual([
    { onlyFromCamera: true, scanType: ['qrCode'] },
    { onlyFromCamera: true, scanType: ['qrCode'] },
  ])
  const nav = app.navigations.at(-1)!
  expect(nav).toMatchObject({ api: 'navigateTo', path: '/packages/merchant/redeem/index', ok: true })
  expect(nav.url).not.toContain('P1.')

  const redeem = await app.renderPage('packages/merchant/redeem/index')
  await redeem.waitForText('优惠码有效')
  expect(redeem.text()).toContain('饮品第二杯半价')
  expect(redeem.text()).toContain('林*雨')
  await redeem.tap('.rd-confirm')
  await redeem.waitForText('核销成功')
  expect(app.modals.at(-1)?.content).toContain('确认已为志愿者 林*雨 提供「饮品第二杯半价」')
  expect(redemptions()).toHaveLength(before + 1)
  expect(app.cloudCalls.filter((c) => c.name === 'perk' && (c.data as { action: string }).action === 'confirm')).toHaveLength(1)

  // 继续扫码: the camera again, on this page; the same code is refused.
  await redeem.tap('.rd-next')
  expect(scans).toHaveLength(3)
  await redeem.waitForText('该优惠码已使用')
  expect(redemptions()).toHaveLength(before + 1)
})
