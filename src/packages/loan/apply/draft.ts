// The loan application's draft as plain data: the form's fields, which step each contract field
// is on, the check that splits what is filled in into what may be saved, what is invalid and what
// is missing, and what differs from the saved application (only that is sent). No React, no Taro.
import type { InputOf } from '@contract/index'
import type { LoanDetail } from '@contract/loan'
import { DOCUMENT_KINDS, type DocumentKind, type ProjectType } from '@contract/vocabulary'
import { BANK_ACCOUNT_PATTERN, maskBankAccount, normalizeBankAccount, PERSON_NAME_PATTERN } from '@contract/personal'
import { OUTSIDE_CITY, placeProblem } from '@contract/loan-rules'
import type { Divisions } from '@/components/admin/shared'
import { fenToInput, parseWhole, parseYuan, yuanShort } from '@/components/loan/format'

export type Draft = InputOf<'loan.saveDraft'>
export type Bank = { id: string; name: string }
export type Counties = Divisions['counties']
export type Errors = Record<string, string>

export interface Fields {
  amount: string
  term: string
  bankId: string
  branch: string
  type: ProjectType | ''
  title: string
  /** A township of the city, OUTSIDE_CITY, or '' (not chosen). */
  townshipCode: string
  /** Where a project outside the city is (province, city, county). */
  outsidePlace: string
  /** The applicant's 户籍所在地: a township of the city, OUTSIDE_CITY, or ''. */
  household: string
  address: string
  description: string
  jobs: number | null
  households: number | null
  /** The subsidy's payee: the number is typed afresh (the saved one is only shown masked). */
  payeeName: string
  payeeBank: string
  payeeAccount: string
  /** The payee saved, as 「name|bank|masked」 ('' when none): what a save compares with. */
  payeeSaved: string
}

export const EMPTY: Fields = { amount: '', term: '', bankId: '', branch: '', type: '', title: '', townshipCode: '', outsidePlace: '', household: '', address: '', description: '', jobs: null, households: null, payeeName: '', payeeBank: '', payeeAccount: '', payeeSaved: '' }

export const payeeKey = (p: { accountName: string; bankName: string; accountMasked: string }) => `${p.accountName}|${p.bankName}|${p.accountMasked}`
export const STEPS = ['金额与银行', '创业项目', '申请材料', '确认提交'] as const
/** The domain's default ceiling, until the first save tells the configured one. */
export const DEFAULT_CEILING_FEN = 50_000_000
const MIN_AMOUNT_FEN = 100_000
export const MAX_PER_KIND = 3
export const TERMS = [12, 24, 36, 60]

export const DOC_HINTS: Record<DocumentKind, string> = {
  id_photo: '身份证人像面和国徽面，各拍一张，四角完整、字迹清楚',
  business_license: '个体工商户或企业营业执照；尚在办理的，可上传受理回执',
  project_plan: '写明项目投入、经营计划、带动就业和还款来源（PDF 或图片）',
}

/** Which step a contract field is on. */
export function stepOf(field: string): number {
  if (['amountFen', 'termMonths', 'bankId', 'branch'].includes(field) || field.startsWith('payee')) return 0
  if (field.startsWith('project.') || field === 'householdTownshipCode') return 1
  if (['documents', 'fileId', 'kind', 'documentId'].includes(field)) return 2
  return -1
}

export function fieldsOf(d: LoanDetail): Fields {
  const p = d.project
  return {
    amount: d.amountFen > 0 ? fenToInput(d.amountFen) : '',
    term: d.termMonths > 0 ? String(d.termMonths) : '',
    bankId: d.bankId,
    branch: d.branch,
    type: p.type ?? '',
    title: p.title,
    townshipCode: p.townshipCode,
    outsidePlace: p.outsidePlace ?? '',
    household: d.householdTownshipCode ?? '',
    address: p.address,
    description: p.description,
    jobs: p.jobsCreated,
    households: p.householdsHelped,
    payeeName: d.payee?.accountName ?? d.applicantName,
    payeeBank: d.payee?.bankName ?? '',
    payeeAccount: '',
    payeeSaved: d.payee ? payeeKey(d.payee) : '',
  }
}

export interface Checked {
  /** Every value that is filled in and valid: what a draft may save. */
  body: Omit<Draft, 'id'>
  /** Filled in but not valid. */
  invalid: Errors
  /** Required and empty (shown once the person tries to move on). */
  missing: Errors
}

const textRule = (value: string, label: string, min: number, max: number): string => {
  const s = value.trim()
  if (s.length < min) return min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字（还差 ${min - s.length} 个）`
  if (s.length > max) return `${label}不能超过 ${max} 个字`
  return ''
}

export function check(f: Fields, ceilingFen: number): Checked {
  const body: Omit<Draft, 'id'> = {}
  const project: NonNullable<Draft['project']> = {}
  const invalid: Errors = {}
  const missing: Errors = {}

  if (f.amount.trim()) {
    const r = parseYuan(f.amount, '申请金额')
    if (!r.ok) invalid.amountFen = r.error
    else if (r.value < MIN_AMOUNT_FEN) invalid.amountFen = `申请金额至少 ${yuanShort(MIN_AMOUNT_FEN)}`
    else if (r.value > ceilingFen) invalid.amountFen = `申请金额不能超过 ${yuanShort(ceilingFen)}`
    else body.amountFen = r.value
  } else missing.amountFen = '请填写申请金额'

  if (f.term.trim()) {
    const r = parseWhole(f.term, '贷款期限', 3, 120, ' 个月')
    if (r.ok) body.termMonths = r.value
    else invalid.termMonths = r.error
  } else missing.termMonths = '请填写贷款期限'

  if (f.bankId) body.bankId = f.bankId
  else missing.bankId = '请选择贷款银行'
  if (f.branch.trim().length > 40) invalid.branch = '经办网点不能超过 40 个字'
  else body.branch = f.branch.trim()

  if (f.type) project.type = f.type
  else missing['project.type'] = '请选择项目类型'
  for (const [key, value, label, min, max] of [
    ['title', f.title, '项目名称', 2, 40],
    ['address', f.address, '项目地址', 2, 80],
    ['description', f.description, '项目简介', 20, 1000],
  ] as const) {
    if (!value.trim()) missing[`project.${key}`] = `请填写${label}`
    else {
      const problem = textRule(value, label, min, max)
      if (problem) invalid[`project.${key}`] = problem
      else project[key] = value.trim()
    }
  }
  // Where: the 户籍 and the project; one of them in the city (the function checks the same).
  const bothOutside = placeProblem({ projectTownshipCode: f.townshipCode, householdTownshipCode: f.household })
  if (bothOutside) invalid.householdTownshipCode = bothOutside.message
  else {
    if (f.household) body.householdTownshipCode = f.household
    else missing.householdTownshipCode = '请选择户籍所在地'
    if (f.townshipCode) project.townshipCode = f.townshipCode
  }
  if (!f.townshipCode) missing['project.townshipCode'] = '请选择项目所在镇街'
  if (f.townshipCode === OUTSIDE_CITY) {
    if (!f.outsidePlace.trim()) missing['project.outsidePlace'] = '请填写项目所在的省、市、县'
    else {
      const problem = textRule(f.outsidePlace, '项目所在地', 4, 40)
      if (problem) invalid['project.outsidePlace'] = problem
      else project.outsidePlace = f.outsidePlace.trim()
    }
  }
  if (f.jobs === null) missing['project.jobsCreated'] = '请填写带动就业人数（没有填 0）'
  else project.jobsCreated = f.jobs
  if (f.households === null) missing['project.householdsHelped'] = '请填写帮扶困难户数（没有填 0）'
  else project.householdsHelped = f.households
  if (Object.keys(project).length > 0) body.project = project

  // The payee, by the contract's rules; a saved one stands until the number is typed again.
  const account = normalizeBankAccount(f.payeeAccount)
  const payeeEdited = f.payeeSaved !== '' && `${f.payeeName.trim()}|${f.payeeBank.trim()}` !== f.payeeSaved.split('|').slice(0, 2).join('|')
  if (account) {
    if (!PERSON_NAME_PATTERN.test(f.payeeName.trim())) invalid['payee.accountName'] = f.payeeName.trim() ? '户名只能包含汉字（或英文字母）' : '请填写户名'
    const bankProblem = textRule(f.payeeBank, '开户行', 4, 40)
    if (bankProblem) invalid['payee.bankName'] = bankProblem
    if (!BANK_ACCOUNT_PATTERN.test(account)) invalid['payee.accountNumber'] = '银行账号应为 12–30 位数字'
    if (!invalid['payee.accountName'] && !bankProblem && !invalid['payee.accountNumber']) body.payee = { accountName: f.payeeName.trim(), bankName: f.payeeBank.trim(), accountNumber: account }
  } else if (payeeEdited) invalid['payee.accountNumber'] = '修改户名或开户行后，请重新填写收款账号'
  else if (!f.payeeSaved) missing['payee.accountNumber'] = '请填写贴息收款账号'
  return { body, invalid, missing }
}

/** What differs from the saved application (all of it when there is none yet). */
export function changes(body: Omit<Draft, 'id'>, d: LoanDetail | null): Omit<Draft, 'id'> {
  if (!d) {
    const out = { ...body }
    if (out.branch === '') delete out.branch
    return out
  }
  const out: Omit<Draft, 'id'> = {}
  if (body.amountFen !== undefined && body.amountFen !== d.amountFen) out.amountFen = body.amountFen
  if (body.termMonths !== undefined && body.termMonths !== d.termMonths) out.termMonths = body.termMonths
  if (body.bankId !== undefined && body.bankId !== d.bankId) out.bankId = body.bankId
  if (body.branch !== undefined && body.branch !== d.branch) out.branch = body.branch
  const p = body.project ?? {}
  const project: NonNullable<Draft['project']> = {}
  if (p.type !== undefined && p.type !== d.project.type) project.type = p.type
  if (p.title !== undefined && p.title !== d.project.title) project.title = p.title
  if (p.townshipCode !== undefined && p.townshipCode !== d.project.townshipCode) project.townshipCode = p.townshipCode
  if (p.outsidePlace !== undefined && p.outsidePlace !== (d.project.outsidePlace ?? '')) project.outsidePlace = p.outsidePlace
  if (p.address !== undefined && p.address !== d.project.address) project.address = p.address
  if (p.description !== undefined && p.description !== d.project.description) project.description = p.description
  if (p.jobsCreated !== undefined && p.jobsCreated !== d.project.jobsCreated) project.jobsCreated = p.jobsCreated
  if (p.householdsHelped !== undefined && p.householdsHelped !== d.project.householdsHelped) project.householdsHelped = p.householdsHelped
  if (Object.keys(project).length > 0) out.project = project
  if (body.householdTownshipCode !== undefined && body.householdTownshipCode !== (d.householdTownshipCode ?? '')) out.householdTownshipCode = body.householdTownshipCode
  // The payee goes again only when it differs from what is saved.
  if (body.payee && (!d.payee || payeeKey({ ...body.payee, accountMasked: maskBankAccount(body.payee.accountNumber) }) !== payeeKey(d.payee))) out.payee = body.payee
  return out
}

export const isEmpty = (o: object) => Object.keys(o).length === 0

/** The step a saved application opens at: its first with something missing or invalid. */
export function firstIncompleteStep(f: Fields, d: LoanDetail): number {
  const { invalid, missing } = check(f, d.ceilingFen)
  const fields = [...Object.keys(invalid), ...Object.keys(missing)]
  if (fields.some((x) => stepOf(x) === 0)) return 0
  if (fields.some((x) => stepOf(x) === 1)) return 1
  if (DOCUMENT_KINDS.some((k) => !d.documents.some((doc) => doc.kind === k))) return 2
  return 3
}
