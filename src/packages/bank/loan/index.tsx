// 贷款受理（合作银行）: the application as the bank sees it, and the bank's forms — the decision
// (批准 with amount ≤ requested, annual rate and term; 退回 or 不予批准 with a note), the
// disbursement (amount ≤ approved, date, rate, repayment type; the result reports the
// LPR-capped subsidy rate), and repayments of principal against what is outstanding.
import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { REPAYMENT_LABELS, REPAYMENT_TYPES, type RepaymentType } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { isBank, spreadText, useLoan, useLoanTerms, useReviewerScope } from '@/components/loan/data'
import { bpToInput, fenToInput, parsePercent, parseWhole, parseYuan, percent, yuan } from '@/components/loan/format'
import { backToList, loanNotFound, reviewDenied } from '@/components/loan/gate'
import { ReviewBody } from '@/components/loan/review'
import { Chips, DatePick, Field, UnitInput } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { addDays, today, ymd } from '@/components/ui/format'
import { markChanged } from '@/services/changes'

import './index.scss'

type Errors = Record<string, string>
type Decision = 'approve' | 'return' | 'reject'

/** Forgets a field's error once the field changes. */
const without = (field: string) => (e: Errors): Errors => {
  if (!e[field]) return e
  const rest = { ...e }
  delete rest[field]
  return rest
}

const serverError = (err: unknown, setErrors: (e: Errors) => void): boolean => {
  if (err instanceof CallError && err.field) {
    setErrors({ [err.field]: err.message })
    return true
  }
  return false
}

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

interface FormProps {
  d: LoanDetail
  onDone: (d: LoanDetail) => void
  /** Someone changed the application meanwhile: read it again. */
  onStale: () => void
}

// ---- 审批 ---------------------------------------------------------------------------------------------

function DecisionForm({ d, onDone, onStale }: FormProps) {
  const terms = useLoanTerms()
  const [decision, setDecision] = useState<Decision>('approve')
  const [amount, setAmount] = useState(fenToInput(d.amountFen))
  const [rate, setRate] = useState('')
  const [term, setTerm] = useState(d.termMonths ? String(d.termMonths) : '')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const e: Errors = {}
    let amountFen = 0
    let rateBp = 0
    let termMonths = 0
    if (decision === 'approve') {
      const a = parseYuan(amount, '批准金额')
      if (!a.ok) e.amountFen = a.error
      else if (a.value < 100_000) e.amountFen = '批准金额至少 1,000 元'
      else if (a.value > d.amountFen) e.amountFen = `批准金额不能超过申请金额 ${yuan(d.amountFen)}`
      else amountFen = a.value
      const r = parsePercent(rate, '执行年利率')
      if (!r.ok) e.rateBp = r.error
      else if (r.value <= 0) e.rateBp = '执行年利率应大于 0'
      else if (r.value > 2400) e.rateBp = '执行年利率不能超过 24%'
      else rateBp = r.value
      const t = parseWhole(term, '贷款期限', 3, 120, ' 个月')
      if (!t.ok) e.termMonths = t.error
      else termMonths = t.value
    } else if (note.trim().length < 2) e.note = '请写明理由（至少 2 个字），申请人会看到'
    setErrors(e)
    if (Object.keys(e).length > 0) return
    const content =
      decision === 'approve'
        ? `批准 ${yuan(amountFen)}，执行年利率 ${percent(rateBp)}，期限 ${termMonths} 个月。批准后申请人不能再撤回，请在放款后登记放款信息。`
        : decision === 'return'
          ? '退回申请人补充材料，补充后会回到本行审批。'
          : '不予批准后申请结束办理，申请人会收到通知和理由。'
    const { confirm } = await Taro.showModal({ title: decision === 'approve' ? '批准贷款' : decision === 'return' ? '退回补充材料' : '不予批准', content, confirmText: '确认', confirmColor: decision === 'reject' ? '#c8322a' : '#d93a2b' })
    if (!confirm) return
    setBusy(true)
    try {
      const next = await call('loan.bankDecide', decision === 'approve' ? { id: d.id, decision, note: note.trim(), amountFen, rateBp, termMonths } : { id: d.id, decision, note: note.trim() })
      onDone(next)
      void Taro.showToast({ title: decision === 'approve' ? '已批准' : decision === 'return' ? '已退回' : '已处理', icon: 'success' })
    } catch (err) {
      if (!serverError(err, setErrors)) {
        void Taro.showModal({ title: '未能提交', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
        onStale()
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='ln-form bank-form bank-decide'>
      <View className='ln-form__title'>
        <Text>银行审批</Text>
        <Text className='ln-form__sub'>申请 {yuan(d.amountFen)} · {d.termMonths} 个月</Text>
      </View>
      <Field field='decision' label='审批结果' required>
        <Chips
          className='bank-decide__choice'
          options={[
            { value: 'approve' as const, label: '批准' },
            { value: 'return' as const, label: '退回补充材料' },
            { value: 'reject' as const, label: '不予批准' },
          ]}
          value={decision}
          onChange={(v) => {
            setDecision(v)
            setErrors({})
          }}
        />
      </Field>
      {decision === 'approve' && (
        <>
          <Field field='amountFen' label='批准金额' required error={errors.amountFen} hint={`不超过申请金额 ${yuan(d.amountFen)}`}>
            <UnitInput className='bank-decide__amount' value={amount} maxLength={14} unit='元'
              onInput={(v) => {
                setAmount(v)
                setErrors(without('amountFen'))
              }}
            />
          </Field>
          <Field field='rateBp' label='执行年利率' required error={errors.rateBp} hint={`按合同执行利率填写；贴息利率按放款日 ${spreadText(terms)} 封顶`}>
            <UnitInput className='bank-decide__rate' value={rate} placeholder='例如 4.35' maxLength={6} unit='%'
              onInput={(v) => {
                setRate(v)
                setErrors(without('rateBp'))
              }}
            />
          </Field>
          <Field field='termMonths' label='贷款期限' required error={errors.termMonths} hint={`默认为申请的 ${d.termMonths} 个月`}>
            <UnitInput className='bank-decide__term' type='number' value={term} maxLength={3} unit='个月'
              onInput={(v) => {
                setTerm(v)
                setErrors(without('termMonths'))
              }}
            />
          </Field>
        </>
      )}
      <Field field='note' label={decision === 'approve' ? '审批意见' : '理由'} required={decision !== 'approve'} aside={decision === 'approve' ? '选填' : undefined} error={errors.note}>
        <Textarea
          className='ln-field__textarea bank-form__note bank-decide__note'
          value={note}
          placeholder={decision === 'approve' ? '例如：经营稳定，同意发放' : decision === 'return' ? '请写明需要补充的材料' : '请写明不予批准的理由'}
          placeholderClass='ln-placeholder'
          maxlength={300}
          onInput={(e) => {
                  setNote(e.detail.value)
                  setErrors(without('note'))
                }}
        />
      </Field>
      <View className='ln-form__actions'>
        <Button kind={decision === 'reject' ? 'danger' : 'primary'} busy={busy} className='bank-decide__submit' onClick={() => void submit()}>
          提交审批结果
        </Button>
      </View>
    </View>
  )
}

// ---- 放款 ---------------------------------------------------------------------------------------------

function DisburseForm({ d, onDone, onStale }: FormProps) {
  const terms = useLoanTerms()
  const todayYmd = today()
  const approvedOn = d.approval ? ymd(d.approval.at) : todayYmd
  const [amount, setAmount] = useState(fenToInput(d.approval?.amountFen ?? d.amountFen))
  const [date, setDate] = useState(todayYmd)
  const [rate, setRate] = useState(bpToInput(d.approval?.rateBp))
  const [repayment, setRepayment] = useState<RepaymentType | ''>('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const ceiling = d.approval?.amountFen ?? d.amountFen

  const submit = async () => {
    if (busy) return
    const e: Errors = {}
    const a = parseYuan(amount, '放款金额')
    if (!a.ok) e.amountFen = a.error
    else if (a.value < 100_000) e.amountFen = '放款金额至少 1,000 元'
    else if (a.value > ceiling) e.amountFen = `放款金额不能超过批准金额 ${yuan(ceiling)}`
    const r = parsePercent(rate, '执行年利率')
    if (!r.ok) e.rateBp = r.error
    else if (r.value <= 0 || r.value > 2400) e.rateBp = '执行年利率应在 0 到 24% 之间'
    if (date > todayYmd) e.disbursedOn = '放款日期不能晚于今天'
    else if (date < approvedOn) e.disbursedOn = `放款日期不能早于批准日期 ${approvedOn}`
    if (!repayment) e.repaymentType = '请选择还款方式'
    setErrors(e)
    if (Object.keys(e).length > 0 || !a.ok || !r.ok || !repayment) return
    const { confirm } = await Taro.showModal({
      title: '登记放款',
      content: `${date} 放款 ${yuan(a.value)}，执行年利率 ${percent(r.value)}，${REPAYMENT_LABELS[repayment]}。登记后开始计算贴息，不能修改。`,
      confirmText: '登记',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy(true)
    try {
      const next = await call('loan.disburse', { id: d.id, amountFen: a.value, disbursedOn: date, rateBp: r.value, repaymentType: repayment })
      onDone(next)
      const x = next.disbursement
      if (x) {
        void Taro.showModal({
          title: '放款已登记',
          content: `贴息利率 ${percent(x.subsidyRateBp)}：取执行利率 ${percent(x.rateBp)} 与 ${x.lprDate} 起执行的${x.lprTenor === '1y' ? ' 1 年期' : ' 5 年期以上'} LPR ${percent(x.lprBp)} + ${percent(x.spreadBp)} 的较低者。贴息计划已生成。`,
          showCancel: false,
          confirmText: '知道了',
        })
      }
    } catch (err) {
      if (!serverError(err, setErrors)) {
        void Taro.showModal({ title: '未能登记', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
        onStale()
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='ln-form bank-form bank-disburse'>
      <View className='ln-form__title'>
        <Text>登记放款</Text>
        <Text className='ln-form__sub'>{d.approval ? `批准 ${yuan(d.approval.amountFen)} · ${percent(d.approval.rateBp)}` : ''}</Text>
      </View>
      <Field field='amountFen' label='放款金额' required error={errors.amountFen} hint={`不超过批准金额 ${yuan(ceiling)}`}>
        <UnitInput className='bank-disburse__amount' value={amount} maxLength={14} unit='元'
          onInput={(v) => {
            setAmount(v)
            setErrors(without('amountFen'))
          }}
        />
      </Field>
      <Field field='disbursedOn' label='放款日期' required error={errors.disbursedOn} hint={`${approvedOn}（批准日）至今天`}>
        <DatePick className='bank-disburse__date' value={date} start={approvedOn} end={todayYmd}
          onChange={(v) => {
            setDate(v)
            setErrors(without('disbursedOn'))
          }}
        />
      </Field>
      <Field field='rateBp' label='执行年利率' required error={errors.rateBp}>
        <UnitInput className='bank-disburse__rate' value={rate} placeholder='例如 4.35' maxLength={6} unit='%'
          onInput={(v) => {
            setRate(v)
            setErrors(without('rateBp'))
          }}
        />
      </Field>
      <Field field='repaymentType' label='还款方式' required error={errors.repaymentType}>
        <Chips className='bank-disburse__repayment' options={REPAYMENT_TYPES.map((t) => ({ value: t, label: REPAYMENT_LABELS[t] }))} value={repayment}
          onChange={(v) => {
            setRepayment(v)
            setErrors(without('repaymentType'))
          }}
        />
      </Field>
      <Text className='ln-form__lead'>贴息利率由系统按放款日适用的 LPR 计算：min（执行利率，{spreadText(terms)}）。</Text>
      <View className='ln-form__actions'>
        <Button busy={busy} className='bank-disburse__submit' onClick={() => void submit()}>
          登记放款
        </Button>
      </View>
    </View>
  )
}

// ---- 还款 ---------------------------------------------------------------------------------------------

function RepaymentForm({ d, onDone, onStale }: FormProps) {
  const todayYmd = today()
  const x = d.disbursement
  const lastApproved = [...d.schedule].reverse().find((p) => p.status === 'approved')
  // A repayment may be dated from the disbursement day (repaid the same day: no subsidy runs on
  // it) or, once periods are approved, from the day after the last one; until today (Shanghai).
  const settledUntil = lastApproved && x && lastApproved.end >= x.disbursedOn ? lastApproved.end : ''
  const earliest = settledUntil ? addDays(settledUntil, 1) : (x?.disbursedOn ?? todayYmd)
  // No day to choose (the picker's range would be inverted): said before anything is filled in.
  const noDay = earliest > todayYmd ? (settledUntil ? `${settledUntil} 及以前的贴息已核准，${earliest} 起才能登记还款` : `${earliest} 起才能登记还款`) : ''
  const [open, setOpen] = useState(false)
  const [date, setDate] = useState(todayYmd)
  const [principal, setPrincipal] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  useEffect(() => setErrors({}), [open])

  const submit = async () => {
    if (busy) return
    const e: Errors = {}
    const p = parseYuan(principal, '归还本金')
    if (!p.ok) e.principalFen = p.error
    else if (p.value <= 0) e.principalFen = '归还本金应大于 0'
    else if (p.value > d.outstandingFen) e.principalFen = `归还本金不能超过剩余本金 ${yuan(d.outstandingFen)}`
    if (noDay) e.date = noDay
    else if (date > todayYmd) e.date = '还款日期不能晚于今天'
    else if (date < earliest) e.date = `还款日期应在 ${earliest} 或以后`
    if (note.trim().length > 300) e.note = '备注不能超过 300 个字'
    setErrors(e)
    if (Object.keys(e).length > 0 || !p.ok) return
    const settles = p.value === d.outstandingFen
    const { confirm } = await Taro.showModal({
      title: settles ? '登记结清' : '登记还款',
      content: `${date} 归还本金 ${yuan(p.value)}，剩余 ${yuan(d.outstandingFen - p.value)}。${settles ? '本金已全部归还，剩余贴息核准后贷款结清。' : '此后的贴息按剩余本金计算。'}`,
      confirmText: '登记',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy(true)
    try {
      onDone(await call('loan.recordRepayment', { id: d.id, date, principalFen: p.value, note: note.trim() }))
      setOpen(false)
      setPrincipal('')
      setNote('')
      void Taro.showToast({ title: '已登记', icon: 'success' })
    } catch (err) {
      if (!serverError(err, setErrors)) {
        void Taro.showModal({ title: '未能登记', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
        onStale()
      }
    } finally {
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <View className='ln-form bank-form bank-repay bank-repay--closed'>
        <View className='ln-form__title'>
          <Text>登记还本</Text>
          <Text className='ln-form__sub'>剩余本金 {yuan(d.outstandingFen)}</Text>
        </View>
        <Text className='ln-form__lead'>{noDay ? noDay : '提前还款或结清时登记，贴息按剩余本金重新计算。'}</Text>
        <View className='ln-form__actions'>
          <Button kind='outline' className='bank-repay__open' disabled={!!noDay} onClick={() => setOpen(true)}>
            登记还款
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='ln-form bank-form bank-repay'>
      <View className='ln-form__title'>
        <Text>登记还本</Text>
        <Text className='ln-form__sub'>剩余本金 {yuan(d.outstandingFen)}</Text>
      </View>
      <Field field='date' label='还款日期' required error={errors.date ?? (noDay || undefined)} hint={settledUntil ? `${earliest}（已核准的贴息期之后）至今天` : `${earliest}（放款日）至今天`}>
        {noDay ? (
          <View className='ln-field__box bank-repay__date'>
            <Text className='ln-field__pick'>暂无可选日期</Text>
          </View>
        ) : (
          <DatePick className='bank-repay__date' value={date} start={earliest} end={todayYmd}
            onChange={(v) => {
              setDate(v)
              setErrors(without('date'))
            }}
          />
        )}
      </Field>
      <Field field='principalFen' label='归还本金' required error={errors.principalFen}>
        <UnitInput className='bank-repay__principal' value={principal} placeholder='例如 50000' maxLength={14} unit='元'
          onInput={(v) => {
            setPrincipal(v)
            setErrors(without('principalFen'))
          }}
        />
        <View className='ln-field__quick'>
          <Text
            className='ln-field__quick-item'
            onClick={() => {
              setPrincipal(fenToInput(d.outstandingFen))
              setErrors(without('principalFen'))
            }}
          >
            全部结清 {yuan(d.outstandingFen)}
          </Text>
        </View>
      </Field>
      <Field field='note' label='备注' aside='选填' error={errors.note}>
        <Textarea className='ln-field__textarea bank-form__note' value={note} placeholder='例如：提前归还部分本金' placeholderClass='ln-placeholder' maxlength={300} onInput={(e) => {
                  setNote(e.detail.value)
                  setErrors(without('note'))
                }} />
      </Field>
      <View className='ln-form__actions bank-repay__actions'>
        <Button kind='plain' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button busy={busy} className='bank-repay__submit' onClick={() => void submit()}>
          登记还款
        </Button>
      </View>
    </View>
  )
}
