import { entryProblems, nextStep, roundLine } from './labels'

const rounds = [
  { name: '初赛', entryDeadline: '2026-12-10 18:00', judgingEnds: '2026-12-15 18:00', advance: 10 },
  { name: '决赛', entryDeadline: '2026-12-25 18:00', judgingEnds: '2026-12-28 18:00', advance: 3 },
]

test('the host\'s next step follows the contest machine, a published last round has none', () => {
  expect(nextStep({ status: 'draft', round: 0, rounds })?.to).toBe('open')
  expect(nextStep({ status: 'open', round: 0, rounds })?.to).toBe('judging')
  expect(nextStep({ status: 'judging', round: 0, rounds })?.to).toBe('published')
  expect(nextStep({ status: 'published', round: 0, rounds })).toMatchObject({ to: 'next', label: '开始决赛' })
  expect(nextStep({ status: 'published', round: 1, rounds })).toBeNull()
  expect(roundLine({ status: 'open', round: 0, rounds })).toBe('初赛 · 2026-12-10 18:00 截止提交')
})

test('the entry form checks what the function checks: an https link, a title, a description', () => {
  expect(entryProblems({ title: '好', workUrl: 'http://x.com/a', description: '短', pictures: [] })).toEqual({
    title: '作品名称至少 2 个字',
    workUrl: '作品链接应为以 https:// 开头的视频或直播网址',
    description: '作品介绍至少 10 个字',
    pictureFileIds: undefined,
  })
  expect(Object.values(entryProblems({ title: '英西峰林', workUrl: 'https://live.example.com/r/1', description: '带大家走进英西峰林的日出和夜市。', pictures: ['a'] })).filter(Boolean)).toEqual([])
})
