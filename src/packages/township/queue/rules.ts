// What the 签到审核 page decides without asking anyone: its tabs, the flags' tones, what an empty
// tab says, what the batch confirmation and the batch outcome say, and how a selection grows.
// No Taro here: unit-tested in Node.
import type { OutputOf } from '@contract/index'
import { SESSION_STATUS_LABELS, type Flag } from '@contract/vocabulary'
import { monthDay } from '@/components/ui/format'

export type Item = OutputOf<'service.queue'>['items'][number]
export type Status = 'pending' | 'needs_review' | 'approved' | 'rejected'
export type Decision = 'approve' | 'reject'

export const TABS: { value: Status; label: string }[] = [
  { value: 'pending', label: SESSION_STATUS_LABELS.pending },
  { value: 'needs_review', label: SESSION_STATUS_LABELS.needs_review },
  { value: 'approved', label: SESSION_STATUS_LABELS.approved },
  { value: 'rejected', label: SESSION_STATUS_LABELS.rejected },
]
export const isStatus = (v: string | undefined): v is Status => !!v && TABS.some((t) => t.value === v)

/** Tabs whose records wait for a decision (selectable, counted on the tab). */
export const isOpen = (s: Status): s is 'pending' | 'needs_review' => s === 'pending' || s === 'needs_review'

/** The contract's batch limit. */
export const BATCH_MAX = 100
export const PAGE_SIZE = 50
/** The first day the programme's records can start (the date picker's range). */
export const EARLIEST_DAY = '2020-01-01'

export const FLAG_TONE: Record<Flag, 'red' | 'amber' | 'blue' | 'grey'> = {
  outside_fence: 'red',
  overlapping: 'red',
  over_daily_cap: 'red',
  closed_by_timer: 'red',
  edge_of_fence: 'amber',
  coarse_location: 'amber',
  station_coordinates: 'amber',
  long_session: 'amber',
  makeup: 'blue',
  appeal: 'blue',
  adjusted: 'grey',
}

/** Flags that call for a closer look (make-up, appeal and adjusted are facts, not warnings). */
export const isWarning = (f: Flag) => FLAG_TONE[f] === 'red' || FLAG_TONE[f] === 'amber'

const EMPTY: Record<Status, { title: string; description: string }> = {
  pending: { title: '暂无待审核的签到记录', description: '志愿者签退或提交补签后，记录会出现在这里' },
  needs_review: { title: '暂无待核实的记录', description: '志愿者忘记签退、由系统在当天结束时关闭的记录会出现在这里' },
  approved: { title: '还没有通过的记录', description: '' },
  rejected: { title: '还没有未通过的记录', description: '' },
}

export interface Filters {
  status: Status
  flaggedOnly: boolean
  /** Part of a volunteer's name, as searched. */
  name: string
  /** The day served (YYYY-MM-DD). */
  date: string
}

/** What an empty tab says, and which way out it offers ('search': clear the search; 'flagged': show all). */
export function emptyLook({ status, flaggedOnly, name, date }: Filters): { title: string; desc: string; way: 'search' | 'flagged' | null } {
  const label = SESSION_STATUS_LABELS[status]
  if (name || date) {
    const desc = `${name ? `姓名含「${name}」` : ''}${name && date ? '，' : ''}${date ? `${monthDay(date)}开始的服务` : ''}`
    return { title: `没有找到符合条件的${label}记录`, desc, way: 'search' }
  }
  if (flaggedOnly) return { title: `没有有异常的${label}记录`, desc: '关闭「只看有异常」可查看全部记录', way: 'flagged' }
  return { title: EMPTY[status].title, desc: EMPTY[status].description, way: null }
}

/** The batch approval's question: how many, how many of them flagged, and what follows. */
export function approveQuestion(count: number, warned: number): string {
  return `确认通过所选 ${count} 条服务记录？${warned > 0 ? `其中 ${warned} 条有异常提示，请确认已核实。` : ''}通过后时长计入志愿者的服务时长，志愿者会收到通知。`
}

export interface Outcome {
  title: string
  rows: { name: string; message: string }[]
}

/** A batch decision's result: a toast when all went through, else the records left and why. */
export function outcomeOf(decision: Decision, res: OutputOf<'service.decide'>, nameOf: (id: string) => string | undefined): { toast: string } | { outcome: Outcome } {
  const verb = decision === 'approve' ? '通过' : '驳回'
  if (res.skipped.length === 0) return { toast: `已${verb} ${res.decided} 条` }
  return {
    outcome: {
      title: res.decided > 0 ? `已${verb} ${res.decided} 条，${res.skipped.length} 条未处理` : `${res.skipped.length} 条未能${verb}`,
      rows: res.skipped.map((k) => ({ name: nameOf(k.id) ?? '记录', message: k.message })),
    },
  }
}

/** A tap on a record: in or out of the selection; `full` when the batch limit refused it. */
export function toggled(selected: string[], id: string, max = BATCH_MAX): { next: string[]; full: boolean } {
  if (selected.includes(id)) return { next: selected.filter((x) => x !== id), full: false }
  if (selected.length >= max) return { next: selected, full: true }
  return { next: [...selected, id], full: false }
}
