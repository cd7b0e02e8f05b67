// 贷款申请（县、市团委）: the application as a reviewer reads it, and what the league decides:
// 通过 / 退回补充材料 / 不通过 at the county or city stage (a note, required to return or
// reject, and a confirmation), and the city's approval of each subsidy period that is over, in
// order, and each approved period's payment (date and transfer reference) as the finance department
// made it.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { LOAN_STAGE_LABELS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { isLeague, useLoan, useReviewerScope } from '@/components/loan/data'
import { quarterLabel, yuan } from '@/components/loan/format'
import { backToList, loanNotFound, reviewDenied } from '@/components/loan/gate'
import { ReviewBody } from '@/components/loan/review'
import { Section } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { markChanged } from '@/services/changes'
import { SubsidyPaymentForm } from './payment-form'
import { OutcomesSection } from '@/components/loan/outcomes'

import './index.scss'

type Decision = 'approve' | 'return' | 'reject'

const NEXT_STEP = { county: '团市委审核', city: '合作银行审批' } as const

const back = backToList(ROUTES.lending, '返回列表')

const stageOf = (d: LoanDetail) => (d.can.decide === 'county' || d.can.decide === 'city' ? d.can.decide : null)

export default function LendingDetail() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const scope = useReviewerScope(isLeague)
  const { state, reload, retry, set } = useLoan(id, !!scope.scope)
  const stage = state.kind === 'ready' && scope.scope ? stageOf(state.data) : null

  return (
    <View className={`ln-page lending-detail${stage ? ' ln-page--with-bar' : ''}`}>
      <PageStates gate={scope.state} state={state} retry={scope.scope ? retry : scope.retry} denied={reviewDenied('league', scope.state, state, back)} notFound={loanNotFound(back)}>
        {(d) => <Review d={d} set={set} reload={reload} />}
      </PageStates>
    </View>
  )
}

function Review({ d, set, reload }: { d: LoanDetail; set: (d: LoanDetail) => void; reload: (quiet?: boolean) => Promise<void> }) {
  const [deciding, setDeciding] = useState<Decision | null>(null)
  const [approving, setApproving] = useState('')
  const stage = stageOf(d)
  const due = d.schedule.filter((p) => p.status === 'due')

  const decide = async (decision: Decision, note: string) => {
    if (!stage) return
    const input = { id: d.id, decision, note }
    try {
      const next: LoanDetail = stage === 'county' ? await call('loan.countyDecide', input) : await call('loan.cityDecide', input)
      set(next)
      setDeciding(null)
      markChanged('lending', 'home')
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : decision === 'return' ? '已退回' : '已处理', icon: 'success' })
    } catch (err) {
      // Someone else may have acted meanwhile: show the application as it is now.
      void reload(true)
      throw new Error(errorMessage(err))
    }
  }

  const approveSubsidy = async (period: string, amountFen: number) => {
    if (approving) return
    const { confirm } = await Taro.showModal({
      title: '核准本期贴息',
      content: `核准${quarterLabel(period)}贴息 ${yuan(amountFen)}？金额由系统按规则计算，核准后不能撤销，申请人会收到通知。`,
      confirmText: '核准',
      confirmColor: '#1d8a4e',
    })
    if (!confirm) return
    setApproving(period)
    try {
      set(await call('loan.approveSubsidy', { id: d.id, period }))
      markChanged('lending', 'home')
      void Taro.showToast({ title: '贴息已核准', icon: 'success' })
    } catch (err) {
      void Taro.showModal({ title: '未能核准', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
      void reload(true)
    } finally {
      setApproving('')
    }
  }

  const paid = (next: LoanDetail) => {
    set(next)
    markChanged('lending', 'home')
  }
  const payment = d.can.paySubsidy ? <SubsidyPaymentForm d={d} onDone={paid} onStale={() => void reload(true)} /> : null

  const subsidyActions =
    d.can.approveSubsidy && due.length > 0 ? (
      <Section title='待核准贴息' extra={<Text>{due.length} 期</Text>} className='lending-subsidy'>
        <Text className='ln-hint'>按期依次核准；金额由系统按「剩余本金 × 贴息利率 × 天数 ÷ 计息天数」计算。</Text>
        {due.map((p, i) => (
          <View key={p.key} className='lending-subsidy__row' data-period={p.key}>
            <View className='lending-subsidy__main'>
              <Text className='lending-subsidy__key'>{quarterLabel(p.key)}</Text>
              <Text className='lending-subsidy__dates'>
                {p.start} 至 {p.end} · {p.days} 天
              </Text>
            </View>
            <View className='lending-subsidy__side'>
              <Text className='lending-subsidy__amount'>{yuan(p.amountFen)}</Text>
              {i === 0 ? (
                <Button kind='green' small busy={approving === p.key} className='lending-subsidy__approve' onClick={() => void approveSubsidy(p.key, p.amountFen)}>
                  核准本期贴息
                </Button>
              ) : (
                <Text className='lending-subsidy__wait'>上一期核准后</Text>
              )}
            </View>
          </View>
        ))}
      </Section>
    ) : stage ? (
      <View className='lending-stage'>
        <Text className='lending-stage__title'>待你审核：{LOAN_STAGE_LABELS[stage]}</Text>
        <Text className='lending-stage__text'>核对申请人、项目和材料后作出决定。通过后转{NEXT_STEP[stage]}；退回或不通过须写明理由，申请人会收到通知。</Text>
      </View>
    ) : null

  const dialog =
    deciding === 'approve'
      ? { title: '审核通过', message: `通过后将转${stage ? NEXT_STEP[stage] : '下一环节'}，申请人会收到通知。`, confirmText: '确认通过', required: false, placeholder: '审核意见（选填），例如：项目真实，材料齐全' }
      : deciding === 'return'
        ? { title: '退回补充材料', message: '申请人补充后重新提交，会回到你这里审核。', confirmText: '确认退回', required: true, placeholder: '请写明需要补充或修改的内容（必填）' }
        : { title: '审核不通过', message: '不通过后申请结束办理，申请人会收到通知和理由。', confirmText: '确认不通过', required: true, placeholder: '请写明不通过的理由（必填）' }

  return (
    <>
      <ReviewBody
        d={d}
        actions={
          <>
            {subsidyActions}
            {payment}
            <OutcomesSection d={d} onDone={paid} />
          </>
        }
      />

      {stage && (
        <View className='ln-bar lending-detail__bar'>
          <Button kind='danger' className='lending-detail__reject' onClick={() => setDeciding('reject')}>
            不通过
          </Button>
          <Button kind='outline' className='lending-detail__return' onClick={() => setDeciding('return')}>
            退回补充
          </Button>
          <Button className='lending-detail__approve' onClick={() => setDeciding('approve')}>
            通过
          </Button>
        </View>
      )}

      <NoteDialog
        visible={!!deciding}
        title={dialog.title}
        message={dialog.message}
        required={dialog.required}
        placeholder={dialog.placeholder}
        confirmText={dialog.confirmText}
        danger={deciding === 'reject'}
        className={`lending-decide lending-decide--${deciding ?? ''}`}
        onConfirm={(note) => decide(deciding!, note)}
        onClose={() => setDeciding(null)}
      />
    </>
  )
}
