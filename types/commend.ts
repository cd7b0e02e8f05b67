// The `commend` function: commendation rounds (星级志愿者 / 最美志愿者 评选). The city league opens
// a round; township staff nominate approved volunteers of their township with a reason (up to the
// round's number per township); the county recommends or not, within its quota; the city decides
// the awards and publishes; the result is on the volunteer's record. Nominations are ordered by
// standing with the tie rule of commend-rules.ts (乡村振兴志愿者 first at equal standing).
import { action, date, freeText, integer, PageInput, pageOf, text } from './common'
import { COMMEND_KINDS, COMMEND_LIMITS, NOMINATION_STATUSES, ROUND_STATUSES } from './commend-rules'
import * as z from './zod'

const id = (label: string) => z.string({ error: `请选择${label}` }).describe(label).min(1, `请选择${label}`).max(80, `${label}无效`)
const bound = (label: string, b: { min: number; max: number }) =>
  integer({ label, min: b.min, max: b.max, missing: `请填写${label}`, notInteger: `${label}应为整数`, tooSmall: `${label}至少为 ${b.min}`, tooBig: `${label}最多为 ${b.max}` })

export const RoundInput = z
  .object({
    /** Absent: a new round (a draft). */
    id: id('评选').optional(),
    kind: z.enum(COMMEND_KINDS, { error: '请选择评选类别：星级志愿者或最美志愿者' }).describe('评选类别'),
    title: text('评选名称', COMMEND_LIMITS.title, 4),
    year: z.number({ error: '请填写评选年度' }).describe('评选年度').int('评选年度应为整数').min(2020, '评选年度不早于 2020 年').max(2100, '评选年度无效'),
    nominateFrom: date('提名开始日期'),
    nominateTo: date('提名截止日期'),
    perTownship: bound('每个镇街可提名人数', COMMEND_LIMITS.perTownship),
    perCounty: bound('每个县（市、区）可推荐人数', COMMEND_LIMITS.perCounty),
    awards: bound('全市评选名额', COMMEND_LIMITS.awards),
    criteria: text('评选条件', COMMEND_LIMITS.criteria, 10),
  })
  .refine((r) => r.nominateTo >= r.nominateFrom, { message: '提名截止日期不能早于开始日期', path: ['nominateTo'] })
export type RoundInput = z.input<typeof RoundInput>

export const RoundView = z.object({
  id: z.string(),
  kind: z.enum(COMMEND_KINDS),
  title: z.string(),
  year: z.number(),
  nominateFrom: z.string(),
  nominateTo: z.string(),
  perTownship: z.number(),
  perCounty: z.number(),
  awards: z.number(),
  criteria: z.string(),
  status: z.enum(ROUND_STATUSES),
  /** Awards decided so far (the city's count against `awards`). */
  awarded: z.number(),
  publishedAt: z.string(),
  updatedAt: z.string(),
})
export type RoundView = z.infer<typeof RoundView>

/** A round as the caller sees it: their place's count against its limit, and what they may do now. */
export const RoundDetail = z.object({
  round: RoundView,
  /** Township staff: their township's nominations; county admin: their county's recommendations. */
  mine: z.object({ placeName: z.string(), used: z.number(), limit: z.number() }).nullable(),
  counts: z.record(z.enum(NOMINATION_STATUSES), z.number()),
  can: z.object({ edit: z.boolean(), advance: z.boolean(), nominate: z.boolean(), review: z.boolean(), decide: z.boolean() }),
  /** Why the next step cannot be taken yet (e.g. recommendations still undecided), '' when it can. */
  advanceBlocked: z.string(),
})

/** A volunteer's figures beside a nomination: as they stood when nominated. */
const Figures = z.object({ approvedMinutes: z.number(), star: z.number(), rural: z.boolean(), termStart: z.string(), termEnd: z.string() })

export const NominationView = Figures.extend({
  id: z.string(),
  roundId: z.string(),
  name: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  reason: z.string(),
  nominatedByName: z.string(),
  nominatedAt: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  reviewReason: z.string(),
  decisionReason: z.string(),
  /** 1 for the first in standing order of the list asked for. */
  rank: z.number(),
})
export type NominationView = z.infer<typeof NominationView>

const Paged = <T extends z.ZodType>(item: T) => pageOf(item)

const STAFF = ['township_staff', 'county_admin', 'city_admin'] as const

export const commend = {
  rounds: action({
    summary: '评选列表（镇街、县级只见已开始的评选）',
    input: PageInput,
    output: Paged(RoundView),
    access: { who: STAFF, objects: 'any' },
  }),
  round: action({
    summary: '查看一次评选：条件、名额、进度和本人可做的事',
    input: z.object({ id: id('评选') }),
    output: RoundDetail,
    access: { who: STAFF, objects: 'any' },
  }),
  saveRound: action({
    summary: '团市委新建或修改评选（草稿）',
    input: RoundInput,
    output: RoundView,
    access: { who: ['city_admin'], objects: 'city' },
    moderate: ['title', 'criteria'],
    silent: '草稿只有团市委看得到；开始提名时再通知各镇街',
  }),
  advance: action({
    summary: '团市委推进评选：开始提名、截止提名、结束县级审核、公布结果',
    input: z.object({ id: id('评选'), status: z.enum(ROUND_STATUSES, { error: '请选择评选的下一阶段' }).describe('下一阶段') }),
    output: RoundView,
    access: { who: ['city_admin'], objects: 'city' },
  }),
  candidates: action({
    summary: '镇街可提名的志愿者（本镇街已审核通过的志愿者，附服务时长和星级）',
    input: PageInput.extend({ roundId: id('评选') }),
    output: Paged(Figures.extend({ registrationId: z.string(), name: z.string(), nominated: z.boolean() })),
    access: { who: ['township_staff'], objects: 'township' },
  }),
  nominate: action({
    summary: '镇街提名本镇街的志愿者，写明推荐理由',
    input: z.object({ roundId: id('评选'), registrationId: id('志愿者'), reason: text('推荐理由', COMMEND_LIMITS.reason, 10) }),
    output: NominationView,
    access: { who: ['township_staff'], objects: 'township' },
    moderate: ['reason'],
  }),
  nominations: action({
    summary: '一次评选的提名，按排序规则排列（镇街见本镇街，县级见本县，市级见全市）',
    input: PageInput.extend({
      roundId: id('评选'),
      status: z.enum(NOMINATION_STATUSES, { error: '状态无效' }).describe('状态').optional(),
      countyCode: z.string().describe('县（市、区）').regex(/^\d{6}$/, '请选择县（市、区）').optional(),
    }),
    output: Paged(NominationView),
    access: { who: STAFF, objects: 'county' },
  }),
  review: action({
    summary: '县级审核本县的提名：推荐或不推荐，写明理由（推荐人数不超过名额）',
    input: z.object({
      id: id('提名'),
      decision: z.enum(['recommend', 'not_recommend'], { error: '请选择推荐或不推荐' }).describe('审核意见'),
      reason: freeText('审核理由', COMMEND_LIMITS.decisionReason),
    }),
    output: NominationView,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  decide: action({
    summary: '团市委评定县级推荐的人选：获评或不获评（获评人数不超过名额）',
    input: z.object({
      id: id('提名'),
      decision: z.enum(['award', 'not_award'], { error: '请选择获评或不获评' }).describe('评定结果'),
      reason: freeText('评定说明', COMMEND_LIMITS.decisionReason),
    }),
    output: NominationView,
    access: { who: ['city_admin'], objects: 'city' },
    silent: '评定结果在公布时一并通知本人和所在镇街',
  }),
  results: action({
    summary: '已公布评选的获评名单',
    input: PageInput.extend({ roundId: id('评选') }),
    output: Paged(NominationView.pick({ id: true, name: true, townshipName: true, countyName: true, star: true, approvedMinutes: true, rural: true, rank: true })).extend({ round: RoundView }),
    access: { who: 'signed_in' },
  }),
  mine: action({
    summary: '本人获得的表彰（已公布的评选）',
    input: z.object({}),
    output: z.object({ items: z.array(z.object({ roundId: z.string(), kind: z.enum(COMMEND_KINDS), title: z.string(), year: z.number(), publishedAt: z.string(), townshipName: z.string() })) }),
    access: { who: 'signed_in' },
  }),
}
