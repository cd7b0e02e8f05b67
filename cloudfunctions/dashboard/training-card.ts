// 工作看板的培训与大赛卡片：期间内本地学员的出勤人次、报名人次与学时（附去年同期），以及本级举办、期间内创建的
// 大赛的参赛与获奖作品（镇街不举办大赛：null）。与培训统计、大赛统计同一套聚合（_shared/training-report.ts）。
import type { DashboardLevel, DashboardTrainingCard } from '../../types/dashboard'
import { TRAINING_KINDS } from '../../types/vocabulary'
import { attendance, contestTotals, spansOf, type ReportPlace } from '../_shared/training-report'

/** The card for a place the dashboard has already checked the caller may see. */
export async function trainingCard(place: { level: DashboardLevel; code: string; name: string; countyCode: string; townshipCode: string }, period: { from: string; to: string }): Promise<DashboardTrainingCard> {
  const where: ReportPlace = { level: place.level, code: place.code, name: place.name, countyCode: place.countyCode, townshipCode: place.townshipCode }
  const s = spansOf(period)
  // Two figure groups read at once, one aggregation each: attendance, and the contests with their entries.
  const [rows, contests] = await Promise.all([attendance(where, s), contestTotals(where, s)])
  const sum = (span: 1 | 2, pick: (k: (typeof rows)[number]['kinds'][(typeof TRAINING_KINDS)[number]]) => number) =>
    rows.filter((r) => r.span === span).reduce((n, r) => n + TRAINING_KINDS.reduce((m, k) => m + pick(r.kinds[k]), 0), 0)
  const pair = (pick: Parameters<typeof sum>[1]) => ({ current: sum(1, pick), lastYear: sum(2, pick) })
  const contestPair = (pick: (t: NonNullable<typeof contests>[number]) => number) => ({
    current: (contests ?? []).filter((t) => t.span === 1).reduce((n, t) => n + pick(t), 0),
    lastYear: (contests ?? []).filter((t) => t.span === 2).reduce((n, t) => n + pick(t), 0),
  })
  return {
    personTimes: pair((k) => k.personTimes),
    signups: pair((k) => k.signups),
    minutes: pair((k) => k.minutes),
    contests: contests ? { contests: contestPair((t) => t.contests), entries: contestPair((t) => t.entries), awarded: contestPair((t) => t.awarded) } : null,
  }
}
