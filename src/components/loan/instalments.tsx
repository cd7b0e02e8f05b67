// The repayment schedule (还款计划) every loan page shows once the bank has disbursed: what each
// month's instalment is (principal + interest, as the contract set them at disbursement), where it
// stands against what the bank recorded, and — when an instalment is unpaid after its due date —
// how long and how much the loan is overdue. A long schedule shows the months that matter (the
// overdue and partly paid, the next ones due, the last paid) and opens in full on request.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { LoanDetail } from '@contract/loan'
import { INSTALMENT_STATUS_LABELS, REPAYMENT_LABELS, REPAYMENT_TIMING_LABELS, type InstalmentStatus } from '@contract/vocabulary'
import { yuan, yuanShort } from './format'
import { FOLDED_ROWS, foldedInstalments, nextInstalment } from './instalment-rows'
import { Banner, Section } from './ui'
import { Tag, type TagTone } from '@/components/ui/Tag'

import './schedule.scss'
import './instalments.scss'

const STATUS_TONE: Record<InstalmentStatus, TagTone> = { paid: 'green', partial: 'amber', due: 'grey', overdue: 'red' }

export function OverdueBanner({ d }: { d: LoanDetail }) {
  if (!d.overdue) return null
  const o = d.overdue
  return (
    <Banner tone='red' title={`逾期 ${o.daysPastDue} 天`} className='ln-overdue'>
      <Text>
        {o.dueOn} 到期的一期尚未还清，逾期金额 {yuan(o.amountFen)}（自 {o.since} 起）。逾期期间的贴息按规定不予发放，还清后恢复。
      </Text>
    </Banner>
  )
}

export function InstalmentsSection({ d }: { d: LoanDetail }) {
  const [all, setAll] = useState(false)
  const x = d.disbursement
  if (!x || d.instalments.length === 0) return null
  const rows = all ? d.instalments : foldedInstalments(d.instalments)
  const paid = d.instalments.filter((r) => r.status === 'paid').length
  const totalInterest = d.instalments.reduce((n, r) => n + r.interestFen, 0)
  const paidInterest = d.repayments.reduce((n, r) => n + r.interestFen, 0)
  const next = nextInstalment(d)
  return (
    <Section title='还款计划' extra={<Text>{REPAYMENT_LABELS[x.repaymentType]} · 共 {d.instalments.length} 期</Text>} className='ln-instalments'>
      <View className='ln-schedule__totals'>
        <View className='ln-schedule__total'>
          <Text className='ln-schedule__num'>{yuanShort(d.outstandingFen)}</Text>
          <Text className='ln-schedule__cap'>剩余本金</Text>
        </View>
        <View className='ln-schedule__total'>
          <Text className='ln-schedule__num'>
            {paid}/{d.instalments.length}
          </Text>
          <Text className='ln-schedule__cap'>已还清期数</Text>
        </View>
        <View className='ln-schedule__total'>
          <Text className={`ln-schedule__num${d.overdue ? ' ln-schedule__num--red' : ''}`}>{next ? next.dueOn.slice(5) : '—'}</Text>
          <Text className='ln-schedule__cap'>{next ? (next.status === 'overdue' ? '逾期未还' : '下次还款') : '已全部还清'}</Text>
        </View>
      </View>
      <Text className='ln-instalments__rule'>
        利息按月计（{x.instalmentInterestBasis}，执行年利率 ÷ 12 × 剩余本金），合同利息合计 {yuan(totalInterest)}，已付利息 {yuan(paidInterest)}。提前或部分还款后，此后各期利息按实际剩余本金计算。
      </Text>
      <View className='ln-instalments__head'>
        <Text className='ln-instalments__col ln-instalments__col--no'>期</Text>
        <Text className='ln-instalments__col ln-instalments__col--date'>到期日</Text>
        <Text className='ln-instalments__col ln-instalments__col--money'>本金 + 利息</Text>
        <Text className='ln-instalments__col ln-instalments__col--state'>状态</Text>
      </View>
      {rows.map((r, i) => {
        const gap = i > 0 && rows[i - 1].number !== r.number - 1
        return (
          <View key={r.number}>
            {gap && <Text className='ln-instalments__gap'>⋯</Text>}
            <View className={`ln-instalment ln-instalment--${r.status}`} data-number={r.number}>
              <Text className='ln-instalments__col ln-instalments__col--no'>{r.number}</Text>
              <Text className='ln-instalments__col ln-instalments__col--date'>{r.dueOn}</Text>
              <View className='ln-instalments__col ln-instalments__col--money'>
                <Text className='ln-instalment__total'>{yuan(r.principalFen + r.interestDueFen)}</Text>
                <Text className='ln-instalment__parts'>
                  本 {yuanShort(r.principalFen)} · 息 {yuanShort(r.interestDueFen)}
                </Text>
                {r.status === 'partial' || (r.status === 'overdue' && r.paidPrincipalFen + r.paidInterestFen > 0) ? (
                  <Text className='ln-instalment__paid'>已还 {yuan(r.paidPrincipalFen + r.paidInterestFen)}</Text>
                ) : null}
              </View>
              <View className='ln-instalments__col ln-instalments__col--state'>
                <Tag tone={STATUS_TONE[r.status]} className='ln-instalment__status'>
                  {INSTALMENT_STATUS_LABELS[r.status]}
                </Tag>
                {r.paidOn ? <Text className='ln-instalment__on'>{r.paidOn.slice(5)} 还清</Text> : null}
              </View>
            </View>
          </View>
        )
      })}
      {d.instalments.length > FOLDED_ROWS && (
        <View className='ln-instalments__more' hoverClass='ln-pressed' onClick={() => setAll(!all)}>
          <Text>{all ? '收起' : `展开全部 ${d.instalments.length} 期`}</Text>
        </View>
      )}
    </Section>
  )
}

/** A repayment's place against the schedule, as a tag. */
export function TimingTag({ timing }: { timing: keyof typeof REPAYMENT_TIMING_LABELS }) {
  const tone: TagTone = timing === 'late' ? 'red' : timing === 'partial' ? 'amber' : timing === 'early' ? 'blue' : 'green'
  return (
    <Tag tone={tone} className={`ln-timing ln-timing--${timing}`}>
      {REPAYMENT_TIMING_LABELS[timing]}
    </Tag>
  )
}
