// Issue 24 in the browser, after the money is lent: the bank officer (郑伟) records a disbursement
// a year back (等额本金 over 24 months, the schedule previewed in the form), so the first twelve
// instalments are past due; the daily check marks the loan overdue; the county league (李建国)
// finds it under 逾期 with its days past due; the bank records the first instalment late (逾期还款);
// the city league (周丽华) approves the first subsidy period and records its payment (date and
// transfer reference); the applicant (黄家明) reads the schedule and the subsidy statement. Every
// figure on the screens is checked against one worked out here, by hand.
// (The application itself, county to bank approval, is the loan journey's; here it is set up by
// calls, and the bank's approval moved thirteen months back so a year-old disbursement is allowed.)
import { EJSON } from 'bson'
import { confirmModal, confirmPicker, dragPickerColumn, journey, settle } from '../support/journey'

const world = journey('loan-after')
const { docs, shot, openAs, invoke } = world

const YOUTH = 'o_demo_youth' // 黄家明
const TITLE = '英德红茶直播工作室'
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 3)])

const DAY = 86_400_000
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY
/** The same day n months later, clamped to the month's end (what a contract's due dates do). */
function monthsAfter(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1 + n, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return `${first.toISOString().slice(0, 8)}${String(Math.min(d, last)).padStart(2, '0')}`
}
/** Fen as the pages write it: 913333 → '9,133.33 元'. */
const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')} 元`
/** Whole yuan without cents, as the headline figures write them. */
const yuanShort = (fen: number) => (fen % 100 === 0 ? `${(fen / 100).toLocaleString('en-US')} 元` : yuan(fen))

/** Through county, city and bank approval by calls: 200,000 yuan for 24 months at 4.80 %. */
async function approvedLoan(): Promise<string> {
  const userId = docs('users').find((u) => u.openid === YOUTH)._id as string
  const put = (name: string, content: Buffer) => world.stack.cloud.storage.put(`uploads/${userId}/${name}`, content)
  const project = { type: 'ecommerce', title: TITLE, townshipCode: '441802006', address: '凤城街道石角村', description: '建设茶园直播间和包装车间，带动周边茶农通过直播销售英德红茶。', jobsCreated: 6, householdsHelped: 12 }
  const payee = { accountName: '黄家明', bankName: '邮储银行清远市分行', accountNumber: '6217 9955 0000 1234 567' }
  let d = await invoke(YOUTH, 'loan', 'saveDraft', { amountFen: 20_000_000, termMonths: 24, bankId: 'b_psbc_qingyuan', branch: '清城支行', project, payee })
  d = await invoke(YOUTH, 'loan', 'attachDocument', { id: d.id, kind: 'id_photo', fileId: put('id.png', PNG), name: '身份证正面.png' })
  d = await invoke(YOUTH, 'loan', 'attachDocument', { id: d.id, kind: 'business_license', fileId: put('licence.png', PNG), name: '营业执照.png' })
  d = await invoke(YOUTH, 'loan', 'attachDocument', { id: d.id, kind: 'project_plan', fileId: put('plan.pdf', PDF), name: '计划书.pdf' })
  await invoke(YOUTH, 'loan', 'submit', { id: d.id })
  await invoke('o_demo_county', 'loan', 'countyDecide', { id: d.id, decision: 'approve', note: '材料齐全' })
  await invoke('o_demo_city', 'loan', 'cityDecide', { id: d.id, decision: 'approve' })
  await invoke('o_demo_bank', 'loan', 'bankDecide', { id: d.id, decision: 'approve', amountFen: 20_000_000, rateBp: 480, termMonths: 24 })
  await world.stack.cloud.db.handle('database.modifyDocument', {
    collectionName: 'loans',
    queryType: 'DOC',
    query: JSON.stringify({ _id: d.id }),
    data: EJSON.stringify({ $set: { 'approval.at': new Date(Date.now() - 400 * DAY) } }, { relaxed: false }),
    merge: true,
  })
  return d.id
}

test('the bank disburses a year back with a schedule, the loan falls overdue, the bank records a late repayment, the city pays a subsidy period, the applicant reads the statement', async () => {
  const id = await approvedLoan()
  const today = shanghaiToday()
  const stored = () => docs('loans').find((l) => l._id === id)

  // ---- 郑伟 records the disbursement, dated a year back -------------------------------------------
  const bank = await openAs('郑伟')
  let page = bank.page
  await page.goto(`${world.stack.url}/#/packages/bank/loan/index?id=${id}`)
  const disburse = page.locator('.bank-disburse')
  await disburse.waitFor()
  await disburse.locator('.bank-preview__wait').waitFor() // no repayment type yet: nothing to preview
  await disburse.locator('.ln-chip', { hasText: '等额本金' }).click()
  // The date: the year column one back keeps the month and day (the approval is 13 months old).
  await disburse.locator('.bank-disburse__date').click()
  await settle(page)
  await dragPickerColumn(page, -1, 0)
  await confirmPicker(page)
  const disbursedOn = monthsAfter(today, -12)
  await disburse.locator('.bank-disburse__date', { hasText: disbursedOn }).waitFor()

  // The preview, by hand: 20,000,000 fen over 24 months, 等额本金: 20,000,000 / 24 = 833,333.33 →
  // 833,333 fen a month; the first month's interest 20,000,000 × 4.80 % / 12 = 80,000 fen (30/360);
  // first instalment 913,333 fen. Interest falls by 833,333 × 0.4 % = 3,333.33 fen a month: in all
  // Σ (20,000,000 − 833,333·k) × 0.004 for k = 0…23, each rounded half up (the last month on the
  // 833,341 fen rounding left).
  let left = 20_000_000
  let interest = 0
  const instalments: { dueOn: string; principalFen: number; interestFen: number }[] = []
  for (let k = 1; k <= 24; k++) {
    const i = Math.round((left * 480) / 120_000)
    const p = k === 24 ? left : 833_333
    instalments.push({ dueOn: monthsAfter(disbursedOn, k), principalFen: p, interestFen: i })
    interest += i
    left -= p
  }
  expect(instalments[0]).toEqual({ dueOn: monthsAfter(disbursedOn, 1), principalFen: 833_333, interestFen: 80_000 })
  expect(instalments[23].principalFen).toBe(833_341)
  const preview = disburse.locator('.bank-preview')
  await preview.locator('.bank-preview__count', { hasText: `共 24 期 · 利息合计 ${yuan(interest)}` }).waitFor()
  await preview.locator('.bank-preview__row', { hasText: '第 1 期' }).getByText(yuan(913_333)).waitFor()
  await preview.locator('.bank-preview__row', { hasText: '第 1 期' }).getByText(instalments[0].dueOn).waitFor()
  await preview.locator('.bank-preview__row--last', { hasText: '第 24 期' }).getByText(yuan(833_341 + instalments[23].interestFen)).waitFor()
  await shot(page, '01-bank-disburse-preview')
  await disburse.locator('.bank-disburse__submit').click()
  await confirmModal(page, '登记放款')
  await confirmModal(page, '放款已登记')
  await page.locator('.ln-hero__status', { hasText: '已放款' }).waitFor()
  await page.locator('.ln-instalments').waitFor()
  expect(stored().disbursement).toMatchObject({ disbursedOn, amountFen: 20_000_000, rateBp: 480, repaymentType: 'equal_principal' })
  expect(bank.errors).toEqual([])

  // ---- the morning's check marks the loan overdue -------------------------------------------------
  const fired = await world.stack.cloud.fireTimer('loan', 'followUpRepayments')
  expect(fired.ok).toBe(true)
  const firstDue = instalments[0].dueOn
  const daysLate = daysBetween(firstDue, today)
  expect(daysLate).toBeGreaterThan(300)
  expect(stored().overdue).toMatchObject({ dueOn: firstDue })

  // ---- 李建国 finds it under 逾期 ---------------------------------------------------------------------
  const county = await openAs('李建国')
  page = county.page
  await page.goto(`${world.stack.url}/#/packages/lending/index/index`)
  await page.locator('.lending__tab--overdue').click()
  await page.locator('.lending__tab--overdue .panel-tabs__count', { hasText: '1' }).waitFor()
  const card = page.locator('.lending-card', { hasText: TITLE })
  await card.locator('.ln-card__overdue', { hasText: `逾期 ${daysLate} 天` }).waitFor()
  await shot(page, '02-county-overdue-queue')
  await card.click()
  // Past due: every instalment due before today (eleven or twelve, by the day of the month), each
  // its principal and the interest on what is really outstanding — nothing was repaid, so each
  // month's interest is on the whole 20,000,000 fen: 80,000 fen, not the schedule's falling figure.
  const pastDue = instalments.filter((s) => s.dueOn < today)
  const owed = pastDue.reduce((n, s) => n + s.principalFen + 80_000, 0)
  await page.locator('.ln-overdue', { hasText: `逾期 ${daysLate} 天` }).getByText(`逾期金额 ${yuan(owed)}`, { exact: false }).waitFor()
  await page.locator('.ln-instalments').scrollIntoViewIfNeeded()
  expect(await page.locator('.ln-instalment--overdue').count()).toBe(Math.min(pastDue.length, 6))
  await shot(page, '03-county-overdue-loan')
  expect(county.errors).toEqual([])

  // ---- 郑伟 records the first instalment, paid today: 逾期还款 ------------------------------------------
  page = bank.page
  await page.reload()
  await page.locator('.bank-repay--closed', { hasText: `逾期未还：第 1 期 ${firstDue}` }).waitFor()
  await page.locator('.bank-repay__open').click()
  const repay = page.locator('.bank-repay')
  await repay.locator('.bank-repay__fill-next', { hasText: '第 1 期应还' }).click()
  expect(await repay.locator('.bank-repay__principal input').inputValue()).toBe('8333.33')
  expect(await repay.locator('.bank-repay__interest input').inputValue()).toBe('800')
  await repay.locator('.bank-repay__submit').click()
  await confirmModal(page, `第 1 期 ${firstDue} 到期，已逾期`)
  await page.locator('.ln-repay--late', { hasText: '逾期还款' }).getByText(`本金 ${yuan(833_333)}`).waitFor()
  await page.locator('.ln-repay--late').getByText(`利息 ${yuan(80_000)}`).waitFor()
  await page.locator('.ln-instalment--paid[data-number="1"]').waitFor()
  // The repayment as recorded (逾期还款), not the applicant's card at the top.
  await page.locator('.ln-repay--late').scrollIntoViewIfNeeded()
  await shot(page, '04-bank-late-repayment')
  expect(stored().repayments).toEqual([expect.objectContaining({ date: today, principalFen: 833_333, interestFen: 80_000 })])
  expect(stored().outstandingFen).toBe(20_000_000 - 833_333)
  expect(bank.errors).toEqual([])

  // ---- 周丽华 approves the first subsidy period and records its payment ---------------------------------
  // The first period runs from the disbursement to the end of its quarter, nothing repaid then and
  // nothing overdue: 20,000,000 fen × the subsidised rate × days / (10,000 × 360), half up.
  const x = stored().disbursement
  const quarterEnd = (() => {
    const y = Number(disbursedOn.slice(0, 4))
    const q = Math.floor((Number(disbursedOn.slice(5, 7)) - 1) / 3)
    return new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10)
  })()
  const days = daysBetween(disbursedOn, quarterEnd) + 1
  const firstPeriodFen = Number((2n * 20_000_000n * BigInt(x.subsidyRateBp) * BigInt(days) + 3_600_000n) / (2n * 3_600_000n))
  const city = await openAs('周丽华')
  page = city.page
  await page.goto(`${world.stack.url}/#/packages/lending/detail/index?id=${id}`)
  const due = page.locator('.lending-subsidy__row').first()
  await due.getByText(`${disbursedOn} 至 ${quarterEnd} · ${days} 天`).waitFor()
  await due.getByText(yuan(firstPeriodFen)).waitFor()
  await due.locator('.lending-subsidy__approve').click()
  await confirmModal(page, '核准本期贴息')
  const pay = page.locator('.lending-pay')
  await pay.waitFor()
  await pay.locator('.lending-pay__amount', { hasText: yuan(firstPeriodFen) }).waitFor()
  await pay.locator('.lending-pay__submit').click()
  await pay.locator('[data-error-for="transferRef"]', { hasText: '请填写转账凭证号' }).waitFor()
  await pay.locator('.lending-pay__ref input').fill('CZ 2026/01')
  await pay.locator('.lending-pay__submit').click()
  await pay.locator('[data-error-for="transferRef"]', { hasText: '4–40 位字母、数字或短横线' }).waitFor()
  await pay.locator('.lending-pay__ref input').fill('CZ-20261205-0012')
  await shot(page, '05-city-subsidy-payment')
  await pay.locator('.lending-pay__submit').click()
  await confirmModal(page, `已于 ${today} 拨付，凭证号 CZ-20261205-0012`)
  const paidPeriod = page.locator('.ln-period--paid').first()
  await paidPeriod.locator('.ln-period__paid', { hasText: `${today} 拨付 · 凭证 CZ-20261205-0012` }).waitFor()
  await paidPeriod.locator('.ln-period__status', { hasText: '已拨付' }).waitFor()
  expect(city.errors).toEqual([])

  // The finance department's statement: the period, approved and paid.
  await page.goto(`${world.stack.url}/#/packages/lending/subsidy/index`)
  await page.locator('.subsidy-statement__range', { hasText: '全部年度' }).click()
  await page.locator('.subsidy-statement__paid', { hasText: yuanShort(firstPeriodFen) }).waitFor()
  await page.locator('.subsidy-statement__unpaid', { hasText: '0 元' }).waitFor()
  await page.locator('.subsidy-statement__period').first().getByText(`已拨付 ${yuan(firstPeriodFen)} · 待拨付 0.00 元`, { exact: false }).waitFor()
  await shot(page, '06-city-subsidy-statement')
  expect(city.errors).toEqual([])

  // ---- 黄家明 reads the schedule and the statement --------------------------------------------------
  const youth = await openAs('黄家明')
  page = youth.page
  await page.goto(`${world.stack.url}/#/packages/loan/detail/index?id=${id}`)
  await page.locator('.ln-overdue', { hasText: '逾期' }).waitFor()
  await page.locator('.ln-instalment--paid[data-number="1"]').getByText(yuan(913_333)).waitFor()
  await page.locator('.ln-schedule__sub', { hasText: '已拨付' }).waitFor()
  await page.locator('.ln-period--paid .ln-period__paid', { hasText: 'CZ-20261205-0012' }).waitFor()
  await shot(page, '07-youth-schedule')
  await page.locator('.ln-period--paid').scrollIntoViewIfNeeded()
  await shot(page, '08-youth-statement')
  expect(youth.errors).toEqual([])
}, 180_000)

test('the loan home says who may apply as the league’s settings stand: the age range and the project types it funds, beside the rules of the city and one loan at a time', async () => {
  await invoke('o_demo_city', 'settings', 'update', { loanAgeMin: 20, loanAgeMax: 40, loanProjectTypes: ['agriculture', 'homestay'] })
  // Warm instances keep the settings a minute; fresh ones read them.
  await world.stack.cloud.runtime.reload()
  const youth = await openAs('黄家明')
  const page = youth.page
  await page.goto(`${world.stack.url}/#/pages/index/index`)
  await page.locator('.program--loan').click()
  const rules = page.locator('.loan-home__rules .loan-home__rule-text')
  await rules.first().getByText('年满 20 周岁、不超过 40 周岁（按提交申请当天计算）').waitFor()
  expect(await rules.allTextContents()).toEqual([
    '年满 20 周岁、不超过 40 周岁（按提交申请当天计算）',
    '已登记并通过审核的农村青年或乡村振兴志愿者',
    '户籍或创业项目须有一项在清远市内（项目在市外的，由户籍所在县（市、区）团委审核）',
    '每人同时只能有一笔在办或未结清的贷款',
    '项目属于下列扶持类型之一',
  ])
  expect(await page.locator('.loan-home__types .loan-type__name').allTextContents()).toEqual(['种养殖与农产品加工', '民宿建设改造'])
  await page.locator('.loan-home__rules').scrollIntoViewIfNeeded()
  await shot(page, '09-youth-home-who-may-apply')
  expect(youth.errors).toEqual([])
  await invoke('o_demo_city', 'settings', 'update', { loanAgeMin: 18, loanAgeMax: 45, loanProjectTypes: ['agriculture', 'ecommerce', 'homestay', 'rural_tourism', 'other'] })
}, 60_000)
