// Formatting shared by the job-fair pages (volunteers, employers, league staff): Shanghai times
// without dayjs (Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed
// offset is exact), money in fen shown as yuan, and what a fair's numbers mean.
// No zod, no Taro: safe for any subpackage.
import type { FairView } from '@contract/fair'
import { addDays, chineseDate, dayText, weekday } from '@/components/ui/format'

/** 12月9日 周三 09:00–12:00 */
export function fairWhen(f: Pick<FairView, 'date' | 'startTime' | 'endTime'>): string {
  return `${dayText(f.date)} ${weekday(f.date)} ${f.startTime}–${f.endTime}`
}

// ---- money -------------------------------------------------------------------------------

/** 500000 → '5,000'; 500050 → '5,000.50' (fen to yuan, exactly). */
export function yuanText(fen: number): string {
  const whole = Math.floor(fen / 100)
  const cents = fen % 100
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return cents === 0 ? grouped : `${grouped}.${String(cents).padStart(2, '0')}`
}

/** 5,000–8,000 元/月, or 面议 when no range was given. */
export function salaryText(minFen: number, maxFen: number): string {
  if (maxFen === 0) return '薪资面议'
  if (minFen === maxFen) return `${yuanText(minFen)} 元/月`
  return `${yuanText(minFen)}–${yuanText(maxFen)} 元/月`
}

/** What a salary field shows while edited: 5000 or 5000.5 → '5000', '5000.50'. */
export function yuanInput(fen: number): string {
  const cents = fen % 100
  return cents === 0 ? String(Math.floor(fen / 100)) : `${Math.floor(fen / 100)}.${String(cents).padStart(2, '0')}`
}

/** Typed yuan as integer fen, exactly (no floating point): '5000.5' → 500050; null if not a sum. */
export function fenOfYuan(text: string): number | null {
  const t = text.trim().replace(/,/g, '')
  const m = /^(\d{1,7})(?:\.(\d{0,2}))?$/.exec(t)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

// ---- a fair's numbers ------------------------------------------------------------------------

export const PHASE_LABELS: Record<FairView['phase'], string> = { upcoming: '报名未开始', open: '报名中', closed: '报名已截止', over: '已结束' }

/** Seats not yet taken. */
export function placesLeft(f: Pick<FairView, 'capacity' | 'confirmed'>): number {
  return Math.max(0, f.capacity - f.confirmed)
}

/** The latest term end a volunteer may have to sign up: the fair's date plus the window. */
export function lastTermEnd(f: Pick<FairView, 'date' | 'termEndsWithinDays'>): string {
  return addDays(f.date, f.termEndsWithinDays)
}

/** Who may sign up, in a sentence. */
export function whoMaySignUp(f: Pick<FairView, 'date' | 'termEndsWithinDays' | 'allowRuralYouth'>): string {
  const volunteers = `服务期在 ${chineseDate(lastTermEnd(f))} 前期满的乡村振兴志愿者`
  return f.allowRuralYouth ? `${volunteers}，以及已注册的农村青年` : volunteers
}

/** Where a fair stands for people, in one word: 未发布 / 已取消 or its sign-up phase. */
export function standingOf(f: Pick<FairView, 'status' | 'phase'>): { label: string; tone: 'green' | 'blue' | 'amber' | 'grey' | 'red' } {
  if (f.status === 'draft') return { label: '未发布', tone: 'grey' }
  if (f.status === 'cancelled') return { label: '已取消', tone: 'red' }
  const tone = f.phase === 'open' ? 'green' : f.phase === 'upcoming' ? 'blue' : f.phase === 'closed' ? 'amber' : 'grey'
  return { label: PHASE_LABELS[f.phase], tone }
}

/** The id a page was opened with (`?id=`), decoded once whatever the platform did. */
export function param(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
