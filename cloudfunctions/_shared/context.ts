// Who is calling: the OPENID the platform injected, the account it belongs to, and what
// their roles let them reach.
import type { RoleGrant } from '../../types/common'
import type { Role } from '../../types/roles'
import { audit } from './audit'
import { COLLECTIONS, type UserDoc } from './collections'
import { _, db, isDuplicateKey } from './cloud'
import { config } from './config'
import { CITY } from './divisions'
import { AppError, forbidden } from './errors'

const CITY_ADMIN: RoleGrant = { role: 'city_admin', scopeType: 'city', scopeId: CITY.code, scopeName: CITY.name }

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
      .where({ openid: this.openid })
      .limit(1)
      .get()
      .then((res) => this.bootstrap(res.data[0] ?? null))
    return this.loaded
  }

  /** The first city admins come from deployment configuration: they get the role on their first call. */
  private async bootstrap(user: UserDoc | null): Promise<UserDoc | null> {
    if (!user || !config.bootstrapCityAdmins().includes(this.openid) || user.roles.some((g) => g.role === 'city_admin')) return user
    await db.collection<UserDoc>(COLLECTIONS.users).doc(user._id).update({ data: { roles: _.push([CITY_ADMIN]), updatedAt: this.now } })
    await audit(this.now, { actorId: user._id, action: 'role.bootstrap', targetType: 'user', targetId: user._id, before: null, after: CITY_ADMIN, reason: '部署配置指定的首位团市委管理员' })
    return { ...user, roles: [...user.roles, CITY_ADMIN] }
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
      await db.collection<UserDoc>(COLLECTIONS.users).add({ data: doc })
    } catch (err) {
      // Another call of the same user created it first (the unique openid index refused ours).
      if (!isDuplicateKey(err)) throw err
    }
    this.loaded = null
    const created = await this.user()
    if (!created) throw new Error('account was not created')
    return created
  }

  /** The caller's grants of the given roles; refuses if they hold none. */
  async requireRoles(roles: readonly Role[]): Promise<RoleGrant[]> {
    const user = await this.user()
    if (!user) throw new AppError('FORBIDDEN', '请先完成注册或接受邀请')
    const grants = user.roles.filter((g) => roles.includes(g.role))
    if (grants.length === 0) throw forbidden()
    return grants
  }

  /** Which counties the caller administers: 'city' for a city admin, else their county codes. */
  async adminCounties(): Promise<'city' | Set<string>> {
    const grants = await this.requireRoles(['county_admin', 'city_admin'])
    if (grants.some((g) => g.role === 'city_admin')) return 'city'
    return new Set(grants.map((g) => g.scopeId))
  }

  /** Refuses unless the caller administers this county (city admins administer all). */
  async requireCounty(countyCode: string, message = '只能处理本县（市、区）的事务'): Promise<void> {
    const counties = await this.adminCounties()
    if (counties !== 'city' && !counties.has(countyCode)) throw forbidden(message)
  }

  /**
   * The townships the caller manages: a township's staff their townships, a county admin every
   * township of their county, a city admin all ('city').
   */
  async townshipReach(): Promise<'city' | { townships: Set<string>; counties: Set<string> }> {
    const grants = await this.requireRoles(['township_staff', 'county_admin', 'city_admin'])
    if (grants.some((g) => g.role === 'city_admin')) return 'city'
    const townships = new Set(grants.filter((g) => g.role === 'township_staff').map((g) => g.scopeId))
    const counties = new Set(grants.filter((g) => g.role === 'county_admin').map((g) => g.scopeId))
    return { townships, counties }
  }

  /** Refuses unless the caller manages this township. */
  async requireTownship(townshipCode: string, countyCode: string, message = '只能管理本镇街的事务'): Promise<void> {
    const reach = await this.townshipReach()
    if (reach !== 'city' && !reach.townships.has(townshipCode) && !reach.counties.has(countyCode)) throw forbidden(message)
  }

  async displayName(): Promise<string> {
    const user = await this.user()
    return user?.nickname || '管理员'
  }
}
