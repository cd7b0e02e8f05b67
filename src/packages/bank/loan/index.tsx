// 贷款受理（合作银行）: the application as the bank sees it, and the bank's forms — the decision
// (批准 with amount ≤ requested, annual rate and term; 退回 or 不予批准 with a note), the
// disbursement (amount ≤ approved, date, rate, repayment type; the result reports the
// LPR-capped subsidy rate), and repayments of principal against what is outstanding. Each form is
// in its own file; what they share (values, errors, the send) is components/loan/use-action.
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { ROUTES } from '@/constants/routes'
import { decodeParam } from '@/components/admin/shared'
import { isBank, useLoan, useReviewerScope } from '@/components/loan/data'
import { backToList, loanNotFound, reviewDenied } from '@/components/loan/gate'
import { ReviewBody } from '@/components/loan/review'
import { PageStates } from '@/components/ui/PageStates'
import { markChanged } from '@/services/changes'
import { DecisionForm } from './decision-form'
import { DisburseForm } from './disburse-form'
import { RepaymentForm } from './repayment-form'

import './index.scss'

const back = backToList(ROUTES.bank, '返回列表')

export default function BankLoan() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const scope = useReviewerScope(isBank)
  const { state, reload, retry, set } = useLoan(id, !!scope.scope)

  const done = (next: LoanDetail) => {
    set(next)
    markChanged('bank')
  }
  const stale = () => void reload(true)
  return (
    <View className='ln-page bank-loan'>
      <PageStates gate={scope.state} state={state} retry={scope.scope ? retry : scope.retry} denied={reviewDenied('bank', scope.state, state, back)} notFound={loanNotFound(back)}>
        {(d) => (
          <ReviewBody
            d={d}
            actions={
              <>
                {d.can.decide === 'bank' && <DecisionForm d={d} onDone={done} onStale={stale} />}
                {d.can.disburse && <DisburseForm d={d} onDone={done} onStale={stale} />}
                {d.can.repay && <RepaymentForm d={d} onDone={done} onStale={stale} />}
              </>
            }
          />
        )}
      </PageStates>
    </View>
  )
}
