// 申请详情（申请人）: where the application stands (subscribe messages open this page), what a
// reviewer asked for or why it was not approved, the application and its documents, the bank's
// approval and disbursement, the subsidy schedule and the timeline; 撤回 before the bank approves.
import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { openDocument, useLoan } from '@/components/loan/data'
import { ApplicationFacts, DocumentsSection, LendingFacts, LoanHero } from '@/components/loan/parts'
import { InstalmentsSection, OverdueBanner } from '@/components/loan/instalments'
import { OutcomesSection } from '@/components/loan/outcomes'
import { RepaymentsSection, ScheduleSection, Timeline } from '@/components/loan/schedule'
import { Banner } from '@/components/loan/ui'
import { backToList, loanDenied, loanNotFound } from '@/components/loan/gate'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'

import './index.scss'

const back = backToList(ROUTES.loan, '返回贷款首页')

export default function LoanDetailPage() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload, retry, set } = useLoan(id)
  const shown = useRef(false)

  // Back from the apply page (after a resubmission): fresh state.
  useDidShow(() => {
    if (shown.current) void reload(true)
    shown.current = true
  })

  const d = state.kind === 'ready' ? state.data : null
  const bar = !!d && (d.can.edit || d.can.withdraw)

  return (
    <View className={`ln-page loan-detail${bar ? ' ln-page--with-bar' : ''}`}>
      <PageStates state={state} retry={retry} denied={loanDenied(state.kind === 'denied' ? state.message : undefined, back)} notFound={loanNotFound(back)}>
        {(d) => <Detail d={d} set={set} />}
      </PageStates>
    </View>
  )
}

function Detail({ d, set }: { d: LoanDetail; set: (d: LoanDetail) => void }) {
  const [withdrawing, setWithdrawing] = useState(false)
  const edit = () => void Taro.navigateTo({ url: `${ROUTES.loanApply}?id=${d.id}` })

  const withdraw = async (reason: string) => {
    try {
      set(await call('loan.withdraw', { id: d.id, reason }))
      setWithdrawing(false)
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (err) {
      throw new Error(errorMessage(err))
    }
  }

  const bar = d.can.edit || d.can.withdraw

  return (
    <>
      <LoanHero d={d} viewer='applicant' />

      {d.status === 'returned' && (
        <Banner tone='amber' title='请补充材料后重新提交' action={{ text: '补充材料', onClick: edit }} className='loan-detail__returned'>
          <Text>{d.returnNote || '审核人员退回了申请，请按要求补充。'}</Text>
        </Banner>
      )}
      {d.status === 'rejected' && (
        <Banner tone='red' title='申请未通过' className='loan-detail__rejected'>
          <Text>{d.rejectReason || '未说明理由'}</Text>
        </Banner>
      )}
      {d.status === 'draft' && (
        <Banner tone='grey' title={d.missing.length > 0 ? `还差 ${d.missing.length} 项即可提交` : '已填写完整，可以提交了'} action={{ text: '继续填写', onClick: edit }}>
          {d.missing.length > 0 ? <Text>{d.missing.join('、')}</Text> : null}
        </Banner>
      )}
      {d.status === 'approved' && d.approval && (
        <Banner tone='blue' title='银行已批准' className='loan-detail__approved'>
          <Text>
            批准金额、利率和期限见下方；放款后这里会显示贴息计划。
          </Text>
        </Banner>
      )}

      <OverdueBanner d={d} />
      <InstalmentsSection d={d} />
      <ScheduleSection d={d} />
      <LendingFacts d={d} />
      <RepaymentsSection d={d} />
      <OutcomesSection d={d} onDone={set} />
      <Timeline history={d.history} />
      <ApplicationFacts d={d} />
      <DocumentsSection documents={d.documents} onOpen={(doc) => void openDocument(doc, d.documents)} />

      {bar && (
        <View className='ln-bar'>
          {d.can.withdraw && (
            <Button kind='danger' className='loan-detail__withdraw' onClick={() => setWithdrawing(true)}>
              撤回申请
            </Button>
          )}
          {d.can.edit && (
            <Button className='loan-detail__edit' onClick={edit}>
              {d.status === 'returned' ? '补充材料' : '继续填写'}
            </Button>
          )}
        </View>
      )}

      <NoteDialog
        visible={withdrawing}
        title='撤回申请'
        message={
          <View>
            <Text>撤回后这份申请将结束办理，不能恢复；如仍需贷款，可重新申请。</Text>
          </View>
        }
        placeholder='撤回原因（选填）'
        confirmText='确认撤回'
        danger
        onConfirm={withdraw}
        onClose={() => setWithdrawing(false)}
        className='loan-detail__withdraw-dialog'
      />
    </>
  )
}
