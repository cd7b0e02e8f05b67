// The `grid` function: 志愿网格员. An approved volunteer reports a matter (category, text, photos,
// the place on the map, urgency); the township of the place sees it in its queue, accepts it,
// assigns it to a department or person, and closes it with what was done, or declines it with a
// reason; the reporter follows it on a timeline and is told at each step. A matter still open past
// its urgency's due time is overdue. Statistics by township, category and time to close.
import { action, CloudFileId, freeText, Instant, PageInput, pageOf, text } from './common'
import {
  GRID_ADDRESS,
  GRID_ASSIGNEE,
  GRID_CATEGORIES,
  GRID_DECLINE_REASON,
  GRID_ID,
  GRID_MAX_PHOTOS,
  GRID_NOTE,
  GRID_QUEUE_TABS,
  GRID_RESOLUTION,
  GRID_STATUSES,
  GRID_TEXT,
  GRID_URGENCIES,
} from './grid-rules'
import { isContactPhone } from './position-rules'
import { Coordinate } from './station'
import * as z from './zod'

export * from './grid-rules'

const STAFF = ['township_staff', 'county_admin', 'city_admin'] as const

const reportId = z.string({ error: '缺少上报事项' }).describe('上报事项').regex(GRID_ID, '上报事项编号无效')
const version = z.number({ error: '缺少版本号' }).describe('版本号').int().min(1)
const photos = (label: string) =>
  z.array(CloudFileId).describe(label).max(GRID_MAX_PHOTOS, `${label}最多 ${GRID_MAX_PHOTOS} 张`).refine((ids) => new Set(ids).size === ids.length, `${label}不能重复`).default([])
const townshipCode = z.string({ error: '请选择镇街' }).describe('所在镇街').regex(/^\d{9}$/, '请选择镇街（9 位代码）')

export const GridReportInput = z.object({
  /** The form's id for this submission: sending it again files nothing new. */
  requestId: z.string({ error: '缺少请求编号' }).describe('请求编号').regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效'),
  category: z.enum(GRID_CATEGORIES, { error: '请选择问题类别' }).describe('问题类别'),
  urgency: z.enum(GRID_URGENCIES, { error: '请选择紧急程度' }).describe('紧急程度'),
  text: text(GRID_TEXT.label, GRID_TEXT.max, GRID_TEXT.min),
  place: z
    .object({
      /** GCJ-02, as the map picker gives it. */
      location: Coordinate.describe('位置'),
      address: text(GRID_ADDRESS.label, GRID_ADDRESS.max, GRID_ADDRESS.min),
    })
    .describe('位置'),
  /** The township the place lies in; the reporter's own when left out. */
  townshipCode: townshipCode.optional(),
  photoFileIds: photos('现场照片'),
})
export type GridReportInput = z.input<typeof GridReportInput>

const Entry = z.object({
  at: z.string(),
  status: z.enum(GRID_STATUSES),
  /** Who took the step, as the reporter may read it: 「你」, or the township's name. */
  by: z.string(),
  note: z.string(),
})

const Assignee = z.object({
  kind: z.enum(['department', 'person']),
  name: z.string(),
  /** 138****8000 or 0763-****123: enough to tell, never the number in clear. */
  phoneMasked: z.string(),
})

export const GridReportView = z.object({
  id: z.string(),
  version: z.number(),
  category: z.enum(GRID_CATEGORIES),
  urgency: z.enum(GRID_URGENCIES),
  text: z.string(),
  address: z.string(),
  location: Coordinate,
  townshipCode: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  /** The reporter's name as staff see it (林*雨); '' for the reporter themself. */
  reporter: z.string(),
  mine: z.boolean(),
  status: z.enum(GRID_STATUSES),
  createdAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  closedAt: z.string(),
  /** Minutes from the report to its closing (0 while open). */
  closeMinutes: z.number(),
  /** Closed after its due time. */
  late: z.boolean(),
  assignee: Assignee.nullable(),
  assignNote: z.string(),
  resolution: z.string(),
  declineReason: z.string(),
  /** Picture addresses, valid for a while (the files themselves are private). */
  photos: z.array(z.string()),
  resolutionPhotos: z.array(z.string()),
  history: z.array(Entry),
  /** What the caller may do now (from the machine in types/machines.ts). */
  can: z.object({ accept: z.boolean(), assign: z.boolean(), close: z.boolean(), decline: z.boolean() }),
})
export type GridReportView = z.infer<typeof GridReportView>

/** A row of a list: what a queue or 我的上报 shows. */
export const GridRow = z.object({
  id: z.string(),
  category: z.enum(GRID_CATEGORIES),
  urgency: z.enum(GRID_URGENCIES),
  text: z.string(),
  address: z.string(),
  townshipName: z.string(),
  status: z.enum(GRID_STATUSES),
  createdAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  photos: z.number(),
})
export type GridRow = z.infer<typeof GridRow>

const StatsFigures = z.object({
  reported: z.number(),
  open: z.number(),
  /** Open past the due time now. */
  overdue: z.number(),
  closed: z.number(),
  /** Closed after the due time. */
  closedLate: z.number(),
  declined: z.number(),
  /** Average minutes from report to closing, of those closed (0 when none). */
  avgCloseMinutes: z.number(),
})
export type GridStatsFigures = z.infer<typeof StatsFigures>

export const GridStats = z.object({
  scope: z.object({ level: z.enum(['city', 'county', 'township']), code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  totals: StatsFigures,
  byCategory: z.array(StatsFigures.extend({ category: z.enum(GRID_CATEGORIES) })),
  byTownship: z.array(StatsFigures.extend({ townshipCode: z.string(), townshipName: z.string() })),
  /** How long closing took: within a day, 1–3 days, 3–7 days, longer. */
  closeTimes: z.array(z.object({ label: z.string(), count: z.number() })),
})
export type GridStats = z.infer<typeof GridStats>

const YMD = /^\d{4}-\d{2}-\d{2}$/
const day = (label: string) => z.string({ error: `请选择${label}` }).describe(label).regex(YMD, `${label}应为 YYYY-MM-DD`)

export const grid = {
  report: action({
    summary: '志愿网格员上报问题（类别、描述、照片、位置、紧急程度）',
    silent: '上报人提交后当场看到结果；镇街团委在待办队列和每日待办提醒中看到',
    input: GridReportInput,
    output: GridReportView,
    access: { who: ['volunteer'], objects: 'own' },
    rateLimit: { max: 20, windowSeconds: 86_400 },
    moderate: ['text', 'place.address'],
  }),
  mine: action({
    summary: '我的上报',
    input: PageInput,
    output: pageOf(GridRow),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  get: action({
    summary: '上报事项详情与办理进度',
    input: z.object({ id: reportId }),
    output: GridReportView,
    access: { who: ['volunteer', ...STAFF], objects: 'township' },
  }),
  queue: action({
    summary: '镇街网格事项队列（待办、逾期、办结、不予受理）',
    input: PageInput.extend({
      tab: z.enum(GRID_QUEUE_TABS, { error: '请选择列表' }).describe('列表').default('open'),
      townshipCode: townshipCode.optional(),
    }),
    output: z.object({ items: z.array(GridRow), total: z.number(), overdue: z.number(), asOf: Instant }),
    access: { who: STAFF, objects: 'township' },
  }),
  accept: action({
    summary: '受理上报事项',
    input: z.object({ id: reportId, version }),
    output: GridReportView,
    access: { who: STAFF, objects: 'township' },
  }),
  assign: action({
    summary: '交办上报事项（承办部门或人员）',
    input: z.object({
      id: reportId,
      version,
      assignee: z
        .object({
          kind: z.enum(['department', 'person'], { error: '请选择交办给部门还是个人' }).describe('承办类型'),
          name: text(GRID_ASSIGNEE.label, GRID_ASSIGNEE.max, GRID_ASSIGNEE.min),
          phone: z.string().describe('联系电话').trim().refine((s) => s === '' || isContactPhone(s), '联系电话应为手机号或带区号的座机号').default(''),
        })
        .describe('承办'),
      note: freeText(GRID_NOTE.label, GRID_NOTE.max).default(''),
    }),
    output: GridReportView,
    access: { who: STAFF, objects: 'township' },
    moderate: ['assignee.name', 'note'],
  }),
  close: action({
    summary: '办结上报事项（办理结果、照片）',
    input: z.object({ id: reportId, version, resolution: text(GRID_RESOLUTION.label, GRID_RESOLUTION.max, GRID_RESOLUTION.min), photoFileIds: photos('办结照片') }),
    output: GridReportView,
    access: { who: STAFF, objects: 'township' },
    moderate: ['resolution'],
  }),
  decline: action({
    summary: '不予受理（说明原因）',
    input: z.object({ id: reportId, version, reason: text(GRID_DECLINE_REASON.label, GRID_DECLINE_REASON.max, GRID_DECLINE_REASON.min) }),
    output: GridReportView,
    access: { who: STAFF, objects: 'township' },
    moderate: ['reason'],
  }),
  stats: action({
    summary: '网格事项统计（按镇街、类别、办结用时）',
    input: z
      .object({
        /** The city (admins of the city), a county (its admins) or a township (its staff too). */
        countyCode: z.string().describe('县（市、区）').regex(/^\d{6}$/, '请选择县（市、区）').optional(),
        townshipCode: townshipCode.optional(),
        from: day('开始日期'),
        to: day('结束日期'),
      })
      .refine((p) => p.to >= p.from, { message: '结束日期不能早于开始日期', path: ['to'] }),
    output: GridStats,
    access: { who: STAFF, objects: 'township' },
  }),
}
