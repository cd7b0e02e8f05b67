// 项目成效: a year and two years after disbursement, the applicant says how many jobs the project
// created and how many households it helped, beside what the application promised; the county
// league confirms or corrects it. The section shows each year's report and confirmation, and the
// form of whoever acts next (the applicant reports, the county confirms).
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LoanDetail, OutcomeView } from '@contract/loan'
import { call } from '@/services/cloud'
import { dateTime } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { Tag } from '@/components/ui/Tag'
import { parseWhole } from './format'
import { Field, Section, UnitInput } from './ui'
import { checked, useLoanForm, type Errors } from './use-action'

import './outcomes.scss'

const figures = (jobs: number | null, households: number | null) => `就业 ${jobs ?? '—'} 人 · 帮扶 ${households ?? '—'} 户`

function YearLine({ o }: { o: OutcomeView }) {
  return (
    <View className={`ln-outcome ln-outcome--${o.confirmed ? 'confirmed' : o.reported ? 'reported' : 'asked'}`} data-year={o.year}>
      <View className='ln-outcome__head'>
        <Text className='ln-outcome__year'>放款满 {o.year} 年</Text>
        <Tag tone={o.confirmed ? 'green' : o.reported ? 'amber' : 'grey'}>{o.confirmed ? '县团委已核实' : o.reported ? '待县团委核实' : '待申请人填报'}</Tag>
      </View>
      {o.reported ? (
        <Text className='ln-outcome__line'>
          申请人填报：{figures(o.reported.jobsCreated, o.reported.householdsHelped)}
          {o.reported.note ? `。${o.reported.note}` : ''}
        </Text>
      ) : (
        <Text className='ln-outcome__line'>{o.askedOn} 起请申请人填报</Text>
      )}
      {o.confirmed ? (
        <Text className='ln-outcome__line ln-outcome__line--confirmed'>
          核实：{figures(o.confirmed.jobsCreated, o.confirmed.householdsHelped)} · {o.confirmed.byName} {dateTime(o.confirmed.at, '')}
        </Text>
      ) : null}
    </View>
  )
}

export function OutcomesSection({ d, onDone }: { d: LoanDetail; onDone: (next: LoanDetail) => void }) {
  if (d.outcomes.length === 0 && !d.can.reportOutcome && !d.can.confirmOutcome) return null
  return (
    <Section title='项目成效' extra={<Text>申请承诺：{figures(d.project.jobsCreated, d.project.householdsHelped)}</Text>} className='ln-outcomes'>
      {d.outcomes.map((o) => (
        <YearLine key={o.year} o={o} />
      ))}
      {d.can.reportOutcome > 0 && <OutcomeForm d={d} year={d.can.reportOutcome} mode='report' onDone={onDone} />}
      {d.can.confirmOutcome > 0 && <OutcomeForm d={d} year={d.can.confirmOutcome} mode='confirm' onDone={onDone} />}
    </Section>
  )
}

function OutcomeForm({ d, year, mode, onDone }: { d: LoanDetail; year: number; mode: 'report' | 'confirm'; onDone: (next: LoanDetail) => void }) {
  const reported = d.outcomes.find((o) => o.year === year)?.reported
  const form = useLoanForm(
    () => ({
      jobs: mode === 'confirm' && reported ? String(reported.jobsCreated) : '',
      households: mode === 'confirm' && reported ? String(reported.householdsHelped) : '',
      note: '',
    }),
    () => undefined,
  )
  const { values, errors, change } = form
  const jobsLabel = mode === 'report' ? '带动就业人数' : '核实带动就业人数'
  const householdsLabel = mode === 'report' ? '帮扶困难户数' : '核实帮扶困难户数'

  const check = () => {
    const e: Errors = {}
    const jobs = parseWhole(values.jobs, jobsLabel, 0, 10_000, ' 人')
    const households = parseWhole(values.households, householdsLabel, 0, 10_000, ' 户')
    if (!jobs.ok) e.jobsCreated = jobs.error
    if (!households.ok) e.householdsHelped = households.error
    if (values.note.trim().length > 300) e.note = '情况说明不能超过 300 个字'
    return checked(e, () => ({ jobsCreated: jobs.ok ? jobs.value : 0, householdsHelped: households.ok ? households.value : 0, note: values.note.trim() }))
  }

  const submit = () =>
    form.run({
      check,
      confirm: (x) =>
        mode === 'report'
          ? { title: `填报第 ${year} 年成效`, content: `带动就业 ${x.jobsCreated} 人，帮扶困难户 ${x.householdsHelped} 户。提交后由县团委核实。`, confirmText: '提交' }
          : { title: `核实第 ${year} 年成效`, content: `核实为带动就业 ${x.jobsCreated} 人、帮扶困难户 ${x.householdsHelped} 户${reported && (reported.jobsCreated !== x.jobsCreated || reported.householdsHelped !== x.householdsHelped) ? `（申请人填报 ${reported.jobsCreated} 人、${reported.householdsHelped} 户）` : ''}。统计报表按核实数计。`, confirmText: '核实' },
      send: async (x) => {
        const next =
          mode === 'report'
            ? await call('loan.reportOutcome', { id: d.id, year: year as 1 | 2, jobsCreated: x.jobsCreated, householdsHelped: x.householdsHelped, note: x.note })
            : await call('loan.confirmOutcome', { id: d.id, year: year as 1 | 2, jobsCreated: x.jobsCreated, householdsHelped: x.householdsHelped })
        onDone(next)
        void Taro.showToast({ title: mode === 'report' ? '已提交' : '已核实', icon: 'success' })
      },
      failTitle: mode === 'report' ? '未能提交' : '未能核实',
    })

  return (
    <View className={`ln-outcome-form ln-outcome-form--${mode}`}>
      <Text className='ln-outcome-form__title'>{mode === 'report' ? `请填报放款满 ${year} 年的项目成效` : `核实放款满 ${year} 年的项目成效`}</Text>
      <Field field='jobsCreated' label={jobsLabel} required error={errors.jobsCreated}>
        <UnitInput className='ln-outcome-form__jobs' type='number' value={values.jobs} maxLength={5} unit='人' onInput={change('jobs', 'jobsCreated')} />
      </Field>
      <Field field='householdsHelped' label={householdsLabel} required error={errors.householdsHelped}>
        <UnitInput className='ln-outcome-form__households' type='number' value={values.households} maxLength={5} unit='户' onInput={change('households', 'householdsHelped')} />
      </Field>
      {mode === 'report' && (
        <Field field='note' label='情况说明' aside='选填' error={errors.note}>
          <Textarea className='ln-field__textarea' value={values.note} placeholder='例如：新增 2 名本村员工，带动 5 户种植户增收' placeholderClass='ln-placeholder' maxlength={300} onInput={(e) => change('note')(e.detail.value)} />
        </Field>
      )}
      <View className='ln-form__actions'>
        <Button busy={form.busy} kind={mode === 'confirm' ? 'green' : undefined} className='ln-outcome-form__submit' onClick={() => void submit()}>
          {mode === 'report' ? '提交成效' : '确认核实'}
        </Button>
      </View>
    </View>
  )
}
