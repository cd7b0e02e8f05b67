// The subsidy statement for the finance department: per subsidy period, what the league approved,
// what the city has paid and what the arrears cost; exported with one row per loan and period.
// Grouped on the database (a row per period, a few dozen a decade), and the detail read a page of
// AGGREGATE_CAP at a time, so a city's thousands of loans are never read into one answer.
import type { SubsidyStatement } from '../../types/loan'
import { _, $, db } from '../_shared/cloud'
import { COLLECTIONS } from '../_shared/collections'
import { countyName } from '../_shared/divisions'
import { col, exportWorkbook } from '../_shared/excel'
import { aggregateAll } from '../_shared/paging'
import { LENT, type LoanDoc } from './repayments'

const loans = () => db.collection<LoanDoc>(COLLECTIONS.loans)

const quarterOf = (ymd: string) => `${ymd.slice(0, 4)}-Q${Math.floor((Number(ymd.slice(5, 7)) - 1) / 3) + 1}`

function scopeMatch(counties: string[] | null) {
  return _.and([{ status: _.in(LENT) }, counties ? { countyCode: _.in(counties) } : {}, { subsidyApprovedFen: _.gt(0) }])
}

/** Per period from `from` to `to` (quarter keys; by default this year's): approved, paid, unpaid, forfeited. */
export async function subsidyStatement(counties: string[] | null, input: { from?: string; to?: string }, today: string): Promise<SubsidyStatement> {
  const from = input.from ?? `${today.slice(0, 4)}-Q1`
  const to = input.to ?? quarterOf(today)
  const inRange = (field: string) => ({ [field]: _.gte(from).and(_.lte(to)) })
  const [approved, paid] = await Promise.all([
    loans()
      .aggregate()
      .match(scopeMatch(counties))
      .unwind('$subsidies')
      .match(inRange('subsidies.key'))
      .group({ _id: '$subsidies.key', loans: $.sum(1), approvedFen: $.sum('$subsidies.amountFen'), forfeitedFen: $.sum('$subsidies.forfeitedFen') })
      .limit(10_000)
      .end<{ _id: string; loans: number; approvedFen: number; forfeitedFen: number | null }>(),
    loans()
      .aggregate()
      .match(scopeMatch(counties))
      .unwind('$subsidyPayments')
      .match(inRange('subsidyPayments.key'))
      .group({ _id: '$subsidyPayments.key', paidFen: $.sum('$subsidyPayments.amountFen') })
      .limit(10_000)
      .end<{ _id: string; paidFen: number }>(),
  ])
  const paidBy = new Map(paid.list.map((p) => [p._id, p.paidFen]))
  const periods = approved.list
    .map((a) => {
      const paidFen = paidBy.get(a._id) ?? 0
      return { period: a._id, loans: a.loans, approvedFen: a.approvedFen, paidFen, unpaidFen: a.approvedFen - paidFen, forfeitedFen: a.forfeitedFen ?? 0 }
    })
    .sort((a, b) => (a.period < b.period ? -1 : 1))
  const total = periods.reduce(
    (t, p) => ({ loans: t.loans + p.loans, approvedFen: t.approvedFen + p.approvedFen, paidFen: t.paidFen + p.paidFen, unpaidFen: t.unpaidFen + p.unpaidFen, forfeitedFen: t.forfeitedFen + p.forfeitedFen }),
    { loans: 0, approvedFen: 0, paidFen: 0, unpaidFen: 0, forfeitedFen: 0 },
  )
  return { from, to, periods, total }
}

interface DetailRow {
  _id: string
  applicantName: string
  countyCode: string
  bankName: string
  subsidies: { key: string; start: string; end: string; amountFen: number; forfeitedFen?: number }
  subsidyPayments?: { key: string; paidOn: string; transferRef: string }[]
}

/** The statement as a workbook: the totals per period, then every loan's approved periods with their payment. */
export async function subsidyStatementWorkbook(counties: string[] | null, statement: SubsidyStatement): Promise<{ fileUrl: string; fileName: string; rows: number }> {
  const details = await aggregateAll<DetailRow>(
    () =>
      loans()
        .aggregate()
        .match(scopeMatch(counties))
        .unwind('$subsidies')
        .match({ 'subsidies.key': _.gte(statement.from).and(_.lte(statement.to)) })
        .sort({ 'subsidies.key': 1, _id: 1 }),
    { then: (page) => page.project({ applicantName: 1, countyCode: 1, bankName: 1, subsidies: 1, subsidyPayments: 1 }) },
  )
  const yuan = (fen: number) => fen / 100
  const file = await exportWorkbook(`贴息汇总-${statement.from}至${statement.to}.xlsx`, [
    {
      title: '按贴息期',
      columns: [
        col('贴息期', 'period', 12),
        col('贷款（笔）', 'loans', 12),
        col('核准贴息（元）', 'approved', 16),
        col('已拨付（元）', 'paid', 16),
        col('待拨付（元）', 'unpaid', 16),
        col('逾期少贴（元）', 'forfeited', 16),
      ],
      rows: [...statement.periods, { period: '合计', ...statement.total }].map((p) => ({ period: p.period, loans: p.loans, approved: yuan(p.approvedFen), paid: yuan(p.paidFen), unpaid: yuan(p.unpaidFen), forfeited: yuan(p.forfeitedFen) })),
    },
    {
      title: '明细',
      columns: [
        col('贴息期', 'period', 12),
        col('申请编号', 'id', 20),
        col('申请人', 'name', 12),
        col('县（市、区）', 'county', 14),
        col('贷款银行', 'bank', 20),
        col('起止日期', 'span', 24),
        col('核准贴息（元）', 'approved', 16),
        col('逾期少贴（元）', 'forfeited', 16),
        col('拨付日期', 'paidOn', 12),
        col('转账凭证号', 'ref', 20),
      ],
      rows: details.map((d) => {
        const payment = (d.subsidyPayments ?? []).find((p) => p.key === d.subsidies.key)
        return {
          period: d.subsidies.key,
          id: d._id,
          name: d.applicantName,
          county: countyName(d.countyCode) ?? d.countyCode,
          bank: d.bankName,
          span: `${d.subsidies.start} 至 ${d.subsidies.end}`,
          approved: yuan(d.subsidies.amountFen),
          forfeited: yuan(d.subsidies.forfeitedFen ?? 0),
          paidOn: payment?.paidOn ?? '未拨付',
          ref: payment?.transferRef ?? '',
        }
      }),
    },
  ])
  return { ...file, rows: details.length }
}
