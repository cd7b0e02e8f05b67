// Who is calling: the OPENID the platform injected, and the account it belongs to.
import { COLLECTIONS, type UserDoc } from './collections'
import { db, isDuplicateKey } from './cloud'
import { AppError, forbidden } from './errors'
import type { Role } from '../../types/roles'
import type { RoleGrant } from '../../types/common'

export class CallContext {
  private loaded: Promise<UserDoc | null> | null = null

  constructor(
    /** Identity comes only from getWXContext(), never from the request. */
    readonly openid: string,
    readonly now: Date,
  ) {}

  /** The caller's account, or null if they have never called before. One query, cached. */
  user(): Promise<UserDoc | null> {
    this.loaded ??= db
      .collection<UserDoc>(COLLECTIONS.users)
      .where({ openid: this.openid, status: 'active' })
      .limit(1)
      .get()
      .then((res) => res.data[0] ?? null)
    return this.loaded
  }

  /** The caller's account, created on first use. Concurrent first calls create one account. */
  async account(): Promise<UserDoc> {
    const existing = await this.user()
    if (existing) return existing
    const doc: Omit<UserDoc, '_id'> = {
      openid: this.openid,
      nickname: '',
      avatarFileId: '',
      mobile: '',
      roles: [],
      status: 'active',
      createdAt: this.now,
      updatedAt: this.now,
    }
    try {
      const { _id } = await db.collection<UserDoc>(COLLECTIONS.users).add({ data: doc })
      const created = { ...doc, _id: String(_id) }
      this.loaded = Promise.resolve(created)
      return created
    } catch (err) {
      // Another call of the same user created it first (the unique openid index refused ours).
      if (!isDuplicateKey(err)) throw err
      this.loaded = null
      const raced = await this.user()
      if (!raced) throw err
      return raced
    }
  }

  /** The caller's grants of the given roles; refuses if they hold none. */
  async requireRoles(roles: readonly Role[]): Promise<RoleGrant[]> {
    const user = await this.user()
    if (!user) throw new AppError('FORBIDDEN', '请先完成注册或接受邀请')
    const grants = user.roles.filter((g) => roles.includes(g.role))
    if (grants.length === 0) throw forbidden()
    return grants
  }
}
