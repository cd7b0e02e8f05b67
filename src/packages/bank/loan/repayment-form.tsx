// 还款: principal and interest repaid, dated within the days a repayment may take, checked against
// the schedule (the next instalment's remainder is one tap away); each opening of the form is one
// entry (its request id), so a retry or a double tap records it once.
import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LoanDetail } from '@contract/loan'
import { call } from '@/services/cloud'
import { fenToInput, parseYuan, yuan } from '@/components/loan/format'
import { instalmentLeft, nextInstalment } from '@/components/loan/instalment-rows'
import { DatePick, Field, UnitInput } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { addDays, today } from '@/components/ui/format'
import { checked, useLoanForm, type Errors, type FormProps } from '@/components/loan/use-action'

const EMPTY = { principal: '', interest: '', note: '' }

/** One entry's id: sent again (a retry, a double tap), the function records it once. */
const newRequestId = () => `repay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/**
 * The days a repayment may be dated: from the disbursement day (repaid the same day: no subsidy
 * runs on it) or, once periods are approved, from the day after the last one; until today
 * (Shanghai). `noDay` says why there is none (the picker's range would be inverted).
 */
export function repaymentDays(d: LoanDetail, todayYmd: string) {
  const x = d.disbursement
  const lastApproved = [...d.schedule].reverse().find((p) => p.status === 'approved')
  const settledUntil = lastApproved && x && lastApproved.end >= x.disbursedOn ? lastApproved.end : ''
  const earliest = settledUntil ? addDays(settledUntil, 1) : (x?.disbursedOn ?? todayYmd)
  const noDay = earliest > todayYmd ? (settledUntil ? `${settledUntil} 及以前的贴息已核准，${earliest} 起才能登记还款` : `${earliest} 起才能登记还款`) : ''
  return { settledUntil, earliest, noDay }
}

export function RepaymentForm({ d, onDone, onStale }: FormProps) {
  const todayYmd = today()
  const { settledUntil, earliest, noDay } = repaymentDays(d, todayYmd)
  const [open, setOpen] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)
  const form = useLoanForm(() => ({ date: todayYmd, ...EMPTY }), onStale)
  const { values, errors, change, setErrors } = form
  useEffect(() => setErrors({}), [open, setErrors])
  const next = nextInstalment(d)
  const nextLeft = next ? instalmentLeft(next) : null
  const fillNext = () => {
    if (!nextLeft) return
    change('principal', 'principalFen')(fenToInput(nextLeft.principalFen))
    change('interest', 'interestFen')(fenToInput(nextLeft.interestFen))
  }

  const check = () => {
    const e: Errors = {}
    // Either may be left empty (interest only, or principal only), not both.
    const p = values.principal.trim() ? parseYuan(values.principal, '归还本金') : ({ ok: true, value: 0 } as const)
    const i = values.interest.trim() ? parseYuan(values.interest, '支付利息') : ({ ok: true, value: 0 } as const)
    if (!p.ok) e.principalFen = p.error
    else if (p.value > d.outstandingFen) e.principalFen = `归还本金不能超过剩余本金 ${yuan(d.outstandingFen)}`
    if (!i.ok) e.interestFen = i.error
    if (p.ok && i.ok && p.value + i.value === 0) e.principalFen = '请填写归还本金或支付利息'
    if (noDay) e.date = noDay
    else if (values.date > todayYmd) e.date = '还款日期不能晚于今天'
    else if (values.date < earliest) e.date = `还款日期应在 ${earliest} 或以后`
    if (values.note.trim().length > 300) e.note = '备注不能超过 300 个字'
    return checked(e, () => ({ date: values.date, principalFen: p.ok ? p.value : 0, interestFen: i.ok ? i.value : 0, note: values.note.trim(), requestId }))
  }

  const submit = () =>
    form.run({
      check,
      confirm: ({ date, principalFen, interestFen }) => {
        const settles = principalFen === d.outstandingFen
        const paid = [principalFen > 0 ? `本金 ${yuan(principalFen)}` : '', interestFen > 0 ? `利息 ${yuan(interestFen)}` : ''].filter(Boolean).join('、')
        const late = next && next.status === 'overdue' ? `第 ${next.number} 期 ${next.dueOn} 到期，已逾期，本笔记为逾期还款。` : ''
        return {
          title: settles ? '登记结清' : '登记还款',
          content: `${date} 归还${paid}，剩余本金 ${yuan(d.outstandingFen - principalFen)}。${late}${settles ? '本金已全部归还，剩余贴息核准后贷款结清。' : '此后的利息和贴息按剩余本金计算。'}`,
          confirmText: '登记',
          confirmColor: '#d93a2b',
        }
      },
      send: async (input) => {
        onDone(await call('loan.recordRepayment', { id: d.id, ...input }))
        setOpen(false)
        setRequestId(newRequestId())
        form.setValues((v) => ({ ...v, ...EMPTY }))
        void Taro.showToast({ title: '已登记', icon: 'success' })
      },
      failTitle: '未能登记',
    })

  const title = (
    <View className='ln-form__title'>
      <Text>登记还款</Text>
      <Text className='ln-form__sub'>剩余本金 {yuan(d.outstandingFen)}</Text>
    </View>
  )

  if (!open) {
    return (
      <View className='ln-form bank-form bank-repay bank-repay--closed'>
        {title}
        <Text className='ln-form__lead'>
          {noDay
            ? noDay
            : next && nextLeft
              ? `${next.status === 'overdue' ? '逾期未还' : '下一期'}：第 ${next.number} 期 ${next.dueOn}，应还 ${yuan(nextLeft.principalFen + nextLeft.interestFen)}。按期、部分、提前或逾期还款都在这里登记。`
              : '提前还款或结清时登记，贴息按剩余本金重新计算。'}
        </Text>
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
      {title}
      <Field field='date' label='还款日期' required error={errors.date ?? (noDay || undefined)} hint={settledUntil ? `${earliest}（已核准的贴息期之后）至今天` : `${earliest}（放款日）至今天`}>
        {noDay ? (
          <View className='ln-field__box bank-repay__date'>
            <Text className='ln-field__pick'>暂无可选日期</Text>
          </View>
        ) : (
          <DatePick className='bank-repay__date' value={values.date} start={earliest} end={todayYmd} onChange={change('date')} />
        )}
      </Field>
      <Field field='principalFen' label='归还本金' error={errors.principalFen}>
        <UnitInput className='bank-repay__principal' value={values.principal} placeholder='例如 50000' maxLength={14} unit='元' onInput={change('principal', 'principalFen')} />
        <View className='ln-field__quick'>
          {next && nextLeft && (
            <Text className='ln-field__quick-item bank-repay__fill-next' onClick={fillNext}>
              第 {next.number} 期应还
            </Text>
          )}
          <Text className='ln-field__quick-item' onClick={() => change('principal', 'principalFen')(fenToInput(d.outstandingFen))}>
            全部结清 {yuan(d.outstandingFen)}
          </Text>
        </View>
      </Field>
      <Field field='interestFen' label='支付利息' aside='选填' error={errors.interestFen} hint={nextLeft ? `第 ${next!.number} 期应付利息 ${yuan(nextLeft.interestFen)}` : undefined}>
        <UnitInput className='bank-repay__interest' value={values.interest} placeholder='例如 652.50' maxLength={14} unit='元' onInput={change('interest', 'interestFen')} />
      </Field>
      <Field field='note' label='备注' aside='选填' error={errors.note}>
        <Textarea className='ln-field__textarea bank-form__note' value={values.note} placeholder='例如：提前归还部分本金' placeholderClass='ln-placeholder' maxlength={300} onInput={(e) => change('note')(e.detail.value)} />
      </Field>
      <View className='ln-form__actions bank-repay__actions'>
        <Button kind='plain' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button busy={form.busy} className='bank-repay__submit' onClick={() => void submit()}>
          登记还款
        </Button>
      </View>
    </View>
  )
}
