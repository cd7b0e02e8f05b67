// 角色授权：一次性邀请（邀请码或小程序码）、接受邀请、查看与撤销已授予的角色。均留痕。
import crypto from 'node:crypto'
import type { RoleGrant } from '../../types/common'
import { grants, GRANTABLE_ROLES, invitationScene, type GrantView, type InvitationView } from '../../types/grants'
import { maskMobile } from '../../types/personal'
import { audit } from '../_shared/audit'
import { COLLECTIONS, personLabel, type InvitationDoc, type OrganisationDoc, type UserDoc } from '../_shared/collections'
import { _, cloud, containing, db, files, isDuplicateKey } from '../_shared/cloud'
import type { CallContext } from '../_shared/context'
import { allCounties, countyName } from '../_shared/divisions'
import { AppError, conflict, forbidden, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { notify } from '../_shared/notify'
import { takeStep } from '../_shared/machines'
import { grantCounty, grantReachProblem, ORG_COLLECTION, resolveScope } from '../_shared/scopes'
import { pageWithTotal } from '../_shared/paging'
import { ROLE_LABELS } from '../../types/roles'
import { invitationMachine, type StepRole } from '../../types/machines'

const invitations = () => db.collection<InvitationDoc>(COLLECTIONS.invitations)
const users = () => db.collection<UserDoc>(COLLECTIONS.users)

/** The page an invitation's 小程序码 opens (its scene carries the code). */
export const INVITE_PAGE = 'packages/account/invite/index'
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

function newCode(): string {
  return Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('')
}

function statusOf(inv: InvitationDoc, now: Date): InvitationView['status'] {
  return inv.status === 'open' && inv.expiresAt <= now ? 'expired' : inv.status
}

function view(inv: InvitationDoc, now: Date): InvitationView {
  return {
    code: inv._id,
    scene: invitationScene(inv._id),
    role: inv.role,
    scopeType: inv.scopeType,
    scopeId: inv.scopeId,
    scopeName: inv.scopeName,
    note: inv.note,
    status: statusOf(inv, now),
    expiresAt: inv.expiresAt.toISOString(),
    createdAt: inv.createdAt.toISOString(),
    createdByName: inv.createdByName,
    usedByName: inv.usedByName,
    usedAt: inv.usedAt ? inv.usedAt.toISOString() : null,
  }
}

/** Why an invitation cannot be used now, or '' if it can. */
function problemOf(inv: InvitationDoc | null, now: Date): string {
  if (!inv) return '邀请码不存在，请核对后重新输入'
  if (inv.status === 'used') return '该邀请已被使用'
  if (inv.status === 'revoked') return '该邀请已被作废'
  if (inv.expiresAt <= now) return '该邀请已过期，请联系邀请人重新发送'
  return ''
}

/** An invitation the caller created, or any if they are a city admin. */
async function ownInvitation(code: string, ctx: CallContext): Promise<InvitationDoc> {
  const { data: inv } = await invitations().doc(code).get()
  const me = (await ctx.user())!
  if (!inv) throw notFound('邀请码不存在')
  if (inv.createdBy !== me._id && (await ctx.adminCounties()) !== 'city') throw forbidden('只能管理自己创建的邀请')
  return inv
}

/** Who may invite whom: see grantReachProblem. */
async function checkReach(ctx: CallContext, role: InvitationDoc['role'], countyCode: string): Promise<void> {
  const problem = grantReachProblem(await ctx.adminCounties(), role, countyCode, '邀请')
  if (problem) throw forbidden(problem)
}

export const main = defineFunction('grants', grants, {
  async organisations(input, ctx) {
    const counties = await ctx.adminCounties()
    // What the admin may invite into: the city any active organisation; a county its own merchants.
    if (counties !== 'city' && input.role !== 'merchant') return { items: [], total: 0 }
    const criteria: Record<string, unknown> = { status: 'active' }
    if (counties !== 'city') criteria.countyCode = _.in([...counties])
    if (input.keyword) criteria.name = containing(input.keyword)
    const orgs = db.collection<OrganisationDoc>(ORG_COLLECTION[input.role])
    const { total, data } = await pageWithTotal(orgs.where(criteria), [['name', 'asc']], input, { name: true, countyCode: true })
    return { items: data.map((o) => ({ id: o._id, name: o.name, countyName: o.countyCode ? (countyName(o.countyCode) ?? '') : '全市' })), total }
  },

  async createInvitation(input, ctx) {
    const scope = await resolveScope(input.role, input.scopeId)
    await checkReach(ctx, input.role, scope.countyCode)
    const me = (await ctx.user())!
    const base = {
      role: input.role,
      scopeType: scope.grant.scopeType,
      scopeId: scope.grant.scopeId,
      scopeName: scope.grant.scopeName,
      countyCode: scope.countyCode,
      note: input.note,
      status: 'open' as const,
      expiresAt: new Date(ctx.now.getTime() + input.expiresInDays * 86400_000),
      createdBy: me._id,
      createdByName: me.nickname || '管理员',
      createdAt: ctx.now,
      usedBy: '',
      usedByName: '',
      usedAt: null,
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc: InvitationDoc = { ...base, _id: newCode() }
      try {
        await invitations().add({ data: doc })
      } catch (err) {
        if (isDuplicateKey(err)) continue // a code already taken: draw again
        throw err
      }
      await audit(ctx.now, { actorId: me._id, action: 'invitation.create', targetType: 'invitation', targetId: doc._id, before: null, after: scope.grant, reason: input.note })
      return view(doc, ctx.now)
    }
    throw new Error('could not draw a free invitation code')
  },

  async listInvitations(input, ctx) {
    const me = (await ctx.user())!
    const criteria: Record<string, unknown> = { createdBy: me._id }
    if (input.status === 'expired') Object.assign(criteria, { status: 'open', expiresAt: _.lte(ctx.now) })
    else if (input.status === 'open') Object.assign(criteria, { status: 'open', expiresAt: _.gt(ctx.now) })
    else if (input.status) criteria.status = input.status
    const { total, data } = await pageWithTotal(invitations().where(criteria), [['createdAt', 'desc']], input)
    return { items: data.map((inv) => view(inv, ctx.now)), total }
  },

  async invitationCode(input, ctx) {
    const inv = await ownInvitation(input.code, ctx)
    const problem = problemOf(inv, ctx.now)
    if (problem) throw conflict(problem)
    const scene = invitationScene(inv._id)
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page: INVITE_PAGE, checkPath: false, width: 430 } as never)) as { buffer: Buffer }
    const cloudPath = `invitations/${inv._id}.png`
    const fileID = await files.upload(cloudPath, res.buffer)
    const imageUrl = (await files.tempUrls([fileID])).get(fileID) ?? ''
    return { imageUrl, scene, page: INVITE_PAGE }
  },

  async revokeInvitation(input, ctx) {
    const inv = await ownInvitation(input.code, ctx)
    const me = (await ctx.user())!
    const roles: StepRole[] = [inv.createdBy === me._id ? 'owner' : 'city_admin']
    takeStep(invitationMachine, { action: 'grants.revokeInvitation', from: statusOf(inv, ctx.now), roles }, () => conflict('该邀请已被使用或作废'))
    const { stats } = await invitations().where({ _id: inv._id, status: 'open' }).update({ data: { status: 'revoked' } })
    if (stats.updated !== 1) throw conflict('该邀请已被使用或作废')
    await audit(ctx.now, { actorId: me._id, action: 'invitation.revoke', targetType: 'invitation', targetId: inv._id, before: { status: 'open' }, after: { status: 'revoked' }, reason: '' })
    return view({ ...inv, status: 'revoked' }, ctx.now)
  },

  async previewInvitation(input, ctx) {
    const { data: inv } = await invitations().doc(input.code).get()
    if (!inv) throw notFound(problemOf(null, ctx.now))
    const problem = problemOf(inv, ctx.now)
    return { role: inv.role, scopeName: inv.scopeName, note: inv.note, invitedBy: inv.createdByName, expiresAt: inv.expiresAt.toISOString(), usable: !problem, problem }
  },

  async redeemInvitation(input, ctx) {
    const me = await ctx.account()
    // One transaction: marking the invitation used and granting the role happen together, and
    // of two people redeeming one code at the same moment exactly one succeeds.
    const grant = await db.runTransaction(async (tx) => {
      const { data: inv } = await tx.collection<InvitationDoc>(COLLECTIONS.invitations).doc(input.code).get()
      if (!inv) throw conflict(problemOf(inv, ctx.now))
      takeStep(invitationMachine, { action: 'grants.redeemInvitation', from: statusOf(inv, ctx.now), roles: ['signed_in'] }, () => conflict(problemOf(inv, ctx.now)))
      const { data: user } = await tx.collection<UserDoc>(COLLECTIONS.users).doc(me._id).get()
      const granted: RoleGrant = { role: inv.role, scopeType: inv.scopeType, scopeId: inv.scopeId, scopeName: inv.scopeName }
      if (!user) throw conflict('账号状态异常，请稍后再试')
      if (user.roles.some((g) => g.role === granted.role && g.scopeId === granted.scopeId)) throw conflict('你已拥有该角色，无需重复接受')
      await tx.collection<InvitationDoc>(COLLECTIONS.invitations).doc(inv._id).update({ data: { status: 'used', usedBy: me._id, usedByName: input.name, usedAt: ctx.now } })
      await tx.collection<UserDoc>(COLLECTIONS.users).doc(me._id).update({ data: { roles: [...user.roles, granted], realName: input.name, updatedAt: ctx.now } })
      return granted
    })
    await audit(ctx.now, { actorId: me._id, action: 'role.grant', targetType: 'user', targetId: me._id, before: null, after: grant, reason: `接受邀请 ${input.code}` })
    return { grant }
  },

  async listGrants(input, ctx) {
    const counties = await ctx.adminCounties()
    const roles = input.role ? [input.role] : [...GRANTABLE_ROLES]
    const criteria: Record<string, unknown> = { 'roles.role': _.in(roles), status: 'active' }
    if (counties !== 'city') {
      // The scopes inside the admin's counties: the counties, their townships, their merchants.
      const codes = [...counties]
      const townships = allCounties.filter((c) => counties.has(c.code)).flatMap((c) => c.townships.map((t) => t.code))
      const { data: merchants } = await db.collection<OrganisationDoc>(COLLECTIONS.merchants).where({ countyCode: _.in(codes) }).field({ _id: true }).get()
      criteria['roles.scopeId'] = _.in([...codes, ...townships, ...merchants.map((m) => m._id)])
    }
    const { total, data } = await pageWithTotal(users().where(criteria), [['updatedAt', 'desc']], input)
    const items: GrantView[] = []
    for (const user of data) {
      for (const grant of user.roles) {
        if (!roles.includes(grant.role as (typeof roles)[number])) continue
        if (counties !== 'city' && !counties.has(await grantCounty(grant))) continue
        items.push({ userId: user._id, name: personLabel(user), mobileMasked: maskMobile(user.mobile), grant })
      }
    }
    return { items, total }
  },

  async revokeGrant(input, ctx) {
    const me = (await ctx.user())!
    const { data: user } = await users().doc(input.userId).get()
    const grant = user?.roles.find((g) => g.role === input.role && g.scopeId === input.scopeId)
    if (!user || !grant) throw notFound('该用户没有这个角色')
    const counties = await ctx.adminCounties()
    if (counties !== 'city') {
      if (grant.role === 'city_admin') throw forbidden('县（市、区）团委不能撤销团市委角色')
      if (!counties.has(await grantCounty(grant))) throw forbidden('只能撤销本县（市、区）范围内的角色')
    }
    if (user._id === me._id && grant.role === 'city_admin') throw new AppError('CONFLICT', '不能撤销自己的团市委管理员角色')
    const { stats } = await users()
      .doc(user._id)
      .update({ data: { roles: _.pull({ role: grant.role, scopeId: grant.scopeId }), updatedAt: ctx.now } })
    await audit(ctx.now, { actorId: me._id, action: 'role.revoke', targetType: 'user', targetId: user._id, before: grant, after: null, reason: input.reason })
    if (stats.updated === 1) {
      await notify(
        { userId: user._id, openid: user.openid },
        { template: 'review', page: 'pages/mine/index', values: { thing1: `${ROLE_LABELS[grant.role]}${grant.scopeName ? `（${grant.scopeName}）` : ''}`, phrase2: '已撤销', thing3: input.reason } },
        ctx.now,
      )
    }
    return { revoked: stats.updated === 1 }
  },
})
