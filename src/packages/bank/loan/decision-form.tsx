// 审批: 批准 with amount ≤ requested, annual rate and term; 退回 or 不予批准 with a note.
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { call } from '@/services/cloud'
import { spreadText, useLoanTerms } from '@/components/loan/data'
import { fenToInput, parsePercent, parseWhole, parseYuan, percent, yuan } from '@/components/loan/format'
import { Chips, Field, UnitInput } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { checked, useLoanForm, type Errors, type FormProps } from '@/components/loan/use-action'

type Decision = 'approve' | 'return' | 'reject'

const DECISIONS = [
  { value: 'approve' as const, label: '批准' },
  { value: 'return' as const, label: '退回补充材料' },
  { value: 'reject' as const, label: '不予批准' },
]

export function DecisionForm({ d, onDone, onStale }: FormProps) {
  const terms = useLoanTerms()
  const form = useLoanForm(() => ({ decision: 'approve' as Decision, amount: fenToInput(d.amountFen), rate: '', term: d.termMonths ? String(d.termMonths) : '', note: '' }), onStale)
  const { values, errors, change } = form
  const { decision, note } = values

  const check = () => {
    const e: Errors = {}
    let amountFen = 0
    let rateBp = 0
    let termMonths = 0
    if (decision === 'approve') {
      const a = parseYuan(values.amount, '批准金额')
      if (!a.ok) e.amountFen = a.error
      else if (a.value < 100_000) e.amountFen = '批准金额至少 1,000 元'
      else if (a.value > d.amountFen) e.amountFen = `批准金额不能超过申请金额 ${yuan(d.amountFen)}`
      else amountFen = a.value
      const r = parsePercent(values.rate, '执行年利率')
      if (!r.ok) e.rateBp = r.error
      else if (r.value <= 0) e.rateBp = '执行年利率应大于 0'
      else if (r.value > 2400) e.rateBp = '执行年利率不能超过 24%'
      else rateBp = r.value
      const t = parseWhole(values.term, '贷款期限', 3, 120, ' 个月')
      if (!t.ok) e.termMonths = t.error
      else termMonths = t.value
    } else if (note.trim().length < 2) e.note = '请写明理由（至少 2 个字），申请人会看到'
    return checked(e, () => ({ amountFen, rateBp, termMonths }))
  }

  const submit = () =>
    form.run({
      check,
      confirm: ({ amountFen, rateBp, termMonths }) => ({
        title: decision === 'approve' ? '批准贷款' : decision === 'return' ? '退回补充材料' : '不予批准',
        content:
          decision === 'approve'
            ? `批准 ${yuan(amountFen)}，执行年利率 ${percent(rateBp)}，期限 ${termMonths} 个月。批准后申请人不能再撤回，请在放款后登记放款信息。`
            : decision === 'return'
              ? '退回申请人补充材料，补充后会回到本行审批。'
              : '不予批准后申请结束办理，申请人会收到通知和理由。',
        confirmText: '确认',
        confirmColor: decision === 'reject' ? '#c8322a' : '#d93a2b',
      }),
      send: async (approval) => {
        onDone(await call('loan.bankDecide', decision === 'approve' ? { id: d.id, decision, note: note.trim(), ...approval } : { id: d.id, decision, note: note.trim() }))
        void Taro.showToast({ title: decision === 'approve' ? '已批准' : decision === 'return' ? '已退回' : '已处理', icon: 'success' })
      },
      failTitle: '未能提交',
    })

  return (
    <View className='ln-form bank-form bank-decide'>
      <View className='ln-form__title'>
        <Text>银行审批</Text>
        <Text className='ln-form__sub'>申请 {yuan(d.amountFen)} · {d.termMonths} 个月</Text>
      </View>
      <Field field='decision' label='审批结果' required>
        <Chips
          className='bank-decide__choice'
          options={DECISIONS}
          value={decision}
          onChange={(v) => {
            form.setValues((x) => ({ ...x, decision: v }))
            form.setErrors({})
          }}
        />
      </Field>
      {decision === 'approve' && (
        <>
          <Field field='amountFen' label='批准金额' required error={errors.amountFen} hint={`不超过申请金额 ${yuan(d.amountFen)}`}>
            <UnitInput className='bank-decide__amount' value={values.amount} maxLength={14} unit='元' onInput={change('amount', 'amountFen')} />
          </Field>
          <Field field='rateBp' label='执行年利率' required error={errors.rateBp} hint={`按合同执行利率填写；贴息利率按放款日 ${spreadText(terms)} 封顶`}>
            <UnitInput className='bank-decide__rate' value={values.rate} placeholder='例如 4.35' maxLength={6} unit='%' onInput={change('rate', 'rateBp')} />
          </Field>
          <Field field='termMonths' label='贷款期限' required error={errors.termMonths} hint={`默认为申请的 ${d.termMonths} 个月`}>
            <UnitInput className='bank-decide__term' type='number' value={values.term} maxLength={3} unit='个月' onInput={change('term', 'termMonths')} />
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
          onInput={(e) => change('note')(e.detail.value)}
        />
      </Field>
      <View className='ln-form__actions'>
        <Button kind={decision === 'reject' ? 'danger' : 'primary'} busy={form.busy} className='bank-decide__submit' onClick={() => void submit()}>
          提交审批结果
        </Button>
      </View>
    </View>
  )
}
