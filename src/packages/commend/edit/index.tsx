// 新建 / 修改评选 (the city): category, title, year, the nomination window, the numbers per
// township, per county and for the city, and the criteria. A round is edited only as a draft.
import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { COMMEND_KIND_LABELS, COMMEND_KINDS, COMMEND_LIMITS } from '@contract/commend-rules'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { goBackOr } from '@/services/navigation'
import { STAFF_ONLY, useCommendScope } from '@/components/commend/scope'
import { Button } from '@/components/ui/Button'
import { TextRow } from '@/components/ui/CountedTextarea'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { PageStates } from '@/components/ui/PageStates'
import { TextInput } from '@/components/ui/TextInput'
import { usePageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { addDays, today } from '@/components/ui/format'
import { checkRound, inputOf, ROWS, type Row, type RoundFields } from './check'

import '@/components/ui/panel.scss'
import './index.scss'

const blank = (): RoundFields => ({ kind: 'finest', title: '', year: today().slice(0, 4), nominateFrom: today(), nominateTo: addDays(today(), 14), perTownship: '2', perCounty: '5', awards: '10', criteria: '' })

export default function CommendEdit() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useCommendScope()
  const city = state.kind === 'ready' && state.scope.city
  const loaded = usePageState<RoundFields>(
    async () => {
      if (!id) return blank()
      const { round: r } = await call('commend.round', { id })
      return { kind: r.kind, title: r.title, year: String(r.year), nominateFrom: r.nominateFrom, nominateTo: r.nominateTo, perTownship: String(r.perTownship), perCounty: String(r.perCounty), awards: String(r.awards), criteria: r.criteria }
    },
    [id],
    city,
  )
  const gate = state.kind === 'ready' && !state.scope.city ? { kind: 'denied' as const, message: '评选由团市委新建和修改' } : state
  return (
    <View className='panel-page cm-edit'>
      <PageStates gate={gate} state={loaded.state} retry={() => void (city ? loaded.retry() : reload(true))} denied={state.kind === 'denied' ? STAFF_ONLY : undefined} skeleton={1}>
        {(initial) => <RoundForm id={id} initial={initial} />}
      </PageStates>
    </View>
  )
}

function RoundForm({ id, initial }: { id: string; initial: RoundFields }) {
  const [f, setF] = useState(initial)
  const form = useSubmit<Row>(ROWS, (field) => (ROWS as readonly string[]).includes(field) ? (field as Row) : null)
  const own = form.tried ? checkRound(f) : {}
  const err = (row: Row) => own[row] || form.serverErrors[row]
  const set = (row: Row, value: string) => {
    setF((x) => ({ ...x, [row]: value }))
    form.clearError(row)
  }
  const save = () =>
    void form.submit({
      check: () => checkRound(f),
      send: async () => {
        const saved = await call('commend.saveRound', { ...inputOf(f), ...(id ? { id } : {}) })
        markChanged('commend')
        void Taro.showToast({ title: '已保存', icon: 'success' })
        if (id) goBackOr(ROUTES.commend)
        else void Taro.redirectTo({ url: `${ROUTES.commendRound}?id=${saved.id}` })
      },
    })
  return (
    <View className='cm-edit__form'>
      <View className='panel-section'>
        <FormRow field='kind' label='评选类别' required error={err('kind')}>
          <View className='cm-edit__kinds'>
            {COMMEND_KINDS.map((k) => (
              <Text key={k} className={`panel-chip cm-edit__kind ${f.kind === k ? 'panel-chip--on' : ''}`} onClick={() => set('kind', k)}>
                {COMMEND_KIND_LABELS[k]}
              </Text>
            ))}
          </View>
        </FormRow>
        <FormRow field='title' label='评选名称' required error={err('title')}>
          <TextInput value={f.title} maxLength={COMMEND_LIMITS.title} placeholder='如：2026年度清远市最美志愿者评选' onChange={(v) => set('title', v)} />
        </FormRow>
        <FormRow field='year' label='评选年度' required error={err('year')}>
          <TextInput value={f.year} type='number' maxLength={4} onChange={(v) => set('year', v)} />
        </FormRow>
        <Picker mode='date' value={f.nominateFrom || today()} onChange={(e) => set('nominateFrom', String(e.detail.value))}>
          <FormRow field='nominateFrom' label='提名开始' required arrow error={err('nominateFrom')}>
            <PickedValue value={f.nominateFrom} placeholder='选择日期' />
          </FormRow>
        </Picker>
        <Picker mode='date' value={f.nominateTo || f.nominateFrom || today()} onChange={(e) => set('nominateTo', String(e.detail.value))}>
          <FormRow field='nominateTo' label='提名截止' required arrow error={err('nominateTo')}>
            <PickedValue value={f.nominateTo} placeholder='选择日期' />
          </FormRow>
        </Picker>
      </View>
      <View className='panel-section'>
        <FormRow field='perTownship' label='每镇街提名' required error={err('perTownship')} hint='每个镇街最多提名的人数'>
          <TextInput value={f.perTownship} type='number' maxLength={2} onChange={(v) => set('perTownship', v)} />
        </FormRow>
        <FormRow field='perCounty' label='每县推荐' required error={err('perCounty')} hint='每个县（市、区）最多向市里推荐的人数'>
          <TextInput value={f.perCounty} type='number' maxLength={3} onChange={(v) => set('perCounty', v)} />
        </FormRow>
        <FormRow field='awards' label='全市名额' required error={err('awards')} hint='最终获评的人数上限'>
          <TextInput value={f.awards} type='number' maxLength={4} onChange={(v) => set('awards', v)} />
        </FormRow>
        <TextRow field='criteria' label='评选条件' required error={err('criteria')} block='cm-edit' value={f.criteria} maxLength={COMMEND_LIMITS.criteria} placeholder='参评对象、服务时长或星级要求、推荐材料等' onChange={(v) => set('criteria', v)} />
      </View>
      <View className='cm-edit__bar'>
        <Button busy={form.busy} className='cm-edit__save' onClick={save}>
          {id ? '保存修改' : '保存草稿'}
        </Button>
        <Text className='cm-edit__note'>保存后是草稿，只有团市委看得到；在评选页点「开始提名」后通知各镇街。</Text>
      </View>
    </View>
  )
}
