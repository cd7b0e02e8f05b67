// Contests (两赛): the league drafts and opens a contest (rubric weights summing to 100, https work
// links, rounds in order); people enter alone or as a team joined by the captain's code; judges
// invited through the grants invitation score by the rubric, blind to each other, never their own
// team's entry, and leave out entries they declare a conflict with; the league publishes ranks by
// the tie rule, the best advance and the last round's get the awards; entrants appeal within the
// window and are answered. Races: a double submission and concurrent scores count once.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { race, raceLog } from '../support/race'
import { approvedVolunteer, readyRaceControl, storeOf } from '../support/fixture'
import { arrangeContest, arrangeEntry, arrangeScore, makeJudge } from '../quality/contest-arrange'
import { CONTEST_TIE_RULE, rankEntries, weightedScore } from '../../types/contest-rules'
import { shanghaiDateTime } from '../../types/time'
import type { InputOf } from '../../types'

let app: AppCloud
const CITY = 'o_demo_city'
const COUNTY = 'o_demo_county' // 清城区
const VOLUNTEER = 'o_demo_volunteer' // 林晓雨, 清城区
const YOUTH = 'o_demo_youth' // 黄家明, 清城区
const DAY = 86_400_000

const { docs, userIdOf, messagesOf } = storeOf(() => app)
const doc = (name: string, id: string) => app.cloud.store.get(name).docs.get(id) as Record<string, unknown>
const moment = (offsetMs: number) => shanghaiDateTime(Date.now() + offsetMs)

async function set(collection: string, id: string, fields: Record<string, unknown>): Promise<void> {
  await app.cloud.db.handle('database.modifyDocument', { collectionName: collection, queryType: 'DOC', query: JSON.stringify({ _id: id }), data: EJSON.stringify({ $set: fields }, { relaxed: false }), merge: true })
}

/** Moves the contest's round `i` deadline into the past (the judging window still open). */
async function passDeadline(contestId: string, i = 0): Promise<void> {
  const rounds = (doc('contests', contestId).rounds as { entryDeadline: Date; judgingEnds: Date }[]).map((r, j) => (j === i ? { ...r, entryDeadline: new Date(Date.now() - 60_000) } : r))
  await set('contests', contestId, { rounds })
}

const contestInput = (overrides: Partial<InputOf<'contest.save'>> = {}): InputOf<'contest.save'> => ({
  kind: 'live',
  title: '清远市乡村旅游直播大赛',
  rules: '作品须为原创直播或短视频，展示清远乡村旅游资源，时长不超过 10 分钟。',
  countyCode: '',
  mode: 'team',
  maxTeamSize: 3,
  rounds: [
    { name: '初赛', entryDeadline: moment(2 * DAY), judgingEnds: moment(5 * DAY), advance: 2 },
    { name: '决赛', entryDeadline: moment(9 * DAY), judgingEnds: moment(12 * DAY), advance: 2 },
  ],
  rubric: [
    { name: '创意', weight: 40, maxScore: 10 },
    { name: '带货效果', weight: 60, maxScore: 20 },
  ],
  awards: [
    { name: '一等奖', count: 1 },
    { name: '二等奖', count: 1 },
  ],
  appealDays: 3,
  ...overrides,
})

const entryInput = (contestId: string, title = '英西峰林慢直播') => ({ contestId, title, workUrl: 'https://live.example.com/room/88', description: '用一天时间慢直播英西峰林的日出、农家和夜市。' })

let people = 0
async function entrant(name: string): Promise<string> {
  const openid = `o_contest_${++people}`
  await approvedVolunteer(app, openid, COUNTY, { name, mobile: `1370001${String(1000 + people)}` })
  return openid
}

/** A judge invited through the grants invitation (the judge role, the contest its scope). */
async function invitedJudge(openid: string, contestId: string, name: string): Promise<void> {
  const inv = ok(await app.call(CITY, 'grants.createInvitation', { role: 'judge', scopeId: contestId, note: '大赛评委' }))
  expect(inv).toMatchObject({ role: 'judge', scopeType: 'contest', scopeId: contestId })
  ok(await app.call(openid, 'grants.redeemInvitation', { code: inv.code, name }))
}

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  await readyRaceControl(app)
}, 120_000)
afterAll(async () => {
  await app.close()
})

test('the league drafts a contest: bad input is refused naming the field and changes nothing; a county hosts only its own; only the host sees a draft; rules are fixed once open', async () => {
  const before = app.dump()
  const weights = await app.call(CITY, 'contest.save', contestInput({ rubric: [{ name: '创意', weight: 40, maxScore: 10 }, { name: '效果', weight: 50, maxScore: 10 }] }))
  expect(weights).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rubric' } })
  expect(!weights.ok && weights.error.message).toContain('权重合计应为 100')
  const order = await app.call(CITY, 'contest.save', contestInput({ rounds: [{ name: '初赛', entryDeadline: moment(2 * DAY), judgingEnds: moment(DAY), advance: 2 }] }))
  expect(order).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  expect(!order.ok && order.error.message).toContain('评审截止时间应晚于')
  expect(await app.call(CITY, 'contest.save', contestInput({ rounds: [] }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'rounds' } })
  expect(await app.call(COUNTY, 'contest.save', contestInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(COUNTY, 'contest.save', contestInput({ countyCode: '441803' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(VOLUNTEER, 'contest.save', contestInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(app.dump()).toBe(before)

  const county = ok(await app.call(COUNTY, 'contest.save', contestInput({ countyCode: '441802', title: '清城区电商营销大赛', kind: 'ecommerce' })))
  expect(county).toMatchObject({ status: 'draft', hostName: '清城区团委', tieRule: CONTEST_TIE_RULE })
  expect(await app.call(VOLUNTEER, 'contest.get', { id: county.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(ok(await app.call(VOLUNTEER, 'contest.list', {})).items.map((c) => c.id)).not.toContain(county.id)
  expect(ok(await app.call(COUNTY, 'contest.list', { manage: true })).items.map((c) => c.id)).toContain(county.id)
  expect(ok(await app.call(COUNTY, 'contest.save', { ...contestInput({ countyCode: '441802', title: '清城区电商营销大赛（修订）' }), id: county.id })).title).toContain('修订')
  // Nothing to judge before entries close; a step cannot be skipped.
  expect(await app.call(COUNTY, 'contest.advance', { id: county.id, to: 'published' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  ok(await app.call(COUNTY, 'contest.advance', { id: county.id, to: 'open' }))
  expect(await app.call(COUNTY, 'contest.advance', { id: county.id, to: 'judging' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('截止后才能转入评审') } })
  expect(await app.call(COUNTY, 'contest.save', { ...contestInput({ countyCode: '441802' }), id: county.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(docs('audit').filter((a) => a.targetId === county.id).map((a) => a.action)).toEqual(['contest.create', 'contest.update', 'contest.open'])
})

test('a team enters: the captain shares a code, members join up to the size; the work link must be https and pictures are checked; editable until the deadline; one entry per person; submitted twice at once counts once', async () => {
  const c = ok(await app.call(CITY, 'contest.save', contestInput()))
  ok(await app.call(CITY, 'contest.advance', { id: c.id, to: 'open' }))
  const before = app.dump()
  const http = await app.call(YOUTH, 'contest.saveEntry', { ...entryInput(c.id), workUrl: 'http://live.example.com/room/1' })
  expect(http).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'workUrl' } })
  expect(!http.ok && http.error.message).toContain('https://')
  expect(await app.call(YOUTH, 'contest.saveEntry', { ...entryInput(c.id), pictureFileIds: ['cloud://env.bucket/uploads/someone-else/a.png'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pictureFileIds.0' } })
  expect(app.dump()).toBe(before)
  expect(await app.call('o_contest_nobody', 'contest.saveEntry', entryInput(c.id))).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('注册') } })
  expect(docs('contest_entries').filter((e) => e.contestId === c.id)).toHaveLength(0)

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0c1b80000000049454e44ae426082', 'hex')
  const upload = app.cloud.storage.put(`uploads/${userIdOf(YOUTH)}/work.png`, png)
  const entry = ok(await app.call(YOUTH, 'contest.saveEntry', { ...entryInput(c.id), pictureFileIds: [upload] }))
  expect(entry).toMatchObject({ status: 'draft', mine: { captain: true, canEdit: true, canSubmit: true }, members: [{ name: '黄家明', captain: true }] })
  expect(entry.pictures).toHaveLength(1)
  expect(entry.pictures[0].fileId).not.toBe(upload)
  expect(entry.teamCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
  expect(await app.call(YOUTH, 'contest.saveEntry', entryInput(c.id, '第二件'))).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('每人只能参加一件作品') } })
  // A team needs its members before it is submitted.
  expect(await app.call(YOUTH, 'contest.submitEntry', { id: entry.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('至少需要 2 名成员') } })

  const joined = ok(await app.call(VOLUNTEER, 'contest.joinTeam', { code: entry.teamCode.toLowerCase() }))
  expect(joined.members.map((m) => m.name)).toEqual(['黄家明', '林晓雨'])
  expect(joined.teamCode).toBe('') // only the captain sees the code
  expect(await app.call(VOLUNTEER, 'contest.saveEntry', { ...entryInput(c.id, '队员改名'), id: entry.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(VOLUNTEER, 'contest.joinTeam', { code: entry.teamCode })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const third = await entrant('周三队')
  ok(await app.call(third, 'contest.joinTeam', { code: entry.teamCode }))
  const fourth = await entrant('吴四满')
  expect(await app.call(fourth, 'contest.joinTeam', { code: entry.teamCode })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('最多 3 人') } })
  expect(docs('contest_members').filter((m) => m.contestId === c.id)).toHaveLength(3)

  const results = await race(6, () => app.call(YOUTH, 'contest.submitEntry', { id: entry.id }))
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  expect(doc('contests', c.id).submitted).toBe(1)
  const control = await raceControl('submit')
  raceLog.push({ name: 'an entry submitted concurrently: submissions counted', n: 6, observed: 1, control })
  expect(control).toBeGreaterThan(1)
  // Each member is told the work was received.
  for (const who of [YOUTH, VOLUNTEER, third]) expect(messagesOf(who).some((m) => JSON.stringify(m).includes('作品已收到'))).toBe(true)

  // Still editable until the deadline, then not.
  expect(ok(await app.call(YOUTH, 'contest.saveEntry', { ...entryInput(c.id, '英西峰林慢直播（修订版）'), id: entry.id, pictureFileIds: [] })).title).toContain('修订版')
  await passDeadline(c.id)
  expect(await app.call(YOUTH, 'contest.saveEntry', { ...entryInput(c.id, '截止后再改'), id: entry.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('截止') } })
  expect(await app.call(fourth, 'contest.joinTeam', { code: entry.teamCode })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
})

/** The same count-then-add done by read-then-write: several racers get through. */
async function raceControl(key: string): Promise<number> {
  const sleep = `await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))`
  await race(6, (i) =>
    app.probe(`
      const { total } = await db.collection('race_control').where({ key: '${key}' }).count()
      if (total >= 1) return
      ${sleep}
      await db.collection('race_control').add({ data: { key: '${key}', by: ${i} } })
    `),
  )
  return docs('race_control').filter((d) => d.key === key).length
}

test('judges are invited for one contest; each scores by the rubric blind to the others, never their own team, and leaves out an entry they declare a conflict with; two at once count once each', async () => {
  const contestId = await arrangeContest(app, 'judging', { countyCode: '' })
  const mineEntry = await arrangeEntry(app, contestId, 'submitted', { captainId: userIdOf(VOLUNTEER), countyCode: '' })
  const other = await arrangeEntry(app, contestId, 'submitted', { countyCode: '' })
  // The county cannot invite judges to the city's contest.
  expect(await app.call(COUNTY, 'grants.createInvitation', { role: 'judge', scopeId: contestId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  await invitedJudge('o_judge_a', contestId, '郑评委')
  await invitedJudge('o_judge_b', contestId, '王评委')
  await invitedJudge(VOLUNTEER, contestId, '林晓雨')

  // A judge of another contest cannot act on this one.
  const elsewhere = await arrangeContest(app, 'judging', { countyCode: '' })
  await makeJudge(app, 'o_judge_c', elsewhere)
  expect(await app.call('o_judge_c', 'contest.judgeEntries', { contestId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call('o_judge_c', 'contest.score', { entryId: other.id, scores: [5, 5] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  // Out of range for the rubric: refused naming the scores, nothing written.
  const before = app.dump()
  expect(await app.call('o_judge_a', 'contest.score', { entryId: other.id, scores: [11, 5] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scores', message: expect.stringContaining('创意') } })
  expect(await app.call('o_judge_a', 'contest.score', { entryId: other.id, scores: [5] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scores' } })
  expect(app.dump()).toBe(before)

  // Two judges score the same entry at once (and one of them twice): each counted once.
  const scored = await race(4, (i) => app.call(i < 2 ? 'o_judge_a' : 'o_judge_b', 'contest.score', { entryId: other.id, scores: i < 2 ? [8, 9] : [6, 7] }))
  expect(scored.every((r) => r.ok)).toBe(true)
  expect(docs('contest_scores').filter((s) => s.entryId === other.id)).toHaveLength(2)
  const control = await raceControl('score')
  raceLog.push({ name: 'one judge scoring an entry twice at once: scores counted', n: 4, observed: 1, control })
  expect(control).toBeGreaterThan(1)

  // Blind: a judge sees only their own score, never another's nor the average.
  const a = ok(await app.call('o_judge_a', 'contest.judgeEntries', { contestId }))
  const b = ok(await app.call('o_judge_b', 'contest.judgeEntries', { contestId }))
  expect(a.items.find((e) => e.id === other.id)).toMatchObject({ myScores: [8, 9], myTotal: weightedScore([{ name: '', weight: 40, maxScore: 10 }, { name: '', weight: 60, maxScore: 10 }], [8, 9]) })
  expect(b.items.find((e) => e.id === other.id)).toMatchObject({ myScores: [6, 7] })
  expect(JSON.stringify(b)).not.toContain('[8,9]')
  expect(JSON.stringify(a)).not.toContain('[6,7]')
  // Nor does anyone but the league see the judges' figures.
  expect(await app.call('o_judge_a', 'contest.entries', { contestId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

  // A judge who is a member of an entry never sees it to score, and is refused if they try.
  const own = ok(await app.call(VOLUNTEER, 'contest.judgeEntries', { contestId }))
  expect(own.items.map((e) => e.id)).toEqual([other.id])
  expect(await app.call(VOLUNTEER, 'contest.score', { entryId: mineEntry.id, scores: [10, 10] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('参赛成员') } })

  // A conflict declared withdraws the judge's score; scoring again is refused.
  ok(await app.call('o_judge_b', 'contest.declareConflict', { entryId: other.id, reason: '作品成员是我的学生' }))
  expect(await app.call('o_judge_b', 'contest.score', { entryId: other.id, scores: [6, 7] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('回避') } })
  const league = ok(await app.call(CITY, 'contest.entries', { contestId }))
  expect(league.items.find((e) => e.id === other.id)).toMatchObject({ judged: 1, score: weightedScore([{ name: '', weight: 40, maxScore: 10 }, { name: '', weight: 60, maxScore: 10 }], [8, 9]) })
  expect(docs('audit').filter((x) => x.targetId === other.id).map((x) => x.action)).toEqual(expect.arrayContaining(['contest.score', 'contest.conflict']))
})

test('the league publishes ranks by the tie rule: the best advance, the next round opens for them; the last round gets the awards; entrants are told; appeals within the window are answered', async () => {
  const contestId = await arrangeContest(app, 'judging', { countyCode: '441802', rounds: 2, advance: 2, awards: [{ name: '一等奖', count: 1 }] })
  const t0 = Date.now() - 10 * DAY
  const youthEntry = await arrangeEntry(app, contestId, 'submitted', { captainId: userIdOf(YOUTH), submittedAt: new Date(t0 + 2000) })
  const tieEarly = await arrangeEntry(app, contestId, 'submitted', { submittedAt: new Date(t0) })
  const tieLate = await arrangeEntry(app, contestId, 'submitted', { submittedAt: new Date(t0 + 1000) })
  const last = await arrangeEntry(app, contestId, 'submitted', { captainId: userIdOf(VOLUNTEER), submittedAt: new Date(t0) })
  // youth: 80 (first criterion 5 → 50) ; tieEarly and tieLate 80 with first criterion 8 → ahead of youth, the earlier first.
  await arrangeScore(app, contestId, youthEntry.id, 'j1', [5, 10])
  await arrangeScore(app, contestId, tieEarly.id, 'j1', [8, 8])
  await arrangeScore(app, contestId, tieLate.id, 'j1', [8, 8])
  await arrangeScore(app, contestId, last.id, 'j1', [2, 2])
  expect(rankEntries([{ entryId: 'x', score: 80, first: 50, submittedAt: 0 }, { entryId: 'y', score: 80, first: 80, submittedAt: 5 }]).map((r) => r.entryId)).toEqual(['y', 'x'])

  expect(await app.call('o_q_county2', 'contest.advance', { id: contestId, to: 'published' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  ok(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'published' }))
  const page = ok(await app.call(VOLUNTEER, 'contest.results', { contestId }))
  expect(page.items.map((r) => [r.id, r.rank, r.outcome])).toEqual([
    [tieEarly.id, 1, '晋级'],
    [tieLate.id, 2, '晋级'],
    [youthEntry.id, 3, '未晋级'],
    [last.id, 4, '未晋级'],
  ])
  expect(messagesOf(YOUTH).some((m) => JSON.stringify(m).includes('未晋级'))).toBe(true)

  // Appeals: the youth appeals once within the window; the county answers; the youth is told.
  const appealed = ok(await app.call(YOUTH, 'contest.appeal', { entryId: youthEntry.id, reason: '我们的带货数据是最高的，请复核评分。' }))
  expect(await app.call(YOUTH, 'contest.appeal', { entryId: youthEntry.id, reason: '再次申诉，请复核评分。' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(await app.call(COUNTY, 'contest.appeal', { entryId: youthEntry.id, reason: '代为申诉，请复核评分。' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(ok(await app.call(COUNTY, 'contest.appeals', { contestId })).items.map((a) => a.id)).toEqual([appealed.id])
  expect(await app.call('o_q_county2', 'contest.answerAppeal', { id: appealed.id, decision: 'upheld', answer: '成立' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(ok(await app.call(COUNTY, 'contest.answerAppeal', { id: appealed.id, decision: 'upheld', answer: '申诉成立，将复核评分。' })).status).toBe('upheld')
  expect(await app.call(COUNTY, 'contest.answerAppeal', { id: appealed.id, decision: 'dismissed', answer: '驳回' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  expect(messagesOf(YOUTH).some((m) => JSON.stringify(m).includes('申诉成立'))).toBe(true)
  // After the window, no more appeals.
  await set('contests', contestId, { appealUntil: new Date(Date.now() - 1000) })
  expect(await app.call(VOLUNTEER, 'contest.appeal', { entryId: last.id, reason: '请复核我们作品的评分。' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('申诉期') } })

  // The upheld appeal reopened the youth's scoring: the next round waits until the league republishes
  // (no judge scored it again, so it stays where it was).
  expect(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'next' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('重新公布') } })
  ok(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'republish' }))
  // The final round: the advanced entries carry over and the best gets the award.
  ok(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'next' }))
  expect([tieEarly, tieLate].map((e) => doc('contest_entries', e.id))).toEqual([expect.objectContaining({ status: 'submitted', round: 1 }), expect.objectContaining({ status: 'submitted', round: 1 })])
  expect(doc('contest_entries', youthEntry.id).status).toBe('eliminated')
  await passDeadline(contestId, 1)
  ok(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'judging' }))
  await arrangeScore(app, contestId, tieLate.id, 'j1', [9, 9], 1)
  await arrangeScore(app, contestId, tieEarly.id, 'j1', [7, 7], 1)
  ok(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'published' }))
  expect(doc('contest_entries', tieLate.id)).toMatchObject({ status: 'awarded', award: '一等奖' })
  expect(doc('contest_entries', tieEarly.id)).toMatchObject({ status: 'eliminated' })
  expect(ok(await app.call(YOUTH, 'contest.results', { contestId })).items.map((r) => [r.rank, r.award])).toEqual([[1, '一等奖'], [2, '']])
  expect(await app.call(COUNTY, 'contest.advance', { id: contestId, to: 'next' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('最后一轮') } })
  // My entries: the youth's results.
  expect(ok(await app.call(YOUTH, 'contest.mine', {})).items.find((e) => e.id === youthEntry.id)).toMatchObject({ status: 'eliminated', results: [{ rank: 3, outcome: '未晋级', roundName: '第1轮' }] })
})

test('past 100 entries: the league\'s list and the results page through every entry once, with the true total', async () => {
  const contestId = await arrangeContest(app, 'judging', { countyCode: '', rounds: 2, advance: 50 })
  const ids: string[] = []
  for (let i = 0; i < 120; i++) ids.push((await arrangeEntry(app, contestId, 'submitted', { countyCode: '', submittedAt: new Date(Date.now() - DAY + i * 1000) })).id)
  for (const [i, id] of ids.entries()) await arrangeScore(app, contestId, id, 'j1', [i % 11, (i * 7) % 11])
  const seen: string[] = []
  for (let p = 1; p <= 3; p++) {
    const page = ok(await app.call(CITY, 'contest.entries', { contestId, page: p, pageSize: 50 }))
    expect(page.total).toBe(120)
    seen.push(...page.items.map((e) => e.id))
  }
  expect(new Set(seen).size).toBe(120)
  ok(await app.call(CITY, 'contest.advance', { id: contestId, to: 'published' }))
  const ranks: number[] = []
  for (let p = 1; p <= 3; p++) {
    const page = ok(await app.call(VOLUNTEER, 'contest.results', { contestId, page: p, pageSize: 50 }))
    expect(page.total).toBe(120)
    ranks.push(...page.items.map((r) => r.rank))
  }
  expect(ranks).toEqual(Array.from({ length: 120 }, (_x, i) => i + 1))
  expect(docs('contest_entries').filter((e) => e.contestId === contestId && e.status === 'advanced')).toHaveLength(50)
})

test('opening a county contest tells everyone of that county who may enter, once (two registrations or not), in pages; nobody of another county or not approved; the timer finishes and finds nothing more', async () => {
  const now = new Date()
  const person = (i: number, county: string, status: string, kinds: ('volunteer' | 'rural_youth')[]) => ({ i, userId: `u_open_${String(i).padStart(3, '0')}`, county, status, kinds })
  const eligible = Array.from({ length: 130 }, (_, i) => person(i, '441802', 'approved', i % 13 === 0 ? ['volunteer', 'rural_youth'] : [i % 4 === 3 ? 'rural_youth' : 'volunteer']))
  const others = [...Array.from({ length: 15 }, (_, i) => person(200 + i, '441803', 'approved', ['volunteer'])), ...Array.from({ length: 10 }, (_, i) => person(300 + i, '441802', 'pending', ['volunteer']))]
  const everyone = [...eligible, ...others]
  const insert = (collection: string, list: object[]) => app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: list.map((d) => EJSON.stringify(d, { relaxed: false })) })
  await insert('users', everyone.map((p) => ({ _id: p.userId, openid: `o_open_${p.i}`, nickname: '', avatarFileId: '', mobile: '', status: 'active', roles: [], createdAt: now, updatedAt: now })))
  await insert(
    'registrations',
    everyone.flatMap((p) => p.kinds.map((kind) => ({ _id: `${p.userId}:${kind}`, userId: p.userId, kind, status: p.status, name: '测试', countyCode: p.county, countyName: '', townshipCode: `${p.county}006`, townshipName: '', termStart: '', termEnd: '', createdAt: now, updatedAt: now }))),
  )
  const title = '清城区乡村旅游直播邀请赛'
  const c = ok(await app.call(COUNTY, 'contest.save', contestInput({ countyCode: '441802', title })))
  const toldOf = () => docs('messages').filter((m) => m.title === title)
  expect(toldOf()).toHaveLength(0)
  ok(await app.call(COUNTY, 'contest.advance', { id: c.id, to: 'open' }))
  const run = await app.cloud.fireTimer('contest', 'settleResults')
  expect(run.ok && run.result).toMatchObject({ ok: true })
  const again = await app.cloud.fireTimer('contest', 'settleResults')
  expect(again.ok && again.result).toMatchObject({ ok: true, data: { announced: 0 } })
  expect(doc('contests', c.id)).not.toHaveProperty('announceAfter')

  const byUser = new Map<string, number>()
  for (const m of toldOf()) byUser.set(m.userId as string, (byUser.get(m.userId as string) ?? 0) + 1)
  // Everyone of 清城区 with an approved registration (the demo's people too), counted from the store.
  const admitted = new Set(docs('registrations').filter((r) => r.status === 'approved' && r.countyCode === '441802').map((r) => r.userId as string))
  expect(admitted.size).toBeGreaterThan(130)
  expect([...byUser.keys()].sort()).toEqual([...admitted].sort())
  expect([...byUser.values()].every((n) => n === 1)).toBe(true)
  expect(others.some((p) => byUser.has(p.userId))).toBe(false)
  expect(toldOf()[0]).toMatchObject({ page: `packages/contest/detail/index?id=${c.id}` })
})

test('an upheld appeal reopens the entry\'s scoring for that round: judges score it again, republishing works out its result anew and tells the entrant; a dismissed one changes nothing', async () => {
  const contestId = await arrangeContest(app, 'published', { countyCode: '', rounds: 1, awards: [{ name: '一等奖', count: 1 }] })
  const judge = await makeJudge(app, 'o_contest_reopen_judge', contestId)
  const appellant = userIdOf(VOLUNTEER)
  const [first, appealed, other] = [
    await arrangeEntry(app, contestId, 'awarded', { countyCode: '', mode: 'individual' }),
    await arrangeEntry(app, contestId, 'eliminated', { captainId: appellant, countyCode: '', mode: 'individual' }),
    await arrangeEntry(app, contestId, 'eliminated', { captainId: userIdOf(YOUTH), countyCode: '', mode: 'individual' }),
  ]
  await arrangeScore(app, contestId, first.id, judge, [8, 8])
  await arrangeScore(app, contestId, appealed.id, judge, [4, 4])
  await arrangeScore(app, contestId, other.id, judge, [5, 5])
  await set('contest_entries', appealed.id, { lastRank: 3, lastScore: 40, results: [{ round: 0, score: 40, rank: 3, outcome: '未获奖' }] })
  await set('contest_entries', other.id, { lastRank: 2, lastScore: 50, results: [{ round: 0, score: 50, rank: 2, outcome: '未获奖' }] })
  // Closed to judges while the results stand.
  expect(await app.call('o_contest_reopen_judge', 'contest.score', { entryId: appealed.id, scores: [7, 7] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  const mine = ok(await app.call(VOLUNTEER, 'contest.appeal', { entryId: appealed.id, reason: '直播回放的带货数据没有计入评分，请复核。' }))
  const theirs = ok(await app.call(YOUTH, 'contest.appeal', { entryId: other.id, reason: '评分与作品的直播效果不符，请复核。' }))
  // Dismissed: nothing moves, nobody may score it.
  const otherBefore = JSON.stringify(doc('contest_entries', other.id))
  ok(await app.call(CITY, 'contest.answerAppeal', { id: theirs.id, decision: 'dismissed', answer: '经复核，评分无误。' }))
  expect(JSON.stringify(doc('contest_entries', other.id))).toBe(otherBefore)
  expect(await app.call('o_contest_reopen_judge', 'contest.score', { entryId: other.id, scores: [9, 9] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  // Upheld: the entry is under judgement again (its result stands until republished); the judge is told, and scores.
  ok(await app.call(CITY, 'contest.answerAppeal', { id: mine.id, decision: 'upheld', answer: '带货数据已补充，请评委重新评分。' }))
  expect(doc('contest_entries', appealed.id)).toMatchObject({ status: 'submitted', reopenedRound: 0, award: '' })
  expect(messagesOf('o_contest_reopen_judge').some((m) => String(m.title).includes('申诉复核'))).toBe(true)
  expect(messagesOf(VOLUNTEER).some((m) => JSON.stringify(m).includes('本轮重新评分'))).toBe(true)
  expect(ok(await app.call('o_contest_reopen_judge', 'contest.judgeEntries', { contestId })).items.map((e) => e.id)).toEqual([appealed.id])
  ok(await app.call('o_contest_reopen_judge', 'contest.score', { entryId: appealed.id, scores: [7, 7] }))
  // The timer does not settle it behind the league's back.
  await app.cloud.fireTimer('contest', 'settleResults')
  expect(doc('contest_entries', appealed.id)).toMatchObject({ status: 'submitted' })

  // Republished: its result worked out anew among the round's entries (70 is second of 80, 70, 50), the entrant told.
  ok(await app.call(CITY, 'contest.advance', { id: contestId, to: 'republish' }))
  expect(doc('contest_entries', appealed.id)).toMatchObject({ status: 'eliminated', lastRank: 2, lastScore: 70, results: [{ round: 0, score: 70, rank: 2, outcome: '未获奖' }] })
  expect(doc('contest_entries', first.id)).toMatchObject({ status: 'awarded', award: '一等奖' })
  expect(messagesOf(VOLUNTEER).filter((m) => JSON.stringify(m).includes('第 2 名'))).toHaveLength(1)
  // The entry it passed is corrected to third (no two entries share a rank), and told so.
  expect(doc('contest_entries', other.id)).toMatchObject({ status: 'eliminated', lastRank: 3, results: [{ round: 0, score: 50, rank: 3, outcome: '未获奖' }] })
  expect(messagesOf(YOUTH).filter((m) => JSON.stringify(m).includes('结果更正：第 3 名'))).toHaveLength(1)
  expect(await app.call('o_contest_reopen_judge', 'contest.score', { entryId: appealed.id, scores: [9, 9] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  // Again: nothing more moves.
  const settled = JSON.stringify(docs('contest_entries').filter((e) => e.contestId === contestId))
  ok(await app.call(CITY, 'contest.advance', { id: contestId, to: 'republish' }))
  expect(JSON.stringify(docs('contest_entries').filter((e) => e.contestId === contestId))).toBe(settled)
})

test('an entry rescored above the award winner after an upheld appeal takes the award; the former winner is corrected and told, and the award is given once', async () => {
  const contestId = await arrangeContest(app, 'published', { countyCode: '', rounds: 1, awards: [{ name: '一等奖', count: 1 }] })
  const judge = await makeJudge(app, 'o_contest_overtake_judge', contestId)
  const winner = await arrangeEntry(app, contestId, 'awarded', { captainId: userIdOf(YOUTH), countyCode: '', mode: 'individual' })
  const appealed = await arrangeEntry(app, contestId, 'eliminated', { captainId: userIdOf(VOLUNTEER), countyCode: '', mode: 'individual' })
  await arrangeScore(app, contestId, winner.id, judge, [8, 8])
  await arrangeScore(app, contestId, appealed.id, judge, [4, 4])
  await set('contest_entries', winner.id, { lastRank: 1, lastScore: 80, award: '一等奖', results: [{ round: 0, score: 80, rank: 1, outcome: '一等奖' }] })
  await set('contest_entries', appealed.id, { lastRank: 2, lastScore: 40, results: [{ round: 0, score: 40, rank: 2, outcome: '未获奖' }] })
  const appeal = ok(await app.call(VOLUNTEER, 'contest.appeal', { entryId: appealed.id, reason: '直播间的成交数据漏算了，请复核评分。' }))
  ok(await app.call(CITY, 'contest.answerAppeal', { id: appeal.id, decision: 'upheld', answer: '数据已补齐，请评委重新评分。' }))
  ok(await app.call('o_contest_overtake_judge', 'contest.score', { entryId: appealed.id, scores: [9, 9] }))
  ok(await app.call(CITY, 'contest.advance', { id: contestId, to: 'republish' }))

  const round = docs('contest_entries').filter((e) => e.contestId === contestId)
  expect(round.map((e) => e.lastRank).sort()).toEqual([1, 2])
  expect(round.filter((e) => e.award === '一等奖').map((e) => e._id)).toEqual([appealed.id])
  expect(doc('contest_entries', appealed.id)).toMatchObject({ status: 'awarded', award: '一等奖', lastRank: 1, lastScore: 90 })
  expect(doc('contest_entries', winner.id)).toMatchObject({ status: 'eliminated', award: '', lastRank: 2, results: [{ round: 0, score: 80, rank: 2, outcome: '未获奖' }] })
  expect(messagesOf(YOUTH).filter((m) => JSON.stringify(m).includes('结果更正：第 2 名'))).toHaveLength(1)
  // The results page shows one winner.
  const results = ok(await app.call(VOLUNTEER, 'contest.results', { contestId }))
  expect(results.items.filter((e) => e.award === '一等奖').map((e) => e.id)).toEqual([appealed.id])
  expect(results.items.map((e) => e.rank).sort()).toEqual([1, 2])
})
