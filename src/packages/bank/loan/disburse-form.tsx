// 放款: amount ≤ approved, date, rate, repayment type; the result reports the LPR-capped subsidy rate.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { REPAYMENT_LABELS, REPAYMENT_TYPES, type RepaymentType } from '@contract/vocabulary'
import { addMonths, repaymentSchedule, type Instalment } from '@contract/loan-rules'
import { call } from '@/services/cloud'
import { spreadText, useLoanTerms } from '@/components/loan/data'
import { bpToInput, fenToInput, parsePercent, parseYuan, percent, yuan } from '@/components/loan/format'
import { Chips, DatePick, Field, UnitInput } from '@/components/loan/ui'
import { Button } from '@/components/ui/Button'
import { today, ymd } from '@/components/ui/format'
import { checked, useLoanForm, type Errors, type FormProps } from '@/components/loan/use-action'

const REPAYMENT_OPTIONS = REPAYMENT_TYPES.map((t) => ({ value: t, label: REPAYMENT_LABELS[t] }))

export function DisburseForm({ d, onDone, onStale }: FormProps) {
  const terms = useLoanTerms()
  const todayYmd = today()
  const approvedOn = d.approval ? ymd(d.approval.at) : todayYmd
  const form = useLoanForm(() => ({ amount: fenToInput(d.approval?.amountFen ?? d.amountFen), date: todayYmd, rate: bpToInput(d.approval?.rateBp), repayment: '' as RepaymentType | '' }), onStale)
  const { values, errors, change } = form
  const ceiling = d.approval?.amountFen ?? d.amountFen

  const check = () => {
    const e: Errors = {}
    const a = parseYuan(values.amount, '放款金额')
    if (!a.ok) e.amountFen = a.error
    else if (a.value < 100_000) e.amountFen = '放款金额至少 1,000 元'
    else if (a.value > ceiling) e.amountFen = `放款金额不能超过批准金额 ${yuan(ceiling)}`
    const r = parsePercent(values.rate, '执行年利率')
    if (!r.ok) e.rateBp = r.error
    else if (r.value <= 0 || r.value > 2400) e.rateBp = '执行年利率应在 0 到 24% 之间'
    if (values.date > todayYmd) e.disbursedOn = '放款日期不能晚于今天'
    else if (values.date < approvedOn) e.disbursedOn = `放款日期不能早于批准日期 ${approvedOn}`
    if (!values.repayment) e.repaymentType = '请选择还款方式'
    return checked(e, () => ({ amountFen: a.ok ? a.value : 0, rateBp: r.ok ? r.value : 0, disbursedOn: values.date, repaymentType: values.repayment as RepaymentType }))
  }

  const preview = schedulePreview(values, ceiling, d.approval?.termMonths ?? d.termMonths)

  const submit = () =>
    form.run({
      check,
      confirm: (x) => ({
        title: '登记放款',
        content: `${x.disbursedOn} 放款 ${yuan(x.amountFen)}，执行年利率 ${percent(x.rateBp)}，${REPAYMENT_LABELS[x.repaymentType]}。登记后生成还款计划并开始计算贴息，不能修改。`,
        confirmText: '登记',
        confirmColor: '#d93a2b',
      }),
      send: async (input) => {
        const next = await call('loan.disburse', { id: d.id, ...input })
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
      },
      failTitle: '未能登记',
    })

  return (
    <View className='ln-form bank-form bank-disburse'>
      <View className='ln-form__title'>
        <Text>登记放款</Text>
        <Text className='ln-form__sub'>{d.approval ? `批准 ${yuan(d.approval.amountFen)} · ${percent(d.approval.rateBp)}` : ''}</Text>
      </View>
      <Field field='amountFen' label='放款金额' required error={errors.amountFen} hint={`不超过批准金额 ${yuan(ceiling)}`}>
        <UnitInput className='bank-disburse__amount' value={values.amount} maxLength={14} unit='元' onInput={change('amount', 'amountFen')} />
      </Field>
      <Field field='disbursedOn' label='放款日期' required error={errors.disbursedOn} hint={`${approvedOn}（批准日）至今天`}>
        <DatePick className='bank-disburse__date' value={values.date} start={approvedOn} end={todayYmd} onChange={change('date', 'disbursedOn')} />
      </Field>
      <Field field='rateBp' label='执行年利率' required error={errors.rateBp}>
        <UnitInput className='bank-disburse__rate' value={values.rate} placeholder='例如 4.35' maxLength={6} unit='%' onInput={change('rate', 'rateBp')} />
      </Field>
      <Field field='repaymentType' label='还款方式' required error={errors.repaymentType}>
        <Chips className='bank-disburse__repayment' options={REPAYMENT_OPTIONS} value={values.repayment} onChange={change('repayment', 'repaymentType')} />
      </Field>
      {preview ? <SchedulePreview rows={preview} /> : <Text className='ln-form__lead bank-preview__wait'>填好金额、利率并选择还款方式后，这里预览还款计划。</Text>}
      <Text className='ln-form__lead'>贴息利率由系统按放款日适用的 LPR 计算：min（执行利率，{spreadText(terms)}）。</Text>
      <View className='ln-form__actions'>
        <Button busy={form.busy} className='bank-disburse__submit' onClick={() => void submit()}>
          登记放款
        </Button>
      </View>
    </View>
  )
}

/** The schedule the form's values would set, or null while they are incomplete or out of range. */
function schedulePreview(values: { amount: string; date: string; rate: string; repayment: RepaymentType | '' }, ceiling: number, termMonths: number): Instalment[] | null {
  const a = parseYuan(values.amount)
  const r = parsePercent(values.rate)
  if (!a.ok || !r.ok || !values.repayment || termMonths < 1) return null
  if (a.value < 100_000 || a.value > ceiling || r.value <= 0 || r.value > 2400) return null
  return repaymentSchedule({ amountFen: a.value, disbursedOn: values.date, maturityOn: addMonths(values.date, termMonths), rateBp: r.value, repaymentType: values.repayment })
}

/** 还款计划预览: the count, the first instalment, the total interest, the last; the first three rows. */
function SchedulePreview({ rows }: { rows: Instalment[] }) {
  const first = rows[0]
  const last = rows[rows.length - 1]
  const interest = rows.reduce((n, row) => n + row.interestFen, 0)
  return (
    <View className='bank-preview'>
      <View className='bank-preview__head'>
        <Text className='bank-preview__title'>还款计划预览</Text>
        <Text className='bank-preview__count'>共 {rows.length} 期 · 利息合计 {yuan(interest)}</Text>
      </View>
      {rows.slice(0, 3).map((row) => (
        <View key={row.number} className='bank-preview__row'>
          <Text className='bank-preview__no'>第 {row.number} 期</Text>
          <Text className='bank-preview__date'>{row.dueOn}</Text>
          <Text className='bank-preview__money'>{yuan(row.totalFen)}</Text>
        </View>
      ))}
      {rows.length > 3 && (
        <View className='bank-preview__row bank-preview__row--last'>
          <Text className='bank-preview__no'>第 {last.number} 期</Text>
          <Text className='bank-preview__date'>{last.dueOn}</Text>
          <Text className='bank-preview__money'>{yuan(last.totalFen)}</Text>
        </View>
      )}
      <Text className='bank-preview__note'>
        首期 {first.dueOn} 应还本金 {yuan(first.principalFen)}、利息 {yuan(first.interestFen)}；利息按月计（30/360）。登记后以此为准核对每笔还款。
      </Text>
    </View>
  )
}
