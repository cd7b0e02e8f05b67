// The micro-loan journey in the browser, tried as people would: the rural youth 黄家明 opens
// 创业贴息贷款 from home, fills the application step by step (it saves as he goes), uploads the
// three documents (a photo, a picture and a PDF, through the file choosers) and submits; the
// county league (李建国) finds it in 待我审核 and approves, the city league (周丽华) approves, the
// bank officer (郑伟) approves a smaller amount at 4.35 % and records the disbursement today;
// the applicant then sees 已放款 and the subsidy schedule, whose first period is checked
// against the rule; the bank then records a repayment dated the day of disbursement. Every role's
// key screen is saved in test-artifacts/.
import type { Page } from 'playwright-core'
import { PUBLISHED_LPR } from '../../types/loan'
import { answerNotices, confirmModal, journey, until } from '../support/journey'
import { drawnPicture } from '../support/pictures'

const world = journey('loan')
const { docs, shot, openAs } = world

/** Picks files through the page's own picker (the file chooser the tap opens). */
async function chooseFile(page: Page, trigger: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(trigger).click()])
  await chooser.setFiles(file)
}

const loans = () => [...world.stack.cloud.store.get('loans').docs.values()] as any[]

/** A real picture, drawn by the browser (so the web build's image picker and thumbnails take it). */
const picture = (page: Page, type: 'image/png' | 'image/jpeg') =>
  drawnPicture(page, {
    width: 120,
    height: 80,
    background: '#fdf0ee',
    ink: '#d93a2b',
    bars: [
      [10, 10, 100, 20],
      [10, 40, 60, 10],
    ],
    type,
  })

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const TITLE = '凤城砂糖橘电商直播'
const DESCRIPTION = '建设产地直播间与冷链分拣点，带动周边果农通过电商销售砂糖橘，预计年销售 60 万斤。'

/** The first day of the quarter after a date (YYYY-MM-DD). */
function nextQuarterStart(ymd: string): string {
  const y = Number(ymd.slice(0, 4))
  const m = Math.floor((Number(ymd.slice(5, 7)) - 1) / 3) * 3 + 3
  return m >= 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000

test('a rural youth applies, the county and the city approve, the bank approves and disburses, the applicant sees the subsidy schedule', async () => {
  // ---- 黄家明 applies ---------------------------------------------------------------------------
  const youth = await openAs('黄家明')
  let page = youth.page
  await page.goto(`${world.stack.url}/#/pages/index/index`)
  await page.locator('.program--loan').click()
  await page.locator('.loan-home__apply', { hasText: '我要申请' }).waitFor()
  await page.locator('.loan-home__empty').waitFor()
  await shot(page, '01-youth-home')
  await page.locator('.loan-home__apply').click()

  // Step 1: amount, term and bank (saved as a draft as he goes).
  await page.locator('.apply__step--on', { hasText: '金额与银行' }).waitFor()
  await page.locator('.ln-pick', { hasText: '邮储银行清远市分行' }).waitFor()
  // Too much first: the ceiling is 500,000 yuan, said next to the field.
  await page.locator('.apply__amount input').fill('600000')
  await page.locator('.apply__term input').click()
  await page.locator('[data-error-for="amountFen"]', { hasText: '申请金额不能超过 500,000 元' }).waitFor()
  await page.locator('.apply__amount input').fill('200000')
  await page.locator('[data-field="amountFen"]', { hasText: '合 20 万元' }).waitFor()
  await page.locator('[data-error-for="amountFen"]').waitFor({ state: 'detached' })
  await page.locator('.ln-field__quick-item', { hasText: '24 个月' }).click()
  await page.locator('.ln-pick', { hasText: '邮储银行清远市分行' }).click()
  await page.locator('.apply__branch input').fill('清城支行')
  // The subsidy's payee: his own account.
  await page.locator('.apply__payee-name input').fill('黄家明')
  await page.locator('.apply__payee-bank input').fill('邮储银行清远市清城支行')
  await page.locator('.apply__payee-account input').fill('6221880012345678901')
  await page.locator('.apply__saved--saved', { hasText: '已保存' }).waitFor()
  await shot(page, '02-apply-amount')
  await page.locator('.apply__next').click()

  // Step 2: the project.
  await page.locator('.apply__step--on', { hasText: '创业项目' }).waitFor()
  await page.locator('.apply__types .ln-chip', { hasText: '农村电商' }).click()
  await page.locator('.apply__title input').fill(TITLE)
  await page.locator('.apply__place').click()
  await page.locator('.place__county', { hasText: '清城区' }).click()
  await page.locator('.place__township', { hasText: '凤城街道' }).click()
  await page.locator('.apply__place', { hasText: '清城区 · 凤城街道' }).waitFor()
  // His 户籍: 英德 (the project in the city is still reviewed by its own county).
  await page.locator('.apply__household').click()
  await page.locator('.apply__outside', { hasText: '清远市外' }).waitFor()
  await shot(page, '03-apply-household-sheet')
  await page.locator('.place__county', { hasText: '英德市' }).click()
  await page.locator('.place__township', { hasText: '英城街道' }).click()
  await page.locator('.apply__household', { hasText: '英德市 · 英城街道' }).waitFor()
  await page.locator('.apply__address input').fill('凤城街道石角村')
  await page.locator('.apply__description textarea').fill(DESCRIPTION)
  // Jobs with the stepper (+ eight times), households typed.
  for (let i = 1; i <= 8; i++) {
    await page.locator('.apply__jobs .ln-stepper__plus').click()
    await until(() => page.locator('.apply__jobs input').inputValue(), String(i))
  }
  await page.locator('.apply__households input').fill('5')
  await shot(page, '03-apply-project')
  await page.locator('.apply__next').click()

  // Step 3: the three documents — a photo of the ID card, a picture of the licence, the plan as a PDF.
  await page.locator('.apply__step--on', { hasText: '申请材料' }).waitFor()
  const jpeg = await picture(page, 'image/jpeg')
  const png = await picture(page, 'image/png')
  await chooseFile(page, '.apply-kind--id_photo .apply-add__photo', { name: '身份证人像面.jpg', mimeType: 'image/jpeg', buffer: jpeg })
  await page.locator('.apply-kind--id_photo .ln-doc__img').waitFor()
  await chooseFile(page, '.apply-kind--business_license .apply-add__photo', { name: '营业执照.png', mimeType: 'image/png', buffer: png })
  await page.locator('.apply-kind--business_license .ln-doc__img').waitFor()
  await chooseFile(page, '.apply-kind--project_plan .apply-add__file', { name: '项目计划书.pdf', mimeType: 'application/pdf', buffer: PDF })
  await page.locator('.apply-kind--project_plan .ln-doc__pdf').waitFor()
  await page.locator('.apply-kind--project_plan .ln-doc__name', { hasText: '项目计划书.pdf' }).waitFor()
  expect(await page.locator('.apply-upload').count()).toBe(0)
  await shot(page, '04-apply-documents')
  await page.locator('.apply__next').click()

  // Step 4: the summary, nothing missing; submit after confirming.
  await page.locator('.apply__step--on', { hasText: '确认提交' }).waitFor()
  await page.locator('.apply__complete', { hasText: '信息已填写完整' }).waitFor()
  await page.locator('.apply__sum-row', { hasText: '申请金额' }).getByText('200,000.00 元').waitFor()
  await page.locator('.apply__sum-row', { hasText: '项目地点' }).getByText('清城区 · 凤城街道').waitFor()
  await page.locator('.apply__sum-row', { hasText: '户籍所在地' }).getByText('英德市 · 英城街道').waitFor()
  await page.locator('.apply__sum-row', { hasText: '审核团委' }).getByText('清城区团委（项目所在地）').waitFor()
  await shot(page, '05-apply-confirm')
  await page.locator('.apply__submit').click()
  await confirmModal(page, '确认提交申请')
  await answerNotices(page, true)
  await page.locator('.ln-hero__status', { hasText: '已提交，县团委审核中' }).waitFor()
  await page.locator('.ln-event', { hasText: '提交申请' }).waitFor()
  await shot(page, '06-youth-submitted')

  const [loan] = loans()
  expect(loan).toMatchObject({
    status: 'submitted',
    applicantName: '黄家明',
    amountFen: 20_000_000,
    termMonths: 24,
    bankId: 'b_psbc_qingyuan',
    branch: '清城支行',
    countyCode: '441802',
    townshipName: '凤城街道',
    householdTownshipCode: '441881001',
    project: { type: 'ecommerce', title: TITLE, townshipCode: '441802006', address: '凤城街道石角村', description: DESCRIPTION, jobsCreated: 8, householdsHelped: 5 },
  })
  expect(loan.documents.map((d: any) => [d.kind, d.type])).toEqual([
    ['id_photo', 'image/jpeg'],
    ['business_license', 'image/png'],
    ['project_plan', 'application/pdf'],
  ])
  expect(youth.errors).toEqual([])

  // ---- 李建国, county league of 清城区 --------------------------------------------------------------
  const county = await openAs('李建国')
  page = county.page
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-desk--loans').click()
  await page.locator('.lending__tab--todo .panel-tabs__count', { hasText: '1' }).waitFor()
  const card = page.locator('.lending-card', { hasText: TITLE })
  await card.getByText('黄家明').waitFor()
  await card.getByText('200,000 元').waitFor()
  await shot(page, '07-county-queue')
  await card.click()

  await page.locator('.ln-hero__lead', { hasText: '黄家明 · 清城区 凤城街道' }).waitFor()
  await page.locator('.lending-stage', { hasText: '待你审核：县团委审核' }).waitFor()
  // Masked until asked; the read in clear is logged.
  expect(await page.locator('.ln-identity__id').textContent()).toMatch(/^4418\*+\d{3}[\dX]$/)
  await page.locator('.ln-identity__reveal', { hasText: '查看将被记录' }).click()
  await confirmModal(page, '查看完整身份信息')
  await page.locator('.ln-identity__id.ln-identity__id--clear').waitFor()
  expect(await page.locator('.ln-identity__id').textContent()).toMatch(/^441821\d{11}[\dX]$/)
  await page.locator('.ln-identity__account', { hasText: '6221880012345678901' }).waitFor() // the payee's account, in clear with the rest
  const countyUser = docs('users').find((u) => u.openid === 'o_demo_county')
  expect(docs('audit').filter((a) => a.action === 'pii.read' && a.targetId === loan._id && a.actorId === countyUser._id)).toHaveLength(1)
  await page.locator('.ln-docs .ln-doc', { hasText: '项目计划书.pdf' }).waitFor()
  await shot(page, '08-county-detail')

  await page.locator('.lending-detail__approve').click()
  const dialog = page.locator('.lending-decide--approve')
  await dialog.locator('textarea').fill('项目真实，材料齐全，同意推荐')
  await shot(page, '09-county-approve')
  await dialog.locator('.ui-dialog__ok').click()
  await page.locator('.ln-hero__status', { hasText: '团市委审核中' }).waitFor()
  await page.locator('.ln-event', { hasText: '项目真实，材料齐全，同意推荐' }).waitFor()
  expect(await page.locator('.lending-detail__approve').count()).toBe(0)
  expect(county.errors).toEqual([])

  // ---- 周丽华, city league ------------------------------------------------------------------------------
  const city = await openAs('周丽华')
  page = city.page
  await page.goto(`${world.stack.url}/#/packages/lending/index/index`)
  await page.locator('.lending__link--lpr').waitFor()
  await page.locator('.lending-card', { hasText: TITLE }).click()
  await page.locator('.lending-stage', { hasText: '待你审核：团市委审核' }).waitFor()
  await page.locator('.ln-event', { hasText: '清城区团委' }).waitFor()
  await shot(page, '10-city-detail')
  await page.locator('.lending-detail__approve').click()
  await page.locator('.lending-decide--approve .ui-dialog__ok').click()
  await page.locator('.ln-hero__status', { hasText: '银行审核中' }).waitFor()
  expect(city.errors).toEqual([])

  // ---- 郑伟, 邮储银行清远市分行 ------------------------------------------------------------------------
  const bank = await openAs('郑伟')
  page = bank.page
  await page.goto(`${world.stack.url}/#/packages/bank/index/index`)
  await page.locator('.bank-home__tab--todo .panel-tabs__count', { hasText: '1' }).waitFor()
  await shot(page, '11-bank-queue')
  await page.locator('.bank-card', { hasText: TITLE }).click()

  // Approve 180,000 yuan at 4.35 % for the requested 24 months.
  const decide = page.locator('.bank-decide')
  await decide.waitFor()
  expect(await decide.locator('.bank-decide__amount input').inputValue()).toBe('200000')
  expect(await decide.locator('.bank-decide__term input').inputValue()).toBe('24')
  await decide.locator('.bank-decide__amount input').fill('250000')
  await decide.locator('.bank-decide__rate input').fill('4.35')
  await decide.locator('.bank-decide__submit').click()
  await decide.locator('[data-error-for="amountFen"]', { hasText: '不能超过申请金额' }).waitFor()
  await decide.locator('.bank-decide__amount input').fill('180000')
  await shot(page, '12-bank-decide')
  await decide.locator('.bank-decide__submit').click()
  await confirmModal(page, '批准贷款')
  await page.locator('.ln-hero__status', { hasText: '银行已批准' }).waitFor()

  // Record the disbursement: today, 180,000 yuan at 4.35 %, interest monthly and principal at maturity.
  const disburse = page.locator('.bank-disburse')
  await disburse.waitFor()
  expect(await disburse.locator('.bank-disburse__amount input').inputValue()).toBe('180000')
  expect(await disburse.locator('.bank-disburse__rate input').inputValue()).toBe('4.35')
  await disburse.locator('.bank-disburse__submit').click()
  await disburse.locator('[data-error-for="repaymentType"]').waitFor()
  await disburse.locator('.ln-chip', { hasText: '按期付息、到期还本' }).click()
  await shot(page, '13-bank-disburse')
  await disburse.locator('.bank-disburse__submit').click()
  await confirmModal(page, '登记放款')
  // The LPR-capped rate the disbursement reports: the 1-year LPR in force today (the demo seeds
  // the published table: 3.00 % since 2025-05-20) + 1.20 % = 4.20 %, below the 4.35 % charged.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const lpr = PUBLISHED_LPR.filter((r) => r.effectiveDate <= today).at(-1)!
  const subsidyBp = Math.min(435, lpr.oneYearBp + 120)
  const subsidyText = `${(subsidyBp / 100).toFixed(2)}%`
  await page.locator('.taro__modal', { hasText: `贴息利率 ${subsidyText}` }).locator('.taro-model__confirm').waitFor()
  await shot(page, '14-bank-disbursed-rate')
  await confirmModal(page, '放款已登记')
  await page.locator('.ln-hero__status', { hasText: '已放款' }).waitFor()
  await page.locator('.ln-lending__rate', { hasText: subsidyText }).waitFor()
  await page.locator('.bank-repay--closed').waitFor()
  await shot(page, '15-bank-disbursed')
  expect(bank.errors).toEqual([])

  // ---- 黄家明 sees 已放款 and the subsidy schedule ------------------------------------------------------------
  page = youth.page
  await page.goto(`${world.stack.url}/#/packages/loan/index/index`)
  await page.locator('.ln-card', { hasText: TITLE }).locator('.ln-status', { hasText: '已放款' }).waitFor()
  await page.locator('.ln-card', { hasText: TITLE }).click()
  await page.locator('.ln-hero__status', { hasText: '已放款' }).waitFor()
  await page.locator('.ln-schedule').waitFor()

  const stored = loans().find((l) => l._id === loan._id)
  const disbursedOn: string = stored.disbursement.disbursedOn
  expect(stored.disbursement).toMatchObject({ amountFen: 18_000_000, rateBp: 435, lprDate: lpr.effectiveDate, lprTenor: '1y', lprBp: lpr.oneYearBp, subsidyRateBp: subsidyBp, dayBasis: 360 })
  // The rule (types/loan-rules.ts): interest runs from the disbursement date; periods are calendar
  // quarters; a period's subsidy = Σ days of outstanding fen × subsidised rate bp / (10000 × 360),
  // rounded half up once. Nothing is repaid, so the first period is
  // 18,000,000 fen × 420 bp × days / 3,600,000 = 2,100 fen × days, exact (e.g. 37 days from
  // 11-25 to 12-31: 77,700 fen = 777.00 元).
  const days = daysBetween(disbursedOn, nextQuarterStart(disbursedOn))
  const expectedFen = Number((2n * 18_000_000n * BigInt(subsidyBp) * BigInt(days) + 3_600_000n) / (2n * 3_600_000n))
  if (subsidyBp === 420) expect(expectedFen).toBe(2_100 * days)
  const first = page.locator('.ln-period').first()
  await first.locator('.ln-period__dates', { hasText: `${disbursedOn} 至` }).waitFor()
  await first.locator('.ln-period__dates', { hasText: `${days} 天` }).waitFor()
  const yuanText = `${Math.floor(expectedFen / 100).toLocaleString('en-US')}.${String(expectedFen % 100).padStart(2, '0')} 元`
  await first.locator('.ln-period__amount', { hasText: yuanText }).waitFor()
  // Disbursed today, so every period is still to come: 预计, and nothing approved yet.
  const periods = await page.locator('.ln-period').count()
  expect(periods).toBeGreaterThanOrEqual(8)
  expect(await page.locator('.ln-period--projected').count()).toBe(periods)
  expect(await page.locator('.ln-chart__col .ln-chart__bar--projected').count()).toBe(periods)
  await page.locator('.ln-schedule__total', { hasText: '已核准贴息' }).getByText('0 元').waitFor()
  await page.locator('.ln-lending__rate', { hasText: subsidyText }).waitFor()
  await shot(page, '16-youth-schedule')
  await page.locator('.ln-timeline').scrollIntoViewIfNeeded()
  await page.locator('.ln-event', { hasText: '银行放款' }).waitFor()
  await shot(page, '17-youth-timeline')
  expect(youth.errors).toEqual([])

  // ---- 郑伟 records a repayment the same day: 20,000 yuan of principal, dated the disbursement day ----
  // (The date picker offers the disbursement day to today, here both today: never an inverted range.)
  page = bank.page
  await page.reload()
  await page.locator('.bank-repay__open').click()
  const repay = page.locator('.bank-repay')
  await repay.locator('.bank-repay__principal input').fill('20000')
  await shot(page, '18-bank-repay-same-day') // opens the date picker: it must open, with a valid range
  await repay.locator('[data-field="date"] .ln-field__hint', { hasText: `${disbursedOn}（放款日）至今天` }).waitFor()
  await repay.locator('.bank-repay__date', { hasText: disbursedOn }).waitFor()
  await repay.locator('.bank-repay__submit').click()
  await confirmModal(page, `${disbursedOn} 归还本金 20,000.00 元`)
  // Recorded — not refused next to the date.
  const dateError = repay.locator('[data-error-for="date"]')
  const outcome = await Promise.race([
    page.locator('.bank-repay--closed').waitFor().then(() => 'recorded', () => 'neither'),
    dateError.waitFor().then(async () => `refused: ${await dateError.textContent()}`, () => 'neither'),
  ])
  expect(outcome).toBe('recorded')
  await page.locator('.bank-repay--closed', { hasText: '剩余本金 160,000.00 元' }).waitFor()
  await shot(page, '19-bank-repaid')
  const repaid = loans().find((l) => l._id === loan._id)
  expect(repaid.repayments).toEqual([expect.objectContaining({ date: disbursedOn, principalFen: 2_000_000 })])
  expect(repaid.outstandingFen).toBe(16_000_000)
  expect(bank.errors).toEqual([])

  for (const c of [youth, county, city, bank]) await c.context.close()
}, 180_000)
