// A training in the browser, from the league's desk to a certificate: 周丽华 (团市委) creates a
// course (a bad name is refused at its row), adds a session and publishes it (asked first);
// 林晓雨 finds it, signs up (allowing the notice) and holds a place; on the day the door's phone
// shows the rotating code, whose QR is read off the screen and pasted on her phone (the web build
// has no camera); her check-in completes the course, the certificate shows with its 核验码, and
// the roster shows her present. Every page is saved as a screenshot in test-artifacts/.
import { EJSON } from 'bson'
import { visibleQr } from '../support/checks'
import { answerNotices, journey, until } from '../support/journey'

const world = journey('training')
const { docs, shot, openAs } = world

const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)
const TITLE = '乡村振兴志愿者岗前培训班'

test('the league creates a course, a volunteer signs up, checks in at the door and gets the certificate', async () => {
  // ---- 周丽华 (团市委) creates the course from the admin desk ----
  const admin = await openAs('周丽华')
  await admin.page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await admin.page.locator('.admin-desk--trainings').click()
  await admin.page.locator('.tr-manage__new').click()
  const form = admin.page.locator('.tr-course-form')
  await form.locator('[data-field="title"] input').fill('培训')
  await form.locator('.tr-course-form__save').click()
  await form.locator('[data-error-for="title"]', { hasText: '课程名称至少 4 个字' }).waitFor()
  await form.locator('[data-field="title"] input').fill(TITLE)
  // The city hosts it for 清城区 (a county admin's own courses are their county's, fixed).
  await form.locator('[data-field="countyCode"]', { hasText: '团市委（面向全市）' }).waitFor()
  await form.locator('[data-field="countyCode"] .form-row__main').click()
  await admin.page.locator('.ui-options__item', { hasText: '清城区团委' }).click()
  await form.locator('[data-field="countyCode"]', { hasText: '清城区团委' }).waitFor()
  await form.locator('[data-field="kind"] .form-row__main').click()
  await admin.page.locator('.ui-options__item', { hasText: '岗前培训' }).click()
  await form.locator('[data-field="audience"] .form-row__main').click()
  await admin.page.locator('.ui-options__item', { hasText: '志愿者和农村青年' }).click()
  await form.locator('[data-field="department"] input').fill('团市委组织部')
  await form.locator('[data-field="description"] input').fill('市情县情、工作方法与业务知识')
  await shot(admin.page, '01-admin-new-course')
  await form.locator('.tr-course-form__save').click()

  // ---- a session, then publish ----
  await admin.page.locator('.tr-edit__add').click()
  const session = admin.page.locator('.tr-session-form')
  await session.locator('[data-field="title"] input').fill('第一期（清城区）')
  await session.locator('[data-field="venue"] input').fill('清远市青少年宫')
  await session.locator('[data-field="address"] input').fill('清城区北江一路 8 号')
  await session.locator('[data-field="capacity"] input').fill('30')
  await shot(admin.page, '02-admin-session-form')
  await session.locator('.tr-session-form__save').click()
  await admin.page.locator('.tr-session', { hasText: '第一期（清城区）' }).waitFor()
  await admin.page.locator('.tr-edit__publish').click()
  await admin.page.locator('.ui-dialog__ok', { hasText: '发布' }).click()
  await admin.page.locator('.tr-edit__cancel').waitFor()
  await shot(admin.page, '03-admin-published')
  const course = docs('training_courses').find((c) => c.title === TITLE)
  expect(course).toMatchObject({ status: 'published', kind: 'preservice', audience: 'both', department: '团市委组织部', countyCode: '441802' })
  const s = docs('training_sessions').find((x) => x.courseId === course._id)
  expect(s).toMatchObject({ status: 'published', capacity: 30, venue: '清远市青少年宫', minutes: 150 })

  // ---- 林晓雨 signs up ----
  const lin = await openAs('林晓雨')
  await lin.page.goto(`${world.stack.url}/#/packages/training/index/index`)
  await lin.page.locator('.tr-course', { hasText: TITLE }).waitFor()
  await shot(lin.page, '04-volunteer-courses')
  await lin.page.locator('.tr-course', { hasText: TITLE }).click()
  await lin.page.locator('.tr-course__title', { hasText: TITLE }).waitFor()
  await shot(lin.page, '04b-volunteer-course')
  await lin.page.locator('.tr-signup').click()
  await answerNotices(lin.page, true)
  await lin.page.locator('.tr-card__mine', { hasText: '已报名' }).waitFor()
  await shot(lin.page, '05-volunteer-signed-up')
  expect(docs('training_signups').filter((x) => x.sessionId === s._id).map((x) => x.status)).toEqual(['confirmed'])

  // ---- the day comes: the door's phone shows the rotating code ----
  const start = new Date(`${shanghaiDay(0)}T00:00:00+08:00`)
  const end = new Date(`${shanghaiDay(0)}T23:59:00+08:00`)
  await world.stack.cloud.db.handle('database.modifyDocument', {
    collectionName: 'training_sessions',
    queryType: 'DOC',
    query: JSON.stringify({ _id: s._id }),
    data: EJSON.stringify({ $set: { date: shanghaiDay(0), startTime: '00:00', endTime: '23:59', startsAt: start, endsAt: end } }, { relaxed: false }),
    merge: true,
  })
  await admin.page.reload()
  await admin.page.locator('.tr-edit__door').click()
  const qr = admin.page.locator('.tr-door__qr img')
  await qr.waitFor()
  await until(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100), true)
  await admin.page.locator('.tr-door__countdown', { hasText: /\d+ 秒后刷新/ }).waitFor()
  await shot(admin.page, '06-door-code')
  const code = await visibleQr(admin.page, qr)
  expect(code).toMatch(new RegExp(`^K1\\.${s._id}\\.`))

  // ---- her phone: 扫码签到 (pasted on the web), which completes the course ----
  await lin.page.reload()
  await lin.page.locator('.tr-checkin').click()
  await lin.page.locator('.tr-checkin__paste input').fill(code!)
  await shot(lin.page, '07-volunteer-checkin')
  await lin.page.locator('.tr-checkin__send').click()
  await lin.page.locator('.tr-checkin__done', { hasText: '签到成功' }).waitFor()
  await lin.page.getByText('已结业，结业证书已生成').waitFor()
  await shot(lin.page, '08-volunteer-checked-in')

  // ---- records and the certificate ----
  await lin.page.locator('.tr-checkin__done .ui-state__actions .ui-btn', { hasText: '查看学习记录' }).click()
  await lin.page.locator('.tr-record', { hasText: TITLE }).waitFor()
  await lin.page.locator('.tr-records__hours', { hasText: '2.5' }).waitFor()
  await shot(lin.page, '09-volunteer-records')
  await lin.page.locator('.tr-record', { hasText: TITLE }).click()
  await lin.page.locator('.tr-cert__title', { hasText: '结业证书' }).waitFor()
  const cert = docs('training_certificates').find((c) => c.courseId === course._id)
  await lin.page.locator('.tr-cert__code', { hasText: cert.code }).waitFor()
  await lin.page.getByText(/林\*雨/).waitFor()
  await shot(lin.page, '10-certificate')

  // ---- the roster shows her present ----
  await admin.page.goto(`${world.stack.url}/#/packages/training/roster/index?session=${s._id}`)
  await admin.page.locator('.tr-roster-row', { hasText: '林晓雨' }).getByText(/已出勤/).waitFor()
  await shot(admin.page, '11-roster')
})
