// Contests, entries, scores and appeals placed straight into a local cloud in any state, for the
// authorization matrix (scenarios.ts), the transition matrix and the function tests: what the
// steps before would have left.
import crypto from 'node:crypto'
import { EJSON } from 'bson'
import type { AppCloud } from '../support/app'
import { countyName } from '../../cloudfunctions/_shared/divisions'
import type { AppealStatus, ContestStatus, EntryStatus } from '../../types/contest-rules'

const HOUR = 3_600_000
const DAY = 24 * HOUR

async function insert(app: AppCloud, collection: string, ...docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}

export interface ContestShape {
  /** Its id (a random one when not given): the demo judge's contest is 'Cdemo00000000live'. */
  id?: string
  /** The host county, '' for the city. */
  countyCode?: string
  mode?: 'individual' | 'team'
  maxTeamSize?: number
  /** Rounds (each advancing `advance`); the first round's deadline is past when `deadlinePassed`. */
  rounds?: number
  advance?: number
  round?: number
  deadlinePassed?: boolean
  awards?: { name: string; count: number }[]
  appealOpen?: boolean
}

/** A contest in `status`: a 2-criterion rubric (创意 40/10, 效果 60/10), rounds a week apart. */
export async function arrangeContest(app: AppCloud, status: ContestStatus, shape: ContestShape = {}): Promise<string> {
  const id = shape.id ?? `C${crypto.randomBytes(8).toString('hex')}`
  const now = Date.now()
  const n = shape.rounds ?? 1
  const round = shape.round ?? 0
  const passed = shape.deadlinePassed ?? (status === 'judging' || status === 'published')
  const rounds = Array.from({ length: n }, (_x, i) => {
    const offset = (i - round) * 7 * DAY
    const deadline = now + offset + (passed ? -HOUR : 2 * DAY)
    return { name: `第${i + 1}轮`, entryDeadline: new Date(deadline), judgingEnds: new Date(deadline + 3 * DAY), advance: shape.advance ?? 2 }
  })
  await insert(app, 'contests', {
    _id: id,
    kind: 'live',
    title: '矩阵乡村旅游直播大赛',
    rules: '作品须为原创，展示清远乡村旅游资源。',
    countyCode: shape.countyCode ?? '441802',
    countyName: shape.countyCode === '' ? '清远市' : (countyName(shape.countyCode ?? '441802') ?? ''),
    mode: shape.mode ?? 'team',
    maxTeamSize: shape.maxTeamSize ?? 5,
    rounds,
    rubric: [
      { name: '创意', weight: 40, maxScore: 10 },
      { name: '效果', weight: 60, maxScore: 10 },
    ],
    awards: shape.awards ?? [
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 2 },
    ],
    appealDays: 3,
    status,
    round,
    submitted: 0,
    settledRound: status === 'published' ? round : round - 1,
    publishedAt: status === 'published' ? new Date(now) : null,
    appealUntil: status === 'published' && shape.appealOpen !== false ? new Date(now + 3 * DAY) : status === 'published' ? new Date(now - DAY) : null,
    version: 1,
    createdBy: 'league',
    createdAt: new Date(now),
    updatedAt: new Date(now),
  })
  return id
}

/** An entry of `contestId` whose captain (and members) are these user ids, in `status`. */
export async function arrangeEntry(
  app: AppCloud,
  contestId: string,
  status: EntryStatus,
  opts: { captainId?: string; memberIds?: string[]; round?: number; submittedAt?: Date; countyCode?: string; mode?: 'individual' | 'team' } = {},
): Promise<{ id: string; teamCode: string }> {
  const id = `E${crypto.randomBytes(8).toString('hex')}`
  const captainId = opts.captainId ?? `u${crypto.randomBytes(6).toString('hex')}`
  const memberIds = [captainId, ...(opts.memberIds ?? [])]
  const now = new Date()
  const round = opts.round ?? 0
  const code = Array.from(crypto.randomBytes(6), (b) => '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'[b % 32]).join('')
  const settled = status === 'advanced' || status === 'eliminated' || status === 'awarded'
  await insert(app, 'contest_entries', {
    _id: id,
    contestId,
    contestTitle: '矩阵乡村旅游直播大赛',
    countyCode: opts.countyCode ?? '441802',
    mode: opts.mode ?? 'team',
    captainId,
    captainName: '矩阵队长',
    members: memberIds.map((u, i) => ({ userId: u, name: i === 0 ? '矩阵队长' : `矩阵队员${i}`, captain: i === 0, joinedAt: now })),
    memberIds,
    teamCode: code,
    title: '清远山水直播间',
    workUrl: 'https://live.example.com/room/1',
    pictureIds: [],
    description: '带大家走进连州地下河和英西峰林。',
    status,
    round,
    submittedAt: status === 'draft' ? null : (opts.submittedAt ?? now),
    results: settled ? [{ round, score: 80, rank: 1, outcome: status === 'awarded' ? '一等奖' : status === 'advanced' ? '晋级' : '未晋级' }] : [],
    lastRound: settled ? round : -1,
    lastRank: settled ? 1 : 0,
    lastScore: settled ? 80 : 0,
    award: status === 'awarded' ? '一等奖' : '',
    version: 1,
    createdAt: now,
    updatedAt: now,
  })
  await insert(app, 'contest_members', ...memberIds.map((u) => ({ _id: `${contestId}:${u}`, contestId, userId: u, entryId: id, createdAt: now })))
  return { id, teamCode: code }
}

/** A judge's score of an entry (out of 10 on each of the two criteria). */
export async function arrangeScore(app: AppCloud, contestId: string, entryId: string, judgeId: string, scores: [number, number], round = 0): Promise<void> {
  const now = new Date()
  await insert(app, 'contest_scores', {
    _id: `${entryId}:${round}:${judgeId}`,
    contestId,
    entryId,
    round,
    judgeId,
    scores,
    total: Math.round(((scores[0] / 10) * 40 + (scores[1] / 10) * 60) * 100) / 100,
    first: scores[0] * 10,
    conflict: false,
    reason: '',
    createdAt: now,
    updatedAt: now,
  })
}

export async function arrangeAppeal(app: AppCloud, contestId: string, entryId: string, userId: string, status: AppealStatus, countyCode = '441802'): Promise<string> {
  const id = `${entryId}:0`
  await insert(app, 'contest_appeals', { _id: id, contestId, countyCode, entryId, entryTitle: '清远山水直播间', round: 0, userId, reason: '评分与作品的直播效果不符，请复核。', status, answer: status === 'open' ? '' : '已复核', answeredBy: status === 'open' ? '' : 'league', answeredAt: status === 'open' ? null : new Date(), createdAt: new Date() })
  return id
}

/** Gives an account the judge role for a contest (as redeeming the league's invitation does). */
export async function makeJudge(app: AppCloud, openid: string, contestId: string): Promise<string> {
  await app.call(openid, 'account.me', {})
  const users = app.cloud.store.get('users')
  const user = [...users.docs.values()].find((u) => u.openid === openid)!
  await app.cloud.db.handle('database.modifyDocument', {
    collectionName: 'users',
    queryType: 'DOC',
    query: JSON.stringify({ _id: user._id }),
    data: EJSON.stringify({ $push: { roles: { role: 'judge', scopeType: 'contest', scopeId: contestId, scopeName: '矩阵乡村旅游直播大赛' } } }, { relaxed: false }),
    merge: true,
  })
  return user._id as string
}
