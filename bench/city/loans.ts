// Micro-loans in every state, as loan/index.ts leaves them: drafts, each review stage,
// returned, rejected, withdrawn and lapsed applications, and disbursed loans with repayments and
// quarterly subsidy periods approved (computed with the product's own rules, types/loan-rules.ts,
// from the published LPR table), one open application per applicant held by its lock.
import type { LoanDoc, LoanEvent, LoanLockDoc, LprDoc, OrganisationDoc as BankDoc } from '../../cloudfunctions/_shared/collections'
import { encrypt } from '../../cloudfunctions/_shared/pii'
import { PUBLISHED_LPR } from '../../types/loan'
import { addMonths, lprOn, lprTenor, subsidyPeriods, subsidyRate } from '../../types/loan-rules'
import { maskBankAccount } from '../../types/personal'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { DOCUMENT_KINDS, PROJECT_TYPES, REPAYMENT_TYPES, type LoanStatus } from '../../types/vocabulary'
import { staffUser, type Person, type Staff } from './people'
import { Prng } from './prng'
import { addDays, addMinutes, dayNumber, instant, shanghaiYmd, TOWNSHIPS, ymdOf } from './places'

const BANK_NAMES = ['邮储银行清远市分行', '清远农商银行', '农业银行清远分行', '建设银行清远分行', '广东南粤银行清远分行']
const STATUS_WEIGHTS: Record<LoanStatus, number> = { draft: 6, submitted: 8, city_review: 5, bank_review: 5, approved: 4, disbursed: 14, in_subsidy: 30, closed: 15, rejected: 6, withdrawn: 3, returned: 4, lapsed: 4 }
/** Statuses that hold the applicant's one open application. */
const HOLDS_LOCK: LoanStatus[] = ['draft', 'submitted', 'city_review', 'bank_review', 'approved', 'disbursed', 'in_subsidy', 'returned']
const LPR_TABLE = PUBLISHED_LPR.map((r) => ({ effectiveDate: r.effectiveDate, oneYearBp: r.oneYearBp, fiveYearBp: r.fiveYearBp }))

export function banks(prng: Prng, at: Date) {
  const list: BankDoc[] = BANK_NAMES.map((name, i) => ({ _id: `b_c${i}`, name, countyCode: '', status: 'active', createdAt: at }))
  const staff = new Map(list.map((b, i) => [b._id, staffUser(prng, `o_city_bank_${i}`, `${b.name}信贷员`, [{ role: 'bank_officer', scopeType: 'bank', scopeId: b._id, scopeName: b.name }], at)]))
  return { banks: list, staff }
}

export function lprRates(by: string, at: Date): LprDoc[] {
  return LPR_TABLE.map((r) => ({ _id: r.effectiveDate, oneYearBp: r.oneYearBp, fiveYearBp: r.fiveYearBp, updatedBy: by, updatedAt: at }))
}

interface Reviewers {
  city: Staff
  counties: Map<string, Staff>
  banks: Map<string, Staff>
}

const dayAfter = (ymd: string) => ymdOf(dayNumber(ymd) + 1)

/** `count` applications by distinct applicants (approved rural youth first, then volunteers). */
export function loans(prng: Prng, count: number, applicants: Person[], bankList: BankDoc[], reviewers: Reviewers, span: { firstDay: number; lastDay: number }): { loans: LoanDoc[]; locks: LoanLockDoc[] } {
  const out: LoanDoc[] = []
  const locks: LoanLockDoc[] = []
  const today = ymdOf(span.lastDay)
  for (let i = 0; i < count && i < applicants.length; i++) {
    const p = applicants[i]
    const status = prng.weighted(STATUS_WEIGHTS)
    const bank = prng.pick(bankList)
    const bankOfficer = reviewers.banks.get(bank._id)!
    const place = prng.chance(0.8) ? p.township : prng.pick(TOWNSHIPS.filter((t) => t.countyCode === p.township.countyCode))
    const county = reviewers.counties.get(place.countyCode)!
    const amountFen = prng.int(5, 50) * 10_000 * 100
    const termMonths = prng.pick([12, 24, 36])
    // Lending loans began long enough ago to have subsidy periods; the pipeline is recent.
    const createdDay =
      status === 'closed' ? prng.int(span.firstDay, span.lastDay - 420) : status === 'in_subsidy' ? prng.int(span.firstDay, span.lastDay - 160) : status === 'disbursed' ? prng.int(span.lastDay - 120, span.lastDay - 70) : status === 'rejected' || status === 'withdrawn' ? prng.int(span.firstDay, span.lastDay - 45) : status === 'lapsed' ? prng.int(span.firstDay, span.lastDay - 150) : prng.int(span.lastDay - 60, span.lastDay - 45)
    let at = instant(createdDay, prng.int(9 * 60, 21 * 60))
    const history: LoanEvent[] = []
    const event = (actor: Staff | null, actorRole: string, action: string, from: string, to: string, note = '') => {
      history.push({ at, actorId: actor ? actor.user._id : p.user._id, actorName: actor ? actor.user.realName ?? '' : p.registration.name, actorRole, action, from, to, note })
    }
    const step = (days: [number, number]) => (at = addMinutes(addDays(at, prng.int(days[0], days[1])), prng.int(0, 240)))
    const account = `62${String(prng.int(0, 99_999_999)).padStart(8, '0')}${String(prng.int(0, 999_999_999)).padStart(9, '0')}`
    const payee = { accountName: p.registration.name, bankName: bank.name, accountSealed: encrypt(account), accountMasked: maskBankAccount(account) }
    const id = `L${prng.hex(16)}`
    const createdAt = at
    event(null, '申请人', 'create', '', 'draft')
    const doc: LoanDoc = {
      _id: id,
      version: 1,
      applicantId: p.user._id,
      applicantOpenid: p.user.openid,
      applicantName: p.registration.name,
      applicantKind: p.registration.kind,
      registrationId: p.registration._id,
      status: 'draft',
      amountFen,
      termMonths,
      bankId: bank._id,
      bankName: bank.name,
      branch: '',
      payee,
      project: {
        type: prng.pick(PROJECT_TYPES),
        title: prng.pick(['砂糖橘电商直播', '高山茶园扩建', '乡村民宿改造', '英德红茶加工坊', '竹笋深加工', '农家乐']),
        townshipCode: place.code,
        address: `${place.countyName}${place.name}`,
        description: '建设产地直播间与冷链分拣点，带动周边农户通过电商销售。',
        jobsCreated: prng.int(1, 20),
        householdsHelped: prng.int(0, 12),
      },
      countyCode: place.countyCode,
      countyName: place.countyName,
      townshipName: place.name,
      documents: [],
      returnedFrom: null,
      returnNote: '',
      rejectReason: '',
      approval: null,
      disbursement: null,
      repayments: [],
      outstandingFen: 0,
      subsidies: [],
      subsidyApprovedFen: 0,
      subsidyDueFrom: '',
      history,
      bankRouted: false,
      submittedAt: null,
      disbursedOn: '',
      createdAt,
      updatedAt: createdAt,
    }
    const complete = status !== 'draft' || prng.chance(0.5)
    if (complete) {
      doc.documents = DOCUMENT_KINDS.map((kind) => {
        const docId = prng.hex(8)
        return { id: docId, kind, fileId: `cloud://local-env.6c6f-local-env/loans/${id}/${kind}-${docId}`, name: kind, type: 'image/png', size: prng.int(40_000, 900_000), uploadedAt: addMinutes(createdAt, prng.int(1, 600)) }
      })
    }
    // The last stage the application reached, and how it ended there.
    const ends = { rejected: prng.pick(['county', 'city', 'bank'] as const), returned: prng.pick(['county', 'city', 'bank'] as const) }
    const reach: Record<LoanStatus, number> = { draft: 0, withdrawn: 1, submitted: 1, city_review: 2, bank_review: 3, approved: 4, disbursed: 5, in_subsidy: 5, closed: 5, rejected: { county: 1, city: 2, bank: 3 }[ends.rejected], returned: { county: 1, city: 2, bank: 3 }[ends.returned], lapsed: 4 }
    const target = reach[status]
    if (target >= 1) {
      step([1, 10])
      doc.submittedAt = at
      doc.submittedTerms = { countyCode: doc.countyCode, countyName: doc.countyName, townshipName: doc.townshipName, amountFen, termMonths, bankId: bank._id, bankName: bank.name, payee: `${payee.accountName} ${payee.bankName} ${payee.accountMasked}` }
      event(null, '申请人', 'submit', 'draft', 'submitted')
      doc.status = 'submitted'
    }
    if (target >= 2) {
      step([2, 8])
      event(county, '县（市、区）团委', 'county_approve', 'submitted', 'city_review', '材料齐全，同意推荐')
      doc.status = 'city_review'
    }
    if (target >= 3) {
      step([2, 8])
      event(reviewers.city, '团市委', 'city_approve', 'city_review', 'bank_review', '同意转银行审批')
      doc.status = 'bank_review'
      doc.bankRouted = true
    }
    const rateBp = prng.int(385, 550)
    if (target >= 4) {
      step([2, 10])
      doc.approval = { amountFen, rateBp, termMonths, at, by: bankOfficer.user._id }
      event(bankOfficer, '合作银行', 'bank_approve', 'bank_review', 'approved', `批准，年利率 ${(rateBp / 100).toFixed(2)}%，期限 ${termMonths} 个月`)
      doc.status = 'approved'
    }
    if (status === 'lapsed') {
      // Never disbursed: the daily check ended it the morning after the window's last day.
      const approvedOn = shanghaiYmd(at)
      at = instant(dayNumber(approvedOn) + DEFAULT_SETTINGS.loanDisbursementWindowDays + 1, 8 * 60 + 30)
      history.push({ at, actorId: 'system', actorName: '系统', actorRole: '每日放款期限核对', action: 'lapse', from: 'approved', to: 'lapsed', note: `银行于 ${approvedOn} 批准后 ${DEFAULT_SETTINGS.loanDisbursementWindowDays} 天内未放款，申请已失效；可重新申请` })
      doc.status = 'lapsed'
    }
    if (status === 'rejected' || status === 'returned' || status === 'withdrawn') {
      step([1, 6])
      const stage = status === 'rejected' ? ends.rejected : ends.returned
      const from = doc.status
      if (status === 'withdrawn') {
        event(null, '申请人', 'withdraw', from, 'withdrawn', '项目计划有变')
      } else {
        const actor = stage === 'county' ? county : stage === 'city' ? reviewers.city : bankOfficer
        const role = stage === 'county' ? '县（市、区）团委' : stage === 'city' ? '团市委' : '合作银行'
        const note = status === 'rejected' ? '项目不符合扶持范围' : '请补充近三个月的经营流水'
        event(actor, role, `${stage}_${status === 'rejected' ? 'reject' : 'return'}`, from, status, note)
        if (status === 'rejected') doc.rejectReason = note
        else {
          doc.returnedFrom = stage
          doc.returnNote = note
        }
      }
      doc.status = status
    }
    if (target >= 5) {
      step([3, 20])
      const disbursedOn = shanghaiYmd(at)
      const lpr = lprOn(LPR_TABLE, disbursedOn)!
      const tenor = lprTenor(termMonths)
      const lprBp = tenor === '1y' ? lpr.oneYearBp : lpr.fiveYearBp
      doc.disbursement = {
        amountFen,
        disbursedOn,
        maturityOn: addMonths(disbursedOn, termMonths),
        rateBp,
        repaymentType: prng.pick(REPAYMENT_TYPES),
        lprDate: lpr.effectiveDate,
        lprTenor: tenor,
        lprBp,
        spreadBp: DEFAULT_SETTINGS.subsidySpreadBp,
        subsidyRateBp: subsidyRate(rateBp, lprBp, DEFAULT_SETTINGS.subsidySpreadBp),
        dayBasis: DEFAULT_SETTINGS.subsidyDayBasis,
        at,
        by: bankOfficer.user._id,
      }
      doc.disbursedOn = disbursedOn
      doc.outstandingFen = amountFen
      event(bankOfficer, '合作银行', 'disburse', 'approved', 'disbursed', `放款 ${amountFen / 100} 元`)
      doc.status = 'disbursed'
      const d = dayNumber(disbursedOn)
      // Repayments: all of it for a closed loan, sometimes a part for one still lending.
      if (status === 'closed') {
        const payDay = prng.int(d + 60, Math.min(span.lastDay - 130, dayNumber(doc.disbursement.maturityOn)))
        doc.repayments.push({ date: ymdOf(payDay), principalFen: amountFen, note: '提前结清', at: instant(payDay, 15 * 60), by: bankOfficer.user._id })
      } else if (prng.chance(0.4)) {
        const payDay = prng.int(d + 10, Math.min(d + 80, span.lastDay - 1))
        doc.repayments.push({ date: ymdOf(payDay), principalFen: Math.round(amountFen / 4 / 100) * 100, note: '', at: instant(payDay, 15 * 60), by: bankOfficer.user._id })
      }
      doc.outstandingFen = amountFen - doc.repayments.reduce((n, r) => n + r.principalFen, 0)
      for (const r of doc.repayments) history.push({ at: r.at, actorId: bankOfficer.user._id, actorName: bankOfficer.user.realName ?? '', actorRole: '合作银行', action: 'repay', from: 'disbursed', to: 'disbursed', note: `${r.date} 归还本金 ${r.principalFen / 100} 元` })
      const periods = subsidyPeriods({ amountFen, disbursedOn, maturityOn: doc.disbursement.maturityOn, subsidyRateBp: doc.disbursement.subsidyRateBp, dayBasis: doc.disbursement.dayBasis, repayments: doc.repayments })
      // Periods the city has approved: every one (closed), some of those ended (in subsidy), none (disbursed).
      const ended = periods.filter((pd) => dayNumber(pd.end) + 20 < span.lastDay).length
      const approved = status === 'closed' ? periods.length : status === 'in_subsidy' ? prng.int(Math.min(1, ended), ended) : 0
      for (const pd of periods.slice(0, approved)) {
        const approvedAt = instant(dayNumber(pd.end) + prng.int(3, 18), prng.int(9 * 60, 17 * 60))
        doc.subsidies.push({ key: pd.key, start: pd.start, end: pd.end, amountFen: pd.amountFen, at: approvedAt, by: reviewers.city.user._id, byName: reviewers.city.user.realName ?? '' })
        doc.subsidyApprovedFen += pd.amountFen
        history.push({ at: approvedAt, actorId: reviewers.city.user._id, actorName: reviewers.city.user.realName ?? '', actorRole: '团市委', action: 'approve_subsidy', from: 'disbursed', to: 'in_subsidy', note: `核准 ${pd.key} 贴息` })
      }
      const next = periods[approved]
      doc.subsidyDueFrom = next ? dayAfter(next.end) : ''
      doc.status = status === 'closed' ? 'closed' : approved > 0 ? 'in_subsidy' : 'disbursed'
      history.sort((a, b) => a.at.getTime() - b.at.getTime())
      at = history[history.length - 1].at
    }
    doc.version = history.length
    doc.updatedAt = at
    if (doc.status !== status) throw new Error(`city generator: loan ${i} meant to be ${status} ended ${doc.status}`)
    if (shanghaiYmd(at) > today) throw new Error(`city generator: loan ${i} ends after the city's last day`)
    out.push(doc)
    if (HOLDS_LOCK.includes(status)) locks.push({ _id: p.user._id, loanId: id, at: createdAt })
  }
  return { loans: out, locks }
}
