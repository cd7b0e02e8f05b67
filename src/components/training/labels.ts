// Trainings in words (zod-free: the pages' share of the contract's vocabulary).
import type { SessionView } from '@contract/training'
import { TRAINING_AUDIENCE_LABELS, TRAINING_KIND_LABELS, type TrainingAudience, type TrainingKind } from '@contract/vocabulary'

export { TRAINING_AUDIENCE_LABELS, TRAINING_KIND_LABELS }
export const KIND_OPTIONS = (Object.keys(TRAINING_KIND_LABELS) as TrainingKind[]).map((value) => ({ value, label: TRAINING_KIND_LABELS[value] }))
export const AUDIENCE_OPTIONS = (Object.keys(TRAINING_AUDIENCE_LABELS) as TrainingAudience[]).map((value) => ({ value, label: TRAINING_AUDIENCE_LABELS[value] }))

/** Where a session's sign-up stands, for its card. */
export function phaseText(s: Pick<SessionView, 'phase' | 'status' | 'capacity' | 'confirmed' | 'waiting'>): string {
  if (s.status === 'cancelled') return '已取消'
  if (s.status === 'draft') return '未发布'
  if (s.phase === 'upcoming') return '报名未开始'
  if (s.phase === 'closed') return '报名已截止'
  if (s.phase === 'over') return '已结束'
  const left = s.capacity - s.confirmed
  return left > 0 ? `报名中 · 余 ${left} 个名额` : `已满 · 候补 ${s.waiting} 人`
}

/** Where I stand at a session, in a sentence. */
export function mineText(s: SessionView): string {
  const m = s.mine
  if (!m) return ''
  if (m.status === 'waiting') return `候补第 ${m.waitingRank} 位：有人取消时按顺序递补，递补成功会通知你`
  if (m.attended) return '已出勤，计入培训学时'
  if (m.checkedInAt) return s.checkOut ? '已签到，结束时请再扫码签退' : '已签到'
  return '已报名：开课当天在现场扫码签到'
}

/** 2026-12-12 09:00–11:30 */
export const sessionWhen = (s: Pick<SessionView, 'date' | 'startTime' | 'endTime'>) => `${s.date} ${s.startTime}–${s.endTime}`
