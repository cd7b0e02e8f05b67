// How to call each action of the contract on an object of the caller's own reach, and on
// somebody else's: what the authorization matrix and the fuzzer build their calls from.
// A new action without a scenario here fails the matrix test.
import type { ActionName } from '../../types'
import type { AppCloud } from '../support/app'
import { freshIdNumber, ruralYouthForm, volunteerForm } from '../support/people'
import { openAllDay } from '../support/stations'
import { arrangeNomination, arrangeRound } from './commend-arrange'
import { arrangeGridReport } from './grid-arrange'
import { arrangeAppeal, arrangeContest, arrangeEntry } from './contest-arrange'
import { attendedSession, completedCourse, onlineCourse, sessionToday, trainingSession } from './training-arrange'

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
  // A judge of one contest (the demo's 清远市乡村旅游直播大赛): its own objects are that contest's, others' another's.
  { key: 'judge', openid: 'o_demo_judge', county: '' },
]

/** The contest the demo judge was invited to judge (data/demo.json). */
const JUDGED_CONTEST = 'Cdemo00000000live'

/** Townships by county, for objects placed inside or outside a persona's reach. */
const TOWNSHIP = { '441802': '441802007', '441803': '441803102' } as const
/** The township the township-staff persona manages (凤城街道), and a station in each county. */
const STAFF_TOWNSHIP = '441802006'
const STATION = { '441802': 'st_fengcheng', '441803': 'st_taihe' } as const
const STATION_AT = { st_fengcheng: { lat: 23.697524, lng: 113.055469 }, st_taihe: { lat: 23.727323, lng: 112.98524 } } as const
type County = keyof typeof TOWNSHIP

export type Target = 'own' | 'other'

export interface Env {
  app: AppCloud
  /** Calls an action and returns its data, failing the test if it is refused (for setup). */
  must<T = unknown>(openid: string, name: ActionName, input: unknown): Promise<T>
  /** A fresh WeChat user's openid. */
  fresh(): string
  /**
   * Runs an arrangement (`key` naming it and every argument it depends on); the matrix replays
   * what it wrote when it runs on the snapshot as restored (test/support/replay.ts).
   */
  replay?<T>(key: string, arrange: () => Promise<T>): Promise<T>
}

/** `arrange` through the environment's replays, when it has them. */
const replayed = <T>(env: Env, key: string, arrange: () => Promise<T>): Promise<T> => (env.replay ? env.replay(key, arrange) : arrange())

export interface Cell {
  input: unknown
  /**
   * An allowed call that a business rule refuses for this persona (e.g. a volunteer already
   * approved submitting again): the code it must get instead of success.
   */
  refusal?: 'CONFLICT' | 'NOT_FOUND' | 'RATE_LIMITED'
  /**
   * For actions every user may call: what another user owns that this call must leave as it
   * is, whatever the input says (injected ids, owners, states are ignored).
   */
  othersData?: () => unknown
}

export type Scenario = (env: Env, persona: Persona, target: Target) => Promise<Cell | null>

const ownCounty = (p: Persona): County => (p.county === '441803' ? '441803' : '441802')
/** For township-level objects: the township staff persona's own township is 凤城街道; a county admin's, any in the county. */
const ownTownship = (p: Persona): string => (p.key === 'township_staff' ? STAFF_TOWNSHIP : p.county === '441803' ? '441803102' : STAFF_TOWNSHIP)
const otherTownship = (p: Persona): string => (p.county === '441803' ? STAFF_TOWNSHIP : '441803102')
const townshipFor = (p: Persona, t: Target) => (t === 'own' ? ownTownship(p) : otherTownship(p))
const stationFor = (p: Persona, t: Target) => (townshipFor(p, t) === '441803102' ? STATION['441803'] : STATION['441802'])
const otherCounty = (p: Persona): County => (ownCounty(p) === '441802' ? '441803' : '441802')
const countyFor = (p: Persona, t: Target): County => (t === 'own' ? ownCounty(p) : otherCounty(p))

async function pendingRegistration(env: Env, county: County): Promise<string> {
  return replayed(env, `pendingRegistration:${county}`, async () => {
    const form = volunteerForm({ countyCode: county, townshipCode: TOWNSHIP[county] })
    return (await env.must<{ id: string }>(env.fresh(), 'registration.submitVolunteer', form)).id
  })
}

async function takeover(env: Env, county: County): Promise<string> {
  return replayed(env, `takeover:${county}`, async () => {
    const idNumber = freshIdNumber()
    await env.must(env.fresh(), 'registration.submitVolunteer', volunteerForm({ name: '韩接管', idNumber, countyCode: county, townshipCode: TOWNSHIP[county] }))
    return (await env.must<{ id: string }>(env.fresh(), 'registration.requestTakeover', { name: '韩接管', idNumber })).id
  })
}

/** An invitation created by `creator` (or by an admin of the persona's reach when the persona cannot create). */
async function invitation(env: Env, creator: string, county: County): Promise<string> {
  return replayed(env, `invitation:${creator}:${county}`, async () => {
    return (await env.must<{ code: string }>(creator, 'grants.createInvitation', { role: 'township_staff', scopeId: TOWNSHIP[county] })).code
  })
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

let requests = 0
const requestId = () => `mx${Date.now().toString(36)}${++requests}`
const readingAt = (station: keyof typeof STATION_AT) => ({ ...STATION_AT[station], accuracy: 15 })
/** A fix at the station taken just now, for a check-in (the station opened all day: the run may be at any hour). */
async function checkInReading(env: Env, station: keyof typeof STATION_AT) {
  await openAllDay(env.app.cloud, [station])
  return { ...readingAt(station), at: Date.now() }
}
const yesterday = () => new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10)

/** A session awaiting approval at a station of the given township, by a fresh approved volunteer. */
async function pendingSession(env: Env, township: string): Promise<string> {
  return replayed(env, `pendingSession:${township}`, async () => {
    const county = township.startsWith('441803') ? '441803' : '441802'
    const openid = env.fresh()
    const reg = await env.must<{ id: string }>(openid, 'registration.submitVolunteer', volunteerForm({ countyCode: county, townshipCode: township }))
    await env.must(ADMIN_OF[county as County], 'registration.review', { ids: [reg.id], decision: 'approve' })
    const station = township === '441803102' ? 'st_taihe' : 'st_fengcheng'
    const s = await env.must<{ id: string }>(openid, 'service.makeup', { stationId: station, date: yesterday(), start: '09:00', end: '10:00', reason: '室内没有信号' })
    return s.id
  })
}

/** The volunteer persona's own make-up (for appeals it is rejected first). */
async function volunteerSession(env: Env, rejected: boolean): Promise<string> {
  return replayed(env, `volunteerSession:${rejected}`, async () => {
    const s = await env.must<{ id: string; stationId: string }>('o_demo_volunteer', 'service.makeup', { stationId: 'st_fengcheng', date: yesterday(), start: '07:00', end: '08:00', reason: '室内没有信号' })
    if (rejected) await env.must('o_demo_township', 'service.decide', { ids: [s.id], decision: 'reject', reason: '核实不符' })
    return s.id
  })
}

/** The volunteer persona with approved hours (a certificate needs some): an hour's make-up two days ago, approved. */
async function volunteerWithHours(env: Env): Promise<void> {
  const { approvedMinutes } = await env.must<{ approvedMinutes: number }>('o_demo_volunteer', 'service.hours', {})
  if (approvedMinutes > 0) return
  const twoDaysAgo = new Date(Date.now() + 8 * 3600_000 - 2 * 86400_000).toISOString().slice(0, 10)
  const s = await env.must<{ id: string }>('o_demo_volunteer', 'service.makeup', { stationId: 'st_fengcheng', date: twoDaysAgo, start: '06:00', end: '07:00', reason: '室内没有信号' })
  await env.must('o_demo_township', 'service.decide', { ids: [s.id], decision: 'approve' })
}

/** The merchant a persona acts for ('own'), or one outside their reach ('other'). */
function merchantFor(p: Persona, t: Target): string {
  if (p.key === 'merchant') return t === 'own' ? 'm_lianzhou_kitchen' : 'm_beijiang_cinema'
  if (p.key === 'other_county_admin') return t === 'own' ? 'm_taihe_store' : 'm_lianzhou_kitchen'
  return t === 'own' ? 'm_lianzhou_kitchen' : 'm_yingde_tea'
}

/** Makes sure the 清新区 test merchant exists (the demo data has none there). */
async function ensureTaiheMerchant(env: Env): Promise<void> {
  if (env.app.cloud.store.get('merchants').docs.has('m_taihe_store')) return
  await env.app.cloud.db.handle('database.insertDocument', {
    collectionName: 'merchants',
    data: [JSON.stringify({ _id: 'm_taihe_store', name: '太和便民超市', countyCode: '441803', countyName: '清新区', status: 'active', category: '购物', isDepartment: false, address: '太和镇', location: null, contactName: '店长', contactPhone: '13600136001', createdAt: { $date: new Date().toISOString() }, updatedAt: { $date: new Date().toISOString() } })],
  })
}

/** A perk of a merchant, published by the city admin (who reaches every merchant). */
async function perkOf(env: Env, merchantId: string): Promise<string> {
  return replayed(env, `perkOf:${merchantId}`, async () => {
    await ensureTaiheMerchant(env)
    const p = await env.must<{ id: string }>('o_demo_city', 'perk.savePerk', { merchantId, title: '矩阵优惠', description: '矩阵测试用优惠', perDay: 5, perMonth: 10, quota: 100, validFrom: '2026-01-01', validTo: '2099-12-31' })
    return p.id
  })
}

/** A code the demo volunteer shows for a perk. */
async function tokenFor(env: Env, perkId: string): Promise<string> {
  return (await env.must<{ token: string }>('o_demo_volunteer', 'perk.code', { perkId })).token
}

// ---- loans ----

const BANK_OF: Record<string, string> = { b_psbc_qingyuan: 'o_demo_bank', b_qingyuan_rcb: 'o_q_rcb' }
type LoanStage = 'draft' | 'submitted' | 'city_review' | 'bank_review' | 'approved' | 'disbursed' | 'due'
const LOAN_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
let loanUploads = 0

const userIdOf = (env: Env, openid: string): string =>
  ([...env.app.cloud.store.get('users').docs.values()].find((u) => u.openid === openid)?._id as string | undefined) ?? 'nobody'

/** A file in the user's upload folder, as the app puts it there. */
function loanUpload(env: Env, openid: string): string {
  return env.app.cloud.storage.put(`uploads/${userIdOf(env, openid)}/mx${++loanUploads}.png`, LOAN_PNG)
}

/** The officer of a bank (the second bank's is invited on first use). */
async function bankOfficer(env: Env, bankId: string): Promise<string> {
  const openid = BANK_OF[bankId]
  const user = [...env.app.cloud.store.get('users').docs.values()].find((u) => u.openid === openid)
  if (!user || !(user.roles as { role: string }[]).some((g) => g.role === 'bank_officer')) {
    const inv = await env.must<{ code: string }>('o_demo_city', 'grants.createInvitation', { role: 'bank_officer', scopeId: bankId })
    await env.must(openid, 'grants.redeemInvitation', { code: inv.code, name: '李受邀' })
  }
  return openid
}

/**
 * A loan application of the given stage, its project in a county, routed to a bank. `applicant`
 * defaults to a fresh approved rural youth of that county.
 */
function loanAt(env: Env, stage: LoanStage, county: County, bankId = 'b_psbc_qingyuan', applicant?: string): Promise<string> {
  return replayed(env, `loanAt:${stage}:${county}:${bankId}:${applicant ?? ''}`, () => walkLoanTo(env, stage, county, bankId, applicant))
}

/** loanAt through the functions: the applicant registered and approved, the draft, its documents, each review, the disbursement. */
async function walkLoanTo(env: Env, stage: LoanStage, county: County, bankId: string, applicant?: string): Promise<string> {
  let openid = applicant
  if (!openid) {
    openid = env.fresh()
    const reg = await env.must<{ id: string }>(openid, 'registration.submitRuralYouth', ruralYouthForm({ countyCode: county, townshipCode: TOWNSHIP[county] }))
    await env.must(ADMIN_OF[county], 'registration.review', { ids: [reg.id], decision: 'approve' })
  }
  const project = { type: 'agriculture', title: '矩阵种养项目', townshipCode: TOWNSHIP[county], address: '矩阵测试村', description: '矩阵测试用的创业项目简介，至少二十个字以上。', jobsCreated: 3, householdsHelped: 2 }
  const d = await env.must<{ id: string }>(openid, 'loan.saveDraft', { amountFen: 10_000_000, termMonths: 24, bankId, project, payee: { accountName: '矩阵青年', bankName: '清远农商银行', accountNumber: '6230 0000 0000 1234' } })
  for (const kind of ['id_photo', 'business_license', 'project_plan']) await env.must(openid, 'loan.attachDocument', { id: d.id, kind, fileId: loanUpload(env, openid) })
  if (stage === 'draft') return d.id
  await env.must(openid, 'loan.submit', { id: d.id })
  if (stage === 'submitted') return d.id
  await env.must('o_demo_city', 'loan.countyDecide', { id: d.id, decision: 'approve' })
  if (stage === 'city_review') return d.id
  await env.must('o_demo_city', 'loan.cityDecide', { id: d.id, decision: 'approve' })
  if (stage === 'bank_review') return d.id
  const officer = await bankOfficer(env, bankId)
  await env.must(officer, 'loan.bankDecide', { id: d.id, decision: 'approve', amountFen: 10_000_000, rateBp: 450 })
  if (stage === 'approved') return d.id
  // Disbursed long enough ago that a subsidy period is over ('due'), or today.
  let disbursedOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  if (stage === 'due') {
    disbursedOn = '2025-07-15'
    await env.app.cloud.db.handle('database.modifyDocument', {
      collectionName: 'loans',
      queryType: 'DOC',
      query: JSON.stringify({ _id: d.id }),
      data: JSON.stringify({ $set: { 'approval.at': { $date: '2025-07-01T00:00:00.000Z' } } }),
      merge: true,
    })
  }
  await env.must(officer, 'loan.disburse', { id: d.id, amountFen: 10_000_000, disbursedOn, rateBp: 450, repaymentType: 'interest_only' })
  return d.id
}

const isApplicant = (p: Persona) => p.key === 'volunteer' || p.key === 'rural_youth'
/** The persona's own application ('own', when they can apply), or somebody else's. */
const applicationFor = (env: Env, p: Persona, t: Target, stage: LoanStage) => loanAt(env, stage, '441802', 'b_psbc_qingyuan', t === 'own' && isApplicant(p) ? p.openid : undefined)
/** A loan in the persona's reach ('own') or outside it: another county, or another bank. */
function reviewLoan(env: Env, p: Persona, t: Target, stage: LoanStage): Promise<string> {
  if (p.key === 'bank_officer') return loanAt(env, stage, '441802', t === 'own' ? 'b_psbc_qingyuan' : 'b_qingyuan_rcb')
  if (isApplicant(p)) return applicationFor(env, p, t, stage)
  return loanAt(env, stage, countyFor(p, t))
}
const loanProject = { type: 'agriculture', title: '矩阵项目', townshipCode: TOWNSHIP['441802'], address: '矩阵村', description: '矩阵测试用的创业项目简介，至少二十个字以上。', jobsCreated: 1, householdsHelped: 1 }

// ---- job fairs ----

const shanghaiDay = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10)

/** A published fair open for sign-up, inviting the two demo employers, with a position of each. */
async function fairWithPositions(env: Env): Promise<{ fairId: string; own: string; other: string }> {
  return replayed(env, 'fairWithPositions', async () => {
    const f = await env.must<{ id: string }>('o_demo_city', 'fair.save', {
      title: '矩阵对接会',
      date: shanghaiDay(10),
      startTime: '09:00',
      endTime: '12:00',
      venue: '青少年宫',
      address: '北江一路',
      signupOpensAt: `${shanghaiDay(-1)} 09:00`,
      signupClosesAt: `${shanghaiDay(9)} 18:00`,
      capacity: 20,
      termEndsWithinDays: 180,
      allowRuralYouth: true,
      maxPositions: 2,
      employerIds: ['e_qy_city_invest', 'e_lvyuan_agri'],
    })
    await env.must('o_demo_city', 'fair.setStatus', { id: f.id, status: 'published' })
    const position = (employerId: string) =>
      env.must<{ id: string }>('o_demo_city', 'fair.savePosition', { fairId: f.id, employerId, title: '矩阵岗位', openings: 2, place: '清城区', requirements: '矩阵测试岗位', salaryMinFen: 0, salaryMaxFen: 0, contactName: '何经理', contactPhone: '0763-3388123' })
    return { fairId: f.id, own: (await position('e_qy_city_invest')).id, other: (await position('e_lvyuan_agri')).id }
  })
}

/** The demo volunteer signed up for both positions of a fair. */
async function signedUpFair(env: Env): Promise<{ fairId: string; own: string; other: string; signupId: string }> {
  return replayed(env, 'signedUpFair', async () => {
    const f = await fairWithPositions(env)
    const r = await env.must<{ signup: { id: string } }>('o_demo_volunteer', 'fair.signUp', { fairId: f.fairId, positionIds: [f.own, f.other], shareResume: true })
    return { ...f, signupId: r.signup.id }
  })
}

/** A fresh approved volunteer serving `township` (approved by its county's admin): their account id, for care visits and posts. */
async function careVolunteerIn(env: Env, township: string): Promise<string> {
  return replayed(env, `careVolunteerIn:${township}`, async () => {
    const county = township.slice(0, 6) as County
    const reg = await env.must<{ id: string }>(env.fresh(), 'registration.submitVolunteer', volunteerForm({ countyCode: county, townshipCode: township }))
    await env.must(ADMIN_OF[county], 'registration.review', { ids: [reg.id], decision: 'approve' })
    return reg.id.split(':')[0]
  })
}
const CARE_ASPECT_INPUT = { housing: { rating: 'good' }, meals: { rating: 'good' }, office: { rating: 'fair' }, health: { rating: 'good', note: '矩阵健康情况' }, work: { rating: 'concern' } }
const careVisitInput = (volunteerId: string) => ({ volunteerId, visitDate: shanghaiDay(0), visitors: ['矩阵探访人'], aspects: CARE_ASPECT_INPUT, needs: '', followUps: [{ text: '矩阵跟进事项', owner: '矩阵责任人', due: shanghaiDay(7) }] })

/** The persona's own sign-up (when they can sign up), or the demo volunteer's. */
async function fairSignedUpBy(env: Env, p: Persona): Promise<string> {
  return replayed(env, `fairSignedUpBy:${isApplicant(p) ? p.openid : ''}`, async () => {
    const f = await fairWithPositions(env)
    await env.must(isApplicant(p) ? p.openid : 'o_demo_volunteer', 'fair.signUp', { fairId: f.fairId, positionIds: [f.own], shareResume: true })
    return f.fairId
  })
}

/** An approved volunteer of `township` (registered by a fresh user, approved by its county's admin): their registration id. */
async function approvedVolunteerIn(env: Env, township: string): Promise<string> {
  return replayed(env, `approvedVolunteerIn:${township}`, async () => {
    const county = township.slice(0, 6) as County
    const reg = await env.must<{ id: string }>(env.fresh(), 'registration.submitVolunteer', volunteerForm({ countyCode: county, townshipCode: township }))
    await env.must(ADMIN_OF[county], 'registration.review', { ids: [reg.id], decision: 'approve' })
    return reg.id
  })
}

export const SCENARIOS: Record<ActionName, Scenario> = {
  'account.me': selfOnly(() => ({})),
  'account.updateProfile': selfOnly(() => ({ nickname: '矩阵测试' })),
  'account.bindPhone': selfOnly(() => ({ code: 'dev-phone:13700001111' })),
  'account.close': selfOnly(() => ({ confirm: true, reason: '测试' })),
  'account.unread': selfOnly(() => ({})),
  'account.messages': selfOnly(() => ({})),
  'account.myExports': selfOnly(() => ({})),
  'account.readMessages': selfOnly(() => ({ all: true })),
  'directory.divisions': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'registration.mine': selfOnly(() => ({})),
  'registration.submitVolunteer': async (env, persona, target) => {
    const cell = await selfOnly(() => volunteerForm())(env, persona, target)
    // The demo volunteer's registration is approved already: changing it goes through the county.
    return cell && persona.key === 'volunteer' ? { ...cell, refusal: 'CONFLICT' as const } : cell
  },
  'registration.submitRuralYouth': async (env, persona, target) => {
    const cell = await selfOnly(() => ruralYouthForm())(env, persona, target)
    // The demo rural youth's registration is approved already: changing it goes through the county.
    return cell && persona.key === 'rural_youth' ? { ...cell, refusal: 'CONFLICT' as const } : cell
  },
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
  'registration.myTerm': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'registration.terms': async (_env, persona, target) => ({ input: { filter: 'all', countyCode: countyFor(persona, target) } }),
  'registration.extendTerm': async (env, persona, target) => ({
    input: { id: await approvedVolunteerIn(env, TOWNSHIP[countyFor(persona, target)]), termEnd: shanghaiDay(800), reason: '矩阵测试延期' },
  }),
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
  'grants.redeemInvitation': selfOnly(async (env) => ({ code: await invitation(env, 'o_demo_city', '441802'), name: '李受邀' })),
  'grants.listGrants': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'grants.organisations': async (_env, _p, target) => (target === 'own' ? { input: { role: 'merchant' } } : null),
  'settings.get': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'settings.update': async (_env, _p, target) => (target === 'own' ? { input: { makeupsPerMonth: 4 } } : null),
  'station.list': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'station.nearby': async (_env, _p, target) => (target === 'own' ? { input: { lat: 23.69, lng: 113.05 } } : null),
  'station.get': async (_env, _p, target) => (target === 'own' ? { input: { id: 'st_fengcheng' } } : null),
  'station.save': async (_env, persona, target) => ({ input: { id: stationFor(persona, target), name: '矩阵驿站', address: '矩阵测试地址', townshipCode: townshipFor(persona, target) === '441803102' ? '441803102' : persona.key === 'township_staff' || target === 'own' ? ownTownship(persona) : '441802006', location: { lat: 23.7, lng: 113.05 } } }),
  'station.printCode': async (_env, persona, target) => ({ input: { id: stationFor(persona, target) } }),
  'station.kioskCode': async (_env, persona, target) => ({ input: { id: stationFor(persona, target) } }),
  // The volunteer's own sessions: 'other' would be another volunteer's, which these actions cannot name.
  'service.checkIn': async (env, _p, target) => (target === 'own' ? { input: { requestId: requestId(), stationId: 'st_fengcheng', reading: await checkInReading(env, 'st_fengcheng') } } : null),
  'service.checkOut': async (env, persona, target) => {
    if (target === 'other') return null
    if (persona.key === 'volunteer') await env.must('o_demo_volunteer', 'service.checkIn', { requestId: requestId(), stationId: 'st_fengcheng', reading: await checkInReading(env, 'st_fengcheng') })
    return { input: { requestId: requestId(), reading: readingAt('st_fengcheng') } }
  },
  'service.current': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'service.history': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'service.hours': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'service.allowance': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'service.makeup': async (_env, _p, target) => (target === 'own' ? { input: { stationId: 'st_fengcheng', date: yesterday(), start: '15:00', end: '16:00', reason: '手机没有电了' } } : null),
  'service.appeal': async (env, persona, target) => {
    // 'other': another volunteer's rejected session; the volunteer may not appeal it.
    if (target === 'own') return { input: { sessionId: persona.key === 'volunteer' ? await volunteerSession(env, true) : await pendingSession(env, STAFF_TOWNSHIP), reason: '当天确有服务' } }
    const id = await pendingSession(env, STAFF_TOWNSHIP)
    await env.must('o_demo_township', 'service.decide', { ids: [id], decision: 'reject', reason: '核实不符' })
    return { input: { sessionId: id, reason: '当天确有服务' } }
  },
  'service.queue': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'service.decide': async (env, persona, target) => ({ input: { ids: [await pendingSession(env, townshipFor(persona, target))], decision: 'approve' } }),
  'service.adjust': async (env, persona, target) => ({ input: { id: await pendingSession(env, townshipFor(persona, target)), minutes: 30, reason: '矩阵测试' } }),
  'service.certificate': async (env, persona, target) => {
    if (target !== 'own') return null
    if (persona.key === 'volunteer') await volunteerWithHours(env)
    return { input: {} }
  },
  'service.verify': async (env, _p, target) => {
    if (target === 'other') return null
    await volunteerWithHours(env)
    const cert = await env.must<{ code: string }>('o_demo_volunteer', 'service.certificate', {})
    return { input: { code: cert.code } }
  },
  'service.report': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'service.exportReport': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'perk.merchants': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'perk.saveMerchant': async (_env, persona, target) => ({ input: { name: '矩阵商家', category: '餐饮', countyCode: countyFor(persona, target), address: '矩阵测试地址', contactName: '矩阵', contactPhone: '13700000002' } }),
  'perk.setMerchantStatus': async (env, persona, target) => {
    await ensureTaiheMerchant(env)
    return { input: { id: merchantFor(persona, target), status: 'suspended', reason: '矩阵测试' } }
  },
  'perk.managePerks': async (env, persona, target) => {
    await ensureTaiheMerchant(env)
    return { input: { merchantId: merchantFor(persona, target) } }
  },
  'perk.savePerk': async (env, persona, target) => {
    await ensureTaiheMerchant(env)
    return { input: { merchantId: merchantFor(persona, target), title: '矩阵优惠', description: '矩阵测试用优惠', perDay: 1, perMonth: 2, quota: 10, validFrom: '2026-01-01', validTo: '2099-12-31' } }
  },
  'perk.setPerkStatus': async (env, persona, target) => ({ input: { id: await perkOf(env, merchantFor(persona, target)), status: 'paused' } }),
  'perk.browse': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'perk.detail': async (_env, _p, target) => (target === 'own' ? { input: { id: 'p_kitchen_discount' } } : null),
  'perk.code': async (_env, _p, target) => (target === 'own' ? { input: { perkId: 'p_kitchen_discount' } } : null),
  'perk.verify': async (env, persona, target) => ({ input: { token: await tokenFor(env, await perkOf(env, merchantFor(persona, target))) } }),
  'perk.confirm': async (env, persona, target) => ({ input: { token: await tokenFor(env, await perkOf(env, merchantFor(persona, target))) } }),
  'perk.myRedemptions': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'perk.merchantRedemptions': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'perk.totals': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'perk.exportTotals': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'loan.banks': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'loan.saveDraft': async (env, _p, target) => (target === 'own' ? { input: { amountFen: 1_000_000, project: loanProject } } : { input: { id: await loanAt(env, 'draft', '441802'), amountFen: 1_000_000 } }),
  'loan.attachDocument': async (env, persona, target) => ({ input: { id: await applicationFor(env, persona, target, 'draft'), kind: 'id_photo', fileId: loanUpload(env, persona.openid) } }),
  'loan.removeDocument': async (env, persona, target) => {
    const id = await applicationFor(env, persona, target, 'draft')
    const loan = env.app.cloud.store.get('loans').docs.get(id) as unknown as { documents: { id: string }[] }
    return { input: { id, documentId: loan.documents[0].id } }
  },
  'loan.submit': async (env, persona, target) => ({ input: { id: await applicationFor(env, persona, target, 'draft') } }),
  'loan.withdraw': async (env, persona, target) => ({ input: { id: await applicationFor(env, persona, target, 'submitted'), reason: '矩阵测试' } }),
  'loan.mine': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'loan.get': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, persona.key === 'bank_officer' ? 'bank_review' : 'submitted') } }),
  'loan.revealIdentity': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, persona.key === 'bank_officer' ? 'bank_review' : 'submitted') } }),
  'loan.queue': async (_env, _p, target) => (target === 'own' ? { input: { view: 'all' } } : null),
  'loan.countyDecide': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, 'submitted'), decision: 'approve' } }),
  'loan.cityDecide': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, 'city_review'), decision: 'approve' } }),
  'loan.bankDecide': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, 'bank_review'), decision: 'approve', amountFen: 5_000_000, rateBp: 400 } }),
  'loan.disburse': async (env, persona, target) => ({
    input: { id: await reviewLoan(env, persona, target, 'approved'), amountFen: 5_000_000, disbursedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), rateBp: 400, repaymentType: 'bullet' },
  }),
  'loan.recordRepayment': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, 'due'), date: '2025-08-01', principalFen: 1_000_000 } }),
  'loan.approveSubsidy': async (env, persona, target) => ({ input: { id: await reviewLoan(env, persona, target, 'due'), period: '2025-Q3' } }),
  'loan.recordSubsidyPayment': async (env, persona, target) => {
    const id = await reviewLoan(env, persona, target, 'due')
    await env.must('o_demo_city', 'loan.approveSubsidy', { id, period: '2025-Q3' })
    return { input: { id, period: '2025-Q3', paidOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), transferRef: 'MX-0001' } }
  },
  'loan.subsidyStatement': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'loan.reportOutcome': async (env, persona, target) => {
    const id = await applicationFor(env, persona, target, 'due')
    await env.app.cloud.fireTimer('loan', 'askForOutcomes') // lent 2025-07-15: a year on, its outcome is asked
    return { input: { id, year: 1, jobsCreated: 3, householdsHelped: 2 } }
  },
  'loan.confirmOutcome': async (env, persona, target) => {
    const id = await reviewLoan(env, persona, target, 'due')
    await env.app.cloud.fireTimer('loan', 'askForOutcomes')
    await env.must(env.app.cloud.store.get('loans').docs.get(id)!.applicantOpenid as string, 'loan.reportOutcome', { id, year: 1, jobsCreated: 3, householdsHelped: 2 })
    return { input: { id, year: 1, jobsCreated: 3, householdsHelped: 1 } }
  },
  'loan.exportSubsidyStatement': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'loan.lprList': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'loan.lprSave': async (_env, _p, target) => (target === 'own' ? { input: { effectiveDate: '2026-10-20', oneYearBp: 290, fiveYearBp: 340 } } : null),
  'loan.lprRemove': async (env, _p, target) => {
    if (target === 'other') return null
    await env.must('o_demo_city', 'loan.lprSave', { effectiveDate: '2026-09-22', oneYearBp: 295, fiveYearBp: 345 })
    return { input: { effectiveDate: '2026-09-22' } }
  },
  'loan.lprImportPublished': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'loan.report': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'care.volunteers': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'care.notVisited': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'care.overdueFollowUps': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target) } }),
  'care.history': async (env, persona, target) => ({ input: { volunteerId: await careVolunteerIn(env, townshipFor(persona, target)) } }),
  'care.record': async (env, persona, target) => ({ input: careVisitInput(await careVolunteerIn(env, townshipFor(persona, target))) }),
  'care.setFollowUp': async (env, persona, target) => {
    const visit = await env.must<{ id: string }>('o_demo_city', 'care.record', careVisitInput(await careVolunteerIn(env, townshipFor(persona, target))))
    return { input: { visitId: visit.id, followUpId: 'f1', done: true } }
  },
  'care.posts': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'care.addPost': async (env, persona, target) => ({ input: { volunteerId: await careVolunteerIn(env, TOWNSHIP[countyFor(persona, target)]), kind: 'team_deputy', startDate: '2026-01-01' } }),
  'care.endPost': async (env, persona, target) => {
    const volunteerId = await careVolunteerIn(env, TOWNSHIP[countyFor(persona, target)])
    const post = await env.must<{ id: string }>('o_demo_city', 'care.addPost', { volunteerId, kind: 'county_deputy', startDate: '2026-01-01' })
    return { input: { postId: post.id, endDate: '2026-06-30' } }
  },
  'care.myPosts': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'dashboard.overview': async (_env, persona, target) => ({ input: { scope: { level: 'township', code: townshipFor(persona, target) }, period: { from: '2025-01-01', to: '2025-12-31' } } }),
  'dashboard.exportOverview': async (_env, persona, target) => ({ input: { scope: { level: 'township', code: townshipFor(persona, target) }, period: { from: '2025-01-01', to: '2025-12-31' } } }),
  'loan.exportReport': async (_env, persona, target) => ({ input: { countyCode: countyFor(persona, target) } }),
  'fair.list': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'fair.get': async (env, _p, target) => (target === 'own' ? { input: { id: (await fairWithPositions(env)).fairId } } : null),
  'fair.save': async (_env, _p, target) =>
    target === 'own'
      ? { input: { title: '矩阵对接会', date: shanghaiDay(10), startTime: '09:00', endTime: '12:00', venue: '青少年宫', address: '北江一路', signupOpensAt: `${shanghaiDay(-1)} 09:00`, signupClosesAt: `${shanghaiDay(9)} 18:00`, capacity: 5, termEndsWithinDays: 180, maxPositions: 1 } }
      : null,
  'fair.setStatus': async (env, _p, target) => (target === 'own' ? { input: { id: (await fairWithPositions(env)).fairId, status: 'cancelled', reason: '矩阵测试' } } : null),
  'fair.employers': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'fair.saveEmployer': async (_env, _p, target) => (target === 'own' ? { input: { name: '矩阵单位', type: 'social' } } : null),
  'fair.myFairs': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'fair.savePosition': async (env, _p, target) => {
    const f = await fairWithPositions(env)
    return { input: { fairId: f.fairId, employerId: target === 'own' ? 'e_qy_city_invest' : 'e_lvyuan_agri', title: '矩阵新岗位', openings: 1, place: '清城区', requirements: '矩阵测试岗位', salaryMinFen: 0, salaryMaxFen: 0, contactName: '何经理', contactPhone: '0763-3388123' } }
  },
  'fair.removePosition': async (env, _p, target) => {
    const f = await fairWithPositions(env)
    return { input: { id: target === 'own' ? f.own : f.other } }
  },
  'fair.resume': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'fair.signUp': async (env, _p, target) => {
    if (target === 'other') return null
    const f = await fairWithPositions(env)
    return { input: { fairId: f.fairId, positionIds: [f.own], shareResume: true } }
  },
  'fair.cancel': async (env, persona, target) => (target === 'own' ? { input: { fairId: await fairSignedUpBy(env, persona) } } : null),
  'fair.mine': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'fair.entryCode': async (env, persona, target) => (target === 'own' ? { input: { fairId: await fairSignedUpBy(env, persona) } } : null),
  'fair.checkIn': async (env, _p, target) => {
    if (target === 'other') return null
    const f = await signedUpFair(env)
    await env.app.cloud.db.handle('database.modifyDocument', { collectionName: 'fairs', queryType: 'DOC', query: JSON.stringify({ _id: f.fairId }), data: JSON.stringify({ $set: { date: shanghaiDay(0) } }), merge: true })
    return { input: { token: (await env.must<{ token: string }>('o_demo_volunteer', 'fair.entryCode', { fairId: f.fairId })).token } }
  },
  'fair.checkInByName': async (env, _p, target) => {
    if (target === 'other') return null
    const f = await signedUpFair(env)
    await env.app.cloud.db.handle('database.modifyDocument', { collectionName: 'fairs', queryType: 'DOC', query: JSON.stringify({ _id: f.fairId }), data: JSON.stringify({ $set: { date: shanghaiDay(0) } }), merge: true })
    return { input: { signupId: f.signupId, reason: '手机没电' } }
  },
  'fair.signups': async (env, _p, target) => (target === 'own' ? { input: { fairId: (await signedUpFair(env)).fairId } } : null),
  'fair.exportSignups': async (env, _p, target) => (target === 'own' ? { input: { fairId: (await signedUpFair(env)).fairId } } : null),
  'fair.exportApplicants': async (env, _p, target) => {
    const f = await signedUpFair(env)
    return { input: target === 'own' ? { fairId: f.fairId } : { fairId: f.fairId, positionId: f.other } }
  },
  'fair.applicants': async (env, _p, target) => {
    const f = await signedUpFair(env)
    return { input: target === 'own' ? { fairId: f.fairId } : { fairId: f.fairId, positionId: f.other } }
  },
  'fair.recordOutcome': async (env, _p, target) => {
    const f = await signedUpFair(env)
    // Outcomes come after the fair has begun, for people checked in at the door: the day comes, the volunteer comes in.
    await env.app.cloud.db.handle('database.modifyDocument', {
      collectionName: 'fairs',
      queryType: 'DOC',
      query: JSON.stringify({ _id: f.fairId }),
      data: JSON.stringify({ $set: { date: shanghaiDay(0), startsAt: { $date: new Date(Date.now() - 3600_000).toISOString() } } }),
      merge: true,
    })
    await env.must('o_demo_city', 'fair.checkIn', { token: (await env.must<{ token: string }>('o_demo_volunteer', 'fair.entryCode', { fairId: f.fairId })).token })
    return { input: { signupId: f.signupId, positionId: target === 'own' ? f.own : f.other, outcome: 'interviewed' } }
  },
  'fair.report': async (env, _p, target) => (target === 'own' ? { input: { fairId: (await signedUpFair(env)).fairId } } : null),
  'fair.exportReport': async (env, _p, target) => (target === 'own' ? { input: { fairId: (await signedUpFair(env)).fairId } } : null),
  'grants.revokeGrant': async (env, persona, target) => {
    const county = countyFor(persona, target)
    const code = await invitation(env, ADMIN_OF[county], county)
    const staff = env.fresh()
    await env.must(staff, 'grants.redeemInvitation', { code, name: '李受邀' })
    const userId = [...env.app.cloud.store.get('users').docs.values()].find((u) => u.openid === staff)!._id
    return { input: { userId, role: 'township_staff', scopeId: TOWNSHIP[county], reason: '矩阵测试' } }
  },

  'commend.rounds': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'commend.round': async (env, _p, target) => (target === 'own' ? { input: { id: await arrangeRound(env.app, 'nominating') } } : null),
  'commend.saveRound': async (_env, _p, target) =>
    target === 'own'
      ? { input: { kind: 'finest', title: '矩阵最美志愿者评选', year: 2026, nominateFrom: shanghaiDay(0), nominateTo: shanghaiDay(10), perTownship: 2, perCounty: 5, awards: 10, criteria: '扎根基层服务满一年，表现突出。' } }
      : null,
  'commend.advance': async (env, _p, target) => (target === 'own' ? { input: { id: await arrangeRound(env.app, 'draft'), status: 'nominating' } } : null),
  'commend.candidates': async (env, _p, target) => (target === 'own' ? { input: { roundId: await arrangeRound(env.app, 'nominating') } } : null),
  'commend.nominate': async (env, persona, target) => {
    const roundId = await arrangeRound(env.app, 'nominating')
    return { input: { roundId, registrationId: await approvedVolunteerIn(env, target === 'own' ? STAFF_TOWNSHIP : otherTownship(persona)), reason: '长期扎根基层，服务群众，表现突出。' } }
  },
  'commend.nominations': async (env, persona, target) => ({ input: { roundId: await arrangeRound(env.app, 'reviewing'), countyCode: countyFor(persona, target) } }),
  'commend.review': async (env, persona, target) => {
    const roundId = await arrangeRound(env.app, 'reviewing')
    return { input: { id: await arrangeNomination(env.app, roundId, TOWNSHIP[countyFor(persona, target)], 'nominated'), decision: 'recommend', reason: '' } }
  },
  'commend.decide': async (env, _p, target) => {
    if (target !== 'own') return null
    const roundId = await arrangeRound(env.app, 'deciding')
    return { input: { id: await arrangeNomination(env.app, roundId, STAFF_TOWNSHIP, 'recommended'), decision: 'award', reason: '' } }
  },
  'commend.results': async (env, _p, target) => (target === 'own' ? { input: { roundId: await arrangeRound(env.app, 'published') } } : null),
  'commend.mine': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'grid.report': async (_env, _p, target) =>
    target === 'own' ? { input: { requestId: `matrix${Date.now()}`, category: 'environment', urgency: 'normal', text: '村口垃圾堆放多日无人清理', place: { location: { lat: 23.6975, lng: 113.0555 }, address: '新城村村口' } } } : null,
  'grid.mine': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  // A volunteer reads their own matter; staff a matter of a township in (or out of) their reach.
  'grid.get': async (env, persona, target) => ({ input: { id: (await gridMatter(env, persona, target, 'submitted')).id } }),
  'grid.queue': async (_env, persona, target) => ({ input: { tab: 'open', townshipCode: townshipFor(persona, target) } }),
  'grid.accept': async (env, persona, target) => ({ input: await gridMatter(env, persona, target, 'submitted') }),
  'grid.assign': async (env, persona, target) => ({ input: { ...(await gridMatter(env, persona, target, 'accepted')), assignee: { kind: 'department', name: '城管办' } } }),
  'grid.close': async (env, persona, target) => ({ input: { ...(await gridMatter(env, persona, target, 'assigned')), resolution: '已清理完毕' } }),
  'grid.decline': async (env, persona, target) => ({ input: { ...(await gridMatter(env, persona, target, 'submitted')), reason: '不属于本镇街' } }),
  'grid.stats': async (_env, persona, target) => ({ input: { townshipCode: townshipFor(persona, target), from: '2025-01-01', to: '2025-12-31' } }),
  'training.list': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'training.get': async (env, _p, target) => (target === 'own' ? { input: { id: (await trainingSession(env)).courseId } } : null),
  'training.save': async (_env, persona, target) => ({ input: { title: '矩阵培训课程', kind: 'lecture', audience: 'both', department: '团委', countyCode: countyFor(persona, target) } }),
  'training.saveSession': async (env, persona, target) => {
    const { courseId } = await trainingSession(env, countyFor(persona, target), { publish: false })
    return { input: { courseId, title: '矩阵第二场', date: shanghaiDay(8), startTime: '14:00', endTime: '16:00', venue: '青少年宫', address: '北江一路 8 号', capacity: 10, signupOpensAt: `${shanghaiDay(-1)} 09:00`, signupClosesAt: `${shanghaiDay(7)} 18:00` } }
  },
  'training.setStatus': async (env, persona, target) => ({ input: { id: (await trainingSession(env, countyFor(persona, target), { publish: false })).courseId, status: 'published' } }),
  'training.signUp': async (env, _p, target) => (target === 'own' ? { input: { sessionId: (await trainingSession(env)).sessionId } } : null),
  'training.cancel': async (env, persona, target) => {
    if (target === 'other') return null
    const { sessionId } = await trainingSession(env)
    await env.must(isApplicant(persona) ? persona.openid : 'o_demo_volunteer', 'training.signUp', { sessionId })
    return { input: { sessionId } }
  },
  'training.mine': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'training.doorCode': async (env, persona, target) => ({ input: { sessionId: (await attendedSession(env, countyFor(persona, target))).sessionId } }),
  'training.checkIn': async (env, persona, target) => {
    if (target === 'other') return null
    const { sessionId } = await trainingSession(env)
    await env.must(isApplicant(persona) ? persona.openid : 'o_demo_volunteer', 'training.signUp', { sessionId })
    await sessionToday(env.app, sessionId)
    return { input: { code: (await env.must<{ code: string }>('o_demo_city', 'training.doorCode', { sessionId })).code } }
  },
  'training.markAttendance': async (env, persona, target) => {
    const { sessionId, signupId } = await attendedSession(env, countyFor(persona, target))
    return { input: { sessionId, signupIds: [signupId], present: true } }
  },
  'training.roster': async (env, persona, target) => ({ input: { sessionId: (await attendedSession(env, countyFor(persona, target))).sessionId } }),
  'training.completePart': async (env, _p, target) => {
    if (target === 'other') return null
    const { courseId, parts } = await onlineCourse(env)
    return { input: { courseId, partId: parts[0] } }
  },
  'training.records': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'training.report': async (_env, persona, target) => ({ input: { scope: { level: 'township', code: townshipFor(persona, target) }, period: { from: '2025-01-01', to: '2025-12-31' } } }),
  'training.exportReport': async (_env, persona, target) => ({ input: { scope: { level: 'township', code: townshipFor(persona, target) }, period: { from: '2025-01-01', to: '2025-12-31' } } }),
  'training.certificate': async (env, persona, target) => {
    if (target === 'other') return null
    return { input: { courseId: (await completedCourse(env, isApplicant(persona) ? persona.openid : 'o_demo_volunteer')).courseId } }
  },
  'training.verify': async (env, _p, target) => (target === 'own' ? { input: { code: (await completedCourse(env, 'o_demo_volunteer')).code } } : null),
  'contest.list': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'contest.get': async (env, _p, target) => (target === 'own' ? { input: { id: await arrangeContest(env.app, 'open', { countyCode: '' }) } } : null),
  'contest.save': async (_env, persona, target) => ({ input: contestForm(countyFor(persona, target)) }),
  'contest.advance': async (env, persona, target) => ({ input: { id: await arrangeContest(env.app, 'draft', { countyCode: countyFor(persona, target) }), to: 'open' } }),
  'contest.saveEntry': async (env, persona, target) =>
    target === 'own'
      ? { input: { contestId: await arrangeContest(env.app, 'open', { countyCode: '' }), title: '清远山水直播间', workUrl: 'https://live.example.com/room/9', description: '带大家走进英西峰林，边走边播。' }, refusal: ENTRANTS.includes(persona.key) ? undefined : 'CONFLICT' }
      : null,
  'contest.submitEntry': async (env, persona, target) => {
    if (target !== 'own') return null
    const contestId = await arrangeContest(env.app, 'open', { countyCode: '', mode: 'individual' })
    return { input: { id: (await arrangeEntry(env.app, contestId, 'draft', { captainId: userIdOf(env, persona.openid), mode: 'individual', countyCode: '' })).id } }
  },
  'contest.joinTeam': async (env, persona, target) => {
    if (target !== 'own') return null
    const contestId = await arrangeContest(env.app, 'open', { countyCode: '' })
    return { input: { code: (await arrangeEntry(env.app, contestId, 'draft', { countyCode: '' })).teamCode }, refusal: ENTRANTS.includes(persona.key) ? undefined : 'CONFLICT' }
  },
  'contest.mine': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'contest.results': async (env, _p, target) => {
    if (target !== 'own') return null
    const contestId = await arrangeContest(env.app, 'published', { countyCode: '', rounds: 2 })
    await arrangeEntry(env.app, contestId, 'advanced', { countyCode: '' })
    return { input: { contestId } }
  },
  'contest.appeal': async (env, persona, target) => {
    if (target !== 'own') return null
    const contestId = await arrangeContest(env.app, 'published', { countyCode: '', rounds: 2 })
    return { input: { entryId: (await arrangeEntry(env.app, contestId, 'eliminated', { captainId: userIdOf(env, persona.openid), countyCode: '' })).id, reason: '评分与作品的直播效果不符，请复核。' } }
  },
  'contest.entries': async (env, persona, target) => ({ input: { contestId: await arrangeContest(env.app, 'judging', { countyCode: countyFor(persona, target) }) } }),
  'contest.appeals': async (env, persona, target) => ({ input: { contestId: await arrangeContest(env.app, 'published', { countyCode: countyFor(persona, target) }) } }),
  'contest.report': async (_env, persona, target) => ({ input: { scope: { level: 'county', code: countyFor(persona, target) }, period: { from: '2025-01-01', to: '2025-12-31' } } }),
  'contest.exportReport': async (_env, persona, target) => ({ input: { scope: { level: 'county', code: countyFor(persona, target) }, period: { from: '2025-01-01', to: '2025-12-31' } } }),
  'contest.answerAppeal': async (env, persona, target) => {
    const county = countyFor(persona, target)
    const contestId = await arrangeContest(env.app, 'published', { countyCode: county })
    const entry = await arrangeEntry(env.app, contestId, 'eliminated', { countyCode: county })
    return { input: { id: await arrangeAppeal(env.app, contestId, entry.id, 'u_entrant', 'open', county), decision: 'dismissed', answer: '经复核，评分无误。' } }
  },
  // Judges hold their role for one contest only (granted by the league's invitation): the judge
  // persona judges JUDGED_CONTEST, so its own objects are that contest's and another contest's are
  // refused; every other persona, holding no judge grant, is refused both.
  'contest.judging': async (_env, _p, target) => (target === 'own' ? { input: {} } : null),
  'contest.judgeEntries': async (env, _p, target) => ({ input: { contestId: await arrangeContest(env.app, 'judging', target === 'own' ? { id: JUDGED_CONTEST, countyCode: '' } : {}) } }),
  'contest.score': async (env, _p, target) => ({ input: { entryId: await judgedEntry(env, target), scores: [8, 9] } }),
  'contest.declareConflict': async (env, _p, target) => ({ input: { entryId: await judgedEntry(env, target), reason: '作品成员是我的亲属' } }),
}

/** Personas with an approved registration (the demo volunteer and rural youth): they may enter contests. */
const ENTRANTS = ['volunteer', 'rural_youth']

const contestForm = (countyCode: string) => ({
  kind: 'live',
  title: '矩阵乡村旅游直播大赛',
  rules: '作品须为原创，展示清远乡村旅游资源。',
  countyCode,
  mode: 'team',
  maxTeamSize: 5,
  rounds: [{ name: '初赛', entryDeadline: '2099-01-01 12:00', judgingEnds: '2099-01-05 12:00', advance: 10 }],
  rubric: [
    { name: '创意', weight: 40, maxScore: 10 },
    { name: '效果', weight: 60, maxScore: 10 },
  ],
  awards: [{ name: '一等奖', count: 1 }],
  appealDays: 3,
})

/** A submitted entry under judgement: of the demo judge's contest ('own'), or of another contest. */
async function judgedEntry(env: Env, target: Target): Promise<string> {
  const contestId = await arrangeContest(env.app, 'judging', target === 'own' ? { id: JUDGED_CONTEST, countyCode: '' } : {})
  return (await arrangeEntry(env.app, contestId, 'submitted', { countyCode: target === 'own' ? '' : '441802' })).id
}

/** A grid matter in the persona's township (or another), reported by the demo volunteer when it is theirs to read. */
async function gridMatter(env: Env, persona: Persona, target: Target, status: 'submitted' | 'accepted' | 'assigned'): Promise<{ id: string; version: number }> {
  const mine = persona.key === 'volunteer' && target === 'own'
  const { id, version } = await arrangeGridReport(env.app, mine ? STAFF_TOWNSHIP : townshipFor(persona, target), status, mine ? 'o_demo_volunteer' : 'o_q_grid_reporter')
  return { id, version }
}
