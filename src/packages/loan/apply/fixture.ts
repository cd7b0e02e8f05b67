// A saved application for the tests of the draft (only the fields the form reads).
import type { LoanDetail } from '@contract/loan'

/** A saved application with every step filled in except its documents. */
export function savedLoan(over: Partial<LoanDetail> = {}): LoanDetail {
  return {
    id: 'L1',
    status: 'draft',
    applicantName: '陈小青',
    amountFen: 20_000_000,
    termMonths: 24,
    bankId: 'psbc',
    bankName: '邮储银行',
    branch: '',
    payee: { accountName: '陈小青', bankName: '邮储银行清城支行', accountMasked: '6217 **** 1234' },
    householdTownshipCode: '441802001',
    project: { type: 'ecommerce', title: '砂糖橘直播', townshipCode: '441802001', outsidePlace: '', address: '东城村', description: '建设产地直播间与冷链分拣点，带动周边果农通过电商销售砂糖橘', jobsCreated: 3, householdsHelped: 2 },
    documents: [],
    missing: ['身份证件'],
    ceilingFen: 50_000_000,
    updatedAt: '2026-11-25T02:30:00.000Z',
    can: { edit: true },
    ...over,
  } as unknown as LoanDetail
}
