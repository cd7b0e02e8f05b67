// The transition matrix, generated from the machines the contract declares (types/machines.ts):
// every state × action (and decision) × role of every machine. An entity is arranged in the
// state, the action is called by a person holding the role within the entity's reach (or by
// its owner); a declared step must succeed and land where it says, every other call must be
// refused and write nothing at all.
import crypto from 'node:crypto'
import { EJSON } from 'bson'
import { seedDemo } from '../../scripts/demo'
import type { ActionName } from '../../types'
import { MACHINES, allowedStep, appealState, signupState, trainingSignupState, type Machine, type StepRole } from '../../types/machines'
import { ROLES } from '../../types/roles'
import { configureFunctionsInProcess, startAppCloud, TEST_FUNCTION_ENV, type AppCloud } from '../support/app'
import { kioskCode } from '../../cloudfunctions/_shared/kiosk'
import { volunteerForm, ruralYouthForm, freshIdNumber } from '../support/people'
import { writeQualityFigures } from './report'
import { allCounties } from '../../cloudfunctions/_shared/divisions'
import { seal } from '../../cloudfunctions/_shared/sealed'
import { encrypt } from '../../cloudfunctions/_shared/pii'
import { arrangeNomination, arrangeRound } from './commend-arrange'
import type { NominationStatus, RoundStatus } from '../../types/commend-rules'
import { arrangeGridReport } from './grid-arrange'
import type { GridStatus } from '../../types/grid-rules'
import { arrangeAppeal, arrangeContest, arrangeEntry } from './contest-arrange'
import type { AppealStatus as ContestAppealStatus, ContestStatus, EntryStatus } from '../../types/contest-rules'
import fs from 'node:fs'
import path from 'node:path'
import { tempDir } from '../support/localcloud'
import { Replays } from '../support/replay'

let app: AppCloud
let counter = 0
const fresh = (what: string) => `o_tm_${what}_${++counter}`

/** Who acts in each column: the entity's owner, or a person holding the role within its reach. */
const COLUMNS: readonly StepRole[] = ['owner', ...ROLES]
const PERSONA: Record<(typeof ROLES)[number], string> = {
  volunteer: 'o_demo_volunteer',
  rural_youth: 'o_demo_youth',
  township_staff: 'o_demo_township', // 凤城街道, 清城区
  county_admin: 'o_demo_county', // 清城区
  city_admin: 'o_demo_city',
  merchant: 'o_demo_merchant',
  bank_officer: 'o_demo_bank', // 邮储银行清远市分行
  employer: 'o_demo_employer',
  judge: 'o_demo_judge',
}

interface Arranged {
  id: string
  /** The owner's openid. */
  owner: string
  /** Facts the inputs need (a period's key, a document's id). */
  facts?: Record<string, string>
}

interface Bench<S extends string = string> {
  machine: Machine<S>
  /**
   * Actions whose entity is the caller's own (nobody can name another's): only its owner can
   * reach it, so only the owner's column is called (another role's call would act on their own).
   */
  selfActions?: readonly string[]
  arrange(state: S, action: string): Promise<Arranged>
  input(action: string, variant: string | undefined, a: Arranged): unknown
  state(a: Arranged): S | null
  /** The entity's record, for "untouched" checks. */
  record(a: Arranged): unknown
  /** Batch actions answer per item: whether this answer refused the arranged entity. */
  refusedItem?(action: string, data: unknown): boolean
}

const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`arranging: ${what} failed: ${JSON.stringify(r.error)}`)
  return r.data as T
}
const doc = (collection: string, id: string) => app.cloud.store.get(collection).docs.get(id) as Record<string, unknown> | undefined
const userIdOf = (openid: string) => [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === openid)!._id as string

async function insert(collection: string, ...docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}
async function update(collection: string, id: string, fields: Record<string, unknown>): Promise<void> {
  await app.cloud.db.handle('database.modifyDocument', {
    collectionName: collection,
    queryType: 'DOC',
    query: JSON.stringify({ _id: id }),
    data: EJSON.stringify({ $set: fields }, { relaxed: false }),
    merge: true,
  })
}

/** Writes to every collection but the rate-limit counters (counting refused attempts is their purpose). */
const writes = () => JSON.stringify([...app.cloud.store.writes.entries()].filter(([name]) => name !== 'rate_limits').sort())
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

// ---- people ------------------------------------------------------------------------------------

async function approvedRegistration(openid: string, kind: 'volunteer' | 'rural_youth', name: string): Promise<string> {
  const form = kind === 'volunteer' ? volunteerForm({ name, idNumber: freshIdNumber() }) : ruralYouthForm({ name, idNumber: freshIdNumber(), countyCode: '441802', townshipCode: '441802006' })
  const reg = ok(await app.call(openid, kind === 'volunteer' ? 'registration.submitVolunteer' : 'registration.submitRuralYouth', form as never), 'register')
  ok(await app.call('o_demo_county', 'registration.review', { ids: [(reg as { id: string }).id], decision: 'approve' }), 'approve registration')
  return (reg as { id: string }).id
}

const registrations: Bench = {
  machine: MACHINES.find((m) => m.name === 'registration')!,
  selfActions: ['registration.submitVolunteer', 'registration.submitRuralYouth', 'account.close'],
  async arrange(state, action) {
    const owner = fresh('reg')
    const kind = action === 'registration.submitRuralYouth' ? 'rural_youth' : 'volunteer'
    const form = kind === 'volunteer' ? volunteerForm({ name: '矩阵注册' }) : ruralYouthForm({ name: '矩阵登记', countyCode: '441802', townshipCode: '441802006' })
    const reg = ok(await app.call(owner, kind === 'volunteer' ? 'registration.submitVolunteer' : 'registration.submitRuralYouth', form as never), 'submit') as { id: string }
    if (state === 'approved' || state === 'rejected') {
      ok(await app.call('o_demo_county', 'registration.review', { ids: [reg.id], decision: state === 'approved' ? 'approve' : 'reject', reason: '矩阵测试' }), 'review')
    }
    // Closed as in life: the owner withdrew consent and closed the account.
    if (state === 'closed') ok(await app.call(owner, 'account.close', { confirm: true, reason: '矩阵测试' }), 'close')
    return { id: reg.id, owner }
  },
  input(action, variant, a) {
    if (action === 'registration.review') return { ids: [a.id], decision: variant, reason: '矩阵测试' }
    if (action === 'account.close') return { confirm: true, reason: '矩阵测试' }
    return action === 'registration.submitRuralYouth' ? ruralYouthForm({ name: '矩阵登记', countyCode: '441802', townshipCode: '441802006' }) : volunteerForm({ name: '矩阵注册' })
  },
  state: (a) => (doc('registrations', a.id)?.status as string) ?? null,
  record: (a) => doc('registrations', a.id),
  refusedItem: (action, data) => action === 'registration.review' && (data as { results: { ok: boolean }[] }).results.every((x) => !x.ok),
}

const takeovers: Bench = {
  machine: MACHINES.find((m) => m.name === 'takeover')!,
  async arrange(state) {
    const old = fresh('old')
    const owner = fresh('new')
    const id = freshIdNumber()
    const reg = ok(await app.call(old, 'registration.submitVolunteer', volunteerForm({ name: '矩阵接管', idNumber: id })), 'submit') as { id: string }
    ok(await app.call('o_demo_county', 'registration.review', { ids: [reg.id], decision: 'approve' }), 'approve')
    const t = ok(await app.call(owner, 'registration.requestTakeover', { name: '矩阵接管', idNumber: id }), 'request') as { id: string }
    if (state !== 'pending') ok(await app.call('o_demo_county', 'registration.decideTakeover', { id: t.id, decision: state === 'approved' ? 'approve' : 'reject', reason: '矩阵测试' }), 'decide')
    return { id: t.id, owner }
  },
  input: (_action, variant, a) => ({ id: a.id, decision: variant, reason: '矩阵测试' }),
  state: (a) => (doc('takeovers', a.id)?.status as string) ?? null,
  record: (a) => doc('takeovers', a.id),
}

// Invitations grant township staff of places no other bench uses, one per cell: redeeming one
// must not change what a persona may do elsewhere in this matrix.
const FAR_TOWNSHIPS = allCounties.filter((c) => !['441802', '441803'].includes(c.code)).flatMap((c) => c.townships.map((t) => ({ code: t.code, name: t.name })))
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
/** A valid invitation code of its own for each cell. */
const invitationCode = (n: number) => `M${Array.from({ length: 9 }, (_, i) => CODE_ALPHABET[Math.floor(n / 32 ** i) % 32]).join('')}`

const invitations: Bench = {
  machine: MACHINES.find((m) => m.name === 'invitation')!,
  async arrange(state) {
    const code = invitationCode(++counter)
    const place = FAR_TOWNSHIPS[counter % FAR_TOWNSHIPS.length]
    const now = Date.now()
    await insert('invitations', {
      _id: code,
      role: 'township_staff',
      scopeType: 'township',
      scopeId: place.code,
      scopeName: place.name,
      countyCode: place.code.slice(0, 6),
      note: '',
      status: state === 'expired' ? 'open' : state,
      expiresAt: new Date(state === 'expired' ? now - 3600_000 : now + 3 * 86400_000),
      createdBy: userIdOf('o_tm_creator'),
      createdByName: '矩阵邀请人',
      createdAt: new Date(now - 86400_000),
      usedBy: state === 'used' ? 'someone' : '',
      usedByName: '',
      usedAt: state === 'used' ? new Date(now) : null,
    })
    return { id: code, owner: 'o_tm_creator' }
  },
  input: (action, _variant, a) => (action === 'grants.redeemInvitation' ? { code: a.id, name: '李受邀' } : { code: a.id }),
  state(a) {
    const inv = doc('invitations', a.id)
    if (!inv) return null
    return inv.status === 'open' && (inv.expiresAt as Date).getTime() <= Date.now() ? 'expired' : (inv.status as string)
  },
  record: (a) => doc('invitations', a.id),
}

// ---- loans -------------------------------------------------------------------------------------

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 2)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 3)])
const LOAN_OWNER = 'o_tm_loan_owner'
const DOCUMENT_IDS = { id_photo: 'a00000000001', business_license: 'a00000000002', project_plan: 'a00000000003' } as const
let loanOwner = { userId: '', registrationId: '' }

const REVIEWED = ['submitted', 'city_review', 'bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed', 'rejected', 'withdrawn', 'returned', 'lapsed']
const BANK_SEES = ['bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed', 'lapsed']
const LENT = ['disbursed', 'in_subsidy', 'closed']

/** A complete application in `state`, as the steps before it would have left it. */
/** The applicant's payee account, sealed as the loan function seals it (with the tests' data key). */
function sealedPayee() {
  configureFunctionsInProcess()
  return { accountName: '矩阵青年', bankName: '邮储银行清远市分行', accountSealed: encrypt('6217995500001234567'), accountMasked: '6217 **** **** 4567' }
}

async function arrangeLoan(state: string, disbursedOn = '2025-01-15'): Promise<Arranged> {
  const id = `L${(++counter).toString(16).padStart(16, '0')}`
  const now = new Date()
  const files = (['id_photo', 'business_license', 'project_plan'] as const).map((kind) => ({
    id: DOCUMENT_IDS[kind],
    kind,
    fileId: app.cloud.storage.put(`loans/${id}/${kind}.${kind === 'project_plan' ? 'pdf' : 'jpg'}`, kind === 'project_plan' ? PDF : JPEG),
    name: kind,
    type: kind === 'project_plan' ? 'application/pdf' : 'image/jpeg',
    size: 204,
    uploadedAt: now,
  }))
  const terms = { countyCode: '441802', countyName: '清城区', townshipName: '凤城街道', amountFen: 20_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', bankName: '邮储银行清远市分行', payee: '矩阵青年 邮储银行清远市分行 6217 **** **** 4567' }
  const lent = LENT.includes(state)
  const approvedQ1 = state === 'in_subsidy' || state === 'closed'
  await insert('loans', {
    _id: id,
    version: 1,
    applicantId: loanOwner.userId,
    applicantOpenid: LOAN_OWNER,
    applicantName: '矩阵青年',
    applicantKind: 'rural_youth',
    registrationId: loanOwner.registrationId,
    status: state,
    ...terms,
    branch: '清城支行',
    payee: sealedPayee(),
    project: { type: 'ecommerce', title: '矩阵电商', townshipCode: '441802006', address: '凤城街道石角村', description: '建设产地直播间与冷链分拣点，带动周边果农通过电商销售。', jobsCreated: 3, householdsHelped: 2 },
    documents: files,
    returnedFrom: state === 'returned' ? 'city' : null,
    returnNote: state === 'returned' ? '请补充销售流水' : '',
    rejectReason: state === 'rejected' ? '不符合条件' : '',
    approval: BANK_SEES.includes(state) && state !== 'bank_review' ? { amountFen: 20_000_000, rateBp: 480, termMonths: 24, at: new Date('2025-01-10T02:00:00Z'), by: 'bank' } : null,
    disbursement: lent
      ? {
          amountFen: 20_000_000,
          disbursedOn,
          maturityOn: '2027-01-15',
          rateBp: 480,
          repaymentType: 'interest_only',
          lprDate: '2024-12-20',
          lprTenor: '1y',
          lprBp: 310,
          spreadBp: 120,
          subsidyRateBp: 430,
          dayBasis: 360,
          at: now,
          by: 'bank',
        }
      : null,
    repayments: state === 'closed' ? [{ date: '2025-02-01', principalFen: 20_000_000, note: '', at: now, by: 'bank' }] : [],
    outstandingFen: lent && state !== 'closed' ? 20_000_000 : 0,
    subsidies: approvedQ1 ? [{ key: '2025-Q1', start: '2025-01-15', end: '2025-03-31', amountFen: 100_000, at: now, by: 'city', byName: '团市委' }] : [],
    subsidyApprovedFen: approvedQ1 ? 100_000 : 0,
    subsidyDueFrom: state === 'disbursed' ? '2025-04-01' : state === 'in_subsidy' ? '2025-07-01' : '',
    history: [],
    bankRouted: BANK_SEES.includes(state),
    submittedAt: REVIEWED.includes(state) ? now : null,
    submittedTerms: REVIEWED.includes(state) ? terms : undefined,
    lastChanges: [],
    disbursedOn: lent ? disbursedOn : '',
    createdAt: now,
    updatedAt: now,
  })
  return { id, owner: LOAN_OWNER, facts: { period: state === 'in_subsidy' ? '2025-Q2' : '2025-Q1' } }
}

const loans: Bench = {
  machine: MACHINES.find((m) => m.name === 'loan')!,
  arrange: (state) => arrangeLoan(state),
  input(action, variant, a) {
    switch (action) {
      case 'loan.saveDraft':
        return { id: a.id, amountFen: 10_000_000 }
      case 'loan.attachDocument':
        return { id: a.id, kind: 'id_photo', fileId: app.cloud.storage.put(`uploads/${loanOwner.userId}/tm${++counter}.jpg`, JPEG), name: '身份证反面' }
      case 'loan.removeDocument':
        return { id: a.id, documentId: DOCUMENT_IDS.project_plan }
      case 'loan.withdraw':
        return { id: a.id, reason: '资金已自筹' }
      case 'loan.disburse':
        return { id: a.id, amountFen: 20_000_000, disbursedOn: shanghaiToday(), rateBp: 480, repaymentType: 'interest_only' }
      case 'loan.recordRepayment':
        return { id: a.id, date: shanghaiToday(), principalFen: 100_000 }
      case 'loan.approveSubsidy':
        return { id: a.id, period: a.facts!.period }
      case 'loan.bankDecide':
        return { id: a.id, decision: variant, note: variant === 'approve' ? '' : '请补充', amountFen: 20_000_000, rateBp: 480 }
      case 'loan.countyDecide':
      case 'loan.cityDecide':
        return { id: a.id, decision: variant, note: variant === 'approve' ? '' : '请补充' }
      default:
        return { id: a.id }
    }
  },
  state: (a) => (doc('loans', a.id)?.status as string) ?? null,
  record: (a) => doc('loans', a.id),
}

/** A loan's quarter: paid once its transfer is recorded; approved once recorded; due once ended (and next in order); projected before. */
const subsidyPeriods: Bench = {
  machine: MACHINES.find((m) => m.name === 'subsidy_period')!,
  async arrange(state) {
    if (state === 'projected') {
      const a = await arrangeLoan('disbursed', shanghaiToday())
      const d = shanghaiToday()
      return { ...a, facts: { period: `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}` } }
    }
    const a = await arrangeLoan(state === 'approved' || state === 'paid' ? 'in_subsidy' : 'disbursed')
    if (state === 'paid') {
      // Paid by an earlier transfer (another reference than the matrix sends: a second payment is refused).
      await app.cloud.db.handle('database.modifyDocument', {
        collectionName: 'loans',
        queryType: 'DOC',
        query: JSON.stringify({ _id: a.id }),
        data: EJSON.stringify({ $set: { subsidyPayments: [{ key: '2025-Q1', paidOn: shanghaiToday(), transferRef: 'TM-EARLIER-0001', amountFen: 100_000, at: new Date(), by: 'city', byName: '团市委' }] } }, { relaxed: false }),
        merge: true,
      })
    }
    return { ...a, facts: { period: '2025-Q1' } }
  },
  input: (action, _variant, a) => (action === 'loan.recordSubsidyPayment' ? { id: a.id, period: a.facts!.period, paidOn: shanghaiToday(), transferRef: 'TM-MATRIX-0001' } : { id: a.id, period: a.facts!.period }),
  state(a) {
    const l = doc('loans', a.id)
    if (!l) return null
    const period = a.facts!.period
    if (((l.subsidyPayments ?? []) as { key: string }[]).some((s) => s.key === period)) return 'paid'
    if ((l.subsidies as { key: string }[]).some((s) => s.key === period)) return 'approved'
    return (l.subsidyDueFrom as string) !== '' && period === '2025-Q1' ? 'due' : 'projected'
  },
  record: (a) => doc('loans', a.id),
}

// ---- service hours -----------------------------------------------------------------------------

const VOLUNTEER_OWNER = 'o_tm_volunteer_owner'
let volunteerOwner = { userId: '', registrationId: '' }
const STATION = { id: 'st_fengcheng', name: '凤城街道志愿服务驿站', at: { lat: 23.697524, lng: 113.055469 } }

/** A record of two hours' service yesterday at 凤城街道, as the steps before would have left it. */
async function arrangeSession(fields: Record<string, unknown>): Promise<Arranged> {
  const id = `${volunteerOwner.userId}:tmsession${++counter}`
  const start = new Date(Date.now() - 86400_000)
  const now = new Date()
  await insert('sessions', {
    _id: id,
    userId: volunteerOwner.userId,
    openid: VOLUNTEER_OWNER,
    stationId: STATION.id,
    stationName: STATION.name,
    townshipCode: '441802006',
    townshipName: '凤城街道',
    countyCode: '441802',
    status: 'pending',
    checkInAt: start,
    checkOutAt: new Date(start.getTime() + 2 * 3600_000),
    checkIn: { ...STATION.at, accuracy: 15, distanceM: 3 },
    checkOut: { ...STATION.at, accuracy: 15, distanceM: 3 },
    days: [{ date: new Date(start.getTime() + 8 * 3600_000).toISOString().slice(0, 10), minutes: 120 }],
    minutes: 120,
    adjustedMinutes: null,
    flags: [],
    source: 'scan',
    note: '',
    photoFileId: '',
    checkOutRequestId: '',
    decisionReason: '',
    decisionId: '',
    reviewedBy: '',
    reviewedAt: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  })
  return { id, owner: VOLUNTEER_OWNER }
}

const decided = (status: string) => (status === 'approved' || status === 'rejected' ? { reviewedBy: 'staff', reviewedAt: new Date(), decisionReason: '矩阵测试' } : {})

function serviceInput(action: string, variant: string | undefined, a: Arranged): unknown {
  switch (action) {
    case 'service.checkOut':
      return { requestId: `tmout${++counter}xx`, reading: { ...STATION.at, accuracy: 15 } }
    case 'service.adjust':
      return { id: a.id, minutes: 60, reason: '核实后调整为一小时' }
    case 'service.appeal':
      return { sessionId: a.id, reason: '我确实服务了两个小时，有照片为证' }
    default:
      return { ids: [a.id], decision: variant, reason: '矩阵测试' }
  }
}
const decideRefused = (action: string, data: unknown) => action === 'service.decide' && (data as { decided: number }).decided === 0

const sessions: Bench = {
  machine: MACHINES.find((m) => m.name === 'session')!,
  selfActions: ['service.checkOut'],
  async arrange(state) {
    if (state !== 'open') return arrangeSession({ status: state, ...decided(state) })
    // The one open session a volunteer may have, as a check-in leaves it (replacing one an earlier cell left).
    await app.cloud.db.handle('database.removeDocument', { collectionName: 'open_sessions', queryType: 'DOC', query: JSON.stringify({ _id: volunteerOwner.userId }), multi: false })
    const sessionId = `${volunteerOwner.userId}:tmopen${++counter}`
    await insert('open_sessions', {
      _id: volunteerOwner.userId,
      sessionId,
      requestId: sessionId.split(':')[1],
      openid: VOLUNTEER_OWNER,
      stationId: STATION.id,
      stationName: STATION.name,
      stationLocation: STATION.at,
      radiusM: 300,
      townshipCode: '441802006',
      townshipName: '凤城街道',
      countyCode: '441802',
      checkInAt: new Date(Date.now() - 60_000),
      checkIn: { ...STATION.at, accuracy: 15, distanceM: 3 },
      flags: [],
      via: 'scan',
    })
    return { id: sessionId, owner: VOLUNTEER_OWNER }
  },
  input: serviceInput,
  state(a) {
    const closed = doc('sessions', a.id)
    if (closed) return closed.status as string
    return (doc('open_sessions', volunteerOwner.userId)?.sessionId as string) === a.id ? 'open' : null
  },
  record: (a) => doc('sessions', a.id) ?? doc('open_sessions', volunteerOwner.userId),
  refusedItem: decideRefused,
}

const makeups: Bench = {
  machine: MACHINES.find((m) => m.name === 'makeup')!,
  arrange: (state) => arrangeSession({ status: state, source: 'makeup', flags: ['makeup'], checkIn: null, checkOut: null, note: '手机没电，未能签到', ...decided(state) }),
  input: serviceInput,
  state: (a) => (doc('sessions', a.id)?.status as string) ?? null,
  record: (a) => doc('sessions', a.id),
  refusedItem: decideRefused,
}

const appeals: Bench = {
  machine: MACHINES.find((m) => m.name === 'appeal')!,
  arrange(state) {
    if (state === 'appealed') return arrangeSession({ status: 'pending', flags: ['appeal'], note: '我确实服务了两个小时' })
    if (state === 'adjusted') return arrangeSession({ status: 'approved', adjustedMinutes: 30, flags: ['adjusted'], ...decided('approved') })
    return arrangeSession({ status: state, ...decided(state) })
  },
  input: serviceInput,
  state(a) {
    const s = doc('sessions', a.id)
    return s ? appealState(s as never) : null
  },
  record: (a) => doc('sessions', a.id),
  refusedItem: decideRefused,
}

// ---- perks -------------------------------------------------------------------------------------

let demoMerchant: Record<string, unknown> = {}
let demoPerk: Record<string, unknown> = {}

/** The merchant column's own merchant, in the state asked for, with a new perk of it in the perk's state. */
async function arrangePerk(perkState: string, merchantState: string): Promise<Arranged> {
  await update('merchants', demoMerchant._id as string, { status: merchantState })
  const id = `P${(++counter).toString(16).padStart(12, '0')}`
  const suspendedFrom = perkState === 'suspended' ? { suspendedFrom: 'paused' } : {}
  const { suspendedFrom: _ignored, ...base } = demoPerk
  await insert('perks', { ...base, _id: id, status: perkState, ...suspendedFrom, redeemed: 0, usage: {}, recentCodes: [] })
  return { id, owner: '' }
}

const merchants: Bench = {
  machine: MACHINES.find((m) => m.name === 'merchant')!,
  async arrange(state) {
    const id = `M${(++counter).toString(16).padStart(12, '0')}`
    await insert('merchants', { ...demoMerchant, _id: id, name: `矩阵商家${counter}`, status: state })
    return { id, owner: '' }
  },
  input: (_action, variant, a) => ({ id: a.id, status: variant, reason: '矩阵测试' }),
  state: (a) => (doc('merchants', a.id)?.status as string) ?? null,
  record: (a) => doc('merchants', a.id),
}

const perks: Bench = {
  machine: MACHINES.find((m) => m.name === 'perk')!,
  arrange: (state) => arrangePerk(state, state === 'suspended' ? 'suspended' : 'active'),
  input: (action, variant, a) => (action === 'perk.setPerkStatus' ? { id: a.id, status: variant } : { id: demoMerchant._id, status: variant, reason: '矩阵测试' }),
  state: (a) => (doc('perks', a.id)?.status as string) ?? null,
  record: (a) => doc('perks', a.id),
}

// ---- job fairs ---------------------------------------------------------------------------------

const EMPLOYER = { id: 'e_qy_city_invest', name: '清远市城市投资控股集团' }
const shanghaiDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)
const hex12 = () => (++counter).toString(16).padStart(12, '0')

/** A fair (with one position of the employer column's) in `status`, whose day is `date`, starting at `startsAt`. */
async function arrangeFair(status: string, date: string, startsAt: Date, seatsLeft = 10): Promise<{ fairId: string; positionId: string }> {
  const fairId = `F${hex12()}`
  const positionId = `J${hex12()}`
  const now = new Date()
  await insert('fairs', {
    _id: fairId,
    title: `矩阵对接会${counter}`,
    date,
    startTime: '09:00',
    endTime: '12:00',
    venue: '清远市青年之家',
    address: '清城区凤城街道',
    location: null,
    signupOpensAt: new Date(Date.now() - 86400_000),
    signupClosesAt: new Date(Math.min(startsAt.getTime(), Date.now() + 3600_000)),
    startsAt,
    capacity: 10,
    confirmedCount: 10 - seatsLeft,
    waitlist: [],
    termEndsWithinDays: 730,
    allowRuralYouth: true,
    maxPositions: 3,
    employerIds: [EMPLOYER.id],
    description: '',
    status,
    createdBy: 'city',
    createdAt: now,
    updatedAt: now,
  })
  await insert('fair_positions', {
    _id: positionId,
    fairId,
    employerId: EMPLOYER.id,
    employerName: EMPLOYER.name,
    employerType: 'state_owned',
    title: '乡村振兴项目专员',
    openings: 2,
    place: '清城区',
    countyCode: '441802',
    requirements: '',
    salaryMinFen: 400_000,
    salaryMaxFen: 600_000,
    contactName: '陈经理',
    contactPhone: '13800138111',
    createdAt: now,
    updatedAt: now,
  })
  return { fairId, positionId }
}

const fairs: Bench = {
  machine: MACHINES.find((m) => m.name === 'fair')!,
  async arrange(state) {
    const date = shanghaiDay(30)
    const { fairId } = await arrangeFair(state, date, new Date(`${date}T01:00:00Z`))
    return { id: fairId, owner: '', facts: { date } }
  },
  input(action, variant, a) {
    if (action === 'fair.setStatus') return { id: a.id, status: variant, reason: '矩阵测试' }
    const date = a.facts!.date
    return {
      id: a.id,
      title: '矩阵对接会（修改）',
      date,
      startTime: '09:00',
      endTime: '12:00',
      venue: '清远市青年之家',
      address: '清城区凤城街道',
      signupOpensAt: `${shanghaiDay(0)} 00:00`,
      signupClosesAt: `${date} 08:00`,
      capacity: 20,
      termEndsWithinDays: 730,
      allowRuralYouth: true,
      maxPositions: 3,
      employerIds: [EMPLOYER.id],
    }
  },
  state: (a) => (doc('fairs', a.id)?.status as string) ?? null,
  record: (a) => doc('fairs', a.id),
}

/** The entry code the sign-up's phone would show, sealed as the fair function seals it (with the tests' token key). */
function entryCode(claims: object): string {
  configureFunctionsInProcess()
  return seal('fair-entry-v1', 'E1', claims)
}

const signups: Bench = {
  machine: MACHINES.find((m) => m.name === 'signup')!,
  selfActions: ['fair.signUp', 'fair.cancel'],
  async arrange(state, action) {
    // Outcomes come after the fair has begun; everything else before, on its day (the door opens today).
    const started = action === 'fair.recordOutcome'
    const f = await arrangeFair('published', shanghaiDay(0), new Date(Date.now() + 2 * 3600_000), state === 'waiting' ? 0 : 10)
    const owner = fresh('fairgoer')
    await approvedRegistration(owner, 'volunteer', '矩阵求职')
    ok(await app.call(owner, 'fair.signUp', { fairId: f.fairId, positionIds: [f.positionId], shareResume: true }), 'sign up')
    const id = `${f.fairId}:${userIdOf(owner)}`
    if (state === 'cancelled') ok(await app.call(owner, 'fair.cancel', { fairId: f.fairId, reason: '矩阵测试' }), 'cancel')
    const changes: Record<string, unknown> = {}
    if (state === 'checked_in') Object.assign(changes, { checkedInAt: new Date(), checkedInBy: 'door' })
    if (Object.keys(changes).length) await update('fair_signups', id, changes)
    if (started) await update('fairs', f.fairId, { startsAt: new Date(Date.now() - 3600_000) })
    return { id, owner, facts: f }
  },
  input(action, _variant, a) {
    const { fairId, positionId } = a.facts!
    switch (action) {
      case 'fair.signUp':
        return { fairId, positionIds: [positionId], shareResume: true }
      case 'fair.cancel':
        return { fairId, reason: '临时有事' }
      case 'fair.checkIn':
        return { token: entryCode({ s: a.id, f: fairId, e: Math.floor(Date.now() / 1000) + 60, n: crypto.randomBytes(12).toString('base64url'), m: '矩*求' }) }
      case 'fair.checkInByName':
        return { signupId: a.id, reason: '手机没电' }
      default:
        return { signupId: a.id, positionId, outcome: 'interviewed', note: '' }
    }
  },
  state(a) {
    const s = doc('fair_signups', a.id)
    return s ? signupState(s as never) : null
  },
  record: (a) => doc('fair_signups', a.id),
}

// ---- commendations ------------------------------------------------------------------------------

const commendRounds: Bench = {
  machine: MACHINES.find((m) => m.name === 'commend_round')!,
  async arrange(state) {
    return { id: await arrangeRound(app, state as RoundStatus), owner: '' }
  },
  input(action, variant, a) {
    if (action === 'commend.advance') return { id: a.id, status: variant }
    const day = shanghaiToday()
    return { id: a.id, kind: 'star', title: '矩阵星级志愿者评选', year: Number(day.slice(0, 4)), nominateFrom: day, nominateTo: day, perTownship: 3, perCounty: 5, awards: 8, criteria: '矩阵测试：服务满一年，星级达标。' }
  },
  state: (a) => (doc('commend_rounds', a.id)?.status as string) ?? null,
  record: (a) => doc('commend_rounds', a.id),
}

/** A nomination of 凤城街道 (清城区: the county column's reach), its round in the phase the action belongs to. */
const nominations: Bench = {
  machine: MACHINES.find((m) => m.name === 'nomination')!,
  async arrange(state, action) {
    const roundId = await arrangeRound(app, action === 'commend.review' ? 'reviewing' : 'deciding')
    return { id: await arrangeNomination(app, roundId, '441802006', state as NominationStatus), owner: '' }
  },
  input: (_action, variant, a) => ({ id: a.id, decision: variant, reason: '矩阵测试' }),
  state: (a) => (doc('commend_nominations', a.id)?.status as string) ?? null,
  record: (a) => doc('commend_nominations', a.id),
}

// ---- grid reports (志愿网格员) ----------------------------------------------------------------------

const gridReports: Bench = {
  machine: MACHINES.find((m) => m.name === 'grid')!,
  // A matter of 凤城街道 (the township column's, in the county column's 清城区), reported by its owner.
  async arrange(state) {
    const owner = fresh('gridreporter')
    await app.call(owner, 'account.me', {})
    const a = await arrangeGridReport(app, '441802006', state as GridStatus, owner)
    return { id: a.id, owner }
  },
  input(action, _variant, a) {
    const version = (doc('grid_reports', a.id)?.version as number) ?? 1
    switch (action) {
      case 'grid.assign':
        return { id: a.id, version, assignee: { kind: 'person', name: '王师傅' } }
      case 'grid.close':
        return { id: a.id, version, resolution: '已处理完毕' }
      case 'grid.decline':
        return { id: a.id, version, reason: '不属于本镇街' }
      default:
        return { id: a.id, version }
    }
  },
  state: (a) => (doc('grid_reports', a.id)?.status as string) ?? null,
  record: (a) => doc('grid_reports', a.id),
}

// ---- contests (两赛) ----------------------------------------------------------------------------

const contestForm = {
  kind: 'live',
  title: '矩阵乡村旅游直播大赛',
  rules: '作品须为原创，展示清远乡村旅游资源。',
  countyCode: '441802',
  mode: 'team',
  maxTeamSize: 5,
  rounds: [{ name: '初赛', entryDeadline: '2099-01-01 12:00', judgingEnds: '2099-01-05 12:00', advance: 10 }],
  rubric: [{ name: '创意', weight: 40, maxScore: 10 }, { name: '效果', weight: 60, maxScore: 10 }],
  awards: [{ name: '一等奖', count: 1 }],
  appealDays: 3,
}

/** A contest of 清城区 (the county column's reach); two rounds, so a published first round has a next. */
const contestsBench: Bench = {
  machine: MACHINES.find((m) => m.name === 'contest')!,
  async arrange(state) {
    return { id: await arrangeContest(app, state as ContestStatus, { countyCode: '441802', rounds: 2, deadlinePassed: state !== 'draft' }), owner: '' }
  },
  input: (action, variant, a) => (action === 'contest.advance' ? { id: a.id, to: variant } : { id: a.id, ...contestForm }),
  state: (a) => (doc('contests', a.id)?.status as string) ?? null,
  record: (a) => doc('contests', a.id),
}

/** An entry of a city contest captained by its owner; for the timer, the contest published (or its next round open). */
const contestEntries: Bench = {
  machine: MACHINES.find((m) => m.name === 'contest_entry')!,
  async arrange(state, action): Promise<Arranged> {
    const owner = fresh('entrant')
    await app.call(owner, 'account.me', {})
    if (action === 'contest.answerAppeal') {
      // Its captain's open appeal against the first round's published results, in a 清城区 contest.
      const contestId = await arrangeContest(app, 'published', { countyCode: '441802', rounds: 2 })
      const e = await arrangeEntry(app, contestId, state as EntryStatus, { captainId: userIdOf(owner), countyCode: '441802', mode: 'individual' })
      return { id: e.id, owner, facts: { contestId, appealId: await arrangeAppeal(app, contestId, e.id, userIdOf(owner), 'open') } }
    }
    const timer = action === 'contest.settleResults'
    const carried = timer && state === 'advanced'
    const contestId = await arrangeContest(app, carried ? 'open' : timer ? 'published' : 'open', { countyCode: '', rounds: 2, round: carried ? 1 : 0, deadlinePassed: timer && !carried })
    const e = await arrangeEntry(app, contestId, state as EntryStatus, { captainId: userIdOf(owner), countyCode: '', mode: 'individual' })
    return { id: e.id, owner, facts: { contestId } }
  },
  input(action, _variant, a) {
    if (action === 'contest.submitEntry') return { id: a.id }
    if (action === 'contest.answerAppeal') return { id: a.facts!.appealId, decision: 'upheld', answer: '矩阵测试：重新评分' }
    return { id: a.id, contestId: a.facts!.contestId, title: '清远山水直播间', workUrl: 'https://live.example.com/room/2', description: '带大家走进英西峰林，边走边播。' }
  },
  state: (a) => (doc('contest_entries', a.id)?.status as string) ?? null,
  record: (a) => doc('contest_entries', a.id),
}

/** An appeal against the first round of a 清城区 contest. */
const contestAppeals: Bench = {
  machine: MACHINES.find((m) => m.name === 'contest_appeal')!,
  async arrange(state) {
    const contestId = await arrangeContest(app, 'published', { countyCode: '441802' })
    const e = await arrangeEntry(app, contestId, 'eliminated')
    return { id: await arrangeAppeal(app, contestId, e.id, 'u_entrant', state as ContestAppealStatus), owner: '' }
  },
  input: (_action, variant, a) => ({ id: a.id, decision: variant, answer: '经复核，评分无误。' }),
  state: (a) => (doc('contest_appeals', a.id)?.status as string) ?? null,
  record: (a) => doc('contest_appeals', a.id),
}

// ---- trainings (三训) ---------------------------------------------------------------------------

const TRAINING_ADMIN = 'o_demo_county' // 清城区: the county column's reach
const trainingDay = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10)

/** A course of 清城区 for volunteers and rural youth with one session next week (sign-up open), published unless `draft`. */
async function arrangeTrainingCourse(draft = false, capacity = 20): Promise<{ courseId: string; sessionId: string }> {
  const c = ok(await app.call(TRAINING_ADMIN, 'training.save', { title: '矩阵培训课程', kind: 'practice', audience: 'both', department: '团市委', countyCode: '441802' }), 'save course') as { id: string }
  const s = ok(
    await app.call(TRAINING_ADMIN, 'training.saveSession', {
      courseId: c.id,
      title: '矩阵场次',
      date: trainingDay(7),
      startTime: '09:00',
      endTime: '11:00',
      venue: '青少年宫',
      address: '北江一路 8 号',
      capacity,
      signupOpensAt: `${trainingDay(-1)} 09:00`,
      signupClosesAt: `${trainingDay(6)} 18:00`,
      checkOut: true,
    }),
    'save session',
  ) as { id: string }
  if (!draft) ok(await app.call(TRAINING_ADMIN, 'training.setStatus', { id: c.id, status: 'published' }), 'publish course')
  return { courseId: c.id, sessionId: s.id }
}

const trainingCourses: Bench = {
  machine: MACHINES.find((m) => m.name === 'training_course')!,
  async arrange(state) {
    const { courseId } = await arrangeTrainingCourse(state === 'draft')
    if (state === 'cancelled') ok(await app.call(TRAINING_ADMIN, 'training.setStatus', { id: courseId, status: 'cancelled', reason: '矩阵测试' }), 'cancel course')
    return { id: courseId, owner: '' }
  },
  input: (action, variant, a) =>
    action === 'training.setStatus' ? { id: a.id, status: variant, reason: '矩阵测试' } : { id: a.id, title: '矩阵培训课程（修订）', kind: 'practice', audience: 'both', department: '团市委', countyCode: '441802' },
  state: (a) => (doc('training_courses', a.id)?.status as string) ?? null,
  record: (a) => doc('training_courses', a.id),
}

/**
 * A sign-up of the matrix volunteer for a session of its own (capacity 1 and the loan owner
 * seated first, for the waiting list); checked in or attended as the door would have left it.
 * For the door and the roster the session is under way (started an hour ago, ends in 10 minutes,
 * with check-out); otherwise next week, open for sign-up.
 */
const trainingSignups: Bench = {
  machine: MACHINES.find((m) => m.name === 'training_signup')!,
  selfActions: ['training.signUp', 'training.cancel', 'training.checkIn'],
  async arrange(state, action) {
    const { sessionId } = await arrangeTrainingCourse(false, state === 'waiting' ? 1 : 20)
    if (state === 'waiting') ok(await app.call(LOAN_OWNER, 'training.signUp', { sessionId }), 'filler signs up')
    ok(await app.call(VOLUNTEER_OWNER, 'training.signUp', { sessionId }), 'sign up')
    const id = `${sessionId}:${volunteerOwner.userId}`
    if (state === 'cancelled') ok(await app.call(VOLUNTEER_OWNER, 'training.cancel', { sessionId, reason: '矩阵测试' }), 'cancel')
    const windowStart = Math.floor(Date.now() / 30_000) * 30
    if (state === 'checked_in' || state === 'attended') {
      await update('training_signups', id, { checkedInAt: new Date(Date.now() - 10 * 60_000), checkInWindow: windowStart - 120, checkInMethod: 'code', attended: state === 'attended', minutes: state === 'attended' ? 120 : 0 })
    }
    if (action === 'training.checkIn' || action === 'training.markAttendance') {
      await update('training_sessions', sessionId, { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 10 * 60_000), signupClosesAt: new Date(Date.now() - 2 * 3600_000) })
    }
    return { id, owner: VOLUNTEER_OWNER, facts: { sessionId } }
  },
  input(action, variant, a) {
    const sessionId = a.facts!.sessionId
    if (action === 'training.checkIn') return { code: kioskCode(sessionId, Math.floor(Date.now() / 30_000) * 30, Buffer.from(TEST_FUNCTION_ENV.XQ_TOKEN_KEY, 'base64')), direction: variant }
    if (action === 'training.markAttendance') return { sessionId, signupIds: [a.id], present: variant === 'present', reason: '矩阵测试' }
    return action === 'training.cancel' ? { sessionId, reason: '矩阵测试' } : { sessionId }
  },
  state(a) {
    const s = doc('training_signups', a.id)
    return s ? trainingSignupState(s as never) : null
  },
  record: (a) => doc('training_signups', a.id),
  // Marking people already so (present or absent) changes nobody: refused for them.
  refusedItem: (action, data) => action === 'training.markAttendance' && (data as { changed: number }).changed === 0,
}

const BENCHES: Bench[] = [registrations, takeovers, invitations, sessions, makeups, appeals, merchants, perks, loans, subsidyPeriods, fairs, signups, commendRounds, nominations, gridReports, contestsBench, contestEntries, contestAppeals, trainingCourses, trainingSignups]

// ---- the matrix --------------------------------------------------------------------------------

const tally = { machines: 0, declared: 0, cells: 0, allowed: 0, refused: 0 }

/**
 * Benches whose arrangement walks through the functions (registrations, sign-ups, …): each of
 * their cells starts from the data as beforeAll left it (restored), and an arrangement already
 * made for the same state and action is replayed (test/support/replay.ts): the columns of a row
 * get the very entity the first column's walk made, within seconds (a recording older than 20 s
 * is made again: the training sign-up's arrangement is timed to the door's 30-second windows).
 */
const REPLAYED = new Set(['registration', 'takeover', 'invitation', 'fair', 'signup', 'training_course', 'training_signup'])
let snapshotDir = ''
let replays: Replays

/** Fires the timer a system step names ('loan.lapseUndisbursedLoans': the loan function's trigger), answering as a call would. */
async function fireTimer(action: string): Promise<{ ok: boolean; data?: unknown; error?: unknown }> {
  const [fn, trigger] = action.split('.')
  const fired = await app.cloud.fireTimer(fn, trigger)
  return fired.ok ? (fired.result as { ok: boolean; data?: unknown; error?: unknown }) : { ok: false, error: fired.errMsg }
}

beforeAll(async () => {
  app = await startAppCloud()
  await seedDemo(app.cloud)
  await app.call(PERSONA.judge, 'account.me', {}) // a judge of no contest (contest benches): an account, so their refused calls write nothing
  // The invitations' creator: a second admin of 清城区 (the county column is another one).
  const inv = ok(await app.call('o_demo_city', 'grants.createInvitation', { role: 'county_admin', scopeId: '441802' }), 'invite creator') as { code: string }
  ok(await app.call('o_tm_creator', 'grants.redeemInvitation', { code: inv.code, name: '李受邀' }), 'redeem creator')
  loanOwner = { registrationId: await approvedRegistration(LOAN_OWNER, 'rural_youth', '矩阵青年'), userId: '' }
  loanOwner.userId = userIdOf(LOAN_OWNER)
  volunteerOwner = { registrationId: await approvedRegistration(VOLUNTEER_OWNER, 'volunteer', '矩阵志愿者'), userId: '' }
  volunteerOwner.userId = userIdOf(VOLUNTEER_OWNER)
  const merchantId = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === PERSONA.merchant)!.roles as { role: string; scopeId: string }[]
  demoMerchant = { ...doc('merchants', merchantId.find((g) => g.role === 'merchant')!.scopeId)! }
  demoPerk = { ...[...app.cloud.store.get('perks').docs.values()].find((p) => p.merchantId === demoMerchant._id)! }
  snapshotDir = path.join(tempDir('transitions'), 'arranged')
  app.cloud.snapshot(snapshotDir)
  replays = new Replays(app, { maxAgeMs: 20_000 })
}, 120_000)

afterAll(async () => {
  writeQualityFigures('transitions', { ...tally, coverage: tally.declared ? tally.cells / tally.declared : 0, arrangements: replays.figures })
  await app.close()
  fs.rmSync(path.dirname(snapshotDir), { recursive: true, force: true })
})

/** The bench's entity in `state` for `action`: replayed on the restored data for the benches that walk (REPLAYED). */
async function arranged(bench: Bench, state: string, action: string): Promise<Arranged> {
  if (!REPLAYED.has(bench.machine.name)) return bench.arrange(state, action)
  await app.cloud.restore(snapshotDir)
  replays.restored()
  return replays.run(`${bench.machine.name}:${state}:${action}`, () => bench.arrange(state, action))
}

test('every machine the contract declares has a bench here', () => {
  expect(MACHINES.map((m) => m.name).sort()).toEqual(BENCHES.map((b) => b.machine.name).sort())
})

describe.each(BENCHES.map((b) => [b.machine.name, b] as const))('%s', (_name, bench) => {
  const m = bench.machine
  const actions = [...new Map(m.steps.map((s) => [`${s.action}:${s.variant ?? ''}`, { action: s.action, variant: s.variant }])).values()]
  // A step the system takes (a function's timer) has one column: the timer fires, and nobody's call can take it.
  const byTimer = (action: string) => m.steps.some((s) => s.action === action && s.by.includes('system'))
  const columnsOf = (action: string): readonly StepRole[] => (byTimer(action) ? ['system'] : bench.selfActions?.includes(action) ? ['owner'] : COLUMNS)
  const cells = m.states.flatMap((state) => actions.flatMap(({ action, variant }) => columnsOf(action).map((column) => ({ state, action, variant, column }))))

  tally.declared += cells.length
  test(`${m.states.length} states × ${actions.length} actions × ${COLUMNS.length} roles: declared steps succeed, every other call is refused and writes nothing`, async () => {
    tally.machines += 1
    const wrong: string[] = []
    for (const { state, action, variant, column } of cells) {
      tally.cells += 1
      const a = await arranged(bench, state, action)
      const openid = column === 'owner' ? a.owner : PERSONA[column as keyof typeof PERSONA]
      const step = allowedStep(m, action, variant, state, [column])
      const before = { writes: writes(), record: JSON.stringify(bench.record(a)) }
      const r = column === 'system' ? await fireTimer(action) : await app.call(openid, action as ActionName, bench.input(action, variant, a) as never)
      const after = bench.state(a)
      const refused = !r.ok || (bench.refusedItem?.(action, r.data) ?? false)
      const label = `${state} · ${action}${variant ? `(${variant})` : ''} · ${column}`
      if (step) {
        tally.allowed += 1
        if (refused) wrong.push(`${label}: declared, but refused: ${JSON.stringify(r.ok ? r.data : r.error)}`)
        else if (!after || !step.to.includes(after)) wrong.push(`${label}: landed in ${after}, declared ${step.to.join('/')}`)
      } else if (column === 'system') {
        tally.refused += 1
        // A timer acts on whatever it finds: an entity in a state it does not leave stays as it was.
        if (JSON.stringify(bench.record(a)) !== before.record) wrong.push(`${label}: not declared, but the timer changed it (now ${after})`)
      } else {
        tally.refused += 1
        // A closed account's owner is a stranger now: their call acts on a new account of their own.
        const untouched = bench.selfActions?.includes(action) && JSON.stringify(bench.record(a)) === before.record
        if (!refused && !untouched) wrong.push(`${label}: not declared, but it succeeded (now ${after})`)
        else if (refused && writes() !== before.writes) wrong.push(`${label}: refused but wrote something`)
      }
    }
    expect(wrong).toEqual([])
  }, 600_000)
})
