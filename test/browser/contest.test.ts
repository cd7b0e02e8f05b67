// A contest in the browser, from the league's desk to the results: 周丽华 (团市委) drafts a
// contest (the rubric's weights checked against 100 at its row), opens it (asked first) and
// invites a judge, whose code 陈思敏 accepts; 黄家明 enters as a team's captain (allowing the
// notice), 林晓雨 joins with his code and he submits; after the deadline the league starts the
// judging; 陈思敏 and 何静 each score the work blind to the other; the league publishes the round
// and 黄家明 sees his rank and award. Every page is saved as a screenshot in test-artifacts/.
import { EJSON } from 'bson'
import { answerNotices, journey } from '../support/journey'

const world = journey('contest')
const { docs, shot, openAs } = world

const TITLE = '清远市乡村旅游直播大赛'
const WORK = '英西峰林慢直播'
const moment = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 16).replace('T', ' ')

test('the league creates a contest, a team enters, two judges score and the results are published', async () => {
  // ---- 周丽华 (团市委) drafts the contest from the admin desk ----
  const admin = await openAs('周丽华')
  await admin.page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await admin.page.locator('.admin-desk--contests').click()
  await admin.page.locator('.ct-new').click()
  const form = admin.page.locator('.ct-contest-form')
  await form.locator('[data-field="kind"] .form-row__main').click()
  await admin.page.locator('.ui-options__item', { hasText: '乡村旅游直播' }).click()
  await form.locator('[data-field="title"] input').fill(TITLE)
  await form.locator('[data-field="rules"] textarea').fill('作品须为原创直播或短视频，展示清远乡村旅游资源，时长不超过 10 分钟。')
  await form.locator('.ct-round__deadline input').fill(moment(2))
  await form.locator('.ct-round__judging input').fill(moment(5))
  await form.locator('.ct-criterion__weight input').first().fill('50')
  await form.locator('.ct-contest-form__save').click()
  await form.locator('[data-error-for="rubric"]', { hasText: '权重合计应为 100（现为 110）' }).waitFor()
  await shot(admin.page, '01-admin-rubric-refused', { fullPage: true })
  await form.locator('.ct-criterion__weight input').first().fill('40')
  await form.locator('.ct-contest-form__save').click()

  // ---- opened (asked first), a judge invited ----
  await admin.page.locator('.ct-manage__step', { hasText: '开放报名' }).click()
  await admin.page.locator('.ui-dialog__ok', { hasText: '开放报名' }).click()
  await admin.page.locator('.ct-manage__step', { hasText: '截止提交' }).waitFor()
  await shot(admin.page, '02-admin-opened')
  const contest = docs('contests').find((c) => c.title === TITLE)
  expect(contest).toMatchObject({ status: 'open', kind: 'live', mode: 'team', countyCode: '', rubric: [{ weight: 40 }, { weight: 60 }] })
  await admin.page.locator('.ct-manage__invite').click()
  await admin.page.locator('.ui-note textarea, .ui-note input').first().fill('市文旅局 评委')
  await admin.page.locator('.ui-note .ui-dialog__ok').click()
  const codeText = admin.page.locator('.ct-manage__code')
  await codeText.waitFor()
  await shot(admin.page, '03-admin-judge-invitation')
  const code = (await codeText.innerText()).trim()
  await admin.page.locator('.ui-dialog__cancel').click()

  // ---- 陈思敏 accepts the judge's invitation ----
  const chen = await openAs('陈思敏')
  await chen.page.goto(`${world.stack.url}/#/packages/account/invite/index?scene=${encodeURIComponent(encodeURIComponent(`inv=${code}`))}`)
  await chen.page.locator('.invite__role', { hasText: '大赛评委' }).waitFor()
  await chen.page.locator('.invite__name input').fill('陈思敏')
  await chen.page.locator('.invite__accept').click()
  await chen.page.locator('.taro-modal__content', { hasText: '大赛评委 · 清远市乡村旅游直播大赛' }).waitFor()
  await chen.page.locator('.taro-model__confirm').click()
  await chen.page.getByText('你已成为大赛评委').waitFor()
  await shot(chen.page, '04-judge-accepted')
  // A second judge (何静) is invited and accepts the same way, off screen.
  const inv = await world.invoke('o_demo_city', 'grants', 'createInvitation', { role: 'judge', scopeId: contest._id })
  await world.invoke('o_demo_employer', 'grants', 'redeemInvitation', { code: inv.code, name: '何静' })

  // ---- 黄家明 enters as the captain; 林晓雨 joins with his code ----
  const huang = await openAs('黄家明')
  await huang.page.goto(`${world.stack.url}/#/packages/contest/index/index`)
  await huang.page.locator('.ct-contest', { hasText: TITLE }).click()
  await huang.page.locator('.ct-detail__title', { hasText: TITLE }).waitFor()
  await shot(huang.page, '05-captain-contest', { fullPage: true })
  await huang.page.locator('.ct-detail__new').click()
  const entry = huang.page.locator('.ct-entry-form')
  await entry.locator('[data-field="title"] input').fill(WORK)
  await entry.locator('[data-field="workUrl"] input').fill('http://live.example.com/room/88')
  await entry.locator('[data-field="description"] textarea').fill('用一天时间慢直播英西峰林的日出、农家和夜市。')
  await entry.locator('.ct-entry-form__save').click()
  await entry.locator('[data-error-for="workUrl"]', { hasText: 'https://' }).waitFor()
  await shot(huang.page, '06-captain-entry-refused')
  await entry.locator('[data-field="workUrl"] input').fill('https://live.example.com/room/88')
  await entry.locator('.ct-entry-form__save').click()
  await answerNotices(huang.page, true)
  const teamCode = huang.page.locator('.ct-entry__code')
  await teamCode.waitFor()
  await shot(huang.page, '07-captain-team-code')
  const team = (await teamCode.innerText()).trim()

  const lin = await openAs('林晓雨')
  await lin.page.goto(`${world.stack.url}/#/packages/contest/detail/index?id=${contest._id}`)
  await lin.page.locator('.ct-detail__code input').fill(team)
  await lin.page.locator('.ct-detail__join-go').click()
  await answerNotices(lin.page, true)
  await lin.page.locator('.ct-entry__members', { hasText: '林晓雨' }).waitFor()
  await shot(lin.page, '08-member-joined')

  await huang.page.reload()
  await huang.page.locator('.ct-detail__submit').click()
  await huang.page.locator('.ui-dialog__ok', { hasText: '提交' }).click()
  await answerNotices(huang.page, true)
  await huang.page.locator('.ct-entry .ui-tag', { hasText: '已提交' }).waitFor()
  await shot(huang.page, '09-captain-submitted')
  const e = docs('contest_entries').find((x) => x.title === WORK)
  expect(e).toMatchObject({ status: 'submitted', memberIds: [expect.any(String), expect.any(String)] })

  // ---- the deadline passes; the league starts the judging ----
  const rounds = docs('contests').find((c) => c._id === contest._id).rounds.map((r: { entryDeadline: Date }) => ({ ...r, entryDeadline: new Date(Date.now() - 60_000) }))
  await world.stack.cloud.db.handle('database.modifyDocument', { collectionName: 'contests', queryType: 'DOC', query: JSON.stringify({ _id: contest._id }), data: EJSON.stringify({ $set: { rounds } }, { relaxed: false }), merge: true })
  await admin.page.reload()
  await admin.page.locator('.ct-manage__step', { hasText: '截止提交' }).click()
  await admin.page.locator('.ui-dialog__ok').click()
  await admin.page.locator('.ct-manage__step', { hasText: '公布本轮结果' }).waitFor()

  // ---- two judges score, each blind to the other ----
  for (const [phone, scores, shotName] of [
    [chen, ['8', '9'], '10-judge-chen'],
    [await openAs('何静'), ['6', '7'], '11-judge-he'],
  ] as const) {
    await phone.page.goto(`${world.stack.url}/#/packages/contest/judge/index`)
    await phone.page.locator('.ct-contest', { hasText: TITLE }).click()
    const card = phone.page.locator('.ct-score-card', { hasText: WORK })
    await card.locator('.ui-tag', { hasText: '待评分' }).waitFor()
    await card.locator('.ct-score__input--0 input').fill(scores[0])
    await card.locator('.ct-score__input--1 input').fill(scores[1])
    await card.locator('.ct-score-card__send').click()
    await card.locator('.ui-tag', { hasText: /已评 \d/ }).waitFor()
    await shot(phone.page, shotName, { fullPage: true })
  }
  expect(docs('contest_scores').filter((s) => s.entryId === e._id).map((s) => s.total).sort()).toEqual([66, 86])

  // ---- the league sees two judges and the average, and publishes ----
  await admin.page.reload()
  await admin.page.locator('.ct-manage__entry', { hasText: '2 位评委已评分' }).waitFor()
  await admin.page.locator('.ct-manage__score', { hasText: '76 分' }).waitFor()
  await shot(admin.page, '12-admin-judged')
  await admin.page.locator('.ct-manage__step', { hasText: '公布本轮结果' }).click()
  await admin.page.locator('.ui-dialog__ok').click()
  await admin.page.locator('.ct-manage__entry .ui-tag', { hasText: '一等奖' }).waitFor()
  await shot(admin.page, '13-admin-published')

  // ---- 黄家明 sees the result ----
  await huang.page.goto(`${world.stack.url}/#/packages/contest/results/index?id=${contest._id}`)
  await huang.page.locator('.ct-result', { hasText: WORK }).getByText('一等奖').first().waitFor()
  await shot(huang.page, '14-results')
  expect(docs('messages').filter((m) => JSON.stringify(m).includes('一等奖')).length).toBeGreaterThanOrEqual(2)
})
