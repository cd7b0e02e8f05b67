// The `contest` function: the two contests (两赛: 乡村旅游直播大赛, 电商营销大赛, or another kind).
// The league (the city, or a county for a county contest) drafts a contest — rules, individual or
// team entries, rounds with an entry deadline, a judging window and how many advance, a rubric
// whose weights sum to 100, awards — and opens it. Volunteers and rural youth enter alone or as a
// team (the captain shares a code; members join with it) with a work: an https video or live-stream
// link, up to 6 pictures and a description, editable until the round's deadline. Judges (a role
// granted by invitation with the contest as its scope) score each entry of the round by the
// rubric, blind to the other judges' scores, and declare conflicts of interest; a judge never
// scores an entry they belong to. The league publishes each round's ranks (tie rule in
// contest-rules.ts): the best advance to the next round, the last round's get the awards.
// Entrants may appeal within the contest's window; the league upholds (the scores are reviewed)
// or dismisses.
import { action, CloudFileId, integer, moment, PageInput, pageOf, text } from './common'
import {
  APPEAL_STATUSES,
  CONTEST_KINDS,
  CONTEST_LIMITS as L,
  CONTEST_STATUSES,
  ENTRY_MODES,
  ENTRY_STATUSES,
  TEAM_CODE,
  WORK_URL,
} from './contest-rules'
import { contestReportActions } from './training-report'
import * as z from './zod'

export * from './contest-rules'

const bound = (label: string, b: { min: number; max: number }) =>
  integer({ label, min: b.min, max: b.max, missing: `请填写${label}`, notInteger: `${label}应为整数`, tooSmall: `${label}至少为 ${b.min}`, tooBig: `${label}最多为 ${b.max}` })
const id = (label: string) => z.string({ error: `请选择${label}` }).describe(label).min(1, `请选择${label}`).max(80, `${label}无效`)
const contestId = id('大赛')
const entryId = id('参赛作品')

export const RoundInput = z
  .object({
    name: text('轮次名称', L.roundName, 2),
    entryDeadline: moment('作品提交截止时间'),
    judgingEnds: moment('评审截止时间'),
    advance: bound('晋级名额', L.advance),
  })
  .refine((r) => r.judgingEnds > r.entryDeadline, { message: '评审截止时间应晚于作品提交截止时间', path: ['judgingEnds'] })

export const CriterionInput = z.object({
  name: text('评分项名称', L.criterionName, 2),
  weight: bound('权重', { min: 1, max: 100 }),
  maxScore: bound('满分', L.maxScore),
})

export const AwardInput = z.object({ name: text('奖项名称', L.awardName, 2), count: bound('获奖名额', L.awardCount) })

export const ContestInput = z
  .object({
    /** Absent: a new contest (a draft). */
    id: contestId.optional(),
    kind: z.enum(CONTEST_KINDS, { error: '请选择大赛类别' }).describe('大赛类别'),
    title: text('大赛名称', L.title, 4),
    rules: text('比赛规则', L.rules, 10),
    /** A county contest (6-digit code), or '' for the city's. County admins may only make their county's. */
    countyCode: z.string().describe('主办范围').regex(/^(\d{6})?$/, '请选择主办的县（市、区）').default(''),
    mode: z.enum(ENTRY_MODES, { error: '请选择个人或团队参赛' }).describe('参赛方式'),
    maxTeamSize: bound('团队人数上限', L.teamSize).default(5),
    rounds: z.array(RoundInput, { error: '请设置比赛轮次' }).describe('比赛轮次').min(L.rounds.min, '至少设置 1 轮比赛').max(L.rounds.max, `最多 ${L.rounds.max} 轮比赛`),
    rubric: z
      .array(CriterionInput, { error: '请设置评分细则' })
      .describe('评分细则')
      .min(L.criteria.min, '至少 1 项评分细则')
      .max(L.criteria.max, `评分细则最多 ${L.criteria.max} 项`)
      .refine((c) => c.reduce((s, x) => s + x.weight, 0) === 100, '评分细则的权重合计应为 100'),
    awards: z.array(AwardInput, { error: '请设置奖项' }).describe('奖项').min(L.awards.min, '至少设置 1 个奖项').max(L.awards.max, `最多 ${L.awards.max} 个奖项`),
    appealDays: bound('申诉期（天）', L.appealDays).default(3),
  })
  .refine((c) => c.rounds.every((r, i) => i === 0 || r.entryDeadline > c.rounds[i - 1].judgingEnds), { message: '每一轮的提交截止应晚于上一轮的评审截止', path: ['rounds'] })
  .refine((c) => c.rounds.every((r, i) => i === 0 || r.advance <= c.rounds[i - 1].advance), { message: '后一轮的晋级名额不能多于前一轮', path: ['rounds'] })
export type ContestInput = z.input<typeof ContestInput>

const Round = z.object({ name: z.string(), entryDeadline: z.string(), judgingEnds: z.string(), advance: z.number() })
const Criterion = z.object({ name: z.string(), weight: z.number(), maxScore: z.number() })
const Award = z.object({ name: z.string(), count: z.number() })

export const ContestView = z.object({
  id: z.string(),
  kind: z.enum(CONTEST_KINDS),
  title: z.string(),
  rules: z.string(),
  countyCode: z.string(),
  hostName: z.string(),
  mode: z.enum(ENTRY_MODES),
  maxTeamSize: z.number(),
  rounds: z.array(Round),
  rubric: z.array(Criterion),
  awards: z.array(Award),
  appealDays: z.number(),
  status: z.enum(CONTEST_STATUSES),
  /** The round under way (0-based). */
  round: z.number(),
  /** Entries submitted in the round under way. */
  submitted: z.number(),
  publishedAt: z.string(),
  /** The last day appeals of the published round are taken ('' before results). */
  appealUntil: z.string(),
  tieRule: z.string(),
  updatedAt: z.string(),
})
export type ContestView = z.infer<typeof ContestView>

const Member = z.object({ name: z.string(), captain: z.boolean() })

export const EntryView = z.object({
  id: z.string(),
  contestId: z.string(),
  contestTitle: z.string(),
  mode: z.enum(ENTRY_MODES),
  title: z.string(),
  workUrl: z.string(),
  pictures: z.array(z.object({ fileId: z.string(), url: z.string() })),
  description: z.string(),
  members: z.array(Member),
  /** The team's code to share (the captain only; '' otherwise). */
  teamCode: z.string(),
  status: z.enum(ENTRY_STATUSES),
  round: z.number(),
  submittedAt: z.string(),
  /** Results of the rounds published so far. */
  results: z.array(z.object({ round: z.number(), roundName: z.string(), score: z.number(), rank: z.number(), outcome: z.string() })),
  award: z.string(),
  mine: z.object({ captain: z.boolean(), canEdit: z.boolean(), canSubmit: z.boolean(), canAppeal: z.boolean() }),
})
export type EntryView = z.infer<typeof EntryView>

/** An entry as the league sees it in the round's list: the average of the judges' scores, never one judge's. */
export const EntryRow = z.object({
  id: z.string(),
  title: z.string(),
  captainName: z.string(),
  members: z.number(),
  status: z.enum(ENTRY_STATUSES),
  submittedAt: z.string(),
  judged: z.number(),
  rank: z.number(),
  score: z.number(),
  award: z.string(),
})

/** An entry as a judge sees it: the work and the judge's own score only. */
export const JudgeEntry = z.object({
  id: z.string(),
  title: z.string(),
  workUrl: z.string(),
  pictures: z.array(z.string()),
  description: z.string(),
  members: z.number(),
  myScores: z.array(z.number()).nullable(),
  myTotal: z.number().nullable(),
  conflict: z.boolean(),
})
export type JudgeEntry = z.infer<typeof JudgeEntry>

export const AppealView = z.object({
  id: z.string(),
  contestId: z.string(),
  entryId: z.string(),
  entryTitle: z.string(),
  round: z.number(),
  reason: z.string(),
  status: z.enum(APPEAL_STATUSES),
  answer: z.string(),
  createdAt: z.string(),
  answeredAt: z.string(),
})

const Paged = <T extends z.ZodType>(item: T) => pageOf(item)
const LEAGUE = ['county_admin', 'city_admin'] as const

const workUrl = z
  .string({ error: '请填写作品链接' })
  .describe('作品链接')
  .trim()
  .max(L.url, `作品链接最多 ${L.url} 个字符`)
  .regex(WORK_URL, '作品链接应为以 https:// 开头的视频或直播网址')

export const EntryInput = z.object({
  /** Absent: a new entry (its captain is the caller). */
  id: entryId.optional(),
  contestId,
  title: text('作品名称', L.entryTitle, 2),
  workUrl,
  /** Pictures already adopted (kept) or fresh uploads (checked and moved). */
  pictureFileIds: z
    .array(CloudFileId)
    .describe('作品图片')
    .max(L.pictures, `作品图片最多 ${L.pictures} 张`)
    .refine((ids) => new Set(ids).size === ids.length, '作品图片不能重复')
    .default([]),
  description: text('作品介绍', L.description, 10),
})

const score = z.number({ error: '请填写得分' }).describe('得分').int('得分应为整数').min(0, '得分不能为负').max(L.maxScore.max, `得分最多为 ${L.maxScore.max}`)

export const contest = {
  list: action({
    summary: '大赛列表（参赛者看到已开放的大赛；团委的管理视图含本级草稿）',
    input: PageInput.extend({ manage: z.boolean().describe('管理视图').default(false) }),
    output: Paged(ContestView),
    access: { who: 'signed_in' },
  }),
  get: action({
    summary: '查看一场大赛：规则、轮次、评分细则、奖项，以及本人的参赛作品',
    input: z.object({ id: contestId }),
    output: z.object({ contest: ContestView, myEntry: EntryView.nullable(), manage: z.boolean() }),
    access: { who: 'signed_in' },
  }),
  save: action({
    summary: '新建或修改大赛（草稿）：规则、轮次、评分细则、奖项',
    silent: '草稿只有主办团委看得到；开放报名时参赛者自行查看',
    input: ContestInput,
    output: ContestView,
    access: { who: LEAGUE, objects: 'county' },
    moderate: ['title', 'rules'],
  }),
  advance: action({
    summary: '主办团委推进大赛：开放报名、截止提交转评审、公布本轮结果、开始下一轮；申诉成立重新评分后重新公布本轮结果',
    input: z.object({ id: contestId, to: z.enum(['open', 'judging', 'published', 'next', 'republish'], { error: '请选择下一步' }).describe('下一步') }),
    output: ContestView,
    access: { who: LEAGUE, objects: 'county' },
  }),
  saveEntry: action({
    summary: '报名参赛或修改作品（截止前可改）：作品链接、图片、介绍',
    silent: '本人操作；提交作品时发送收到通知',
    input: EntryInput,
    output: EntryView,
    access: { who: 'signed_in' },
    moderate: ['title', 'description'],
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  submitEntry: action({
    summary: '队长提交作品（提交后截止前仍可修改）',
    input: z.object({ id: entryId }),
    output: EntryView,
    access: { who: 'signed_in' },
  }),
  joinTeam: action({
    summary: '凭队长分享的团队码加入参赛团队',
    silent: '本人操作，结果当场显示；队长在作品页看到成员',
    input: z.object({ code: z.string({ error: '请输入团队码' }).describe('团队码').trim().transform((s) => s.toUpperCase()).pipe(z.string().regex(TEAM_CODE, '团队码应为 6 位字母或数字')) }),
    output: EntryView,
    access: { who: 'signed_in' },
    rateLimit: { max: 20, windowSeconds: 3600 },
  }),
  mine: action({
    summary: '我的参赛作品和成绩',
    input: PageInput,
    output: Paged(EntryView),
    access: { who: 'signed_in' },
  }),
  results: action({
    summary: '已公布轮次的排名和奖项',
    input: PageInput.extend({ contestId, round: z.number().int().min(0).max(L.rounds.max).optional() }),
    output: Paged(z.object({ id: z.string(), title: z.string(), captainName: z.string(), rank: z.number(), score: z.number(), outcome: z.string(), award: z.string() })).extend({ round: z.number(), roundName: z.string() }),
    access: { who: 'signed_in' },
  }),
  appeal: action({
    summary: '参赛者在申诉期内对本轮结果提出申诉',
    input: z.object({ entryId, reason: text('申诉理由', L.appealReason, 10) }),
    output: AppealView,
    access: { who: 'signed_in' },
    moderate: ['reason'],
  }),
  entries: action({
    summary: '主办团委查看本轮参赛作品：评审进度和平均分',
    input: PageInput.extend({ contestId }),
    output: Paged(EntryRow),
    access: { who: LEAGUE, objects: 'county' },
  }),
  appeals: action({
    summary: '主办团委查看大赛的申诉',
    input: PageInput.extend({ contestId, status: z.enum(APPEAL_STATUSES).describe('状态').optional() }),
    output: Paged(AppealView),
    access: { who: LEAGUE, objects: 'county' },
  }),
  answerAppeal: action({
    summary: '主办团委答复申诉：成立（这件作品本轮重新开放评分，重新公布时重算名次）或驳回，写明答复',
    input: z.object({ id: id('申诉'), decision: z.enum(['upheld', 'dismissed'], { error: '请选择成立或驳回' }).describe('答复结果'), answer: text('答复', L.answer, 2) }),
    output: AppealView,
    access: { who: LEAGUE, objects: 'county' },
    moderate: ['answer'],
  }),
  judging: action({
    summary: '评委：我担任评委的大赛',
    input: PageInput,
    output: Paged(ContestView.extend({ scored: z.number(), toScore: z.number() })),
    access: { who: ['judge'], objects: 'own' },
  }),
  judgeEntries: action({
    summary: '评委：本轮待评作品和本人的评分（看不到其他评委的评分）',
    input: PageInput.extend({ contestId }),
    output: Paged(JudgeEntry),
    access: { who: ['judge'], objects: 'own' },
  }),
  score: action({
    summary: '评委按评分细则为一件作品评分（评审期内可修改本人的评分）',
    silent: '评分在结果公布时一并体现；评委之间互不可见',
    input: z.object({ entryId, scores: z.array(score, { error: '请为每项评分' }).describe('各项得分').min(1, '请为每项评分').max(L.criteria.max) }),
    output: JudgeEntry,
    access: { who: ['judge'], objects: 'own' },
  }),
  declareConflict: action({
    summary: '评委声明与一件作品存在利益冲突并回避（不再为其评分）',
    silent: '回避声明记入审计；该作品的平均分不计此评委',
    input: z.object({ entryId, reason: text('回避理由', L.conflictReason, 2) }),
    output: JudgeEntry,
    access: { who: ['judge'], objects: 'own' },
  }),
  /** Reports (issue 22 item 5): types/training-report.ts. */
  ...contestReportActions,
}

