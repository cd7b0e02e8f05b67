// Reports of the trainings and contests (issue 22 item 5): for a place and a period (as the
// dashboard takes them: this month, this year, any span up to a year), the trainings' person-times
// per kind and per county (per township when drilled), sign-ups against attendances, completion,
// training hours, each beside the same period a year earlier; and the contests of the period with
// their entries, judging, results per round and appeals. Both export to Excel.
import { action } from './common'
import { APPEAL_STATUSES, ENTRY_MODES } from './contest-rules'
import { DASHBOARD_LEVELS, DashboardPeriodInput, DashboardScopeInput } from './dashboard'
import { TRAINING_KINDS } from './vocabulary'
import * as z from './zod'

const Figure = z.object({ current: z.number(), lastYear: z.number() })
const Span = z.object({ from: z.string(), to: z.string() })
const ReportPlace = z.object({ level: z.enum(DASHBOARD_LEVELS), code: z.string(), name: z.string() })

export const TrainingReportInput = z.object({ scope: DashboardScopeInput, period: DashboardPeriodInput })
export type TrainingReportInput = z.input<typeof TrainingReportInput>

/** One row of figures: sign-ups (seats taken), person-times attended, people, minutes, courses completed. */
const Row = z.object({
  signups: z.number(),
  personTimes: z.number(),
  /** Different people with a seat at a session of the period. */
  people: z.number(),
  minutes: z.number(),
  completions: z.number(),
  lastYearPersonTimes: z.number(),
})
export type TrainingReportRow = z.infer<typeof Row>

export const TrainingReport = z.object({
  scope: ReportPlace,
  period: Span,
  lastYearPeriod: Span,
  computedAt: z.string(),
  /**
   * The place's learners (by the township of their approved registration) at published sessions
   * held in the period: seats taken (sign-ups confirmed, not cancelled or waiting), attendances
   * (person-times), different people, minutes attended; certificates of courses completed in the
   * period; online parts completed by learners whose progress was last made in the period.
   */
  totals: z.object({
    signups: Figure,
    personTimes: Figure,
    people: Figure,
    minutes: Figure,
    completions: Figure,
    onlineParts: Figure,
    onlineMinutes: Figure,
  }),
  byKind: z.array(Row.extend({ kind: z.enum(TRAINING_KINDS) })),
  /** Counties for the city, townships for a county or a township. */
  byPlace: z.array(Row.extend({ code: z.string(), name: z.string() })),
  placeLevel: z.enum(['county', 'township']),
})
export type TrainingReport = z.infer<typeof TrainingReport>

/** A session held in the period with the place's learners at it (the export's list). */
export interface TrainingReportSession {
  sessionId: string
  courseTitle: string
  kind: (typeof TRAINING_KINDS)[number]
  title: string
  date: string
  minutes: number
  signups: number
  personTimes: number
}

export const ContestReportRound = z.object({
  round: z.number(),
  name: z.string(),
  /** Entries with this round's result published, by outcome (晋级, 一等奖, 未晋级 …). */
  outcomes: z.array(z.object({ outcome: z.string(), count: z.number() })),
})

export const ContestReportItem = z.object({
  contestId: z.string(),
  title: z.string(),
  countyName: z.string(),
  status: z.string(),
  createdAt: z.string(),
  entries: z.number(),
  byMode: z.array(z.object({ mode: z.enum(ENTRY_MODES), entries: z.number() })),
  people: z.number(),
  submitted: z.number(),
  /** Entries judged: a round's result published for them (the judges' scores stay blind until then). */
  judged: z.number(),
  rounds: z.array(ContestReportRound),
  awards: z.array(z.object({ name: z.string(), count: z.number() })),
  appeals: z.array(z.object({ status: z.enum(APPEAL_STATUSES), count: z.number() })),
})
export type ContestReportItem = z.infer<typeof ContestReportItem>

export const ContestReport = z.object({
  scope: ReportPlace,
  period: Span,
  computedAt: z.string(),
  totals: z.object({ contests: z.number(), entries: z.number(), people: z.number(), submitted: z.number(), judged: z.number(), awarded: z.number(), appeals: z.number() }),
  /** Contests created in the period that the place holds (the city's: all; a county's: its own), newest first. */
  items: z.array(ContestReportItem),
})
export type ContestReport = z.infer<typeof ContestReport>

const Exported = z.object({ fileUrl: z.string(), fileName: z.string(), rows: z.number() })
const leagues = ['township_staff', 'county_admin', 'city_admin'] as const

/** Spread into `training` (types/training.ts). */
export const trainingReportActions = {
  report: action({
    summary: '培训统计：期间内各类别、各地的报名、出勤人次、出勤率、结业与学时（附去年同期）',
    input: TrainingReportInput,
    output: TrainingReport,
    access: { who: leagues, objects: 'township' },
  }),
  exportReport: action({
    summary: '导出培训统计（Excel：各项数字，各类别、各地、各场次明细，及各课程学员名单（姓名打码））',
    input: TrainingReportInput,
    output: Exported,
    access: { who: leagues, objects: 'township' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
}

/** Spread into `contest` (types/contest.ts). A township holds no contest: city and county admins. */
export const contestReportActions = {
  report: action({
    summary: '大赛统计：期间内本级大赛的参赛、提交、评审、各轮结果、奖项与申诉',
    input: TrainingReportInput,
    output: ContestReport,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  exportReport: action({
    summary: '导出大赛统计（Excel：各项数字、各大赛、各轮结果与获奖作品）',
    input: TrainingReportInput,
    output: Exported,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
}
