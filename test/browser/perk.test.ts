// The caring-merchant alliance in the browser, two phones at once: 林晓雨 (volunteer, 0★) opens
// 爱心商家优惠 from the home page, picks a perk of 连州菜馆 she may use and shows its code; the test
// reads the QR code off her screen (a screenshot of the page where the canvas shows, decoded as a phone's scanner
// would) and gives the text to 吴海's page (the merchant's scan stand-in), who sees the perk and
// her masked name and confirms. Her screen says 已核销, both record lists show it, and the same
// code scanned again is refused in plain Chinese. Then the county admin adds a merchant and reads
// the totals. Screenshots of every page go to test-artifacts/.
import type { Page } from 'playwright-core'
import { visibleQr } from '../support/checks'
import { answerNotices, confirmModal, journey, until } from '../support/journey'

const world = journey('perk')
const { docs, shot, openAs } = world

/** Reads the QR code on the volunteer's screen, as the merchant's phone would (retrying while it is drawn). */
async function readQr(page: Page): Promise<string> {
  const canvas = page.locator('.code-sheet__qr canvas')
  await canvas.waitFor()
  for (let i = 0; i < 30; i++) {
    const text = await visibleQr(page, canvas)
    if (text) return text
    await page.waitForTimeout(200)
  }
  throw new Error('no QR code could be read off the volunteer screen')
}

test('a volunteer shows a perk code, the merchant scans and confirms it once, both see the redemption; the code is then refused', async () => {
  // 林晓雨, a few hundred metres from 连州菜馆 (清城区).
  const volunteer = await openAs('林晓雨', { latitude: 23.7005, longitude: 113.0535 })
  const v = volunteer.page

  // Home → 爱心商家优惠.
  await v.locator('.weui-tabbar__item', { hasText: '首页' }).click()
  await v.locator('.program--merchant').click()
  await v.locator('.perks-hero__level', { hasText: '暂未定级' }).waitFor()
  const cards = v.locator('.perk-card')
  await until(() => cards.count(), 3)
  // Nearest first; the perks she may not use yet say why.
  await expect(cards.first().locator('.perk-card__merchant').textContent()).resolves.toBe('连州菜馆（清城店）')
  await cards.first().getByText('可使用').waitFor()
  await v.locator('.perk-card', { hasText: '北江影城' }).getByText('需要 2 星及以上志愿者（你现在是 0 星）').waitFor()
  await shot(v, '01-volunteer-list')

  // Filter by category, then open the restaurant's perk.
  await v.locator('.pk-chip', { hasText: '餐饮' }).click()
  await until(() => cards.count(), 1)
  await cards.first().click()
  await v.locator('.detail-head__title', { hasText: '堂食 8.8 折' }).waitFor()
  await v.locator('.pk-note--ok').waitFor()
  await v.locator('.pk-tile', { hasText: '每人每日' }).getByText('1').waitFor()
  await shot(v, '02-volunteer-detail')

  // 出示优惠码: the QR code, her masked name, the countdown.
  await v.locator('.detail__show').click()
  await answerNotices(v, true)
  await v.locator('.code-sheet__name', { hasText: '林*雨' }).waitFor()
  await v.locator('.code-sheet__seconds', { hasText: '秒内有效' }).waitFor()
  const token = await readQr(v)
  expect(token).toMatch(/^P1\.[A-Za-z0-9_-]{20,}$/)
  // The code is on the canvas only: its text is nowhere in the page.
  expect(await v.content()).not.toContain(token)
  await shot(v, '03-volunteer-code')

  // 吴海, at the counter: 我的 → 商家核销, and the scan stand-in.
  const merchant = await openAs('吴海')
  const m = merchant.page
  await m.locator('.mine__row', { hasText: '商家核销' }).click()
  await m.locator('.mh-hero__shop', { hasText: '连州菜馆（清城店）' }).waitFor()
  await m.locator('.mh-today__num', { hasText: /^0$/ }).waitFor()
  await shot(m, '04-merchant-home')
  await m.locator('.mh-paste textarea').fill(token)
  await m.locator('.mh-paste__go').click()

  // What to give, and to whom.
  await m.locator('.rd-valid__text', { hasText: '优惠码有效' }).waitFor()
  await m.locator('.rd-ticket__perk', { hasText: '堂食 8.8 折' }).waitFor()
  await m.locator('.rd-ticket__name', { hasText: '林*雨' }).waitFor()
  await shot(m, '05-merchant-verified')
  expect(docs('redemptions')).toHaveLength(0) // checking a code records nothing

  // 确认核销, confirmed in the dialog.
  await m.locator('.rd-confirm').click()
  await m.locator('.taro__modal').getByText('确认已为志愿者 林*雨 提供「堂食 8.8 折」？核销后不能撤销。').waitFor()
  await shot(m, '06-merchant-confirm')
  await confirmModal(m, '确认核销')
  await m.locator('.rd-state__title', { hasText: '核销成功' }).waitFor()
  await shot(m, '07-merchant-done')

  // The volunteer's screen notices the redemption by itself.
  await v.locator('.code-sheet__done-title', { hasText: '已核销' }).waitFor({ timeout: 15_000 })
  await shot(v, '08-volunteer-redeemed')

  // The same code again (a screenshot, a second scan): refused, in plain Chinese.
  await m.locator('.rd-next', { hasText: '继续扫码' }).click()
  await m.locator('.mh-paste textarea').fill(token)
  await m.locator('.mh-paste__go').click()
  await m.locator('.rd-state__title', { hasText: '无法核销' }).waitFor()
  await m.locator('.rd-state__reason', { hasText: '该优惠码已使用' }).waitFor()
  await shot(m, '09-merchant-refused')

  // Back at the counter: today's count and records.
  await m.locator('.ui-btn', { hasText: '返回商家工作台' }).click()
  await m.locator('.mh-today__num', { hasText: /^1$/ }).waitFor()
  await m.locator('.mh-latest .pk-red', { hasText: '林*雨' }).waitFor()
  await m.locator('.mh-link', { hasText: '核销记录' }).click()
  await m.locator('.mrec-sum__num', { hasText: /^1$/ }).waitFor()
  await m.locator('.mrec-list .pk-red', { hasText: '堂食 8.8 折' }).getByText('林*雨', { exact: false }).waitFor()
  await shot(m, '10-merchant-records')

  // Her history, and the perk now at today's limit.
  await v.locator('.code-sheet__records').click()
  await v.locator('.records-list .pk-red', { hasText: '堂食 8.8 折' }).getByText('连州菜馆（清城店）').waitFor()
  await shot(v, '11-volunteer-records')
  await v.goBack()
  await v.locator('.code-sheet__finish').click()
  await v.locator('.pk-bar-bottom__hint', { hasText: '今天已使用 1 次（每日限 1 次）' }).waitFor()
  await shot(v, '12-volunteer-detail-after')

  // Recorded once.
  const redemptions = docs('redemptions')
  expect(redemptions).toHaveLength(1)
  expect(redemptions[0]).toMatchObject({ perkId: 'p_kitchen_discount', merchantId: 'm_lianzhou_kitchen', volunteerName: '林*雨' })
  expect(docs('perks').find((p) => p._id === 'p_kitchen_discount').redeemed).toBe(1)

  expect(volunteer.errors).toEqual([])
  expect(merchant.errors).toEqual([])
})

test('the county admin adds a merchant, suspends it with a reason, and reads the totals', async () => {
  const { page, errors } = await openAs('李建国')
  await page.locator('.mine__row', { hasText: '县级管理' }).click()
  await page.locator('.admin-desk--alliance').click()
  await page.locator('.merchant-card', { hasText: '连州菜馆（清城店）' }).waitFor()
  await shot(page, '20-admin-merchants')

  // A new merchant: a wrong phone number is caught on the phone.
  await page.locator('.alliance__add').click()
  const form = page.locator('.amerchant')
  await form.locator('#field-name input').fill('清城青年书店')
  await form.locator('#field-category .pk-chip', { hasText: '文化娱乐' }).click()
  await form.locator('#field-countyCode', { hasText: '清城区' }).waitFor()
  await form.locator('#field-address input').fill('凤城街道北门街 12 号')
  await form.locator('#field-location input').first().fill('23.6921')
  await form.locator('#field-location input').last().fill('113.0402')
  await form.locator('#field-contactName input').fill('赵店长')
  await form.locator('#field-contactPhone input').fill('1371234567')
  await page.locator('.amerchant__save').click()
  await page.locator('[data-error-for="contactPhone"]', { hasText: '联系电话应为 11 位手机号' }).waitFor()
  await shot(page, '21-admin-merchant-invalid')
  expect(docs('merchants').some((m) => m.name === '清城青年书店')).toBe(false)
  await form.locator('#field-contactPhone input').fill('13712345678')
  await page.locator('.amerchant__save').click()
  await page.locator('.amerchant-head__name', { hasText: '清城青年书店' }).waitFor()
  await page.locator('.amerchant-head__created').waitFor()
  await page.locator('#field-contactPhone', { hasText: '137****5678' }).waitFor()
  await shot(page, '22-admin-merchant-added')
  const added = docs('merchants').find((m) => m.name === '清城青年书店')
  expect(added).toMatchObject({ category: '文化娱乐', countyCode: '441802', status: 'active', location: { lat: 23.6921, lng: 113.0402 } })

  // Suspend it, with a reason.
  await page.locator('.amerchant-head__toggle', { hasText: '暂停参与' }).click()
  const dialog = page.locator('.ui-note')
  await dialog.locator('textarea').fill('商家装修暂停营业')
  await dialog.locator('.ui-dialog__ok').click()
  await page.locator('.amerchant-head .ui-tag', { hasText: '已暂停' }).waitFor()
  expect(docs('merchants').find((m) => m._id === added._id).status).toBe('suspended')
  expect(docs('audit').some((a) => a.action === 'merchant.suspended' && a.targetId === added._id && a.reason === '商家装修暂停营业')).toBe(true)

  // Back in the list: the new merchant, suspended.
  await page.goBack()
  await page.locator('.merchant-card', { hasText: '清城青年书店' }).getByText('已暂停').waitFor()

  // The totals of the county (this month), as bars, and the export.
  await page.locator('.alliance__totals').click()
  await page.locator('.totals-sum').waitFor()
  const mine = new Set(docs('merchants').filter((m) => m.countyCode === '441802').map((m) => m._id))
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
  const expected = docs('redemptions').filter((r) => mine.has(r.merchantId) && r.month === month).length
  await page.locator('.totals-sum__num', { hasText: new RegExp(`^${expected}$`) }).waitFor()
  if (expected > 0) await page.locator('.totals-section', { hasText: '按商家' }).locator('.pk-bar', { hasText: '连州菜馆（清城店）' }).getByText(String(expected), { exact: true }).waitFor()
  await shot(page, '23-admin-totals')
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.totals__export').click()])
  expect(download.suggestedFilename()).toMatch(/^爱心商家优惠核销-清城区-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/) // named for what it holds: place and period
  await page.locator('.totals-exported', { hasText: '已生成' }).waitFor()
  await shot(page, '24-admin-totals-exported')

  expect(errors).toEqual([])
})

test('someone who is not a volunteer is shown how to become one; staff pages are closed to them', async () => {
  const { page, errors } = await openAs('黄家明')
  await page.goto(`${world.stack.url}/#/packages/perks/index/index`)
  await page.locator('.perks-gate', { hasText: '爱心商家优惠是志愿者专享' }).waitFor()
  await page.locator('.perks-gate').getByText('注册成为志愿者').waitFor()
  await shot(page, '30-not-volunteer')
  await page.goto(`${world.stack.url}/#/packages/merchant/index/index`)
  await page.locator('.pk-denied', { hasText: '仅限爱心商家店员使用' }).waitFor()
  await shot(page, '31-not-merchant')
  expect(errors).toEqual([])
})
