// The volunteer pages as people use them: the demo volunteer 林晓雨 finds 凤城街道's station
// nearby, opens its check-in page (as its 小程序码 would), checks in at the station, sees the
// session running on the home page and checks out; from 900 m away a check-in is refused with
// the fence message; 凤城街道's staff approve it in their queue (a second browser) and the hours page shows the hours and the way to
// the next star; a 补签 for yesterday is filed (rejected, then appealed); a certificate is
// generated and verified by someone else. Also: a non-volunteer, a denied location permission
// and the development 模拟位置 panel. Every page is saved as a screenshot in test-artifacts/.
import type { Page } from 'playwright-core'
import { EJSON } from 'bson'
import { MAY_WAIT_FOR_THE_DAY_MS, minutesServedToday } from '../support/clock'
import { reveal, visibleQr } from '../support/checks'
import { answerNotices, journey, settle, until } from '../support/journey'
import { minutesText } from '../../types/credit-rules'
import { shanghaiDate } from '../../types/time'
import { ALL_DAY, openAllDay } from '../support/stations'

const world = journey('volunteer')
const { call, docs, shot, openAs } = world
// The demo stations keep office hours (08:30–17:30); the journey checks in at whatever hour it runs.
beforeAll(() => openAllDay(world.stack.cloud))

/** 凤城街道新时代文明实践志愿服务驿站 (GCJ-02), radius 300 m. */
const STATION = { id: 'st_fengcheng', name: '凤城街道新时代文明实践志愿服务驿站', lat: 23.697524, lng: 113.055469 }
/** Metres per degree of latitude on the sphere the functions measure on (haversine, R = 6371008.8 m). */
const M_PER_DEG = (6371008.8 * Math.PI) / 180
const AT_STATION = { latitude: STATION.lat + 30 / M_PER_DEG, longitude: STATION.lng, accuracy: 15 }
const FAR_AWAY = { latitude: STATION.lat + 900 / M_PER_DEG, longitude: STATION.lng, accuracy: 15 }
const VOLUNTEER = 'o_demo_volunteer'
const STAFF = 'o_demo_township'

/** Opens a page of the app afresh (a reload, so no earlier page state lingers). */
async function open(page: Page, path: string) {
  await page.goto(`${world.stack.url}/#/${path}`)
  await page.reload()
}

const volunteerUserId = () => docs('users').find((u) => u.openid === VOLUNTEER)!._id as string

/** Moves the volunteer's open session back in time, as if they had checked in earlier today. */
async function backdateOpenSession(minutes: number) {
  const checkInAt = new Date(Date.now() - minutes * 60_000)
  await world.stack.cloud.db.handle('database.modifyDocument', {
    collectionName: 'open_sessions',
    queryType: 'DOC',
    query: JSON.stringify({ _id: volunteerUserId() }),
    data: EJSON.stringify({ $set: { checkInAt } }, { relaxed: false }),
    merge: true,
  })
}

/** Minutes since midnight in Shanghai (a session must not cross it: it would be closed there). */
const hoursText = (minutes: number) => {
  const h = Math.round((minutes / 60) * 10) / 10
  return Number.isInteger(h) ? String(h) : h.toFixed(1)
}
const yesterday = () => new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10)

/** Confirms the open Taro picker (确定) and waits for it to close. */
async function confirmPicker(page: Page) {
  const confirm = page.locator('.weui-picker__action:visible', { hasText: '确定' })
  await confirm.click()
  await confirm.waitFor({ state: 'hidden' })
}

test('林晓雨 checks in at the station, checks out, is refused far away; hours after approval; 补签, appeal, certificate and its verification', async () => {
  const { context, page, errors } = await openAs('林晓雨', AT_STATION)

  // The home page: no session, the way in, no hours yet.
  await open(page, 'packages/volunteer/index/index')
  await page.locator('.wb-head__name', { hasText: '林晓雨' }).waitFor()
  await page.locator('.vhome__chip', { hasText: '凤城街道' }).waitFor()
  await page.locator('.vhome-entry__title', { hasText: '扫码签到' }).waitFor()
  await page.locator('.vhome-hours__num--total', { hasText: '0' }).waitFor()
  await page.locator('.vol-starbar__text', { hasText: '再服务 100 小时可升至一星' }).waitFor()
  await shot(page, '01-home')

  // 选择附近驿站: the demo stations around, nearest first, with their distances.
  await page.locator('.vhome-entry__nearby').click()
  await page.locator(`.ck-station[data-station="${STATION.id}"]`).waitFor()
  const listed = await page.locator('.ck-station').evaluateAll((els) => els.map((e) => e.getAttribute('data-station')))
  expect(listed[0]).toBe(STATION.id)
  expect(listed).toEqual(expect.arrayContaining(['st_dongcheng', 'st_taihe']))
  await page.locator(`.ck-station[data-station="${STATION.id}"]`, { hasText: '可签到' }).waitFor()
  await shot(page, '02-checkin-nearby')

  // The station's 小程序码 opens the check-in page with its scene, URL-encoded.
  await open(page, `packages/volunteer/checkin/index?scene=${encodeURIComponent('st=st_fengcheng')}`)
  await page.locator('.ck-st__name', { hasText: STATION.name }).waitFor()
  await page.locator('.ck-st__fact-value', { hasText: `${ALL_DAY.opensAt}–${ALL_DAY.closesAt}` }).waitFor()
  await page.locator('.ck-st__fact-value', { hasText: '300 米内' }).waitFor()
  await page.locator('.ck-loc[data-verdict="in"]', { hasText: '你在签到范围内' }).waitFor()
  await page.locator('.ck-loc__detail', { hasText: '距驿站约 30 米' }).waitFor()
  await shot(page, '03-checkin-station')

  // 签到 (a double tap counts once: one request id per attempt, and the button is busy meanwhile).
  await page.locator('.checkin__submit').dblclick()
  await page.locator('.ck-live', { hasText: '服务中' }).waitFor()
  await page.locator('.ck-live__name', { hasText: STATION.name }).waitFor()
  const open1 = docs('open_sessions')
  expect(open1).toHaveLength(1)
  expect(open1[0]).toMatchObject({ stationId: STATION.id, via: 'scan', checkIn: { accuracy: 15, distanceM: 30 } })
  await shot(page, '04-checkin-running')

  // As if checked in earlier today: the time runs on the home page.
  const served = await minutesServedToday(150)
  await backdateOpenSession(served)
  await open(page, 'packages/volunteer/index/index')
  await page.locator('.vhome-session__station', { hasText: STATION.name }).waitFor()
  const first = await page.locator('.vhome-session__elapsed').textContent()
  await page.waitForTimeout(1200)
  expect(await page.locator('.vhome-session__elapsed').textContent()).not.toBe(first) // ticking
  expect(first).toMatch(new RegExp(`^0${Math.floor(served / 60)}:`))
  await shot(page, '05-home-session')

  // 签退 from the check-in page: a confirmation, then the record awaits review.
  await page.locator('.vhome-session__detail').click()
  await page.locator('.ck-live__checkout').click()
  await page.locator('.taro-modal__content', { hasText: '签退后记录提交凤城街道团委审核' }).waitFor()
  await shot(page, '06-checkout-confirm')
  await page.locator('.taro-model__confirm').click()
  // On that tap, WeChat asks whether to send the review's result; she allows it.
  await answerNotices(page, true)
  await page.locator('.ck-done[data-status="pending"]', { hasText: '已签退' }).waitFor()
  await shot(page, '07-checked-out')
  expect(docs('open_sessions')).toHaveLength(0)
  const [session] = docs('sessions')
  expect(session).toMatchObject({ status: 'pending', stationId: STATION.id, source: 'scan', flags: [] })
  const minutes = session.minutes as number
  expect(minutes).toBeGreaterThanOrEqual(served)
  expect(minutes).toBeLessThanOrEqual(served + 1)

  // A second check-in from 900 m away: previewed and refused with the fence message.
  await context.setGeolocation(FAR_AWAY)
  await open(page, `packages/volunteer/checkin/index?stationId=${STATION.id}`)
  await page.locator('.ck-loc[data-verdict="out"]', { hasText: '不在签到范围内' }).waitFor()
  await page.locator('.checkin__submit').click()
  const fence = '定位显示你距离驿站约 900 米，超出 300 米的签到范围。请到驿站后再签到，或在室外空旷处重新定位。'
  await page.locator('.checkin__error[data-error-for="reading"]', { hasText: fence }).waitFor()
  await shot(page, '08-checkin-outside-fence')
  expect(docs('open_sessions')).toHaveLength(0)
  // The function refuses it with the same words.
  const refused = await call(VOLUNTEER, 'service', 'checkIn', {
    requestId: 'farawayattempt1',
    stationId: STATION.id,
    reading: { lat: FAR_AWAY.latitude, lng: FAR_AWAY.longitude, accuracy: 15, at: Date.now() },
  })
  expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reading', message: fence } })

  // 凤城街道's staff approve it in the queue, as a batch; the hours page then shows the hours, the
  // star progress and the record.
  const staff = await openAs('陈思敏')
  await open(staff.page, 'packages/township/queue/index')
  const card = staff.page.locator('.session-card', { hasText: '林晓雨' }).first()
  await card.waitFor()
  await card.click()
  await staff.page.locator('.queue__count', { hasText: '已选 1 条' }).waitFor()
  await staff.page.locator('.queue__approve').click()
  await staff.page.locator('.taro__modal', { hasText: '批量通过' }).locator('.taro-model__confirm').click()
  for (let i = 0; i < 100 && docs('sessions').find((x) => x._id === session._id)?.status !== 'approved'; i++) await staff.page.waitForTimeout(100)
  expect(docs('sessions').find((x) => x._id === session._id)).toMatchObject({ status: 'approved' })
  expect(staff.errors).toEqual([])
  await staff.context.close()
  // She is told twice: in WeChat (she allowed it at check-out) and in 消息, whose entry opens the record.
  // (The notices go out as the staff's call finishes, just after the record changes.)
  const toHer = () => world.stack.cloud.outbox.filter((m) => m.touser === VOLUNTEER).map((m) => m.data.phrase2.value)
  await until(async () => toHer().length, 1)
  expect(toHer()).toEqual(['已通过'])
  // The subscribe message goes out first and the 消息 entry is stored after it: wait for that entry
  // before counting, or the count may miss it (as it did once on a loaded CI machine).
  const reviewTitle = `志愿服务时长：${shanghaiDate(new Date(session.checkInAt as Date))} ${STATION.name}`
  await until(async () => docs('messages').some((m) => m.userId === volunteerUserId() && m.title === reviewTitle), true)
  const { unread } = await world.invoke(VOLUNTEER, 'account', 'unread', {})
  expect(unread).toBeGreaterThanOrEqual(1)
  await open(page, 'pages/mine/index')
  await page.locator('.mine__link--messages .mine__unread', { hasText: String(unread) }).waitFor()
  await page.locator('.mine__link--messages').click()
  const notice = page.locator('.msgs__item--unread', { hasText: reviewTitle })
  await notice.locator('.ui-tag', { hasText: '已通过' }).waitFor()
  await notice.locator('.msgs__text', { hasText: `计入 ${minutesText(minutes)}` }).waitFor()
  await shot(page, '08b-messages')
  await notice.click()
  await page.locator(`.hrs-focus .hrs-rec[data-id="${session._id}"][data-status="approved"]`).waitFor()
  await shot(page, '08c-hours-from-message')
  await page.locator('.hrs-hero__num', { hasText: hoursText(minutes) }).waitFor()
  await page.locator('.hrs-hero__name', { hasText: '尚未评定星级' }).waitFor()
  await page.locator('.hrs-hero .vol-starbar__text', { hasText: `再服务 ${hoursText(100 * 60 - minutes)} 小时可升至一星` }).waitFor()
  await page.locator(`.hrs-history .hrs-rec[data-status="approved"]`, { hasText: STATION.name }).waitFor()
  await page.locator('.hrs-stations__name', { hasText: STATION.name }).waitFor()
  // Issue 19, item 13: months read 「1月」…「12月」 with the year beneath the first and each January, never 「26/1」.
  const labels = await page.locator('.hrs-bars__label').allTextContents()
  expect(labels).toHaveLength(12)
  expect(labels.every((l) => /^\d{1,2}月$/.test(l))).toBe(true)
  expect((await page.locator('.hrs-bars__year').first().textContent())!).toMatch(/^\d{4}年$/)
  await shot(page, '09-hours-approved')
  await shot(page, '09b-hours-approved-full', { fullPage: true })

  // 补签 for yesterday: the station of the last session is proposed; yesterday, 09:00–11:00.
  await open(page, 'packages/volunteer/makeup/index')
  await page.locator('[data-field="stationId"]', { hasText: STATION.name }).waitFor()
  await page.locator('.form-banner', { hasText: '本月还可提交补签和申诉 3 次（每月共 3 次）' }).waitFor()
  await shot(page, '10-makeup-empty')
  // Submitting empty: the missing fields are named inline.
  await page.locator('.makeup__submit').click()
  await page.locator('[data-error-for="date"]', { hasText: '请选择服务日期' }).waitFor()
  await page.locator('[data-error-for="reason"]', { hasText: '请填写补签原因' }).waitFor()
  await page.locator('.makeup__chip[data-day="1"]').click()
  await page.locator('[data-field="date"]', { hasText: '（昨天）' }).waitFor()
  await page.locator('[data-field="start"]').click()
  await settle(page)
  await confirmPicker(page)
  await page.locator('[data-field="start"] .form-row__value', { hasText: '09:00' }).waitFor()
  await page.locator('[data-field="end"]').click()
  await settle(page)
  await confirmPicker(page)
  await page.locator('[data-field="end"] .form-row__value', { hasText: '11:00' }).waitFor()
  await page.locator('[data-field="end"]', { hasText: '共 2 小时' }).waitFor()
  await page.locator('[data-field="reason"] textarea').fill('在村委会会议室协助直播带货，室内没有信号，未能签到')
  expect(await page.locator('[data-error-for]').count()).toBe(0)
  await shot(page, '11-makeup-filled')
  await page.locator('.makeup__submit').click()
  await page.locator('.taro-modal__content', { hasText: '09:00–11:00' }).waitFor()
  await shot(page, '12-makeup-confirm')
  await page.locator('.taro-model__confirm').click()
  // This time she declines WeChat's notice; the appeal below does not ask again.
  await answerNotices(page, false)
  await page.locator('.mk-done', { hasText: '补签已提交' }).waitFor()
  await page.locator('.mk-done .vol-status--pending', { hasText: '待审核' }).waitFor()
  await shot(page, '13-makeup-submitted')
  const makeup = docs('sessions').find((s) => s.source === 'makeup')!
  expect(makeup).toMatchObject({ status: 'pending', stationId: STATION.id, minutes: 120, flags: ['makeup'], days: [{ date: yesterday(), minutes: 120 }] })

  // The records: the make-up is pending.
  await page.locator('.makeup__to-hours').click()
  await page.locator('.hrs-filter[data-filter="pending"]').click()
  await page.locator(`.hrs-rec[data-id="${makeup._id}"][data-status="pending"]`, { hasText: '补签' }).waitFor()
  await page.locator('.hrs-hero__pending', { hasText: '2' }).waitFor()
  await page.locator(`.hrs-rec[data-id="${makeup._id}"]`).scrollIntoViewIfNeeded()
  await shot(page, '14-hours-makeup-pending')

  // Rejected by the township with a reason; the volunteer appeals (a reason of 4 characters at least).
  expect(await call(STAFF, 'service', 'decide', { ids: [makeup._id], decision: 'reject', reason: '当天会议签到表上没有你的名字' })).toMatchObject({ ok: true, data: { decided: 1 } })
  await open(page, 'packages/volunteer/hours/index')
  const rejected = page.locator(`.hrs-rec[data-id="${makeup._id}"][data-status="rejected"]`)
  await rejected.locator('.hrs-rec__reason', { hasText: '当天会议签到表上没有你的名字' }).waitFor()
  await rejected.locator('.hrs-rec__appeal').click()
  await page.locator('.hrs-appeal textarea').fill('太短')
  await page.locator('.hrs-appeal textarea').fill('短')
  await page.locator('.hrs-appeal__submit').click()
  await page.locator('.hrs-appeal__error', { hasText: '申诉理由至少 4 个字' }).waitFor()
  await page.locator('.hrs-appeal textarea').fill('我在会议室后排负责直播设备，请向村委会王主任核实')
  await shot(page, '15-hours-appeal')
  await page.locator('.hrs-appeal__submit').click()
  await page.locator('.taro-modal__content', { hasText: '本次会占用本月补签和申诉次数 1 次' }).waitFor()
  await page.locator('.taro-model__confirm').click()
  await page.locator(`.hrs-rec[data-id="${makeup._id}"][data-status="pending"] .vol-flag[data-flag="appeal"]`).waitFor()
  await page.locator('.hrs-appeal').waitFor({ state: 'hidden' })
  expect(docs('sessions').find((s) => s._id === makeup._id)).toMatchObject({ status: 'pending', note: '我在会议室后排负责直播设备，请向村委会王主任核实' })
  await shot(page, '16-hours-appealed')

  // The certificate: generated on request, kept for next time.
  await open(page, 'packages/volunteer/certificate/index')
  await page.locator('.certificate__intro', { hasText: '志愿服务证明' }).waitFor()
  // Issue 19, item 13: no star yet reads 「—」 and 星级（未评定）, not 「0」.
  await page.locator('.certificate__preview-item', { hasText: '星级（未评定）' }).locator('.certificate__preview-num', { hasText: '—' }).waitFor()
  await shot(page, '17-certificate-intro')
  await page.locator('.certificate__generate').click()
  const paper = page.locator('.cert')
  await paper.waitFor()
  const code = (await paper.getAttribute('data-code'))!
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{12}$/)
  await paper.locator('.cert__name', { hasText: '林*雨' }).waitFor()
  await paper.locator('.cert__hours', { hasText: hoursText(minutes) }).waitFor()
  await paper.locator('.cert__body', { hasText: '清城区凤城街道' }).waitFor()
  await paper.locator('.cert__qr').waitFor()
  expect(await paper.locator('.cert__qr img').getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
  await shot(page, '18-certificate')
  // The QR code, read off the screen as someone checking the certificate would, opens its verification.
  await reveal(page, paper.locator('.cert__qr'))
  expect(await visibleQr(page, paper.locator('.cert__qr img'))).toBe(`packages/volunteer/verify/index?code=${code}`)
  await shot(page, '18b-certificate-full', { fullPage: true })
  await open(page, 'packages/volunteer/certificate/index')
  await page.locator(`.cert[data-code="${code}"]`).waitFor() // shown again, not generated again
  expect(docs('certificates')).toHaveLength(1)

  expect(errors).toEqual([])
  await context.close()

  // Someone else verifies it: by the code from the QR (?code=), by typing, and a code that does not exist.
  const other = await openAs('陈思敏')
  await open(other.page, `packages/volunteer/verify/index?code=${code}`)
  await other.page.locator('.verify__ok', { hasText: '证明真实有效' }).waitFor()
  await other.page.locator(`.cert[data-code="${code}"] .cert__name`, { hasText: '林*雨' }).waitFor()
  await shot(other.page, '19-verify-found')
  // The certificate shown there carries the same QR code, read off the screen.
  await reveal(other.page, other.page.locator('.cert__qr'))
  expect(await visibleQr(other.page, other.page.locator('.cert__qr img'))).toBe(`packages/volunteer/verify/index?code=${code}`)
  await open(other.page, 'packages/volunteer/verify/index')
  await other.page.locator('.verify__how').waitFor()
  await shot(other.page, '20-verify-empty')
  await other.page.locator('[data-field="code"] input').fill('abc')
  await other.page.locator('.verify__submit').click()
  await other.page.locator('[data-error-for="code"]', { hasText: '核验码应为 12 位' }).waitFor()
  await other.page.locator('[data-field="code"] input').fill(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8).toLowerCase()}`)
  await other.page.locator('.verify__submit').click()
  await other.page.locator(`.cert[data-code="${code}"]`).waitFor()
  const missing = code.startsWith('Z') ? 'YYYYYYYYYYYY' : 'ZZZZZZZZZZZZ'
  await other.page.locator('[data-field="code"] input').fill(missing)
  await other.page.locator('.verify__submit').click()
  await other.page.locator('.verify__missing', { hasText: '没有找到这份证明' }).waitFor()
  await shot(other.page, '21-verify-not-found')
  expect(other.errors).toEqual([])
  await other.context.close()
}, MAY_WAIT_FOR_THE_DAY_MS)

test('a WeChat user who is not a volunteer is shown the way to register', async () => {
  const { context, page, errors } = await openAs('新用户')
  await open(page, 'packages/volunteer/index/index')
  await page.locator('.vol-gate--not-volunteer', { hasText: '你还不是乡村振兴志愿者' }).waitFor()
  await shot(page, '22-not-volunteer')
  await page.locator('.vol-gate--not-volunteer .ui-btn', { hasText: '注册成为志愿者' }).click()
  await page.locator('.register__title', { hasText: '乡村振兴志愿者注册' }).waitFor()
  // The other volunteer pages say the same; verification is open to anyone.
  await open(page, 'packages/volunteer/hours/index')
  await page.locator('.vol-gate--not-volunteer').waitFor()
  await open(page, 'packages/volunteer/verify/index')
  await page.locator('.verify__panel').waitFor()
  expect(errors).toEqual([])
  await context.close()
})

test('without the location permission the check-in page explains it; the development panel simulates a position', async () => {
  const { context, page, errors } = await openAs('林晓雨')
  await open(page, `packages/volunteer/checkin/index?stationId=${STATION.id}`)
  await page.locator('.ck-loc[data-problem="denied"]', { hasText: '未获得位置权限' }).waitFor()
  await page.locator('.ck-loc__detail', { hasText: '允许使用位置信息' }).waitFor()
  await shot(page, '23-checkin-location-denied')
  await page.locator('.checkin__submit').click()
  await page.locator('.checkin__error', { hasText: '没有获取到你的位置' }).waitFor()
  expect(docs('open_sessions')).toHaveLength(0)

  // 模拟位置 (development web builds only): 800 m away, then at the station.
  await page.locator('.vol-dev__btn--far').click()
  await page.locator('.ck-loc[data-verdict="out"]', { hasText: '约 800 米' }).waitFor()
  await page.locator('.vol-dev__btn--at').click()
  await page.locator('.ck-loc[data-verdict="in"]').waitFor()
  await shot(page, '24-checkin-dev-panel', { fullPage: true })

  // A pasted kiosk code that the station did not make: refused by the function, named inline.
  await page.locator('.vol-dev__input input').fill('K1.st_fengcheng.abc123.AAAAAAAAAAAAAAAA')
  await page.locator('.vol-dev__btn--scan').click()
  await page.locator('.checkin__error[data-error-for="kioskCode"]', { hasText: '签到码无效' }).waitFor()
  expect(docs('open_sessions')).toHaveLength(0)
  await page.locator('.vol-dev__btn--browser').click()
  expect(errors).toEqual([])
  await context.close()
})
