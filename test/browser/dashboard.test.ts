// The league's 工作看板 (issue 21) as its users see it: the city admin (周丽华) opens it from the
// admin home and reads the city's figures beside last year's, switches the period, drills down to
// 清城区 and on to a township by tapping its row, and reads a card as a table; township staff
// (陈思敏) open it from their home and see their township only. Every figure checked on the screen
// is the one the function gives for the same place and period (its totals are checked against
// independent sums in test/functions/dashboard.test.ts).
import { EJSON } from 'bson'
import ExcelJS from 'exceljs'
import { hoursText, periodOf } from '../../src/components/admin/dashboard-figures'
import { confirmPicker, dragPickerColumn, journey, settle } from '../support/journey'

const world = journey('dashboard')
const { shot, openAs, invoke } = world

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const grouped = (n: number) => n.toLocaleString('en-US')
const YEAR = Number(today().slice(0, 4))

/** Approved service of a 凤城街道 volunteer put into the store: March and July this year, March last year (the trend's months). */
async function servedHours(): Promise<void> {
  const user = [...world.stack.cloud.store.get('users').docs.values()].find((u) => u.openid === 'o_demo_volunteer')!
  const at = (ymd: string, hour: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + (hour - 8) * 3_600_000)
  const now = new Date()
  const sessions = [
    [`${YEAR}-03-10`, 180],
    [`${YEAR}-07-05`, 240],
    [`${YEAR - 1}-03-12`, 60],
  ].map(([day, minutes], i) => ({
    _id: `trend_session_${i}`,
    userId: user._id,
    stationId: 'st_trend',
    stationName: '凤城街道驿站',
    townshipCode: '441802006',
    townshipName: '凤城街道',
    countyCode: '441802',
    status: 'approved',
    checkInAt: at(day as string, 9),
    checkOutAt: new Date(at(day as string, 9).getTime() + (minutes as number) * 60_000),
    days: [{ date: day, minutes }],
    minutes,
    adjustedMinutes: null,
    flags: [],
    reviewedAt: now,
    createdAt: now,
    updatedAt: now,
  }))
  await world.stack.cloud.db.handle('database.insertDocument', { collectionName: 'sessions', data: sessions.map((d) => EJSON.stringify(d, { relaxed: false })) })
}

test('the city admin reads the city, drills down to a county and a township; township staff see their own', async () => {
  const city = await openAs('周丽华')
  let page = city.page
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-home__board', { hasText: '工作看板' }).click()
  await page.locator('.dash__crumb--on', { hasText: '清远市' }).waitFor()

  // This year, the city: the figures as the function gives them.
  let o = await invoke('o_demo_city', 'dashboard', 'overview', { scope: { level: 'city' }, period: periodOf('year', today()) })
  const volunteers = page.locator('.dash-card--volunteers')
  await volunteers.locator('.dash-figure', { hasText: '在岗' }).locator('.dash-figure__value', { hasText: grouped(o.volunteers.inPost.current) }).waitFor()
  await page.locator('.dash-card--hours .dash-figure', { hasText: '累计' }).locator('.dash-figure__value', { hasText: hoursText(o.hours.totalMinutes) }).waitFor()
  await page.locator('.dash-card--fairs .dash-bar[data-key="signups"] .dash-bar__value', { hasText: `${o.fairs.signups.current} 人` }).waitFor()
  await shot(page, '01-city-year')

  // This month.
  await page.locator('.dash__period--month').click()
  o = await invoke('o_demo_city', 'dashboard', 'overview', { scope: { level: 'city' }, period: periodOf('month', today()) })
  await page.locator('.dash__period-line', { hasText: `${o.period.from} 至 ${o.period.to}` }).waitFor()
  await page.locator('.dash-card--stations .dash-figure', { hasText: '签到次数' }).locator('.dash-figure__value', { hasText: grouped(o.stations.sessions.current) }).waitFor()

  // A period picked: a start more than a year before the end is refused under the end date, and
  // the figures stay; a year back on the end too, and the figures are that period's.
  await page.locator('.dash__period--custom').click()
  const thisYear = periodOf('year', today())
  await page.locator('.dash-date--from .dash-date__value', { hasText: thisYear.from }).waitFor()
  await page.locator('.dash-date--from .dash-date__box').click()
  await settle(page)
  await dragPickerColumn(page, -1)
  await confirmPicker(page)
  const lastYearFrom = `${Number(thisYear.from.slice(0, 4)) - 1}-01-01`
  await page.locator('.dash-date--from .dash-date__value', { hasText: lastYearFrom }).waitFor()
  await page.locator('.dash-date--to .dash-date__error', { hasText: '统计期间最长一年，请缩短后再试' }).waitFor()
  await shot(page, '01b-custom-refused')
  await page.locator('.dash-date--to .dash-date__box').click()
  await settle(page)
  await dragPickerColumn(page, -1)
  await confirmPicker(page)
  const custom = { from: lastYearFrom, to: `${Number(today().slice(0, 4)) - 1}${today().slice(4)}` }
  await page.locator('.dash__period-line', { hasText: `${custom.from} 至 ${custom.to}` }).waitFor()
  expect(await page.locator('.dash-date__error').count()).toBe(0)
  o = await invoke('o_demo_city', 'dashboard', 'overview', { scope: { level: 'city' }, period: custom })
  await page.locator('.dash-card--hours .dash-figure', { hasText: '期间' }).locator('.dash-figure__value', { hasText: hoursText(o.hours.periodMinutes.current) }).waitFor()
  await page.locator('.dash__period-line', { hasText: `对比去年同期 ${o.lastYearPeriod.from} 至 ${o.lastYearPeriod.to}` }).waitFor()
  await shot(page, '01c-custom')
  await page.locator('.dash__period--month').click()

  // Down to 清城区 (the sheet of counties), then to a township by its row.
  await page.locator('.dash__down', { hasText: '选县区' }).click()
  await page.locator('.ui-options__item', { hasText: '清城区' }).click()
  await page.locator('.dash__crumb--on', { hasText: '清城区' }).waitFor()
  o = await invoke('o_demo_city', 'dashboard', 'overview', { scope: { level: 'county', code: '441802' }, period: periodOf('month', today()) })
  expect(o.scope.name).toBe('清城区')
  await volunteers.locator('.dash-figure', { hasText: '在岗' }).locator('.dash-figure__value', { hasText: grouped(o.volunteers.inPost.current) }).waitFor()
  await shot(page, '02-county-month')
  // (The demo's volunteers may all have finished their terms: any township with volunteers will do.)
  const township = o.volunteers.byTownship[0] as { townshipCode: string; townshipName: string; inPost: number; finished: number } | undefined
  expect(township).toBeTruthy()
  await volunteers.locator(`.dash-bar--link[data-key="${township!.townshipCode}"]`).click()
  await page.locator('.dash__crumb--on', { hasText: township!.townshipName }).waitFor()
  await volunteers.locator('.dash-figure', { hasText: '在岗' }).locator('.dash-figure__value', { hasText: grouped(township!.inPost) }).waitFor()
  await volunteers.locator('.dash-figure', { hasText: '已期满' }).locator('.dash-figure__value', { hasText: grouped(township!.finished) }).waitFor()
  expect(await page.locator('.dash__down').count()).toBe(0) // a township is as far down as it goes
  // Back up by the trail.
  await page.locator('.dash__crumb', { hasText: '清城区' }).click()
  await page.locator('.dash__crumb--on', { hasText: '清城区' }).waitFor()

  // A card as a table.
  const stars = page.locator('.dash-card--hours .dash-bars', { hasText: '星级分布' })
  await stars.locator('.dash-bars__mode', { hasText: '表' }).click()
  expect(await stars.locator('.dash-table__row').count()).toBe(o.hours.stars.length)
  await shot(page, '03-county-table')

  // The summary reads as the league's reports, with the figures on screen; the view exports.
  const summary = page.locator('.dash-summary')
  await summary.locator('.dash-summary__para', { hasText: `在岗志愿者${o.volunteers.inPost.current}名` }).waitFor()
  await summary.locator('.dash-summary__para', { hasText: `发放贷款${o.loans.loans.current}笔${(o.loans.lentFen.current / 1_000_000).toFixed(2)}万元` }).waitFor()
  await summary.scrollIntoViewIfNeeded()
  await shot(page, '03b-county-summary')
  await summary.locator('.dash-summary__copy').click()
  await page.getByText('摘要已复制').waitFor()
  // The web build keeps what it copied: the whole summary, title first.
  const copied = await page.evaluate(() => (JSON.parse(localStorage.getItem('taro_clipboard') ?? '{}') as { data?: string }).data ?? '')
  expect(copied.split('\n')[0]).toBe(await summary.locator('.dash-summary__title').innerText())
  expect(copied).toContain(`在岗志愿者${o.volunteers.inPost.current}名`)
  expect(copied.split('\n')).toHaveLength(1 + (await summary.locator('.dash-summary__para').count()))
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.dash__export').click()])
  expect(download.suggestedFilename()).toBe(`工作看板-清城区-${o.period.from}至${o.period.to}.xlsx`)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await (await fetch(download.url())).arrayBuffer()) as never)
  expect(book.worksheets[0].name).toBe('摘要')
  expect(String(book.worksheets[0].getCell('A3').value)).toContain(`在岗志愿者${o.volunteers.inPost.current}名`)
  const figures = new Map<string, unknown>()
  book.getWorksheet('总览')!.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(3).value))
  expect(figures.get('在岗志愿者')).toBe(o.volunteers.inPost.current)
  expect(figures.get('驿站签到')).toBe(o.stations.sessions.current)
  expect(Math.round(Number(figures.get('放款金额')) * 100)).toBe(o.loans.lentFen.current)
  expect(figures.get('对接会报名')).toBe(o.fairs.signups.current)
  await page.locator('.dash__exported', { hasText: '工作看板-清城区' }).waitFor()
  await shot(page, '03c-county-exported')
  expect(city.errors).toEqual([])

  // ---- 陈思敏, township staff of 凤城街道: their township, nothing above it ----------------------------
  // The hours rollup made (the dashboard's five-minute timer): a township still reads live, exact to
  // the moment, and says nothing of a rollup; the city and a county read it and say up to when.
  await servedHours()
  const fired = await world.stack.cloud.fireTimer('dashboard', 'rollUpHours')
  expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { pass: 'done' } })
  const staff = await openAs('陈思敏')
  page = staff.page
  await page.goto(`${world.stack.url}/#/packages/township/index/index`)
  await page.locator('.tw-desk--dashboard').click()
  await page.locator('.dash__crumb--on', { hasText: '凤城街道' }).waitFor()
  const mine = await invoke('o_demo_township', 'dashboard', 'overview', { scope: { level: 'township', code: '441802006' }, period: periodOf('year', today()) })
  expect(mine.rolledUpAt).toBeNull()
  await page.locator('.dash-card--hours .dash-figure', { hasText: '累计' }).locator('.dash-figure__value', { hasText: hoursText(mine.hours.totalMinutes) }).waitFor()
  expect(await page.locator('.dash-card--hours .dash-card__foot, .dash-card--stations .dash-card__foot').count()).toBe(0)
  expect(await page.locator('.dash__down').count()).toBe(0)
  expect(await page.locator('.dash-card--perks').count()).toBe(0) // merchants are kept by county
  await shot(page, '04-township')
  expect(staff.errors).toEqual([])

  // The city admin again: the city's figures from the rollup, the same as the function gives.
  const again = await openAs('周丽华')
  page = again.page
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-home__board', { hasText: '工作看板' }).click()
  await page.locator('.dash__crumb--on', { hasText: '清远市' }).waitFor()
  const rolled = await invoke('o_demo_city', 'dashboard', 'overview', { scope: { level: 'city' }, period: periodOf('year', today()) })
  expect(rolled.rolledUpAt).not.toBeNull()
  await page.locator('.dash-card--hours .dash-figure', { hasText: '累计' }).locator('.dash-figure__value', { hasText: hoursText(rolled.hours.totalMinutes) }).waitFor()
  await page.locator('.dash-card--hours .dash-card__foot', { hasText: /^统计截至 \d\d:\d\d，每分钟更新$/ }).waitFor()
  await page.locator('.dash-card--stations .dash-card__foot', { hasText: /^统计截至 \d\d:\d\d，每分钟更新$/ }).waitFor()
  await page.locator('.dash-card--stations .dash-figure', { hasText: '签到次数' }).locator('.dash-figure__value', { hasText: grouped(rolled.stations.sessions.current) }).waitFor()
  // The month trend, drawn on the canvas: this year's March and July in the period's colour (read off
  // its pixels), then as a table, each month's hours as the function gives them.
  expect((rolled.hours.byMonth as { month: string }[]).find((m) => m.month === `${YEAR}-03`)).toMatchObject({ minutes: 180, lastYear: 60 })
  const trend = page.locator('.dash-card--hours .dash-trend')
  await trend.locator('canvas').scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  const painted = await trend.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    let now = 0
    let last = 0
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - 0xe4) < 6 && Math.abs(data[i + 1] - 0x50) < 6 && Math.abs(data[i + 2] - 0x2f) < 6) now++
      if (Math.abs(data[i] - 0xd8) < 6 && Math.abs(data[i + 1] - 0xd0) < 6 && Math.abs(data[i + 2] - 0xc6) < 6) last++
    }
    return { now, last, width: canvas.width }
  })
  expect(painted.width).toBeGreaterThan(0)
  expect(painted.now).toBeGreaterThan(50)
  expect(painted.last).toBeGreaterThan(20)
  await shot(page, '05-city-rolled-up')
  await trend.locator('.dash-bars__mode', { hasText: '表' }).click()
  for (const m of rolled.hours.byMonth) {
    await trend.locator(`.dash-table__row[data-key="${m.month}"] .dash-table__value`, { hasText: `${hoursText(m.minutes)} 小时` }).waitFor()
    await trend.locator(`.dash-table__row[data-key="${m.month}"] .dash-table__sub`, { hasText: `去年同期 ${hoursText(m.lastYear)} 小时` }).waitFor()
  }
  await shot(page, '05b-trend-table')
  expect(again.errors).toEqual([])
}, 180_000)
