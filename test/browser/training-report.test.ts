// 培训与大赛统计 (issue 22 item 5) as the city admin (周丽华) sees it: from 培训课程管理 she opens the
// report, reads this year's person-times and attendance rate (a fixture of 36 sign-ups this year,
// 27 attended, across 清城区 and 清新区, put into the store), reads the kinds as a table, drills down
// to 清城区 by its row, switches to 大赛 and exports the view; 工作看板's 培训与大赛 card shows the same
// and leads back to the report. The figures' own sums are checked in
// test/functions/training-report.test.ts; here the screen shows the fixture's.
import { EJSON } from 'bson'
import { periodOf } from '../../src/components/admin/dashboard-figures'
import { journey } from '../support/journey'

const world = journey('training-report')
const { shot, openAs, invoke } = world

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const YEAR = today().slice(0, 4)
const hex = (prefix: string, i: number, width: number) => `${prefix}${i.toString(16).padStart(width - prefix.length, '0')}`

/** 12 learners (8 of 清城区 凤城街道, 4 of 清新区 太和镇), 3 sessions this year of 12 seats each: 27 attended. */
async function fixture() {
  const now = new Date()
  const learners = Array.from({ length: 12 }, (_x, i) => ({ userId: hex('trb', i, 24), county: i < 8 ? '441802' : '441803', township: i < 8 ? '441802006' : '441803102' }))
  const courses = ['preservice', 'ecommerce'].map((kind, i) => ({ _id: hex('C', 0xb0 + i, 13), title: `统计课程${i}`, kind, audience: 'both', department: '团市委', countyCode: '', description: '', requiredSessions: 1, parts: [], status: 'published', createdBy: 'x', createdAt: now, updatedAt: now }))
  const sessions = [0, 1, 2].map((i) => ({ _id: hex('S', 0xb0 + i, 13), courseId: courses[i % 2]._id, countyCode: '', title: `第${i + 1}期`, date: `${YEAR}-0${i + 2}-10`, startTime: '09:00', endTime: '11:00', minutes: 120, status: 'published', capacity: 20, confirmedCount: 12, waitlist: [], createdAt: now, updatedAt: now }))
  // Session 1: all 12 attended; session 2: 9 of 12; session 3: 6 of 12.
  const signups = sessions.flatMap((s, si) => learners.map((l, li) => ({ _id: `${s._id}:${l.userId}`, sessionId: s._id, courseId: s.courseId, userId: l.userId, kind: 'volunteer', status: 'confirmed', attended: li < 12 - si * 3, minutes: li < 12 - si * 3 ? 120 : 0, name: '学员', createdAt: now, updatedAt: now })))
  const registrations = learners.map((l, i) => ({ _id: hex('trbr', i, 24), userId: l.userId, kind: 'volunteer', status: 'approved', countyCode: l.county, townshipCode: l.township, name: '学员', createdAt: now }))
  const db = world.stack.cloud.db
  for (const [collectionName, docs] of [
    ['registrations', registrations],
    ['training_courses', courses],
    ['training_sessions', sessions],
    ['training_signups', signups],
  ] as const) {
    await db.handle('database.insertDocument', { collectionName, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
  }
  const attended = signups.filter((x) => x.attended)
  return { signups: signups.length, attended: attended.length, qingcheng: attended.filter((x) => learners.find((l) => l.userId === x.userId)!.county === '441802').length }
}

test('the city admin reads the trainings of this year, drills down to 清城区, switches to the contests and exports', async () => {
  const f = await fixture()
  expect(f).toEqual({ signups: 36, attended: 27, qingcheng: 22 })
  const { page } = await openAs('周丽华')
  await page.goto(`${world.stack.url}/#/packages/training/manage/index`)
  await page.locator('.tr-manage__report').click()

  // This year, the city: what the function gives, and the fixture's (the demo holds no training of this year).
  const period = periodOf('year', today())
  const r = await invoke('o_demo_city', 'training', 'report', { scope: { level: 'city' }, period })
  expect(r.totals.personTimes.current).toBe(f.attended)
  expect(r.totals.signups.current).toBe(f.signups)
  const card = page.locator('.trr-card--training')
  await card.locator('.dash-figure', { hasText: '出勤人次' }).locator('.dash-figure__value', { hasText: String(f.attended) }).waitFor()
  await card.locator('.dash-figure', { hasText: '报名人次' }).locator('.dash-figure__value', { hasText: String(f.signups) }).waitFor()
  await card.locator('.dash-figure', { hasText: '出勤率' }).locator('.dash-figure__value', { hasText: '75%' }).waitFor()
  await card.locator('.dash-bar[data-key="441802"] .dash-bar__value', { hasText: `${f.qingcheng} 人次` }).waitFor()
  await shot(page, '01-city-year')

  // The kinds as a table.
  const kinds = card.locator('.dash-bars', { hasText: '各类别出勤人次' })
  await kinds.locator('.dash-bars__mode', { hasText: '表' }).click()
  await kinds.locator('.dash-table__row', { hasText: '岗前培训' }).locator('.dash-table__value', { hasText: `${12 + 6} 人次` }).waitFor()
  await shot(page, '02-kinds-table')

  // Down to 清城区 by its row: its townships.
  await card.locator('.dash-bar--link[data-key="441802"]').click()
  await page.locator('.dash__crumb--on', { hasText: '清城区' }).waitFor()
  await card.locator('.dash-figure', { hasText: '出勤人次' }).locator('.dash-figure__value', { hasText: String(f.qingcheng) }).waitFor()
  await card.locator('.dash-bar[data-key="441802006"]').waitFor()
  await shot(page, '03-county')

  // 大赛: the county's contests of this year (the figures the function gives).
  await page.locator('.trr__tab--contest').click()
  const c = await invoke('o_demo_city', 'contest', 'report', { scope: { level: 'county', code: '441802' }, period })
  await page.locator('.trr-card--contests .dash-card__note', { hasText: `${c.totals.contests} 场` }).waitFor()
  await page.locator('.trr-card--contests .dash-figure', { hasText: '参赛作品' }).locator('.dash-figure__value', { hasText: String(c.totals.entries) }).waitFor()
  await shot(page, '04-contests')

  // Export the view.
  await page.locator('.trr__export').click()
  await page.locator('.dash__exported', { hasText: '大赛统计-清城区' }).waitFor()
  await shot(page, '05-exported')

  // 工作看板 shows the same: its 培训与大赛 card, this year, the city; and it leads back to the report.
  await page.goto(`${world.stack.url}/#/packages/admin/dashboard/index`)
  const dashCard = page.locator('.dash-card--training')
  await dashCard.locator('.dash-figure', { hasText: '培训出勤人次' }).locator('.dash-figure__value', { hasText: String(f.attended) }).waitFor()
  await dashCard.locator('.dash-figure', { hasText: '出勤率' }).locator('.dash-figure__value', { hasText: '75%' }).waitFor()
  await dashCard.scrollIntoViewIfNeeded()
  await shot(page, '06-dashboard-card')
  await dashCard.locator('.dash-card__foot', { hasText: '培训与大赛统计' }).click()
  await page.locator('.trr-card--training .dash-figure', { hasText: '出勤人次' }).locator('.dash-figure__value', { hasText: String(f.attended) }).waitFor()
})
