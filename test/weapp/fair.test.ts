// The job-fair pages in the built mini program (miniprogram-simulate), against the real functions
// in the local cloud: what only WeChat does holds — sign-up with the résumé sheet and WeChat's
// modal, the entry code as an <image> with the screen kept on, the door's wx.scanCode, the
// employer's outcome sheet and the phone call, the report. wx.cloud.callFunction is routed to
// the local runtime as the persona of each test.
import { EJSON } from 'bson'
import { callData, startDemoCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'
import { type WeappApp, weappTestBuild } from '../support/weapp'
import { openWeappAs } from '../support/weapp-demo'
import { localTemplateId } from '../../localcloud/environment'

const REVIEW = localTemplateId('review')

const distDir = weappTestBuild()
let appCloud: AppCloud
let app: WeappApp
let fairId = ''
let positionId = ''
/** What wx.scanCode reads next (the door). */
let scanned = ''
const keepScreenOn: boolean[] = []
const phoneCalls: string[] = []

const CITY = 'o_demo_city'
const EMPLOYER = 'o_demo_employer'
const VOLUNTEER = 'o_demo_volunteer'
const TITLE = '乡村振兴志愿者岗位对接会（小程序）'

const call = (who: string, name: string, input: unknown) => callData(appCloud, who, name, input)

const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)

async function setFair(set: Record<string, unknown>) {
  await appCloud.cloud.db.handle('database.modifyDocument', {
    collectionName: 'fairs',
    queryType: 'DOC',
    query: JSON.stringify({ _id: fairId }),
    data: EJSON.stringify({ $set: set }, { relaxed: false }),
    merge: true,
  })
}

/** The built mini program as one WeChat user (a fresh app: pages share the caller's account for a while). */
async function openAs(who: string): Promise<WeappApp> {
  app = await openWeappAs(appCloud, distDir, () => who, {
    scanCode: (o: any) => {
      const res = { result: scanned, scanType: 'QR_CODE', errMsg: 'scanCode:ok' }
      o?.success?.(res)
      o?.complete?.(res)
    },
    setKeepScreenOn: (o: any) => {
      keepScreenOn.push(!!o?.keepScreenOn)
      o?.success?.({ errMsg: 'setKeepScreenOn:ok' })
    },
    makePhoneCall: (o: any) => {
      phoneCalls.push(String(o?.phoneNumber))
      o?.success?.({ errMsg: 'makePhoneCall:ok' })
    },
    vibrateShort: (o: any) => o?.success?.({ errMsg: 'vibrateShort:ok' }),
    vibrateLong: (o: any) => o?.success?.({ errMsg: 'vibrateLong:ok' }),
  })
  return app
}

/** Visible text without the spaces the harness puts between text nodes. */
const flat = (text: string) => text.replace(/\s+/g, '')

beforeAll(async () => {
  appCloud = await startDemoCloud()
  // Set-up: a published fair of capacity 5 with one position in 清城区.
  const fair = await call(CITY, 'fair.save', {
    title: TITLE,
    date: shanghaiDay(10),
    startTime: '09:00',
    endTime: '12:00',
    venue: '清远市青少年宫',
    address: '清城区北江一路 8 号',
    location: { lat: 23.6818, lng: 113.056 },
    signupOpensAt: `${shanghaiDay(-1)} 09:00`,
    signupClosesAt: `${shanghaiDay(9)} 18:00`,
    capacity: 5,
    termEndsWithinDays: 180,
    maxPositions: 2,
    employerIds: ['e_qy_city_invest'],
  })
  fairId = fair.id
  await call(CITY, 'fair.setStatus', { id: fairId, status: 'published' })
  const position = await call(EMPLOYER, 'fair.savePosition', {
    fairId,
    employerId: 'e_qy_city_invest',
    title: '乡村振兴项目专员',
    openings: 2,
    place: '清城区凤城街道',
    countyCode: '441802',
    requirements: '服务期满的乡村振兴志愿者',
    salaryMinFen: 500_000,
    salaryMaxFen: 800_000,
    contactName: '何经理',
    contactPhone: '0763-3388123',
  })
  positionId = position.id
})
afterEach(async () => {
  await app?.close()
})
afterAll(async () => {
  await appCloud?.close()
})

test('a volunteer finds the fair, chooses a position, previews the résumé, agrees and signs up', async () => {
  await openAs(VOLUNTEER)
  const list = await app.renderPage('packages/fair/index/index')
  await list.waitForText(TITLE)
  expect(list.text()).toContain('余 5 个名额')
  await list.tap('.fairs__card')
  expect(app.navigations.at(-1)?.url).toBe(`/packages/fair/detail/index?id=${fairId}`)

  const detail = await app.renderPage('packages/fair/detail/index', { id: fairId })
  await detail.waitForText('乡村振兴项目专员')
  expect(detail.text()).toContain('5,000–8,000 元/月')
  await detail.tap('.detail-pos')
  expect(flat(detail.text())).toContain('已选1/2个岗位')
  await detail.tap('.detail__signup')
  await detail.waitForText('同意向用人单位提供简历')
  expect(detail.text()).toContain('林晓雨')
  await detail.tap('.detail-sheet__consent')
  await detail.tap('.detail-sheet__confirm')
  await detail.waitForText('对接会当天凭入场码签到入场')
  expect(app.modals.map((m) => m.title)).toContain('报名成功')
  // WeChat's dialog was opened in the tap; she declined, and the sign-up went ahead all the same.
  expect(app.subscribeRequests).toEqual([{ tmplIds: [REVIEW], answers: { [REVIEW]: 'reject' } }])
  expect(detail.query('.detail__code')).not.toBeNull()
  expect(app.errors).toEqual([])
})

test('on the day the entry code is an image, the screen stays on, and the door checks it in with wx.scanCode', async () => {
  // The day comes, and the fair has begun (outcomes are recorded only after it starts).
  await setFair({ date: shanghaiDay(0), startsAt: new Date(Date.now() - 3600_000) })
  await openAs(VOLUNTEER)
  const code = await app.renderPage('packages/fair/code/index', { id: fairId })
  await code.waitForText('秒后自动刷新')
  const image = code.query('.entry__qr')
  expect(String(image?.attrs().src)).toMatch(/^data:image\/gif;base64,/)
  expect(keepScreenOn).toContain(true)
  const token = (await call(VOLUNTEER, 'fair.entryCode', { fairId })).token
  await code.unload()
  expect(keepScreenOn.at(-1)).toBe(false)

  await app.close()
  await openAs(CITY)
  scanned = token
  const door = await app.renderPage('packages/fairadmin/door/index', { id: fairId })
  await door.waitForText('扫码签到')
  expect(door.text()).not.toContain('扫码替代')
  await door.tap('.door__scan')
  await door.waitForText('签到成功')
  expect(door.text()).toContain('林*雨')
  await door.tap('.door__scan')
  await door.waitForText('入场码已使用过')
  expect(app.errors).toEqual([])
})

test('the employer records an outcome, then sees the mobile and can call', async () => {
  await openAs(EMPLOYER)
  const home = await app.renderPage('packages/employer/index/index')
  await home.waitForText('乡村振兴项目专员')
  expect(flat(home.text())).toContain('查看报名（1人次）')

  const list = await app.renderPage('packages/employer/applicants/index', { fairId, positionId })
  await list.waitForText('林晓雨')
  expect(list.text()).toContain('138****8001')
  await list.tap('.app-choice__record')
  await list.tap('.outcome-option--interviewed')
  await list.tap('.outcome-sheet__save')
  await list.waitForText('13800138001')
  await list.tap('.app-card__call')
  expect(phoneCalls).toEqual(['13800138001'])
  expect(app.errors).toEqual([])
})

test('league pages render in WeChat: the fair list, the form with the map picker, the sign-up list and the report', async () => {
  // A second, waiting volunteer makes the list show a rank.
  const reg = await call('o_weapp_fair_v2', 'registration.submitVolunteer', volunteerForm({ name: '周晓彤', mobile: '13800138066', termEnd: shanghaiDay(30) }))
  await call('o_demo_county', 'registration.review', { ids: [reg.id], decision: 'approve' })
  await setFair({ capacity: 1 })
  await call('o_weapp_fair_v2', 'fair.signUp', { fairId, positionIds: [positionId], shareResume: true })

  await openAs(CITY)
  const index = await app.renderPage('packages/fairadmin/index/index')
  await index.waitForText(TITLE)
  expect(index.text()).toContain('入场签到')
  const edit = await app.renderPage('packages/fairadmin/edit/index', { id: fairId })
  await edit.waitForText('保存修改')
  expect(edit.text()).toContain('已选定位置')
  expect(edit.text()).not.toContain('纬度')
  const signups = await app.renderPage('packages/fairadmin/signups/index', { id: fairId })
  await signups.waitForText('周晓彤')
  expect(signups.text()).toContain('候补第 1 位')
  const report = await app.renderPage('packages/fairadmin/report/index', { id: fairId })
  await report.waitForText('按用人单位')
  expect(report.query('.rep__attended')?.text()).toContain('1')
  expect(app.errors).toEqual([])
})
