// 志愿者关怀 (issue 23 items 2 and 3) as its users see it: the county's 李建国 opens it from the
// admin home, finds 林晓雨, records a visit with a follow-up (the form refuses it half filled, at
// the rows), sees it in her care history and marks the follow-up done, then records her post as
// 头雁; 林晓雨 generates her service certificate and it names the post. The function's rules and
// scope are tested in test/functions/care.test.ts.
import { EJSON } from 'bson'
import { confirmModal, journey } from '../support/journey'

const world = journey('care')
const { shot, openAs } = world

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

test('a county staff member records a visit with a follow-up and a post; the volunteer’s certificate shows the post', async () => {
  const volunteerId = world.docs('users').find((u) => u.openid === 'o_demo_volunteer')._id as string
  // An approved hour of service long ago (her term may be over by the clock), so she has something to certify.
  const at = new Date('2026-03-02T01:00:00Z')
  await world.stack.cloud.db.handle('database.insertDocument', {
    collectionName: 'sessions',
    data: [
      EJSON.stringify(
        { _id: 'care_journey_session', userId: volunteerId, openid: 'o_demo_volunteer', stationId: 'st_fengcheng', stationName: '凤城街道新时代文明实践志愿服务驿站', townshipCode: '441802006', townshipName: '凤城街道', countyCode: '441802', status: 'approved', checkInAt: at, checkOutAt: new Date(at.getTime() + 2 * 3_600_000), checkIn: null, checkOut: null, days: [{ date: '2026-03-02', minutes: 120 }], minutes: 120, adjustedMinutes: null, flags: [], source: 'makeup' },
        { relaxed: false },
      ),
    ],
  })

  // ---- 李建国, 清城区团委: from the admin home to 林晓雨's care history -------------------------------
  const county = await openAs('李建国')
  let page = county.page
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-desk--care').click()
  await page.locator('.panel-searchfield input').fill('林晓雨')
  const card = page.locator(`.care-vol[data-volunteer="${volunteerId}"]`)
  await card.locator('.care-vol__last', { hasText: '从未探访' }).waitFor()
  await shot(page, '01-volunteers')
  await card.click()
  await page.locator('.care-history__name', { hasText: '林晓雨' }).waitFor()
  await page.locator('.ui-state', { hasText: '还没有探访记录' }).waitFor()
  await page.locator('.care-history__record').click()

  // ---- the visit form: refused half filled, each problem at its row; then sent -----------------------
  await page.locator('[data-field="visitors"] input').fill('李建国、陈思敏')
  await page.locator('.care-form__submit').click()
  await page.locator('[data-error-for="aspects.housing"]', { hasText: '请评价住房情况' }).waitFor()
  for (const [aspect, rating] of [
    ['housing', '好'],
    ['meals', '好'],
    ['office', '一般'],
    ['health', '需关注'],
    ['work', '好'],
  ] as const) {
    await page.locator(`[data-field="aspects.${aspect}"] .care-form__rating`, { hasText: new RegExp(`^${rating}$`) }).click()
  }
  await page.locator('[data-field="aspects.office"] input').fill('与党政办合用一间办公室')
  await page.locator('[data-field="aspects.health"] input').fill('腰伤复发，需定期理疗')
  await page.locator('[data-field="needs"] textarea').fill('希望添置一台办公电脑，方便做电商直播')
  await page.locator('.care-form__add').click()
  await page.locator('[data-field="followUps.0"] input').first().fill('协调镇政府调配办公电脑')
  await page.locator('[data-field="followUps.0"] .care-form__owner input').fill('陈思敏')
  await shot(page, '02-visit-form', { fullPage: true })
  await page.locator('.care-form__submit').click()
  await confirmModal(page, '提交探访记录')
  await page.locator('.ui-state__title', { hasText: '探访记录已保存' }).waitFor()
  await page.locator('.ui-state__actions .ui-btn', { hasText: '返回探访记录' }).click()

  // ---- the history: the visit, its ratings, the follow-up, marked done ------------------------------
  const visit = page.locator('.care-visit').first()
  await visit.locator('.panel-section__title', { hasText: `${today()} 探访` }).waitFor()
  await visit.locator('.care-aspects__row', { hasText: '身体' }).locator('.care-aspects__note', { hasText: '腰伤复发' }).waitFor()
  await visit.locator('.care-follow', { hasText: '协调镇政府调配办公电脑' }).waitFor()
  await page.locator('.care-history__stats', { hasText: '1 项待跟进' }).waitFor()
  await shot(page, '03-history', { fullPage: true })
  await visit.locator('.care-follow__toggle', { hasText: '标记办结' }).click()
  await visit.locator('.care-follow--done', { hasText: '协调镇政府调配办公电脑' }).waitFor()
  const stored = world.docs('care_visits').find((v) => v.volunteerId === volunteerId)
  expect(stored).toMatchObject({ visitors: ['李建国', '陈思敏'], openCount: 0, aspects: { health: { rating: 'concern', note: '' } } })
  expect(JSON.stringify(stored)).not.toContain('腰伤') // sealed at rest

  // ---- her post: 清城区团委副书记（头雁） -----------------------------------------------------------
  await page.locator('.care-history__post').click()
  await page.locator('.care-add__kind', { hasText: '县团委副书记（头雁）' }).click()
  await page.locator('.care-add__submit').click()
  await confirmModal(page, '记录职务')
  const post = page.locator('.care-posts__card', { hasText: '林晓雨' })
  await post.locator('.care-post__title', { hasText: '清城区团委副书记（头雁）' }).waitFor()
  await post.locator('.ui-tag', { hasText: '在任' }).waitFor()
  await shot(page, '04-posts')
  expect(county.errors).toEqual([])

  // ---- 林晓雨: her record and her certificate name the post ----------------------------------------
  const volunteer = await openAs('林晓雨')
  page = volunteer.page
  await page.goto(`${world.stack.url}/#/packages/volunteer/hours/index`)
  await page.locator('.care-mine .care-post__title', { hasText: '清城区团委副书记（头雁）' }).waitFor()
  await page.goto(`${world.stack.url}/#/packages/volunteer/certificate/index`)
  await page.locator('.certificate__generate').click()
  await page.locator('.cert__post-title', { hasText: '清城区团委副书记（头雁）' }).waitFor()
  await page.locator('.cert__post-span', { hasText: `${today()} 至 今` }).waitFor()
  await shot(page, '05-certificate', { fullPage: true })
  expect(volunteer.errors).toEqual([])
}, 180_000)
