// Who is calling: the OPENID the platform injected, the account it belongs to, and what
// their roles let them reach.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { RoleGrant } from '../../types/common'
import type { Role } from '../../types/roles'
import { audit } from './audit'
import { COLLECTIONS, type UserDoc } from './collections'
import { _, db, isDuplicateKey } from './cloud'
import { config } from './config'
import type { Aggregate } from './db-types'
import { CITY } from './divisions'
import { AppError, forbidden } from './errors'

const CITY_ADMIN: RoleGrant = { role: 'city_admin', scopeType: 'city', scopeId: CITY.code, scopeName: CITY.name }

/**
 * What a call reads together with its caller's account, in the one request that reads the account
 * (the handler reads it before the action, to check the caller's roles): stages added after the
 * account (lookups, and the fields they key on), every field they add named in `as`. The action
 * takes them with `ctx.joined(join)`; the account is as it would be read alone.
 */
export interface CallerJoin {
  as: readonly string[]
  stages: (caller: Aggregate) => Aggregate
}

/** The join of the call under way (see `joiningCaller`). */
const callJoins = new AsyncLocalStorage<CallerJoin>()

const accounts = () => db.collection<UserDoc>(COLLECTIONS.users)

/** A row read by a join: the fields it added (named in `as`), and the account without them. */
function split(row: Record<string, unknown>, as: readonly string[]): { user: UserDoc; parts: Record<string, unknown> } {
  const user: Record<string, unknown> = { ...row }
  const parts: Record<string, unknown> = {}
  for (const name of as) {
    parts[name] = row[name]
    delete user[name]
  }
  return { user: user as unknown as UserDoc, parts }
}

/**
 * A function's entry whose calls read what their action decides from with the caller's account,
 * one request where there were two: `joinOf` gives a call's join from its event (null: the account
 * alone). It sees the input before the handler validates it, so it must build a join only from
 * input its action's schema accepts.
 */
export function joiningCaller<E, R>(main: (event: E) => Promise<R>, joinOf: (event: E) => CallerJoin | null): (event: E) => Promise<R> {
  return (event) => {
    const join = joinOf(event)
    return join ? callJoins.run(join, () => main(event)) : main(event)
  }
}

export class CallContext {
  private loaded: Promise<UserDoc | null> | null = null
  /** This call's join, if its function gave one (read with the account). */
  private readonly join = callJoins.getStore() ?? null
  /** What the join read, by name (null until read, or when there is no account to read it with). */
  private joinedParts: Record<string, unknown> | null = null

  constructor(
    /** Identity comes only from getWXContext(), never from the request. */
    readonly openid: string,
    readonly now: Date,
  ) {}

  /** The caller's account, or null if they have never called before. One query (with the call's join), cached. */
  user(): Promise<UserDoc | null> {
    this.loaded ??= this.read().then((user) => this.bootstrap(user))
    return this.loaded
  }

  /** The account by its WeChat identity (unique), with the call's join when it has one. */
  private async read(): Promise<UserDoc | null> {
    if (!this.join) return (await accounts().where({ openid: this.openid }).limit(1).get()).data[0] ?? null
    const { list } = await this.join.stages(accounts().aggregate().match({ openid: this.openid }).limit(1)).end()
    if (!list[0]) return null
    const { user, parts } = split(list[0], this.join.as)
    this.joinedParts = parts
    return user
  }

  /**
   * What `join` reads beside the caller's account, by name: as the account's own read carried it
   * when the function joined it there for this call (`joiningCaller`), else read now beside the
   * account (one request). Null when there is no account.
   */
  async joined<T extends object>(join: CallerJoin): Promise<T | null> {
    const user = await this.user()
    if (!user) return null
    if (this.joinedParts && this.join && this.join.as.join() === join.as.join()) return this.joinedParts as T
    const { list } = await join.stages(accounts().aggregate().match({ _id: user._id }).limit(1)).end()
    return list[0] ? (split(list[0], join.as).parts as T) : null
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
