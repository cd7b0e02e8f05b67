// The demo as `npm start` shows it (issue 22 item 8): with the programmes' showcase seeded, the
// judge 苏晓岚 finds the live-streaming contest with both entries to score, and 林晓雨's learning
// records hold her sessions and the online course she completed. Screenshots in test-artifacts/.
import { DEMO_CONTEST_ID, seedShowcase } from '../../scripts/demo'
import { journey } from '../support/journey'

const world = journey('demo')
const { shot, openAs } = world

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
})
