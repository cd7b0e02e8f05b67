// How an application's money goes after disbursement: repayments, the subsidy schedule (a bar
// chart drawn with Views, and its periods) and the timeline of what happened.
import type { ReactNode } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import type { LoanDetail, LoanEventView, SubsidyPeriodView } from '@contract/loan'
import { eventLabel, percent, quarterLabel, yuan, yuanShort } from './format'
import { REPAYMENT_LABELS } from '@contract/vocabulary'
import { Section } from './ui'
import { dateTime } from '@/components/ui/format'
import { Tag } from '@/components/ui/Tag'
import { TimingTag } from './instalments'

import './schedule.scss'
import './timeline.scss'

export function RepaymentsSection({ d }: { d: LoanDetail }) {
  if (!d.disbursement) return null
  return (
    <Section title='还款记录' extra={<Text>剩余本金 {yuan(d.outstandingFen)}</Text>} className='ln-repays'>
      {d.repayments.length === 0 ? (
        <Text className='ln-empty-line'>暂无还款记录</Text>
      ) : (
        d.repayments.map((r, i) => (
          <View key={i} className={`ln-repay ln-repay--${r.timing}`}>
            <View className='ln-repay__main'>
              <Text className='ln-repay__date'>{r.date}</Text>
              <View className='ln-repay__timing'>
                <TimingTag timing={r.timing} />
              </View>
              {r.note ? <Text className='ln-repay__note'>{r.note}</Text> : null}
            </View>
            <View className='ln-repay__side'>
              <Text className='ln-repay__amount'>本金 {yuan(r.principalFen)}</Text>
              {r.interestFen > 0 ? <Text className='ln-repay__interest'>利息 {yuan(r.interestFen)}</Text> : null}
              <Text className='ln-repay__left'>剩余 {yuan(r.outstandingFen)}</Text>
            </View>
          </View>
        ))
      )}
    </Section>
  )
}

// ---- subsidy schedule ----------------------------------------------------------------------------

const PERIOD_STATUS: Record<SubsidyPeriodView['status'] | 'paid', { label: string; tone: 'green' | 'amber' | 'grey' | 'blue' }> = {
  paid: { label: '已拨付', tone: 'green' },
  approved: { label: '已核准', tone: 'blue' },
  due: { label: '待核准', tone: 'amber' },
  projected: { label: '预计', tone: 'grey' },
}

/** Where a period stands, paid being the last step after approval. */
export const periodStage = (p: SubsidyPeriodView) => (p.status === 'approved' && p.paidOn ? 'paid' : p.status)

/** The periods as bars (height ∝ amount), coloured by where each stands. */
export function ScheduleChart({ periods }: { periods: SubsidyPeriodView[] }) {
  const max = Math.max(1, ...periods.map((p) => p.amountFen))
  const scroll = periods.length > 8
  const bars = (
    <View className={`ln-chart__bars${scroll ? ' ln-chart__bars--scroll' : ''}`}>
      {periods.map((p, i) => (
        <View key={p.key} className='ln-chart__col'>
          <View className='ln-chart__track'>
            <View className={`ln-chart__bar ln-chart__bar--${p.status}`} style={{ height: `${Math.max(4, Math.round((p.amountFen / max) * 100))}%` }} />
          </View>
          <Text className='ln-chart__label'>{p.key.slice(5)}</Text>
          <Text className='ln-chart__year'>{i === 0 || p.key.endsWith('Q1') ? p.key.slice(0, 4) : ' '}</Text>
        </View>
      ))}
    </View>
  )
  return (
    <View className='ln-chart'>
      {scroll ? (
        <ScrollView scrollX className='ln-chart__scroll'>
          {bars}
        </ScrollView>
      ) : (
        bars
      )}
      <View className='ln-chart__legend'>
        <View className='ln-chart__key'>
          <View className='ln-chart__swatch ln-chart__bar--approved' />
          <Text>已核准</Text>
        </View>
        <View className='ln-chart__key'>
          <View className='ln-chart__swatch ln-chart__bar--due' />
          <Text>待核准</Text>
        </View>
        <View className='ln-chart__key'>
          <View className='ln-chart__swatch ln-chart__bar--projected' />
          <Text>预计</Text>
        </View>
      </View>
    </View>
  )
}

export function ScheduleSection({ d, footer }: { d: LoanDetail; footer?: ReactNode }) {
  const x = d.disbursement
  if (!x) return null
  const total = d.subsidyApprovedFen + d.subsidyProjectedFen
  return (
    <Section title='贴息计划' extra={<Text>按季度，{x.dayBasis} 天计息</Text>} className='ln-schedule'>
      <View className='ln-schedule__totals'>
        <View className='ln-schedule__total'>
          <Text className='ln-schedule__num ln-schedule__num--green'>{yuanShort(d.subsidyApprovedFen)}</Text>
          <Text className='ln-schedule__cap'>已核准贴息</Text>
          {d.subsidyApprovedFen > 0 ? <Text className='ln-schedule__sub'>已拨付 {yuanShort(d.subsidyPaidFen)}</Text> : null}
        </View>
        <View className='ln-schedule__total'>
          <Text className='ln-schedule__num'>{yuanShort(d.subsidyProjectedFen)}</Text>
          <Text className='ln-schedule__cap'>待核准及预计</Text>
        </View>
        <View className='ln-schedule__total'>
          <Text className='ln-schedule__num ln-schedule__num--brand'>{yuanShort(total)}</Text>
          <Text className='ln-schedule__cap'>贴息合计</Text>
        </View>
      </View>
      <Text className='ln-schedule__rule'>
        每期贴息 = 剩余本金 × 贴息利率 {percent(x.subsidyRateBp)} × 天数 ÷ {x.dayBasis}，逐日累计，按期四舍五入到分。预计部分按{REPAYMENT_LABELS[x.repaymentType]}的还款计划估算剩余本金，以实际还款为准。
      </Text>
      {d.schedule.length > 0 && <ScheduleChart periods={d.schedule} />}
      <View className='ln-periods'>
        {d.schedule.map((p, i) => (
          <View key={p.key} className={`ln-period ln-period--${p.status}${p.paidOn ? ' ln-period--paid' : ''}`} data-period={p.key}>
            <View className='ln-period__no'>
              <Text>{i + 1}</Text>
            </View>
            <View className='ln-period__main'>
              <Text className='ln-period__key'>{quarterLabel(p.key)}</Text>
              <Text className='ln-period__dates'>
                {p.start} 至 {p.end} · {p.days} 天
              </Text>
              <Text className='ln-period__principal'>
                本金 {yuanShort(p.openingFen)}
                {p.closingFen !== p.openingFen ? ` → ${yuanShort(p.closingFen)}` : ''}
              </Text>
              {p.status === 'approved' && p.approvedAt ? (
                <Text className='ln-period__approved'>
                  {dateTime(p.approvedAt, '—')} 核准{p.approvedBy ? ` · ${p.approvedBy}` : ''}
                </Text>
              ) : null}
              {p.paidOn ? (
                <Text className='ln-period__paid'>
                  {p.paidOn} 拨付 · 凭证 {p.transferRef}
                </Text>
              ) : null}
              {p.forfeitedFen > 0 || p.forfeitNote ? <Text className='ln-period__forfeit'>{p.forfeitNote || `逾期 ${p.overdueDays} 天，扣减贴息 ${yuan(p.forfeitedFen)}`}</Text> : null}
            </View>
            <View className='ln-period__side'>
              <Text className='ln-period__amount'>{yuan(p.amountFen)}</Text>
              <Tag tone={PERIOD_STATUS[periodStage(p)].tone} className='ln-period__status'>
                {PERIOD_STATUS[periodStage(p)].label}
              </Tag>
            </View>
          </View>
        ))}
      </View>
      {footer}
    </Section>
  )
}

// ---- timeline ------------------------------------------------------------------------------------

export function Timeline({ history }: { history: LoanEventView[] }) {
  const events = [...history].reverse()
  return (
    <Section title='办理进度' extra={<Text>{history.length} 条记录</Text>} className='ln-timeline'>
      {events.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`ln-event${i === 0 ? ' ln-event--latest' : ''}${/_reject$/.test(e.action) ? ' ln-event--bad' : /_return$/.test(e.action) ? ' ln-event--warn' : ''}`}>
          <View className='ln-event__rail'>
            <View className='ln-event__dot' />
            {i < events.length - 1 && <View className='ln-event__line' />}
          </View>
          <View className='ln-event__body'>
            <Text className='ln-event__title'>{eventLabel(e.action, e.actorRole)}</Text>
            <Text className='ln-event__meta'>
              {e.actorRole}
              {e.actorName && e.actorName !== e.actorRole ? ` · ${e.actorName}` : ''} · {dateTime(e.at, '—')}
            </Text>
            {e.note ? <Text className='ln-event__note'>{e.note}</Text> : null}
          </View>
        </View>
      ))}
    </Section>
  )
}
