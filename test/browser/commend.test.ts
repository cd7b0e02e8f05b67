// A commendation round (issue 23 item 5) from start to result: the city admin (周丽华) drafts a
// 最美志愿者 round and opens nominations; township staff (陈思敏) nominate 林晓雨 with a reason,
// her hours and star level beside her; the county admin (李建国) recommends her; the city moves the
// round on, awards her and publishes; 林晓雨 finds the commendation on her hours page and in the
// list of awards. The tie rule is on every list.
import { answerNotices, confirmModal } from '../support/journey'
import { journey } from '../support/journey'

const world = journey('commend')
const { shot, openAs, invoke } = world
const TITLE = '清远市最美志愿者评选（旅程）'

test('a round from nomination through county review and city decision to the result on the volunteer’s record', async () => {
  // ---- 周丽华 drafts the round and opens nominations ---------------------------------------------
  const city = await openAs('周丽华')
  let page = city.page
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-desk--commend').click()
  await page.locator('.cm-home__create:visible').click()
  await page.locator('[data-field=title] input').fill(TITLE)
  await page.locator('[data-field=criteria] textarea').fill('扎根基层服务满一年，服务群众成效突出，事迹感人。')
  await shot(page, '01-city-editor')
  await page.locator('.cm-edit__save').click()
  await page.locator('.cm-round__title', { hasText: TITLE }).waitFor()
  await page.locator('.cm-r__advance:visible', { hasText: '开始提名' }).click()
  await confirmModal(page, '开始后各镇街团委收到通知')
  await page.locator('.cm-round:visible .ui-tag', { hasText: '镇街提名中' }).waitFor()
  await shot(page, '02-city-round-open')
  const round = (await invoke('o_demo_city', 'commend', 'rounds', {})).items.find((r: { title: string }) => r.title === TITLE)
  expect(round).toBeTruthy()
  expect(city.errors).toEqual([])

  // ---- 陈思敏 nominates 林晓雨 ----------------------------------------------------------------------
  const staff = await openAs('陈思敏')
  page = staff.page
  await page.goto(`${world.stack.url}/#/packages/township/index/index`)
  await page.locator('.tw-desk--commend').click()
  await page.locator('.cm-round:visible', { hasText: TITLE }).click()
  await page.locator('.cm-r__nominate:visible').click()
  const lin = page.locator('.cm-cand[data-name="林晓雨"]:visible')
  const hours = await invoke('o_demo_volunteer', 'service', 'hours', {})
  await lin.locator('.cm-cand__hours', { hasText: `累计 ${Math.round((hours.approvedMinutes / 60) * 10) / 10} 小时` }).waitFor()
  await lin.locator('.ui-tag', { hasText: '乡村振兴志愿者' }).waitFor()
  await page.locator('.cm-tie:visible', { hasText: '乡村振兴志愿者优先' }).waitFor()
  await shot(page, '03-township-candidates')
  await lin.locator('.cm-cand__go').click()
  const dialog = page.locator('.ui-note:visible')
  await dialog.locator('textarea').fill('扎根凤城街道两年，组织助农直播二十余场，带动砂糖橘销售。')
  await shot(page, '04-township-reason')
  await dialog.locator('.ui-dialog__ok').click()
  await answerNotices(page, true)
  await lin.locator('.ui-tag', { hasText: '已提名' }).waitFor()
  expect(staff.errors).toEqual([])

  // ---- the city closes nominations -----------------------------------------------------------------
  page = city.page
  await page.reload()
  await page.locator('.cm-r__advance:visible', { hasText: '截止提名' }).click()
  await confirmModal(page, '截止后镇街不能再提名')
  await page.locator('.cm-round:visible .ui-tag', { hasText: '县级审核中' }).waitFor()

  // ---- 李建国 recommends her -----------------------------------------------------------------------
  const county = await openAs('李建国')
  page = county.page
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-desk--commend').click()
  await page.locator('.cm-round:visible', { hasText: TITLE }).click()
  await page.locator('.cm-r__review:visible').click()
  const card = page.locator('.cm-nom:visible', { hasText: '林晓雨' })
  await card.locator('.cm-nom__reason', { hasText: '助农直播' }).waitFor()
  await card.locator('.cm-figures__value--rural', { hasText: '是' }).waitFor()
  await shot(page, '05-county-review')
  await card.locator('.cm-act--yes').click()
  await page.locator('.ui-note:visible .ui-dialog__ok').click()
  await card.waitFor({ state: 'detached' })
  await page.locator('.cm-list__quota:visible', { hasText: '清城区已推荐 1 / 5 人' }).waitFor()
  expect(county.errors).toEqual([])

  // ---- 周丽华 decides and publishes ----------------------------------------------------------------
  page = city.page
  await page.reload()
  await page.locator('.cm-r__advance:visible', { hasText: '结束县级审核' }).click()
  await confirmModal(page, '结束后县级不能再审核')
  await page.locator('.cm-r__decide:visible').click()
  const decided = page.locator('.cm-nom:visible', { hasText: '林晓雨' })
  await decided.locator('.cm-nom__hint', { hasText: '剩余名额内' }).waitFor()
  await shot(page, '06-city-decide')
  await decided.locator('.cm-act--yes').click()
  await page.locator('.ui-note:visible .ui-dialog__ok').click()
  await decided.waitFor({ state: 'detached' })
  await page.locator('.cm-list__publish-btn:visible').click()
  await confirmModal(page, '公布后结果不能更改')
  await page.locator('.cm-list:visible .cm-round .ui-tag', { hasText: '已公布' }).waitFor()
  expect(city.errors).toEqual([])

  // ---- 林晓雨 sees it on her record -----------------------------------------------------------------
  const volunteer = await openAs('林晓雨')
  page = volunteer.page
  await page.goto(`${world.stack.url}/#/packages/volunteer/hours/index`)
  const honour = page.locator('.cm-honours__item:visible', { hasText: '最美志愿者' })
  await honour.waitFor()
  await shot(page, '07-volunteer-record')
  await honour.click()
  await page.locator('.cm-winner:visible', { hasText: '林晓雨' }).waitFor()
  await page.locator('.cm-results__title:visible', { hasText: TITLE }).waitFor()
  await shot(page, '08-volunteer-results')
  const inbox = await invoke('o_demo_volunteer', 'account', 'messages', {})
  expect(JSON.stringify(inbox)).toContain('获评')
  expect(round.id).toBeTruthy()
  expect(volunteer.errors).toEqual([])
}, 180_000)
