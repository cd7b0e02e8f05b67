// An application as a reviewer sees it (league and bank): the applicant with masked personal
// data (the full ID number and mobile on request, a read the function logs), what was asked
// for, the documents, the bank's facts, the subsidy schedule and the timeline.
import { useEffect, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { call, errorMessage } from '@/services/cloud'
import { openDocument } from './data'
import { ApplicationFacts, DocumentsSection, LendingFacts, LoanHero } from './parts'
import { InstalmentsSection, OverdueBanner } from './instalments'
import { RepaymentsSection, ScheduleSection, Timeline } from './schedule'
import { Banner, Row, Section } from './ui'

import './review.scss'

export function IdentitySection({ d }: { d: LoanDetail }) {
  const [clear, setClear] = useState<{ idNumber: string; mobile: string; payeeAccount: string } | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => setClear(null), [d.id])

  const reveal = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '查看完整身份信息',
      content: '完整身份证号、手机号和收款账号仅用于审核核对与贴息拨付。本次查看将被记录（查看人、时间），请勿截图或外传。',
      confirmText: '查看',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy(true)
    try {
      setClear(await call('loan.revealIdentity', { id: d.id }))
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title='申请人' className='ln-identity'>
      <Row label='姓名'>{d.applicantName}</Row>
      <Row label='身份证号'>
        <Text className={`panel-num ln-identity__id${clear ? ' ln-identity__id--clear' : ''}`}>{clear ? clear.idNumber || '—' : d.applicantIdMasked || '—'}</Text>
      </Row>
      <Row label='手机号'>
        <View className='ln-identity__phone'>
          <Text className='panel-num ln-identity__mobile'>{clear ? clear.mobile || '—' : d.applicantMobileMasked || '—'}</Text>
          {clear?.mobile ? (
            <Text className='ln-link' onClick={() => void Taro.makePhoneCall({ phoneNumber: clear.mobile })}>
              拨打
            </Text>
          ) : null}
        </View>
      </Row>
      <Row label='贴息收款'>
        {d.payee ? (
          <View className='ln-identity__payee'>
            <Text>
              {d.payee.accountName} · {d.payee.bankName}
            </Text>
            <Text className={`panel-num ln-identity__account${clear ? ' ln-identity__id--clear' : ''}`}>{clear ? clear.payeeAccount || '—' : d.payee.accountMasked}</Text>
          </View>
        ) : (
          '—'
        )}
      </Row>
      {d.can.revealIdentity && !clear && (
        <View className='ln-identity__reveal' hoverClass='ln-pressed' onClick={() => void reveal()}>
          <Text className='ln-identity__reveal-text'>{busy ? '正在读取…' : '查看完整身份信息'}</Text>
          <Text className='ln-identity__reveal-note'>查看将被记录（留痕）</Text>
        </View>
      )}
      {clear && <Text className='ln-identity__logged'>本次查看已记录查看人和时间，请勿截图或外传。</Text>}
    </Section>
  )
}

/** Everything a reviewer reads, top to bottom; `actions` go right under the header. */
export function ReviewBody({ d, actions, scheduleFooter }: { d: LoanDetail; actions?: ReactNode; scheduleFooter?: ReactNode }) {
  return (
    <View className='ln-review'>
      <LoanHero d={d} viewer='reviewer' />
      {d.status === 'returned' && d.returnNote && (
        <Banner tone='amber' title='已退回申请人补充材料'>
          <Text>{d.returnNote}</Text>
        </Banner>
      )}
      {d.lastChanges.length > 0 && ['submitted', 'city_review', 'bank_review'].includes(d.status) && (
        <Banner tone='amber' title='申请人退回后修改了申请'>
          {d.lastChanges.map((change) => (
            <Text key={change} className='ln-review__change'>
              {change}
            </Text>
          ))}
        </Banner>
      )}
      {d.status === 'rejected' && d.rejectReason && (
        <Banner tone='red' title='未通过的理由'>
          <Text>{d.rejectReason}</Text>
        </Banner>
      )}
      <OverdueBanner d={d} />
      {actions}
      <IdentitySection d={d} />
      <ApplicationFacts d={d} title='贷款申请' />
      <DocumentsSection documents={d.documents} onOpen={(doc) => void openDocument(doc, d.documents)} />
      <LendingFacts d={d} />
      <InstalmentsSection d={d} />
      <RepaymentsSection d={d} />
      <ScheduleSection d={d} footer={scheduleFooter} />
      <Timeline history={d.history} />
    </View>
  )
}
