// Contests (两赛: 乡村旅游直播大赛, 电商营销大赛): kinds, states, limits, the score of an entry and
// the tie rule. Zod-free, so pages and types/machines.ts import it.

export const CONTEST_KINDS = ['live', 'ecommerce', 'other'] as const
export type ContestKind = (typeof CONTEST_KINDS)[number]
export const CONTEST_KIND_LABELS: Record<ContestKind, string> = { live: '乡村旅游直播', ecommerce: '电商营销', other: '其他' }

export const ENTRY_MODES = ['individual', 'team'] as const
export type EntryMode = (typeof ENTRY_MODES)[number]
export const ENTRY_MODE_LABELS: Record<EntryMode, string> = { individual: '个人参赛', team: '团队参赛' }

/** A contest: drafted, open for entries (a round at a time), judged, its round's results published. */
export const CONTEST_STATUSES = ['draft', 'open', 'judging', 'published'] as const
export type ContestStatus = (typeof CONTEST_STATUSES)[number]
export const CONTEST_STATUS_LABELS: Record<ContestStatus, string> = { draft: '草稿', open: '报名中', judging: '评审中', published: '已公布结果' }

export const ENTRY_STATUSES = ['draft', 'submitted', 'advanced', 'eliminated', 'awarded'] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { draft: '未提交', submitted: '已提交', advanced: '晋级', eliminated: '未晋级', awarded: '获奖' }

export const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { open: '待答复', upheld: '申诉成立（复核评分）', dismissed: '申诉驳回' }

export const CONTEST_LIMITS = {
  title: 40,
  rules: 2000,
  rounds: { min: 1, max: 5 },
  roundName: 20,
  advance: { min: 1, max: 1000 },
  criteria: { min: 1, max: 10 },
  criterionName: 20,
  maxScore: { min: 1, max: 100 },
  awards: { min: 1, max: 10 },
  awardName: 12,
  awardCount: { min: 1, max: 100 },
  teamSize: { min: 2, max: 10 },
  appealDays: { min: 1, max: 30 },
  entryTitle: 40,
  description: 1000,
  pictures: 6,
  url: 500,
  appealReason: 500,
  answer: 300,
  conflictReason: 200,
} as const

export const CONTEST_PICTURE_MAX_BYTES = 5 * 1024 * 1024

/** The link of a work: a video or live-stream page on https. */
export const WORK_URL = /^https:\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d{1,5})?(\/[^\s]*)?$/

/** A team's invitation code: 6 letters or digits without look-alikes. */
export const TEAM_CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/

export interface Criterion {
  name: string
  weight: number
  maxScore: number
}

/** One judge's score of an entry, out of 100: each criterion's share of its max, weighted (weights sum to 100). */
export function weightedScore(rubric: readonly Criterion[], scores: readonly number[]): number {
  const total = rubric.reduce((sum, c, i) => sum + ((scores[i] ?? 0) / c.maxScore) * c.weight, 0)
  return Math.round(total * 100) / 100
}

/** Why a rubric is not usable, '' when it is (the weights must sum to 100). */
export function rubricProblem(rubric: readonly Criterion[]): string {
  const sum = rubric.reduce((s, c) => s + c.weight, 0)
  return sum === 100 ? '' : `评分细则的权重合计应为 100（现为 ${sum}）`
}

/** Why a judge's scores do not fit the rubric, '' when they do. */
export function scoresProblem(rubric: readonly Criterion[], scores: readonly number[]): string {
  if (scores.length !== rubric.length) return `请为全部 ${rubric.length} 项评分`
  for (const [i, c] of rubric.entries()) {
    const s = scores[i]
    if (!Number.isInteger(s) || s < 0 || s > c.maxScore) return `「${c.name}」的得分应为 0–${c.maxScore} 的整数`
  }
  return ''
}

/** The tie rule as the pages say it (the function orders entries exactly so). */
export const CONTEST_TIE_RULE =
  '排名规则：按各评委加权得分的平均分从高到低；平均分相同，第一项评分细则的平均得分高者在前；仍相同的，作品提交较早者在前。回避的评委不计入该作品的平均分。'

export interface Ranked {
  entryId: string
  score: number
  first: number
  submittedAt: number
}

/** Orders entries by the tie rule (CONTEST_TIE_RULE). */
export function rankEntries<T extends Ranked>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.score - a.score || b.first - a.first || a.submittedAt - b.submittedAt || a.entryId.localeCompare(b.entryId))
}
