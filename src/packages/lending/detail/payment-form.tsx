// 登记拨付（团市委）: an approved subsidy period recorded as paid — the transfer's date (from the
// approval to today) and its reference — in order, one period at a time, after a confirmation.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { call } from '@/services/cloud'
import { quarterLabel, yuan } from '@/components/loan/format'
import { checked, useLoanForm, type Errors, type FormProps } from '@/components/loan/use-action'
import { DatePick, Field, Section } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { TextInput } from '@/components/ui/TextInput'
import { today, ymd } from '@/components/ui/format'

/** A transfer reference as the bank prints it: 4–40 letters, digits or dashes (the contract's rule). */
const TRANSFER_REF = /^[A-Za-z0-9-]{4,40}$/

export function SubsidyPaymentForm({ d, onDone, onStale }: FormProps) {
  const period = d.schedule.find((p) => p.key === d.can.paySubsidy)
  const todayYmd = today()
  const approvedOn = period?.approvedAt ? ymd(period.approvedAt) : todayYmd
  const form = useLoanForm(() => ({ paidOn: todayYmd, transferRef: '' }), onStale)
  const { values, errors, change } = form
  if (!period) return null
  const waiting = d.schedule.filter((p) => p.status === 'approved' && !p.paidOn).length

  const check = () => {
    const e: Errors = {}
    const ref = values.transferRef.trim()
    if (!ref) e.transferRef = '请填写转账凭证号'
    else if (!TRANSFER_REF.test(ref)) e.transferRef = '转账凭证号应为 4–40 位字母、数字或短横线'
    if (values.paidOn > todayYmd) e.paidOn = '拨付日期不能晚于今天'
    else if (values.paidOn < approvedOn) e.paidOn = `拨付日期不能早于核准日期 ${approvedOn}`
    return checked(e, () => ({ paidOn: values.paidOn, transferRef: ref }))
  }

  const submit = () =>
    form.run({
      check,
      confirm: (x) => ({
        title: '登记贴息拨付',
        content: `${quarterLabel(period.key)}贴息 ${yuan(period.amountFen)} 已于 ${x.paidOn} 拨付，凭证号 ${x.transferRef}。登记后不能修改，申请人会收到通知。`,
        confirmText: '登记',
        confirmColor: '#1d8a4e',
      }),
      send: async (x) => {
        onDone(await call('loan.recordSubsidyPayment', { id: d.id, period: period.key, ...x }))
        form.setValues({ paidOn: todayYmd, transferRef: '' })
        void Taro.showToast({ title: '已登记拨付', icon: 'success' })
      },
      failTitle: '未能登记',
    })

  return (
    <Section title='待登记拨付' extra={<Text>{waiting} 期</Text>} className='lending-subsidy lending-pay'>
      <View className='lending-subsidy__row lending-pay__period' data-period={period.key}>
        <View className='lending-subsidy__main'>
          <Text className='lending-subsidy__key'>{quarterLabel(period.key)}</Text>
          <Text className='lending-subsidy__dates'>
            {period.start} 至 {period.end} · 已核准
          </Text>
        </View>
        <Text className='lending-subsidy__amount lending-pay__amount'>{yuan(period.amountFen)}</Text>
      </View>
      <Text className='ln-hint'>财政拨付到申请人贴息收款账户后，按期依次登记拨付日期和转账凭证号。</Text>
      <Field field='paidOn' label='拨付日期' required error={errors.paidOn} hint={`${approvedOn}（核准日）至今天`}>
        <DatePick className='lending-pay__date' value={values.paidOn} start={approvedOn} end={todayYmd} onChange={change('paidOn')} />
      </Field>
      <Field field='transferRef' label='转账凭证号' required error={errors.transferRef}>
        <View className='ln-field__box'>
          <TextInput className='ln-field__input lending-pay__ref' value={values.transferRef} placeholder='例如 CZ2026120500012' maxLength={40} onChange={change('transferRef')} />
        </View>
      </Field>
      <View className='ln-form__actions'>
        <Button kind='green' busy={form.busy} className='lending-pay__submit' onClick={() => void submit()}>
          登记拨付
        </Button>
      </View>
    </Section>
  )
}
