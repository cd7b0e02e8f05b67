// Everything that moves through states, declared once: its states and, per action, from which
// states it may move, to which, by whom, and which fields the action may change there. The
// functions move an entity only through these declarations (cloudfunctions/_shared/machines.ts),
// and the quality harness tests every state × action × role cell of every machine
// (test/quality/transitions.test.ts). No zod here: pages may import it.
import { GRID_STATUS_LABELS, GRID_STATUSES, type GridStatus } from './grid-rules'
import type { Role } from './roles'
import {
  FAIR_STATUS_LABELS,
  FAIR_STATUSES,
  LOAN_STATUS_LABELS,
  LOAN_STATUSES,
  REGISTRATION_STATUS_LABELS,
  REGISTRATION_STATUSES,
  SESSION_STATUS_LABELS,
  SESSION_STATUSES,
  type FairStatus,
  type LoanStatus,
  type RegistrationStatus,
  type SessionStatus,
} from './vocabulary'
import { APPEAL_STATUS_LABELS as CONTEST_APPEAL_STATUS_LABELS, APPEAL_STATUSES as CONTEST_APPEAL_STATUSES, CONTEST_STATUS_LABELS, CONTEST_STATUSES, ENTRY_STATUS_LABELS, ENTRY_STATUSES, type AppealStatus as ContestAppealStatus, type ContestStatus, type EntryStatus } from './contest-rules'
import { NOMINATION_STATUS_LABELS, NOMINATION_STATUSES, ROUND_STATUS_LABELS, ROUND_STATUSES, type NominationStatus, type RoundStatus } from './commend-rules'

/**
 * Who may take a step: a role acting within its reach, `owner` (the person the entity belongs
 * to: the applicant, the registrant, the one who signed up, the creator), `signed_in` (anyone
 * with an account), or `system` (a function's timer, nobody's call: its action names the
 * function and the trigger, 'loan.lapseUndisbursedLoans').
 */
export type StepRole = Role | 'owner' | 'signed_in' | 'system'

export interface Step<S extends string = string> {
  /** The contract action ('loan.countyDecide'), or for a `system` step the function's timer ('loan.lapseUndisbursedLoans'). */
  action: string
  /** Which of its decisions, when the action takes one ('approve', 'reject', 'return'). */
  variant?: string
  from: readonly S[]
  /** Where it may end: one state, or several when the data decides (a repayment may close a loan). */
  to: readonly S[]
  by: readonly StepRole[]
  /** The fields the action may change in these states (bookkeeping such as updatedAt aside); none listed: only the state. */
  fields?: readonly string[]
}

export interface Machine<S extends string = string> {
  name: string
  /** What people call it, for messages. */
  label: string
  states: readonly S[]
  stateLabels: Record<S, string>
  steps: readonly Step<S>[]
}

const machine = <S extends string>(m: Machine<S>): Machine<S> => m

const REVIEWERS = ['county_admin', 'city_admin'] as const

// ---- people and roles ------------------------------------------------------------------------

export const registrationMachine = machine<RegistrationStatus>({
  name: 'registration',
  label: '注册申请',
  states: REGISTRATION_STATUSES,
  stateLabels: REGISTRATION_STATUS_LABELS,
  steps: [
    ...(['registration.submitVolunteer', 'registration.submitRuralYouth'] as const).map((action) => ({
      action,
      from: ['pending', 'rejected'] as const,
      to: ['pending'] as const,
      by: ['owner'] as const,
      fields: ['name', 'idNumber', 'mobile', 'countyCode', 'townshipCode', 'school', 'major', 'graduationYear', 'politicalStatus', 'skills', 'termStart', 'termEnd', 'occupation'],
    })),
    { action: 'registration.review', variant: 'approve', from: ['pending'], to: ['approved'], by: REVIEWERS },
    { action: 'registration.review', variant: 'reject', from: ['pending'], to: ['rejected'], by: REVIEWERS, fields: ['rejectReason'] },
    { action: 'account.close', from: ['pending', 'approved', 'rejected'], to: ['closed'], by: ['owner'] },
  ],
})

export const TAKEOVER_STATUSES = ['pending', 'approved', 'rejected'] as const
export type TakeoverStatus = (typeof TAKEOVER_STATUSES)[number]

export const takeoverMachine = machine<TakeoverStatus>({
  name: 'takeover',
  label: '更换微信账号申请',
  states: TAKEOVER_STATUSES,
  stateLabels: { pending: '待确认', approved: '已通过', rejected: '未通过' },
  steps: [
    { action: 'registration.decideTakeover', variant: 'approve', from: ['pending'], to: ['approved'], by: REVIEWERS },
    { action: 'registration.decideTakeover', variant: 'reject', from: ['pending'], to: ['rejected'], by: REVIEWERS, fields: ['reason'] },
  ],
})

export const INVITATION_STATES = ['open', 'expired', 'used', 'revoked'] as const
export type InvitationState = (typeof INVITATION_STATES)[number]

/** A role granted by invitation: the invitation is the grant until it is redeemed. */
export const invitationMachine = machine<InvitationState>({
  name: 'invitation',
  label: '角色邀请',
  states: INVITATION_STATES,
  stateLabels: { open: '可使用', expired: '已过期', used: '已使用', revoked: '已作废' },
  steps: [
    { action: 'grants.redeemInvitation', from: ['open'], to: ['used'], by: ['signed_in'] },
    // Its creator (or the city) may still void an expired one: it only makes sure.
    { action: 'grants.revokeInvitation', from: ['open', 'expired'], to: ['revoked'], by: ['owner', 'city_admin'] },
  ],
})

// ---- micro-loans ------------------------------------------------------------------------------

const LENDING = ['disbursed', 'in_subsidy'] as const

export const loanMachine = machine<LoanStatus>({
  name: 'loan',
  label: '贷款申请',
  states: LOAN_STATUSES,
  stateLabels: LOAN_STATUS_LABELS,

  steps: [
    {
      action: 'loan.saveDraft',
      from: ['draft', 'returned'],
      to: ['draft', 'returned'],
      by: ['owner'],
      fields: ['amountFen', 'termMonths', 'bankId', 'branch', 'project', 'payee', 'householdTownshipCode'],
    },
    { action: 'loan.attachDocument', from: ['draft', 'returned'], to: ['draft', 'returned'], by: ['owner'], fields: ['documents'] },
    { action: 'loan.removeDocument', from: ['draft', 'returned'], to: ['draft', 'returned'], by: ['owner'], fields: ['documents'] },
    { action: 'loan.submit', from: ['draft'], to: ['submitted'], by: ['owner'] },
    // Back to the review that returned it, or to an earlier one whose decision the changes undo.
    { action: 'loan.submit', from: ['returned'], to: ['submitted', 'city_review', 'bank_review'], by: ['owner'] },
    { action: 'loan.withdraw', from: ['draft', 'submitted', 'city_review', 'bank_review', 'returned'], to: ['withdrawn'], by: ['owner'] },
    ...(
      [
        ['loan.countyDecide', 'submitted', 'city_review', REVIEWERS],
        ['loan.cityDecide', 'city_review', 'bank_review', ['city_admin']],
        ['loan.bankDecide', 'bank_review', 'approved', ['bank_officer']],
      ] as const
    ).flatMap(([action, from, next, by]) => [
      { action, variant: 'approve', from: [from], to: [next], by, fields: action === 'loan.bankDecide' ? ['approval'] : undefined },
      { action, variant: 'reject', from: [from], to: ['rejected' as const], by, fields: ['rejectReason'] },
      { action, variant: 'return', from: [from], to: ['returned' as const], by, fields: ['returnNote'] },
    ]),
    { action: 'loan.disburse', from: ['approved'], to: ['disbursed'], by: ['bank_officer'], fields: ['disbursement', 'outstandingFen'] },
    // An approval the bank did not disburse within the settings' window: the daily check ends it.
    { action: 'loan.lapseUndisbursedLoans', from: ['approved'], to: ['lapsed'], by: ['system'] },
    { action: 'loan.recordRepayment', from: LENDING, to: ['disbursed', 'in_subsidy', 'closed'], by: ['bank_officer'], fields: ['repayments', 'outstandingFen'] },
    { action: 'loan.approveSubsidy', from: LENDING, to: ['in_subsidy', 'closed'], by: ['city_admin'], fields: ['subsidies', 'subsidyApprovedFen'] },
  ],
})

export const SUBSIDY_PERIOD_STATES = ['projected', 'due', 'approved', 'paid'] as const
export type SubsidyPeriodState = (typeof SUBSIDY_PERIOD_STATES)[number]

/** One quarter of a loan's interest subsidy: approved in order once it has ended, then paid (the transfer recorded), in order. */
export const subsidyPeriodMachine = machine<SubsidyPeriodState>({
  name: 'subsidy_period',
  label: '贴息期',
  states: SUBSIDY_PERIOD_STATES,
  stateLabels: { projected: '未到期', due: '待核准', approved: '已核准', paid: '已拨付' },
  steps: [
    { action: 'loan.approveSubsidy', from: ['due'], to: ['approved'], by: ['city_admin'] },
    { action: 'loan.recordSubsidyPayment', from: ['approved'], to: ['paid'], by: ['city_admin'] },
  ],
})

// ---- service hours ------------------------------------------------------------------------------

const STAFF = ['township_staff', 'county_admin', 'city_admin'] as const
const UNDECIDED = ['pending', 'needs_review'] as const

/** The township's decision on a record waiting in `from` (service.decide, one by one or in a batch). */
function townshipDecides<S extends string>(from: readonly S[], approvedAs: readonly S[], rejectedAs: S): Step<S>[] {
  return [
    { action: 'service.decide', variant: 'approve', from, to: approvedAs, by: STAFF, fields: ['decisionReason'] },
    { action: 'service.decide', variant: 'reject', from, to: [rejectedAs], by: STAFF, fields: ['decisionReason'] },
  ]
}

/** The township credits a record with other minutes than it recorded (service.adjust), with a reason. */
const townshipAdjusts = <S extends string>(from: readonly S[], to: S): Step<S> => ({ action: 'service.adjust', from, to: [to], by: STAFF, fields: ['adjustedMinutes', 'flags', 'decisionReason'] })

/** A session at a station, from check-in (open) to the township's decision. */
export const sessionMachine = machine<SessionStatus>({
  name: 'session',
  label: '服务记录',
  states: SESSION_STATUSES,
  stateLabels: SESSION_STATUS_LABELS,
  steps: [
    // A check-out the same day waits for approval; one reached after midnight needs a closer look.
    { action: 'service.checkOut', from: ['open'], to: ['pending', 'needs_review'], by: ['owner'] },
    ...townshipDecides<SessionStatus>(UNDECIDED, ['approved'], 'rejected'),
    townshipAdjusts<SessionStatus>(['pending', 'needs_review', 'approved', 'rejected'], 'approved'),
  ],
})

export const MAKEUP_STATES = ['pending', 'approved', 'rejected'] as const
export type MakeupState = (typeof MAKEUP_STATES)[number]

/** A make-up (补签) for service the phone could not record: requested, then decided as any session. */
export const makeupMachine = machine<MakeupState>({
  name: 'makeup',
  label: '补签申请',
  states: MAKEUP_STATES,
  stateLabels: { pending: '待审核', approved: '已通过', rejected: '未通过' },
  steps: [
    ...townshipDecides<MakeupState>(['pending'], ['approved'], 'rejected'),
    townshipAdjusts<MakeupState>(['pending', 'approved', 'rejected'], 'approved'),
  ],
})

export const APPEAL_STATES = ['approved', 'adjusted', 'rejected', 'appealed'] as const
export type AppealState = (typeof APPEAL_STATES)[number]

/**
 * An appeal against a decision: a rejected or adjusted record goes back to the township
 * (appealed), which decides again. A record approved as recorded has nothing to appeal.
 */
export const appealMachine = machine<AppealState>({
  name: 'appeal',
  label: '申诉',
  states: APPEAL_STATES,
  stateLabels: { approved: '已通过（按记录）', adjusted: '已通过（调整时长）', rejected: '未通过', appealed: '申诉待审核' },
  steps: [
    { action: 'service.appeal', from: ['adjusted', 'rejected'], to: ['appealed'], by: ['owner'], fields: ['flags', 'note'] },
    ...townshipDecides<AppealState>(['appealed'], ['approved', 'adjusted'], 'rejected'),
  ],
})

/** Where an appeal stands, read from its session. */
export function appealState(s: { status: SessionStatus; adjustedMinutes: number | null; flags: readonly string[] }): AppealState | null {
  if (s.status === 'rejected') return 'rejected'
  if (s.status === 'approved') return s.adjustedMinutes === null ? 'approved' : 'adjusted'
  if (s.status === 'pending' && s.flags.includes('appeal')) return 'appealed'
  return null
}

// ---- perks ------------------------------------------------------------------------------------

const MERCHANT_ADMINS = ['county_admin', 'city_admin'] as const
export const MERCHANT_STATES = ['active', 'suspended'] as const
export type MerchantState = (typeof MERCHANT_STATES)[number]

export const merchantMachine = machine<MerchantState>({
  name: 'merchant',
  label: '爱心商家',
  states: MERCHANT_STATES,
  stateLabels: { active: '参与中', suspended: '已暂停' },
  steps: [
    { action: 'perk.setMerchantStatus', variant: 'suspended', from: ['active'], to: ['suspended'], by: MERCHANT_ADMINS },
    { action: 'perk.setMerchantStatus', variant: 'active', from: ['suspended'], to: ['active'], by: MERCHANT_ADMINS },
  ],
})

export const PERK_STATES = ['active', 'paused', 'suspended'] as const
export type PerkState = (typeof PERK_STATES)[number]

/** A perk: its merchant's staff (and the league) pause and resume it; it is suspended with its merchant. */
export const perkMachine = machine<PerkState>({
  name: 'perk',
  label: '优惠',
  states: PERK_STATES,
  stateLabels: { active: '进行中', paused: '已暂停', suspended: '商家暂停参与' },
  steps: [
    { action: 'perk.setPerkStatus', variant: 'paused', from: ['active'], to: ['paused'], by: ['merchant', ...MERCHANT_ADMINS] },
    { action: 'perk.setPerkStatus', variant: 'active', from: ['paused'], to: ['active'], by: ['merchant', ...MERCHANT_ADMINS] },
    // Its merchant's suspension carries it along, and resuming brings it back as it was.
    { action: 'perk.setMerchantStatus', variant: 'suspended', from: ['active', 'paused'], to: ['suspended'], by: MERCHANT_ADMINS },
    { action: 'perk.setMerchantStatus', variant: 'active', from: ['suspended'], to: ['active', 'paused'], by: MERCHANT_ADMINS },
  ],
})

// ---- job fairs --------------------------------------------------------------------------------

export const fairMachine = machine<FairStatus>({
  name: 'fair',
  label: '岗位对接会',
  states: FAIR_STATUSES,
  stateLabels: FAIR_STATUS_LABELS,
  steps: [
    {
      action: 'fair.save',
      from: ['draft', 'published'],
      to: ['draft', 'published'],
      by: ['city_admin'],
      fields: ['title', 'date', 'startTime', 'endTime', 'venue', 'address', 'location', 'signupOpensAt', 'signupClosesAt', 'startsAt', 'capacity', 'termEndsWithinDays', 'allowRuralYouth', 'maxPositions', 'employerIds', 'description'],
    },
    { action: 'fair.setStatus', variant: 'published', from: ['draft'], to: ['published'], by: ['city_admin'] },
    { action: 'fair.setStatus', variant: 'cancelled', from: ['draft', 'published'], to: ['cancelled'], by: ['city_admin'] },
  ],
})

export const SIGNUP_STATES = ['waiting', 'confirmed', 'checked_in', 'cancelled'] as const
export type SignupState = (typeof SIGNUP_STATES)[number]

/** A sign-up for a fair: a seat or a place in line, the door, and the outcomes recorded after. */
export const signupMachine = machine<SignupState>({
  name: 'signup',
  label: '对接会报名',
  states: SIGNUP_STATES,
  stateLabels: { waiting: '候补中', confirmed: '报名成功', checked_in: '已签到入场', cancelled: '已取消' },
  steps: [
    // Choosing other positions keeps the place; after cancelling, signing up again takes a new one.
    { action: 'fair.signUp', from: ['waiting', 'confirmed'], to: ['waiting', 'confirmed'], by: ['owner'], fields: ['positionIds', 'employerIds', 'resume', 'registrationId'] },
    { action: 'fair.signUp', from: ['cancelled'], to: ['waiting', 'confirmed'], by: ['owner'], fields: ['positionIds', 'employerIds', 'resume', 'registrationId'] },
    { action: 'fair.cancel', from: ['waiting', 'confirmed'], to: ['cancelled'], by: ['owner'] },
    { action: 'fair.checkIn', from: ['confirmed'], to: ['checked_in'], by: ['county_admin', 'city_admin'] },
    // The door finds someone by name when their phone cannot show the entry code: the same step.
    { action: 'fair.checkInByName', from: ['confirmed'], to: ['checked_in'], by: ['county_admin', 'city_admin'] },
    { action: 'fair.recordOutcome', from: ['checked_in'], to: ['checked_in'], by: ['employer'], fields: ['outcomes'] },
  ],
})

/** Where a sign-up stands, read from its record. */
export function signupState(s: { status: string; checkedInAt: unknown }): SignupState | null {
  if (s.status === 'confirmed') return s.checkedInAt ? 'checked_in' : 'confirmed'
  return s.status === 'waiting' || s.status === 'cancelled' ? s.status : null
}

// ---- grid reports (志愿网格员) ---------------------------------------------------------------------

/** A matter a volunteer reported: the township of its place takes it up, hands it on, and closes it or declines it. */
export const gridMachine = machine<GridStatus>({
  name: 'grid',
  label: '网格上报事项',
  states: GRID_STATUSES,
  stateLabels: GRID_STATUS_LABELS,
  steps: [
    { action: 'grid.accept', from: ['submitted'], to: ['accepted'], by: STAFF, fields: ['acceptedAt', 'handledBy'] },
    { action: 'grid.assign', from: ['accepted'], to: ['assigned'], by: STAFF, fields: ['assignee', 'assignNote', 'assignedAt', 'handledBy'] },
    { action: 'grid.close', from: ['accepted', 'assigned'], to: ['closed'], by: STAFF, fields: ['resolution', 'resolutionPhotoIds', 'closedAt', 'closeMinutes', 'late', 'handledBy'] },
    { action: 'grid.decline', from: ['submitted', 'accepted'], to: ['declined'], by: STAFF, fields: ['declineReason', 'closedAt', 'handledBy'] },
  ],
})

// ---- commendations ---------------------------------------------------------------------------

/** A commendation round (星级志愿者 / 最美志愿者): the city opens it and moves it on, phase by phase. */
export const commendRoundMachine = machine<RoundStatus>({
  name: 'commend_round',
  label: '评选',
  states: ROUND_STATUSES,
  stateLabels: ROUND_STATUS_LABELS,
  steps: [
    { action: 'commend.saveRound', from: ['draft'], to: ['draft'], by: ['city_admin'], fields: ['kind', 'title', 'year', 'nominateFrom', 'nominateTo', 'perTownship', 'perCounty', 'awards', 'criteria'] },
    { action: 'commend.advance', variant: 'nominating', from: ['draft'], to: ['nominating'], by: ['city_admin'] },
    { action: 'commend.advance', variant: 'reviewing', from: ['nominating'], to: ['reviewing'], by: ['city_admin'] },
    { action: 'commend.advance', variant: 'deciding', from: ['reviewing'], to: ['deciding'], by: ['city_admin'] },
    { action: 'commend.advance', variant: 'published', from: ['deciding'], to: ['published'], by: ['city_admin'], fields: ['publishedAt'] },
  ],
})

/** A township's nomination: the county recommends it or not, then the city awards it or not. */
export const nominationMachine = machine<NominationStatus>({
  name: 'nomination',
  label: '评选提名',
  states: NOMINATION_STATUSES,
  stateLabels: NOMINATION_STATUS_LABELS,
  steps: [
    { action: 'commend.review', variant: 'recommend', from: ['nominated'], to: ['recommended'], by: REVIEWERS, fields: ['reviewReason', 'reviewedBy', 'reviewedAt'] },
    { action: 'commend.review', variant: 'not_recommend', from: ['nominated'], to: ['not_recommended'], by: REVIEWERS, fields: ['reviewReason', 'reviewedBy', 'reviewedAt'] },
    { action: 'commend.decide', variant: 'award', from: ['recommended'], to: ['awarded'], by: ['city_admin'], fields: ['decisionReason', 'decidedBy', 'decidedAt'] },
    { action: 'commend.decide', variant: 'not_award', from: ['recommended'], to: ['not_awarded'], by: ['city_admin'], fields: ['decisionReason', 'decidedBy', 'decidedAt'] },
  ],
})

// ---- contests (两赛) ----------------------------------------------------------------------------

const LEAGUE = ['county_admin', 'city_admin'] as const

/** A contest: the league drafts and opens it; each round is judged and its results published; the next round opens. */
export const contestMachine = machine<ContestStatus>({
  name: 'contest',
  label: '大赛',
  states: CONTEST_STATUSES,
  stateLabels: CONTEST_STATUS_LABELS,
  steps: [
    { action: 'contest.save', from: ['draft'], to: ['draft'], by: LEAGUE, fields: ['kind', 'title', 'rules', 'countyCode', 'countyName', 'mode', 'maxTeamSize', 'rounds', 'rubric', 'awards', 'appealDays'] },
    // Opening it announces it to everyone who may enter (the cursor of that announcement).
    { action: 'contest.advance', variant: 'open', from: ['draft'], to: ['open'], by: LEAGUE, fields: ['announceAfter'] },
    { action: 'contest.advance', variant: 'judging', from: ['open'], to: ['judging'], by: LEAGUE },
    { action: 'contest.advance', variant: 'published', from: ['judging'], to: ['published'], by: LEAGUE, fields: ['publishedAt', 'appealUntil'] },
    { action: 'contest.advance', variant: 'next', from: ['published'], to: ['open'], by: LEAGUE, fields: ['round', 'submitted', 'appealUntil'] },
    // After upheld appeals and the judges' new scores: the reopened entries' results are worked out again.
    { action: 'contest.advance', variant: 'republish', from: ['published'], to: ['published'], by: LEAGUE },
  ],
})

/** An entry: its captain (the owner) drafts and submits it (members join it by its team code); each round's results move it on. */
export const contestEntryMachine = machine<EntryStatus>({
  name: 'contest_entry',
  label: '参赛作品',
  states: ENTRY_STATUSES,
  stateLabels: ENTRY_STATUS_LABELS,
  steps: [
    { action: 'contest.saveEntry', from: ['draft', 'submitted'], to: ['draft', 'submitted'], by: ['owner'], fields: ['title', 'workUrl', 'pictureIds', 'description'] },
    { action: 'contest.submitEntry', from: ['draft'], to: ['submitted'], by: ['owner'], fields: ['submittedAt'] },
    // Publishing a round's results moves its entries on at once (contest.advance to 'published'), and
    // the function's timer finishes what a publishing call left: submitted entries to advanced /
    // eliminated / awarded by their rank; advanced ones into the next round once it opens.
    { action: 'contest.settleResults', from: ['submitted'], to: ['advanced', 'eliminated', 'awarded'], by: ['system'], fields: ['results', 'lastRound', 'lastRank', 'lastScore', 'award'] },
    { action: 'contest.settleResults', from: ['advanced'], to: ['submitted'], by: ['system'], fields: ['round'] },
    // An upheld appeal reopens the entry's scoring for the round its result was published in: back
    // under judgement (its award withdrawn) until the league republishes that round's results.
    { action: 'contest.answerAppeal', variant: 'upheld', from: ['advanced', 'eliminated', 'awarded'], to: ['submitted'], by: LEAGUE, fields: ['reopenedRound', 'award'] },
    // Republishing the round after that (the contest's contest.advance 'republish' step) ranks it again:
    // the reopened entries move on as settleResults moves them, and settled ones whose rank, award or
    // outcome the new ranking changes are corrected in place, a side effect of the contest's step (as a
    // fair's waiting list moves inside someone else's cancellation), not a step of its own.
  ],
})

/** An appeal against a round's results: the league upholds it (the scores are reviewed) or dismisses it. */
export const contestAppealMachine = machine<ContestAppealStatus>({
  name: 'contest_appeal',
  label: '大赛申诉',
  states: CONTEST_APPEAL_STATUSES,
  stateLabels: CONTEST_APPEAL_STATUS_LABELS,
  steps: [
    { action: 'contest.answerAppeal', variant: 'upheld', from: ['open'], to: ['upheld'], by: LEAGUE, fields: ['answer', 'answeredBy', 'answeredAt'] },
    { action: 'contest.answerAppeal', variant: 'dismissed', from: ['open'], to: ['dismissed'], by: LEAGUE, fields: ['answer', 'answeredBy', 'answeredAt'] },
  ],
})

// ---- trainings (三训) ---------------------------------------------------------------------------

export const TRAINING_COURSE_STATES = ['draft', 'published', 'cancelled'] as const
export type TrainingCourseState = (typeof TRAINING_COURSE_STATES)[number]

/** A course: the league (the city, or a county for its own) drafts it, publishes it with its sessions, or cancels it. */
export const trainingCourseMachine = machine<TrainingCourseState>({
  name: 'training_course',
  label: '培训课程',
  states: TRAINING_COURSE_STATES,
  stateLabels: { draft: '草稿', published: '已发布', cancelled: '已取消' },
  steps: [
    { action: 'training.save', from: ['draft', 'published'], to: ['draft', 'published'], by: LEAGUE, fields: ['title', 'kind', 'audience', 'department', 'countyCode', 'description', 'requiredSessions', 'parts'] },
    { action: 'training.setStatus', variant: 'published', from: ['draft'], to: ['published'], by: LEAGUE },
    { action: 'training.setStatus', variant: 'cancelled', from: ['draft', 'published'], to: ['cancelled'], by: LEAGUE },
  ],
})

export const TRAINING_SIGNUP_STATES = ['waiting', 'confirmed', 'checked_in', 'attended', 'cancelled'] as const
export type TrainingSignupState = (typeof TRAINING_SIGNUP_STATES)[number]

/**
 * A sign-up for a training session: a seat or a place in line (the fairs' engine; the first in
 * line takes a seat someone gives up, a step of the canceller's call, not of this sign-up's); at
 * the door checked in, and for a long session out again, which makes the attendance; or marked
 * present (or the marking undone) by the league from the roster.
 */
export const trainingSignupMachine = machine<TrainingSignupState>({
  name: 'training_signup',
  label: '培训报名',
  states: TRAINING_SIGNUP_STATES,
  stateLabels: { waiting: '候补中', confirmed: '报名成功', checked_in: '已签到（待签退）', attended: '已出勤', cancelled: '已取消' },
  steps: [
    // After cancelling, signing up again takes a new place (at the end of the line when full).
    { action: 'training.signUp', from: ['cancelled'], to: ['waiting', 'confirmed'], by: ['owner'], fields: ['name', 'kind', 'townshipName', 'mobileMasked', 'mobileTail', 'openid', 'checkedInAt', 'checkInWindow', 'checkedOutAt', 'checkInMethod', 'attended', 'minutes', 'markedBy', 'promotedAt', 'cancelledAt', 'createdAt'] },
    // Before the session starts and before any check-in.
    { action: 'training.cancel', from: ['waiting', 'confirmed'], to: ['cancelled'], by: ['owner'], fields: ['cancelledAt'] },
    // A session without check-out counts at the check-in; one with it, at the check-out (with a later code).
    { action: 'training.checkIn', variant: 'in', from: ['confirmed'], to: ['checked_in', 'attended'], by: ['owner'], fields: ['checkedInAt', 'checkInWindow', 'checkInMethod', 'attended', 'minutes'] },
    { action: 'training.checkIn', variant: 'out', from: ['checked_in'], to: ['attended'], by: ['owner'], fields: ['checkedOutAt', 'attended', 'minutes'] },
    { action: 'training.markAttendance', variant: 'present', from: ['confirmed', 'checked_in'], to: ['attended'], by: LEAGUE, fields: ['attended', 'minutes', 'markedBy', 'checkedInAt', 'checkInMethod'] },
    // Undone: the check-in stays on record, the attendance (and a certificate it made) goes.
    { action: 'training.markAttendance', variant: 'absent', from: ['attended'], to: ['checked_in'], by: LEAGUE, fields: ['attended', 'minutes', 'markedBy'] },
  ],
})

/** Where a training sign-up stands, read from its record (a sign-up still being placed counts as waiting). */
export function trainingSignupState(s: { status: string; checkedInAt: unknown; attended: boolean }): TrainingSignupState | null {
  if (s.status === 'cancelled') return 'cancelled'
  if (s.status === 'waiting' || s.status === 'pending') return 'waiting'
  if (s.status !== 'confirmed') return null
  return s.attended ? 'attended' : s.checkedInAt ? 'checked_in' : 'confirmed'
}

export const MACHINES: readonly Machine[] = [
  registrationMachine,
  takeoverMachine,
  invitationMachine,
  sessionMachine,
  makeupMachine,
  appealMachine,
  merchantMachine,
  perkMachine,
  loanMachine,
  subsidyPeriodMachine,
  fairMachine,
  signupMachine,
  gridMachine,
  commendRoundMachine,
  nominationMachine,
  contestMachine,
  contestEntryMachine,
  contestAppealMachine,
  trainingCourseMachine,
  trainingSignupMachine,
]

/** Every state some step of this action (and decision) leaves from: for conditional batch updates. */
export function statesLeftBy<S extends string>(m: Machine<S>, action: string, variant?: string): S[] {
  return [...new Set(m.steps.filter((s) => s.action === action && (s.variant ?? '') === (variant ?? '')).flatMap((s) => s.from))]
}

/** The steps an action (and decision) may take from a state, by any of these roles. */
export function stepsFor<S extends string>(m: Machine<S>, action: string, variant: string | undefined, from: S): Step<S>[] {
  return m.steps.filter((s) => s.action === action && (s.variant ?? '') === (variant ?? '') && s.from.includes(from))
}

/** Whether a step of this action (and decision) leaves from this state for any of the roles. */
export function allowedStep<S extends string>(m: Machine<S>, action: string, variant: string | undefined, from: S, roles: readonly StepRole[]): Step<S> | null {
  return stepsFor(m, action, variant, from).find((s) => s.by.includes('signed_in') || s.by.some((r) => roles.includes(r))) ?? null
}
