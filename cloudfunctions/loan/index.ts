// 农村青年创业小额贴息贷款：申请（草稿、材料、提交、撤回）→ 县团委 → 团市委 → 银行审核 → 放款 →
// 还款登记与分期贴息核准 → 结清；LPR 表；统计与导出。每次状态变化都核对角色、范围与当前状态，
// 并以版本号条件更新，两人同时操作只有一个生效。
import crypto from 'node:crypto'
import { addMonths, daysBetween, eligibilityProblem, lprOn, OUTSIDE_CITY, placeProblem, projectTypeProblem, reviewBasis, lprTenor, projectedRepayments, repaymentSchedule, SCHEDULE_INTEREST_BASIS, subsidyPeriods, subsidyRate, type OverdueSubsidyRule, type Reconciliation } from '../../types/loan-rules'
import { loan, PUBLISHED_LPR, type LoanDetail, type LoanReport, type LoanReportRow, type LoanSummary, type LprRow } from '../../types/loan'
import { maskBankAccount, maskMobile } from '../../types/personal'
import { ROLE_LABELS } from '../../types/roles'
import { shanghaiDate, shanghaiDayStart, isoOrEmpty as iso } from '../../types/time'
import {
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  LOAN_STAGE_LABELS,
  LOAN_STAGE_STATUS,
  LOAN_STAGES,
  LOAN_STATUS_LABELS,
  LOAN_STATUSES,
  PROJECT_TYPE_LABELS,
  PROJECT_TYPES,
  REPAYMENT_LABELS,
  REPAYMENT_TIMING_LABELS,
  type LoanStage,
  type LoanStatus,
} from '../../types/vocabulary'
import { audit } from '../_shared/audit'
import { COLLECTIONS, type LoanEvent, type LoanLockDoc, type LoanTerms, type LprDoc, type OrganisationDoc, type RegistrationDoc, type UserDoc } from '../_shared/collections'
import { _, $, containing, db, files, isDuplicateKey } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, CITY, countyName, townshipOf } from '../_shared/divisions'
import { AppError, conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { col, exportWorkbook } from '../_shared/excel'
import { defineFunction } from '../_shared/handler'
import { notifyEach } from '../_shared/notify'
import { pageWithTotal, readAll } from '../_shared/paging'
import { claimReminder, tellWhatWaits } from '../_shared/reminders'
import { decrypt, encrypt } from '../_shared/pii'
import { loadSettings } from '../_shared/settings'
import { adoptUpload } from '../_shared/uploads'
import { checkChange, mayStep, takeStep } from '../_shared/machines'
import { loanMachine, type Step, type StepRole } from '../../types/machines'
import { applicantOf, arrearsFields, dayAfter, decisionNotice, followUpRepayments, LENDING, LENT, releaseLock, standing, subsidyState, subsidyTermsOf, type LoanDoc, type Repayment, type SubsidyPayment, yuan } from './repayments'
import { lapseUndisbursedLoans } from './lapse'
import { subsidyStatement, subsidyStatementWorkbook } from './statement'
import { askForOutcomes, outcomeViews, yearToConfirm, yearToReport } from './outcomes'

const loans = () => db.collection<LoanDoc>(COLLECTIONS.loans)
const lprRates = () => db.collection<LprDoc>(COLLECTIONS.lprRates)
const locks = () => db.collection<LoanLockDoc>(COLLECTIONS.loanLocks)
const banks = () => db.collection<OrganisationDoc>(COLLECTIONS.banks)

/** The league's loan desk and the bank's, where the morning digests lead. */
const LENDING_PAGE = 'packages/lending/index/index'
const BANK_PAGE = 'packages/bank/index/index'
/** Every state of an application sent in (all but a draft), named: an index on the status serves a list of values, never a ≠. */
const SENT_IN: LoanStatus[] = LOAN_STATUSES.filter((st) => st !== 'draft')
const MAX_DOCUMENTS_PER_KIND = 3

// ---- who is looking --------------------------------------------------------------------

interface Viewer {
  user: UserDoc
  name: string
  isApplicant: boolean
  /** Administers the loan's county (city admins administer all). */
  county: boolean
  city: boolean
  /** An officer of the loan's bank. */
  bank: boolean
}

function viewerOf(user: UserDoc, l: LoanDoc): Viewer {
  const has = (role: string, scope?: string) => user.roles.some((g) => g.role === role && (scope === undefined || g.scopeId === scope))
  const city = has('city_admin')
  return {
    user,
    name: user.nickname,
    isApplicant: l.applicantId === user._id,
    county: city || (l.countyCode !== '' && has('county_admin', l.countyCode)),
    city,
    bank: has('bank_officer', l.bankId),
  }
}

/** The caller's roles toward this loan, as its machine names them. */
function rolesOf(v: Viewer): StepRole[] {
  const roles: StepRole[] = []
  if (v.isApplicant) roles.push('owner')
  if (v.city) roles.push('city_admin')
  else if (v.county) roles.push('county_admin')
  if (v.bank) roles.push('bank_officer')
  return roles
}

/** The declared step this call takes from the loan's state (see types/machines.ts), or a refusal. */
function loanStep(l: LoanDoc, v: Viewer, action: string, doing: string, variant?: string, notTheirs?: () => AppError): Step<LoanStatus> {
  return takeStep(loanMachine, { action, variant, from: l.status, roles: rolesOf(v) }, () => wrongState(l, doing), notTheirs)
}

const may = (l: LoanDoc, v: Viewer, action: string) => mayStep(loanMachine, { action, from: l.status, roles: rolesOf(v) })

/** Reviewers see an application once it is submitted; its bank once routed there. */
const canSee = (v: Viewer, l: LoanDoc) => v.isApplicant || (l.status !== 'draft' && (v.county || v.city || (v.bank && l.bankRouted)))

/** How an actor is named in the applicant's timeline: the office, not the person. */
function actorRole(v: Viewer, stage: 'applicant' | LoanStage | 'bank_post' | 'subsidy', l: LoanDoc): string {
  if (stage === 'applicant') return '申请人'
  if (stage === 'bank' || stage === 'bank_post') return l.bankName
  if (stage === 'county' && !v.user.roles.some((g) => g.role === 'county_admin' && g.scopeId === l.countyCode)) return ROLE_LABELS.city_admin
  return stage === 'county' ? `${l.countyName}团委` : ROLE_LABELS.city_admin
}

async function load(id: string): Promise<LoanDoc> {
  const { data } = await loans().doc(id).get()
  if (!data) throw notFound('贷款申请不存在')
  return data
}

async function loadFor(id: string, ctx: CallContext): Promise<{ l: LoanDoc; v: Viewer }> {
  const [l, user] = await Promise.all([load(id), ctx.user()])
  const v = viewerOf(user!, l)
  if (!canSee(v, l)) {
    // A draft is the applicant's alone: nobody else learns it exists.
    if (l.status === 'draft') throw notFound('贷款申请不存在')
    throw forbidden('该申请不在你的查看和处理范围内')
  }
  return { l, v }
}

// ---- what it needs, what it owes -----------------------------------------------------------

/** What submit still needs, as [field, words]. */
function missingParts(l: LoanDoc, ceilingFen: number): [string, string][] {
  const out: [string, string][] = []
  if (l.amountFen === null) out.push(['amountFen', '申请金额'])
  else if (l.amountFen > ceilingFen) out.push(['amountFen', `申请金额不超过 ${yuan(ceilingFen)}`])
  if (l.termMonths === null) out.push(['termMonths', '贷款期限'])
  if (!l.bankId) out.push(['bankId', '贷款银行'])
  const p = l.project
  if (!p.type) out.push(['project.type', '项目类型'])
  if (!p.title) out.push(['project.title', '项目名称'])
  if (!p.townshipCode) out.push(['project.townshipCode', '项目所在镇街'])
  if (p.townshipCode === OUTSIDE_CITY) {
    if (!p.outsidePlace) out.push(['project.outsidePlace', '项目所在地（省、市、县）'])
    // A project outside the city is reviewed by the 户籍's county: without it, nobody would.
    if (!l.householdTownshipCode) out.push(['householdTownshipCode', '户籍所在地（项目在清远市外时必填）'])
  }
  if (!p.address) out.push(['project.address', '项目地址'])
  if (p.description.length < 20) out.push(['project.description', '项目简介（至少 20 字）'])
  if (p.jobsCreated === null) out.push(['project.jobsCreated', '带动就业人数'])
  if (p.householdsHelped === null) out.push(['project.householdsHelped', '帮扶困难户数'])
  if (!l.payee) out.push(['payee', '贴息收款账户'])
  for (const kind of DOCUMENT_KINDS) if (!l.documents.some((d) => d.kind === kind)) out.push(['documents', DOCUMENT_LABELS[kind]])
  return out
}

// ---- where: the project, the 户籍, and whose county reviews ---------------------------------

/** The project's place in words ('' until chosen). */
function projectPlaceOf(l: Pick<LoanDoc, 'project' | 'countyName' | 'townshipName'>): string {
  const p = l.project
  if (p.townshipCode === OUTSIDE_CITY) return [`${CITY.name}外`, p.outsidePlace ?? ''].filter(Boolean).join(' · ')
  const place = townshipOf(p.townshipCode)
  return place ? `${place.countyName} · ${place.townshipName}` : ''
}

/** A 户籍所在地 in words ('' when not stated). */
function householdPlaceOf(code: string | undefined): string {
  if (!code) return ''
  if (code === OUTSIDE_CITY) return `${CITY.name}外`
  const place = townshipOf(code)
  return place ? `${place.countyName} · ${place.townshipName}` : ''
}

/**
 * The county whose league reviews the application, kept on the loan as countyCode (and so its
 * scope: the county admin's queue, decisions and reports): the project's township's county, or
 * for a project outside the city the 户籍's county (townshipName then empty: the project is in no
 * township of the city). Empty while not known.
 */
function reviewingCounty(projectTownshipCode: string, householdTownshipCode: string): { countyCode: string; countyName: string; townshipName: string } {
  const basis = reviewBasis({ projectTownshipCode, householdTownshipCode })
  const place = basis === 'project' ? townshipOf(projectTownshipCode) : basis === 'household' ? townshipOf(householdTownshipCode) : null
  if (!place) return { countyCode: '', countyName: '', townshipName: '' }
  return { countyCode: place.countyCode, countyName: place.countyName, townshipName: basis === 'project' ? place.townshipName : '' }
}

function summary(l: LoanDoc, today: string): LoanSummary {
  return {
    id: l._id,
    status: l.status,
    applicantName: l.applicantName,
    amountFen: l.amountFen ?? 0,
    termMonths: l.termMonths ?? 0,
    projectType: l.project.type,
    projectTitle: l.project.title,
    countyCode: l.countyCode,
    countyName: l.countyName,
    townshipName: l.townshipName,
    projectPlace: projectPlaceOf(l),
    bankId: l.bankId,
    bankName: l.bankName,
    outstandingFen: l.outstandingFen,
    subsidyDue: l.subsidyDueFrom !== '' && l.subsidyDueFrom <= today,
    overdueDays: l.overdue ? Math.max(daysBetween(l.overdue.dueOn, today), 0) : 0,
    submittedAt: iso(l.submittedAt),
    updatedAt: iso(l.updatedAt),
  }
}

async function detail(l: LoanDoc, v: Viewer, ctx: CallContext): Promise<LoanDetail> {
  const [settings, urls, registration] = await Promise.all([
    loadSettings(ctx.now.getTime()),
    files.tempUrls(l.documents.map((d) => d.fileId)),
    l.applicantMasked ? null : db.collection<RegistrationDoc>(COLLECTIONS.registrations).doc(l.registrationId).get(),
  ])
  const today = shanghaiDate(ctx.now)
  const rule = settings.overdueSubsidyRule
  const terms = subsidyTermsOf(l, rule)
  // Periods not over yet assume the principal is repaid as the contract's repayment type has it.
  const periods = terms && l.disbursement ? subsidyPeriods({ ...terms, repayments: projectedRepayments(l.disbursement, l.repayments, today) }) : []
  const approved = new Map(l.subsidies.map((s) => [s.key, s]))
  const payments = new Map((l.subsidyPayments ?? []).map((p) => [p.key, p]))
  const schedule = periods.map((p, i) => {
    const a = i < l.subsidies.length ? approved.get(p.key) : undefined
    const paid = payments.get(p.key)
    // An approved period keeps the amount approved (and what the arrears cost it then).
    const forfeitedFen = a ? a.forfeitedFen ?? 0 : p.forfeitedFen
    return {
      ...p,
      amountFen: a ? a.amountFen : p.amountFen,
      forfeitedFen,
      forfeitNote: p.overdueDays > 0 ? forfeitNote(p.overdueDays, forfeitedFen, rule) : '',
      status: a ? ('approved' as const) : p.end < today ? ('due' as const) : ('projected' as const),
      approvedAt: iso(a?.at),
      approvedBy: a?.byName ?? '',
      paidOn: paid?.paidOn ?? '',
      transferRef: paid?.transferRef ?? '',
    }
  })
  const rec = standing(l, today)
  const missing = missingParts(l, settings.loanCeilingFen)
  const stage = (Object.keys(LOAN_STAGE_STATUS) as LoanStage[]).find((s) => LOAN_STAGE_STATUS[s] === l.status) ?? null
  const decide = stage === 'county' && v.county ? 'county' : stage === 'city' && v.city ? 'city' : stage === 'bank' && v.bank ? 'bank' : null
  const reviewer = v.county || v.city || v.bank
  const masked = l.applicantMasked ?? maskedApplicant(registration?.data)
  const d = l.disbursement
  return {
    ...summary(l, today),
    applicantIdMasked: masked.idMasked,
    applicantMobileMasked: masked.mobileMasked,
    branch: l.branch,
    payee: l.payee ? { accountName: l.payee.accountName, bankName: l.payee.bankName, accountMasked: l.payee.accountMasked } : null,
    project: { ...l.project, outsidePlace: l.project.outsidePlace ?? '' },
    householdTownshipCode: l.householdTownshipCode ?? '',
    householdPlace: householdPlaceOf(l.householdTownshipCode),
    reviewBasis: reviewBasis({ projectTownshipCode: l.project.townshipCode, householdTownshipCode: l.householdTownshipCode ?? '' }),
    documents: l.documents.map((doc) => ({ id: doc.id, kind: doc.kind, name: doc.name, type: doc.type, size: doc.size, url: urls.get(doc.fileId) ?? '', uploadedAt: iso(doc.uploadedAt) })),
    returnNote: l.status === 'returned' ? l.returnNote : '',
    rejectReason: l.rejectReason,
    lastChanges: l.lastChanges ?? [],
    approval: l.approval ? { amountFen: l.approval.amountFen, rateBp: l.approval.rateBp, termMonths: l.approval.termMonths, at: iso(l.approval.at) } : null,
    disbursement: d
      ? {
          amountFen: d.amountFen,
          disbursedOn: d.disbursedOn,
          maturityOn: d.maturityOn,
          rateBp: d.rateBp,
          repaymentType: d.repaymentType,
          lprDate: d.lprDate,
          lprTenor: d.lprTenor,
          lprBp: d.lprBp,
          subsidyRateBp: d.subsidyRateBp,
          spreadBp: d.spreadBp,
          dayBasis: d.dayBasis,
          instalmentInterestBasis: SCHEDULE_INTEREST_BASIS,
        }
      : null,
    repayments: repaymentViews(l, rec),
    instalments: rec?.instalments ?? [],
    outcomes: outcomeViews(l),
    overdue: l.overdue ? { ...l.overdue, daysPastDue: Math.max(daysBetween(l.overdue.dueOn, today), 0) } : null,
    schedule,
    subsidyApprovedFen: l.subsidyApprovedFen,
    subsidyPaidFen: (l.subsidyPayments ?? []).reduce((n, p) => n + p.amountFen, 0),
    subsidyProjectedFen: schedule.filter((p) => p.status !== 'approved').reduce((n, p) => n + p.amountFen, 0),
    history: l.history.map((e) => ({
      at: iso(e.at),
      // The applicant sees the office; reviewers also see who.
      actorName: v.isApplicant && !reviewer ? '' : e.actorName,
      actorRole: e.actorRole,
      action: e.action,
      fromStatus: e.from,
      toStatus: e.to,
      note: e.note,
    })),
    can: {
      edit: may(l, v, 'loan.saveDraft'),
      submit: may(l, v, 'loan.submit') && missing.length === 0,
      withdraw: may(l, v, 'loan.withdraw'),
      decide,
      disburse: may(l, v, 'loan.disburse'),
      repay: may(l, v, 'loan.recordRepayment') && l.outstandingFen > 0,
      approveSubsidy: may(l, v, 'loan.approveSubsidy') && l.subsidyDueFrom !== '' && l.subsidyDueFrom <= today,
      paySubsidy: v.city ? (nextUnpaid(l)?.key ?? '') : '',
      reportOutcome: v.isApplicant ? yearToReport(l) : 0,
      confirmOutcome: v.county ? yearToConfirm(l) : 0,
      revealIdentity: reviewer && l.status !== 'draft',
    },
    missing: missing.map(([, words]) => words),
    ceilingFen: settings.loanCeilingFen,
  }
}

function maskedApplicant(reg: RegistrationDoc | null | undefined): NonNullable<LoanDoc['applicantMasked']> {
  return { idMasked: reg?.idMasked ?? '', mobileMasked: maskMobile(reg?.mobile ?? '') }
}

function repaymentViews(l: LoanDoc, rec: Reconciliation | null) {
  const order = l.repayments.map((r, i) => ({ r, timing: rec?.timings[i] ?? ('on_time' as const) }))
  order.sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : 0))
  let outstanding = l.disbursement?.amountFen ?? 0
  return order.map(({ r, timing }) => {
    outstanding -= r.principalFen
    return { date: r.date, principalFen: r.principalFen, interestFen: r.interestFen ?? 0, outstandingFen: outstanding, timing, note: r.note, recordedAt: iso(r.at) }
  })
}

/** Why a period's subsidy is less, in words. */
function forfeitNote(overdueDays: number, forfeitedFen: number, rule: OverdueSubsidyRule): string {
  return rule === 'forfeit_period'
    ? `本期内逾期 ${overdueDays} 天，按规定本期不予贴息（少贴 ${yuan(forfeitedFen)}）`
    : `本期内逾期 ${overdueDays} 天，逾期天数不予贴息（少贴 ${yuan(forfeitedFen)}）`
}

/** The first approved subsidy period not yet recorded as paid. */
function nextUnpaid(l: LoanDoc): LoanDoc['subsidies'][number] | undefined {
  const paid = new Set((l.subsidyPayments ?? []).map((p) => p.key))
  return l.subsidies.find((s) => !paid.has(s.key))
}

// ---- changing it -----------------------------------------------------------------------

interface Change {
  /** The declared step the change takes: it may land only where the step goes and touch only its fields. */
  step: Step<LoanStatus>
  set?: Record<string, unknown>
  event?: Omit<LoanEvent, 'at' | 'actorId' | 'actorName'>
}

/** What a change keeps in step with the fields it makes: names, places and dates derived from them, routing and timestamps. */
const DERIVED = [
  ...['bankName', 'countyCode', 'countyName', 'townshipName', 'submittedAt', 'submittedTerms', 'lastChanges', 'returnedFrom', 'returnNote', 'applicantOpenid', 'bankRouted', 'subsidyDueFrom', 'disbursedOn'],
  // The schedule the disbursement sets, and the arrears the repayments settle (see repayments.ts).
  ...['schedule', 'nextDueOn', 'overdue', 'arrearsHistory'],
  // The applicant's masked ID and mobile as submitted.
  'applicantMasked',
]

/**
 * Applies a change if nobody changed the loan since it was read (its version), and records the
 * event. Refuses, changing nothing, if someone did: two reviewers acting at once cannot both.
 */
async function write(l: LoanDoc, v: Viewer, change: Change, ctx: CallContext): Promise<LoanDoc> {
  checkChange(change.step, l.status, change.set ?? {}, DERIVED)
  const event: LoanEvent | null = change.event ? { at: ctx.now, actorId: v.user._id, actorName: v.name, ...change.event } : null
  const data: Record<string, unknown> = { ...change.set, version: _.inc(1), updatedAt: ctx.now }
  if (event) data.history = _.push([event])
  const { stats } = await loans().where({ _id: l._id, version: l.version }).update({ data })
  if (stats.updated !== 1) throw conflict('该申请刚刚被其他人处理过，请刷新后再看')
  const next = { ...l, ...(change.set as Partial<LoanDoc>), version: l.version + 1, updatedAt: ctx.now, history: event ? [...l.history, event] : l.history }
  // Every step leaves an audit entry, a repayment or an approved subsidy period as much as a decision.
  if (event) {
    await audit(ctx.now, { actorId: v.user._id, action: `loan.${event.action}`, targetType: 'loan', targetId: l._id, before: { status: event.from }, after: { status: event.to }, reason: event.note })
  }
  return next
}

/**
 * A change beside the loan's machine (its status stays: a subsidy period paid, an outcome reported
 * or confirmed), conditional on its version like every change, with its event.
 */
/**
 * A write refused because the loan changed since it was read: if what changed it was this very
 * entry (the same request sent twice at once, a double tap), the loan is answered as it now
 * stands; otherwise the refusal stands.
 */
async function sameEntryWon(err: unknown, id: string, won: (fresh: LoanDoc) => boolean): Promise<LoanDoc> {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err
  const fresh = await load(id)
  if (!won(fresh)) throw err
  return fresh
}

async function writeBeside(l: LoanDoc, set: Partial<Pick<LoanDoc, 'outcomes' | 'confirmedJobs' | 'confirmedHouseholds' | 'subsidyPayments'>>, event: LoanEvent, ctx: CallContext): Promise<LoanDoc> {
  const { stats } = await loans()
    .where({ _id: l._id, version: l.version })
    .update({ data: { ...set, version: _.inc(1), updatedAt: ctx.now, history: _.push([event]) } })
  if (stats.updated !== 1) throw conflict('该申请刚刚被其他人处理过，请刷新后再看')
  return { ...l, ...set, version: l.version + 1, updatedAt: ctx.now, history: [...l.history, event] }
}

// ---- resubmission after a return ---------------------------------------------------------

const reviewedTerms = (l: LoanDoc): LoanTerms => ({
  countyCode: l.countyCode,
  countyName: l.countyName,
  townshipName: l.townshipName,
  // Only a project outside the city has one: older terms (without it) compare equal for projects in the city.
  ...(l.project.townshipCode === OUTSIDE_CITY ? { projectPlace: l.project.outsidePlace ?? '' } : {}),
  amountFen: l.amountFen,
  termMonths: l.termMonths,
  bankId: l.bankId,
  bankName: l.bankName,
  payee: l.payee ? `${l.payee.accountName} ${l.payee.bankName} ${l.payee.accountMasked}` : '',
})

/** Each reviewed term, the first review whose decision rests on it, and how to say it. */
const REVIEWED_TERMS: { stage: LoanStage; label: string; key: (t: LoanTerms) => unknown; show: (t: LoanTerms) => string }[] = [
  {
    stage: 'county',
    label: '项目所在地',
    key: (t) => `${t.countyCode}/${t.townshipName}/${t.projectPlace ?? ''}`,
    show: (t) => (t.projectPlace !== undefined ? `${CITY.name}外 ${t.projectPlace}（${t.countyName || '户籍所在县'}审核）` : `${t.countyName}${t.townshipName}` || '未填'),
  },
  { stage: 'county', label: '申请金额', key: (t) => t.amountFen, show: (t) => (t.amountFen === null ? '未填' : yuan(t.amountFen)) },
  { stage: 'county', label: '贷款期限', key: (t) => t.termMonths, show: (t) => (t.termMonths === null ? '未填' : `${t.termMonths} 个月`) },
  // The city routes an application to its bank.
  { stage: 'city', label: '合作银行', key: (t) => t.bankId, show: (t) => t.bankName || '未选' },
  // The city pays the subsidy: where it goes is the city's to check again.
  { stage: 'city', label: '贴息收款账户', key: (t) => t.payee ?? '', show: (t) => t.payee || '未填' },
]

function termChanges(before: LoanTerms, after: LoanTerms): { stage: LoanStage; text: string }[] {
  return REVIEWED_TERMS.filter((term) => term.key(before) !== term.key(after)).map((term) => ({ stage: term.stage, text: `${term.label} ${term.show(before)} → ${term.show(after)}` }))
}

/**
 * Where a resubmitted application goes: back to the review that returned it, or to an earlier
 * one whose decision the applicant's changes undo (a new county is reviewed by that county).
 */
function resubmissionStage(l: LoanDoc, changes: { stage: LoanStage }[]): LoanStage {
  // Older records kept no terms to compare with: the whole review again.
  if (!l.submittedTerms) return 'county'
  const stages = new Set([l.returnedFrom ?? 'county', ...changes.map((c) => c.stage)])
  return LOAN_STAGES.find((stage) => stages.has(stage))!
}

async function tellApplicant(l: LoanDoc, what: string, note: string): Promise<void> {
  await notifyEach([{ to: applicantOf(l), notice: decisionNotice(l, what, note) }])
}

function wrongState(l: LoanDoc, doing: string): AppError {
  return conflict(`该申请当前为「${LOAN_STATUS_LABELS[l.status]}」，不能${doing}`)
}

async function applicantRegistration(userId: string): Promise<RegistrationDoc> {
  const { data } = await db
    .collection<RegistrationDoc>(COLLECTIONS.registrations)
    .where({ userId, status: 'approved' })
    .limit(2)
    .get()
  const reg = data.find((r) => r.kind === 'rural_youth') ?? data[0]
  if (!reg) throw forbidden('请先完成农村青年或志愿者登记并通过审核，再申请创业贷款')
  return reg
}

async function bankName(id: string): Promise<string> {
  const { data } = await banks().doc(id).get()
  if (!data || data.status !== 'active') throw invalid('bankId', '请选择合作银行')
  return data.name
}

async function lprTable(): Promise<LprRow[]> {
  const data = await readAll(lprRates())
  return data.map((r) => ({ effectiveDate: r._id, oneYearBp: r.oneYearBp, fiveYearBp: r.fiveYearBp }))
}

async function decide(stage: LoanStage, input: { id: string; decision: 'approve' | 'reject' | 'return'; note: string; amountFen?: number; rateBp?: number; termMonths?: number }, ctx: CallContext): Promise<LoanDetail> {
  const { l, v } = await loadFor(input.id, ctx)
  const allowed = stage === 'county' ? v.county : stage === 'city' ? v.city : v.bank
  if (!allowed) throw forbidden(stage === 'county' ? '只能审核本县（市、区）的申请' : stage === 'bank' ? '只能审批本行的申请' : '没有权限进行此操作')
  const step = loanStep(l, v, `loan.${stage}Decide`, `进行${LOAN_STAGE_LABELS[stage]}`, input.decision)
  const role = actorRole(v, stage, l)
  let next: LoanDoc
  if (input.decision === 'approve') {
    const to: LoanStatus = stage === 'county' ? 'city_review' : stage === 'city' ? 'bank_review' : 'approved'
    const set: Record<string, unknown> = { status: to }
    if (stage === 'city') set.bankRouted = true
    let note = input.note
    if (stage === 'bank') {
      const amount = input.amountFen!
      if (amount > (l.amountFen ?? 0)) throw invalid('amountFen', `批准金额不能超过申请金额 ${yuan(l.amountFen ?? 0)}`)
      const termMonths = input.termMonths ?? l.termMonths ?? 0
      set.approval = { amountFen: amount, rateBp: input.rateBp!, termMonths, at: ctx.now, by: v.user._id }
      note = `批准 ${yuan(amount)}，年利率 ${(input.rateBp! / 100).toFixed(2)}%，期限 ${termMonths} 个月${input.note ? `。${input.note}` : ''}`
    }
    next = await write(l, v, { step, set, event: { actorRole: role, action: `${stage}_approve`, from: l.status, to, note } }, ctx)
    await tellApplicant(next, stage === 'bank' ? '银行已批准' : '审核通过', stage === 'bank' ? '请留意银行放款通知' : `已转${to === 'city_review' ? '团市委' : '银行'}审核`)
  } else if (input.decision === 'reject') {
    next = await write(l, v, { step, set: { status: 'rejected', rejectReason: input.note }, event: { actorRole: role, action: `${stage}_reject`, from: l.status, to: 'rejected', note: input.note } }, ctx)
    await releaseLock(next)
    await tellApplicant(next, '未通过', input.note)
  } else {
    next = await write(l, v, { step, set: { status: 'returned', returnedFrom: stage, returnNote: input.note }, event: { actorRole: role, action: `${stage}_return`, from: l.status, to: 'returned', note: input.note } }, ctx)
    await tellApplicant(next, '补充材料', input.note)
  }
  return detail(next, v, ctx)
}

// ---- the queue's conditions, as a query and as an aggregation expression -------------

/** One field's test: what a queue filter and its count both ask. */
type Test = [field: string, op: 'eq' | 'in' | 'gt' | 'lte' | 'contains', value: unknown]

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function testQuery([, op, value]: Test): unknown {
  switch (op) {
    case 'eq':
      return value
    case 'in':
      return _.in(value as unknown[])
    case 'gt':
      return _.gt(value)
    case 'lte':
      return _.lte(value)
    case 'contains':
      return containing(value as string)
  }
}

function testExpr([field, op, value]: Test): unknown {
  const f = `$${field}`
  switch (op) {
    case 'eq':
      return { $eq: [f, value] }
    case 'in':
      return { $in: [f, value] }
    case 'gt':
      return { $gt: [f, value] }
    case 'lte':
      return { $lte: [f, value] }
    case 'contains':
      return { $regexMatch: { input: { $ifNull: [f, ''] }, regex: escaped(value as string) } }
  }
}

/**
 * All of `parts`, each any of its alternatives, each all of its tests: as a query. Tests every
 * alternative of a part shares are asked once, outside its $or (and a part of one alternative is
 * no $or at all), so an index on them serves the query: a county admin's list is their county's.
 */
function asQuery(parts: Test[][][]): unknown {
  const key = (t: Test) => JSON.stringify(t)
  const conj = (tests: Test[]) => tests.map((t) => ({ [t[0]]: testQuery(t) }))
  return _.and(
    parts.flatMap((all) => {
      // An alternative inside another adds nothing (a county's to-do lies inside its list).
      const alternatives = all.filter((a, i) => !all.some((b, j) => j !== i && within(a, b) && (!within(b, a) || j < i)))
      const shared = alternatives[0].filter((t) => alternatives.every((a) => a.some((u) => key(u) === key(t))))
      const rest = alternatives.map((a) => a.filter((t) => !shared.some((u) => key(u) === key(t))))
      // An alternative with nothing left beyond the shared tests admits everything they admit.
      const either = rest.some((a) => a.length === 0) ? [] : [rest.length === 1 ? _.and(conj(rest[0])) : _.or(rest.map((a) => _.and(conj(a))))]
      return [...conj(shared), ...either]
    }),
  )
}

/** Whether every loan `a` admits, `b` admits too (each of b's tests holds for a by one of a's). */
function within(a: Test[], b: Test[]): boolean {
  const values = (t: Test) => (t[1] === 'in' ? (t[2] as unknown[]) : t[1] === 'eq' ? [t[2]] : null)
  return b.every((t) =>
    a.some((u) => {
      if (JSON.stringify(u) === JSON.stringify(t)) return true
      const [inner, outer] = [values(u), values(t)]
      return u[0] === t[0] && inner !== null && outer !== null && inner.every((v) => outer.includes(v))
    }),
  )
}

/** The same as an expression worth 1 where it holds, else 0 (for counting several lists in one group). */
function oneIf(parts: Test[][][]): unknown {
  if (parts.some((alternatives) => alternatives.length === 0)) return 0
  const holds = { $and: parts.map((alternatives) => ({ $or: alternatives.map((tests) => ({ $and: tests.map(testExpr) })) })) }
  return { $cond: [holds, 1, 0] }
}

// ---- reports ---------------------------------------------------------------------------

async function reportScope(ctx: CallContext, countyCode?: string): Promise<string[] | null> {
  const counties = await ctx.adminCounties()
  if (countyCode) {
    if (counties !== 'city' && !counties.has(countyCode)) throw forbidden('只能查看本县（市、区）的统计')
    if (!countyName(countyCode)) throw invalid('countyCode', '县（市、区）无效')
    return [countyCode]
  }
  return counties === 'city' ? null : [...counties]
}

async function buildReport(ctx: CallContext, input: { from?: string; to?: string; countyCode?: string }): Promise<LoanReport> {
  const counties = await reportScope(ctx, input.countyCode)
  const today = shanghaiDate(ctx.now)
  const from = input.from ?? `${today.slice(0, 4)}-01-01`
  const to = input.to ?? today
  // Loans are counted by countyCode, the reviewing county: the project's, or for a project outside
  // the city the applicant's 户籍 county (reviewingCounty) — the county whose league answers for it.
  const inScope = counties ? { countyCode: _.in(counties) } : {}
  const fromAt = shanghaiDayStart(from)
  const toAt = shanghaiDayStart(dayAfter(to))
  // One aggregation per group of figures, run together. Each answers a row per group, and the
  // groups are few whatever the number of loans: county × status (8 × 13), county × project
  // type (8 × 6), county (8), so the platform's cap (10,000) never cuts one.
  const [applications, lent, subsidies] = await Promise.all([
    loans()
      .aggregate()
      .match(_.and([{ status: _.in(SENT_IN) }, inScope, { submittedAt: _.gte(fromAt).and(_.lt(toAt)) }]))
      .group({ _id: { county: '$countyCode', status: '$status' }, n: $.sum(1) })
      .limit(10_000)
      .end<{ _id: { county: string; status: LoanStatus }; n: number }>(),
    loans()
      .aggregate()
      .match(_.and([inScope, { disbursedOn: _.gte(from).and(_.lte(to)) }]))
      .group({
        _id: { county: '$countyCode', type: '$project.type' },
        n: $.sum(1),
        fen: $.sum('$disbursement.amountFen'),
        jobs: $.sum('$project.jobsCreated'),
        households: $.sum('$project.householdsHelped'),
        jobsConfirmed: $.sum('$confirmedJobs'),
        householdsConfirmed: $.sum('$confirmedHouseholds'),
      })
      .limit(10_000)
      .end<{ _id: { county: string; type: string }; n: number; fen: number; jobs: number; households: number; jobsConfirmed: number | null; householdsConfirmed: number | null }>(),
    loans()
      .aggregate()
      .match(_.and([{ status: _.in(LENT) }, inScope, { subsidyApprovedFen: _.gt(0) }]))
      .unwind('$subsidies')
      .match({ 'subsidies.at': _.gte(fromAt).and(_.lt(toAt)) })
      .group({ _id: '$countyCode', fen: $.sum('$subsidies.amountFen') })
      .limit(10_000)
      .end<{ _id: string; fen: number }>(),
  ])
  const empty = (code: string, name: string): LoanReportRow => ({ countyCode: code, countyName: name, applications: 0, loans: 0, lentFen: 0, subsidyFen: 0, projects: 0, jobsCreated: 0, householdsHelped: 0, jobsConfirmed: 0, householdsConfirmed: 0 })
  const rows = new Map<string, LoanReportRow>()
  for (const c of allCounties) if (!counties || counties.includes(c.code)) rows.set(c.code, empty(c.code, c.name))
  const row = (code: string) => rows.get(code) ?? rows.set(code, empty(code, countyName(code) ?? '')).get(code)!
  const byStatus = new Map<LoanStatus, number>()
  for (const a of applications.list) {
    row(a._id.county).applications += a.n
    byStatus.set(a._id.status, (byStatus.get(a._id.status) ?? 0) + a.n)
  }
  const byType = new Map<string, { loans: number; lentFen: number }>()
  for (const g of lent.list) {
    const r = row(g._id.county)
    r.loans += g.n
    r.projects += g.n
    r.lentFen += g.fen
    r.jobsCreated += g.jobs
    r.householdsHelped += g.households
    r.jobsConfirmed += g.jobsConfirmed ?? 0
    r.householdsConfirmed += g.householdsConfirmed ?? 0
    const t = byType.get(g._id.type) ?? { loans: 0, lentFen: 0 }
    byType.set(g._id.type, { loans: t.loans + g.n, lentFen: t.lentFen + g.fen })
  }
  for (const s of subsidies.list) row(s._id).subsidyFen += s.fen
  const byCounty = [...rows.values()]
  const total = byCounty.reduce((t, r) => {
    for (const k of ['applications', 'loans', 'lentFen', 'subsidyFen', 'projects', 'jobsCreated', 'householdsHelped', 'jobsConfirmed', 'householdsConfirmed'] as const) t[k] += r[k]
    return t
  }, empty(counties?.length === 1 ? counties[0] : '', counties?.length === 1 ? countyName(counties[0]) ?? '' : '全市'))
  return {
    from,
    to,
    byStatus: LOAN_STATUSES.filter((s) => byStatus.has(s)).map((status) => ({ status, count: byStatus.get(status)! })),
    byCounty,
    byType: PROJECT_TYPES.map((type) => ({ type, ...(byType.get(type) ?? { loans: 0, lentFen: 0 }) })),
    total,
  }
}

// ---- the actions ----------------------------------------------------------------------

export const main = defineFunction('loan', loan, {
  async banks() {
    const { data } = await banks().where({ status: 'active' }).limit(100).get()
    return { items: data.map((b) => ({ id: b._id, name: b.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) }
  },

  async saveDraft(input, ctx) {
    const user = (await ctx.user())!
    const settings = await loadSettings(ctx.now.getTime())
    if (input.amountFen !== undefined && input.amountFen > settings.loanCeilingFen) throw invalid('amountFen', `申请金额不能超过 ${yuan(settings.loanCeilingFen)}`)
    const typeProblem = projectTypeProblem(input.project?.type, settings)
    if (typeProblem) throw invalid(typeProblem.field, typeProblem.message)
    const set: Record<string, unknown> = {}
    if (input.amountFen !== undefined) set.amountFen = input.amountFen
    if (input.termMonths !== undefined) set.termMonths = input.termMonths
    if (input.branch !== undefined) set.branch = input.branch
    if (input.bankId !== undefined) {
      set.bankId = input.bankId
      set.bankName = await bankName(input.bankId)
    }
    for (const [key, value] of Object.entries(input.project ?? {})) if (value !== undefined) set[`project.${key}`] = value
    // The account number is personal data: sealed at rest, masked wherever it is shown.
    if (input.payee) set.payee = { accountName: input.payee.accountName, bankName: input.payee.bankName, accountSealed: encrypt(input.payee.accountNumber), accountMasked: maskBankAccount(input.payee.accountNumber) }
    const existing = input.id ? await load(input.id) : null
    if (existing && existing.applicantId !== user._id) throw notFound('贷款申请不存在')
    // Where: the 户籍 and the project as they will stand after this save.
    const household = input.householdTownshipCode ?? existing?.householdTownshipCode ?? ''
    const projectTownship = input.project?.townshipCode ?? existing?.project.townshipCode ?? ''
    if (input.householdTownshipCode !== undefined && household !== OUTSIDE_CITY && !townshipOf(household)) {
      throw invalid('householdTownshipCode', `请选择户籍所在的${CITY.name}镇街；户籍不在${CITY.name}的，请选「${CITY.name}外」`)
    }
    if (input.project?.townshipCode !== undefined && projectTownship !== OUTSIDE_CITY && !townshipOf(projectTownship)) {
      // The league funds projects in the city, or outside it for a youth whose 户籍 is in it.
      throw invalid('project.townshipCode', household && household !== OUTSIDE_CITY ? `请选择项目所在的${CITY.name}镇街；项目在${CITY.name}外的，请选「${CITY.name}外」并填写所在地` : `创业项目须在${CITY.name}内：请选择项目所在的${CITY.name}镇街`)
    }
    const placeRule = placeProblem({ projectTownshipCode: projectTownship, householdTownshipCode: household }, input.householdTownshipCode !== undefined ? 'householdTownshipCode' : 'project.townshipCode')
    if (placeRule) throw invalid(placeRule.field, placeRule.message)
    if (input.householdTownshipCode !== undefined) set.householdTownshipCode = input.householdTownshipCode
    // A project in the city has no outside place: one typed before is dropped.
    const dropOutside = projectTownship !== OUTSIDE_CITY && (input.project?.townshipCode !== undefined || input.project?.outsidePlace !== undefined)
    if (dropOutside) set['project.outsidePlace'] = ''
    if (input.project?.townshipCode !== undefined || input.householdTownshipCode !== undefined) Object.assign(set, reviewingCounty(projectTownship, household))
    const viewer = (l: LoanDoc) => viewerOf(user, l)
    if (existing) {
      const l = existing
      const step = loanStep(l, viewer(l), 'loan.saveDraft', '修改')
      const next = await write(l, viewer(l), { step, set }, ctx)
      const fresh = { ...next, project: { ...l.project, ...(input.project ?? {}), ...(dropOutside ? { outsidePlace: '' } : {}) } } as LoanDoc
      return detail(fresh, viewer(fresh), ctx)
    }
    const reg = await applicantRegistration(user._id)
    // Who may not apply is told before filling anything in.
    const problem = eligibilityProblem({ birthDate: reg.birthDate, projectType: input.project?.type ?? null }, settings, shanghaiDate(ctx.now))
    if (problem) throw invalid(problem.field, problem.message)
    const id = `L${crypto.randomBytes(8).toString('hex')}`
    try {
      await locks().add({ data: { _id: user._id, loanId: id, at: ctx.now } })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      const { data: lock } = await locks().doc(user._id).get()
      throw conflict('每人同时只能有一笔在办或未结清的贷款：你已有一份进行中的贷款申请，请在原申请中继续', lock?.loanId ? 'id' : undefined)
    }
    const place = reviewingCounty(projectTownship, household)
    const doc: LoanDoc = {
      _id: id,
      version: 1,
      applicantId: user._id,
      applicantOpenid: ctx.openid,
      applicantName: reg.name,
      applicantKind: reg.kind,
      registrationId: reg._id,
      status: 'draft',
      amountFen: input.amountFen ?? null,
      termMonths: input.termMonths ?? null,
      bankId: input.bankId ?? '',
      bankName: (set.bankName as string | undefined) ?? '',
      branch: input.branch ?? '',
      payee: (set.payee as LoanDoc['payee']) ?? null,
      project: {
        type: input.project?.type ?? null,
        title: input.project?.title ?? '',
        townshipCode: input.project?.townshipCode ?? '',
        outsidePlace: projectTownship === OUTSIDE_CITY ? (input.project?.outsidePlace ?? '') : '',
        address: input.project?.address ?? '',
        description: input.project?.description ?? '',
        jobsCreated: input.project?.jobsCreated ?? null,
        householdsHelped: input.project?.householdsHelped ?? null,
      },
      ...(input.householdTownshipCode !== undefined ? { householdTownshipCode: input.householdTownshipCode } : {}),
      ...place,
      documents: [],
      returnedFrom: null,
      returnNote: '',
      rejectReason: '',
      approval: null,
      disbursement: null,
      repayments: [],
      outstandingFen: 0,
      subsidies: [],
      subsidyApprovedFen: 0,
      subsidyDueFrom: '',
      history: [{ at: ctx.now, actorId: user._id, actorName: reg.name, actorRole: '申请人', action: 'create', from: '', to: 'draft', note: '' }],
      bankRouted: false,
      submittedAt: null,
      disbursedOn: '',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    await loans().add({ data: doc })
    return detail(doc, viewer(doc), ctx)
  },

  async attachDocument(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.isApplicant) throw notFound('贷款申请不存在')
    const step = loanStep(l, v, 'loan.attachDocument', '修改材料')
    if (l.documents.filter((d) => d.kind === input.kind).length >= MAX_DOCUMENTS_PER_KIND) throw invalid('kind', `每类材料最多 ${MAX_DOCUMENTS_PER_KIND} 份，请先删除不需要的`)
    const docId = crypto.randomBytes(6).toString('hex')
    const file = await adoptUpload(input.fileId, { userId: v.user._id, field: 'fileId', dest: `loans/${l._id}/${input.kind}-${docId}`, types: DOCUMENT_TYPES, maxBytes: DOCUMENT_MAX_BYTES })
    const document = { id: docId, kind: input.kind, fileId: file.fileId, name: input.name || DOCUMENT_LABELS[input.kind], type: file.type, size: file.size, uploadedAt: ctx.now }
    try {
      const next = await write(l, v, { step, set: { documents: _.push([document]) } }, ctx)
      return detail({ ...next, documents: [...l.documents, document] }, v, ctx)
    } catch (err) {
      await files.remove([file.fileId]).catch(() => undefined)
      throw err
    }
  },

  async removeDocument(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.isApplicant) throw notFound('贷款申请不存在')
    const step = loanStep(l, v, 'loan.removeDocument', '修改材料')
    const document = l.documents.find((d) => d.id === input.documentId)
    if (!document) throw notFound('材料不存在')
    const documents = l.documents.filter((d) => d.id !== input.documentId)
    const next = await write(l, v, { step, set: { documents } }, ctx)
    await files.remove([document.fileId]).catch(() => undefined)
    return detail({ ...next, documents }, v, ctx)
  },

  async submit(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.isApplicant) throw notFound('贷款申请不存在')
    const step = loanStep(l, v, 'loan.submit', '提交')
    const [settings, { data: reg }] = await Promise.all([loadSettings(ctx.now.getTime()), db.collection<RegistrationDoc>(COLLECTIONS.registrations).doc(l.registrationId).get()])
    const missing = missingParts(l, settings.loanCeilingFen)
    if (missing.length > 0) throw invalid(missing[0][0], `请补充：${missing.map(([, w]) => w).join('、')}`)
    // The league's rules as they stand on the day it is sent (they may have changed since the draft).
    const problem = reg ? eligibilityProblem({ birthDate: reg.birthDate, projectType: l.project.type }, settings, shanghaiDate(ctx.now)) : null
    if (problem) throw invalid(problem.field, problem.message)
    // Where, again as it stands: a project outside the city needs a 户籍 in it.
    const placeRule = placeProblem({ projectTownshipCode: l.project.townshipCode, householdTownshipCode: l.householdTownshipCode ?? '' })
    if (placeRule) throw invalid(placeRule.field, placeRule.message)
    const returned = l.status === 'returned'
    const changes = returned && l.submittedTerms ? termChanges(l.submittedTerms, reviewedTerms(l)) : []
    const stage = returned ? resubmissionStage(l, changes) : 'county'
    const to = LOAN_STAGE_STATUS[stage]
    const note = changes.length > 0 ? `修改了：${changes.map((c) => c.text).join('；')}。重新从${LOAN_STAGE_LABELS[stage]}开始` : ''
    const set = {
      status: to,
      submittedAt: l.submittedAt ?? ctx.now,
      returnedFrom: null,
      returnNote: '',
      applicantOpenid: ctx.openid,
      applicantMasked: maskedApplicant(reg),
      submittedTerms: reviewedTerms(l),
      lastChanges: changes.map((c) => c.text),
      // Only a bank still reviewing sees it; a new review before the bank's routes it again.
      bankRouted: stage === 'bank' && l.bankRouted,
    }
    const next = await write(l, v, { step, set, event: { actorRole: '申请人', action: returned ? 'resubmit' : 'submit', from: l.status, to, note } }, ctx)
    await tellApplicant(next, '已提交', `等待${to === 'submitted' ? `${l.countyName}团委` : to === 'city_review' ? '团市委' : l.bankName}审核`)
    return detail(next, v, ctx)
  },

  async withdraw(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.isApplicant) throw notFound('贷款申请不存在')
    const step = loanStep(l, v, 'loan.withdraw', '撤回（银行批准后不能撤回）')
    const next = await write(l, v, { step, set: { status: 'withdrawn' }, event: { actorRole: '申请人', action: 'withdraw', from: l.status, to: 'withdrawn', note: input.reason } }, ctx)
    await releaseLock(next)
    return detail(next, v, ctx)
  },

  async mine(input, ctx) {
    const user = (await ctx.user())!
    const { total, data } = await pageWithTotal(loans().where({ applicantId: user._id }), [['updatedAt', 'desc'], ['_id', 'asc']], input)
    const today = shanghaiDate(ctx.now)
    return { items: data.map((l) => summary(l, today)), total }
  },

  async get(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    return detail(l, v, ctx)
  },

  async revealIdentity(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!(v.county || v.city || v.bank) || l.status === 'draft') throw forbidden('只有审核人员可以查看完整身份信息')
    const { data: reg } = await db.collection<RegistrationDoc>(COLLECTIONS.registrations).doc(l.registrationId).get()
    if (!reg) throw notFound('申请人登记信息不存在')
    // Reading an ID number in clear leaves a trace.
    await audit(ctx.now, { actorId: v.user._id, action: 'pii.read', targetType: 'loan', targetId: l._id, before: null, after: null, reason: '贷款审核查看申请人身份证号、手机号与贴息收款账号' })
    return { idNumber: reg.idSealed ? decrypt(reg.idSealed) : '', mobile: reg.mobile, payeeAccount: l.payee ? decrypt(l.payee.accountSealed) : '' }
  },

  async queue(input, ctx) {
    const user = (await ctx.user())!
    const grants = user.roles
    const city = grants.some((g) => g.role === 'city_admin')
    const counties = grants.filter((g) => g.role === 'county_admin').map((g) => g.scopeId)
    const bankIds = grants.filter((g) => g.role === 'bank_officer').map((g) => g.scopeId)
    const today = shanghaiDate(ctx.now)
    // What the caller reaches at all, and what waits for them (each an alternative of tests).
    const reach: Test[][] = []
    const todo: Test[][] = []
    if (city) {
      reach.push([['status', 'in', SENT_IN]])
      todo.push([['status', 'eq', 'city_review']])
    }
    if (counties.length > 0) {
      reach.push([['status', 'in', SENT_IN], ['countyCode', 'in', counties]])
      todo.push([['status', 'eq', 'submitted'], ['countyCode', 'in', counties]])
    }
    if (bankIds.length > 0) {
      reach.push([['bankId', 'in', bankIds], ['bankRouted', 'eq', true]])
      todo.push([['bankId', 'in', bankIds], ['status', 'in', ['bank_review', 'approved']]])
    }
    const subsidy: Test[][] = city ? [[['status', 'in', [...LENDING]], ['subsidyDueFrom', 'gt', ''], ['subsidyDueFrom', 'lte', today]]] : []
    // Loans with an instalment unpaid after its due date, as the daily check marked them: the city's, the county's, the bank's own.
    const isOverdue: Test[] = [['status', 'in', [...LENDING]], ['overdue.dueOn', 'gt', '']]
    const overdue: Test[][] = []
    if (city) overdue.push(isOverdue)
    if (counties.length > 0) overdue.push([...isOverdue, ['countyCode', 'in', counties]])
    if (bankIds.length > 0) overdue.push([['bankId', 'in', bankIds], ...isOverdue])
    const filters: Test[][][] = []
    if (input.status) filters.push([[['status', 'eq', input.status]]])
    if (input.countyCode) filters.push([[['countyCode', 'eq', input.countyCode]]])
    if (input.projectType) filters.push([[['project.type', 'eq', input.projectType]]])
    if (input.keyword) filters.push([[['applicantName', 'contains', input.keyword]], [['project.title', 'contains', input.keyword]]])
    const view = input.view === 'subsidy' ? subsidy : input.view === 'overdue' ? overdue : input.view === 'todo' ? todo : reach
    // Every part an alternative of conjunctions: the view, then each filter.
    const listed: Test[][][] = [view, ...filters]
    const [{ data }, { list }] = await Promise.all([
      loans()
        .where(view.length > 0 ? asQuery(listed) : { _id: '' })
        .orderBy(input.view === 'all' ? 'updatedAt' : input.view === 'overdue' ? 'overdue.dueOn' : 'submittedAt', input.view === 'all' ? 'desc' : 'asc')
        .orderBy('_id', 'asc')
        .skip((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .get(),
      // The list's total and both badges in one request: the loans any of them reaches (all within
      // the caller's reach, which an index serves), each counted where it belongs.
      [...view, ...todo, ...subsidy, ...overdue].length > 0
        ? loans()
            .aggregate()
            .match(asQuery([[...reach, ...view, ...todo, ...subsidy, ...overdue]]))
            .group({ _id: null, total: $.sum(view.length > 0 ? oneIf(listed) : 0), todo: $.sum(oneIf([todo])), subsidy: $.sum(oneIf([subsidy])), overdue: $.sum(oneIf([overdue])) })
            .end<{ total: number; todo: number; subsidy: number; overdue: number }>()
        : { list: [] },
    ])
    const counts = list[0] ?? { total: 0, todo: 0, subsidy: 0, overdue: 0 }
    return { items: data.map((l) => summary(l, today)), total: counts.total, counts: { todo: counts.todo, subsidy: counts.subsidy, overdue: counts.overdue } }
  },

  async countyDecide(input, ctx) {
    return decide('county', input, ctx)
  },
  async cityDecide(input, ctx) {
    return decide('city', input, ctx)
  },
  async bankDecide(input, ctx) {
    return decide('bank', input, ctx)
  },

  async disburse(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.bank) throw forbidden('只能为本行的贷款登记放款')
    const step = loanStep(l, v, 'loan.disburse', '登记放款')
    if (!l.approval) throw wrongState(l, '登记放款')
    const today = shanghaiDate(ctx.now)
    if (input.disbursedOn > today) throw invalid('disbursedOn', '放款日期不能晚于今天')
    if (input.disbursedOn < shanghaiDate(l.approval.at)) throw invalid('disbursedOn', '放款日期不能早于批准日期')
    if (input.amountFen > l.approval.amountFen) throw invalid('amountFen', `放款金额不能超过批准金额 ${yuan(l.approval.amountFen)}`)
    // The subsidy is computed on this rate: never above what the bank approved.
    if (input.rateBp > l.approval.rateBp) throw invalid('rateBp', `放款利率不能高于批准的年利率 ${(l.approval.rateBp / 100).toFixed(2)}%`)
    const [settings, table] = await Promise.all([loadSettings(ctx.now.getTime()), lprTable()])
    const lpr = lprOn(table, input.disbursedOn)
    if (!lpr) throw conflict('LPR 表中没有放款日适用的报价，请团市委先维护 LPR 表', 'disbursedOn')
    const tenor = lprTenor(l.approval.termMonths)
    const lprBp = tenor === '1y' ? lpr.oneYearBp : lpr.fiveYearBp
    const disbursement: NonNullable<LoanDoc['disbursement']> = {
      amountFen: input.amountFen,
      disbursedOn: input.disbursedOn,
      maturityOn: addMonths(input.disbursedOn, l.approval.termMonths),
      rateBp: input.rateBp,
      repaymentType: input.repaymentType,
      lprDate: lpr.effectiveDate,
      lprTenor: tenor,
      lprBp,
      spreadBp: settings.subsidySpreadBp,
      subsidyRateBp: subsidyRate(input.rateBp, lprBp, settings.subsidySpreadBp),
      dayBasis: settings.subsidyDayBasis,
      at: ctx.now,
      by: v.user._id,
    }
    const state = subsidyState({ disbursement, repayments: [], subsidies: [], outstandingFen: input.amountFen }, settings.overdueSubsidyRule)
    // The contract's schedule, fixed at disbursement (see types/loan-rules.ts repaymentSchedule).
    const schedule = repaymentSchedule({ amountFen: input.amountFen, disbursedOn: input.disbursedOn, maturityOn: disbursement.maturityOn, rateBp: input.rateBp, repaymentType: input.repaymentType })
    const note = `放款 ${yuan(input.amountFen)}，${REPAYMENT_LABELS[input.repaymentType]}，年利率 ${(input.rateBp / 100).toFixed(2)}%，贴息利率 ${(disbursement.subsidyRateBp / 100).toFixed(2)}%`
    const next = await write(
      l,
      v,
      { step, set: { status: 'disbursed', disbursement, disbursedOn: input.disbursedOn, outstandingFen: input.amountFen, subsidyDueFrom: state.dueFrom, schedule, nextDueOn: schedule[0].dueOn, overdue: null, arrearsHistory: [] }, event: { actorRole: actorRole(v, 'bank_post', l), action: 'disburse', from: l.status, to: 'disbursed', note } },
      ctx,
    )
    await tellApplicant(next, '已放款', `${yuan(input.amountFen)}，${schedule.length} 期，可查看还款与贴息计划`)
    return detail(next, v, ctx)
  },

  async recordRepayment(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.bank) throw forbidden('只能为本行的贷款登记还款')
    // The same entry sent again (a retry, a double tap): recorded once, answered as it stands.
    if (input.requestId && l.repayments.some((r) => r.requestId === input.requestId)) return detail(l, v, ctx)
    const step = loanStep(l, v, 'loan.recordRepayment', '登记还款')
    if (!l.disbursement) throw wrongState(l, '登记还款')
    // Paid off (its last subsidy periods still to approve): nothing more is owed, principal or interest.
    if (l.outstandingFen === 0) throw conflict('贷款本金已全部还清，不能再登记还款', 'principalFen')
    const today = shanghaiDate(ctx.now)
    if (input.date > today) throw invalid('date', '还款日期不能晚于今天')
    // The disbursement day itself may see a repayment (a loan repaid at once accrues nothing).
    if (input.date < l.disbursement.disbursedOn) throw invalid('date', '还款日期不能早于放款日期')
    const lastApproved = l.subsidies[l.subsidies.length - 1]
    if (lastApproved && input.date <= lastApproved.end) throw invalid('date', `${lastApproved.end} 及以前的贴息已核准，不能补登此前的还款`)
    if (input.principalFen > l.outstandingFen) throw invalid('principalFen', `归还本金不能超过剩余本金 ${yuan(l.outstandingFen)}`)
    const settings = await loadSettings(ctx.now.getTime())
    const repayment: Repayment = { date: input.date, principalFen: input.principalFen, interestFen: input.interestFen, note: input.note, at: ctx.now, by: v.user._id, ...(input.requestId ? { requestId: input.requestId } : {}) }
    const repayments = [...l.repayments, repayment]
    const outstandingFen = l.outstandingFen - input.principalFen
    // Arrears this repayment settles are cleared as of its date (only the daily check marks them).
    const rec = standing({ ...l, repayments }, today)!
    const arrears = arrearsFields(l, rec, { mark: false, clearedOn: input.date })
    const state = subsidyState({ ...l, ...arrears, repayments, outstandingFen }, settings.overdueSubsidyRule)
    const set: Record<string, unknown> = { repayments: _.push([repayment]), outstandingFen, subsidyDueFrom: state.dueFrom, ...arrears }
    const closes = state.settled
    if (closes) set.status = 'closed'
    const timing = REPAYMENT_TIMING_LABELS[rec.timings[repayments.length - 1]]
    const paid = [input.principalFen > 0 ? `本金 ${yuan(input.principalFen)}` : '', input.interestFen > 0 ? `利息 ${yuan(input.interestFen)}` : ''].filter(Boolean).join('、')
    const note = `${input.date} 归还${paid}（${timing}），剩余本金 ${yuan(outstandingFen)}${input.note ? `。${input.note}` : ''}`
    let next: LoanDoc
    try {
      next = await write(l, v, { step, set, event: { actorRole: actorRole(v, 'bank_post', l), action: 'repay', from: l.status, to: closes ? 'closed' : l.status, note } }, ctx)
    } catch (err) {
      return detail(await sameEntryWon(err, l._id, (f) => !!input.requestId && f.repayments.some((r) => r.requestId === input.requestId)), v, ctx)
    }
    const fresh: LoanDoc = { ...next, repayments, ...arrears }
    if (closes) {
      await releaseLock(fresh)
      await tellApplicant(fresh, '已结清', '贷款已结清，贴息已全部核准')
    } else {
      // A receipt for each repayment the bank records: what was repaid and what remains.
      await tellApplicant(fresh, '还款已登记', `归还${paid}，剩余 ${yuan(outstandingFen)}`)
    }
    return detail(fresh, v, ctx)
  },

  async approveSubsidy(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.city) throw forbidden()
    const step = loanStep(l, v, 'loan.approveSubsidy', '核准贴息')
    const settings = await loadSettings(ctx.now.getTime())
    const periods = subsidyPeriods(subsidyTermsOf(l, settings.overdueSubsidyRule)!)
    const index = periods.findIndex((p) => p.key === input.period)
    if (index === -1) throw invalid('period', '该贷款没有这一期贴息')
    if (index < l.subsidies.length) throw conflict('该期贴息已核准')
    if (index > l.subsidies.length) throw conflict(`请先核准 ${periods[l.subsidies.length].key} 的贴息`)
    const period = periods[index]
    const today = shanghaiDate(ctx.now)
    if (period.end >= today) throw conflict(`该期到 ${period.end} 结束，结束后才能核准`)
    // What the arrears cost the period is kept with it: the statement says why it is less.
    const entry = { key: period.key, start: period.start, end: period.end, amountFen: period.amountFen, forfeitedFen: period.forfeitedFen, at: ctx.now, by: v.user._id, byName: v.name }
    const subsidies = [...l.subsidies, entry]
    const state = subsidyState({ ...l, subsidies }, settings.overdueSubsidyRule)
    const to: LoanStatus = state.settled ? 'closed' : 'in_subsidy'
    const next = await write(
      l,
      v,
      {
        step,
        set: { subsidies: _.push([entry]), subsidyApprovedFen: _.inc(period.amountFen), subsidyDueFrom: state.dueFrom, status: to },
        event: { actorRole: ROLE_LABELS.city_admin, action: 'approve_subsidy', from: l.status, to, note: `核准 ${period.key}（${period.start} 至 ${period.end}，${period.days} 天）贴息 ${yuan(period.amountFen)}${period.overdueDays > 0 ? `；逾期 ${period.overdueDays} 天，少贴 ${yuan(period.forfeitedFen)}` : ''}` },
      },
      ctx,
    )
    const fresh = { ...next, subsidies, subsidyApprovedFen: l.subsidyApprovedFen + period.amountFen }
    if (to === 'closed') await releaseLock(fresh)
    await tellApplicant(fresh, '贴息已核准', `${period.key} 贴息 ${yuan(period.amountFen)}`)
    return detail(fresh, v, ctx)
  },

  async recordSubsidyPayment(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.city) throw forbidden()
    if (!LENT.includes(l.status)) throw wrongState(l, '登记贴息拨付')
    const period = l.subsidies.find((s) => s.key === input.period)
    if (!period) throw conflict(`${input.period} 的贴息尚未核准，核准后才能登记拨付`, 'period')
    const paid = l.subsidyPayments ?? []
    const already = paid.find((p) => p.key === input.period)
    if (already) {
      // The same transfer recorded again (a retry): answered as it stands; another is refused.
      if (already.transferRef === input.transferRef && already.paidOn === input.paidOn) return detail(l, v, ctx)
      throw conflict(`该期贴息已于 ${already.paidOn} 拨付（凭证号 ${already.transferRef}）`, 'period')
    }
    const next = nextUnpaid(l)!
    if (next.key !== input.period) throw conflict(`请先登记 ${next.key} 的贴息拨付`, 'period')
    if (input.paidOn > shanghaiDate(ctx.now)) throw invalid('paidOn', '拨付日期不能晚于今天')
    if (input.paidOn < shanghaiDate(period.at)) throw invalid('paidOn', `拨付日期不能早于核准日期 ${shanghaiDate(period.at)}`)
    const payment: SubsidyPayment = { key: period.key, paidOn: input.paidOn, transferRef: input.transferRef, amountFen: period.amountFen, at: ctx.now, by: v.user._id, byName: v.name }
    const event: LoanEvent = { at: ctx.now, actorId: v.user._id, actorName: v.name, actorRole: ROLE_LABELS.city_admin, action: 'pay_subsidy', from: l.status, to: l.status, note: `${period.key} 贴息 ${yuan(period.amountFen)} 已于 ${input.paidOn} 拨付，凭证号 ${input.transferRef}` }
    // The period's approved → paid: the loan's status stays.
    let fresh: LoanDoc
    try {
      fresh = await writeBeside(l, { subsidyPayments: [...paid, payment] }, event, ctx)
    } catch (err) {
      // The same transfer recorded twice at once: the other call recorded it.
      return detail(await sameEntryWon(err, l._id, (f) => (f.subsidyPayments ?? []).some((p) => p.key === input.period && p.transferRef === input.transferRef && p.paidOn === input.paidOn)), v, ctx)
    }
    await audit(ctx.now, { actorId: v.user._id, action: 'loan.pay_subsidy', targetType: 'loan', targetId: l._id, before: { period: period.key, paid: false }, after: { period: period.key, paidOn: input.paidOn, transferRef: input.transferRef }, reason: event.note })
    await tellApplicant(fresh, '贴息已拨付', `${period.key} 贴息 ${yuan(period.amountFen)}，${input.paidOn} 拨付`)
    return detail(fresh, v, ctx)
  },

  async reportOutcome(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.isApplicant) throw notFound('贷款申请不存在')
    const outcome = (l.outcomes ?? []).find((o) => o.year === input.year)
    if (!outcome) throw conflict(`放款满 ${input.year} 年后才能填报这一年的成效`, 'year')
    if (outcome.confirmed) throw conflict('这一年的成效已由县团委核实，不能再修改', 'year')
    const reported = { jobsCreated: input.jobsCreated, householdsHelped: input.householdsHelped, note: input.note, at: ctx.now, by: v.user._id }
    const outcomes = (l.outcomes ?? []).map((o) => (o.year === input.year ? { ...o, reported } : o))
    const event: LoanEvent = { at: ctx.now, actorId: v.user._id, actorName: v.name, actorRole: '申请人', action: 'report_outcome', from: l.status, to: l.status, note: `第 ${input.year} 年成效：带动就业 ${input.jobsCreated} 人，帮扶困难户 ${input.householdsHelped} 户${input.note ? `。${input.note}` : ''}` }
    return detail(await writeBeside(l, { outcomes }, event, ctx), v, ctx)
  },

  async confirmOutcome(input, ctx) {
    const { l, v } = await loadFor(input.id, ctx)
    if (!v.county) throw forbidden('只能核实本县（市、区）项目的成效')
    const outcome = (l.outcomes ?? []).find((o) => o.year === input.year)
    if (!outcome?.reported) throw conflict('申请人尚未填报这一年的成效', 'year')
    if (outcome.confirmed) throw conflict('这一年的成效已核实', 'year')
    const confirmed = { jobsCreated: input.jobsCreated, householdsHelped: input.householdsHelped, at: ctx.now, by: v.user._id, byName: v.name }
    const outcomes = (l.outcomes ?? []).map((o) => (o.year === input.year ? { ...o, confirmed } : o))
    // The reports count the latest year confirmed.
    const latest = Math.max(input.year, ...(l.outcomes ?? []).filter((o) => o.confirmed).map((o) => o.year))
    const figures = latest === input.year ? { confirmedJobs: input.jobsCreated, confirmedHouseholds: input.householdsHelped } : {}
    const corrected = input.jobsCreated !== outcome.reported.jobsCreated || input.householdsHelped !== outcome.reported.householdsHelped ? `（申请人填报 ${outcome.reported.jobsCreated} 人、${outcome.reported.householdsHelped} 户）` : ''
    const event: LoanEvent = { at: ctx.now, actorId: v.user._id, actorName: v.name, actorRole: actorRole(v, 'county', l), action: 'confirm_outcome', from: l.status, to: l.status, note: `核实第 ${input.year} 年成效：带动就业 ${input.jobsCreated} 人，帮扶困难户 ${input.householdsHelped} 户${corrected}` }
    const next = await writeBeside(l, { outcomes, ...figures }, event, ctx)
    await audit(ctx.now, { actorId: v.user._id, action: 'loan.confirm_outcome', targetType: 'loan', targetId: l._id, before: { reported: { jobs: outcome.reported.jobsCreated, households: outcome.reported.householdsHelped } }, after: { confirmed: { jobs: input.jobsCreated, households: input.householdsHelped } }, reason: event.note })
    await tellApplicant(next, '成效已核实', `第 ${input.year} 年：就业 ${input.jobsCreated} 人，帮扶 ${input.householdsHelped} 户`)
    return detail(next, v, ctx)
  },

  async subsidyStatement(input, ctx) {
    return subsidyStatement(await reportScope(ctx, input.countyCode), input, shanghaiDate(ctx.now))
  },

  async exportSubsidyStatement(input, ctx) {
    const counties = await reportScope(ctx, input.countyCode)
    return subsidyStatementWorkbook(counties, await subsidyStatement(counties, input, shanghaiDate(ctx.now)))
  },

  async lprList() {
    return { items: await lprTable() }
  },

  async lprSave(input, ctx) {
    const user = (await ctx.user())!
    const { data: before } = await lprRates().doc(input.effectiveDate).get()
    await lprRates().doc(input.effectiveDate).set({ data: { oneYearBp: input.oneYearBp, fiveYearBp: input.fiveYearBp, updatedBy: user._id, updatedAt: ctx.now } })
    await audit(ctx.now, { actorId: user._id, action: 'lpr.save', targetType: 'lpr', targetId: input.effectiveDate, before: before ? { oneYearBp: before.oneYearBp, fiveYearBp: before.fiveYearBp } : null, after: { oneYearBp: input.oneYearBp, fiveYearBp: input.fiveYearBp }, reason: '维护 LPR 表' })
    return { items: await lprTable() }
  },

  async lprRemove(input, ctx) {
    const user = (await ctx.user())!
    // Only a disbursed loan has an LPR date (the status narrows the count to them, by its index).
    const { total } = await loans().where({ status: _.in(LENT), 'disbursement.lprDate': input.effectiveDate }).count()
    if (total > 0) throw conflict(`已有 ${total} 笔放款按这一期 LPR 计算贴息，不能删除`, 'effectiveDate')
    const { stats } = await lprRates().doc(input.effectiveDate).remove()
    if (stats.removed !== 1) throw notFound('没有这一期 LPR')
    await audit(ctx.now, { actorId: user._id, action: 'lpr.remove', targetType: 'lpr', targetId: input.effectiveDate, before: null, after: null, reason: '维护 LPR 表' })
    return { items: await lprTable() }
  },

  async lprImportPublished(_input, ctx) {
    const user = (await ctx.user())!
    const existing = new Set((await lprTable()).map((r) => r.effectiveDate))
    const missing = PUBLISHED_LPR.filter((r) => !existing.has(r.effectiveDate))
    for (const r of missing) {
      try {
        await lprRates().add({ data: { _id: r.effectiveDate, oneYearBp: r.oneYearBp, fiveYearBp: r.fiveYearBp, updatedBy: user._id, updatedAt: ctx.now } })
      } catch (err) {
        if (!isDuplicateKey(err)) throw err
      }
    }
    if (missing.length > 0) await audit(ctx.now, { actorId: user._id, action: 'lpr.import', targetType: 'lpr', targetId: 'published', before: null, after: { added: missing.length }, reason: '导入公布的 LPR' })
    return { items: await lprTable(), added: missing.length }
  },

  async report(input, ctx) {
    return buildReport(ctx, input)
  },

  async exportReport(input, ctx) {
    const report = await buildReport(ctx, input)
    const money = (fen: number) => fen / 1_000_000
    const countyRow = (r: LoanReportRow) => ({
      countyName: r.countyName,
      applications: r.applications,
      loans: r.loans,
      lent: money(r.lentFen),
      subsidy: Math.round(r.subsidyFen) / 100,
      projects: r.projects,
      jobs: r.jobsCreated,
      households: r.householdsHelped,
      jobsConfirmed: r.jobsConfirmed,
      householdsConfirmed: r.householdsConfirmed,
    })
    const totalRow = countyRow({ ...report.total, countyName: `合计（${report.total.countyName}）` })
    const file = await exportWorkbook(`创业贷款统计-${report.from}至${report.to}.xlsx`, [
      {
        title: '按县（市、区）',
        columns: [
          col('县（市、区）', 'countyName', 16),
          col('申请（笔）', 'applications', 12),
          col('放款（笔）', 'loans', 12),
          col('放款金额（万元）', 'lent', 18),
          col('核准贴息（元）', 'subsidy', 16),
          col('扶持项目（个）', 'projects', 14),
          col('带动就业（人）', 'jobs', 14),
          col('帮扶困难户（户）', 'households', 16),
        ],
        rows: [...report.byCounty.map(countyRow), totalRow],
      },
      {
        title: '按项目类型',
        columns: [
          col('项目类型', 'type', 20),
          col('放款（笔）', 'loans', 12),
          col('放款金额（万元）', 'lent', 18),
        ],
        rows: report.byType.map((t) => ({ type: PROJECT_TYPE_LABELS[t.type], loans: t.loans, lent: money(t.lentFen) })),
      },
      {
        title: '申请状态',
        columns: [
          col('状态', 'status', 20),
          col('申请（笔）', 'count', 12),
        ],
        rows: report.byStatus.map((s) => ({ status: LOAN_STATUS_LABELS[s.status], count: s.count })),
      },
      {
        // What the projects promised, beside what the counties confirmed a year or two on.
        title: '项目成效',
        columns: [
          col('县（市、区）', 'countyName', 16),
          col('承诺带动就业（人）', 'jobs', 18),
          col('核实带动就业（人）', 'jobsConfirmed', 18),
          col('承诺帮扶困难户（户）', 'households', 20),
          col('核实帮扶困难户（户）', 'householdsConfirmed', 20),
        ],
        rows: [...report.byCounty.map(countyRow), totalRow],
      },
    ])
    return { ...file, rows: report.byCounty.length }
  },
}, { tellLoanStaffWhatWaits, followUpRepayments, askForOutcomes, lapseUndisbursedLoans })

/**
 * Each morning, whoever has applications waiting is told how many (the long-term 待办 template,
 * and 消息), once a day however often this runs: county admins the applications sent in from
 * their county, city admins those at the city's review, each bank's officers those to approve
 * or to disburse, and city admins the loans whose subsidy period is due for approval. One grouped
 * read (its groups are county × state and bank × state, a few dozen) and one count.
 */
async function tellLoanStaffWhatWaits(now: Date): Promise<Record<string, unknown>> {
  if (!(await claimReminder(`digest:loans:${shanghaiDate(now)}`, now))) return { told: 0 }
  const today = shanghaiDate(now)
  const [{ list }, subsidyDue] = await Promise.all([
    loans()
      .aggregate()
      .match({ status: _.in(['submitted', 'city_review', 'bank_review', 'approved']) })
      .group({ _id: { status: '$status', county: '$countyCode', bank: '$bankId' }, bankName: $.first('$bankName'), n: $.sum(1) })
      .limit(1000)
      .end<{ _id: { status: LoanStatus; county: string; bank: string }; bankName: string; n: number }>(),
    // Loans with a subsidy period ended and not yet approved (the city's 待核准贴息).
    loans().where({ subsidyDueFrom: _.gt('').and(_.lte(today)), status: _.in([...LENDING]) }).count(),
  ])
  const tally = (key: (g: (typeof list)[number]) => string | null, name: (g: (typeof list)[number]) => string) => {
    const byCode = new Map<string, { code: string; name: string; n: number }>()
    for (const g of list) {
      const code = key(g)
      if (!code) continue
      const entry = byCode.get(code) ?? { code, name: name(g), n: 0 }
      entry.n += g.n
      byCode.set(code, entry)
    }
    return [...byCode.values()]
  }
  const county = tally((g) => (g._id.status === 'submitted' ? g._id.county : null), (g) => countyName(g._id.county) ?? g._id.county)
  const city = tally((g) => (g._id.status === 'city_review' ? CITY.code : null), () => CITY.name)
  const bank = tally((g) => (g._id.status === 'bank_review' || g._id.status === 'approved' ? g._id.bank : null), (g) => g.bankName)
  const told = await Promise.all([
    tellWhatWaits('county_admin', county, { title: '创业贷款申请待县级审核', page: LENDING_PAGE }, now),
    tellWhatWaits('city_admin', city, { title: '创业贷款申请待市级审核', page: LENDING_PAGE }, now),
    tellWhatWaits('bank_officer', bank, { title: '创业贷款待审批或放款', page: BANK_PAGE }, now),
    tellWhatWaits('city_admin', subsidyDue.total ? [{ code: CITY.code, name: CITY.name, n: subsidyDue.total }] : [], { title: '创业贷款贴息待核准', page: LENDING_PAGE }, now),
  ])
  return { told: told.reduce((a, b) => a + b, 0) }
}
