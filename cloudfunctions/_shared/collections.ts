// Collection names and the shapes of their documents. Every collection here is declared,
// with its indexes and security rule, in cloudfunctions/collections.json (a test checks).
import type { RoleGrant } from '../../types/common'
import type { GrantableRole } from '../../types/grants'
import type { RegistrationKind, RegistrationStatus } from '../../types/registration'

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
} as const

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
  roles: RoleGrant[]
  status: 'active' | 'closed'
  createdAt: Date
  updatedAt: Date
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
