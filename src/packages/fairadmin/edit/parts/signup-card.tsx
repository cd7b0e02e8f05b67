// The fair form's sign-up card (Shanghai time): the window, the seats (never below those taken),
// whose service term qualifies, rural youth or not, and how many positions one may choose.
import { Picker, Text, View } from '@tarojs/components'
import { CAPACITY_RULE, MAX_POSITIONS_RULE, TERM_DAYS_RULE } from '@contract/fair-rules'
import { FormRow } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { Toggle } from '@/components/ui/Toggle'
import { addDays, chineseDate } from '@/components/ui/format'
import type { Row } from '../check'
import type { FairForm } from '../fields'
import '@/components/fair/pieces.scss'

/** A moment as two pickers (day, time); `rows` are the rows an edit of either answers. */
function Moment({ form, day, time, name, rows }: { form: FairForm; day: 'opensDate' | 'closesDate'; time: 'opensTime' | 'closesTime'; name: 'opens' | 'closes'; rows: Row[] }) {
  const { fields, set } = form
  return (
    <View className='fair-edit__moment'>
      <Picker mode='date' value={fields[day]} onChange={(e) => set(day, String(e.detail.value), ...rows)}>
        <Text className={`fair-edit__moment-part fair-edit__${name}-date`}>{fields[day]}</Text>
      </Picker>
      <Picker mode='time' value={fields[time]} onChange={(e) => set(time, String(e.detail.value), ...rows)}>
        <Text className={`fair-edit__moment-part fair-edit__${name}-time`}>{fields[time]}</Text>
      </Picker>
    </View>
  )
}

export function SignupCard({ form, confirmed }: { form: FairForm; confirmed: number }) {
  const { fields, set, errorOf } = form
  const termEnd = /^\d+$/.test(fields.termDays) ? chineseDate(addDays(fields.date, Number(fields.termDays))) : ''
  return (
    <View className='form-card'>
      <Text className='form-card__title'>
        报名
        <Text className='form-card__title-note'>北京时间</Text>
      </Text>
      <FormRow field='signupOpens' label='报名开始' required error={errorOf('signupOpens')}>
        <Moment form={form} day='opensDate' time='opensTime' name='opens' rows={['signupOpens', 'signupCloses']} />
      </FormRow>
      <FormRow field='signupCloses' label='报名截止' required error={errorOf('signupCloses')} hint='截止后不能再报名或修改所选岗位，用人单位的岗位也会锁定'>
        <Moment form={form} day='closesDate' time='closesTime' name='closes' rows={['signupCloses']} />
      </FormRow>
      <FormRow field='capacity' label='名额' required error={errorOf('capacity')} hint={confirmed > 0 ? `已有 ${confirmed} 人报名成功，名额不能少于此数；增加名额时候补者按顺序递补` : '满额后新的报名进入候补，有人取消时按顺序递补'}>
        <TextInput className='fair-edit__capacity' type='number' value={fields.capacity} placeholder='如 200' maxLength={String(CAPACITY_RULE.max).length} onChange={(v) => set('capacity', v.replace(/\D/g, ''), 'capacity')} />
        <Text className='fair-edit__unit'>人</Text>
      </FormRow>
      <FormRow
        field='termDays'
        label='服务期满'
        required
        error={errorOf('termDays')}
        hint={termEnd ? `服务期已满，或在对接会后 ${fields.termDays} 天内期满（${termEnd} 前）的志愿者可以报名` : '服务期已满，或在对接会后这些天内期满的志愿者可以报名'}
      >
        <Text className='fair-edit__term-text'>对接会后</Text>
        <TextInput className='fair-edit__term-days' type='number' value={fields.termDays} placeholder='180' maxLength={String(TERM_DAYS_RULE.max).length} onChange={(v) => set('termDays', v.replace(/\D/g, ''), 'termDays')} />
        <Text className='fair-edit__term-text'>天内</Text>
      </FormRow>
      <FormRow field='allowRuralYouth' label='农村青年' hint={fields.allowRuralYouth ? '已注册并通过审核的农村青年也可以报名' : '本场只面向服务期满的志愿者'}>
        <View className='fair-edit__youth'>
          <Text className='fair-edit__youth-title'>{fields.allowRuralYouth ? '允许报名' : '不允许'}</Text>
          <Toggle className='fair-edit__allow-youth' on={fields.allowRuralYouth} onChange={(v) => set('allowRuralYouth', v)} />
        </View>
      </FormRow>
      <FormRow field='maxPositions' label='每人最多可选岗位' required stacked error={errorOf('maxPositions')} hint='报名者可同时应聘的岗位数'>
        <View className='fair-pills fair-edit__max'>
          {Array.from({ length: MAX_POSITIONS_RULE.max }, (_, i) => i + 1).map((n) => (
            <View key={n} className={`fair-pill fair-edit__max-pill ${fields.maxPositions === n ? 'fair-pill--on' : ''}`} onClick={() => set('maxPositions', n, 'maxPositions')}>
              <Text>{n} 个</Text>
            </View>
          ))}
        </View>
      </FormRow>
    </View>
  )
}
