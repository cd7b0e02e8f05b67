// The dashboard's one-page summary, written as the league's reports state their figures (服务镇街 N
// 个、在岗志愿者 N 名、累计服务 N 小时、发放贷款 N 笔 N 万元、带动就业 N 人、帮扶 N 户…): the page
// shows and copies it, and it is the first sheet of the workbook the function exports. Pure and
// free of zod and dayjs, so the admin subpackage can hold it and both say the same words.
import type { DashboardOverview } from './dashboard'

/** A volunteer whose term ends within this many days of the reference day is 即将期满. */
export const TERM_ENDING_DAYS = 90

/** A date as the reports write it: 2025年3月1日. */
const dateWords = (ymd: string) => `${Number(ymd.slice(0, 4))}年${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`

/** The period in words: 2025年3月1日至8月31日 (the year once when both days share it). */
export function periodWords(span: { from: string; to: string }): string {
  const to = span.to.slice(0, 4) === span.from.slice(0, 4) ? dateWords(span.to).replace(/^\d+年/, '') : dateWords(span.to)
  return `${dateWords(span.from)}至${to}`
}

/** Minutes as whole hours, or one decimal below ten (reports round hours). */
export const summaryHours = (minutes: number) => (minutes >= 600 ? String(Math.round(minutes / 60)) : String(Math.round(minutes / 6) / 10))

/** Fen as 万元 with two decimals (12 345 678 fen → 12.35). */
export const summaryWan = (fen: number) => (fen / 1_000_000).toFixed(2)

/** Fen as 元 with two decimals. */
export const summaryYuan = (fen: number) => (fen / 100).toFixed(2)

/** How a figure compares with the same period last year, in words (empty when neither has any). */
function versus(current: number, lastYear: number, unit: string, show: (n: number) => string = String): string {
  if (lastYear === 0) return current === 0 ? '' : '（去年同期无）'
  const pct = Math.round(((current - lastYear) / lastYear) * 1000) / 10
  const change = pct === 0 ? '持平' : pct > 0 ? `增长${pct}%` : `下降${Math.abs(pct)}%`
  return `（去年同期${show(lastYear)}${unit}，${change}）`
}

/** Townships with volunteers in post on the reference day (服务镇街). */
export const townshipsServed = (o: DashboardOverview) => o.volunteers.byTownship.filter((t) => t.inPost > 0).length

/**
 * The summary as paragraphs: a title, then volunteers and service, stations, perks (not for a
 * township), loans and the subsidy, job fairs, trainings and contests. Every figure is the overview's own.
 */
export function summaryParagraphs(o: DashboardOverview): string[] {
  const v = o.volunteers
  const h = o.hours
  const l = o.loans
  const f = o.fairs
  const served = o.scope.level === 'township' ? '' : `服务镇街${townshipsServed(o)}个，`
  const out = [
    `${o.scope.name}共青团乡村振兴工作情况（${periodWords(o.period)}）`,
    `一、志愿服务。截至${dateWords(v.asOf)}，${o.scope.name}${served}在岗志愿者${v.inPost.current}名${versus(v.inPost.current, v.inPost.lastYear, '名')}，其中${TERM_ENDING_DAYS}天内期满${v.endingSoon.current}名，已期满${v.finished.current}名。期间累计服务${summaryHours(h.periodMinutes.current)}小时${versus(h.periodMinutes.current, h.periodMinutes.lastYear, '小时', summaryHours)}，本年累计服务${summaryHours(h.yearMinutes.current)}小时，历年累计服务${summaryHours(h.totalMinutes)}小时、参与志愿者${h.volunteers}名；达到一星及以上的志愿者${h.stars.filter((s) => s.star > 0).reduce((n, s) => n + s.volunteers, 0)}名。`,
    `二、驿站阵地。在用志愿服务驿站${o.stations.active}个，期间有签到的驿站${o.stations.used.current}个，签到服务${o.stations.sessions.current}次${versus(o.stations.sessions.current, o.stations.sessions.lastYear, '次')}。`,
  ]
  if (o.perks) out.push(`三、爱心商家。期间志愿者在爱心商家享受优惠${o.perks.redemptions.current}次${versus(o.perks.redemptions.current, o.perks.redemptions.lastYear, '次')}，涉及商家${o.perks.byMerchant.filter((m) => m.count > 0).length}家。`)
  const n = o.perks ? ['四', '五', '六'] : ['三', '四', '五']
  out.push(
    `${n[0]}、创业贴息贷款。期间受理贷款申请${l.applications.current}笔，发放贷款${l.loans.current}笔${summaryWan(l.lentFen.current)}万元${versus(l.lentFen.current, l.lentFen.lastYear, '万元', summaryWan)}，带动就业${l.jobsCreated.current}人，帮扶${l.householdsHelped.current}户；核准贴息${summaryYuan(l.subsidyApprovedFen.current)}元，拨付贴息${summaryYuan(l.subsidyPaidFen.current)}元。`,
    `${n[1]}、岗位对接。期间举办乡村振兴志愿者岗位对接会${f.fairs.current}场，报名${f.signups.current}人次、到场${f.attended.current}人次，达成录用意向${f.offered.current}人，入职${f.hired.current}人，其中在清远本地就业${f.hiredLocal.current}人。`,
  )
  const t = o.training
  const contests = t.contests ? `；举办大赛${t.contests.contests.current}项，参赛作品${t.contests.entries.current}件，获奖${t.contests.awarded.current}件` : ''
  out.push(`${n[2]}、培训与大赛。期间培训报名${t.signups.current}人次、参训${t.personTimes.current}人次${versus(t.personTimes.current, t.personTimes.lastYear, '人次')}，培训${summaryHours(t.minutes.current)}小时${contests}。`)
  return out
}
