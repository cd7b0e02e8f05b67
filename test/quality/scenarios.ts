// How to call each action of the contract on an object of the caller's own reach, and on
// somebody else's: what the authorization matrix and the fuzzer build their calls from.
// A new action without a scenario here fails the matrix test.
import type { ActionName } from '../../types'
import type { AppCloud } from '../support/app'
import { freshIdNumber, ruralYouthForm, volunteerForm } from '../support/people'

export interface Persona {
  key: string
  openid: string
  /** The county the persona's reach lies in ('' when none or the whole city). */
  county: string
}

export const PERSONAS: Persona[] = [
  { key: 'volunteer', openid: 'o_demo_volunteer', county: '441802' },
  { key: 'rural_youth', openid: 'o_demo_youth', county: '' },
  { key: 'township_staff', openid: 'o_demo_township', county: '441802' },
  { key: 'county_admin', openid: 'o_demo_county', county: '441802' },
  { key: 'other_county_admin', openid: 'o_q_county2', county: '441803' },
  { key: 'city_admin', openid: 'o_demo_city', county: '' },
  { key: 'merchant', openid: 'o_demo_merchant', county: '441802' },
  { key: 'bank_officer', openid: 'o_demo_bank', county: '' },
  { key: 'employer', openid: 'o_demo_employer', county: '' },
  { key: 'stranger', openid: 'o_q_stranger', county: '' },
]

/** Townships by county, for objects placed inside or outside a persona's reach. */
const TOWNSHIP = { '441802': '441802007', '441803': '441803102' } as const
type County = keyof typeof TOWNSHIP

export type Target = 'own' | 'other'

export interface Env {
  app: AppCloud
  /** Calls an action and returns its data, failing the test if it is refused (for setup). */
  must<T = unknown>(openid: string, name: ActionName, input: unknown): Promise<T>
  /** A fresh WeChat user's openid. */
  fresh(): string
}

export interface Cell {
  input: unknown
  /**
   * For actions every user may call: what another user owns that this call must leave as it
   * is, whatever the input says (injected ids, owners, states are ignored).
   */
  othersData?: () => unknown
}

export type Scenario = (env: Env, persona: Persona, target: Target) => Promise<Cell | null>

const ownCounty = (p: Persona): County => (p.county === '441803' ? '441803' : '441802')
const otherCounty = (p: Persona): County => (ownCounty(p) === '441802' ? '441803' : '441802')
const countyFor = (p: Persona, t: Target): County => (t === 'own' ? ownCounty(p) : otherCounty(p))

async function pendingRegistration(env: Env, county: County): Promise<string> {
  const form = volunteerForm({ countyCode: county, townshipCode: TOWNSHIP[county] })
  return (await env.must<{ id: string }>(env.fresh(), 'registration.submitVolunteer', form)).id
}

async function takeover(env: Env, county: County): Promise<string> {
  const idNumber = freshIdNumber()
  await env.must(env.fresh(), 'registration.submitVolunteer', volunteerForm({ name: '韩接管', idNumber, countyCode: county, townshipCode: TOWNSHIP[county] }))
  return (await env.must<{ id: string }>(env.fresh(), 'registration.requestTakeover', { name: '韩接管', idNumber })).id
}

/** An invitation created by `creator` (or by an admin of the persona's reach when the persona cannot create). */
async function invitation(env: Env, creator: string, county: County): Promise<string> {
  return (await env.must<{ code: string }>(creator, 'grants.createInvitation', { role: 'township_staff', scopeId: TOWNSHIP[county] })).code
}

const ADMIN_OF: Record<County, string> = { '441802': 'o_demo_county', '441803': 'o_q_county2' }
const isAdmin = (p: Persona) => ['county_admin', 'other_county_admin', 'city_admin'].includes(p.key)

/** Another user's account and registration, for injection attempts. */
async function someoneElse(env: Env): Promise<{ userId: string; openid: string; snapshot: () => unknown }> {
  const openid = env.fresh()
  const reg = await env.must<{ id: string }>(openid, 'registration.submitVolunteer', volunteerForm())
  const userId = reg.id.split(':')[0]
  const snapshot = () => {
    const user = env.app.cloud.store.get('users').docs.get(userId)
    const regs = [...env.app.cloud.store.get('registrations').docs.values()].filter((r) => r.userId === userId)
    return JSON.stringify({ user, regs })
  }
  return { userId, openid, snapshot }
}

const injected = (other: { userId: string; openid: string }) => ({
  userId: other.userId,
  _id: other.userId,
  openid: other.openid,
  owner: other.userId,
  roles: [{ role: 'city_admin', scopeType: 'city', scopeId: '4418', scopeName: '清远市' }],
  status: 'approved',
})

/** For actions on the caller's own account: 'other' tries to reach another user's data through the input. */
const selfOnly =
  (build: (env: Env) => Promise<Record<string, unknown>> | Record<string, unknown>): Scenario =>
  async (env, _persona, target) => {
    const input = await build(env)
    if (target === 'own') return { input }
    const other = await someoneElse(env)
    return { input: { ...input, ...injected(other) }, othersData: other.snapshot }
  }

export const SCENARIOS: Record<ActionName, Scenario> = {
  'account.me': selfOnly(() => ({})),
  'account.updateProfile': selfOnly(() => ({ nickname: '矩阵测试' })),
  'account.bindPhone': selfOnly(() => ({ code: 'dev-phone:13700001111' })),
  'account.close': selfOnly(() => ({ confirm: true, reason: '测试' })),
  'directory.divisions': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'registration.mine': selfOnly(() => ({})),
  'registration.submitVolunteer': selfOnly(() => volunteerForm()),
  'registration.submitRuralYouth': selfOnly(() => ruralYouthForm()),
  'registration.myTakeover': selfOnly(() => ({})),
  'registration.requestTakeover': selfOnly(async (env) => {
    const idNumber = freshIdNumber()
    await env.must(env.fresh(), 'registration.submitVolunteer', volunteerForm({ name: '魏原号', idNumber }))
    return { name: '魏原号', idNumber }
  }),
  'registration.list': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'registration.detail': async (env, persona, target) => ({ input: { id: await pendingRegistration(env, countyFor(persona, target)) } }),
  'registration.review': async (env, persona, target) => ({ input: { ids: [await pendingRegistration(env, countyFor(persona, target))], decision: 'approve' } }),
  // Lists of one's own county: 'other' has no input to point elsewhere (scope filtering is checked in the function tests).
  'registration.listTakeovers': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'registration.decideTakeover': async (env, persona, target) => ({ input: { id: await takeover(env, countyFor(persona, target)), decision: 'reject', reason: '矩阵测试' } }),
  'grants.createInvitation': async (_env, persona, target) => ({ input: { role: 'township_staff', scopeId: TOWNSHIP[countyFor(persona, target)] } }),
  'grants.listInvitations': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'grants.invitationCode': async (env, persona, target) => {
    const county = ownCounty(persona)
    const creator = target === 'own' && isAdmin(persona) ? persona.openid : target === 'own' ? ADMIN_OF[county] : persona.key === 'city_admin' ? ADMIN_OF[county] : 'o_demo_city'
    return { input: { code: await invitation(env, creator, county) } }
  },
  'grants.revokeInvitation': async (env, persona, target) => {
    const county = ownCounty(persona)
    const creator = target === 'own' && isAdmin(persona) ? persona.openid : target === 'own' ? ADMIN_OF[county] : persona.key === 'city_admin' ? ADMIN_OF[county] : 'o_demo_city'
    return { input: { code: await invitation(env, creator, county) } }
  },
  'grants.previewInvitation': async (env, _p, target) => (target === 'own' ? { input: { code: await invitation(env, 'o_demo_city', '441802') } } : null),
  'grants.redeemInvitation': selfOnly(async (env) => ({ code: await invitation(env, 'o_demo_city', '441802') })),
  'grants.listGrants': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'grants.revokeGrant': async (env, persona, target) => {
    const county = countyFor(persona, target)
    const code = await invitation(env, ADMIN_OF[county], county)
    const staff = env.fresh()
    await env.must(staff, 'grants.redeemInvitation', { code })
    const userId = [...env.app.cloud.store.get('users').docs.values()].find((u) => u.openid === staff)!._id
    return { input: { userId, role: 'township_staff', scopeId: TOWNSHIP[county], reason: '矩阵测试' } }
  },
}
