// Collection names and the shapes of their documents. Every collection here is declared,
// with its indexes and security rule, in cloudfunctions/collections.json (a test checks).
import type { RoleGrant } from '../../types/common'

export const COLLECTIONS = {
  users: 'users',
} as const

export interface UserDoc {
  _id: string
  /** The WeChat identity this account belongs to (unique). */
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
