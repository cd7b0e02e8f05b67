// Contests in words (zod-free: the pages' share of the contract's vocabulary) and the forms' own
// checks, the same as the contract's (contest-rules.ts), so a form never needs zod.
import type { ContestView } from '@contract/contest'
import {
  APPEAL_STATUS_LABELS,
  CONTEST_KIND_LABELS,
  CONTEST_LIMITS,
  CONTEST_STATUS_LABELS,
  CONTEST_TIE_RULE,
  ENTRY_MODE_LABELS,
  ENTRY_STATUS_LABELS,
  WORK_URL,
  type ContestKind,
  type ContestStatus,
  type EntryStatus,
} from '@contract/contest-rules'

export { APPEAL_STATUS_LABELS, CONTEST_KIND_LABELS, CONTEST_LIMITS, CONTEST_STATUS_LABELS, CONTEST_TIE_RULE, ENTRY_MODE_LABELS, ENTRY_STATUS_LABELS }
export const KIND_OPTIONS = (Object.keys(CONTEST_KIND_LABELS) as ContestKind[]).map((value) => ({ value, label: CONTEST_KIND_LABELS[value] }))

export const STATUS_TONE: Record<ContestStatus, 'amber' | 'green' | 'blue' | 'grey'> = { draft: 'grey', open: 'green', judging: 'amber', published: 'blue' }
export const ENTRY_TONE: Record<EntryStatus, 'amber' | 'green' | 'blue' | 'grey' | 'brand'> = { draft: 'grey', submitted: 'blue', advanced: 'green', eliminated: 'grey', awarded: 'brand' }

/** What the host's next step is, in the words of its button (contest.advance). */
export function nextStep(c: Pick<ContestView, 'status' | 'round' | 'rounds'>): { to: 'open' | 'judging' | 'published' | 'next'; label: string; ask: string } | null {
  if (c.status === 'draft') return { to: 'open', label: '开放报名', ask: '开放后规则、轮次和评分细则不能再改，参赛者即可报名提交作品。' }
  if (c.status === 'open') return { to: 'judging', label: '截止提交，开始评审', ask: '本轮作品不能再修改，评委会收到待评审提醒。须在提交截止时间之后。' }
  if (c.status === 'judging') return { to: 'published', label: '公布本轮结果', ask: '按排名规则计算名次并公布，晋级、获奖结果会通知参赛者，开始申诉期。公布后不能撤回。' }
  if (c.round < c.rounds.length - 1) return { to: 'next', label: `开始${c.rounds[c.round + 1].name}`, ask: '晋级的作品进入下一轮，可在新的截止时间前更新作品。' }
  return null
}

/** The round under way, in a line. */
export function roundLine(c: Pick<ContestView, 'status' | 'round' | 'rounds'>): string {
  const r = c.rounds[c.round]
  if (!r) return ''
  if (c.status === 'open') return `${r.name} · ${r.entryDeadline} 截止提交`
  if (c.status === 'judging') return `${r.name} · 评审中，${r.judgingEnds} 前完成`
  if (c.status === 'published') return `${r.name} · 结果已公布`
  return `共 ${c.rounds.length} 轮 · ${r.name} ${r.entryDeadline} 截止提交`
}

export const isWorkUrl = (s: string) => WORK_URL.test(s.trim())

/** The entry form's own check (the function checks the same). */
export function entryProblems(f: { title: string; workUrl: string; description: string; pictures: string[] }): Partial<Record<'title' | 'workUrl' | 'description' | 'pictureFileIds', string>> {
  const L = CONTEST_LIMITS
  return {
    title: f.title.trim().length < 2 ? '作品名称至少 2 个字' : f.title.trim().length > L.entryTitle ? `作品名称最多 ${L.entryTitle} 个字` : undefined,
    workUrl: !f.workUrl.trim() ? '请填写作品链接' : !isWorkUrl(f.workUrl) ? '作品链接应为以 https:// 开头的视频或直播网址' : undefined,
    description: f.description.trim().length < 10 ? '作品介绍至少 10 个字' : undefined,
    pictureFileIds: f.pictures.length > L.pictures ? `作品图片最多 ${L.pictures} 张` : undefined,
  }
}
