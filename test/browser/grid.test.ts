// 志愿网格员 in the browser: 林晓雨 reports a matter with a photo at where she stands; 陈思敏 (凤城街道)
// finds it in her queue, accepts it, assigns it to a department and closes it with what was done;
// 林晓雨 sees it closed on its timeline and was told at each step (消息). The queue's overdue flag
// and the statistics are looked at too; the county sees its townships' matters, one township at a time. Every page is saved as a screenshot in test-artifacts/.
import { EJSON } from 'bson'
import type { Page } from 'playwright-core'
import { answerNotices, confirmModal, journey } from '../support/journey'
import { drawnPicture } from '../support/pictures'

const world = journey('grid')
const { docs, shot, openAs } = world

const FENGCHENG = { latitude: 23.6975, longitude: 113.0555 }

/** A real picture, drawn by the browser (so the web build's picker and thumbnails take it). */
const picture = (page: Page) => drawnPicture(page, { width: 160, height: 120, background: '#e7f6ee', ink: '#1d8a4e', bars: [[20, 60, 120, 40]] })

test('a volunteer reports a matter with a photo; the township accepts, assigns and closes it; the volunteer sees it closed', async () => {
  // ---- 林晓雨 reports ----
  const vol = await openAs('林晓雨', FENGCHENG)
  await vol.page.goto(`${world.stack.url}/#/packages/volunteer/index/index`)
  await vol.page.locator('.vhome-link--grid').click()
  await vol.page.locator('.grid-mine').getByText('还没有上报过问题').waitFor()
  await shot(vol.page, '01-mine-empty')
  await vol.page.locator('.grid-mine__report').click()
  await vol.page.locator('.grid-report__intro').waitFor()

  // Sending an empty form names each row.
  await vol.page.locator('.grid-report__submit').click()
  await vol.page.locator('[data-error-for="category"]', { hasText: '请选择问题类别' }).waitFor()
  await vol.page.locator('[data-error-for="text"]', { hasText: '请填写问题描述' }).waitFor()
  await vol.page.locator('[data-error-for="place"]', { hasText: '请在地图上选择问题所在的位置' }).waitFor()

  await vol.page.locator('[data-category="safety"]').click()
  await vol.page.locator('[data-urgency="pressing"]').click()
  await vol.page.getByText('较急事项须在 1 天内办理').waitFor()
  await vol.page.locator('.grid-report__textarea textarea').fill('新城村桥边护栏松动，小学生上学经过很危险')
  await vol.page.locator('.grid-place__here').click()
  await vol.page.locator('.grid-place__point--set', { hasText: '已定位 23.69750, 113.05550' }).waitFor()
  await vol.page.locator('.grid-place__address input').fill('新城村小学旁小桥')
  // The township that handles it: hers, until she chooses where the matter lies.
  await vol.page.locator('.grid-place__township-name', { hasText: '清城区 · 凤城街道' }).waitFor()
  const [chooser] = await Promise.all([vol.page.waitForEvent('filechooser'), vol.page.locator('.grid-report .ui-photos__add').click()])
  await chooser.setFiles({ name: 'bridge.jpg', mimeType: 'image/jpeg', buffer: await picture(vol.page) })
  await vol.page.locator('.grid-report .ui-photos__img').waitFor()
  await shot(vol.page, '02-report-form', { fullPage: true })

  await vol.page.locator('.grid-report__submit').click()
  await confirmModal(vol.page, '确认上报')
  await answerNotices(vol.page, true)
  await vol.page.locator('.gd-hero').waitFor()
  await vol.page.locator('.gd-hero .ui-tag', { hasText: '待受理' }).waitFor()
  await vol.page.locator('.gd-photos__img').waitFor()
  const matter = docs('grid_reports').find((d) => d.text.startsWith('新城村桥边护栏'))
  expect(matter).toMatchObject({ category: 'safety', urgency: 'pressing', townshipCode: '441802006', status: 'submitted' })
  expect(matter.photoIds).toHaveLength(1)
  await shot(vol.page, '03-detail-submitted', { fullPage: true })

  // ---- 陈思敏 handles it ----
  const staff = await openAs('陈思敏')
  await staff.page.goto(`${world.stack.url}/#/packages/township/index/index`)
  await staff.page.locator('.tw-desk--grid').click()
  const row = staff.page.locator(`[data-grid-id="${matter._id}"]`)
  await row.waitFor()
  await shot(staff.page, '04-queue')
  await row.click()
  await staff.page.locator('.gd-hero').getByText('林*雨（志愿网格员）').waitFor()
  await shot(staff.page, '05-staff-detail', { fullPage: true })

  await staff.page.locator('.gd-bar__accept').click()
  await confirmModal(staff.page, '受理这件事项')
  await staff.page.locator('.gd-hero .ui-tag', { hasText: '已受理' }).waitFor()

  await staff.page.locator('.gd-bar__assign').click()
  const assign = staff.page.locator('.grid-dialog', { hasText: '交办' })
  await assign.locator('.grid-dialog__name input').fill('凤城街道城管办')
  await assign.locator('.grid-dialog__phone input').fill('13800138000')
  await assign.locator('.grid-dialog__note input').fill('请两日内加固护栏')
  await shot(staff.page, '06-assign-dialog')
  await assign.locator('.ui-dialog__ok').click()
  await staff.page.locator('.gd-hero .ui-tag', { hasText: '已交办' }).waitFor()
  await staff.page.locator('.gd-handling').getByText('凤城街道城管办 · 138****8000').waitFor()

  await staff.page.locator('.gd-bar__close').click()
  const close = staff.page.locator('.grid-dialog', { hasText: '办结' })
  await close.locator('textarea').fill('城管办已加固护栏并刷上警示漆')
  await close.locator('.ui-photos__add').waitFor()
  await shot(staff.page, '07-close-dialog')
  await close.locator('.ui-dialog__ok').click()
  await staff.page.locator('.gd-hero .ui-tag', { hasText: '已办结' }).waitFor()
  await expect(staff.page.locator('.gd-bar').count()).resolves.toBe(0)
  await shot(staff.page, '07-staff-closed', { fullPage: true })

  // ---- 林晓雨 sees it closed, and was told at each step ----
  await vol.page.goto(`${world.stack.url}/#/packages/grid/mine/index`)
  await vol.page.locator(`[data-grid-id="${matter._id}"] .ui-tag`, { hasText: '已办结' }).waitFor()
  await shot(vol.page, '08-mine-closed')
  await vol.page.locator(`[data-grid-id="${matter._id}"]`).click()
  await vol.page.locator('.gd-handling').getByText('城管办已加固护栏并刷上警示漆').waitFor()
  await expect(vol.page.locator('.grid-timeline__item').count()).resolves.toBe(4)
  await vol.page.locator('.grid-timeline__item--last .grid-timeline__status', { hasText: '已办结' }).waitFor()
  await expect(vol.page.locator('.gd-bar').count()).resolves.toBe(0)
  await shot(vol.page, '09-detail-closed', { fullPage: true })
  const reporterId = docs('users').find((u) => u.openid === 'o_demo_volunteer')._id
  const told = docs('messages').filter((m) => m.userId === reporterId && m.page.startsWith('packages/grid/detail'))
  expect(told.map((m) => m.tag)).toEqual(['已受理', '已交办', '已办结'])

  // ---- an overdue matter is flagged in the queue; the statistics count it ----
  const late = await world.invoke('o_demo_volunteer', 'grid', 'report', {
    requestId: 'journey-late-1',
    category: 'environment',
    urgency: 'urgent',
    text: '村口垃圾堆放多日无人清理',
    place: { location: { lat: 23.69, lng: 113.05 }, address: '新城村村口' },
  })
  await world.stack.cloud.db.handle('database.modifyDocument', {
    collectionName: 'grid_reports',
    queryType: 'DOC',
    query: JSON.stringify({ _id: late.id }),
    data: EJSON.stringify({ $set: { dueAt: new Date(Date.now() - 3600_000) } }, { relaxed: false }),
    merge: true,
  })
  await staff.page.goto(`${world.stack.url}/#/packages/grid/queue/index`)
  await staff.page.locator(`[data-grid-id="${late.id}"].grid-row--overdue`).waitFor()
  await staff.page.locator('.grid-queue__overdue', { hasText: '1 件已超过办理时限' }).waitFor()
  await shot(staff.page, '10-queue-overdue')
  await staff.page.locator('.grid-queue__stats').click()
  await staff.page.locator('.grid-figures__cell--reported .grid-figures__num', { hasText: /^2$/ }).waitFor()
  await staff.page.locator('.grid-figures__cell--overdue .grid-figures__num', { hasText: /^1$/ }).waitFor()
  await staff.page.locator('.grid-figures__cell--closed .grid-figures__num', { hasText: /^1$/ }).waitFor()
  await shot(staff.page, '11-stats', { fullPage: true })

  // ---- the county sees its townships' matters, and one township of its choosing ----
  const county = await openAs('李建国')
  await county.page.goto(`${world.stack.url}/#/packages/grid/queue/index`)
  await county.page.locator(`[data-grid-id="${late.id}"]`).getByText('凤城街道 · 新城村村口').waitFor()
  await county.page.locator('.grid-queue__summary', { hasText: '清城区全部镇街 · 共 1 件' }).waitFor()
  await shot(county.page, '12-county-queue')
  await county.page.locator('.grid-queue__filters .panel-chip').click()
  await county.page.locator('.ui-options__item', { hasText: '东城街道' }).click()
  await county.page.getByText('没有待办的上报事项').waitFor()
  await county.page.locator('.grid-queue__summary', { hasText: '东城街道 · 共 0 件' }).waitFor()
  await shot(county.page, '13-county-queue-township')
}, 120_000)
