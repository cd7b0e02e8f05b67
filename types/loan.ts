// The `loan` function: rural youth entrepreneurship micro-loans with an interest subsidy
// (农村青年创业小额贴息贷款). An applicant drafts and submits; the county league, the city league
// and the chosen bank review in turn; the bank disburses and records repayments; the city
// league keeps the LPR table and approves each period's subsidy.
import { action, CloudFileId, freeText, PageInput, pageOf, personName, text } from './common'
import { BANK_ACCOUNT_PATTERN, isRealDate, normalizeBankAccount } from './personal'
import { INSTALMENT_STATUSES, OUTSIDE_CITY, REPAYMENT_TIMINGS, SCHEDULE_INTEREST_BASIS } from './loan-rules'
import {
  DOCUMENT_KINDS,
  LOAN_STAGES,
  LOAN_STATUSES,
  PROJECT_TYPES,
  REPAYMENT_TYPES,
  type DocumentKind,
  type LoanStage,
  type LoanStatus,
  type ProjectType,
  type RepaymentType,
} from './vocabulary'
import * as z from './zod'

export { DOCUMENT_KINDS, LOAN_STAGES, LOAN_STATUSES, PROJECT_TYPES, REPAYMENT_TYPES, type DocumentKind, type LoanStage, type LoanStatus, type ProjectType, type RepaymentType }

const loanId = z.string({ error: '缺少申请' }).describe('申请').regex(/^L[0-9a-f]{16}$/, '申请编号无效')
const bankId = z.string({ error: '请选择贷款银行' }).describe('贷款银行').regex(/^[A-Za-z0-9_-]{2,40}$/, '请选择贷款银行')
const ymd = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .describe(label)
    .refine(isRealDate, `${label}不是有效日期`)
const countyCode = z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效')
/** Money on the wire is integer fen. */
const fen = (label: string, min: number) =>
  z
    .number({ error: `请填写${label}` })
    .describe(label)
    .int(`${label}应精确到分`)
    .min(min, `${label}至少 ${min / 100} 元`)
    .max(1_000_000_000, `${label}过大`)
/** An annual rate in basis points (1 bp = 0.01 %). */
const rateBp = z
  .number({ error: '请填写执行年利率' })
  .describe('执行年利率')
  .int('利率以基点计（1 基点 = 0.01%）')
  .min(1, '执行年利率应大于 0')
  .max(2400, '执行年利率不能超过 24%')
const termMonths = z.number({ error: '请填写贷款期限' }).describe('贷款期限').int('贷款期限以月计').min(3, '贷款期限至少 3 个月').max(120, '贷款期限最长 120 个月')
const note = (label: string) => freeText(label, 300)

/** A township of the city (9 digits) or 「清远市外」 (OUTSIDE_CITY). */
const placeCode = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .describe(label)
    .regex(new RegExp(`^(\\d{9}|${OUTSIDE_CITY})$`), `请选择${label}`)

/** The application's project: what the money is for, where, and what it does for the village. */
export const ProjectInput = z.object({
  type: z.enum(PROJECT_TYPES, { error: '请选择项目类型' }).describe('项目类型'),
  title: text('项目名称', 40, 2),
  /** A township of the city, or OUTSIDE_CITY (allowed only with a 户籍 in the city; see placeProblem). */
  townshipCode: placeCode('项目所在镇街'),
  /** Where a project outside the city is: province, city and county in words ('' for a project in the city). */
  outsidePlace: text('项目所在地（省、市、县）', 40, 4),
  address: text('项目地址', 80, 2),
  description: text('项目简介', 1000, 20),
  jobsCreated: z.number({ error: '请填写带动就业人数' }).describe('带动就业人数').int('人数应为整数').min(0, '人数不能为负').max(10_000, '人数过大'),
  householdsHelped: z.number({ error: '请填写帮扶困难户数' }).describe('帮扶困难户数').int('户数应为整数').min(0, '户数不能为负').max(10_000, '户数过大'),
})
export type ProjectInput = z.infer<typeof ProjectInput>

/** A draft saves whatever is filled in so far; every value given is checked, completeness at submit. */
/** Where the subsidy is paid: the applicant's own account. */
export const PayeeInput = z.object({
  accountName: personName().describe('户名'),
  bankName: text('开户行', 40, 4).describe('开户行'),
  accountNumber: z
    .string({ error: '请填写银行账号' })
    .describe('银行账号')
    .transform(normalizeBankAccount)
    .pipe(z.string().regex(BANK_ACCOUNT_PATTERN, '银行账号应为 12–30 位数字')),
})

export const DraftInput = z.object({
  id: loanId.optional(),
  amountFen: fen('申请金额', 100_000).optional(),
  termMonths: termMonths.optional(),
  bankId: bankId.optional(),
  branch: freeText('经办网点', 40).optional(),
  project: ProjectInput.partial().optional(),
  payee: PayeeInput.optional(),
  /** The applicant's 户籍所在地: a township of the city or 「清远市外」 (kept on the loan; no more personal than a township). */
  householdTownshipCode: placeCode('户籍所在地').optional(),
})

export const LoanDocumentView = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  name: z.string(),
  type: z.string(),
  size: z.number(),
  /** A temporary link (reviewers and the applicant only). */
  url: z.string(),
  uploadedAt: z.string(),
})
export type LoanDocumentView = z.infer<typeof LoanDocumentView>

export const LoanEventView = z.object({
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  note: z.string(),
})
export type LoanEventView = z.infer<typeof LoanEventView>

export const SubsidyPeriodView = z.object({
  /** '2026-Q3'. */
  key: z.string(),
  start: z.string(),
  /** The last day of the period (inclusive). */
  end: z.string(),
  days: z.number(),
  /** Principal outstanding at the start and the end of the period. */
  openingFen: z.number(),
  closingFen: z.number(),
  amountFen: z.number(),
  /** Days of the period the loan was overdue, the subsidy they cost, and why, in words ('' when none). */
  overdueDays: z.number(),
  forfeitedFen: z.number(),
  forfeitNote: z.string(),
  /** projected: not over yet; due: over, awaiting the league; approved: the league approved payment (paid once paidOn is set). */
  status: z.enum(['projected', 'due', 'approved']),
  approvedAt: z.string(),
  approvedBy: z.string(),
  /** The transfer's date and reference ('' until paid). */
  paidOn: z.string(),
  transferRef: z.string(),
})
export type SubsidyPeriodView = z.infer<typeof SubsidyPeriodView>

export const DisbursementView = z.object({
  amountFen: z.number(),
  disbursedOn: z.string(),
  maturityOn: z.string(),
  rateBp: z.number(),
  repaymentType: z.enum(REPAYMENT_TYPES),
  /** The LPR in force on the disbursement date, and which tenor. */
  lprDate: z.string(),
  lprTenor: z.enum(['1y', '5y']),
  lprBp: z.number(),
  /** The subsidised rate: min(actual rate, LPR + spread). */
  subsidyRateBp: z.number(),
  spreadBp: z.number(),
  dayBasis: z.number(),
  /** The day count of the instalments' interest (the banks' monthly 30/360). */
  instalmentInterestBasis: z.literal(SCHEDULE_INTEREST_BASIS),
})

/** One instalment of the repayment schedule, and where it stands against what was repaid. */
export const InstalmentView = z.object({
  number: z.number(),
  dueOn: z.string(),
  months: z.number(),
  /** As the contract set them at disbursement. */
  principalFen: z.number(),
  interestFen: z.number(),
  totalFen: z.number(),
  /** The interest owed on what was really outstanding (less after early repayment, more after late). */
  interestDueFen: z.number(),
  paidPrincipalFen: z.number(),
  paidInterestFen: z.number(),
  status: z.enum(INSTALMENT_STATUSES),
  paidOn: z.string(),
})
export type InstalmentView = z.infer<typeof InstalmentView>

/** A project's outcome a year (or two) after disbursement: what the applicant reported and what the county confirmed. */
export const OutcomeView = z.object({
  year: z.number(),
  askedOn: z.string(),
  reported: z.object({ jobsCreated: z.number(), householdsHelped: z.number(), note: z.string(), at: z.string() }).nullable(),
  confirmed: z.object({ jobsCreated: z.number(), householdsHelped: z.number(), byName: z.string(), at: z.string() }).nullable(),
})
export type OutcomeView = z.infer<typeof OutcomeView>

/** An instalment unpaid after its due date: since when the loan is overdue, how long, how much. */
export const OverdueView = z.object({ since: z.string(), dueOn: z.string(), daysPastDue: z.number(), amountFen: z.number() })

export const RepaymentView = z.object({
  date: z.string(),
  principalFen: z.number(),
  interestFen: z.number(),
  outstandingFen: z.number(),
  /** Against the schedule on its date. */
  timing: z.enum(REPAYMENT_TIMINGS),
  note: z.string(),
  recordedAt: z.string(),
})

export const LoanSummary = z.object({
  id: z.string(),
  status: z.enum(LOAN_STATUSES),
  applicantName: z.string(),
  amountFen: z.number(),
  termMonths: z.number(),
  projectType: z.enum(PROJECT_TYPES).nullable(),
  projectTitle: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  townshipName: z.string(),
  /** The project's place in words: 「清城区 · 凤城街道」, or 「清远市外 · 广东省广州市从化区」 ('' until chosen). */
  projectPlace: z.string(),
  bankId: z.string(),
  bankName: z.string(),
  outstandingFen: z.number(),
  /** A subsidy period is over and awaits the league's approval. */
  subsidyDue: z.boolean(),
  /** Days past due of the earliest unpaid instalment, as the daily check found it (0: not overdue). */
  overdueDays: z.number(),
  submittedAt: z.string(),
  updatedAt: z.string(),
})
export type LoanSummary = z.infer<typeof LoanSummary>

export const LoanDetail = LoanSummary.extend({
  applicantIdMasked: z.string(),
  applicantMobileMasked: z.string(),
  branch: z.string(),
  /** The account the subsidy is paid to, masked (read in clear through revealIdentity, logged). */
  payee: z.object({ accountName: z.string(), bankName: z.string(), accountMasked: z.string() }).nullable(),
  project: z.object({
    type: z.enum(PROJECT_TYPES).nullable(),
    title: z.string(),
    townshipCode: z.string(),
    outsidePlace: z.string(),
    address: z.string(),
    description: z.string(),
    jobsCreated: z.number().nullable(),
    householdsHelped: z.number().nullable(),
  }),
  /** The 户籍所在地: a township code, 'outside' or '' (not stated), and in words. */
  householdTownshipCode: z.string(),
  householdPlace: z.string(),
  /** Whose county reviews it (countyCode): the project's, or the 户籍's for a project outside the city (null until known). */
  reviewBasis: z.enum(['project', 'household']).nullable(),
  documents: z.array(LoanDocumentView),
  /** What a reviewer asked for when returning it, or why it was rejected. */
  returnNote: z.string(),
  rejectReason: z.string(),
  /** What the applicant changed before resubmitting (reviewers see it until the next decision). */
  lastChanges: z.array(z.string()),
  approval: z.object({ amountFen: z.number(), rateBp: z.number(), termMonths: z.number(), at: z.string() }).nullable(),
  disbursement: DisbursementView.nullable(),
  repayments: z.array(RepaymentView),
  /** The repayment schedule (empty until disbursed). */
  instalments: z.array(InstalmentView),
  overdue: OverdueView.nullable(),
  /** Asked one and two years after disbursement: jobs and households as reported and as the county confirmed. */
  outcomes: z.array(OutcomeView),
  /** The subsidy periods: computed, approved, paid (the statement). */
  schedule: z.array(SubsidyPeriodView),
  subsidyApprovedFen: z.number(),
  subsidyPaidFen: z.number(),
  subsidyProjectedFen: z.number(),
  history: z.array(LoanEventView),
  /** What the caller may do with it now (the function checks again). */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    decide: z.enum(LOAN_STAGES).nullable(),
    disburse: z.boolean(),
    repay: z.boolean(),
    approveSubsidy: z.boolean(),
    /** The outcome year the caller may report (the applicant) or confirm (the county), 0 when none. */
    reportOutcome: z.number(),
    confirmOutcome: z.number(),
    /** The key of the approved period the city may record as paid next ('' when none). */
    paySubsidy: z.string(),
    revealIdentity: z.boolean(),
  }),
  /** What submit still needs, in words (empty when complete). */
  missing: z.array(z.string()),
  ceilingFen: z.number(),
})
export type LoanDetail = z.infer<typeof LoanDetail>

export const LprRow = z.object({ effectiveDate: z.string(), oneYearBp: z.number(), fiveYearBp: z.number() })
export type LprRow = z.infer<typeof LprRow>

const decisionBase = {
  id: loanId,
  decision: z.enum(['approve', 'reject', 'return'], { error: '请选择审核结果' }).describe('审核结果'),
  note: note('审核意见').default(''),
}
const needsNote = (d: { decision: string; note: string }) => d.decision === 'approve' || d.note.length >= 2
const NOTE_REQUIRED = { message: '不通过或退回补充材料时，请写明理由（至少 2 个字）', path: ['note'] }

const reportInput = z
  .object({ from: ymd('开始日期').optional(), to: ymd('结束日期').optional(), countyCode: countyCode.optional() })
  .refine((r) => !r.from || !r.to || r.to >= r.from, { message: '结束日期不能早于开始日期', path: ['to'] })

const ReportRow = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  applications: z.number(),
  loans: z.number(),
  lentFen: z.number(),
  subsidyFen: z.number(),
  projects: z.number(),
  jobsCreated: z.number(),
  householdsHelped: z.number(),
  /** What the counties confirmed a year or two on (the latest confirmed year of each loan), beside the promised figures above. */
  jobsConfirmed: z.number(),
  householdsConfirmed: z.number(),
})
export type LoanReportRow = z.infer<typeof ReportRow>

export const LoanReport = z.object({
  from: z.string(),
  to: z.string(),
  byStatus: z.array(z.object({ status: z.enum(LOAN_STATUSES), count: z.number() })),
  byCounty: z.array(ReportRow),
  byType: z.array(z.object({ type: z.enum(PROJECT_TYPES), loans: z.number(), lentFen: z.number() })),
  total: ReportRow,
})
export type LoanReport = z.infer<typeof LoanReport>

const subsidyPeriodKey = z.string({ error: '请选择贴息期' }).describe('贴息期').regex(/^\d{4}-Q[1-4]$/, '贴息期无效')
const requestId = z.string({ error: '缺少请求编号' }).describe('请求编号').regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效')

const statementInput = z
  .object({ from: subsidyPeriodKey.describe('起始贴息期').optional(), to: subsidyPeriodKey.describe('截止贴息期').optional(), countyCode: countyCode.optional() })
  .refine((r) => !r.from || !r.to || r.to >= r.from, { message: '截止贴息期不能早于起始贴息期', path: ['to'] })

/** Per subsidy period: what the league approved and what the city has paid (the finance department's statement). */
export const SubsidyStatement = z.object({
  from: z.string(),
  to: z.string(),
  periods: z.array(z.object({ period: z.string(), loans: z.number(), approvedFen: z.number(), paidFen: z.number(), unpaidFen: z.number(), forfeitedFen: z.number() })),
  total: z.object({ loans: z.number(), approvedFen: z.number(), paidFen: z.number(), unpaidFen: z.number(), forfeitedFen: z.number() }),
})
export type SubsidyStatement = z.infer<typeof SubsidyStatement>

const outcomeYear = z.union([z.literal(1), z.literal(2)], { error: '成效年度应为第 1 或第 2 年' }).describe('成效年度')
const headcount = (label: string) => z.number({ error: `请填写${label}` }).describe(label).int(`${label}应为整数`).min(0, `${label}不能为负`).max(10_000, `${label}过大`)

const reviewers = ['county_admin', 'city_admin', 'bank_officer'] as const
const applicants = ['rural_youth', 'volunteer'] as const

export const loan = {
  banks: action({
    summary: '合作银行列表',
    input: z.object({}),
    output: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
    access: { who: 'signed_in' },
  }),
  saveDraft: action({
    summary: '保存贷款申请草稿（可分次填写）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: DraftInput,
    output: LoanDetail,
    access: { who: applicants, objects: 'own' },
    moderate: ['project.title', 'project.outsidePlace', 'project.address', 'project.description'],
    rateLimit: { max: 300, windowSeconds: 3600 },
  }),
  attachDocument: action({
    summary: '添加申请材料（已上传的文件，检查类型与大小）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({
      id: loanId,
      kind: z.enum(DOCUMENT_KINDS, { error: '请选择材料类型' }).describe('材料类型'),
      fileId: CloudFileId.describe('文件'),
      name: freeText('文件名', 80).default(''),
    }),
    output: LoanDetail,
    access: { who: applicants, objects: 'own' },
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  removeDocument: action({
    summary: '删除一份申请材料',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({ id: loanId, documentId: z.string().describe('材料').regex(/^[a-f0-9]{12}$/, '材料编号无效') }),
    output: LoanDetail,
    access: { who: applicants, objects: 'own' },
  }),
  submit: action({
    summary: '提交贷款申请（检查是否完整）',
    silent: '本人操作，结果当场显示在本人的页面上；每一步审核结果会通知本人',
    input: z.object({ id: loanId }),
    output: LoanDetail,
    access: { who: applicants, objects: 'own' },
  }),
  withdraw: action({
    summary: '撤回贷款申请（银行批准前）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({ id: loanId, reason: note('撤回原因').default('') }),
    output: LoanDetail,
    access: { who: applicants, objects: 'own' },
  }),
  mine: action({
    summary: '我的贷款申请',
    input: PageInput,
    output: pageOf(LoanSummary),
    access: { who: applicants, objects: 'own' },
  }),
  get: action({
    summary: '查看一份贷款申请（进度、材料、贴息计划）',
    input: z.object({ id: loanId }),
    output: LoanDetail,
    access: { who: [...applicants, ...reviewers], objects: 'any' },
  }),
  revealIdentity: action({
    summary: '审核时查看申请人完整身份证号、手机号与贴息收款账号（留痕）',
    input: z.object({ id: loanId }),
    output: z.object({ idNumber: z.string(), mobile: z.string(), payeeAccount: z.string() }),
    access: { who: reviewers, objects: 'any' },
    rateLimit: { max: 200, windowSeconds: 3600 },
  }),
  queue: action({
    summary: '审核与贷后队列（按阶段、状态、县、项目类型筛选）',
    input: PageInput.extend({
      /** overdue: loans with an instalment unpaid after its due date (the bank's own, the county's, the city's). */
      view: z.enum(['todo', 'all', 'subsidy', 'overdue'], { error: '请选择队列' }).describe('队列').default('todo'),
      status: z.enum(LOAN_STATUSES).describe('状态').optional(),
      countyCode: countyCode.optional(),
      projectType: z.enum(PROJECT_TYPES).describe('项目类型').optional(),
      keyword: freeText('关键词', 20).optional(),
    }),
    output: z.object({ items: z.array(LoanSummary), total: z.number(), counts: z.object({ todo: z.number(), subsidy: z.number(), overdue: z.number() }) }),
    access: { who: reviewers, objects: 'any' },
  }),
  countyDecide: action({
    summary: '县团委审核：通过、不通过或退回补充材料',
    input: z.object(decisionBase).refine(needsNote, NOTE_REQUIRED),
    output: LoanDetail,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  cityDecide: action({
    summary: '团市委审核：通过、不通过或退回补充材料',
    input: z.object(decisionBase).refine(needsNote, NOTE_REQUIRED),
    output: LoanDetail,
    access: { who: ['city_admin'], objects: 'city' },
  }),
  bankDecide: action({
    summary: '银行审批：批准（金额、利率、期限）、不批准或退回补充材料',
    input: z
      .object({
        ...decisionBase,
        amountFen: fen('批准金额', 100_000).optional(),
        rateBp: rateBp.optional(),
        termMonths: termMonths.optional(),
      })
      .refine(needsNote, NOTE_REQUIRED)
      .refine((d) => d.decision !== 'approve' || d.amountFen !== undefined, { message: '请填写批准金额', path: ['amountFen'] })
      .refine((d) => d.decision !== 'approve' || d.rateBp !== undefined, { message: '请填写执行年利率', path: ['rateBp'] }),
    output: LoanDetail,
    access: { who: ['bank_officer'], objects: 'bank' },
  }),
  disburse: action({
    summary: '银行登记放款（金额、日期、利率、还款方式）',
    input: z.object({
      id: loanId,
      amountFen: fen('放款金额', 100_000),
      disbursedOn: ymd('放款日期'),
      rateBp,
      repaymentType: z.enum(REPAYMENT_TYPES, { error: '请选择还款方式' }).describe('还款方式'),
    }),
    output: LoanDetail,
    access: { who: ['bank_officer'], objects: 'bank' },
  }),
  recordRepayment: action({
    summary: '银行登记还款（本金与利息；按还款计划核对按期、部分、提前或逾期；结清）',
    input: z
      .object({
        id: loanId,
        date: ymd('还款日期'),
        principalFen: fen('归还本金', 0),
        interestFen: fen('支付利息', 0).default(0),
        note: note('备注').default(''),
        /** The page's id for this entry: sent again (a retry, a double tap), it is recorded once. */
        requestId: requestId.optional(),
      })
      .refine((r) => r.principalFen + r.interestFen > 0, { message: '请填写归还本金或支付利息', path: ['principalFen'] }),
    output: LoanDetail,
    access: { who: ['bank_officer'], objects: 'bank' },
  }),
  approveSubsidy: action({
    summary: '团市委核准一期贴息（金额由系统计算）',
    input: z.object({ id: loanId, period: subsidyPeriodKey }),
    output: LoanDetail,
    access: { who: ['city_admin'], objects: 'city' },
  }),
  recordSubsidyPayment: action({
    summary: '团市委登记一期贴息已拨付（拨付日期、转账凭证号）',
    input: z.object({
      id: loanId,
      period: subsidyPeriodKey,
      paidOn: ymd('拨付日期'),
      transferRef: z.string({ error: '请填写转账凭证号' }).describe('转账凭证号').trim().regex(/^[A-Za-z0-9-]{4,40}$/, '转账凭证号应为 4–40 位字母、数字或短横线'),
    }),
    output: LoanDetail,
    access: { who: ['city_admin'], objects: 'city' },
  }),
  subsidyStatement: action({
    summary: '贴息汇总（按贴息期：核准、已拨付、待拨付，供财务）',
    input: statementInput,
    output: SubsidyStatement,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  exportSubsidyStatement: action({
    summary: '导出贴息汇总与明细（Excel）',
    input: statementInput,
    output: z.object({ fileUrl: z.string(), fileName: z.string(), rows: z.number() }),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
  reportOutcome: action({
    summary: '申请人填报项目成效（放款满一年、两年时：带动就业、帮扶困难户）',
    silent: '本人填报，结果当场显示；县团委在核实时看到',
    input: z.object({ id: loanId, year: outcomeYear, jobsCreated: headcount('带动就业人数'), householdsHelped: headcount('帮扶困难户数'), note: note('情况说明').default('') }),
    output: LoanDetail,
    access: { who: applicants, objects: 'own' },
  }),
  confirmOutcome: action({
    summary: '县团委核实项目成效（可按核实情况修正人数）',
    input: z.object({ id: loanId, year: outcomeYear, jobsCreated: headcount('核实带动就业人数'), householdsHelped: headcount('核实帮扶困难户数') }),
    output: LoanDetail,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  lprList: action({
    summary: 'LPR 表（按生效日期）',
    input: z.object({}),
    output: z.object({ items: z.array(LprRow) }),
    access: { who: reviewers, objects: 'any' },
  }),
  lprSave: action({
    summary: '新增或修改一期 LPR',
    silent: '维护公开的 LPR 参考表，不针对某个人',
    input: z.object({
      effectiveDate: ymd('生效日期'),
      oneYearBp: z.number({ error: '请填写 1 年期 LPR' }).describe('1 年期 LPR').int('LPR 以基点计').min(1, 'LPR 应大于 0').max(2000, 'LPR 过大'),
      fiveYearBp: z.number({ error: '请填写 5 年期以上 LPR' }).describe('5 年期以上 LPR').int('LPR 以基点计').min(1, 'LPR 应大于 0').max(2000, 'LPR 过大'),
    }),
    output: z.object({ items: z.array(LprRow) }),
    access: { who: ['city_admin'], objects: 'city' },
  }),
  lprRemove: action({
    summary: '删除一期 LPR（已被放款引用的不能删除）',
    silent: '维护公开的 LPR 参考表，不针对某个人',
    input: z.object({ effectiveDate: ymd('生效日期') }),
    output: z.object({ items: z.array(LprRow) }),
    access: { who: ['city_admin'], objects: 'city' },
  }),
  lprImportPublished: action({
    summary: '导入 2019 年 LPR 改革以来公布的报价（已有的日期不覆盖）',
    silent: '维护公开的 LPR 参考表，不针对某个人',
    input: z.object({}),
    output: z.object({ items: z.array(LprRow), added: z.number() }),
    access: { who: ['city_admin'], objects: 'city' },
  }),
  report: action({
    summary: '贷款统计（全市与各县，按任意期间）',
    input: reportInput,
    output: LoanReport,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  exportReport: action({
    summary: '导出贷款统计（Excel）',
    input: reportInput,
    output: z.object({ fileUrl: z.string(), fileName: z.string(), rows: z.number() }),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
}

/** The loan prime rate as published since the 2019 reform (effective date: 1-year / 5-year, bp). */
export const PUBLISHED_LPR: readonly LprRow[] = [
  ['2019-08-20', 425, 485],
  ['2019-09-20', 420, 485],
  ['2019-11-20', 415, 480],
  ['2020-02-20', 405, 475],
  ['2020-04-20', 385, 465],
  ['2021-12-20', 380, 465],
  ['2022-01-20', 370, 460],
  ['2022-05-20', 370, 445],
  ['2022-08-22', 365, 430],
  ['2023-06-20', 355, 420],
  ['2023-08-21', 345, 420],
  ['2024-02-20', 345, 395],
  ['2024-07-22', 335, 385],
  ['2024-10-21', 310, 360],
  ['2025-05-20', 300, 350],
].map(([effectiveDate, oneYearBp, fiveYearBp]) => ({ effectiveDate: effectiveDate as string, oneYearBp: oneYearBp as number, fiveYearBp: fiveYearBp as number }))

