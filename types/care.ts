// The `care` function: visits to volunteers (探访慰问) and the posts they hold (职务).
// Township staff, county admins and the city league record a visit (who went, how the volunteer
// is — housing, meals, office, health, work — the needs raised and follow-ups with an owner and a
// date); a volunteer's care history is read only by the staff of their township, the admins of
// their county and the city league. The league sees who has not been visited within the set
// period and the follow-ups past their date. County and city admins record posts (镇街团委副书记,
// 县团委副书记 as 头雁 — one per county at a time — and 服务队副队长), which show on the
// volunteer's record and certificate.
import {
  ASPECT_NOTE,
  CARE_ASPECTS,
  CARE_RATINGS,
  DUE_BEFORE_VISIT,
  END_BEFORE_START,
  FOLLOW_UP,
  FOLLOW_UP_OWNER,
  NEEDS,
  POST_KINDS,
  POST_NOTE,
  VISITOR,
  CARE_ASPECT_LABELS,
} from './care-rules'
import { action, date, freeText, PageInput, pageOf, text } from './common'
import * as z from './zod'

const volunteerId = z.string({ error: '请选择志愿者' }).describe('志愿者').regex(/^[A-Za-z0-9_-]{1,64}$/, '志愿者无效')
const recordId = (label: string) => z.string({ error: `请选择${label}` }).describe(label).regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}无效`)
const countyCode = z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效').optional()
const townshipCode = z.string().describe('镇街').regex(/^\d{9}$/, '镇街无效').optional()
/** Where a list looks: a county, a township, or (neither) all the caller reaches. */
const Place = z.object({ countyCode, townshipCode })

const Aspect = (label: string) =>
  z.object({
    rating: z.enum(CARE_RATINGS, { error: `请评价${label}情况` }).describe(`${label}情况`),
    note: freeText(`${label}${ASPECT_NOTE.label}`, ASPECT_NOTE.max).default(''),
  })
const Aspects = z.object(Object.fromEntries(CARE_ASPECTS.map((a) => [a, Aspect(CARE_ASPECT_LABELS[a])])) as Record<(typeof CARE_ASPECTS)[number], ReturnType<typeof Aspect>>).describe('志愿者情况')

const FollowUpInput = z.object({
  text: text(FOLLOW_UP.label, FOLLOW_UP.max, FOLLOW_UP.min),
  owner: text(FOLLOW_UP_OWNER.label, FOLLOW_UP_OWNER.max, FOLLOW_UP_OWNER.min),
  due: date('完成期限'),
})

export const VisitInput = z
  .object({
    volunteerId,
    visitDate: date('探访日期'),
    visitors: z.array(text(VISITOR.label, VISITOR.max, VISITOR.min), { error: '请填写探访人' }).describe('探访人').min(1, '请填写探访人').max(VISITOR.most, `探访人最多 ${VISITOR.most} 位`),
    aspects: Aspects,
    needs: freeText(NEEDS.label, NEEDS.max).default(''),
    followUps: z.array(FollowUpInput).describe('跟进事项').max(FOLLOW_UP.most, `跟进事项最多 ${FOLLOW_UP.most} 条`).default([]),
  })
  .superRefine((v, ctx) => {
    v.followUps.forEach((f, i) => {
      if (f.due < v.visitDate) ctx.addIssue({ code: 'custom', message: DUE_BEFORE_VISIT, path: ['followUps', i, 'due'] })
    })
  })

const FollowUpView = z.object({ id: z.string(), text: z.string(), owner: z.string(), due: z.string(), done: z.boolean(), doneAt: z.string().nullable(), overdue: z.boolean() })
export type FollowUpView = z.infer<typeof FollowUpView>

export const VisitView = z.object({
  id: z.string(),
  volunteerId: z.string(),
  visitDate: z.string(),
  visitors: z.array(z.string()),
  aspects: z.array(z.object({ aspect: z.enum(CARE_ASPECTS), rating: z.enum(CARE_RATINGS), note: z.string() })),
  needs: z.string(),
  followUps: z.array(FollowUpView),
  recordedByName: z.string(),
  recordedAt: z.string(),
})
export type VisitView = z.infer<typeof VisitView>

/** A volunteer as the care lists show them: where they serve, their term, their last visit. */
export const CareVolunteer = z.object({
  volunteerId: z.string(),
  name: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  /** The day of the latest visit, or null: never visited. */
  lastVisitDate: z.string().nullable(),
  visits: z.number(),
  /** Follow-ups not yet done, over all visits. */
  openFollowUps: z.number(),
})
export type CareVolunteer = z.infer<typeof CareVolunteer>

export const PostView = z.object({
  id: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  kind: z.enum(POST_KINDS),
  title: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  startDate: z.string(),
  /** null: held until further notice. */
  endDate: z.string().nullable(),
  /** Held today (begun and not ended). */
  current: z.boolean(),
  note: z.string(),
  recordedByName: z.string(),
})
export type PostView = z.infer<typeof PostView>

const OverdueItem = z.object({
  visitId: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  townshipName: z.string(),
  visitDate: z.string(),
  followUps: z.array(FollowUpView),
})
export type OverdueItem = z.infer<typeof OverdueItem>

const STAFF = ['township_staff', 'county_admin', 'city_admin'] as const
const LEAGUE = ['county_admin', 'city_admin'] as const

export const care = {
  volunteers: action({
    summary: '志愿者关怀：本镇街（县、市）的志愿者与最近一次探访',
    input: PageInput.extend({ ...Place.shape, keyword: z.string().describe('姓名').trim().max(20, '姓名最多 20 个字').optional() }),
    output: z.object({ items: z.array(CareVolunteer), total: z.number(), intervalDays: z.number() }),
    access: { who: STAFF, objects: 'township' },
  }),
  notVisited: action({
    summary: '超过探访周期未探访的在岗志愿者（从未探访的在前）',
    input: PageInput.extend(Place.shape),
    output: z.object({ items: z.array(CareVolunteer), total: z.number(), intervalDays: z.number(), since: z.string() }),
    access: { who: STAFF, objects: 'township' },
  }),
  overdueFollowUps: action({
    summary: '已过完成期限仍未办结的跟进事项',
    input: PageInput.extend(Place.shape),
    output: pageOf(OverdueItem),
    access: { who: STAFF, objects: 'township' },
  }),
  history: action({
    summary: '一位志愿者的探访记录与职务（仅所在镇街、县和团市委可看）',
    input: PageInput.extend({ volunteerId }),
    /** intervalDays: the league's visiting period (settings), against which the last visit is late. */
    output: z.object({ volunteer: CareVolunteer, posts: z.array(PostView), items: z.array(VisitView), total: z.number(), intervalDays: z.number() }),
    access: { who: STAFF, objects: 'township' },
  }),
  record: action({
    summary: '记录一次探访慰问',
    silent: '探访记录供团组织内部跟进，含个人情况，不推送给任何人',
    input: VisitInput,
    output: VisitView,
    access: { who: STAFF, objects: 'township' },
    rateLimit: { max: 200, windowSeconds: 86400 },
  }),
  setFollowUp: action({
    summary: '标记跟进事项已办结（或改回未办结）',
    silent: '跟进事项由团组织内部办理，办结情况记在探访记录上',
    input: z.object({ visitId: recordId('探访记录'), followUpId: recordId('跟进事项'), done: z.boolean({ error: '请选择是否办结' }).describe('是否办结') }),
    output: VisitView,
    access: { who: STAFF, objects: 'township' },
  }),
  posts: action({
    summary: '志愿者担任的职务（本县；团市委：全市）',
    input: PageInput.extend({ countyCode, kind: z.enum(POST_KINDS, { error: '职务无效' }).describe('职务').optional() }),
    output: pageOf(PostView),
    access: { who: LEAGUE, objects: 'county' },
  }),
  addPost: action({
    summary: '记录志愿者担任的职务（县团委副书记即“头雁”，每县同一时间一位）',
    input: z
      .object({
        volunteerId,
        kind: z.enum(POST_KINDS, { error: '请选择职务' }).describe('职务'),
        startDate: date('开始日期'),
        endDate: date('结束日期').nullable().default(null),
        note: freeText(POST_NOTE.label, POST_NOTE.max).default(''),
      })
      .superRefine((p, ctx) => {
        if (p.endDate !== null && p.endDate < p.startDate) ctx.addIssue({ code: 'custom', message: END_BEFORE_START, path: ['endDate'] })
      }),
    output: PostView,
    access: { who: LEAGUE, objects: 'county' },
  }),
  endPost: action({
    summary: '记录职务的结束日期',
    input: z.object({ postId: recordId('职务'), endDate: date('结束日期') }),
    output: PostView,
    access: { who: LEAGUE, objects: 'county' },
  }),
  myPosts: action({
    summary: '我担任的职务',
    input: z.object({}),
    output: z.object({ items: z.array(PostView) }),
    access: { who: ['volunteer'], objects: 'own' },
  }),
}
