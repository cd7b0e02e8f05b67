// The words of the domain: enumerations, their Chinese labels, code formats and versions.
// No zod here, so any page (main package included) can import it without pulling zod in;
// the schemas in the domain modules are built from these.

// ---- registration ----------------------------------------------------------------

/** The privacy notice and the separate consent for sensitive data (the ID number): their current versions. */
export const PRIVACY_VERSION = '2026-11-01'
export const SENSITIVE_CONSENT_VERSION = '2026-11-01'

export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] as const
export const SKILLS = ['电子商务', '直播带货', '产业规划', '乡村旅游', '农业技术', '文化宣传', '教育辅导', '社会治理', '医疗卫生', '法律服务', '数据分析', '其他'] as const
export const REGISTRATION_KINDS = ['volunteer', 'rural_youth'] as const
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number]
export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'closed'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  closed: '已注销',
}

// ---- grants ------------------------------------------------------------------------

export { GRANTABLE_ROLES, ORGANISATION_ROLES, type GrantableRole, type OrganisationRole } from './roles'

/** Invitation codes: 10 characters of an alphabet without look-alikes (about 50 bits). */
export const INVITATION_CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/
/** The 小程序码 scene of an invitation (WeChat allows 32 characters). */
export const invitationScene = (code: string) => `inv=${code}`

// ---- stations and service ----------------------------------------------------------

/** Station ids: short, so that `st=<id>` fits a 小程序码 scene (32 characters). */
export const STATION_ID = /^[A-Za-z0-9_-]{4,28}$/

/** The page a station's codes open. */
export const CHECKIN_PAGE = 'packages/volunteer/checkin/index'

export const SESSION_STATUSES = ['open', 'pending', 'needs_review', 'approved', 'rejected'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  open: '服务中',
  pending: '待审核',
  needs_review: '待核实',
  approved: '已通过',
  rejected: '未通过',
}

/** How a session came to be recorded. */
export const SESSION_SOURCES = ['scan', 'kiosk', 'nearby', 'makeup'] as const
export type SessionSource = (typeof SESSION_SOURCES)[number]
export const SESSION_SOURCE_LABELS: Record<SessionSource, string> = { scan: '扫码签到', kiosk: '现场码签到', nearby: '附近驿站签到', makeup: '补签申请' }

/** Why a session deserves a closer look in the approval queue. */
export const FLAGS = ['outside_fence', 'edge_of_fence', 'coarse_location', 'station_coordinates', 'over_daily_cap', 'long_session', 'overlapping', 'closed_by_timer', 'makeup', 'appeal', 'adjusted'] as const
export type Flag = (typeof FLAGS)[number]

export const FLAG_LABELS: Record<Flag, string> = {
  outside_fence: '签退时不在驿站范围',
  edge_of_fence: '定位在范围边缘',
  coarse_location: '定位精度低',
  station_coordinates: '定位与驿站坐标完全相同',
  over_daily_cap: '超过当日时长上限',
  long_session: '时长异常偏长',
  overlapping: '与其他记录时间重叠',
  closed_by_timer: '未签退，系统自动结束',
  makeup: '补签',
  appeal: '申诉',
  adjusted: '时长已调整',
}

// ---- perks -------------------------------------------------------------------------

export const MERCHANT_CATEGORIES = ['餐饮', '购物', '文化娱乐', '旅游', '医疗健康', '生活服务', '其他'] as const
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number]

/** A perk code as the volunteer's phone shows it: `P1.` and an authenticated, encrypted payload. */
export const PERK_CODE = /^P1\.[A-Za-z0-9_-]{20,560}$/
/** How long a perk code is good for, in seconds (the screen refreshes it before then). */
export const PERK_CODE_SECONDS = 60

// ---- loans -------------------------------------------------------------------------

export const PROJECT_TYPES = ['agriculture', 'ecommerce', 'homestay', 'rural_tourism', 'other'] as const
export type ProjectType = (typeof PROJECT_TYPES)[number]
export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  agriculture: '种养殖与农产品加工',
  ecommerce: '农村电商',
  homestay: '民宿建设改造',
  rural_tourism: '乡村旅游运营',
  other: '其他',
}

/**
 * DOMAIN's states; `submitted` waits for the county league, `returned` for the applicant's
 * material; `lapsed` ends an approval the bank did not disburse within the settings' window.
 */
export const LOAN_STATUSES = ['draft', 'submitted', 'city_review', 'bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed', 'rejected', 'withdrawn', 'returned', 'lapsed'] as const
export type LoanStatus = (typeof LOAN_STATUSES)[number]
export const LOAN_STATUS_LABELS: Record<LoanStatus, string> = {
  draft: '草稿',
  submitted: '已提交，县团委审核中',
  city_review: '团市委审核中',
  bank_review: '银行审核中',
  approved: '银行已批准',
  disbursed: '已放款',
  in_subsidy: '贴息中',
  closed: '已结清',
  rejected: '未通过',
  withdrawn: '已撤回',
  returned: '待补充材料',
  lapsed: '已失效（银行未在期限内放款）',
}
/** The review stages, in order, and the status each one works on. */
export const LOAN_STAGES = ['county', 'city', 'bank'] as const
export type LoanStage = (typeof LOAN_STAGES)[number]
export const LOAN_STAGE_STATUS: Record<LoanStage, LoanStatus> = { county: 'submitted', city: 'city_review', bank: 'bank_review' }
export const LOAN_STAGE_LABELS: Record<LoanStage, string> = { county: '县团委审核', city: '团市委审核', bank: '银行审核' }

export const DOCUMENT_KINDS = ['id_photo', 'business_license', 'project_plan'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
export const DOCUMENT_LABELS: Record<DocumentKind, string> = { id_photo: '身份证照片', business_license: '营业执照', project_plan: '项目计划书' }
/** What a document may be, and how big (bytes). */
export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export const DOCUMENT_MAX_BYTES = 4 * 1024 * 1024

export const REPAYMENT_TYPES = ['equal_installment', 'equal_principal', 'interest_only', 'bullet'] as const
export type RepaymentType = (typeof REPAYMENT_TYPES)[number]
export const REPAYMENT_LABELS: Record<RepaymentType, string> = {
  equal_installment: '等额本息',
  equal_principal: '等额本金',
  interest_only: '按期付息、到期还本',
  bullet: '到期一次还本付息',
}
/** How a repayment stood against the schedule on its date. */
export const REPAYMENT_TIMINGS = ['on_time', 'partial', 'early', 'late'] as const
export type RepaymentTiming = (typeof REPAYMENT_TIMINGS)[number]
export const REPAYMENT_TIMING_LABELS: Record<RepaymentTiming, string> = { on_time: '按期', partial: '部分还款', early: '提前还款', late: '逾期还款' }
/** An instalment of the repayment schedule, against what was repaid. */
export const INSTALMENT_STATUSES = ['paid', 'partial', 'due', 'overdue'] as const
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number]
export const INSTALMENT_STATUS_LABELS: Record<InstalmentStatus, string> = { paid: '已还清', partial: '部分已还', due: '待还', overdue: '逾期' }

// ---- job fairs ---------------------------------------------------------------------

export const EMPLOYER_TYPES = ['state_owned', 'private', 'social'] as const
export type EmployerType = (typeof EMPLOYER_TYPES)[number]
export const EMPLOYER_TYPE_LABELS: Record<EmployerType, string> = { state_owned: '国有企业', private: '民营企业', social: '社会组织' }

export const FAIR_STATUSES = ['draft', 'published', 'cancelled'] as const
export type FairStatus = (typeof FAIR_STATUSES)[number]
export const FAIR_STATUS_LABELS: Record<FairStatus, string> = { draft: '未发布', published: '已发布', cancelled: '已取消' }

export const SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = { confirmed: '已报名', waiting: '候补中', cancelled: '已取消' }

/** What an employer records for a person and a position, in the order it usually happens. */
export const OUTCOMES = ['interviewed', 'offered', 'hired', 'declined'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABELS: Record<Outcome, string> = { interviewed: '已面试', offered: '已发录用意向', hired: '已录用', declined: '未录用' }

/** A fair entry code: sealed, about a minute long-lived, used once. */
export const ENTRY_CODE = /^E1\.[A-Za-z0-9_-]{20,560}$/
export const ENTRY_CODE_SECONDS = 60

// ---- trainings ---------------------------------------------------------------------

export const TRAINING_KINDS = ['preservice', 'practice', 'leader', 'ecommerce', 'lecture', 'online'] as const
export type TrainingKind = (typeof TRAINING_KINDS)[number]
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = { preservice: '岗前培训', practice: '实务培训', leader: '领头雁培训', ecommerce: '电商培训', lecture: '青农大讲堂', online: '线上课程' }
export const TRAINING_AUDIENCES = ['volunteer', 'rural_youth', 'both'] as const
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number]
export const TRAINING_AUDIENCE_LABELS: Record<TrainingAudience, string> = { volunteer: '志愿者', rural_youth: '农村青年', both: '志愿者和农村青年' }
/** A training session's door code: the rotating kiosk code (`_shared/kiosk`) of the session. */
export const TRAINING_DOOR_CODE = /^K1\.S[0-9a-f]{12}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{16}$/
