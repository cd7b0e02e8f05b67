// 培训统计（issue 22 item 5）：期间内本地学员的报名、出勤人次、出勤率、结业与学时，按类别、按县（或镇街），
// 附去年同期；导出为 Excel（各项数字，各类别、各地、各场次的明细，及各课程的学员名单：姓名打码）。
import type { TrainingReport, TrainingReportInput, TrainingReportRow, TrainingReportSession } from '../../types/training-report'
import { maskName } from '../../types/personal'
import { TRAINING_KIND_LABELS, TRAINING_KINDS, type TrainingKind } from '../../types/vocabulary'
import type { CallContext } from '../_shared/context'
import { countyName, townshipOf } from '../_shared/divisions'
import { col, exportWorkbook, workbookName, type Sheet } from '../_shared/excel'
import { attendance, attendanceBySession, completions, learnersByCourse, onlineParts, reportPlace, spansOf, type LearnerRow, type ReportPlace, type ReportSpans } from '../_shared/training-report'

type Input = { scope: TrainingReportInput['scope']; period: { from: string; to: string } }

const emptyRow = (): TrainingReportRow => ({ signups: 0, personTimes: 0, people: 0, minutes: 0, completions: 0, lastYearPersonTimes: 0 })
const placeName = (level: 'county' | 'township', code: string) => (code ? ((level === 'county' ? countyName(code) : townshipOf(code)?.townshipName) ?? code) : '未注明')

/** The report's figures from the three aggregations (read at once). */
export async function trainingReport(place: ReportPlace, s: ReportSpans, now: Date): Promise<TrainingReport> {
  const [rows, done, online] = await Promise.all([attendance(place, s), completions(place, s), onlineParts(place, s)])
  const placeLevel = place.level === 'city' ? 'county' : 'township'
  const keyOf = (r: { county: string; township: string }) => (placeLevel === 'county' ? r.county : r.township)
  const byKind = new Map<TrainingKind, TrainingReportRow>(TRAINING_KINDS.map((k) => [k, emptyRow()]))
  const byPlace = new Map<string, TrainingReportRow>()
  const placeRow = (code: string) => byPlace.get(code) ?? byPlace.set(code, emptyRow()).get(code)!
  const totals = { signups: [0, 0], personTimes: [0, 0], people: [0, 0], minutes: [0, 0], completions: [0, 0], onlineParts: [0, 0], onlineMinutes: [0, 0] }
  for (const r of rows) {
    const i = r.span - 1
    const p = placeRow(keyOf(r))
    totals.people[i] += r.people
    if (i === 0) p.people += r.people
    for (const k of TRAINING_KINDS) {
      const f = r.kinds[k]
      totals.signups[i] += f.signups
      totals.personTimes[i] += f.personTimes
      totals.minutes[i] += f.minutes
      const kind = byKind.get(k)!
      if (i === 1) {
        kind.lastYearPersonTimes += f.personTimes
        p.lastYearPersonTimes += f.personTimes
        continue
      }
      kind.signups += f.signups
      kind.personTimes += f.personTimes
      kind.minutes += f.minutes
      kind.people += f.people
      p.signups += f.signups
      p.personTimes += f.personTimes
      p.minutes += f.minutes
    }
  }
  for (const c of done) {
    totals.completions[c.span - 1] += c.completions
    if (c.span !== 1) continue
    byKind.get(c.kind)!.completions += c.completions
    placeRow(keyOf(c)).completions += c.completions
  }
  for (const o of online) {
    totals.onlineParts[o.span - 1] += o.parts
    totals.onlineMinutes[o.span - 1] += o.minutes
  }
  const fig = (pair: number[]) => ({ current: pair[0], lastYear: pair[1] })
  return {
    scope: { level: place.level, code: place.code, name: place.name },
    period: { from: s.from, to: s.to },
    lastYearPeriod: { from: s.lastFrom, to: s.lastTo },
    computedAt: now.toISOString(),
    totals: {
      signups: fig(totals.signups),
      personTimes: fig(totals.personTimes),
      people: fig(totals.people),
      minutes: fig(totals.minutes),
      completions: fig(totals.completions),
      onlineParts: fig(totals.onlineParts),
      onlineMinutes: fig(totals.onlineMinutes),
    },
    byKind: TRAINING_KINDS.map((kind) => ({ kind, ...byKind.get(kind)! })),
    byPlace: [...byPlace]
      .map(([code, r]) => ({ code, name: placeName(placeLevel, code), ...r }))
      .sort((a, b) => (a.code === '' ? 1 : b.code === '' ? -1 : a.code.localeCompare(b.code))),
    placeLevel,
  }
}

/** Attendances over seats taken, in percent to one decimal ('—' without seats). */
export const rateText = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—')
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100

/**
 * The report as a workbook: the figures beside last year's, then per kind, per place and per
 * session, and last the learners behind them per course (names masked: 林*雨).
 */
export function trainingReportSheets(r: TrainingReport, sessions: TrainingReportSession[], learners: LearnerRow[]): Sheet[] {
  const t = r.totals
  const f = (label: string, unit: string, x: { current: number; lastYear: number }, show: (n: number) => number | string = (n) => n) => ({ label, unit, current: show(x.current), lastYear: show(x.lastYear) })
  const rowCells = (x: TrainingReportRow) => ({
    signups: x.signups,
    personTimes: x.personTimes,
    rate: rateText(x.personTimes, x.signups),
    people: x.people,
    completions: x.completions,
    hours: hours(x.minutes),
    lastYear: x.lastYearPersonTimes,
  })
  const rowColumns = [col('报名（人次）', 'signups'), col('出勤（人次）', 'personTimes'), col('出勤率', 'rate', 10), col('参训（人）', 'people'), col('结业（人次）', 'completions'), col('学时（小时）', 'hours'), col('去年同期出勤（人次）', 'lastYear', 20)]
  return [
    {
      title: '总览',
      columns: [col('项目', 'label', 24), col('单位', 'unit', 8), col(`本期（${r.period.from} 至 ${r.period.to}）`, 'current', 26), col(`去年同期（${r.lastYearPeriod.from} 至 ${r.lastYearPeriod.to}）`, 'lastYear', 26)],
      rows: [
        f('报名', '人次', t.signups),
        f('出勤', '人次', t.personTimes),
        { label: '出勤率', unit: '', current: rateText(t.personTimes.current, t.signups.current), lastYear: rateText(t.personTimes.lastYear, t.signups.lastYear) },
        f('参训', '人', t.people),
        f('结业', '人次', t.completions),
        { label: '结业率（结业 / 参训）', unit: '', current: rateText(t.completions.current, t.people.current), lastYear: rateText(t.completions.lastYear, t.people.lastYear) },
        f('面授学时', '小时', t.minutes, hours),
        f('线上课时完成', '个', t.onlineParts),
        f('线上学时', '小时', t.onlineMinutes, hours),
      ],
    },
    { title: '按类别', columns: [col('培训类别', 'kind', 16), ...rowColumns], rows: r.byKind.map((k) => ({ kind: TRAINING_KIND_LABELS[k.kind], ...rowCells(k) })) },
    { title: r.placeLevel === 'county' ? '按县（市、区）' : '按镇街', columns: [col(r.placeLevel === 'county' ? '县（市、区）' : '镇街', 'name', 18), ...rowColumns], rows: r.byPlace.map((p) => ({ name: p.name, ...rowCells(p) })) },
    {
      title: '各场次',
      columns: [col('日期', 'date', 12), col('课程', 'course', 26), col('类别', 'kind', 12), col('场次', 'title', 20), col('时长（小时）', 'hours'), col('报名（人次）', 'signups'), col('出勤（人次）', 'personTimes'), col('出勤率', 'rate', 10)],
      rows: sessions.map((x) => ({ date: x.date, course: x.courseTitle, kind: TRAINING_KIND_LABELS[x.kind], title: x.title, hours: hours(x.minutes), signups: x.signups, personTimes: x.personTimes, rate: rateText(x.personTimes, x.signups) })),
    },
    {
      title: '各课程学员',
      columns: [col('课程', 'course', 26), col('类别', 'kind', 12), col('学员', 'name', 10), col('县（市、区）', 'county', 14), col('镇街', 'township', 16), col('报名场次', 'seats', 10), col('出勤场次', 'attended', 10), col('学时（小时）', 'hours'), col('结业', 'completed', 8)],
      rows: learners.map((l) => ({
        course: l.courseTitle,
        kind: TRAINING_KIND_LABELS[l.kind],
        name: maskName(l.name),
        county: l.county ? (countyName(l.county) ?? l.county) : '未注明',
        township: l.township ? (townshipOf(l.township)?.townshipName ?? l.township) : '未注明',
        seats: l.seats,
        attended: l.attended,
        hours: hours(l.minutes),
        completed: l.completed ? '是' : '否',
      })),
    },
  ]
}

export const reportHandlers = {
  async report(input: Input, ctx: CallContext): Promise<TrainingReport> {
    const place = await reportPlace(ctx, input.scope)
    return trainingReport(place, spansOf(input.period), ctx.now)
  },

  /** The report on screen (same place and period) as a workbook, with the sessions and the learners behind it. */
  async exportReport(input: Input, ctx: CallContext) {
    const place = await reportPlace(ctx, input.scope)
    const s = spansOf(input.period)
    const [r, sessions, learners] = await Promise.all([trainingReport(place, s, ctx.now), attendanceBySession(place, s), learnersByCourse(place, s)])
    const sheets = trainingReportSheets(r, sessions, learners)
    const file = await exportWorkbook(workbookName('培训统计', r.scope.name, `${r.period.from}至${r.period.to}`), sheets)
    return { ...file, rows: sheets.reduce((n, x) => n + x.rows.length, 0) }
  },
}
