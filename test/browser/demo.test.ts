// The demo as `npm start` shows it (issue 22 item 8): with the programmes' showcase seeded, the
// judge 苏晓岚 finds the live-streaming contest with both entries to score, and 林晓雨's learning
// records hold her sessions and the online course she completed. Then (issue 22 item 7) the entries
// are scored and the results published: 林晓雨's 一等奖 shows on her service record beside 荣誉表彰.
// Screenshots in test-artifacts/.
import { DEMO_CONTEST_ID, seedShowcase } from '../../scripts/demo'
import { journey, until } from '../support/journey'

const world = journey('demo')
const { docs, shot, openAs } = world

test('the showcase: the judge has the contest to score, the volunteer her trainings and certificate', async () => {
  expect(await seedShowcase(world.stack.cloud)).toBe(true)
  const judge = await openAs('苏晓岚')
  await judge.page.goto(`${world.stack.url}/#/packages/contest/judge/index`)
  await judge.page.locator('.ct-card', { hasText: '本轮已评 0 / 2 件' }).waitFor()
  await shot(judge.page, '01-judge-contests')
  await judge.page.goto(`${world.stack.url}/#/packages/contest/judge/index?id=${DEMO_CONTEST_ID}`)
  await judge.page.getByText('英西峰林慢直播').first().waitFor()
  await judge.page.getByText('砂糖橘丰收直播间').first().waitFor()
  await shot(judge.page, '02-judge-sheet')

  const lin = await openAs('林晓雨')
  await lin.page.goto(`${world.stack.url}/#/packages/training/records/index`)
  await lin.page.getByText('乡村振兴政策线上学习').first().waitFor()
  await shot(lin.page, '03-volunteer-records')
  await lin.page.goto(`${world.stack.url}/#/packages/training/index/index`)
  await lin.page.getByText('2026 年乡村振兴志愿者岗前培训').first().waitFor()
  await shot(lin.page, '04-volunteer-courses')

  // Scored and published: her entry wins 一等奖, on her record where posts and commendations show.
  const entries = docs('contest_entries').filter((e) => e.contestId === DEMO_CONTEST_ID)
  for (const e of entries) await world.invoke('o_demo_judge', 'contest', 'score', { entryId: e._id, scores: e.title === '英西峰林慢直播' ? [9, 9] : [7, 8] })
  await world.invoke('o_demo_city', 'contest', 'advance', { id: DEMO_CONTEST_ID, to: 'published' })
  await lin.page.goto(`${world.stack.url}/#/packages/volunteer/hours/index`)
  const awards = lin.page.locator('.ct-awards')
  await awards.locator('.cm-honours__name', { hasText: '清远市乡村旅游直播大赛 · 一等奖' }).waitFor()
  await awards.scrollIntoViewIfNeeded()
  await shot(lin.page, '05-volunteer-awards')

  // 黄家明 appeals his 二等奖 and the city upholds it: the 成立 tab offers to republish the round's results.
  const his = entries.find((e) => e.title !== '英西峰林慢直播')!
  const appeal = await world.invoke('o_demo_youth', 'contest', 'appeal', { entryId: his._id, reason: '直播间的成交数据没有计入带货效果，请复核。' })
  await world.invoke('o_demo_city', 'contest', 'answerAppeal', { id: appeal.id, decision: 'upheld', answer: '成交数据已补充，请评委重新评分。' })
  const league = await openAs('周丽华')
  await league.page.goto(`${world.stack.url}/#/packages/contest/appeals/index?id=${DEMO_CONTEST_ID}`)
  await league.page.locator('.panel-tabs__item', { hasText: '成立' }).click()
  await league.page.locator('.ct-appeal', { hasText: '砂糖橘丰收直播间' }).waitFor()
  await league.page.locator('.ct-appeals__republish-go').waitFor()
  await shot(league.page, '06-league-appeals-upheld')
  await league.page.locator('.ct-appeals__republish-go').click()
  await league.page.locator('.ui-dialog__ok', { hasText: '重新公布' }).click()
  await until(async () => docs('contest_entries').find((e) => e._id === his._id)?.status, 'awarded')
})
