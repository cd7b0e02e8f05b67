// The loan pages in the built mini program (miniprogram-simulate), against the real functions in
// the local cloud: every page of the applicant, the league and the bank renders what the
// functions answer, and the mini-program-only paths (no `document`, WeChat's own components)
// hold. wx.cloud.callFunction is routed to the local runtime as the persona of each test.
import { callData, type AppCloud } from '../support/app'
import { type WeappApp, weappTestBuild } from '../support/weapp'
import { closeWeappDemo, startWeappDemo } from '../support/weapp-demo'

const distDir = weappTestBuild()
let appCloud: AppCloud
let app: WeappApp
let openid = 'o_demo_youth'
let loanId = ''

const YOUTH = 'o_demo_youth'
const COUNTY = 'o_demo_county'
const CITY = 'o_demo_city'
const BANK = 'o_demo_bank'
const TITLE = '凤城砂糖橘电商直播'

const call = (who: string, name: string, input: unknown) => callData(appCloud, who, name, input)

const userIdOf = (who: string) => ([...appCloud.cloud.store.get('users').docs.values()] as any[]).find((u) => u.openid === who)._id
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 3)])

beforeAll(async () => ({ appCloud, app } = await startWeappDemo(distDir, () => openid)))
afterEach(() => app.unloadAll())
afterAll(() => closeWeappDemo({ app, appCloud }))

test('the applicant: the program and 我要申请, then a draft opened at its first gap', async () => {
  openid = YOUTH
  // The banner and the worked example follow the city's settings, not fixed text.
  await call(CITY, 'settings.update', { loanCeilingFen: 300_000_00, subsidySpreadBp: 100 })
  const home = await app.renderPage('packages/loan/index/index')
  expect(home.text()).toContain('农村青年创业小额贴息贷款')
  expect(home.text()).toContain('我要申请')
  expect(home.text()).toContain('民宿建设改造')
  await home.waitForText('1.00%')
  expect(home.query('.loan-home__fact-num')?.text().replace(/\s+/g, '')).toBe('30万元')
  const flat = home.text().replace(/\s+/g, '')
  expect(flat).toContain('LPR+1.00%）')
  // min(4.35 %, 3.00 % + 1.00 %) = 4.00 %; 200,000 × 4.00 % × 92 ÷ 360 = 2,044.44 元.
  expect(flat).toContain('贴息利率取4.00%')
  expect(flat).toContain('=2,044.44元')
  await call(CITY, 'settings.update', { loanCeilingFen: 500_000_00, subsidySpreadBp: 120 })

  const draft = await call(YOUTH, 'loan.saveDraft', { amountFen: 20_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', payee: { accountName: '黄家明', bankName: '邮储银行清远市分行', accountNumber: '6217995500001234567' } })
  loanId = draft.id
  const apply = await app.renderPage('packages/loan/apply/index', { id: loanId })
  // Amount, term, bank and the subsidy's payee are filled: the form opens at the project.
  expect(apply.text()).toContain('创业项目')
  expect(apply.text()).toContain('项目所在镇街')
  expect(apply.text()).toContain('已保存')
  expect(app.errors).toEqual([])
})

test('a complete application submitted through the functions: the applicant follows it', async () => {
  openid = YOUTH
  const project = { type: 'ecommerce', title: TITLE, townshipCode: '441802006', address: '凤城街道石角村', description: '建设产地直播间与冷链分拣点，带动周边果农通过电商销售砂糖橘。', jobsCreated: 8, householdsHelped: 5 }
  await call(YOUTH, 'loan.saveDraft', { id: loanId, project })
  for (const [kind, content, ext] of [
    ['id_photo', PNG, 'png'],
    ['business_license', PNG, 'png'],
    ['project_plan', PDF, 'pdf'],
  ] as const) {
    const fileId = appCloud.cloud.storage.put(`uploads/${userIdOf(YOUTH)}/${kind}.${ext}`, content)
    await call(YOUTH, 'loan.attachDocument', { id: loanId, kind, fileId })
  }
  await call(YOUTH, 'loan.submit', { id: loanId })
  const detail = await app.renderPage('packages/loan/detail/index', { id: loanId })
  expect(detail.text()).toContain('已提交，县团委审核中')
  expect(detail.text()).toContain('办理进度')
  expect(detail.text()).toContain('撤回申请')
  expect(app.errors).toEqual([])
})

test('the county league: the queue, the application, the decision bar', async () => {
  openid = COUNTY
  const queue = await app.renderPage('packages/lending/index/index')
  await queue.waitForText(TITLE)
  expect(queue.text()).toContain('待我审核')
  expect(queue.text()).toContain('黄家明')
  const detail = await app.renderPage('packages/lending/detail/index', { id: loanId })
  await detail.waitForText('核对申请人、项目和材料后作出决定')
  expect(detail.text()).toContain('县团委审核')
  expect(detail.text()).toContain('查看完整身份信息')
  expect(detail.text()).toContain('退回补充')
  expect(app.errors).toEqual([])
})

test('the bank: its queue, the decision form, then disbursement and the subsidy schedule', async () => {
  await call(COUNTY, 'loan.countyDecide', { id: loanId, decision: 'approve', note: '材料齐全' })
  await call(CITY, 'loan.cityDecide', { id: loanId, decision: 'approve' })
  openid = BANK
  const queue = await app.renderPage('packages/bank/index/index')
  await queue.waitForText(TITLE)
  expect(queue.text()).toContain('邮储银行清远市分行')
  const form = await app.renderPage('packages/bank/loan/index', { id: loanId })
  await form.waitForText('银行审批')
  expect(form.text()).toContain('提交审批结果')
  await form.waitForText('贴息利率按放款日 LPR + 1.20% 封顶') // the spread as the settings say

  await call(BANK, 'loan.bankDecide', { id: loanId, decision: 'approve', amountFen: 18_000_000, rateBp: 435 })
  const disburse = await app.renderPage('packages/bank/loan/index', { id: loanId })
  await disburse.waitForText('登记放款')
  expect(disburse.text()).toContain('按期付息、到期还本')
  expect(disburse.text().replace(/\s+/g, '')).toContain('min（执行利率，LPR+1.20%）')

  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  await call(BANK, 'loan.disburse', { id: loanId, amountFen: 18_000_000, disbursedOn: today, rateBp: 435, repaymentType: 'interest_only' })
  openid = YOUTH
  const detail = await app.renderPage('packages/loan/detail/index', { id: loanId })
  await detail.waitForText('贴息计划')
  expect(detail.text()).toContain('已放款')
  expect(detail.text()).toContain('4.20%')
  expect(app.errors).toEqual([])
})

test('the city league: subsidy tab, the LPR table and the report', async () => {
  openid = CITY
  const queue = await app.renderPage('packages/lending/index/index')
  await queue.waitForText('待核准贴息')
  const lpr = await app.renderPage('packages/lending/lpr/index')
  await lpr.waitForText('2025-05-20')
  expect(lpr.text()).toContain('导入公布的 LPR')
  const report = await app.renderPage('packages/lending/report/index')
  await report.waitForText('放款金额')
  expect(report.text()).toContain('各县（市、区）放款')
  expect(report.text()).toContain('导出 Excel')
  expect(app.errors).toEqual([])
})

test('someone who is not a reviewer is shown the way back, not an error', async () => {
  openid = YOUTH
  const bank = await app.renderPage('packages/bank/index/index')
  await bank.waitForText('仅合作银行可用')
  const lending = await app.renderPage('packages/lending/index/index')
  await lending.waitForText('无权限')
  expect(app.errors).toEqual([])
})

test('no page asked for a component the mini program has no template for, and nothing was logged as an error', () => {
  const logged = app.console.filter((c) => c.level === 'error' || (c.level === 'warn' && /tmpl|template/i.test(c.args.map(String).join(' '))))
  expect(logged).toEqual([])
})
