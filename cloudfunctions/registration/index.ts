// 注册与审核：志愿者、农村青年注册；县团委审核（可批量）；更换微信账号后接管原记录。
import type { RoleGrant } from '../../types/common'
import { idCardFacts, idNumberProblem, maskIdNumber, maskMobile, maskName } from '../../types/personal'
import {
  registration,
  PRIVACY_VERSION,
  SENSITIVE_CONSENT_VERSION,
  type MyRegistration,
  type RegistrationDetail,
  type RegistrationKind,
  type RegistrationSummary,
  type RuralYouthFormData,
  type TakeoverCase,
  type VolunteerFormData,
} from '../../types/registration'
import { GRANTABLE_ROLES, ROLE_LABELS } from '../../types/roles'
import { isoOrNull, shanghaiDate, shanghaiDaysAhead, wechatTime } from '../../types/time'
import type * as z from '../../types/zod'
import { audit, type AuditEntry } from '../_shared/audit'
import { COLLECTIONS, type IdentityDoc, type RegistrationDoc, type TakeoverDoc, type UserDoc } from '../_shared/collections'
import { _, $, containing, db, isDuplicateKey } from '../_shared/cloud'
import { joiningCaller, type CallContext, type CallerJoin } from '../_shared/context'
import { countyName, townshipOf } from '../_shared/divisions'
import { checkChange, takeStep } from '../_shared/machines'
import { grantCounty, grantReachProblem } from '../_shared/scopes'
import { registrationMachine, statesLeftBy, takeoverMachine, type StepRole } from '../../types/machines'
import { AppError, conflict, forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { holds } from '../_shared/holds'
import { notify, notifyEach, recipientsOf } from '../_shared/notify'
import { claimReminder, tellWhatWaits } from '../_shared/reminders'
import { readAll } from '../_shared/paging'
import { blindIndex, decrypt, encrypt } from '../_shared/pii'
import type { Aggregate, LookupPipeline } from '../_shared/db-types'
import { endTerms, extendTerm, listTerms, myTerm } from './term'

const registrations = () => db.collection<RegistrationDoc>(COLLECTIONS.registrations)
const users = () => db.collection<UserDoc>(COLLECTIONS.users)
const takeovers = () => db.collection<TakeoverDoc>(COLLECTIONS.takeovers)
const identities = () => db.collection<IdentityDoc>(COLLECTIONS.identities)


/** Registrations their owner may still edit (resubmit), and so may read their ID number in clear for. */
const editable = (r: RegistrationDoc) => statesLeftBy(registrationMachine, 'registration.submitVolunteer').includes(r.status)

/** Registrations still in play (waiting or approved): an ID number may belong to one account only. */
const IN_PLAY = ['pending', 'approved']

function mine(r: RegistrationDoc, revealId = false): MyRegistration {
  return {
    id: r._id,
    kind: r.kind,
    status: r.status,
    name: r.name,
    idMasked: r.idMasked,
    idNumber: revealId && r.idSealed ? decrypt(r.idSealed) : '',
    mobile: r.mobile,
    gender: r.gender,
    birthDate: r.birthDate,
    countyCode: r.countyCode,
    countyName: r.countyName,
    townshipCode: r.townshipCode,
    townshipName: r.townshipName,
    school: r.school,
    major: r.major,
    graduationYear: r.graduationYear,
    politicalStatus: r.politicalStatus,
    skills: r.skills,
    termStart: r.termStart,
    termEnd: r.termEnd,
    occupation: r.occupation,
    rejectReason: r.rejectReason,
    submittedAt: r.submittedAt.toISOString(),
    reviewedAt: isoOrNull(r.reviewedAt),
  }
}

function age(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years
}

/** `idConflict`: whether another account's registration in play shares the ID number (see rivalled). */
function summary(r: RegistrationDoc, today: string, idConflict: boolean): RegistrationSummary {
  return {
    id: r._id,
    kind: r.kind,
    status: r.status,
    name: r.name,
    idMasked: r.idMasked,
    mobileMasked: maskMobile(r.mobile),
    gender: r.gender,
    age: r.birthDate ? age(r.birthDate, today) : 0,
    countyName: r.countyName,
    townshipName: r.townshipName,
    school: r.school,
    skills: r.skills,
    submittedAt: r.submittedAt.toISOString(),
    rejectReason: r.rejectReason,
    idConflict,
  }
}

/** The role an approved registration carries. */
function roleOf(r: RegistrationDoc): RoleGrant {
  return r.kind === 'volunteer'
    ? { role: 'volunteer', scopeType: 'township', scopeId: r.townshipCode, scopeName: r.townshipName }
    : { role: 'rural_youth', scopeType: 'none', scopeId: '', scopeName: '' }
}

type Form = VolunteerFormData | RuralYouthFormData

/**
 * Claims the ID number for this account; false when another account holds it. A submission
 * with a claimed ID is still accepted (and answered as any other), so that nobody learns from
 * the answer whether an ID number is registered; the county sees the conflict and resolves it.
 */
async function claimIdentity(index: string, userId: string, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await identities().add({ data: { _id: index, userId, claimedAt: now } })
      return true
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
    const { data: claim } = await identities().doc(index).get()
    if (claim) return claim.userId === userId
    // Released between our insert and our read: try once more.
  }
  return false
}

/** Gives up the account's claim on an ID number unless another of its open registrations rests on it. */
async function releaseIdentity(index: string, userId: string, exceptRegistration = ''): Promise<void> {
  if (!index) return
  const criteria: Record<string, unknown> = { userId, idBlindIndex: index, status: _.in(IN_PLAY) }
  if (exceptRegistration) criteria._id = _.neq(exceptRegistration)
  if ((await registrations().where(criteria).count()).total > 0) return
  await identities().where({ _id: index, userId }).remove()
}

async function submit(kind: RegistrationKind, form: Form, ctx: CallContext): Promise<MyRegistration> {
  const user = await ctx.account()
  const today = shanghaiDate(ctx.now)
  const problem = idNumberProblem(form.idNumber, today)
  if (problem) throw invalid('idNumber', problem)
  const facts = idCardFacts(form.idNumber)
  if (form.gender && form.gender !== facts.gender) throw invalid('gender', '性别与身份证号不一致')
  if (form.birthDate && form.birthDate !== facts.birthDate) throw invalid('birthDate', '出生日期与身份证号不一致')
  if (form.privacyVersion !== PRIVACY_VERSION) throw invalid('privacyVersion', '隐私政策已更新，请重新阅读并同意')
  if (form.sensitiveVersion !== SENSITIVE_CONSENT_VERSION) throw invalid('sensitiveVersion', '请单独同意处理身份证号等敏感个人信息')
  const place = townshipOf(form.townshipCode)
  if (!place) throw invalid('townshipCode', '请选择服务镇街')
  if (place.countyCode !== form.countyCode) throw invalid('townshipCode', '所选镇街不属于所选县（市、区）')

  const id = `${user._id}:${kind}`
  const { data: existing } = await registrations().doc(id).get()
  if (existing) {
    const action = kind === 'volunteer' ? 'registration.submitVolunteer' : 'registration.submitRuralYouth'
    takeStep(registrationMachine, { action, from: existing.status, roles: ['owner'] }, () =>
      conflict(existing.status === 'approved' ? '注册已通过审核；如需修改信息，请联系所在县（市、区）团委' : `该注册${registrationMachine.stateLabels[existing.status]}，不能修改`),
    )
  }

  const index = blindIndex(form.idNumber)
  const held = await claimIdentity(index, user._id, ctx.now)

  const volunteer = kind === 'volunteer' ? (form as VolunteerFormData) : null
  const doc: Omit<RegistrationDoc, '_id'> = {
    userId: user._id,
    kind,
    status: 'pending',
    name: form.name,
    idSealed: encrypt(form.idNumber),
    idBlindIndex: index,
    idMasked: maskIdNumber(form.idNumber),
    idConflict: !held,
    mobile: form.mobile,
    gender: facts.gender,
    birthDate: facts.birthDate,
    countyCode: place.countyCode,
    countyName: place.countyName,
    townshipCode: place.townshipCode,
    townshipName: place.townshipName,
    school: volunteer?.school ?? '',
    major: volunteer?.major ?? '',
    graduationYear: volunteer?.graduationYear ?? null,
    politicalStatus: volunteer?.politicalStatus ?? '',
    skills: volunteer?.skills ?? [],
    termStart: volunteer?.termStart ?? '',
    termEnd: volunteer?.termEnd ?? '',
    occupation: 'occupation' in form ? form.occupation : '',
    consents: { privacy: { version: form.privacyVersion, at: ctx.now }, sensitive: { version: form.sensitiveVersion, at: ctx.now } },
    rejectReason: '',
    submittedAt: ctx.now,
    reviewedAt: null,
    reviewerId: '',
    updatedAt: ctx.now,
  }
  if (!existing) {
    await registrations().doc(id).set({ data: doc })
    return mine({ ...doc, _id: id })
  }
  // Written over the registration only as it was read: a review that decided it meanwhile is not
  // undone (an approval's role left without its registration).
  const { stats } = await registrations().where({ _id: id, status: existing.status, updatedAt: existing.updatedAt ?? _.exists(false) }).update({ data: doc })
  if (stats.updated !== 1) {
    const { data: now } = await registrations().doc(id).get()
    const { idSealed: _sealed, ...plain } = doc
    // The same form sent twice in one millisecond: its twin wrote it.
    if (now && holds(now, plain)) return mine(now)
    // A claim taken for a corrected ID number that nothing rests on now is given back.
    if (existing.idBlindIndex !== index) await releaseIdentity(index, user._id)
    throw conflict(now?.status === 'approved' ? '注册刚刚通过审核；如需修改信息，请联系所在县（市、区）团委' : '注册刚刚被审核或修改，请刷新后再试')
  }
  // The ID was corrected: release the old claim unless the other registration still uses it.
  if (existing.idBlindIndex && existing.idBlindIndex !== index) await releaseIdentity(existing.idBlindIndex, user._id, id)
  return mine({ ...doc, _id: id })
}

// Short: the detail page's conflict panel says how to resolve it (a refusal repeating it read twice).
const ID_CONFLICT_MESSAGE = '该身份证号已由另一账号注册，核实并处理冲突后才能通过（见申请详情）'

/** Another account's registration in play with the same ID number: who is who must be settled before either is approved. */
async function rivalOf(r: RegistrationDoc): Promise<RegistrationDoc | null> {
  const { data } = await registrations()
    .where({ idBlindIndex: r.idBlindIndex, userId: _.neq(r.userId), status: _.in(IN_PLAY) })
    .orderBy('submittedAt', 'asc')
    .limit(1)
    .get()
  return data[0] ?? null
}

/** A registration as a review reads it: with its ID-number rivals (`rivalled`) and its account (roles, WeChat identity). */
type Reviewed = WithRivals & { owner: Pick<UserDoc, '_id' | 'openid' | 'roles'>[] }

/** The registrations `ids` with their rivals and accounts, as stages of a pipeline (a collection's or a lookup's own). */
const reviewedIn = (pipeline: Aggregate, ids: string[]) =>
  withRivals(pipeline.match({ _id: _.in(ids) }))
    .lookup({ from: COLLECTIONS.users, localField: 'userId', foreignField: '_id', as: 'owner' })
    .limit(ids.length)

/**
 * A review reads what it decides from beside the reviewer's account: the registrations, their
 * rivals and accounts; in the one request the handler makes to check the reviewer's roles when
 * the call joined it there (`reviewJoin`).
 */
const reviewRead = (ids: string[]): CallerJoin => ({
  as: ['reviewed'],
  stages: (caller) => caller.lookup({ from: COLLECTIONS.registrations, pipeline: (reviewedIn($.pipeline(), ids) as LookupPipeline).done(), as: 'reviewed' }),
})

/** A review call's join (`joiningCaller`), from its input as the contract accepts it. */
function reviewJoin(event: { action?: unknown; input?: unknown }): CallerJoin | null {
  if (event?.action !== 'review') return null
  const parsed = registration.review.input.safeParse(event.input)
  return parsed.success ? reviewRead([...new Set(parsed.data.ids)]) : null
}

/**
 * What a review decides from: the registrations, which of them share their ID number with another
 * account's registration in play (as `rivalled` says), and their accounts (roles, WeChat identity).
 */
async function reviewFacts(ids: string[], ctx: CallContext): Promise<{ found: RegistrationDoc[]; conflicted: Set<string>; owners: Map<string, Pick<UserDoc, 'openid' | 'roles'>> }> {
  const list = (await ctx.joined<{ reviewed: Reviewed[] }>(reviewRead(ids)))?.reviewed ?? []
  const owners = new Map(list.flatMap((r) => r.owner.map((u) => [u._id, { openid: u.openid, roles: u.roles }] as const)))
  const found = list.map(({ sameId: _rivals, owner: _owner, ...r }) => r as RegistrationDoc)
  return { found, conflicted: rivalled(list), owners }
}

/** A registration with every registration that has its ID number (its own included), joined by the indexed key. */
type WithRivals = RegistrationDoc & { sameId: Pick<RegistrationDoc, 'userId' | 'status'>[] }

/** Joins to each registration of the pipeline the registrations with its ID number (for `rivalled`). */
function withRivals(pipeline: Aggregate): Aggregate {
  return pipeline.lookup({ from: COLLECTIONS.registrations, localField: 'idBlindIndex', foreignField: 'idBlindIndex', as: 'sameId' })
}

/** Which of these share their ID number with another account's registration in play. */
const rivalled = (list: WithRivals[]) =>
  new Set(list.filter((r) => r.idBlindIndex && r.sameId.some((d) => d.userId !== r.userId && IN_PLAY.includes(d.status))).map((r) => r._id))

/** One review decision as the reviewer took it. */
interface Decision {
  decision: 'approve' | 'reject'
  reason: string
  reviewerId: string
  roles: StepRole[]
  now: Date
}

type Owners = Map<string, Pick<UserDoc, 'openid' | 'roles'>>

/** The registration's change a decision makes, checked against the machine from where it stands. */
function decisionChange(r: RegistrationDoc, d: Decision) {
  const step = takeStep(registrationMachine, { action: 'registration.review', variant: d.decision, from: r.status, roles: d.roles }, () => conflict('该申请已被处理'))
  const status = d.decision === 'approve' ? ('approved' as const) : ('rejected' as const)
  const change = { status, rejectReason: status === 'rejected' ? d.reason : '', reviewedAt: d.now, reviewerId: d.reviewerId, updatedAt: d.now, idConflict: r.idConflict === true }
  return { step, change }
}

/** The role an approval adds to the account unless it (as read with the registration) holds it; added as a set member, so never twice. */
function roleToAdd(r: RegistrationDoc, owners: Owners): RoleGrant | null {
  const grant = roleOf(r)
  const holder = owners.get(r.userId)
  return holder && !holder.roles.some((g) => g.role === grant.role && g.scopeId === grant.scopeId) ? grant : null
}

/**
 * A decision on the registration as the review read it, by one update conditional on it being
 * still as read (its state, place, ID number and last change): of two reviewers deciding it at
 * once, one does; a registration resubmitted meanwhile is not decided on what it said before.
 * An approval then adds the role; if that fails, the decision is taken back.
 */
async function decideAsRead(seen: RegistrationDoc, d: Decision, owners: Owners): Promise<RegistrationDoc> {
  const { step, change } = decisionChange(seen, d)
  checkChange(step, seen.status, change, ['reviewedAt', 'reviewerId', 'idConflict', 'rejectReason'])
  const asRead = { _id: seen._id, status: seen.status, updatedAt: seen.updatedAt ?? _.exists(false), idConflict: seen.idConflict ? true : _.neq(true), idBlindIndex: seen.idBlindIndex, countyCode: seen.countyCode, townshipCode: seen.townshipCode, kind: seen.kind }
  const { stats } = await registrations().where(asRead).update({ data: change })
  if (stats.updated !== 1) {
    // The decision changes the state, so nothing was written: someone changed it first. Which way?
    const { data: now } = await registrations().doc(seen._id).get()
    if (now && now.status === seen.status) throw conflict('申请刚刚被修改，请刷新后再审核')
    throw conflict('该申请已被处理')
  }
  const grant = change.status === 'approved' ? roleToAdd(seen, owners) : null
  if (grant) {
    try {
      await users().doc(seen.userId).update({ data: { roles: _.addToSet(grant), updatedAt: d.now } })
    } catch (err) {
      // No approval without its role: the registration goes back to waiting for review.
      const back = { status: seen.status, rejectReason: seen.rejectReason, reviewedAt: seen.reviewedAt, reviewerId: seen.reviewerId, updatedAt: seen.updatedAt }
      await registrations().where({ _id: seen._id, status: change.status, reviewerId: d.reviewerId, reviewedAt: d.now }).update({ data: back })
      throw err
    }
  }
  return { ...seen, ...change }
}

/**
 * An approval whose ID number another account claimed when it was submitted: it takes the ID
 * number for this account, once nobody else holds it, together with the decision and the role
 * (a transaction: its reads see one moment).
 */
function decideClaiming(id: string, d: Decision, owners: Owners): Promise<RegistrationDoc> {
  return db.runTransaction(async (tx) => {
    const { data: r } = await tx.collection<RegistrationDoc>(COLLECTIONS.registrations).doc(id).get()
    if (!r) throw conflict('该申请已被处理')
    const { step, change } = decisionChange(r, d)
    if (r.idConflict) {
      const { data: claim } = await tx.collection<IdentityDoc>(COLLECTIONS.identities).doc(r.idBlindIndex).get()
      if (claim && claim.userId !== r.userId) throw conflict(ID_CONFLICT_MESSAGE)
      if (!claim) await tx.collection<IdentityDoc>(COLLECTIONS.identities).doc(r.idBlindIndex).set({ data: { userId: r.userId, claimedAt: d.now } })
      change.idConflict = false
    }
    checkChange(step, r.status, change, ['reviewedAt', 'reviewerId', 'idConflict', 'rejectReason'])
    await tx.collection<RegistrationDoc>(COLLECTIONS.registrations).doc(id).update({ data: change })
    const grant = roleToAdd(r, owners)
    if (grant) await tx.collection<UserDoc>(COLLECTIONS.users).doc(r.userId).update({ data: { roles: _.addToSet(grant), updatedAt: d.now } })
    return { ...r, ...change }
  })
}

/** Reviewer scope as query criteria on countyCode. */
async function countyCriteria(ctx: CallContext, requested?: string): Promise<Record<string, unknown>> {
  const counties = await ctx.adminCounties()
  if (requested) {
    if (counties !== 'city' && !counties.has(requested)) throw new AppError('FORBIDDEN', '只能查看本县（市、区）的申请')
    return { countyCode: requested }
  }
  if (counties === 'city') return {}
  const list = [...counties]
  return { countyCode: list.length === 1 ? list[0] : _.in(list) }
}

async function takeoverCase(t: TakeoverDoc): Promise<z.input<typeof TakeoverCase>> {
  const { data: pair } = await users().where({ _id: _.in([t.oldUserId, t.newUserId]) }).get()
  return caseOf(t, pair)
}

/** A takeover as the county sees it, with the two accounts (`accounts`: either or both, as read). */
function caseOf(t: TakeoverDoc, accounts: UserDoc[]): z.input<typeof TakeoverCase> {
  const old = accounts.find((u) => u._id === t.oldUserId)
  const neu = accounts.find((u) => u._id === t.newUserId)
  const describe = (u: UserDoc | undefined) => ({ nickname: u?.nickname || '微信用户', mobileMasked: maskMobile(u?.mobile ?? ''), createdAt: u ? u.createdAt.toISOString() : '' })
  return {
    id: t._id,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    name: t.name,
    idMasked: t.idMasked,
    townshipName: t.townshipName,
    oldAccount: { ...describe(old), roles: (old?.roles ?? []).map((g) => g.role) },
    newAccount: describe(neu),
  }
}

function takeoverView(t: TakeoverDoc) {
  return { id: t._id, status: t.status, createdAt: t.createdAt.toISOString(), decidedAt: isoOrNull(t.decidedAt), reason: t.reason }
}

/** Runs tasks a few at a time (each is a transaction; the platform limits concurrent connections). */
async function limited<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await task(items[i])
      }
    }),
  )
  return out
}

/**
 * A takeover moves the old account, with every role it holds, to another WeChat identity. Roles
 * granted by invitation move only if the decider could have granted them: a county admin cannot
 * hand a city admin's account to someone else. Returns the roles it checked.
 */
async function rolesThatMayMove(ctx: CallContext, oldUserId: string): Promise<RoleGrant[]> {
  const { data: old } = await users().doc(oldUserId).get()
  const roles = old?.roles ?? []
  const counties = await ctx.adminCounties()
  for (const grant of roles) {
    if (!(GRANTABLE_ROLES as readonly string[]).includes(grant.role)) continue
    const problem = grantReachProblem(counties, grant.role, await grantCounty(grant), '转移')
    if (problem) throw forbidden(`原账号持有「${ROLE_LABELS[grant.role]}（${grant.scopeName}）」角色，${problem}，请交由团市委处理`)
  }
  return roles
}

const roleKeys = (roles: RoleGrant[]) => roles.map((g) => `${g.role}:${g.scopeId}`).sort().join(',')
const sameRoles = (a: RoleGrant[], b: RoleGrant[]) => roleKeys(a) === roleKeys(b)

export const main = joiningCaller(defineFunction('registration', registration, {
  async mine(input, ctx) {
    const user = await ctx.user()
    if (!user) return { volunteer: null, ruralYouth: null }
    const { data } = await registrations().where({ userId: user._id }).get()
    const open = data.filter((d) => d.status !== 'closed')
    const revealed = input.revealId ? open.filter(editable) : []
    // The owner's own ID in clear is still a clear read: it leaves the same trace as a reviewer's.
    await audit(
      ctx.now,
      ...revealed.map((r) => ({ actorId: user._id, action: 'pii.read', targetType: 'registration', targetId: r._id, before: null, after: null, reason: '本人修改注册信息时查看身份证号' })),
    )
    const of = (kind: RegistrationKind) => {
      const r = open.find((d) => d.kind === kind)
      return r ? mine(r, revealed.includes(r)) : null
    }
    return { volunteer: of('volunteer'), ruralYouth: of('rural_youth') }
  },

  submitVolunteer: (input, ctx) => submit('volunteer', input, ctx),
  submitRuralYouth: (input, ctx) => submit('rural_youth', input, ctx),

  async list(input, ctx) {
    const criteria: Record<string, unknown> = { status: input.status, ...(await countyCriteria(ctx, input.countyCode)) }
    if (input.kind) criteria.kind = input.kind
    if (input.townshipCode) criteria.townshipCode = input.townshipCode
    if (input.keyword) criteria.name = containing(input.keyword)
    // The page, ordered on the database (ties on _id) with each one's ID-number rivals, and the true total: two requests.
    const [{ total }, { list }] = await Promise.all([
      registrations().where(criteria).count(),
      withRivals(
        registrations()
          .aggregate()
          .match(criteria)
          .sort({ submittedAt: input.status === 'pending' ? 1 : -1, _id: 1 })
          .skip((input.page - 1) * input.pageSize)
          .limit(input.pageSize),
      ).end<WithRivals>(),
    ])
    const today = shanghaiDate(ctx.now)
    const conflicts = rivalled(list)
    return { items: list.map((r) => summary(r, today, conflicts.has(r._id))), total }
  },

  async detail(input, ctx) {
    const { data: r } = await registrations().doc(input.id).get()
    if (!r) throw notFound('申请不存在')
    await ctx.requireCounty(r.countyCode, '只能查看本县（市、区）的申请')
    const actor = await ctx.user()
    // Reading an ID number in clear is allowed here only, and leaves a trace.
    await audit(ctx.now, { actorId: actor!._id, action: 'pii.read', targetType: 'registration', targetId: r._id, before: null, after: null, reason: '注册审核查看身份证号' })
    let reviewerName = ''
    if (r.reviewerId) reviewerName = (await users().doc(r.reviewerId).get()).data?.nickname ?? ''
    const holder = await rivalOf(r)
    const detail: RegistrationDetail = {
      ...summary(r, shanghaiDate(ctx.now), holder !== null),
      conflictWith: holder && {
        name: maskName(holder.name),
        countyName: holder.countyName,
        townshipName: holder.townshipName,
        status: holder.status,
        submittedAt: holder.submittedAt.toISOString(),
      },
      idNumber: r.idSealed ? decrypt(r.idSealed) : '',
      mobile: r.mobile,
      birthDate: r.birthDate,
      major: r.major,
      graduationYear: r.graduationYear,
      politicalStatus: r.politicalStatus,
      termStart: r.termStart,
      termEnd: r.termEnd,
      occupation: r.occupation,
      reviewedAt: isoOrNull(r.reviewedAt),
      reviewerName,
    }
    return detail
  },

  async review(input, ctx) {
    const counties = await ctx.adminCounties()
    const reviewerRoles: StepRole[] = [counties === 'city' ? 'city_admin' : 'county_admin']
    const reviewer = (await ctx.user())!
    const ids = [...new Set(input.ids)]
    const { found, conflicted: rivals, owners } = await reviewFacts(ids, ctx)
    const byId = new Map(found.map((r) => [r._id, r]))
    // A batch that reaches outside the reviewer's counties is refused whole, before any change.
    if (counties !== 'city' && found.some((r) => !counties.has(r.countyCode))) throw forbidden('只能审核本县（市、区）的申请')
    const reason = input.reason ?? ''
    // Neither of two accounts with one ID number is approved until the county has settled who is who.
    const conflicted = input.decision === 'approve' ? rivals : new Set<string>()
    const entries: AuditEntry[] = []
    const decided: RegistrationDoc[] = []
    const results = await limited(ids, 5, async (id) => {
      const seen = byId.get(id)
      if (!seen) return { id, ok: false, message: '申请不存在' }
      if (conflicted.has(id)) return { id, ok: false, message: ID_CONFLICT_MESSAGE }
      try {
        const decide = { decision: input.decision, reason, reviewerId: reviewer._id, roles: reviewerRoles, now: ctx.now }
        // Approval that must take the ID number too changes two documents together: a transaction.
        // Any other decision changes the registration alone: one conditional update.
        const after = input.decision === 'approve' && seen.idConflict ? await decideClaiming(id, decide, owners) : await decideAsRead(seen, decide, owners)
        decided.push(after)
        // A rejected registration no longer holds its ID number (nor locks its owner out).
        if (after.status === 'rejected' && !after.idConflict) await releaseIdentity(after.idBlindIndex, after.userId)
        entries.push({ actorId: reviewer._id, action: `registration.${input.decision}`, targetType: 'registration', targetId: id, before: { status: 'pending' }, after: { status: after.status }, reason })
        return { id, ok: true, message: input.decision === 'approve' ? '已通过' : '已驳回' }
      } catch (err) {
        if (err instanceof AppError) return { id, ok: false, message: err.message }
        throw err
      }
    })
    await audit(ctx.now, ...entries)
    if (decided.length > 0) {
      const openid = new Map([...owners].map(([userId, u]) => [userId, u.openid]))
      await notifyEach(
        decided.map((r) => ({
          to: { userId: r.userId, openid: openid.get(r.userId) ?? '' },
          notice: {
            template: 'review',
            page: 'pages/mine/index',
            values: {
              thing1: r.kind === 'volunteer' ? '乡村振兴志愿者注册' : '农村青年注册',
              phrase2: r.status === 'approved' ? '已通过' : '未通过',
              thing3: r.status === 'approved' ? `服务镇街：${r.townshipName}` : r.rejectReason,
            },
          },
        })),
        ctx.now,
      )
    }
    return { results }
  },

  // The service term (./term.ts).
  myTerm: (_input, ctx) => myTerm(ctx),
  async terms(input, ctx) {
    return listTerms(input, ctx, await countyCriteria(ctx, input.countyCode))
  },
  extendTerm: (input, ctx) => extendTerm(input, ctx),

  async requestTakeover(input, ctx) {
    const me = await ctx.account()
    const index = blindIndex(input.idNumber)
    const { data: candidates } = await registrations().where({ idBlindIndex: index }).get()
    const match = candidates.find((r) => r.name === input.name && r.status !== 'closed')
    // One message for every mismatch: this must not tell a guesser which half was wrong.
    if (!match) throw notFound('未找到姓名与身份证号完全一致的注册记录')
    if (match.userId === me._id) throw conflict('这条注册记录已经属于当前微信账号')
    const { data: open } = await takeovers().where({ newUserId: me._id, status: 'pending' }).get()
    if (open[0]) return takeoverView(open[0])
    const doc: Omit<TakeoverDoc, '_id'> = {
      status: 'pending',
      newUserId: me._id,
      oldUserId: match.userId,
      registrationId: match._id,
      countyCode: match.countyCode,
      townshipName: match.townshipName,
      name: match.name,
      idMasked: match.idMasked,
      createdAt: ctx.now,
      decidedAt: null,
      decidedBy: '',
      reason: '',
    }
    const { _id } = await takeovers().add({ data: doc })
    return takeoverView({ ...doc, _id })
  },

  async myTakeover(_input, ctx) {
    const me = await ctx.user()
    if (!me) return null
    const { data } = await takeovers().where({ newUserId: me._id }).orderBy('createdAt', 'desc').limit(1).get()
    return data[0] ? takeoverView(data[0]) : null
  },

  async listTakeovers(input, ctx) {
    const criteria = { status: input.status, ...(await countyCriteria(ctx)) }
    // The page with both accounts of each case, ordered on the database (ties on _id), and the true total: two requests.
    const [{ total }, { list }] = await Promise.all([
      takeovers().where(criteria).count(),
      takeovers()
        .aggregate()
        .match(criteria)
        .sort({ createdAt: 1, _id: 1 })
        .skip((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .lookup({ from: COLLECTIONS.users, localField: 'oldUserId', foreignField: '_id', as: 'old' })
        .lookup({ from: COLLECTIONS.users, localField: 'newUserId', foreignField: '_id', as: 'neu' })
        .end<TakeoverDoc & { old: UserDoc[]; neu: UserDoc[] }>(),
    ])
    return { items: list.map(({ old, neu, ...t }) => caseOf(t, [...old, ...neu])), total }
  },

  async decideTakeover(input, ctx) {
    const { data: t } = await takeovers().doc(input.id).get()
    if (!t) throw notFound('申请不存在')
    await ctx.requireCounty(t.countyCode, '只能处理本县（市、区）的申请')
    const actor = (await ctx.user())!
    const reason = input.reason ?? ''
    const rolesChecked = input.decision === 'approve' ? await rolesThatMayMove(ctx, t.oldUserId) : []
    const deciderRoles: StepRole[] = [(await ctx.adminCounties()) === 'city' ? 'city_admin' : 'county_admin']
    const decided = await db.runTransaction(async (tx) => {
      const { data: current } = await tx.collection<TakeoverDoc>(COLLECTIONS.takeovers).doc(t._id).get()
      if (!current) throw conflict('该申请已被处理')
      const step = takeStep(takeoverMachine, { action: 'registration.decideTakeover', variant: input.decision, from: current.status, roles: deciderRoles }, () => conflict('该申请已被处理'))
      const change = { status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const), decidedAt: ctx.now, decidedBy: actor._id, reason }
      checkChange(step, current.status, change, ['decidedAt', 'decidedBy', 'reason'])
      await tx.collection<TakeoverDoc>(COLLECTIONS.takeovers).doc(t._id).update({ data: change })
      let newOpenid = ''
      if (input.decision === 'approve') {
        const { data: neu } = await tx.collection<UserDoc>(COLLECTIONS.users).doc(t.newUserId).get()
        const { data: old } = await tx.collection<UserDoc>(COLLECTIONS.users).doc(t.oldUserId).get()
        if (!neu || !old || neu.status !== 'active') throw conflict('账号状态已变化，请让申请人重新提交')
        // The roles checked above must be the ones that move: a grant added since is refused.
        if (!sameRoles(old.roles, rolesChecked)) throw conflict('原账号的角色已变化，请重新审核')
        newOpenid = neu.openid
        // The old account (its record, roles and history) now answers to the new WeChat identity;
        // the new, empty account is closed.
        await tx.collection<UserDoc>(COLLECTIONS.users).doc(t.newUserId).update({ data: { status: 'closed', openid: `closed:${t.newUserId}`, updatedAt: ctx.now } })
        await tx.collection<UserDoc>(COLLECTIONS.users).doc(t.oldUserId).update({ data: { openid: neu.openid, status: 'active', updatedAt: ctx.now } })
      }
      return { ...current, ...change, newOpenid }
    })
    await audit(ctx.now, {
      actorId: actor._id,
      action: `takeover.${input.decision}`,
      targetType: 'user',
      targetId: t.oldUserId,
      before: { account: t.oldUserId },
      after: input.decision === 'approve' ? { account: t.oldUserId, replacedAccount: t.newUserId } : null,
      reason,
    })
    // Approved, the old account answers to the new WeChat identity; refused, the new account is still theirs.
    const recipient = {
      userId: input.decision === 'approve' ? t.oldUserId : t.newUserId,
      openid: decided.newOpenid || (await users().doc(t.newUserId).get()).data?.openid || '',
    }
    await notify(
      recipient,
      {
        template: 'review',
        page: 'pages/mine/index',
        values: { thing1: '更换微信账号', phrase2: input.decision === 'approve' ? '已通过' : '未通过', thing3: input.decision === 'approve' ? '原注册记录已转到当前账号' : reason },
      },
      ctx.now,
    )
    return takeoverCase({ ...t, ...decided })
  },
}, { remindTermEnd, tellAdminsWhatWaits, endTerms }), reviewJoin)

/** How long before a volunteer's service term ends they are reminded. */
const TERM_END_NOTICE_DAYS = 30

/**
 * Daily: volunteers whose service term ends in 30 days (Shanghai) are reminded, with what comes
 * next (the job fairs), once a day however often this runs.
 */
async function remindTermEnd(now: Date): Promise<Record<string, unknown>> {
  const ends = shanghaiDaysAhead(now, TERM_END_NOTICE_DAYS)
  if (!(await claimReminder(`term-end:${ends}`, now))) return { reminded: 0 }
  const ending = await readAll(registrations().where({ kind: 'volunteer', status: 'approved', termEnd: ends }).field({ userId: true }))
  await notify(
    await recipientsOf(ending.map((r) => r.userId)),
    { template: 'reminder', page: 'packages/fair/index/index', values: { thing1: '乡村振兴志愿者服务期', date2: wechatTime(ends), thing3: `${TERM_END_NOTICE_DAYS} 天后期满，可报名岗位对接会` } },
    now,
  )
  return { reminded: ending.length }
}

/**
 * Each morning, the county league's admins are told how many registrations wait for their review,
 * and how many account takeovers wait for their decision (the long-term 待办 template; and in
 * 消息), once a day however often this runs. Grouped by county: a few groups, whatever the numbers.
 */
async function tellAdminsWhatWaits(now: Date): Promise<Record<string, unknown>> {
  if (!(await claimReminder(`digest:registrations:${shanghaiDate(now)}`, now))) return { counties: 0, told: 0 }
  type Waiting = { _id: string; n: number }
  const [{ list: waiting }, { list: cases }] = await Promise.all([
    registrations().aggregate().match({ status: 'pending' }).group({ _id: '$countyCode', n: $.sum(1) }).limit(100).end<Waiting>(),
    takeovers().aggregate().match({ status: 'pending' }).group({ _id: '$countyCode', n: $.sum(1) }).limit(100).end<Waiting>(),
  ])
  const named = (list: Waiting[]) => list.map((c) => ({ code: c._id, name: countyName(c._id) ?? c._id, n: c.n }))
  const told = await Promise.all([
    tellWhatWaits('county_admin', named(waiting), { title: '注册申请待审核', page: 'packages/admin/registrations/index' }, now),
    tellWhatWaits('county_admin', named(cases), { title: '账号接管待确认', page: 'packages/admin/takeovers/index' }, now),
  ])
  return { counties: waiting.length, told: told[0] + told[1] }
}
