// Collection names and the shapes of their documents. Every collection here is declared,
// with its indexes and security rule, in cloudfunctions/collections.json (a test checks).
import type { RoleGrant } from '../../types/common'
import type { GrantableRole } from '../../types/grants'
import type { RegistrationKind, RegistrationStatus } from '../../types/registration'
import type { TermState } from '../../types/term'

export const COLLECTIONS = {
  users: 'users',
  registrations: 'registrations',
  identities: 'identities',
  invitations: 'invitations',
  takeovers: 'takeovers',
  audit: 'audit',
  merchants: 'merchants',
  banks: 'banks',
  employers: 'employers',
  rateLimits: 'rate_limits',
  settings: 'settings',
  stations: 'stations',
  openSessions: 'open_sessions',
  sessions: 'sessions',
  certificates: 'certificates',
  perks: 'perks',
  redemptions: 'redemptions',
  loans: 'loans',
  lprRates: 'lpr_rates',
  loanLocks: 'loan_locks',
  fairs: 'fairs',
  fairPositions: 'fair_positions',
  fairSignups: 'fair_signups',
  messages: 'messages',
  reminders: 'reminders',
  hoursRollups: 'hours_rollups',
  jobs: 'jobs',
  jobParts: 'job_parts',
  careVisits: 'care_visits',
  carePosts: 'care_posts',
  carePostSlots: 'care_post_slots',
  gridReports: 'grid_reports',
  commendRounds: 'commend_rounds',
  commendNominations: 'commend_nominations',
  trainingCourses: 'training_courses',
  trainingSessions: 'training_sessions',
  trainingSignups: 'training_signups',
  trainingProgress: 'training_progress',
  trainingCertificates: 'training_certificates',
  contests: 'contests',
  contestEntries: 'contest_entries',
  contestMembers: 'contest_members',
  contestScores: 'contest_scores',
  contestAppeals: 'contest_appeals',
} as const

/** A reminder a timer has sent (its key: what, for whom, for when), so it is never sent twice. */
export interface ReminderDoc {
  _id: string
  at: Date
}

/** A notice in a person's message center (消息): kept a year, whatever became of the subscribe message. */
export interface MessageDoc {
  _id: string
  userId: string
  /** The template it was sent as (types/notices.ts). */
  template: string
  title: string
  tag: string
  text: string
  /** The page it concerns, as a mini-program path with its query. */
  page: string
  createdAt: Date
  readAt: Date | null
  /** When the daily timer removes it. */
  expiresAt: Date
  /** What became of the subscribe message: sent, or WeChat's refusal (43101: no accept). */
  pushed: 'sent' | 'no_openid' | `refused:${number}`
}

/** A caring merchant (or a department offering perks): the organisation merchant staff act for. */
export interface MerchantDoc extends OrganisationDoc {
  category: import('../../types/vocabulary').MerchantCategory
  isDepartment: boolean
  countyName: string
  address: string
  location: { lat: number; lng: number } | null
  contactName: string
  contactPhone: string
  updatedAt: Date
}

export interface PerkDoc {
  _id: string
  merchantId: string
  merchantName: string
  category: import('../../types/vocabulary').MerchantCategory
  countyCode: string
  address: string
  location: { lat: number; lng: number } | null
  title: string
  description: string
  terms: string
  pictureFileId: string
  minStar: number
  counties: string[]
  perDay: number
  perMonth: number
  quota: number
  redeemed: number
  /**
   * Use per volunteer, kept on the perk so one conditional update checks every limit: for each
   * volunteer, counts keyed `dYYYYMMDD` and `mYYYYMM`. (Its size is bounded by the quota.)
   */
  usage: Record<string, Record<string, number>>
  /** Nonces of the latest redeemed codes (a repeat confirmation is refused without writing). */
  recentCodes: string[]
  validFrom: string
  validTo: string
  /**
   * suspended: its merchant is suspended (set and cleared with the merchant), so a perk is active
   * only while its merchant is. A perk is never active while its merchant is suspended.
   */
  status: 'active' | 'paused' | 'suspended'
  /** While suspended: what it was before (resuming the merchant restores it; absent: active). */
  suspendedFrom?: 'active' | 'paused'
  createdAt: Date
  updatedAt: Date
}

/** One redemption: `_id` is the code's nonce, so a code is recorded once however often it is confirmed. */
export interface RedemptionDoc {
  _id: string
  perkId: string
  merchantId: string
  volunteerId: string
  volunteerCounty: string
  volunteerName: string
  star: number
  confirmedBy: string
  at: Date
  date: string
  month: string
}

/** The city's settings: one document, `_id` 'city', holding the values changed from the defaults. */
export interface SettingsDoc {
  _id: string
  values: Partial<import('../../types/settings').Settings>
  updatedAt: Date
  updatedBy: string
}

export interface StationDoc {
  _id: string
  name: string
  address: string
  townshipCode: string
  townshipName: string
  countyCode: string
  countyName: string
  /** GCJ-02. */
  location: { lat: number; lng: number }
  radiusM: number
  opensAt: string
  closesAt: string
  active: boolean
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface ReadingDoc {
  lat: number
  lng: number
  accuracy: number
  /** Metres from the station centre. */
  distanceM: number
}

/** A check-in not yet checked out: `_id` is the volunteer's userId, so each can have one. */
export interface OpenSessionDoc {
  _id: string
  sessionId: string
  requestId: string
  openid: string
  stationId: string
  stationName: string
  stationLocation: { lat: number; lng: number }
  radiusM: number
  townshipCode: string
  townshipName: string
  countyCode: string
  checkInAt: Date
  checkIn: ReadingDoc
  flags: import('../../types/service').Flag[]
  via: 'scan' | 'kiosk' | 'nearby'
}

export interface SessionDoc {
  _id: string
  userId: string
  /** Where decisions are sent (the volunteer's WeChat identity when the session was made). */
  openid: string
  stationId: string
  stationName: string
  townshipCode: string
  townshipName: string
  countyCode: string
  status: import('../../types/service').SessionStatus
  checkInAt: Date
  checkOutAt: Date
  checkIn: ReadingDoc | null
  checkOut: ReadingDoc | null
  days: { date: string; minutes: number }[]
  minutes: number
  adjustedMinutes: number | null
  flags: import('../../types/service').Flag[]
  source: 'scan' | 'kiosk' | 'nearby' | 'makeup'
  note: string
  photoFileId: string
  checkOutRequestId: string
  decisionReason: string
  decisionId: string
  reviewedBy: string
  reviewedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** A service record issued to a volunteer: `_id` is its verification code; the figures are as of issue. */
export interface CertificateDoc {
  _id: string
  userId: string
  volunteerName: string
  townshipName: string
  countyName: string
  approvedHours: number
  star: number
  byStation: { stationName: string; hours: number }[]
  byMonth: { month: string; hours: number }[]
  issuedAt: Date
  /** Posts held as of issue (absent on certificates issued before posts were kept). */
  posts?: { title: string; from: string; to: string | null }[]
}

/** A counter per user, action and time window (`_id` is action:openid:windowStart). */
export interface RateLimitDoc {
  _id: string
  count: number
  /** When the window ends (a TTL index on the platform removes old counters). */
  expiresAt: Date
}

/** A partner organisation a role can be scoped to: a caring merchant, a bank, an employer. */
export interface OrganisationDoc {
  _id: string
  name: string
  /** The county it belongs to ('' for city-wide partners). */
  countyCode: string
  status: 'active' | 'suspended'
  createdAt: Date
}

export interface UserDoc {
  _id: string
  /** The WeChat identity this account belongs to (unique); `closed:…` once the account is closed. */
  openid: string
  nickname: string
  avatarFileId: string
  /** Bound mobile number (from the phone-number button); shown masked to others. */
  mobile: string
  /** The real name given when accepting an invitation, so admins know whom a role is with (absent on older accounts). */
  realName?: string
  roles: RoleGrant[]
  status: 'active' | 'closed'
  /** The star level the volunteer was last told they reached (absent: none yet). */
  starNotified?: number
  /**
   * The volunteer's service term ended on this Shanghai date (its termEnd), copied by the daily
   * term timer and removed by an extension: check-ins and perks read it with the account, at no
   * extra request (types/term.ts for the grace). Absent: serving.
   */
  termEndedOn?: string
  createdAt: Date
  updatedAt: Date
}

/** How staff see an account: the real name it gave, else its WeChat nickname. */
export function personLabel(user: Pick<UserDoc, 'nickname' | 'realName'>): string {
  return user.realName || user.nickname || '微信用户'
}

/** A service term extended by the county: from one end date to a later one, why, by whom, when. */
export interface TermExtension {
  from: string
  to: string
  reason: string
  by: string
  byName: string
  at: Date
}

/** One per user and kind: `_id` is `<userId>:<kind>`. */
export interface RegistrationDoc {
  _id: string
  userId: string
  kind: RegistrationKind
  status: RegistrationStatus
  name: string
  /** AES-256-GCM sealed ID number; never stored or logged in clear. */
  idSealed: string
  idBlindIndex: string
  idMasked: string
  /** Submitted while another account held the ID number: approval waits until the county resolves it (absent on older records). */
  idConflict?: boolean
  mobile: string
  gender: 'male' | 'female'
  birthDate: string
  countyCode: string
  countyName: string
  townshipCode: string
  townshipName: string
  school: string
  major: string
  graduationYear: number | null
  politicalStatus: string
  skills: string[]
  termStart: string
  termEnd: string
  /** The term's state (types/term.ts): 'ended' once the daily timer saw termEnd pass (absent: serving). */
  term?: TermState
  /** When the timer ended it (null or absent while serving). */
  termEndedAt?: Date | null
  /** Extensions the county recorded, oldest first (absent: none). */
  termExtensions?: TermExtension[]
  occupation: string
  consents: { privacy: { version: string; at: Date }; sensitive: { version: string; at: Date } }
  rejectReason: string
  submittedAt: Date
  reviewedAt: Date | null
  reviewerId: string
  updatedAt: Date
}

/** Claims an ID number for one account: `_id` is the blind index, so a second account cannot claim it. */
export interface IdentityDoc {
  _id: string
  userId: string
  claimedAt: Date
}

/** `_id` is the invitation code. */
export interface InvitationDoc {
  _id: string
  role: GrantableRole
  scopeType: RoleGrant['scopeType']
  scopeId: string
  scopeName: string
  /** The county the scope lies in ('' for city-wide and organisations outside any county). */
  countyCode: string
  note: string
  status: 'open' | 'used' | 'revoked'
  expiresAt: Date
  createdBy: string
  createdByName: string
  createdAt: Date
  usedBy: string
  usedByName: string
  usedAt: Date | null
}

export interface TakeoverDoc {
  _id: string
  status: 'pending' | 'approved' | 'rejected'
  newUserId: string
  oldUserId: string
  registrationId: string
  countyCode: string
  townshipName: string
  name: string
  idMasked: string
  createdAt: Date
  decidedAt: Date | null
  decidedBy: string
  reason: string
}

export interface AuditDoc {
  _id: string
  at: Date
  actorId: string
  action: string
  targetType: string
  targetId: string
  before: unknown
  after: unknown
  reason: string
}

/** A micro-loan application and, once disbursed, the loan and its subsidy. `_id` is L + 16 hex. */
export interface LoanDoc {
  _id: string
  /** Every write is conditional on it: two people acting at once cannot both change the loan. */
  version: number
  applicantId: string
  applicantOpenid: string
  /** Copied from the approved registration when the draft is created. */
  applicantName: string
  applicantKind: RegistrationKind
  registrationId: string
  status: import('../../types/vocabulary').LoanStatus
  amountFen: number | null
  termMonths: number | null
  bankId: string
  bankName: string
  branch: string
  /** Where the subsidy is paid; the number sealed (AES-256-GCM), kept masked beside it (absent on older applications). */
  payee?: { accountName: string; bankName: string; accountSealed: string; accountMasked: string } | null
  project: {
    type: import('../../types/vocabulary').ProjectType | null
    title: string
    townshipCode: string
    /** A project outside the city (townshipCode 'outside'): province, city, county in words (absent on older applications). */
    outsidePlace?: string
    address: string
    description: string
    jobsCreated: number | null
    householdsHelped: number | null
  }
  /** The applicant's 户籍所在地: a township code of the city or 'outside' (absent on older applications: the project is in the city). */
  householdTownshipCode?: string
  /** The county whose league reviews it: the project's, or for a project outside the city the 户籍's (types/loan-rules.ts reviewBasis; '' until known). */
  countyCode: string
  countyName: string
  townshipName: string
  documents: LoanDocument[]
  /** The stage that returned it for more material (resubmission goes back there). */
  returnedFrom: import('../../types/vocabulary').LoanStage | null
  returnNote: string
  rejectReason: string
  approval: { amountFen: number; rateBp: number; termMonths: number; at: Date; by: string } | null
  disbursement: {
    amountFen: number
    disbursedOn: string
    maturityOn: string
    rateBp: number
    repaymentType: import('../../types/vocabulary').RepaymentType
    lprDate: string
    lprTenor: '1y' | '5y'
    lprBp: number
    spreadBp: number
    subsidyRateBp: number
    dayBasis: number
    at: Date
    by: string
  } | null
  repayments: { date: string; principalFen: number; note: string; at: Date; by: string }[]
  outstandingFen: number
  /** Approved subsidy periods, in order: the amount is fixed when approved. */
  subsidies: { key: string; start: string; end: string; amountFen: number; at: Date; by: string; byName: string }[]
  subsidyApprovedFen: number
  /** The day after the next unapproved period ends (YYYY-MM-DD), '' when none remains: the subsidy queue. */
  subsidyDueFrom: string
  history: LoanEvent[]
  /** The terms as last submitted: a resubmission that changes them goes back to the first review they affect (absent on older records). */
  submittedTerms?: LoanTerms
  /** What the applicant changed before the latest resubmission, in words, for the reviewers. */
  lastChanges?: string[]
  /** Once routed to its bank, the bank's officers see it. */
  bankRouted: boolean
  submittedAt: Date | null
  /** When it was disbursed, and the disbursement's Shanghai date (reports count by date). */
  disbursedOn: string
  createdAt: Date
  updatedAt: Date
}

/** What the reviews decide on: where (so which county reviews), how much, how long, which bank. */
export interface LoanTerms {
  countyCode: string
  countyName: string
  townshipName: string
  /** A project outside the city: its place in words (absent on older records and for projects in the city). */
  projectPlace?: string
  amountFen: number | null
  termMonths: number | null
  bankId: string
  bankName: string
  /** The payee as shown (name, bank, masked number); absent on older records. */
  payee?: string
}

export interface LoanDocument {
  id: string
  kind: import('../../types/vocabulary').DocumentKind
  fileId: string
  name: string
  type: string
  size: number
  uploadedAt: Date
}

export interface LoanEvent {
  at: Date
  actorId: string
  actorName: string
  actorRole: string
  action: string
  from: string
  to: string
  note: string
}

/** One published loan prime rate: `_id` is the effective date. */
export interface LprDoc {
  _id: string
  oneYearBp: number
  fiveYearBp: number
  updatedBy: string
  updatedAt: Date
}

/** One open application per person: `_id` is the applicant's user id, held until it ends. */
export interface LoanLockDoc {
  _id: string
  loanId: string
  at: Date
}

/** An employer: a partner organisation with its type (for the fairs' figures by type). */
export interface EmployerDoc extends OrganisationDoc {
  type: import('../../types/vocabulary').EmployerType
  updatedAt?: Date
}

/** A job fair. `_id` is F + 12 hex. */
export interface FairDoc {
  _id: string
  title: string
  date: string
  startTime: string
  endTime: string
  venue: string
  address: string
  location: { lat: number; lng: number } | null
  signupOpensAt: Date
  signupClosesAt: Date
  /** When the fair starts (date + startTime, Shanghai), for cancellations and check-in. */
  startsAt: Date
  capacity: number
  /** Seats taken: only ever raised by an update conditional on it being below capacity. */
  confirmedCount: number
  /** Sign-up ids waiting, in arrival order (appended atomically; the head is promoted first). */
  waitlist: string[]
  termEndsWithinDays: number
  allowRuralYouth: boolean
  maxPositions: number
  employerIds: string[]
  description: string
  status: import('../../types/vocabulary').FairStatus
  /**
   * Telling everyone eligible that the fair is open: present while under way, the last
   * registration _id told so far ('' before the first); gone once everyone was told.
   */
  announceAfter?: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** A position an employer lists for a fair. `_id` is J + 12 hex. */
export interface PositionDoc {
  _id: string
  fairId: string
  employerId: string
  employerName: string
  employerType: import('../../types/vocabulary').EmployerType
  title: string
  openings: number
  place: string
  countyCode: string
  requirements: string
  salaryMinFen: number
  salaryMaxFen: number
  contactName: string
  contactPhone: string
  createdAt: Date
  updatedAt: Date
}

/** One person's sign-up for a fair: `_id` is `<fairId>:<userId>` (one per person and fair). */
export interface SignupDoc {
  _id: string
  fairId: string
  userId: string
  openid: string
  /** pending only for the moment between taking a seat and recording which. */
  status: import('../../types/vocabulary').SignupStatus | 'pending'
  positionIds: string[]
  /** The employers of the chosen positions (an employer lists only sign-ups for it). */
  employerIds: string[]
  resume: import('../../types/fair').ResumeView
  registrationId: string
  checkedInAt: Date | null
  checkedInBy: string
  /** The entry code's nonce that checked in (a second use of it is told apart). */
  entryNonce: string
  /** Outcomes by position id. */
  outcomes: Record<string, { outcome: import('../../types/vocabulary').Outcome; note: string; at: Date; by: string }>
  promotedAt: Date | null
  cancelledAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** A commendation round (types/commend.ts). Counters per township (`t` + code) and county (`c` + code) are set to 0 when it is created, so a claim is one conditional update. */
export interface CommendRoundDoc {
  _id: string
  kind: import('../../types/commend-rules').CommendKind
  title: string
  year: number
  nominateFrom: string
  nominateTo: string
  perTownship: number
  perCounty: number
  awards: number
  criteria: string
  status: import('../../types/commend-rules').RoundStatus
  version: number
  townshipCounts: Record<string, number>
  countyCounts: Record<string, number>
  awardedCount: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
  publishedAt: Date | null
}

/** A township's nomination of a volunteer in a round; `_id` is roundId:userId, so a volunteer is nominated once per round. */
export interface CommendNominationDoc {
  _id: string
  roundId: string
  userId: string
  registrationId: string
  name: string
  townshipCode: string
  townshipName: string
  countyCode: string
  countyName: string
  reason: string
  /** The volunteer's figures when nominated, and the standing they give (types/commend-rules.ts). */
  approvedMinutes: number
  star: number
  rural: boolean
  termStart: string
  termEnd: string
  standing: number
  status: import('../../types/commend-rules').NominationStatus
  nominatedBy: string
  nominatedByName: string
  nominatedAt: Date
  reviewReason: string
  reviewedBy: string
  reviewedAt: Date | null
  decisionReason: string
  decidedBy: string
  decidedAt: Date | null
  updatedAt: Date
}

/** A matter a volunteer reported as a grid member (志愿网格员): `_id` is g + 16 hex of the reporter and the form's request id. */
export interface GridReportDoc {
  _id: string
  userId: string
  openid: string
  /** The reporter's name as staff see it (masked), from the account. */
  reporterName: string
  category: import('../../types/grid-rules').GridCategory
  urgency: import('../../types/grid-rules').GridUrgency
  text: string
  address: string
  location: { lat: number; lng: number }
  townshipCode: string
  townshipName: string
  countyCode: string
  countyName: string
  photoIds: string[]
  status: import('../../types/grid-rules').GridStatus
  version: number
  dueAt: Date
  acceptedAt: Date | null
  assignedAt: Date | null
  /** The phone sealed (pii.encrypt) and masked; the clear number is never shown. */
  assignee: { kind: 'department' | 'person'; name: string; phoneSealed: string; phoneMasked: string } | null
  assignNote: string
  resolution: string
  resolutionPhotoIds: string[]
  declineReason: string
  closedAt: Date | null
  closeMinutes: number
  late: boolean
  /** The last staff member who acted (user id). */
  handledBy: string
  history: { at: Date; status: import('../../types/grid-rules').GridStatus; by: string; byName: string; note: string }[]
  createdAt: Date
  updatedAt: Date
}

/** A care visit (探访慰问) to a volunteer: personal data, read only within the volunteer's township, county and the city league. */
export interface CareVisitDoc {
  _id: string
  /** The volunteer's account (their registration's userId). */
  volunteerId: string
  /** As registered when the visit was recorded (for the league's lists). */
  volunteerName: string
  townshipCode: string
  townshipName: string
  countyCode: string
  visitDate: string
  visitors: string[]
  /** Ratings and notes per aspect; the health note is sealed (AES-256-GCM) and read in clear only in the history, with that read audited. */
  aspects: Record<import('../../types/care-rules').CareAspect, { rating: import('../../types/care-rules').CareRating; note: string; noteSealed?: string }>
  needs: string
  followUps: { id: string; text: string; owner: string; due: string; done: boolean; doneAt: Date | null; doneBy: string }[]
  /** Follow-ups not done, and the earliest due date among them ('' when none): what the overdue list asks its index. */
  openCount: number
  openDue: string
  /** Bumped by every change, so a change made on a stale read is refused. */
  version: number
  recordedBy: string
  recordedByName: string
  createdAt: Date
  updatedAt: Date
}

/** A post a volunteer holds (职务), with its span of days (endDate null: until further notice). */
export interface CarePostDoc {
  _id: string
  volunteerId: string
  volunteerName: string
  kind: import('../../types/care-rules').PostKind
  townshipCode: string
  townshipName: string
  countyCode: string
  countyName: string
  startDate: string
  endDate: string | null
  note: string
  recordedBy: string
  recordedByName: string
  createdAt: Date
  updatedAt: Date
}

/** The spans of a post that one person holds at a time (县团委副书记 of a county): `_id` is `<kind>:<countyCode>`; changed only in a transaction. */
export interface CarePostSlotDoc {
  _id: string
  terms: { postId: string; start: string; end: string | null }[]
  updatedAt: Date
}

// ---- trainings ---------------------------------------------------------------------------------

/** A training course. `_id` is C + 12 hex; countyCode '' for the city's own. */
export interface TrainingCourseDoc {
  _id: string
  title: string
  kind: import('../../types/vocabulary').TrainingKind
  audience: import('../../types/vocabulary').TrainingAudience
  department: string
  countyCode: string
  description: string
  requiredSessions: number
  /** An online course's parts (id p + 6 hex). */
  parts: { id: string; title: string; minutes: number; link: string }[]
  status: 'draft' | 'published' | 'cancelled'
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** A session of a course: the seat holder of the sign-up engine (`_shared/signups`). `_id` is S + 12 hex. */
export interface TrainingSessionDoc {
  _id: string
  courseId: string
  countyCode: string
  title: string
  date: string
  startTime: string
  endTime: string
  startsAt: Date
  endsAt: Date
  minutes: number
  venue: string
  address: string
  location: { lat: number; lng: number } | null
  capacity: number
  confirmedCount: number
  waitlist: string[]
  signupOpensAt: Date
  signupClosesAt: Date
  materials: string
  checkOut: boolean
  /** The course's status, carried so seats are taken only while it is published. */
  status: 'draft' | 'published' | 'cancelled'
  createdAt: Date
  updatedAt: Date
}

/** One person's sign-up for a session: `_id` is `<sessionId>:<userId>`. */
export interface TrainingSignupDoc {
  _id: string
  sessionId: string
  courseId: string
  userId: string
  openid: string
  status: 'pending' | 'confirmed' | 'waiting' | 'cancelled'
  name: string
  kind: 'volunteer' | 'rural_youth'
  townshipName: string
  mobileMasked: string
  /** The mobile's last four digits, for the door's search. */
  mobileTail: string
  checkedInAt: Date | null
  /** The door code's window the check-in used (a check-out needs a later one). */
  checkInWindow: number
  checkedOutAt: Date | null
  checkInMethod: 'code' | 'list' | null
  /** Attendance counted (checked in, and out where the session asks; or marked by list). */
  attended: boolean
  /** Training minutes credited (the session's length once attended). */
  minutes: number
  markedBy: string
  promotedAt: Date | null
  cancelledAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** An online course's parts a person completed: `_id` is `<courseId>:<userId>`. */
export interface TrainingProgressDoc {
  _id: string
  courseId: string
  userId: string
  parts: string[]
  updatedAt: Date
}

/** A completed course's certificate: `_id` is `<courseId>:<userId>` (one each), `code` what anyone verifies. */
export interface TrainingCertificateDoc {
  _id: string
  code: string
  userId: string
  courseId: string
  name: string
  courseTitle: string
  kind: import('../../types/vocabulary').TrainingKind
  department: string
  hours: number
  sessions: { title: string; date: string }[]
  completedAt: Date
  /** When attendance was undone below the course's requirement: the certificate no longer stands (null while valid). */
  revokedAt?: Date | null
}

// ---- contests (types/contest.ts) ----------------------------------------------------------------

/** A contest (两赛). `round` is the round under way; `submitted` counts its submitted entries (one conditional claim each). */
export interface ContestDoc {
  _id: string
  kind: import('../../types/contest-rules').ContestKind
  title: string
  rules: string
  /** The host county, '' for the city's contest. */
  countyCode: string
  countyName: string
  mode: import('../../types/contest-rules').EntryMode
  maxTeamSize: number
  rounds: { name: string; entryDeadline: Date; judgingEnds: Date; advance: number }[]
  rubric: import('../../types/contest-rules').Criterion[]
  awards: { name: string; count: number }[]
  appealDays: number
  status: import('../../types/contest-rules').ContestStatus
  round: number
  submitted: number
  /** The last round whose entries were moved on by its results (-1: none yet). */
  settledRound: number
  publishedAt: Date | null
  appealUntil: Date | null
  /** While its opening is being announced: the last person told ('' at the start; _shared/announce). */
  announceAfter?: string
  version: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export interface ContestEntryMember {
  userId: string
  name: string
  captain: boolean
  joinedAt: Date
}

/** An entry: its captain owns it; members joined with its team code. */
export interface ContestEntryDoc {
  _id: string
  contestId: string
  contestTitle: string
  countyCode: string
  mode: import('../../types/contest-rules').EntryMode
  captainId: string
  captainName: string
  members: ContestEntryMember[]
  memberIds: string[]
  teamCode: string
  title: string
  workUrl: string
  pictureIds: string[]
  description: string
  status: import('../../types/contest-rules').EntryStatus
  /** The round the entry is in. */
  round: number
  submittedAt: Date | null
  results: { round: number; score: number; rank: number; outcome: string }[]
  /** The last published round's place, for the results list's order. */
  lastRound: number
  lastRank: number
  lastScore: number
  award: string
  /** The round whose scoring an upheld appeal reopened for this entry (judges score it again; republishing settles it). */
  reopenedRound?: number
  version: number
  createdAt: Date
  updatedAt: Date
}

/** A person's place in a contest (`_id` contestId:userId): one entry per person per contest. */
export interface ContestMemberDoc {
  _id: string
  contestId: string
  userId: string
  entryId: string
  createdAt: Date
}

/** One judge's score of one entry in one round (`_id` entryId:round:judgeId), or their declared conflict. */
export interface ContestScoreDoc {
  _id: string
  contestId: string
  entryId: string
  round: number
  judgeId: string
  scores: number[]
  /** Weighted, out of 100 (contest-rules.ts weightedScore). */
  total: number
  /** The first criterion's share of its max, for the tie rule. */
  first: number
  conflict: boolean
  reason: string
  createdAt: Date
  updatedAt: Date
}

/** An appeal against a round's results (`_id` entryId:round: one per entry and round). */
export interface ContestAppealDoc {
  _id: string
  contestId: string
  countyCode: string
  entryId: string
  entryTitle: string
  round: number
  userId: string
  reason: string
  status: import('../../types/contest-rules').AppealStatus
  answer: string
  answeredBy: string
  answeredAt: Date | null
  createdAt: Date
}
