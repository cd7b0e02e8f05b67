// The transition matrix, generated from the machines the contract declares (types/machines.ts):
// every state × action (and decision) × role of every machine. An entity is arranged in the
// state, the action is called by a person holding the role within the entity's reach (or by
// its owner); a declared step must succeed and land where it says, every other call must be
// refused and write nothing at all.
import { EJSON } from 'bson'
import { seedDemo } from '../../scripts/demo'
import type { ActionName } from '../../types'
import { MACHINES, allowedStep, type Machine, type StepRole } from '../../types/machines'
import { ROLES } from '../../types/roles'
import { startAppCloud, type AppCloud } from '../support/app'
import { volunteerForm, ruralYouthForm, freshIdNumber } from '../support/people'
import { writeQualityFigures } from './report'
import { allCounties } from '../../cloudfunctions/_shared/divisions'

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
  input: (_action, _variant, a) => ({ code: a.id }),
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

const REVIEWED = ['submitted', 'city_review', 'bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed', 'rejected', 'withdrawn', 'returned']
const BANK_SEES = ['bank_review', 'approved', 'disbursed', 'in_subsidy', 'closed']
const LENT = ['disbursed', 'in_subsidy', 'closed']

/** A complete application in `state`, as the steps before it would have left it. */
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
  const terms = { countyCode: '441802', countyName: '清城区', townshipName: '凤城街道', amountFen: 20_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', bankName: '邮储银行清远市分行' }
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

/** A loan's quarter: approved once recorded; due once ended (and next in order); projected before. */
const subsidyPeriods: Bench = {
  machine: MACHINES.find((m) => m.name === 'subsidy_period')!,
  async arrange(state) {
    if (state === 'projected') {
      const a = await arrangeLoan('disbursed', shanghaiToday())
      const d = shanghaiToday()
      return { ...a, facts: { period: `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}` } }
    }
    const a = await arrangeLoan(state === 'approved' ? 'in_subsidy' : 'disbursed')
    return { ...a, facts: { period: '2025-Q1' } }
  },
  input: (_action, _variant, a) => ({ id: a.id, period: a.facts!.period }),
  state(a) {
    const l = doc('loans', a.id)
    if (!l) return null
    const period = a.facts!.period
    if ((l.subsidies as { key: string }[]).some((s) => s.key === period)) return 'approved'
    return (l.subsidyDueFrom as string) !== '' && period === '2025-Q1' ? 'due' : 'projected'
  },
  record: (a) => doc('loans', a.id),
}

const BENCHES: Bench[] = [registrations, takeovers, invitations, loans, subsidyPeriods]

// ---- the matrix --------------------------------------------------------------------------------

const tally = { machines: 0, declared: 0, cells: 0, allowed: 0, refused: 0 }

beforeAll(async () => {
  app = await startAppCloud()
  await seedDemo(app.cloud)
  // The invitations' creator: a second admin of 清城区 (the county column is another one).
  const inv = ok(await app.call('o_demo_city', 'grants.createInvitation', { role: 'county_admin', scopeId: '441802' }), 'invite creator') as { code: string }
  ok(await app.call('o_tm_creator', 'grants.redeemInvitation', { code: inv.code }), 'redeem creator')
  loanOwner = { registrationId: await approvedRegistration(LOAN_OWNER, 'rural_youth', '矩阵青年'), userId: '' }
  loanOwner.userId = userIdOf(LOAN_OWNER)
}, 120_000)

afterAll(async () => {
  writeQualityFigures('transitions', { ...tally, coverage: tally.declared ? tally.cells / tally.declared : 0 })
  await app.close()
})

test('every machine the contract declares has a bench here', () => {
  expect(MACHINES.map((m) => m.name).sort()).toEqual(BENCHES.map((b) => b.machine.name).sort())
})

describe.each(BENCHES.map((b) => [b.machine.name, b] as const))('%s', (_name, bench) => {
  const m = bench.machine
  const actions = [...new Map(m.steps.map((s) => [`${s.action}:${s.variant ?? ''}`, { action: s.action, variant: s.variant }])).values()]
  const columnsOf = (action: string) => (bench.selfActions?.includes(action) ? (['owner'] as const) : COLUMNS)
  const cells = m.states.flatMap((state) => actions.flatMap(({ action, variant }) => columnsOf(action).map((column) => ({ state, action, variant, column }))))

  tally.declared += cells.length
  test(`${m.states.length} states × ${actions.length} actions × ${COLUMNS.length} roles: declared steps succeed, every other call is refused and writes nothing`, async () => {
    tally.machines += 1
    const wrong: string[] = []
    for (const { state, action, variant, column } of cells) {
      tally.cells += 1
      const a = await bench.arrange(state, action)
      const openid = column === 'owner' ? a.owner : PERSONA[column as keyof typeof PERSONA]
      const step = allowedStep(m, action, variant, state, [column])
      const before = { writes: writes(), record: JSON.stringify(bench.record(a)) }
      const r = await app.call(openid, action as ActionName, bench.input(action, variant, a) as never)
      const after = bench.state(a)
      const refused = !r.ok || (bench.refusedItem?.(action, r.data) ?? false)
      const label = `${state} · ${action}${variant ? `(${variant})` : ''} · ${column}`
      if (step) {
        tally.allowed += 1
        if (refused) wrong.push(`${label}: declared, but refused: ${JSON.stringify(r.ok ? r.data : r.error)}`)
        else if (!after || !step.to.includes(after)) wrong.push(`${label}: landed in ${after}, declared ${step.to.join('/')}`)
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
