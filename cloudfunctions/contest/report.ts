// 大赛统计（issue 22 item 5）：期间内创建的本级大赛（全市：全部大赛；县：本县的大赛），每场的参赛（个人、
// 团队、参赛人数）、提交、评审、各轮结果、奖项与申诉；导出为 Excel（各大赛、各轮结果与获奖作品：作品名与
// 队长姓名按个人信息规则遮掩）。
import { APPEAL_STATUS_LABELS, APPEAL_STATUSES, CONTEST_STATUS_LABELS, ENTRY_MODE_LABELS, ENTRY_MODES } from '../../types/contest-rules'
import { maskName } from '../../types/personal'
import type { ContestReport, ContestReportItem, TrainingReportInput } from '../../types/training-report'
import { COLLECTIONS, type ContestAppealDoc, type ContestDoc, type ContestEntryDoc } from '../_shared/collections'
import { _, db } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { invalid } from '../_shared/errors'
import { col, exportWorkbook, workbookName, type Sheet } from '../_shared/excel'
import { AGGREGATE_CAP, readAll } from '../_shared/paging'
import { contestEntries, contestsOf, reportPlace, spansOf, type ReportPlace, type ReportSpans } from '../_shared/training-report'

type Input = { scope: TrainingReportInput['scope']; period: { from: string; to: string } }

async function placeOf(input: Input, ctx: CallContext): Promise<ReportPlace> {
  if (input.scope.level === 'township') throw invalid('scope.level', '大赛由团市委或县团委举办，请选择全市或县（市、区）')
  return reportPlace(ctx, input.scope)
}

/** The contests' figures: the contests read, then their entries, round results and appeals, each one aggregation (read at once). */
export async function contestReport(place: ReportPlace, s: ReportSpans, now: Date): Promise<ContestReport> {
  const contests = await contestsOf(place, s)
  const ids = contests.map((c) => c._id)
  const [entries, results, appeals] = await Promise.all([
    contestEntries(ids),
    ids.length === 0
      ? { list: [] }
      : db
          .collection<ContestEntryDoc>(COLLECTIONS.contestEntries)
          .aggregate()
          .match({ contestId: _.in(ids) })
          .unwind('$results')
          .group({ _id: { contestId: '$contestId', round: '$results.round', outcome: '$results.outcome' }, count: { $sum: 1 } })
          .limit(AGGREGATE_CAP)
          .end<{ _id: { contestId: string; round: number; outcome: string }; count: number }>(),
    ids.length === 0
      ? { list: [] }
      : db
          .collection<ContestAppealDoc>(COLLECTIONS.contestAppeals)
          .aggregate()
          .match({ contestId: _.in(ids) })
          .group({ _id: { contestId: '$contestId', status: '$status' }, count: { $sum: 1 } })
          .limit(AGGREGATE_CAP)
          .end<{ _id: { contestId: string; status: ContestAppealDoc['status'] }; count: number }>(),
  ])
  const items: ContestReportItem[] = contests.map((c) => {
    const mine = entries.filter((e) => e.contestId === c._id)
    const sum = (k: 'entries' | 'people' | 'submitted' | 'judged', list = mine) => list.reduce((n, e) => n + e[k], 0)
    const awards = new Map<string, number>()
    for (const e of mine.filter((x) => x.award)) awards.set(e.award, (awards.get(e.award) ?? 0) + e.entries)
    return {
      contestId: c._id,
      title: c.title,
      countyName: c.countyCode ? c.countyName : '全市',
      status: CONTEST_STATUS_LABELS[c.status],
      createdAt: new Date(c.createdAt).toISOString(),
      entries: sum('entries'),
      byMode: ENTRY_MODES.map((mode) => ({ mode, entries: sum('entries', mine.filter((e) => e.mode === mode)) })).filter((m) => m.entries > 0),
      people: sum('people'),
      submitted: sum('submitted'),
      judged: sum('judged'),
      rounds: c.rounds.map((r, round) => ({
        round,
        name: r.name,
        outcomes: results.list
          .filter((x) => x._id.contestId === c._id && x._id.round === round)
          .map((x) => ({ outcome: x._id.outcome, count: x.count }))
          .sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome)),
      })),
      // In the order the contest names its awards, then any other.
      awards: [...awards].map(([name, count]) => ({ name, count })).sort((a, b) => order(c, a.name) - order(c, b.name)),
      appeals: APPEAL_STATUSES.map((status) => ({ status, count: appeals.list.filter((x) => x._id.contestId === c._id && x._id.status === status).reduce((n, x) => n + x.count, 0) })),
    }
  })
  const total = (pick: (i: ContestReportItem) => number) => items.reduce((n, i) => n + pick(i), 0)
  return {
    scope: { level: place.level, code: place.code, name: place.name },
    period: { from: s.from, to: s.to },
    computedAt: now.toISOString(),
    totals: {
      contests: items.length,
      entries: total((i) => i.entries),
      people: total((i) => i.people),
      submitted: total((i) => i.submitted),
      judged: total((i) => i.judged),
      awarded: total((i) => i.awards.reduce((n, a) => n + a.count, 0)),
      appeals: total((i) => i.appeals.reduce((n, a) => n + a.count, 0)),
    },
    items,
  }
}

const order = (c: ContestDoc, award: string) => {
  const i = c.awards.findIndex((a) => a.name === award)
  return i < 0 ? c.awards.length : i
}


/** The report as a workbook: the totals, a row per contest, its rounds' outcomes, and the awarded entries (captains' names masked). */
export function contestReportSheets(r: ContestReport, awarded: { contest: string; title: string; captain: string; award: string; score: number }[]): Sheet[] {
  return [
    {
      title: '总览',
      columns: [col('项目', 'label', 24), col(`本期（${r.period.from} 至 ${r.period.to}）`, 'value', 26)],
      rows: [
        { label: '大赛（场）', value: r.totals.contests },
        { label: '参赛作品（件）', value: r.totals.entries },
        { label: '参赛人数（人）', value: r.totals.people },
        { label: '已提交（件）', value: r.totals.submitted },
        { label: '已评审（件）', value: r.totals.judged },
        { label: '获奖（件）', value: r.totals.awarded },
        { label: '申诉（件）', value: r.totals.appeals },
      ],
    },
    {
      title: '各大赛',
      columns: [
        col('大赛', 'title', 28),
        col('举办', 'county', 12),
        col('状态', 'status', 12),
        ...ENTRY_MODES.map((m) => col(`${ENTRY_MODE_LABELS[m]}（件）`, m, 16)),
        col('参赛人数', 'people'),
        col('已提交', 'submitted'),
        col('已评审', 'judged'),
        col('获奖', 'awards', 30),
        ...APPEAL_STATUSES.map((a) => col(APPEAL_STATUS_LABELS[a], a, 18)),
      ],
      rows: r.items.map((i) => ({
        title: i.title,
        county: i.countyName,
        status: i.status,
        ...Object.fromEntries(ENTRY_MODES.map((m) => [m, i.byMode.find((x) => x.mode === m)?.entries ?? 0])),
        people: i.people,
        submitted: i.submitted,
        judged: i.judged,
        awards: i.awards.map((a) => `${a.name} ${a.count}`).join('、'),
        ...Object.fromEntries(i.appeals.map((a) => [a.status, a.count])),
      })),
    },
    {
      title: '各轮结果',
      columns: [col('大赛', 'title', 28), col('轮次', 'round', 16), col('结果', 'outcome', 16), col('作品（件）', 'count')],
      rows: r.items.flatMap((i) => i.rounds.flatMap((rd) => rd.outcomes.map((o) => ({ title: i.title, round: rd.name, outcome: o.outcome, count: o.count })))),
    },
    {
      title: '获奖作品',
      columns: [col('大赛', 'contest', 28), col('作品', 'title', 28), col('队长', 'captain', 10), col('奖项', 'award', 12), col('得分', 'score', 10)],
      rows: awarded,
    },
  ]
}

export const contestReportHandlers = {
  async report(input: Input, ctx: CallContext): Promise<ContestReport> {
    const place = await placeOf(input, ctx)
    return contestReport(place, spansOf(input.period), ctx.now)
  },

  /** The report on screen as a workbook, with the awarded entries behind it (a contest's awards are a handful). */
  async exportReport(input: Input, ctx: CallContext) {
    const place = await placeOf(input, ctx)
    const r = await contestReport(place, spansOf(input.period), ctx.now)
    const ids = r.items.filter((i) => i.awards.length > 0).map((i) => i.contestId)
    const winners =
      ids.length === 0
        ? []
        : await readAll(
            db
              .collection<ContestEntryDoc>(COLLECTIONS.contestEntries)
              .where({ contestId: _.in(ids), award: _.neq('') })
              .field({ contestId: true, contestTitle: true, title: true, captainName: true, award: true, lastScore: true }),
          )
    const awarded = winners
      .map((e) => ({ contest: e.contestTitle, title: e.title, captain: maskName(e.captainName), award: e.award, score: e.lastScore }))
      .sort((a, b) => a.contest.localeCompare(b.contest) || b.score - a.score)
    const sheets = contestReportSheets(r, awarded)
    const file = await exportWorkbook(workbookName('大赛统计', r.scope.name, `${r.period.from}至${r.period.to}`), sheets)
    return { ...file, rows: sheets.reduce((n, x) => n + x.rows.length, 0) }
  },
}
