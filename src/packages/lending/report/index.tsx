// 贷款统计（县、市团委）: over any period — applications by status, loans made, amount lent (万元),
// subsidy approved, projects by type, jobs created and households helped; by county (a bar chart
// drawn with Views) for the city, one county for its league. Excel export of the same figures.
import { useMemo, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { InputOf, OutputOf } from '@contract/index'
import { LOAN_STATUS_LABELS, PROJECT_TYPE_LABELS } from '@contract/vocabulary'
import { call } from '@/services/cloud'
import { useDivisions } from '@/components/admin/shared'
import { isLeague, useReviewerScope } from '@/components/loan/data'
import { STATUS_TONE, wan, yuanShort } from '@/components/loan/format'
import { reviewerDenied } from '@/components/loan/gate'
import { QueueChip } from '@/components/loan/queue'
import { CountySheet, ExportBar, Section } from '@/components/loan/ui'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { Tag } from '@/components/ui/Tag'
import { addDays, today } from '@/components/ui/format'
import { useWorkbookExport } from '@/components/ui/use-workbook-export'

import './index.scss'

type Report = OutputOf<'loan.report'>
const TYPE_COLORS = ['#d93a2b', '#2f6bd8', '#e39a2d', '#1d8a4e', '#9aa0a8']
/** The seeds' headline figures start in 2020; the LPR reform in August 2019. */
const EARLIEST = '2019-08-20'

export default function LoanReport() {
  const { state: gate, scope, reload: reloadScope, retry: retryScope } = useReviewerScope(isLeague)
  const divisions = useDivisions()
  const todayYmd = today()
  const [from, setFrom] = useState(`${todayYmd.slice(0, 4)}-01-01`)
  const [to, setTo] = useState(todayYmd)
  const [countyCode, setCountyCode] = useState('')
  const [sheet, setSheet] = useState(false)

  const input: InputOf<'loan.report'> = { from, to, ...(countyCode ? { countyCode } : {}) }
  const key = JSON.stringify(input)
  const { state, reload, retry } = usePageState(() => call('loan.report', input), [key], !!scope)
  const { exporting, exported, run: exportNow, reopen } = useWorkbookExport(() => call('loan.exportReport', input), { madeOf: key })
  usePullDownRefresh(() => {
    void (scope ? reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })

  const counties = useMemo(() => (divisions ? divisions.counties : []), [divisions])

  const ranges = [
    { label: '今年', from: `${todayYmd.slice(0, 4)}-01-01`, to: todayYmd },
    { label: '去年', from: `${Number(todayYmd.slice(0, 4)) - 1}-01-01`, to: `${Number(todayYmd.slice(0, 4)) - 1}-12-31` },
    { label: '近 12 个月', from: addDays(`${Number(todayYmd.slice(0, 4)) - 1}${todayYmd.slice(4)}`, 1), to: todayYmd },
    { label: '全部', from: EARLIEST, to: todayYmd },
  ]

  const city = !!scope?.city
  const scopeName = countyCode ? (counties.find((c) => c.code === countyCode)?.name ?? '') : city ? '全市' : (scope?.counties ?? []).map((c) => c.name).join('、')

  return (
    <View className={`ln-page loan-report${scope ? ' ln-page--with-bar' : ''}`}>
      {scope && (
        <View className='panel-top loan-report__top'>
          <View className='loan-report__period'>
            <Picker mode='date' value={from} start={EARLIEST} end={to} onChange={(e) => setFrom(String(e.detail.value))}>
              <View className='loan-report__date loan-report__from' hoverClass='ln-pressed'>
                <Text className='loan-report__date-cap'>开始</Text>
                <Text className='loan-report__date-value'>{from}</Text>
              </View>
            </Picker>
            <Text className='loan-report__to'>至</Text>
            <Picker mode='date' value={to} start={from} end={todayYmd} onChange={(e) => setTo(String(e.detail.value))}>
              <View className='loan-report__date loan-report__until' hoverClass='ln-pressed'>
                <Text className='loan-report__date-cap'>结束</Text>
                <Text className='loan-report__date-value'>{to}</Text>
              </View>
            </Picker>
          </View>
          <View className='panel-filters'>
            {ranges.map((r) => (
              <View
                key={r.label}
                className={`panel-chip ${from === r.from && to === r.to ? 'panel-chip--on' : ''}`}
                hoverClass='panel-chip--pressed'
                onClick={() => {
                  setFrom(r.from)
                  setTo(r.to)
                }}
              >
                <Text className='panel-chip__text'>{r.label}</Text>
              </View>
            ))}
            {city && <QueueChip on={!!countyCode} text={countyCode ? scopeName : '全市'} onClick={() => setSheet(true)} />}
          </View>
        </View>
      )}

      <PageStates gate={gate} state={state} retry={scope ? retry : retryScope} denied={reviewerDenied('league')}>
        {(report) => <ReportBody report={report} scopeName={scopeName} showCounties={city && !countyCode} />}
      </PageStates>

      {scope && (
        <ExportBar
          label='导出所选期间的统计'
          value={`${from.replace(/-/g, '.')}–${to.replace(/-/g, '.')}`}
          exporting={exporting}
          exported={!!exported}
          onExport={() => void exportNow()}
          onReopen={reopen}
          className='loan-report'
        />
      )}

      <CountySheet visible={sheet} counties={counties} value={countyCode} onSelect={setCountyCode} onClose={() => setSheet(false)} />
    </View>
  )
}

function ReportBody({ report, scopeName, showCounties }: { report: Report; scopeName: string; showCounties: boolean }) {
  const t = report.total
  const byCounty = [...report.byCounty].sort((a, b) => b.lentFen - a.lentFen || b.applications - a.applications)
  const maxLent = Math.max(1, ...byCounty.map((r) => r.lentFen))
  const typeTotal = report.byType.reduce((n, x) => n + x.lentFen, 0)
  const statusTotal = report.byStatus.reduce((n, x) => n + x.count, 0)
  return (
    <View className='loan-report__body'>
      <View className='loan-report__head'>
        <Text className='loan-report__scope'>{scopeName}</Text>
        <Text className='loan-report__range'>
          {report.from} 至 {report.to}
        </Text>
      </View>
      <View className='loan-report__figures'>
        <Figure className='loan-report__figure--loans' value={String(t.loans)} unit='笔' label='放款' />
        <Figure className='loan-report__figure--lent' value={wan(t.lentFen)} unit='万元' label='放款金额' strong />
        {t.subsidyFen >= 1_000_000 ? (
          <Figure className='loan-report__figure--subsidy' value={wan(t.subsidyFen)} unit='万元' label='核准贴息' />
        ) : (
          <Figure className='loan-report__figure--subsidy' value={yuanShort(t.subsidyFen).replace(' 元', '')} unit='元' label='核准贴息' />
        )}
        <Figure value={String(t.projects)} unit='个' label='扶持项目' />
        <Figure value={String(t.jobsCreated)} unit='人' label={`带动就业（核实 ${t.jobsConfirmed}）`} className='loan-report__figure--jobs' />
        <Figure value={String(t.householdsHelped)} unit='户' label={`帮扶困难户（核实 ${t.householdsConfirmed}）`} className='loan-report__figure--households' />
      </View>
      <Text className='loan-report__note'>放款、金额、项目、就业与帮扶按期间内放款统计（就业、帮扶为申请承诺数，括号内为放款满一年后县团委核实数）；贴息按期间内核准统计；申请按提交时间统计（期间内共 {t.applications} 份）。</Text>

      {showCounties && (
        <Section title='各县（市、区）放款' extra={<Text>万元</Text>} className='loan-report__counties'>
          {byCounty.map((r) => (
            <View key={r.countyCode} className={`loan-bar${r.lentFen === 0 ? ' loan-bar--zero' : ''}`} data-county={r.countyName}>
              <Text className='loan-bar__name'>{r.countyName}</Text>
              <View className='loan-bar__track'>
                <View className='loan-bar__fill' style={{ width: `${r.lentFen === 0 ? 0 : Math.max(2, Math.round((r.lentFen / maxLent) * 100))}%` }} />
              </View>
              <View className='loan-bar__figures'>
                <Text className='loan-bar__value'>{wan(r.lentFen)}</Text>
                <Text className='loan-bar__count'>
                  {r.loans} 笔 · 申请 {r.applications}
                </Text>
              </View>
            </View>
          ))}
        </Section>
      )}

      <Section title='按项目类型' extra={<Text>放款金额占比</Text>} className='loan-report__types'>
        <View className='loan-stack'>
          {typeTotal === 0 ? (
            <View className='loan-stack__empty' />
          ) : (
            report.byType
              .filter((x) => x.lentFen > 0)
              .map((x) => <View key={x.type} className='loan-stack__part' style={{ width: `${(x.lentFen / typeTotal) * 100}%`, background: TYPE_COLORS[report.byType.indexOf(x) % TYPE_COLORS.length] }} />)
          )}
        </View>
        {report.byType.map((x, i) => (
          <View key={x.type} className={`loan-type-row${x.loans === 0 ? ' loan-type-row--zero' : ''}`} data-type={x.type}>
            <View className='loan-type-row__swatch' style={{ background: TYPE_COLORS[i % TYPE_COLORS.length] }} />
            <Text className='loan-type-row__name'>{PROJECT_TYPE_LABELS[x.type]}</Text>
            <Text className='loan-type-row__count'>{x.loans} 笔</Text>
            <Text className='loan-type-row__amount'>{wan(x.lentFen)} 万元</Text>
            <Text className='loan-type-row__share'>{typeTotal > 0 ? `${Math.round((x.lentFen / typeTotal) * 100)}%` : '—'}</Text>
          </View>
        ))}
      </Section>

      <Section title='申请状态' extra={<Text>{statusTotal} 份</Text>} className='loan-report__statuses'>
        {report.byStatus.length === 0 ? (
          <Text className='ln-empty-line'>期间内没有提交的申请</Text>
        ) : (
          <View className='loan-statuses'>
            {report.byStatus.map((s) => (
              <View key={s.status} className='loan-statuses__item' data-status={s.status}>
                <Text className='loan-statuses__count'>{s.count}</Text>
                <Tag tone={STATUS_TONE[s.status]}>{LOAN_STATUS_LABELS[s.status]}</Tag>
              </View>
            ))}
          </View>
        )}
      </Section>
    </View>
  )
}

function Figure({ value, unit, label, strong, className }: { value: string; unit: string; label: string; strong?: boolean; className?: string }) {
  return (
    <View className={`loan-report__figure${strong ? ' loan-report__figure--strong' : ''} ${className ?? ''}`}>
      <Text className={`loan-report__num${value.length > 6 ? ' loan-report__num--long' : ''}`}>
        {value}
        <Text className='loan-report__unit'>{unit}</Text>
      </Text>
      <Text className='loan-report__label'>{label}</Text>
    </View>
  )
}
