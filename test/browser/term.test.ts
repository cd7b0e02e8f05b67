// The service term in the browser (issue 23 item 4): 王期满's term ended 40 days ago and the daily
// timer moved it to 期满; the volunteer's home says check-ins and perks stopped, and 服务时长 says
// the grace is over. 李建国 (清城区团委) opens 服务期 from the admin home, finds them under 已期满, tries to
// save an empty extension (the problems show under the fields), chooses 延长一年 with a reason,
// confirms, and the term serves again; the volunteer sees 服务中, the extension and the notice.
import { volunteerForm } from '../support/people'
import { journey } from '../support/journey'

const world = journey('term')
const { invoke, docs, shot, openAs } = world

/** The Shanghai calendar date `days` days from today. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10)

test('the county extends an ended term; the volunteer sees it ended, then serving again', async () => {
  // ---- set-up: 王期满 registered (term ended 40 days ago), approved, and the daily timer run ----
  const volunteer = await openAs('新用户')
  const openid: string = await volunteer.page.evaluate(async () => (await (await fetch('/dev/personas')).json()).current.openid)
  const ended = shanghaiDay(-40)
  const reg = await invoke(openid, 'registration', 'submitVolunteer', volunteerForm({ name: '王期满', mobile: '13800138077', termStart: '2024-07-01', termEnd: ended }))
  await invoke('o_demo_county', 'registration', 'review', { ids: [reg.id], decision: 'approve' })
  const fired = await world.stack.cloud.fireTimer('registration', 'endTerms')
  expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { claimed: true } })
  expect(docs('registrations').find((r) => r._id === reg.id)).toMatchObject({ term: 'ended', termEnd: ended })

  // ---- the volunteer: the home says check-ins and perks stopped; 服务时长 says why ----
  await volunteer.page.goto(`${world.stack.url}/#/packages/volunteer/index/index`)
  const notice = volunteer.page.locator('.term-notice--stopped', { hasText: `服务期已于 ${ended} 期满，驿站签到和商家优惠已停止` })
  await notice.waitFor()
  await shot(volunteer.page, '00-volunteer-home-ended')
  await notice.click()
  const card = volunteer.page.locator('.term-card')
  await card.locator('.ui-tag', { hasText: '已期满' }).waitFor()
  await card.locator('.term-card__line', { hasText: `服务期已于 ${ended} 期满，宽限期至 ${plusDays(ended, 30)} 已结束` }).waitFor()
  await shot(volunteer.page, '01-volunteer-ended')

  // ---- 李建国 (清城区团委): 服务期 from the admin home, 已期满 ----
  const county = await openAs('李建国')
  await county.page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await county.page.locator('.admin-desk--terms').click()
  const row = county.page.locator('.term-row', { hasText: '王期满' })
  await row.locator('.ui-tag', { hasText: '已期满' }).waitFor()
  await row.locator('.term-row__line', { hasText: '驿站签到和商家优惠已停止' }).waitFor()
  await shot(county.page, '02-county-ended')

  // An empty extension: each problem under its field, nothing sent.
  await row.locator('.term-row__extend').click()
  const sheet = county.page.locator('.term-extend')
  await sheet.locator('.term-extend__submit').click()
  await sheet.locator('[data-error-for="termEnd"]', { hasText: '请选择新的服务结束日期' }).waitFor()
  await sheet.locator('[data-error-for="reason"]', { hasText: '请填写延期理由' }).waitFor()
  await shot(county.page, '03-extend-problems')
  expect(docs('registrations').find((r) => r._id === reg.id).termExtensions).toBeUndefined()

  // 延长一年 (from today: the term already ended), a reason, confirmed.
  const newEnd = plusDays(shanghaiDay(0), 365)
  await sheet.locator('.term-extend__chip', { hasText: '延长一年' }).click()
  await sheet.locator('.term-extend__chip--on', { hasText: `至 ${newEnd}` }).waitFor()
  await sheet.locator('[data-field="reason"] textarea').fill('经县团委研究同意，服务期延长一年')
  await sheet.locator('[data-error-for="termEnd"]').waitFor({ state: 'detached' })
  await shot(county.page, '04-extend-filled')
  await sheet.locator('.term-extend__submit').click()
  const dialog = county.page.locator('.ui-dialog', { hasText: '确认登记延期' })
  await dialog.getByText(`王期满 的服务期将从 ${ended} 延至 ${newEnd}`).waitFor()
  await shot(county.page, '05-extend-confirm')
  await dialog.locator('.ui-dialog__ok').click()
  // Serving again, it leaves 已期满; under 全部 it is 服务中 with its extension.
  await row.waitFor({ state: 'detached' })
  expect(docs('registrations').find((r) => r._id === reg.id)).toMatchObject({ term: 'serving', termEnd: newEnd, termExtensions: [expect.objectContaining({ from: ended, to: newEnd, reason: '经县团委研究同意，服务期延长一年' })] })
  expect(docs('audit').filter((a) => a.action === 'registration.extendTerm' && a.targetId === reg.id)).toHaveLength(1)
  await county.page.locator('.terms__tab--all').click()
  await county.page.locator('.panel-searchfield input').fill('王期满')
  await county.page.locator('.panel-searchfield input').press('Enter')
  const again = county.page.locator('.term-row', { hasText: '王期满' })
  await again.locator('.ui-tag', { hasText: '服务中' }).waitFor()
  await again.locator('.term-row__ext', { hasText: `已延期 1 次 · 原定 ${ended} 期满` }).waitFor()
  await shot(county.page, '06-county-extended')

  // ---- the volunteer: 服务中 until the new end, the extension listed; told in 消息 ----
  await volunteer.page.reload()
  await card.locator('.ui-tag', { hasText: '服务中' }).waitFor()
  await card.locator('.term-card__line', { hasText: `服务期至 ${newEnd}` }).waitFor()
  await card.locator('.term-ext', { hasText: '经县团委研究同意，服务期延长一年' }).waitFor()
  await shot(volunteer.page, '07-volunteer-extended', { fullPage: true })
  const user = docs('users').find((u) => u.openid === openid)
  expect(user).not.toHaveProperty('termEndedOn')
  expect(docs('messages').filter((m) => m.userId === user._id).map((m) => m.title)).toEqual(expect.arrayContaining(['乡村振兴志愿者服务期已期满', '乡村振兴志愿者服务期延期']))
}, 90_000)
