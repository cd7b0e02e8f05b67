// 志愿网格员: the rules of a grid report that the function and the pages share, without zod (pages
// import this, the contract builds its schemas from it): categories, urgencies and their due
// times, states, text bounds, and when a matter is overdue.

export const GRID_CATEGORIES = ['environment', 'safety', 'dispute', 'livelihood', 'other'] as const
export type GridCategory = (typeof GRID_CATEGORIES)[number]
export const GRID_CATEGORY_LABELS: Record<GridCategory, string> = {
  environment: '环境卫生',
  safety: '安全隐患',
  dispute: '矛盾纠纷',
  livelihood: '民生诉求',
  other: '其他',
}

export const GRID_URGENCIES = ['normal', 'pressing', 'urgent'] as const
export type GridUrgency = (typeof GRID_URGENCIES)[number]
export const GRID_URGENCY_LABELS: Record<GridUrgency, string> = { normal: '一般', pressing: '较急', urgent: '紧急' }

/** Hours from the report to the matter's due time, per urgency (the settings' gridDueHours). */
export type GridDueHours = Record<GridUrgency, number>
export const DEFAULT_GRID_DUE_HOURS: GridDueHours = { normal: 72, pressing: 24, urgent: 4 }
export const GRID_DUE_HOURS_BOUNDS = { min: 1, max: 720 } as const

/** Where the due hours are out of order (an urgent matter may not be due later than a pressing one), or ''. */
export function dueHoursProblem(h: GridDueHours): string {
  if (h.urgent > h.pressing) return '紧急事项的办理时限不能长于较急事项'
  if (h.pressing > h.normal) return '较急事项的办理时限不能长于一般事项'
  return ''
}

export const GRID_STATUSES = ['submitted', 'accepted', 'assigned', 'closed', 'declined'] as const
export type GridStatus = (typeof GRID_STATUSES)[number]
export const GRID_STATUS_LABELS: Record<GridStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  assigned: '已交办',
  closed: '已办结',
  declined: '不予受理',
}
/** Matters still waiting on the township: these can be overdue. */
export const GRID_OPEN: readonly GridStatus[] = ['submitted', 'accepted', 'assigned']

export const GRID_QUEUE_TABS = ['open', 'overdue', 'closed', 'declined'] as const
export type GridQueueTab = (typeof GRID_QUEUE_TABS)[number]
export const GRID_QUEUE_TAB_LABELS: Record<GridQueueTab, string> = { open: '待办', overdue: '已逾期', closed: '已办结', declined: '不予受理' }

export const GRID_TEXT = { label: '问题描述', min: 5, max: 500 } as const
export const GRID_ADDRESS = { label: '地点', min: 2, max: 80 } as const
export const GRID_RESOLUTION = { label: '办理结果', min: 4, max: 500 } as const
export const GRID_DECLINE_REASON = { label: '不予受理原因', min: 4, max: 200 } as const
export const GRID_ASSIGNEE = { label: '承办部门或人员', min: 2, max: 30 } as const
export const GRID_NOTE = { label: '交办说明', max: 200 } as const
export const GRID_MAX_PHOTOS = 3
export const GRID_PHOTO_MAX_BYTES = 5 * 1024 * 1024

/** A report's id: `g` and 16 hex digits. */
export const GRID_ID = /^g[0-9a-f]{16}$/

/** When a matter reported at `reportedAt` with this urgency is due. */
export function gridDueAt(reportedAt: Date, urgency: GridUrgency, hours: GridDueHours): Date {
  return new Date(reportedAt.getTime() + hours[urgency] * 3600_000)
}

/** Past its due time and still waiting on the township. */
export function isGridOverdue(m: { status: GridStatus; dueAt: Date | string }, now: Date | number = Date.now()): boolean {
  return GRID_OPEN.includes(m.status) && new Date(m.dueAt).getTime() < new Date(now).getTime()
}

/** What the report form checks before sending (the function checks the same through the contract). */
export interface GridReportRequest {
  category: string
  urgency: string
  text: string
  address: string
  location: { lat: number; lng: number } | null
  photos: number
}

export type GridReportRow = 'category' | 'urgency' | 'text' | 'place' | 'photoFileIds'

export function checkGridReport(r: GridReportRequest): Partial<Record<GridReportRow, string>> {
  const e: Partial<Record<GridReportRow, string>> = {}
  if (!(GRID_CATEGORIES as readonly string[]).includes(r.category)) e.category = '请选择问题类别'
  if (!(GRID_URGENCIES as readonly string[]).includes(r.urgency)) e.urgency = '请选择紧急程度'
  const text = r.text.trim()
  if (text.length < GRID_TEXT.min) e.text = text ? `${GRID_TEXT.label}至少 ${GRID_TEXT.min} 个字` : `请填写${GRID_TEXT.label}`
  else if (text.length > GRID_TEXT.max) e.text = `${GRID_TEXT.label}最多 ${GRID_TEXT.max} 个字`
  if (!r.location) e.place = '请在地图上选择问题所在的位置'
  else if (r.address.trim().length < GRID_ADDRESS.min) e.place = '请填写地点（如村名、路口）'
  if (r.photos > GRID_MAX_PHOTOS) e.photoFileIds = `最多 ${GRID_MAX_PHOTOS} 张照片`
  return e
}
