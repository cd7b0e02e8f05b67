// A job fair in the browser, from set-up to a hire: 周丽华 (city admin) creates a fair of
// capacity 1 inviting 清远市城市投资控股集团 and publishes it; 何静 (its employer) adds a position in
// 清城区; 林晓雨 signs up and is confirmed, a second volunteer signs up and waits (候补第 1 位);
// 林晓雨 cancels and the second is promoted; on the day the second shows the entry code, whose QR
// is read off the screen and pasted at the door; the employer records 已面试 then 已录用; the
// report counts 录用 1 and 本地录用 1. Every page is saved as a screenshot in test-artifacts/.
import { EJSON } from 'bson'
import { volunteerForm } from '../support/people'
import { visibleQr } from '../support/checks'
import { answerNotices, confirmModal, journey, until } from '../support/journey'

const world = journey('fair')
const { invoke, docs, shot, openAs } = world

/** The Shanghai calendar date `days` days from today. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)

async function setFair(id: string, set: Record<string, unknown>) {
  await world.stack.cloud.db.handle('database.modifyDocument', {
    collectionName: 'fairs',
    queryType: 'DOC',
    query: JSON.stringify({ _id: id }),
    data: EJSON.stringify({ $set: set }, { relaxed: false }),
    merge: true,
  })
}

const TITLE = '2026 年冬季乡村振兴志愿者岗位对接会'
const POSITION = '乡村振兴项目专员'

test('a fair from set-up to a hire: capacity 1, a waiting list that moves up, the door, outcomes and the report', async () => {
  // ---- 周丽华 (团市委) creates the fair: capacity 1, inviting 清远市城市投资控股集团 ----
  const admin = await openAs('周丽华')
  await admin.page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await admin.page.locator('.admin-desk--fairs').click()
  await admin.page.locator('.fa__empty', { hasText: '还没有即将举办的对接会' }).waitFor()
  await shot(admin.page, '01-admin-empty')
  await admin.page.locator('.fa__create').click()
  const form = admin.page.locator('.fair-edit')
  await form.locator('.fair-edit__org', { hasText: '清远市城市投资控股集团' }).waitFor()
  await form.locator('.fair-edit__title input').fill(TITLE)
  await form.locator('.fair-edit__venue input').fill('清远市青少年宫')
  await form.locator('.fair-edit__address input').fill('清城区北江一路 8 号')
  // Too few places is refused next to the field, before anything is sent.
  await form.locator('.fair-edit__capacity input').fill('0')
  await form.locator('.fair-edit__save').click()
  await form.locator('[data-error-for="capacity"]', { hasText: '名额至少 1 人' }).waitFor()
  await form.locator('.fair-edit__capacity input').fill('1')
  await form.locator('.fair-edit__org', { hasText: '清远市城市投资控股集团' }).click()
  await form.locator('.fair-edit__orgs-count', { hasText: '已选 1 家' }).waitFor()
  await shot(admin.page, '02-admin-new-fair')
  await form.locator('.fair-edit__save').click()
  const adminCard = admin.page.locator('.fa-card', { hasText: TITLE })
  await adminCard.locator('.fair-standing', { hasText: '未发布' }).waitFor()
  const fair = docs('fairs').find((f) => f.title === TITLE)
  expect(fair).toMatchObject({ status: 'draft', capacity: 1, employerIds: ['e_qy_city_invest'], date: shanghaiDay(14), startTime: '09:00', termEndsWithinDays: 180 })
  await adminCard.locator('.fa-card__publish').click()
  await confirmModal(admin.page, '发布对接会')
  await adminCard.locator('.fair-standing', { hasText: '报名中' }).waitFor()
  await shot(admin.page, '03-admin-published')
  expect(docs('fairs').find((f) => f._id === fair._id).status).toBe('published')

  // ---- 何静 (清远市城市投资控股集团) adds a position in 清城区 ----
  const employer = await openAs('何静')
  await employer.page.goto(`${world.stack.url}/#/packages/employer/index/index`)
  const empFair = employer.page.locator('.emp-fair', { hasText: TITLE })
  await empFair.locator('.emp-fair__none').waitFor()
  await shot(employer.page, '04-employer-home')
  await empFair.locator('.emp-fair__add').click()
  const pos = employer.page.locator('.pos-form')
  await pos.locator('.pos-form__title input').fill(POSITION)
  await pos.locator('.pos-form__openings input').fill('2')
  await pos.locator('.pos-form__place input').fill('清城区凤城街道')
  await pos.locator('#field-countyCode .form-row__main').click()
  await employer.page.locator('.ui-options__item', { hasText: '清城区' }).click()
  await pos.locator('#field-countyCode', { hasText: '清城区' }).waitFor()
  await pos.locator('.pos-form__requirements textarea').fill('服务期满的乡村振兴志愿者，熟悉农村电商与项目申报')
  await pos.locator('.pos-form__salary-min input').fill('5000')
  await pos.locator('.pos-form__salary-max input').fill('4500')
  await pos.locator('.pos-form__contact-name input').fill('何经理')
  await pos.locator('.pos-form__contact-phone input').fill('0763-3388123')
  await pos.locator('.pos-form__save').click()
  await pos.locator('[data-error-for="salaryMax"]', { hasText: '月薪上限不能低于下限' }).waitFor()
  await pos.locator('.pos-form__salary-max input').fill('8000.50')
  await shot(employer.page, '05-employer-position')
  await pos.locator('.pos-form__save').click()
  await empFair.locator('.emp-pos', { hasText: POSITION }).waitFor()
  await empFair.getByText('5,000–8,000.50 元/月').waitFor()
  await shot(employer.page, '06-employer-positions')
  // Yuan typed, fen stored, exactly.
  expect(docs('fair_positions').find((p) => p.title === POSITION)).toMatchObject({ salaryMinFen: 500_000, salaryMaxFen: 800_050, countyCode: '441802', openings: 2, employerId: 'e_qy_city_invest' })

  // ---- a second volunteer, registered and approved (set-up), term ending in a month ----
  const zhou = await openAs('新用户')
  const zhouOpenid: string = await zhou.page.evaluate(async () => (await (await fetch('/dev/personas')).json()).current.openid)
  const reg = await invoke(zhouOpenid, 'registration', 'submitVolunteer', volunteerForm({ name: '周晓彤', mobile: '13800138066', termStart: '2024-07-01', termEnd: shanghaiDay(30), skills: ['直播带货', '乡村旅游'] }))
  await invoke('o_demo_county', 'registration', 'review', { ids: [reg.id], decision: 'approve' })

  // ---- 林晓雨 signs up from the fair page: confirmed ----
  const lin = await openAs('林晓雨')
  await lin.page.goto(`${world.stack.url}/#/packages/fair/index/index`)
  const linCard = lin.page.locator('.fairs__card', { hasText: TITLE })
  await linCard.getByText('余 1 个名额').waitFor()
  await shot(lin.page, '07-volunteer-fairs')
  await linCard.click()
  await lin.page.locator('.detail__title', { hasText: TITLE }).waitFor()
  await lin.page.locator('.detail-pos', { hasText: POSITION }).click()
  await lin.page.locator('.detail-pos--on', { hasText: POSITION }).waitFor()
  await shot(lin.page, '08-volunteer-detail')
  await lin.page.locator('.detail__signup').click()
  const sheet = lin.page.locator('.detail-sheet')
  await sheet.locator('.fair-resume__name', { hasText: '林晓雨' }).waitFor()
  // Sharing the résumé needs the explicit consent.
  await expect(sheet.locator('.detail-sheet__confirm').getAttribute('disabled')).resolves.not.toBeNull()
  await sheet.locator('.detail-sheet__consent').click()
  await shot(lin.page, '09-volunteer-resume')
  await sheet.locator('.detail-sheet__confirm').click()
  await answerNotices(lin.page, true)
  await confirmModal(lin.page, '报名成功')
  await lin.page.locator('.detail__status-title', { hasText: '已报名' }).waitFor()
  await lin.page.locator('.fair-seats__left', { hasText: '名额已满' }).waitFor()
  await shot(lin.page, '10-volunteer-confirmed')

  // ---- 周晓彤 signs up: the fair is full, so she waits, first in line ----
  await zhou.page.goto(`${world.stack.url}/#/packages/fair/index/index`)
  const zhouCard = zhou.page.locator('.fairs__card', { hasText: TITLE })
  await zhouCard.getByText('名额已满').waitFor()
  await zhouCard.click()
  await zhou.page.locator('.detail-pos', { hasText: POSITION }).click()
  await zhou.page.locator('.panel-bar__hint', { hasText: '名额已满，报名将进入候补' }).waitFor()
  await zhou.page.locator('.detail__signup', { hasText: '报名候补' }).click()
  const zhouSheet = zhou.page.locator('.detail-sheet')
  await zhouSheet.locator('.fair-resume__name', { hasText: '周晓彤' }).waitFor()
  await zhouSheet.locator('.detail-sheet__consent').click()
  await zhouSheet.locator('.detail-sheet__confirm').click()
  // She allows the notice: it is how she will hear that a place came free.
  await answerNotices(zhou.page, true)
  await confirmModal(zhou.page, '已进入候补（第 1 位）')
  await zhou.page.locator('.detail__status-title', { hasText: '候补第 1 位' }).waitFor()
  await shot(zhou.page, '11-second-waiting')

  // ---- 林晓雨 cancels; 周晓彤 moves up and is told ----
  world.stack.cloud.outbox.length = 0
  await lin.page.locator('.detail__cancel').click()
  await confirmModal(lin.page, '候补第一位')
  await until(() => lin.page.locator('.detail__status').count(), 0)
  await lin.page.locator('.detail__signup').waitFor()
  await shot(lin.page, '12-volunteer-cancelled')
  expect(world.stack.cloud.outbox.map((m) => m.touser)).toEqual([zhouOpenid])
  await zhou.page.reload()
  await zhou.page.locator('.detail__status-title', { hasText: '已报名' }).waitFor()
  await zhou.page.locator('.detail__mine-tag', { hasText: '已报名' }).waitFor()
  await shot(zhou.page, '13-second-promoted')

  // ---- the day comes: check-in only works on the fair's date ----
  await setFair(fair._id, { date: shanghaiDay(0), startsAt: new Date(Date.now() - 3600_000) })
  await zhou.page.reload()
  await zhou.page.locator('.detail__code').click()
  const qr = zhou.page.locator('.entry__qr img')
  await qr.waitFor()
  await until(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100), true)
  await zhou.page.locator('.entry__countdown', { hasText: /\d+ 秒后自动刷新/ }).waitFor()
  await zhou.page.locator('.entry__name', { hasText: '周*彤' }).waitFor()
  await shot(zhou.page, '14-entry-code')
  // Read off the screen as the door's scanner sees it: the whole code must show, not half of it.
  const token = await visibleQr(zhou.page, qr)
  expect(token).toMatch(/^E1\./)

  // At the door (the city admin's phone): the web build's paste field stands in for the scanner.
  await admin.page.goto(`${world.stack.url}/#/packages/fairadmin/index/index`)
  await adminCard.locator('.fa-card__door').click()
  await admin.page.locator('.door__title', { hasText: TITLE }).waitFor()
  await admin.page.locator('.door__count-num', { hasText: /^0$/ }).waitFor()
  await admin.page.locator('.door__paste-input input').fill(token!)
  await admin.page.locator('.door__paste-submit').click()
  const ok = admin.page.locator('.door-result--ok')
  await ok.locator('.door-result__name', { hasText: '周*彤' }).waitFor()
  await ok.getByText('已选 1 个岗位').waitFor()
  await admin.page.locator('.door__count-num', { hasText: /^1$/ }).waitFor()
  await admin.page.locator('.door-row', { hasText: '周晓彤' }).waitFor()
  await shot(admin.page, '15-door-checked-in')
  // The same code again is refused, in plain words.
  await admin.page.locator('.door__paste-input input').fill(token!)
  await admin.page.locator('.door__paste-submit').click()
  await admin.page.locator('.door-result--refused .door-result__title', { hasText: '入场码已使用过' }).waitFor()
  await shot(admin.page, '16-door-refused')
  // Her phone now says she is in.
  await zhou.page.locator('.entry__refresh').click()
  await zhou.page.locator('.entry__done-title', { hasText: '已签到入场' }).waitFor()
  await shot(zhou.page, '17-entry-checked-in')

  // ---- the employer records 已面试, then 已录用 ----
  await employer.page.goto(`${world.stack.url}/#/packages/employer/index/index`)
  await employer.page.locator('.emp-fair', { hasText: TITLE }).locator('.emp-fair__applicants').click()
  const person = employer.page.locator('.app-card', { hasText: '周晓彤' })
  await person.locator('.app-card__in', { hasText: '已签到入场' }).waitFor()
  await person.locator('.app-card__masked', { hasText: '138****8066' }).waitFor()
  expect(await employer.page.locator('.apps').textContent()).not.toContain('13800138066')
  await shot(employer.page, '18-applicants')
  await person.locator('.app-choice__record').click()
  const outcome = employer.page.locator('.outcome-sheet')
  await outcome.locator('.outcome-option--interviewed').click()
  await outcome.locator('.outcome-sheet__note textarea').fill('现场面试表现良好，下周复试')
  await shot(employer.page, '19-outcome-sheet')
  await outcome.locator('.outcome-sheet__save').click()
  await person.locator('.app-choice__tag--interviewed', { hasText: '已面试' }).waitFor()
  await person.locator('.app-card__mobile', { hasText: '13800138066' }).waitFor()
  await person.locator('.app-card__call', { hasText: '拨打' }).waitFor()
  await person.locator('.app-choice__record', { hasText: '修改结果' }).click()
  await outcome.locator('.outcome-option--hired').click()
  await outcome.locator('.outcome-sheet__save').click()
  await confirmModal(employer.page, '确认录用')
  await person.locator('.app-choice__tag--hired', { hasText: '已录用' }).waitFor()
  await shot(employer.page, '20-hired')

  // ---- the report counts the hire, and it is local (清城区) ----
  await admin.page.goto(`${world.stack.url}/#/packages/fairadmin/index/index`)
  await adminCard.locator('.fa-card__report').click()
  await admin.page.locator('.rep__hired .rep__hero-num', { hasText: /^1$/ }).waitFor()
  await admin.page.locator('.rep__local .rep__hero-num', { hasText: /^1$/ }).waitFor()
  await admin.page.locator('.rep__attended .fair-figure__value', { hasText: /^1$/ }).waitFor()
  await admin.page.locator('.rep__cancelled .fair-figure__value', { hasText: /^1$/ }).waitFor()
  await admin.page.locator('.rep-org', { hasText: '清远市城市投资控股集团' }).getByText('录用 1 人（本地 1 人）').waitFor()
  await shot(admin.page, '21-report')
  const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.locator('.rep__export').click()])
  expect(download.suggestedFilename()).toMatch(/^岗位对接会统计-.+\.xlsx$/)
  await admin.page.locator('.rep__exported').waitFor()
  await shot(admin.page, '21b-report-exported') // the file name whole on its line(s), not broken inside ".xlsx"

  // The sign-up list: the one who came first, then the cancelled.
  await admin.page.goto(`${world.stack.url}/#/packages/fairadmin/index/index`)
  await adminCard.locator('.fa-card__signups').click()
  await until(() => admin.page.locator('.su-row').count(), 2)
  await admin.page.locator('.su-row--confirmed', { hasText: '周晓彤' }).locator('.su-row__in').waitFor()
  await admin.page.locator('.su-row--cancelled', { hasText: '林晓雨' }).waitFor()
  await admin.page.locator('.sus__attended', { hasText: '已签到' }).click()
  await until(() => admin.page.locator('.su-row').count(), 1)
  await shot(admin.page, '22-signups')

  // Employers: a new one, ready to be invited to the next fair.
  await admin.page.goto(`${world.stack.url}/#/packages/fairadmin/employers/index`)
  await admin.page.locator('.emps-row', { hasText: '清远市城市投资控股集团' }).waitFor()
  await admin.page.locator('.emps__add').click()
  const orgSheet = admin.page.locator('.emp-sheet')
  await orgSheet.locator('.emp-sheet__name input').fill('清远市乡村振兴发展有限公司')
  await orgSheet.locator('.emp-type', { hasText: '国有企业' }).click()
  await shot(admin.page, '23-employer-sheet')
  await orgSheet.locator('.emp-sheet__save').click()
  await admin.page.locator('.emps-row', { hasText: '清远市乡村振兴发展有限公司' }).waitFor()
  await shot(admin.page, '24-employers')
  expect(docs('employers').find((e) => e.name === '清远市乡村振兴发展有限公司')).toMatchObject({ type: 'state_owned', status: 'active' })

  // 周晓彤's 我的报名.
  await zhou.page.goto(`${world.stack.url}/#/packages/fair/index/index`)
  await zhou.page.locator('.fairs__tab--mine').click()
  await zhou.page.locator('.fairs__card', { hasText: TITLE }).locator('.fair-mine-tag', { hasText: '已签到入场' }).waitFor()
  await shot(zhou.page, '25-my-fairs')

  // What the cloud recorded.
  const signups = docs('fair_signups').filter((s) => s.fairId === fair._id)
  expect(signups.map((s) => s.status).sort()).toEqual(['cancelled', 'confirmed'])
  const hired = signups.find((s) => s.status === 'confirmed')
  expect(hired.checkedInAt).toBeTruthy()
  expect(Object.values(hired.outcomes)).toEqual([expect.objectContaining({ outcome: 'hired' })])

  for (const who of [admin, employer, lin, zhou]) {
    expect(who.errors).toEqual([])
    await who.context.close()
  }
}, 120_000) // four people, two of them on the day: as long as the township journey

test('who may not sign up is told why: someone not registered, a rural youth at a fair for volunteers only; employer pages refuse non-employers', async () => {
  // Set-up: a published fair for volunteers only, with one position.
  const f = await invoke('o_demo_city', 'fair', 'save', {
    title: '志愿者专场岗位对接会',
    date: shanghaiDay(20),
    startTime: '14:00',
    endTime: '17:00',
    venue: '英德市青年之家',
    address: '英德市英城街道和平中路 2 号',
    signupOpensAt: `${shanghaiDay(-1)} 09:00`,
    signupClosesAt: `${shanghaiDay(19)} 18:00`,
    capacity: 50,
    termEndsWithinDays: 90,
    allowRuralYouth: false,
    maxPositions: 2,
    employerIds: ['e_qy_city_invest'],
  })
  await invoke('o_demo_city', 'fair', 'setStatus', { id: f.id, status: 'published' })
  await invoke('o_demo_employer', 'fair', 'savePosition', { fairId: f.id, employerId: 'e_qy_city_invest', title: '农文旅运营主管', openings: 1, place: '英德市英城街道', countyCode: '441881', requirements: '熟悉乡村旅游运营', salaryMinFen: 700_000, salaryMaxFen: 1_000_000, contactName: '何经理', contactPhone: '0763-3388123' })

  const stranger = await openAs('新用户')
  await stranger.page.goto(`${world.stack.url}/#/packages/fair/index/index`)
  await stranger.page.locator('.fairs__hint', { hasText: '报名需先注册为乡村振兴志愿者' }).waitFor()
  await stranger.page.locator('.fairs__tab--mine').click()
  await stranger.page.locator('.fairs__not-applicant', { hasText: '报名需先完成注册' }).waitFor()
  await shot(stranger.page, '26-not-applicant')
  await stranger.page.goto(`${world.stack.url}/#/packages/fair/detail/index?id=${f.id}`)
  await stranger.page.locator('.detail__register', { hasText: '注册成为志愿者后报名' }).waitFor()
  await stranger.page.goto(`${world.stack.url}/#/packages/employer/index/index`)
  await stranger.page.locator('.emp__denied', { hasText: '无权限' }).waitFor()

  // 黄家明 (an approved rural youth): the function's refusal is shown on the page.
  const youth = await openAs('黄家明')
  await youth.page.goto(`${world.stack.url}/#/packages/fair/detail/index?id=${f.id}`)
  await youth.page.locator('.detail-pos', { hasText: '农文旅运营主管' }).click()
  await youth.page.locator('.detail__signup').click()
  const sheet = youth.page.locator('.detail-sheet')
  await sheet.locator('.fair-resume__name', { hasText: '黄家明' }).waitFor()
  await sheet.locator('.detail-sheet__consent').click()
  await sheet.locator('.detail-sheet__confirm').click()
  await answerNotices(youth.page, false)
  await youth.page.locator('.detail__refusal', { hasText: '本场对接会只面向服务期满的志愿者' }).waitFor()
  await shot(youth.page, '27-refused')
  expect(docs('fair_signups').filter((s) => s.fairId === f.id)).toEqual([])

  for (const who of [stranger, youth]) {
    expect(who.errors).toEqual([])
    await who.context.close()
  }
})
