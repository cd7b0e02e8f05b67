// A job fair's rules, as both sides apply them: lengths, bounds, times in order. types/fair.ts
// builds fair.save's schema from these; the fair form checks its would-be request with
// fairSaveIssues, without zod (the fairadmin subpackage has no room for it).
// test/pages/rules.test.ts holds the two to the same answers. (A position's rules are in
// position-rules.ts: each subpackage carries only its own form's.) No zod, no dates library.
import { checkCoordinate, clockProblem, dateProblem, freeTextProblem, integerProblem, isNumber, issueList, momentProblem, textProblem, type IntegerRule, type Issue } from './field-rules'
import type { LatLng } from './geo-rules'

// ---- ids --------------------------------------------------------------------------------------

export const FAIR_ID = /^F[0-9a-f]{12}$/
export const EMPLOYER_ID = /^[A-Za-z0-9_-]{2,40}$/

// ---- a fair ------------------------------------------------------------------------------------

export const FAIR_TITLE = { label: '对接会名称', max: 40, min: 4 } as const
export const FAIR_VENUE = { label: '会场', max: 40, min: 2 } as const
export const FAIR_ADDRESS = { label: '地址', max: 80, min: 2 } as const
export const FAIR_DESCRIPTION = { label: '说明', max: 500 } as const
export const MAX_INVITED = 100

export const CAPACITY_RULE: IntegerRule = { label: '名额', min: 1, max: 10_000, missing: '请填写名额', notInteger: '名额应为整数', tooSmall: '名额至少 1 人', tooBig: '名额最多 10000 人' }
/** Volunteers whose service term has ended, or ends within this many days after the fair. */
export const TERM_DAYS_RULE: IntegerRule = { label: '服务期满范围', min: 0, max: 730, missing: '请填写服务期满范围', notInteger: '天数应为整数', tooSmall: '天数不能为负', tooBig: '最多 730 天' }
export const MAX_POSITIONS_RULE: IntegerRule = { label: '每人可选岗位数', min: 1, max: 5, missing: '请填写可选岗位数', notInteger: '可选岗位数应为整数', tooSmall: '至少可选 1 个岗位', tooBig: '最多可选 5 个岗位' }

/** The fair's times in order, each with its message and the field it is told at. */
export const FAIR_ORDER = [
  { ok: (f: FairTimes) => f.endTime > f.startTime, message: '结束时间应晚于开始时间', path: 'endTime' },
  { ok: (f: FairTimes) => f.signupClosesAt > f.signupOpensAt, message: '报名截止时间应晚于开始时间', path: 'signupClosesAt' },
  { ok: (f: FairTimes) => f.signupClosesAt <= `${f.date} ${f.startTime}`, message: '报名应在对接会开始前截止', path: 'signupClosesAt' },
] as const
interface FairTimes {
  date: string
  startTime: string
  endTime: string
  signupOpensAt: string
  signupClosesAt: string
}

/** A fair's capacity may not drop below the seats already taken (the function checks it against the store). */
export const capacityBelowTaken = (confirmed: number) => `已有 ${confirmed} 人报名成功，名额不能少于此数`

/** What the fair form sends to fair.save: a field not filled in is left out (undefined), numbers may be NaN. */
export interface FairRequest {
  id?: string
  title?: string
  date?: string
  startTime?: string
  endTime?: string
  venue?: string
  address?: string
  location?: LatLng | null
  signupOpensAt?: string
  signupClosesAt?: string
  capacity?: number
  termEndsWithinDays?: number
  allowRuralYouth?: boolean
  maxPositions?: number
  employerIds?: string[]
  description?: string
}

/** The problems fair.save's schema finds in a request, in its words (the first per field), without zod. */
export function fairSaveIssues(r: FairRequest): Issue[] {
  const { issues, at, comparable } = issueList()
  const str = (v: unknown) => typeof v !== 'string'
  if (r.id !== undefined) at('id', FAIR_ID.test(r.id) ? '' : '对接会编号无效')
  at('title', textProblem(FAIR_TITLE.label, FAIR_TITLE.max, FAIR_TITLE.min, r.title), str(r.title))
  at('date', dateProblem('举办日期', r.date), str(r.date))
  at('startTime', clockProblem('开始时间', r.startTime), str(r.startTime))
  at('endTime', clockProblem('结束时间', r.endTime), str(r.endTime))
  at('venue', textProblem(FAIR_VENUE.label, FAIR_VENUE.max, FAIR_VENUE.min, r.venue), str(r.venue))
  at('address', textProblem(FAIR_ADDRESS.label, FAIR_ADDRESS.max, FAIR_ADDRESS.min, r.address), str(r.address))
  if (r.location) checkCoordinate(r.location, ['location'], at)
  at('signupOpensAt', momentProblem('报名开始时间', r.signupOpensAt), str(r.signupOpensAt))
  at('signupClosesAt', momentProblem('报名截止时间', r.signupClosesAt), str(r.signupClosesAt))
  at('capacity', integerProblem(CAPACITY_RULE, r.capacity), !isNumber(r.capacity))
  at('termEndsWithinDays', integerProblem(TERM_DAYS_RULE, r.termEndsWithinDays), !isNumber(r.termEndsWithinDays))
  at('maxPositions', integerProblem(MAX_POSITIONS_RULE, r.maxPositions), !isNumber(r.maxPositions))
  const invited = r.employerIds ?? []
  invited.forEach((id, i) => at(['employerIds', i], EMPLOYER_ID.test(id) ? '' : '用人单位无效'))
  if (invited.length > MAX_INVITED) at('employerIds', `最多邀请 ${MAX_INVITED} 家用人单位`)
  at('description', freeTextProblem(FAIR_DESCRIPTION.label, FAIR_DESCRIPTION.max, r.description ?? ''))
  if (comparable()) for (const o of FAIR_ORDER) if (!o.ok(r as FairTimes)) at(o.path, o.message)
  return issues
}
