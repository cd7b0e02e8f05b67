// Commendations (星级志愿者 / 最美志愿者 评选): the states, their names, the standing that orders
// the nominations and the tie rule. Zod-free, so pages and types/machines.ts import it.

export const COMMEND_KINDS = ['star', 'finest'] as const
export type CommendKind = (typeof COMMEND_KINDS)[number]
export const COMMEND_KIND_LABELS: Record<CommendKind, string> = { star: '星级志愿者', finest: '最美志愿者' }

export const ROUND_STATUSES = ['draft', 'nominating', 'reviewing', 'deciding', 'published'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: '草稿',
  nominating: '镇街提名中',
  reviewing: '县级审核中',
  deciding: '市级评定中',
  published: '已公布',
}

/** The step that leaves each state (what the city's button says). */
export const ROUND_NEXT: Partial<Record<RoundStatus, { to: RoundStatus; label: string }>> = {
  draft: { to: 'nominating', label: '开始提名' },
  nominating: { to: 'reviewing', label: '截止提名，转县级审核' },
  reviewing: { to: 'deciding', label: '结束县级审核，转市级评定' },
  deciding: { to: 'published', label: '公布结果' },
}

export const NOMINATION_STATUSES = ['nominated', 'recommended', 'not_recommended', 'awarded', 'not_awarded'] as const
export type NominationStatus = (typeof NOMINATION_STATUSES)[number]
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  nominated: '待县级审核',
  recommended: '县级推荐',
  not_recommended: '县级未推荐',
  awarded: '获评',
  not_awarded: '未获评',
}

export const COMMEND_LIMITS = {
  title: 40,
  criteria: 1000,
  reason: 300,
  decisionReason: 200,
  /** Nominations a township may make in one round. */
  perTownship: { min: 1, max: 50 },
  /** Recommendations a county may pass on to the city. */
  perCounty: { min: 1, max: 200 },
  /** Awards the city gives in one round. */
  awards: { min: 1, max: 1000 },
} as const

/**
 * A 乡村振兴志愿者 for a round of year Y: a volunteer of the graduates' program
 * (广东高校毕业生志愿服务乡村振兴行动) whose service term overlaps year Y. A volunteer whose
 * term ended before the year (期满, serving on as a local volunteer) is not.
 */
export function isRuralVolunteer(term: { termStart: string; termEnd: string }, year: number): boolean {
  return term.termStart <= `${year}-12-31` && term.termEnd >= `${year}-01-01`
}

/**
 * The standing that orders nominations, as one number (the database sorts on it): star level
 * first, then whole hours of approved service, then — at equal star level and hours — a
 * 乡村振兴志愿者 before others (同等条件下优先考虑乡村振兴志愿者). Equal standing after that:
 * the earlier nomination first.
 */
export function standingOf(f: { star: number; approvedMinutes: number; rural: boolean }): number {
  const hours = Math.min(Math.floor(f.approvedMinutes / 60), 999_999)
  return f.star * 10_000_000 + hours * 10 + (f.rural ? 1 : 0)
}

/** The tie rule as the pages say it. */
export const TIE_RULE_TEXT =
  '排序规则：星级高者在前；星级相同，累计服务时长（整小时）多者在前；星级和时长都相同时，乡村振兴志愿者优先（同等条件下优先考虑乡村振兴志愿者）；仍相同的，按提名先后。'
