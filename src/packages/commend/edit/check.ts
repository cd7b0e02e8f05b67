// The round form's own check (the contract's rules, without zod): each problem at its row.
import { COMMEND_LIMITS } from '@contract/commend-rules'

export interface RoundFields {
  kind: 'star' | 'finest'
  title: string
  year: string
  nominateFrom: string
  nominateTo: string
  perTownship: string
  perCounty: string
  awards: string
  criteria: string
}

export const ROWS = ['kind', 'title', 'year', 'nominateFrom', 'nominateTo', 'perTownship', 'perCounty', 'awards', 'criteria'] as const
export type Row = (typeof ROWS)[number]

function bounded(value: string, label: string, b: { min: number; max: number }): string {
  const n = Number(value)
  if (!value.trim()) return `请填写${label}`
  if (!Number.isInteger(n)) return `${label}应为整数`
  if (n < b.min) return `${label}至少为 ${b.min}`
  if (n > b.max) return `${label}最多为 ${b.max}`
  return ''
}

export function checkRound(f: RoundFields): Partial<Record<Row, string>> {
  const e: Partial<Record<Row, string>> = {}
  if (f.title.trim().length < 4) e.title = '评选名称至少 4 个字'
  else if (f.title.trim().length > COMMEND_LIMITS.title) e.title = `评选名称最多 ${COMMEND_LIMITS.title} 个字`
  const year = Number(f.year)
  if (!Number.isInteger(year) || year < 2020 || year > 2100) e.year = '请填写评选年度（如 2026）'
  if (!f.nominateFrom) e.nominateFrom = '请选择提名开始日期'
  if (!f.nominateTo) e.nominateTo = '请选择提名截止日期'
  else if (f.nominateFrom && f.nominateTo < f.nominateFrom) e.nominateTo = '提名截止日期不能早于开始日期'
  e.perTownship = bounded(f.perTownship, '每个镇街可提名人数', COMMEND_LIMITS.perTownship) || undefined
  e.perCounty = bounded(f.perCounty, '每个县（市、区）可推荐人数', COMMEND_LIMITS.perCounty) || undefined
  e.awards = bounded(f.awards, '全市评选名额', COMMEND_LIMITS.awards) || undefined
  if (f.criteria.trim().length < 10) e.criteria = '评选条件至少 10 个字'
  return e
}

export function inputOf(f: RoundFields) {
  return {
    kind: f.kind,
    title: f.title.trim(),
    year: Number(f.year),
    nominateFrom: f.nominateFrom,
    nominateTo: f.nominateTo,
    perTownship: Number(f.perTownship),
    perCounty: Number(f.perCounty),
    awards: Number(f.awards),
    criteria: f.criteria.trim(),
  }
}
