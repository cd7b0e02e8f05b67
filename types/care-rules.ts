// Care visits (探访慰问) and posts held (职务): the words and the rules both sides apply. The care
// function's schemas (types/care.ts) are built from these; the visit form checks its would-be
// request with visitIssues, without zod. No zod, no dates: any page can import it.
import { dateProblem, freeTextProblem, issueList, textProblem, type Issue } from './field-rules'

/** What a visit looks at, in the order the form asks. */
export const CARE_ASPECTS = ['housing', 'meals', 'office', 'health', 'work'] as const
export type CareAspect = (typeof CARE_ASPECTS)[number]
export const CARE_ASPECT_LABELS: Record<CareAspect, string> = { housing: '住房', meals: '饮食', office: '办公', health: '身体', work: '工作' }

export const CARE_RATINGS = ['good', 'fair', 'concern'] as const
export type CareRating = (typeof CARE_RATINGS)[number]
export const CARE_RATING_LABELS: Record<CareRating, string> = { good: '好', fair: '一般', concern: '需关注' }

/** Posts a volunteer may hold: the township's deputy secretary, the county's (头雁, one per county at a time), a service team's deputy leader. */
export const POST_KINDS = ['township_deputy', 'county_deputy', 'team_deputy'] as const
export type PostKind = (typeof POST_KINDS)[number]
export const POST_KIND_LABELS: Record<PostKind, string> = { township_deputy: '镇街团委副书记', county_deputy: '县团委副书记（头雁）', team_deputy: '服务队副队长' }

/** A post's title as the certificate and the record show it: the place and the post. */
export function postTitle(kind: PostKind, place: { townshipName: string; countyName: string }): string {
  if (kind === 'county_deputy') return `${place.countyName}团委副书记（头雁）`
  if (kind === 'township_deputy') return `${place.townshipName}团委副书记`
  return `${place.townshipName}志愿服务队副队长`
}

/** Two spans of days overlap (an open end runs on for ever). */
export const spansOverlap = (a: { start: string; end: string | null }, b: { start: string; end: string | null }) =>
  a.start <= (b.end ?? '9999-12-31') && b.start <= (a.end ?? '9999-12-31')

export const VISITOR = { label: '探访人', max: 20, min: 2, most: 10 } as const
export const ASPECT_NOTE = { label: '情况说明', max: 200 } as const
export const NEEDS = { label: '提出的需求', max: 500 } as const
export const FOLLOW_UP = { label: '跟进事项', max: 100, min: 2, most: 10 } as const
export const FOLLOW_UP_OWNER = { label: '责任人', max: 20, min: 2 } as const
export const POST_NOTE = { label: '备注', max: 100 } as const

/** Days without a visit after which a volunteer is on the league's 未探访 list (default of the setting). */
export const DEFAULT_CARE_VISIT_INTERVAL_DAYS = 90

export const FUTURE_VISIT = '探访日期不能晚于今天'
export const DUE_BEFORE_VISIT = '完成期限不能早于探访日期'
export const END_BEFORE_START = '结束日期不能早于开始日期'

/** A visit as the form would send it. */
export interface VisitDraft {
  visitDate: string
  visitors: string[]
  aspects: Record<CareAspect, { rating: CareRating | ''; note: string }>
  needs: string
  followUps: { text: string; owner: string; due: string }[]
}

/** The form's problems with a draft, each at its field (the function checks the same). */
export function visitIssues(d: VisitDraft, today: string): Issue[] {
  const list = issueList()
  const dateIssue = dateProblem('探访日期', d.visitDate)
  if (dateIssue) list.at(['visitDate'], dateIssue)
  else if (d.visitDate > today) list.at(['visitDate'], FUTURE_VISIT)
  const visitors = d.visitors.map((v) => v.trim()).filter(Boolean)
  if (visitors.length === 0) list.at(['visitors'], '请填写探访人')
  else if (visitors.length > VISITOR.most) list.at(['visitors'], `探访人最多 ${VISITOR.most} 位`)
  visitors.forEach((v, i) => {
    const p = textProblem(VISITOR.label, VISITOR.max, VISITOR.min, v)
    if (p) list.at(['visitors', i], p)
  })
  for (const a of CARE_ASPECTS) {
    if (!d.aspects[a].rating) list.at(['aspects', a, 'rating'], `请评价${CARE_ASPECT_LABELS[a]}情况`)
    const p = freeTextProblem(`${CARE_ASPECT_LABELS[a]}${ASPECT_NOTE.label}`, ASPECT_NOTE.max, d.aspects[a].note)
    if (p) list.at(['aspects', a, 'note'], p)
  }
  const needs = freeTextProblem(NEEDS.label, NEEDS.max, d.needs)
  if (needs) list.at(['needs'], needs)
  if (d.followUps.length > FOLLOW_UP.most) list.at(['followUps'], `跟进事项最多 ${FOLLOW_UP.most} 条`)
  d.followUps.forEach((f, i) => {
    const t = textProblem(FOLLOW_UP.label, FOLLOW_UP.max, FOLLOW_UP.min, f.text)
    if (t) list.at(['followUps', i, 'text'], t)
    const o = textProblem(FOLLOW_UP_OWNER.label, FOLLOW_UP_OWNER.max, FOLLOW_UP_OWNER.min, f.owner)
    if (o) list.at(['followUps', i, 'owner'], o)
    const due = dateProblem('完成期限', f.due)
    if (due) list.at(['followUps', i, 'due'], due)
    else if (!dateIssue && f.due < d.visitDate) list.at(['followUps', i, 'due'], DUE_BEFORE_VISIT)
  })
  return list.issues
}
