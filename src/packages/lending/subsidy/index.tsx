// 贴息拨付汇总（县、市团委，供财务）: per subsidy period (quarter), how many loans, the subsidy
// approved, paid and still to pay, and what arrears forfeited — for a year or every year, the city
// or one county — with the totals, a bar per period (paid beside unpaid), and the Excel workbook
// of the same figures with each loan's line behind them.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import type { SubsidyStatement } from '@contract/loan'
import { call } from '@/services/cloud'
import { useDivisions } from '@/components/admin/shared'
import { isLeague, useReviewerScope } from '@/components/loan/data'
import { quarterLabel, yuan, yuanShort } from '@/components/loan/format'
import { reviewerDenied } from '@/components/loan/gate'
import { QueueChip } from '@/components/loan/queue'
import { CountySheet, ExportBar, Section } from '@/components/loan/ui'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { usePageState } from '@/components/ui/page-state'
import { today } from '@/components/ui/format'
import { useWorkbookExport } from '@/components/ui/use-workbook-export'

import './index.scss'

/** The first subsidy period the programme can have (the LPR reform, 2019-08). */
const FIRST_YEAR = 2019

export default function SubsidyStatementPage() {
  const { state: gate, scope, reload: reloadScope, retry: retryScope } = useReviewerScope(isLeague)
  const divisions = useDivisions()
  const year = Number(today().slice(0, 4))
  const [range, setRange] = useState<number | 'all'>(year)
  const [countyCode, setCountyCode] = useState('')
  const [sheet, setSheet] = useState(false)

  const input: InputOf<'loan.subsidyStatement'> = {
    // Without a range the function reads this year; every year is asked for by its bounds.
    ...(range === 'all' ? { from: `${FIRST_YEAR}-Q1`, to: `${year}-Q4` } : { from: `${range}-Q1`, to: `${range}-Q4` }),
    ...(countyCode ? { countyCode } : {}),
  }
  const key = JSON.stringify(input)
  const { state, reload, retry } = usePageState(() => call('loan.subsidyStatement', input), [key], !!scope)
  const { exporting, exported, run: exportNow, reopen } = useWorkbookExport(() => call('loan.exportSubsidyStatement', input), { madeOf: key })
  usePullDownRefresh(() => {
    void (scope ? reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })

  const counties = useMemo(() => (divisions ? divisions.counties : []), [divisions])
  const city = !!scope?.city
  const scopeName = countyCode ? (counties.find((c) => c.code === countyCode)?.name ?? '') : city ? '全市' : (scope?.counties ?? []).map((c) => c.name).join('、')
  const years = [year, year - 1, year - 2].filter((y) => y >= FIRST_YEAR)

  return (
    <View className={`ln-page subsidy-statement${scope ? ' ln-page--with-bar' : ''}`}>
      {scope && (
        <View className='panel-top'>
          <View className='panel-filters'>
            {[...years, 'all' as const].map((r) => (
              <View key={r} className={`panel-chip subsidy-statement__range ${range === r ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setRange(r)}>
                <Text className='panel-chip__text'>{r === 'all' ? '全部年度' : `${r} 年`}</Text>
              </View>
            ))}
            {city && <QueueChip on={!!countyCode} text={countyCode ? scopeName : '全市'} onClick={() => setSheet(true)} />}
          </View>
        </View>
      )}

      <PageStates gate={gate} state={state} retry={scope ? retry : retryScope} denied={reviewerDenied('league')}>
        {(statement) => <StatementBody statement={statement} scopeName={scopeName} />}
      </PageStates>

      {scope && (
        <ExportBar
          label='导出贴息汇总与逐笔明细'
          value={`${scopeName} · ${range === 'all' ? '全部年度' : `${range} 年`}`}
          exporting={exporting}
          exported={!!exported}
          onExport={() => void exportNow()}
          onReopen={reopen}
          className='subsidy-statement'
        />
      )}

      <CountySheet visible={sheet} counties={counties} value={countyCode} onSelect={setCountyCode} onClose={() => setSheet(false)} />
    </View>
  )
}

function StatementBody({ statement, scopeName }: { statement: SubsidyStatement; scopeName: string }) {
  const t = statement.total
  if (statement.periods.length === 0) {
    return <StateView tone='muted' className='subsidy-statement__empty' title='这段时间没有核准的贴息' desc='团市委核准各期贴息后，这里按贴息期汇总核准、拨付和待拨付金额。' />
  }
  const max = Math.max(1, ...statement.periods.map((p) => p.approvedFen))
  return (
    <View className='subsidy-statement__body'>
      <View className='subsidy-statement__hero'>
        <Text className='subsidy-statement__scope'>{scopeName}</Text>
        <View className='subsidy-statement__figures'>
          <Figure label='核准贴息' value={yuanShort(t.approvedFen)} className='subsidy-statement__approved' />
          <Figure label='已拨付' value={yuanShort(t.paidFen)} tone='green' className='subsidy-statement__paid' />
          <Figure label='待拨付' value={yuanShort(t.unpaidFen)} tone={t.unpaidFen > 0 ? 'amber' : undefined} className='subsidy-statement__unpaid' />
        </View>
        <Text className='subsidy-statement__note'>
          {t.loans} 笔贷款{t.forfeitedFen > 0 ? ` · 逾期扣减贴息 ${yuan(t.forfeitedFen)}` : ''} · {statement.from && statement.to ? `${quarterLabel(statement.from)} 至 ${quarterLabel(statement.to)}` : ''}
        </Text>
      </View>

      <Section title='按贴息期' extra={<Text>已拨付 / 待拨付</Text>} className='subsidy-statement__periods'>
        {statement.periods.map((p) => (
          <View key={p.period} className='subsidy-statement__period' data-period={p.period}>
            <View className='subsidy-statement__line'>
              <Text className='subsidy-statement__key'>{quarterLabel(p.period)}</Text>
              <Text className='subsidy-statement__loans'>{p.loans} 笔</Text>
              <Text className='subsidy-statement__amount'>{yuan(p.approvedFen)}</Text>
            </View>
            <View className='subsidy-statement__track'>
              <View className='subsidy-statement__bar subsidy-statement__bar--paid' style={{ width: `${(p.paidFen / max) * 100}%` }} />
              <View className='subsidy-statement__bar subsidy-statement__bar--unpaid' style={{ width: `${(p.unpaidFen / max) * 100}%` }} />
            </View>
            <Text className='subsidy-statement__split'>
              已拨付 {yuan(p.paidFen)} · 待拨付 {yuan(p.unpaidFen)}
              {p.forfeitedFen > 0 ? ` · 逾期扣减 ${yuan(p.forfeitedFen)}` : ''}
            </Text>
          </View>
        ))}
      </Section>
    </View>
  )
}

function Figure({ label, value, tone, className }: { label: string; value: string; tone?: 'green' | 'amber'; className?: string }) {
  return (
    <View className={`subsidy-statement__figure ${className ?? ''}`}>
      <Text className={`subsidy-statement__value${tone ? ` subsidy-statement__value--${tone}` : ''}`}>{value}</Text>
      <Text className='subsidy-statement__cap'>{label}</Text>
    </View>
  )
}
