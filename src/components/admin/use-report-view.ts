// What the league's report pages (工作看板, 培训与大赛统计) hold while one reads them: the period
// chosen (a chip, or 自定 with the dates as picked and the last pair that passed the check, which is
// what is shown meanwhile), and the places drilled into from where the caller starts (the city,
// their first county, or their township), with the places one level down to choose from.
import { useState } from 'react'
import type { InputOf } from '@contract/index'
import type { StaffScope } from '@/components/township/shared'
import { useDivisions } from '@/components/admin/shared'
import { today } from '@/components/ui/format'
import { periodOf, periodProblems, type PeriodKey } from './dashboard-figures'

export type ReportScope = InputOf<'dashboard.overview'>['scope']
export type Span = { from: string; to: string }

export interface ReportPeriod {
  periodKey: PeriodKey | 'custom'
  setPeriodKey: (key: PeriodKey | 'custom') => void
  /** The custom dates as picked (perhaps not yet a valid period). */
  picked: Span
  pick: (next: Span) => void
  /** The period the figures are asked for. */
  period: Span
}

/** The period chips' state: this year to begin with; a custom pair counts once it passes the check. */
export function useReportPeriod(): ReportPeriod {
  const [periodKey, setPeriodKey] = useState<PeriodKey | 'custom'>('year')
  const [picked, setPicked] = useState(() => periodOf('year', today()))
  const [custom, setCustom] = useState(picked)
  const pick = (next: Span) => {
    setPicked(next)
    if (Object.keys(periodProblems(next.from, next.to)).length === 0) setCustom(next)
  }
  const period = periodKey === 'custom' ? custom : periodOf(periodKey, today())
  return { periodKey, setPeriodKey, picked, pick, period }
}

/** Where a caller starts: the city, their (first) county, or their township. */
export function startScope(s: StaffScope): ReportScope {
  if (s.city) return { level: 'city' }
  if (s.counties.length > 0) return { level: 'county', code: s.counties[0].code }
  return { level: 'township', code: s.townships[0].code }
}

/** The name of where a caller starts. */
export const startName = (s: StaffScope) => (s.city ? '全市' : s.counties.length > 0 ? s.counties[0].name : (s.townships[0]?.name ?? ''))

export interface PlaceTrailState {
  /** The places drilled into (the last is shown). */
  trail: { scope: ReportScope; name: string }[]
  /** What is shown: the last place drilled into, else where the caller starts (null before the scope is known). */
  scope: ReportScope | null
  drill: (next: ReportScope, name: string) => void
  /** Back to the crumb at `index` (0: where the caller starts). */
  back: (index: number) => void
  /** One level down from what is shown: the city's counties, or a county's townships. */
  below: { value: string; label: string }[]
  belowLevel: 'county' | 'township'
  choosing: boolean
  setChoosing: (open: boolean) => void
}

/** The places drilled into from where `staff` starts, and the places one level down. */
export function usePlaceTrail(staff: StaffScope | null): PlaceTrailState {
  const [trail, setTrail] = useState<{ scope: ReportScope; name: string }[]>([])
  const scope = trail.length > 0 ? trail[trail.length - 1].scope : staff ? startScope(staff) : null
  const drill = (next: ReportScope, name: string) => setTrail((t) => [...t, { scope: next, name }])
  const back = (index: number) => setTrail((t) => t.slice(0, index))
  const divisions = useDivisions()
  const [choosing, setChoosing] = useState(false)
  const below =
    !scope || !divisions
      ? []
      : scope.level === 'city'
        ? divisions.counties.map((c) => ({ value: c.code, label: c.name }))
        : scope.level === 'county'
          ? (divisions.counties.find((c) => c.code === scope.code)?.townships ?? []).map((t) => ({ value: t.code, label: t.name }))
          : []
  const belowLevel = scope?.level === 'city' ? 'county' : 'township'
  return { trail, scope, drill, back, below, belowLevel, choosing, setChoosing }
}
