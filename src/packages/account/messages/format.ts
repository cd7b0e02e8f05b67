// How the message center words a notice's time and colours its tag (no Taro: unit-tested).
import type { TagTone } from '@/components/ui/Tag'

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const shanghai = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString()

/** When a notice came, as a phone's message list says it: 刚刚, 5 分钟前, 今天 09:30, 昨天 18:02, 3月2日 08:00, 2025-12-30. */
export function whenText(iso: string, now = Date.now()): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const ago = now - t
  if (ago < 60_000) return '刚刚'
  if (ago < 3600_000) return `${Math.floor(ago / 60_000)} 分钟前`
  const at = shanghai(t)
  const day = at.slice(0, 10)
  const clock = at.slice(11, 16)
  if (day === shanghai(now).slice(0, 10)) return `今天 ${clock}`
  if (day === shanghai(now - 86400_000).slice(0, 10)) return `昨天 ${clock}`
  return day.slice(0, 4) === shanghai(now).slice(0, 4) ? `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 ${clock}` : day
}

/** The tone of a notice's tag: good news green, refusals and cancellations red, reminders amber. */
export function tagTone(tag: string): TagTone {
  if (/未通过|驳回|取消|逾期|失效/.test(tag)) return 'red'
  if (/通过|成功|已核销|已放款|已结清|已签到|核准|已调整/.test(tag)) return 'green'
  if (/提醒|项$/.test(tag)) return 'amber'
  return 'brand'
}
