// A job fair position's rules, as both sides apply them: lengths, bounds, a salary range in
// order, a phone to call. types/fair.ts builds fair.savePosition's schema from these; the
// position form checks its would-be request with positionSaveIssues, without zod (the employer
// subpackage has no room for it). test/pages/rules.test.ts holds the two to the same answers.
// No zod, no dates library: any page can import it.
import { EMPLOYER_ID, FAIR_ID } from './fair-rules'
import { integerProblem, isNumber, issueList, textProblem, type IntegerRule, type Issue } from './field-rules'
import { MOBILE_PATTERN } from './personal'

export const POSITION_ID = /^J[0-9a-f]{12}$/
export const POSITION_TITLE = { label: '岗位名称', max: 30, min: 2 } as const
export const POSITION_PLACE = { label: '工作地点', max: 40, min: 2 } as const
export const POSITION_REQUIREMENTS = { label: '岗位要求', max: 500, min: 4 } as const
export const CONTACT_NAME = { label: '联系人', max: 20, min: 2 } as const
export const OPENINGS_RULE: IntegerRule = { label: '招聘人数', min: 1, max: 1000, missing: '请填写招聘人数', notInteger: '人数应为整数', tooSmall: '至少招聘 1 人', tooBig: '最多 1000 人' }
/** A monthly salary bound, in fen (0 for 面议). */
export const monthlyFenRule = (label: string): IntegerRule => ({ label, min: 0, max: 100_000_000, missing: `请填写${label}`, notInteger: `${label}应精确到分`, tooSmall: `${label}不能为负`, tooBig: `${label}过大` })
export const SALARY_MIN_RULE = monthlyFenRule('月薪下限')
export const SALARY_MAX_RULE = monthlyFenRule('月薪上限')
export const SALARY_ORDER_MESSAGE = '月薪上限不能低于下限'
/** The county a job is in: a six-digit code, or '' outside Qingyuan. */
export const COUNTY_OR_OUTSIDE = /^(\d{6})?$/

/** A mobile number or a landline with area code (0763-1234567). */
export const isContactPhone = (s: string) => MOBILE_PATTERN.test(s) || /^0\d{2,3}-?\d{7,8}$/.test(s)
export const CONTACT_PHONE_MISSING = '请填写联系电话'
export const CONTACT_PHONE_INVALID = '联系电话应为手机号或带区号的座机号'

/** What the position form sends to fair.savePosition: a field not filled in is left out (undefined), numbers may be NaN. */
export interface PositionRequest {
  id?: string
  fairId?: string
  employerId?: string
  title?: string
  openings?: number
  place?: string
  countyCode?: string
  requirements?: string
  salaryMinFen?: number
  salaryMaxFen?: number
  contactName?: string
  contactPhone?: string
}

/** The problems fair.savePosition's schema finds in a request, in its words (the first per field), without zod. */
export function positionSaveIssues(r: PositionRequest): Issue[] {
  const { issues, at, comparable } = issueList()
  const str = (v: unknown) => typeof v !== 'string'
  if (r.id !== undefined) at('id', POSITION_ID.test(r.id) ? '' : '岗位编号无效')
  at('fairId', r.fairId === undefined ? '缺少对接会' : FAIR_ID.test(r.fairId) ? '' : '对接会编号无效', str(r.fairId))
  at('employerId', r.employerId === undefined ? '请选择用人单位' : EMPLOYER_ID.test(r.employerId) ? '' : '用人单位无效', str(r.employerId))
  at('title', textProblem(POSITION_TITLE.label, POSITION_TITLE.max, POSITION_TITLE.min, r.title), str(r.title))
  at('openings', integerProblem(OPENINGS_RULE, r.openings), !isNumber(r.openings))
  at('place', textProblem(POSITION_PLACE.label, POSITION_PLACE.max, POSITION_PLACE.min, r.place), str(r.place))
  at('countyCode', COUNTY_OR_OUTSIDE.test(r.countyCode ?? '') ? '' : '县（市、区）无效')
  at('requirements', textProblem(POSITION_REQUIREMENTS.label, POSITION_REQUIREMENTS.max, POSITION_REQUIREMENTS.min, r.requirements), str(r.requirements))
  at('salaryMinFen', integerProblem(SALARY_MIN_RULE, r.salaryMinFen), !isNumber(r.salaryMinFen))
  at('salaryMaxFen', integerProblem(SALARY_MAX_RULE, r.salaryMaxFen), !isNumber(r.salaryMaxFen))
  at('contactName', textProblem(CONTACT_NAME.label, CONTACT_NAME.max, CONTACT_NAME.min, r.contactName), str(r.contactName))
  at('contactPhone', r.contactPhone === undefined ? CONTACT_PHONE_MISSING : isContactPhone(r.contactPhone.trim()) ? '' : CONTACT_PHONE_INVALID, str(r.contactPhone))
  if (comparable() && r.salaryMaxFen! < r.salaryMinFen!) at('salaryMaxFen', SALARY_ORDER_MESSAGE)
  return issues
}
