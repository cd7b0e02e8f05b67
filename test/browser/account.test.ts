// The account pages as people use them: a brand-new WeChat user registers as a volunteer
// through the form (a wrong ID number is caught on the phone and nothing is sent), the county
// league approves, and 我的 shows 已通过 with the township; an invitation makes someone township
// staff; a second user asks to take the record over to a new WeChat account; profile, privacy
// and closing an account. Every page is saved as a screenshot in test-artifacts/.
import type { Page } from 'playwright-core'
import { idCheckChar } from '../../types/personal'
import { answerNotices, confirmPicker, dragPickerColumn, journey, settle } from '../support/journey'

const world = journey('account')
const { shot } = world

/** A valid ID number (GB 11643): born 2001-03-15, sequence 123 (odd: male). */
const FIRST17 = '44180220010315123'
const GOOD_ID = FIRST17 + idCheckChar(FIRST17)
/** The same number with a wrong check character. */
const BAD_ID = FIRST17 + (idCheckChar(FIRST17) === '0' ? '1' : '0')
const NAME = '林小青'

/** A persona's phone, once 我的 shows the profile link (the pages below start from it). */
async function openAs(persona: string) {
  const phone = await world.openAs(persona)
  await phone.page.locator('.mine__link--profile').waitFor()
  return phone
}

const registrations = () => [...world.stack.cloud.store.get('registrations').docs.values()] as Record<string, unknown>[]

const fieldError = (page: Page, field: string) => page.locator(`[data-error-for="${field}"]`)

test('a new user registers as a volunteer, the county approves, 我的 shows 已通过 and the township', async () => {
  const { context, page, errors } = await openAs('新用户')

  // 我的: no registration yet, two ways in.
  await page.locator('.mine__tile--volunteer', { hasText: '注册成为乡村振兴志愿者' }).waitFor()
  await page.locator('.mine__tile--youth', { hasText: '农村青年登记' }).waitFor()
  await shot(page, '01-mine-new-user')

  await page.locator('.mine__tile--volunteer').click()
  await page.locator('.register__title', { hasText: '乡村振兴志愿者注册' }).waitFor()
  await shot(page, '02-register-empty')

  // Basic information; the ID number with a wrong check character is caught as soon as it is complete.
  await page.locator('[data-field="name"] input').fill(NAME)
  await page.locator('[data-field="idNumber"] input').fill(BAD_ID)
  await fieldError(page, 'idNumber').getByText('身份证号校验位不正确，请核对').waitFor()
  expect(await page.locator('[data-field="gender"]').count()).toBe(0)
  await page.locator('[data-field="mobile"] input').fill('13800138000')

  // Issue 19, item 13: submitted without a place, the 服务镇街 row asks for the township in its own words.
  await page.locator('.register__submit').click()
  await page.locator('[data-field="townshipCode"]', { hasText: '请选择服务镇街' }).waitFor()
  expect(await page.locator('[data-field="townshipCode"]', { hasText: '所在县' }).count()).toBe(0)

  // County → township (once the page has scrolled to the first problem: a tap mid-scroll lands elsewhere).
  await settle(page)
  await page.locator('[data-field="townshipCode"]').click()
  await page.locator('.place__county', { hasText: '清城区' }).click()
  await page.locator('.place__township', { hasText: '凤城街道' }).waitFor()
  await shot(page, '03-register-place')
  await page.locator('.place__township', { hasText: '凤城街道' }).click()
  await page.locator('[data-field="townshipCode"]', { hasText: '清城区 · 凤城街道' }).waitFor()

  // The term: today, and two years on (the picker's proposal).
  await page.locator('[data-field="termStart"]').click()
  await settle(page)
  await confirmPicker(page)
  await page.locator('[data-field="termStart"] .form-row__value').waitFor()
  await page.locator('[data-field="termEnd"]').click()
  await settle(page)
  await confirmPicker(page)
  await page.locator('[data-field="termEnd"] .form-row__value').waitFor()

  // Education: school, major, graduation year (dragged two years back), political status.
  await page.locator('[data-field="school"] input').fill('华南农业大学')
  await page.locator('[data-field="major"] input').fill('农村区域发展')
  await page.locator('[data-field="graduationYear"]').click()
  await settle(page)
  const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))
  await dragPickerColumn(page, 2)
  await shot(page, '03b-register-year-picker')
  await confirmPicker(page)
  await page.locator('[data-field="graduationYear"]', { hasText: `${thisYear - 2}年` }).waitFor()
  await page.locator('[data-field="politicalStatus"]').click()
  await settle(page)
  await dragPickerColumn(page, -1) // 共青团员 → 中共预备党员
  await confirmPicker(page)
  await page.locator('[data-field="politicalStatus"]', { hasText: '中共预备党员' }).waitFor()

  // Skills, and the two separate consents.
  for (const skill of ['电子商务', '直播带货', '产业规划']) await page.locator(`[data-skill="${skill}"]`).click()
  await page.locator('.register__chip--on').nth(2).waitFor()
  await page.locator('[data-field="privacyVersion"] .register__tick').click()
  await page.locator('[data-field="sensitiveVersion"] .register__tick').click()
  await page.locator('.register__tick.ui-tick--on').nth(1).waitFor()

  // Submitting with the bad ID: the error stays under the field and nothing reaches the cloud.
  const before = registrations().length
  await page.locator('.register__submit').click()
  await fieldError(page, 'idNumber').waitFor()
  await settle(page)
  expect(registrations().length).toBe(before)
  expect(await page.locator('[data-error-for]').count()).toBe(1)
  await shot(page, '04-register-bad-id')

  // The privacy notice opens from the consent and comes back to the filled form.
  await page.locator('.register__link').click()
  await page.locator('.privacy__version', { hasText: '2026-11-01' }).waitFor()
  await shot(page, '05-privacy')
  await page.locator('.privacy__back').click()
  await page.locator('[data-field="name"] input').waitFor()
  expect(await page.locator('[data-field="name"] input').inputValue()).toBe(NAME)

  // The right number: no error, gender and birth date read from it.
  await page.locator('[data-field="idNumber"] input').fill(GOOD_ID)
  await page.locator('.register__gender', { hasText: '男' }).waitFor()
  await page.locator('.register__birth', { hasText: '2001年3月15日' }).waitFor()
  expect(await fieldError(page, 'idNumber').count()).toBe(0)
  await shot(page, '06-register-filled')

  await page.locator('.register__submit').click()
  // WeChat asks (in the tap) whether to send the review result; she allows it.
  await page.locator('.taro-modal__content', { hasText: '审核结果通知' }).waitFor()
  await shot(page, '07-register-ask-notice')
  await answerNotices(page, true)
  await page.getByText('已提交，等待县（市、区）团委审核').waitFor()
  await shot(page, '07-register-submitted')

  const mine = registrations().filter((r) => r.name === NAME)
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({
    kind: 'volunteer',
    status: 'pending',
    townshipCode: '441802006',
    townshipName: '凤城街道',
    gender: 'male',
    birthDate: '2001-03-15',
    school: '华南农业大学',
    graduationYear: thisYear - 2,
    politicalStatus: '中共预备党员',
    skills: ['电子商务', '直播带货', '产业规划'],
  })
  expect(JSON.stringify(mine[0])).not.toContain(GOOD_ID) // stored encrypted

  // 我的: 待审核.
  await page.locator('.register__back').click()
  await page.locator('.mine__reg[data-status="pending"]', { hasText: '待审核' }).waitFor()
  await shot(page, '08-mine-pending')

  // The county league approves (its review pages are another part of the app).
  const outcome = await world.stack.cloud.invoke(
    'registration',
    { action: 'review', input: { ids: [mine[0]._id], decision: 'approve' } },
    { openid: 'o_demo_county', source: 'wx_client' },
  )
  expect(outcome.ok && (outcome.result as any).ok).toBe(true)
  expect((outcome as any).result.data.results).toEqual([{ id: mine[0]._id, ok: true, message: '已通过' }])

  await page.reload()
  await page.locator('.mine__reg[data-status="approved"]', { hasText: '已通过' }).waitFor()
  await page.locator('.mine__reg-place', { hasText: '凤城街道' }).waitFor()
  await page.locator('.mine__chip', { hasText: '乡村振兴志愿者' }).waitFor()
  await shot(page, '09-mine-approved')

  // Approved: the form is a read-only summary; changes go through the county league.
  await page.locator('.mine__reg[data-status="approved"]').click()
  await page.getByText('注册已通过审核').waitFor()
  await page.getByText('如需修改信息，请联系清城区团委。', { exact: false }).waitFor()
  expect(await page.locator('.register__submit').count()).toBe(0)
  await shot(page, '10-register-approved')

  expect(errors).toEqual([])
  await context.close()
})

test('an invitation from the county league makes a new user township staff', async () => {
  const created = await world.stack.cloud.invoke(
    'grants',
    { action: 'createInvitation', input: { role: 'township_staff', scopeId: '441802007', note: '东城街道驿站管理' } },
    { openid: 'o_demo_county', source: 'wx_client' },
  )
  const code = (created as any).result.data.code as string
  expect(code).toMatch(/^[2-9A-Z]{10}$/)

  const { context, page, errors } = await openAs('新用户')

  // Typed by hand: a code that does not exist is explained.
  await page.locator('.mine__link--invite').click()
  await page.locator('[data-field="code"] input').fill('ABCDEFGHJK')
  await shot(page, '11-invite-enter')
  await page.locator('.invite__lookup').click()
  await page.getByText('邀请码不存在，请核对后重新输入').waitFor()
  await shot(page, '12-invite-not-found')

  // From a 小程序码: the scene carries inv=CODE, URL-encoded.
  await page.goto(`${world.stack.url}/#/packages/account/invite/index?scene=${encodeURIComponent(encodeURIComponent(`inv=${code}`))}`)
  await page.locator('.invite__role', { hasText: '镇街团委干事' }).waitFor()
  await page.locator('.invite__scope', { hasText: '东城街道' }).waitFor()
  await page.getByText('东城街道驿站管理').waitFor()
  await page.getByText('李建国 邀请你成为').waitFor()
  await shot(page, '13-invite-preview')

  // Issue 19, defect 11: the invitee gives their real name, so admins can tell whom a role is with.
  await page.locator('.invite__accept').click()
  await page.locator('[data-field="name"]', { hasText: '请填写你的真实姓名' }).waitFor()
  await page.locator('.invite__name input').fill('王新人')
  await page.locator('.invite__accept').click()
  await page.locator('.taro-modal__content', { hasText: '镇街团委干事 · 东城街道' }).waitFor()
  await shot(page, '14-invite-confirm')
  await page.locator('.taro-model__confirm').click()
  await page.getByText('你已成为镇街团委干事').waitFor()
  // No phone bound yet: asked for one, with the way to bind it.
  await page.locator('.invite__phone', { hasText: '请绑定手机号' }).waitFor()
  await shot(page, '15-invite-accepted')
  const staff = ([...world.stack.cloud.store.get('users').docs.values()] as Record<string, unknown>[]).find((u) => (u.roles as { scopeId: string }[]).some((g) => g.scopeId === '441802007'))
  expect(staff).toMatchObject({ realName: '王新人' })

  await page.locator('.invite__mine').click()
  await page.locator('.mine__chip', { hasText: '镇街团委干事' }).waitFor()
  await page.getByText('东城街道 · 审核签到、管理驿站').waitFor()
  await shot(page, '16-mine-township-staff')

  // The same code again: used.
  await page.goto(`${world.stack.url}/#/packages/account/invite/index?code=${code}`)
  await page.locator('.invite__problem', { hasText: '该邀请已被使用' }).waitFor()
  await shot(page, '17-invite-used')

  expect(errors).toEqual([])
  await context.close()
})

test('profile, 更换微信账号 for a registered ID, and closing the account', async () => {
  const { context, page, errors } = await openAs('新用户')

  // Profile: nickname and (development stand-in) phone number.
  await page.locator('.mine__link--profile').click()
  await page.locator('.profile__nickname input').waitFor()
  await page.locator('.profile__nickname input').fill('青青')
  await page.locator('.profile__save').click()
  await page.locator('.profile__save').waitFor({ state: 'detached' })
  await page.locator('.profile__dev-input input').fill('13912345678')
  await page.locator('.profile__dev-bind').click()
  await page.locator('.profile__mobile', { hasText: '139****5678' }).waitFor()
  await shot(page, '18-profile')

  // 更换微信账号: the first journey's volunteer, now on this WeChat account.
  await page.locator('.profile__link', { hasText: '更换微信账号' }).click()
  await page.locator('.takeover [data-field="name"] input').waitFor()
  await shot(page, '19-takeover-form')
  await page.locator('[data-field="name"] input').fill(NAME)
  await page.locator('[data-field="idNumber"] input').fill(BAD_ID)
  await page.locator('.takeover__submit').click()
  await fieldError(page, 'idNumber').getByText('身份证号校验位不正确，请核对').waitFor()
  await page.locator('[data-field="idNumber"] input').fill(GOOD_ID)
  await page.locator('.takeover__submit').click()
  await page.locator('.taro-model__confirm').click()
  await page.locator('.takeover__status[data-status="pending"]', { hasText: '待县团委确认' }).waitFor()
  await shot(page, '20-takeover-pending')
  const takeovers = [...world.stack.cloud.store.get('takeovers').docs.values()] as Record<string, unknown>[]
  expect(takeovers).toEqual([expect.objectContaining({ status: 'pending', name: NAME, townshipName: '凤城街道' })])

  // Close the account: a strong confirmation, then 我的 as a brand-new account.
  await page.goto(`${world.stack.url}/#/packages/account/profile/index`)
  await page.locator('.profile__close').click()
  await page.locator('.profile__sheet', { hasText: '注销后将立即删除' }).waitFor()
  const confirm = page.locator('.profile__sheet-confirm')
  expect(await confirm.getAttribute('class')).toContain('ui-btn--off')
  await page.locator('.profile__reason', { hasText: '更换了微信账号' }).click()
  await page.locator('.profile__understood').click()
  await shot(page, '21-profile-close-confirm')
  await confirm.click()
  await page.locator('.mine__nickname', { hasText: '微信用户' }).waitFor({ timeout: 10_000 })
  await page.getByText('还没有任何身份').waitFor()
  await shot(page, '22-mine-after-close')

  const closed = ([...world.stack.cloud.store.get('users').docs.values()] as Record<string, unknown>[]).filter((u) => u.status === 'closed')
  expect(closed).toEqual([expect.objectContaining({ nickname: '', mobile: '', roles: [] })])

  expect(errors).toEqual([])
  await context.close()
})

test('rural youth: a draft survives leaving the form (never the ID number); rejected, corrected and sent again', async () => {
  const first17 = '44188119980808246'
  const youthId = first17 + idCheckChar(first17)
  const { context, page, errors } = await openAs('新用户')

  await page.locator('.mine__tile--youth').click()
  await page.locator('.register__title', { hasText: '农村青年登记' }).waitFor()
  await page.locator('[data-field="name"] input').fill('邓家乐')
  await page.locator('[data-field="idNumber"] input').fill(youthId)
  await page.locator('[data-field="mobile"] input').fill('13912345678')
  await page.locator('[data-field="townshipCode"]').click()
  await page.locator('.place__county', { hasText: '英德市' }).click()
  await page.locator('.place__township', { hasText: '英城街道' }).click()
  await page.locator('[data-field="occupation"] textarea').fill('英德红茶种植')
  await settle(page) // the draft is written after a short pause

  // Leave (the browser's back) and come back: everything but the ID number is restored.
  await page.goBack()
  await page.locator('.register').waitFor({ state: 'detached' })
  await page.locator('.mine__tile--youth').click()
  await page.locator('.register__draft', { hasText: '已恢复你上次未提交的内容' }).waitFor()
  expect(await page.locator('[data-field="name"] input').inputValue()).toBe('邓家乐')
  expect(await page.locator('[data-field="idNumber"] input').inputValue()).toBe('')
  await page.locator('[data-field="townshipCode"]', { hasText: '英德市 · 英城街道' }).waitFor()
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }))
  expect(stored).toContain('英德红茶种植')
  expect(stored).not.toContain(youthId)
  expect(stored).not.toContain('2026-11-01') // no consent kept either
  await shot(page, '23-register-youth-draft')

  await page.locator('[data-field="idNumber"] input').fill(youthId)
  // Submitting without the consents: both are asked for, inline.
  await page.locator('.register__submit').click()
  await page.locator('[data-error-for="privacyVersion"]').getByText('请阅读并同意隐私政策').waitFor()
  await page.locator('[data-error-for="sensitiveVersion"]').getByText('请单独同意处理身份证号等敏感个人信息').waitFor()
  await shot(page, '24-register-youth-consents')
  await page.locator('[data-field="privacyVersion"] .register__tick').click()
  await page.locator('[data-field="sensitiveVersion"] .register__tick').click()
  await page.locator('.register__submit').click()
  await answerNotices(page, false)
  await page.getByText('已提交，等待县（市、区）团委审核').waitFor()
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('英德红茶种植') // draft cleared

  // The city league rejects it, with a reason.
  const reg = registrations().find((r) => r.name === '邓家乐')!
  expect(reg).toMatchObject({ kind: 'rural_youth', status: 'pending', townshipName: '英城街道', occupation: '英德红茶种植' })
  const outcome = await world.stack.cloud.invoke(
    'registration',
    { action: 'review', input: { ids: [reg._id], decision: 'reject', reason: '请写明经营主体和规模，例如种植面积' } },
    { openid: 'o_demo_city', source: 'wx_client' },
  )
  expect((outcome as any).result.data.results[0]).toMatchObject({ ok: true })

  await page.locator('.register__back').click()
  await page.locator('.mine__reg[data-status="rejected"]', { hasText: '未通过' }).waitFor()
  await page.locator('.mine__reg-reason', { hasText: '请写明经营主体和规模' }).waitFor()
  await shot(page, '25-mine-rejected')

  // 修改后重新提交: the form comes back filled in (the ID too: it is the owner's), the reason on top.
  await page.locator('.mine__reg-retry').click()
  await page.locator('.register__status[data-status="rejected"]', { hasText: '请写明经营主体和规模' }).waitFor()
  expect(await page.locator('[data-field="idNumber"] input').inputValue()).toBe(youthId)
  await shot(page, '26-register-rejected')
  await page.locator('[data-field="occupation"] textarea').fill('英德红茶种植（合作社，120 亩）与电商销售')
  await page.locator('[data-field="privacyVersion"] .register__tick').click()
  await page.locator('[data-field="sensitiveVersion"] .register__tick').click()
  const answers = () => world.stack.cloud.subscriptions.events.filter((e) => e.type === 'answer').length
  const answered = answers()
  await page.locator('.register__submit', { hasText: '修改后重新提交' }).click()
  // She declined the notice the first time: the app does not ask again so soon (消息 still has it).
  await page.getByText('已提交，等待县（市、区）团委审核').waitFor()
  expect(await page.locator('.taro-modal__content', { hasText: '审核结果通知' }).isVisible()).toBe(false)
  expect(answers()).toBe(answered)
  expect(registrations().find((r) => r.name === '邓家乐')).toMatchObject({ status: 'pending', rejectReason: '', occupation: '英德红茶种植（合作社，120 亩）与电商销售' })

  await page.locator('.register__back').click()
  await page.locator('.mine__reg[data-status="pending"]', { hasText: '待审核' }).waitFor()

  expect(errors).toEqual([])
  await context.close()
})
