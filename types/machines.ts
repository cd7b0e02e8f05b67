// Everything that moves through states, declared once: its states and, per action, from which
// states it may move, to which, by whom, and which fields the action may change there. The
// functions move an entity only through these declarations (cloudfunctions/_shared/machines.ts),
// and the quality harness tests every state × action × role cell of every machine
// (test/quality/transitions.test.ts). No zod here: pages may import it.
import type { Role } from './roles'
import { LOAN_STATUSES, REGISTRATION_STATUSES, type LoanStatus, type RegistrationStatus } from './vocabulary'

/**
 * Who may take a step: a role acting within its reach, `owner` (the person the entity belongs
 * to: the applicant, the registrant, the one who signed up, the creator), or `signed_in` (anyone
 * with an account).
 */
export type StepRole = Role | 'owner' | 'signed_in'

export interface Step<S extends string = string> {
  /** The contract action ('loan.countyDecide'). */
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
  stateLabels: { pending: '待审核', approved: '已通过', rejected: '未通过', closed: '已注销' },
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
  stateLabels: {
    draft: '草稿',
    submitted: '县团委审核中',
    city_review: '团市委审核中',
    bank_review: '银行审批中',
    approved: '银行已批准',
    disbursed: '已放款',
    in_subsidy: '贴息中',
    closed: '已结清',
    rejected: '未通过',
    withdrawn: '已撤回',
    returned: '退回补充',
  },
  steps: [
    {
      action: 'loan.saveDraft',
      from: ['draft', 'returned'],
      to: ['draft', 'returned'],
      by: ['owner'],
      fields: ['amountFen', 'termMonths', 'bankId', 'branch', 'project'],
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
    { action: 'loan.recordRepayment', from: LENDING, to: ['disbursed', 'in_subsidy', 'closed'], by: ['bank_officer'], fields: ['repayments', 'outstandingFen'] },
    { action: 'loan.approveSubsidy', from: LENDING, to: ['in_subsidy', 'closed'], by: ['city_admin'], fields: ['subsidies', 'subsidyApprovedFen'] },
  ],
})

export const SUBSIDY_PERIOD_STATES = ['projected', 'due', 'approved'] as const
export type SubsidyPeriodState = (typeof SUBSIDY_PERIOD_STATES)[number]

/** One quarter of a loan's interest subsidy: approved in order, once it has ended. */
export const subsidyPeriodMachine = machine<SubsidyPeriodState>({
  name: 'subsidy_period',
  label: '贴息期',
  states: SUBSIDY_PERIOD_STATES,
  stateLabels: { projected: '未到期', due: '待核准', approved: '已核准' },
  steps: [{ action: 'loan.approveSubsidy', from: ['due'], to: ['approved'], by: ['city_admin'] }],
})

export const MACHINES: readonly Machine[] = [registrationMachine, takeoverMachine, invitationMachine, loanMachine, subsidyPeriodMachine]

/** The steps an action (and decision) may take from a state, by any of these roles. */
export function stepsFor<S extends string>(m: Machine<S>, action: string, variant: string | undefined, from: S): Step<S>[] {
  return m.steps.filter((s) => s.action === action && (s.variant ?? '') === (variant ?? '') && s.from.includes(from))
}

/** Whether a step of this action (and decision) leaves from this state for any of the roles. */
export function allowedStep<S extends string>(m: Machine<S>, action: string, variant: string | undefined, from: S, roles: readonly StepRole[]): Step<S> | null {
  return stepsFor(m, action, variant, from).find((s) => s.by.includes('signed_in') || s.by.some((r) => roles.includes(r))) ?? null
}
