// Issue 24: what a user reaches by chaining allowed steps after disbursement, each refused or
// counted once: the same instalment repaid under two request ids, one entry sent at once several
// times, a repayment after the payoff, a lapsed approval disbursed, a subsidy period paid twice
// (and approved twice at once), an outcome reported again once the county confirmed it. Also the
// eligibility refusals that name their rule, and the outcome survey reaching 消息 (WeChat only with
// consent) once.
import { EJSON } from 'bson'
import { shanghaiDate, shanghaiDaysAhead } from '../../types/time'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { ruralYouthForm } from '../support/people'
import { race, raceLog } from '../support/race'
import { localTemplateId } from '../../localcloud/environment'
import type { InputOf } from '../../types'

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区团委
const CITY = 'o_demo_city'
const BANK = 'o_demo_bank' // 邮储银行清远市分行
const today = () => shanghaiDate()
const stored = (id: string) => app.cloud.store.get('loans').docs.get(id) as Record<string, any>
const docs = (name: string) => [...app.cloud.store.get(name).docs.values()] as Record<string, any>[]

const PROJECT = { type: 'ecommerce' as const, title: '石角砂糖橘直播间', townshipCode: '441802006', address: '凤城街道石角村', description: '建设产地直播间与冷链分拣点，带动果农通过电商销售砂糖橘。', jobsCreated: 6, householdsHelped: 4 }
const PAYEE = { accountName: '申请人', bankName: '邮储银行清远市分行', accountNumber: '6217 9955 0000 7654 321' }
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])

const userIdOf = (openid: string) => docs('users').find((u) => u.openid === openid)!._id as string
let uploads = 0
const upload = (openid: string) => app.cloud.storage.put(`uploads/${userIdOf(openid)}/s${++uploads}.png`, PNG)

async function newYouth(openid: string, name: string): Promise<void> {
  const reg = ok(await app.call(openid, 'registration.submitRuralYouth', ruralYouthForm({ name, countyCode: '441802', townshipCode: '441802006' })))
  ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
}

/** Through county, city and bank (200,000 yuan at 4.80 % for 24 months), the approval moved back to `approvedAt`. */
async function approved(openid: string, name: string, approvedAt = '2025-07-10T02:00:00Z'): Promise<string> {
  await newYouth(openid, name)
  const d = ok(await app.call(openid, 'loan.saveDraft', { amountFen: 20_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', branch: '清城支行', project: PROJECT, payee: PAYEE }))
  for (const kind of ['id_photo', 'business_license', 'project_plan'] as const) ok(await app.call(openid, 'loan.attachDocument', { id: d.id, kind, fileId: upload(openid), name: `${kind}.png` }))
  ok(await app.call(openid, 'loan.submit', { id: d.id }))
  ok(await app.call(COUNTY, 'loan.countyDecide', { id: d.id, decision: 'approve', note: '材料齐全' }))
  ok(await app.call(CITY, 'loan.cityDecide', { id: d.id, decision: 'approve' }))
  ok(await app.call(BANK, 'loan.bankDecide', { id: d.id, decision: 'approve', amountFen: 20_000_000, rateBp: 480 }))
  await app.cloud.db.handle('database.modifyDocument', { collectionName: 'loans', queryType: 'DOC', query: JSON.stringify({ _id: d.id }), data: EJSON.stringify({ $set: { 'approval.at': new Date(approvedAt) } }, { relaxed: false }), merge: true })
  return d.id
}

/** Lent 2025-07-15: 24 instalments of 833,333 principal (等额本金), the first with 80,000 interest, due 2025-08-15. */
async function lent(openid: string, name: string, repaymentType: InputOf<'loan.disburse'>['repaymentType'] = 'equal_principal'): Promise<string> {
  const id = await approved(openid, name)
  ok(await app.call(BANK, 'loan.disburse', { id, amountFen: 20_000_000, disbursedOn: '2025-07-15', rateBp: 480, repaymentType }))
  return id
}

const repay = (input: Partial<InputOf<'loan.recordRepayment'>> & { id: string }) => app.call(BANK, 'loan.recordRepayment', { date: '2025-08-15', principalFen: 833_333, interestFen: 80_000, ...input } as InputOf<'loan.recordRepayment'>)

let A = '' // 等额本金, repaid in the sequences below, then paid off
let B = '' // 按期付息到期还本, its subsidy periods approved at once

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  A = await lent('o_seq_a', '欧阳佳')
  B = await lent('o_seq_b', '邓子涵', 'interest_only')
  await app.probe(`await db.createCollection('race_control')`)
  // Warm the probe's instances, so the control's racers race rather than queue behind cold starts.
  await race(4, () => app.probe(`await new Promise((r) => setTimeout(r, 50))`))
})
afterAll(async () => {
  await app.close()
})

describe('repayments chained', () => {
  test('the same instalment recorded twice under two request ids: two payments, the second early (the next instalment), each counted once; a retry of either changes nothing; more than is outstanding is refused', async () => {
    const first = ok(await repay({ id: A, requestId: 'seq-a-0001' }))
    expect(first.repayments.map((r) => r.timing)).toEqual(['on_time'])
    const second = ok(await repay({ id: A, requestId: 'seq-a-0002' }))
    // A second payment of the same figures that day repays the second instalment ahead of its date:
    // 1,666,666 principal against 833,333 due; interest 160,000 against 80,000 + 18,333,334 × 0.4 % = 73,333.34 → 73,333.
    expect(second.repayments.map((r) => [r.timing, r.outstandingFen])).toEqual([['on_time', 19_166_667], ['early', 18_333_334]])
    expect(second.instalments[1]).toMatchObject({ status: 'paid', paidOn: '2025-08-15', interestDueFen: 73_333 })
    expect(second.outstandingFen).toBe(20_000_000 - 2 * 833_333)
    const before = app.dump()
    ok(await repay({ id: A, requestId: 'seq-a-0001' }))
    ok(await repay({ id: A, requestId: 'seq-a-0002' }))
    expect(app.dump()).toBe(before)
    expect(await repay({ id: A, requestId: 'seq-a-0003', principalFen: 18_333_335 })).toMatchObject({ ok: false, error: { field: 'principalFen', message: '归还本金不能超过剩余本金 183,333.34 元' } })
    expect(app.dump()).toBe(before)
  })

  test('one entry sent four times at once: every call answers with it, recorded and counted once (read-then-write records it several times)', async () => {
    const entry = { id: A, date: '2025-09-15', principalFen: 833_333, interestFen: 73_333, requestId: 'seq-a-race-0001' }
    const answers = await race(4, () => repay(entry))
    expect(answers.filter((r) => r.ok)).toHaveLength(4)
    for (const r of answers) expect(ok(r).repayments.filter((p) => p.date === '2025-09-15')).toHaveLength(1)
    const l = stored(A)
    expect(l.repayments.filter((r: { requestId?: string }) => r.requestId === entry.requestId)).toHaveLength(1)
    expect(l.outstandingFen).toBe(20_000_000 - 3 * 833_333)
    expect(l.history.filter((e: { action: string }) => e.action === 'repay')).toHaveLength(3)

    // Control: look for the request id, then push the entry, as separate steps.
    await app.probe(`await db.collection('race_control').add({ data: { _id: 'repay', repayments: [] } })`)
    await race(4, (i) =>
      app.probe(`
        const { data } = await db.collection('race_control').doc('repay').get()
        if (data.repayments.some((r) => r.requestId === 'seq-a-race-0001')) return
        await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))
        await db.collection('race_control').doc('repay').update({ data: { repayments: db.command.push([{ requestId: 'seq-a-race-0001', by: ${i} }]) } })
      `),
    )
    const control = (app.cloud.store.get('race_control').docs.get('repay') as unknown as { repayments: unknown[] }).repayments.length
    expect(control).toBeGreaterThan(1)
    raceLog.push({ name: 'one repayment entry sent 4 times at once: repayments recorded', n: 4, observed: 1, control })
  })

  test('paid off (its last subsidy periods still to approve): another repayment, principal or interest alone, is refused and changes nothing; closed once the periods are approved, and refused still', async () => {
    const payoff = ok(await repay({ id: A, date: today(), principalFen: 20_000_000 - 3 * 833_333, interestFen: 0, requestId: 'seq-a-payoff' }))
    expect(payoff).toMatchObject({ outstandingFen: 0, status: 'disbursed', can: { repay: false } })
    const before = app.dump()
    expect(await repay({ id: A, date: today(), principalFen: 0, interestFen: 50_000, requestId: 'seq-a-after-1' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'principalFen', message: '贷款本金已全部还清，不能再登记还款' } })
    expect(await repay({ id: A, date: today(), principalFen: 1, interestFen: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '贷款本金已全部还清，不能再登记还款' } })
    // The payoff itself sent again is answered as recorded.
    ok(await repay({ id: A, date: today(), principalFen: 20_000_000 - 3 * 833_333, interestFen: 0, requestId: 'seq-a-payoff' }))
    expect(app.dump()).toBe(before)

    for (const p of payoff.schedule) ok(await app.call(CITY, 'loan.approveSubsidy', { id: A, period: p.key }))
    expect(stored(A).status).toBe('closed')
    const closed = app.dump()
    expect(await repay({ id: A, date: today(), principalFen: 0, interestFen: 50_000, requestId: 'seq-a-after-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(app.dump()).toBe(closed)
  })
})

describe('subsidy periods chained', () => {
  test('a period approved three times at once: one approval, its amount counted once', async () => {
    const answers = await race(3, () => app.call(CITY, 'loan.approveSubsidy', { id: B, period: '2025-Q3' }))
    expect(answers.filter((r) => r.ok)).toHaveLength(1)
    for (const r of answers.filter((a) => !a.ok)) expect(r).toMatchObject({ error: { code: 'CONFLICT' } })
    // 20,000,000 × 420 × 78 / 3,600,000 = 182,000 (2025-07-15..09-30).
    expect(stored(B)).toMatchObject({ subsidyApprovedFen: 182_000, subsidies: [expect.objectContaining({ key: '2025-Q3', amountFen: 182_000 })] })
  })

  test('the city records a period paid twice: the same transfer sent at once is one payment answered to both; another reference is refused; the closed loan’s periods too', async () => {
    const pay = (id: string, transferRef: string, period = '2025-Q3') => app.call(CITY, 'loan.recordSubsidyPayment', { id, period, paidOn: today(), transferRef })
    const both = await race(2, () => pay(B, 'ZZ-SEQ-B-0001'))
    expect(both.filter((r) => r.ok)).toHaveLength(2)
    expect(stored(B).subsidyPayments).toEqual([expect.objectContaining({ key: '2025-Q3', transferRef: 'ZZ-SEQ-B-0001', amountFen: 182_000 })])
    expect(stored(B).history.filter((e: { action: string }) => e.action === 'pay_subsidy')).toHaveLength(1)
    expect(docs('audit').filter((a) => a.action === 'loan.pay_subsidy' && a.targetId === B)).toHaveLength(1)
    const before = app.dump()
    expect(await pay(B, 'ZZ-SEQ-B-0002')).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'period', message: `该期贴息已于 ${today()} 拨付（凭证号 ZZ-SEQ-B-0001）` } })
    // Not yet approved: not payable.
    expect(await pay(B, 'ZZ-SEQ-B-0003', '2025-Q4')).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'period' } })
    expect(app.dump()).toBe(before)
    // A closed loan's approved periods are paid in order, each once.
    ok(await pay(A, 'ZZ-SEQ-A-0001'))
    expect(await pay(A, 'ZZ-SEQ-A-0002')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(stored(A).subsidyPayments).toHaveLength(1)
  })
})

describe('a lapsed approval', () => {
  test('lapsed, it cannot be disbursed nor repaid; the refusal changes nothing', async () => {
    const id = await approved('o_seq_c', '冯雨桐', new Date(Date.now() - 100 * 86_400_000).toISOString())
    const fired = await app.cloud.fireTimer('loan', 'lapseUndisbursedLoans')
    expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { lapsed: 1, done: true } })
    expect(stored(id).status).toBe('lapsed')
    const before = app.dump()
    expect(await app.call(BANK, 'loan.disburse', { id, amountFen: 20_000_000, disbursedOn: shanghaiDaysAhead(Date.now(), -1), rateBp: 480, repaymentType: 'equal_installment' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await repay({ id, date: today() })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(app.dump()).toBe(before)
  })
})

describe('outcomes chained', () => {
  test('the survey a year on reaches 消息 once for each, WeChat only for the youth who consented; reported, confirmed, then reported again or confirmed again: refused', async () => {
    app.acceptNotices('o_seq_b', 'reminder')
    app.cloud.outbox.length = 0
    const fired = await app.cloud.fireTimer('loan', 'askForOutcomes')
    expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { done: true } })
    const survey = (openid: string, id: string) => docs('messages').filter((m) => m.userId === userIdOf(openid) && m.title === '创业项目放款满一年成效填报' && m.page === `packages/loan/detail/index?id=${id}`)
    expect(survey('o_seq_a', A)).toHaveLength(1)
    expect(survey('o_seq_b', B)).toHaveLength(1)
    const reminder = localTemplateId('reminder')
    expect(app.cloud.outbox.filter((m) => m.templateId === reminder).map((m) => m.touser)).toEqual(['o_seq_b'])
    const quiet = app.dump()
    await app.cloud.fireTimer('loan', 'askForOutcomes')
    expect(app.dump()).toBe(quiet)

    ok(await app.call('o_seq_b', 'loan.reportOutcome', { id: B, year: 1, jobsCreated: 5, householdsHelped: 3 }))
    ok(await app.call(COUNTY, 'loan.confirmOutcome', { id: B, year: 1, jobsCreated: 4, householdsHelped: 3 }))
    const before = app.dump()
    expect(await app.call('o_seq_b', 'loan.reportOutcome', { id: B, year: 1, jobsCreated: 9, householdsHelped: 9 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这一年的成效已由县团委核实，不能再修改' } })
    expect(await app.call(COUNTY, 'loan.confirmOutcome', { id: B, year: 1, jobsCreated: 9, householdsHelped: 9 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这一年的成效已核实' } })
    expect(app.dump()).toBe(before)
    expect(stored(B)).toMatchObject({ confirmedJobs: 4, confirmedHouseholds: 3 })
  })

  test('the youth reports again while the county confirms: never a report after the confirmation; what is confirmed is what the county entered', async () => {
    ok(await app.call('o_seq_a', 'loan.reportOutcome', { id: A, year: 1, jobsCreated: 3, householdsHelped: 2 }))
    const [report, confirm] = await Promise.all([
      app.call('o_seq_a', 'loan.reportOutcome', { id: A, year: 1, jobsCreated: 7, householdsHelped: 6 }),
      app.call(COUNTY, 'loan.confirmOutcome', { id: A, year: 1, jobsCreated: 3, householdsHelped: 2 }),
    ])
    expect(report.ok || confirm.ok).toBe(true)
    const l = stored(A)
    const steps = l.history.filter((e: { action: string }) => e.action === 'report_outcome' || e.action === 'confirm_outcome')
    if (confirm.ok) {
      // The confirmation is the last word, with the county's figures; a report that applied came before it, and the note names it.
      expect(steps.at(-1)).toMatchObject({ action: 'confirm_outcome' })
      expect(l).toMatchObject({ confirmedJobs: 3, confirmedHouseholds: 2, outcomes: [expect.objectContaining({ confirmed: expect.objectContaining({ jobsCreated: 3, householdsHelped: 2 }) })] })
      if (report.ok) expect(steps.at(-1).note).toBe('核实第 1 年成效：带动就业 3 人，帮扶困难户 2 户（申请人填报 7 人、6 户）')
      else expect(report).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    } else {
      expect(confirm).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(l.outcomes[0]).toMatchObject({ reported: { jobsCreated: 7, householdsHelped: 6 }, confirmed: null })
    }
    expect(steps.filter((e: { action: string }) => e.action === 'confirm_outcome').length).toBeLessThanOrEqual(1)
  })
})

describe('eligibility refusals name the rule', () => {
  test('a project outside the city; a second open application', async () => {
    await newYouth('o_seq_d', '唐一鸣')
    const before = app.dump()
    // 440103001: a township of Guangzhou (9 digits, so past the contract's shape).
    expect(await app.call('o_seq_d', 'loan.saveDraft', { amountFen: 1_000_000, project: { townshipCode: '440103001' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'project.townshipCode', message: '创业项目须在清远市内：请选择项目所在的清远市镇街' } })
    expect(app.dump()).toBe(before)
    ok(await app.call('o_seq_d', 'loan.saveDraft', { amountFen: 1_000_000 }))
    const one = app.dump()
    expect(await app.call('o_seq_d', 'loan.saveDraft', { amountFen: 2_000_000 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '每人同时只能有一笔在办或未结清的贷款：你已有一份进行中的贷款申请，请在原申请中继续' } })
    expect(app.dump()).toBe(one)
  })
})
