// The host's contest form: kind, name, rules, individual or team (and the team's size), rounds,
// the rubric (weights summing to 100), awards and the appeal window. Each problem at its row,
// the function's refusal of a field too.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ContestInput, ContestView } from '@contract/contest'
import type { ContestKind, EntryMode } from '@contract/contest-rules'
import { Button } from '@/components/ui/Button'
import { CountedTextarea } from '@/components/ui/CountedTextarea'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { TextInput } from '@/components/ui/TextInput'
import { useSubmit } from '@/components/ui/submit'
import { CONTEST_KIND_LABELS, CONTEST_LIMITS, ENTRY_MODE_LABELS, KIND_OPTIONS } from './labels'
import { AwardsEditor, RoundsEditor, RubricEditor, type AwardRow, type CriterionRow, type RoundRow } from './ListEditors'

const ROWS = ['kind', 'title', 'rules', 'mode', 'maxTeamSize', 'rounds', 'rubric', 'awards', 'appealDays'] as const
type Row = (typeof ROWS)[number]
const rowOf = (field: string): Row | null => (ROWS as readonly string[]).find((r) => field === r || field.startsWith(`${r}.`)) as Row | null
const MOMENT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/

export function ContestForm({ contest, countyCode, onSave }: { contest: ContestView | null; countyCode: string; onSave: (input: ContestInput) => Promise<void> }) {
  const [kind, setKind] = useState<ContestKind | ''>(contest?.kind ?? '')
  const [title, setTitle] = useState(contest?.title ?? '')
  const [rules, setRules] = useState(contest?.rules ?? '')
  const [mode, setMode] = useState<EntryMode>(contest?.mode ?? 'team')
  const [size, setSize] = useState(String(contest?.maxTeamSize ?? 5))
  const [rounds, setRounds] = useState<RoundRow[]>(contest?.rounds.map((r) => ({ ...r, advance: String(r.advance) })) ?? [{ name: '初赛', entryDeadline: '', judgingEnds: '', advance: '10' }])
  const [rubric, setRubric] = useState<CriterionRow[]>(contest?.rubric.map((k) => ({ name: k.name, weight: String(k.weight), maxScore: String(k.maxScore) })) ?? [{ name: '创意策划', weight: '40', maxScore: '10' }, { name: '呈现效果', weight: '60', maxScore: '10' }])
  const [awards, setAwards] = useState<AwardRow[]>(contest?.awards.map((a) => ({ name: a.name, count: String(a.count) })) ?? [{ name: '一等奖', count: '1' }, { name: '二等奖', count: '2' }, { name: '三等奖', count: '3' }])
  const [appealDays, setAppealDays] = useState(String(contest?.appealDays ?? 3))
  const [sheet, setSheet] = useState(false)
  const form = useSubmit(ROWS, rowOf)
  const err = (r: Row) => form.serverErrors[r] ?? (form.tried ? local()[r] : undefined)

  function local(): Partial<Record<Row, string>> {
    const badRound = rounds.find((r) => r.name.trim().length < 2 || !MOMENT.test(r.entryDeadline.trim()) || !MOMENT.test(r.judgingEnds.trim()) || !(Number(r.advance) >= 1))
    const late = rounds.find((r) => r.judgingEnds.trim() <= r.entryDeadline.trim())
    const weights = rubric.reduce((s, k) => s + (Number(k.weight) || 0), 0)
    return {
      kind: kind ? undefined : '请选择大赛类别',
      title: title.trim().length < 4 ? '大赛名称至少 4 个字' : undefined,
      rules: rules.trim().length < 10 ? '比赛规则至少 10 个字' : undefined,
      maxTeamSize: mode === 'team' && !(Number(size) >= 2 && Number(size) <= CONTEST_LIMITS.teamSize.max) ? `团队人数上限应为 2–${CONTEST_LIMITS.teamSize.max}` : undefined,
      rounds: badRound ? '每轮请填写名称、截止时间（如 2026-12-20 18:00）和晋级名额' : late ? '评审截止时间应晚于作品提交截止时间' : undefined,
      rubric: rubric.some((k) => k.name.trim().length < 2 || !(Number(k.maxScore) >= 1)) ? '每项评分细则请填写名称和满分' : weights !== 100 ? `评分细则的权重合计应为 100（现为 ${weights}）` : undefined,
      awards: awards.some((a) => a.name.trim().length < 2 || !(Number(a.count) >= 1)) ? '每个奖项请填写名称和名额' : undefined,
      appealDays: !(Number(appealDays) >= 1 && Number(appealDays) <= 30) ? '申诉期应为 1–30 天' : undefined,
    }
  }

  const save = () =>
    form.submit({
      check: local,
      send: () =>
        onSave({
          ...(contest ? { id: contest.id } : {}),
          kind: kind as ContestKind,
          title: title.trim(),
          rules: rules.trim(),
          countyCode: contest?.countyCode ?? countyCode,
          mode,
          maxTeamSize: mode === 'team' ? Number(size) : 2,
          rounds: rounds.map((r) => ({ name: r.name.trim(), entryDeadline: r.entryDeadline.trim(), judgingEnds: r.judgingEnds.trim(), advance: Number(r.advance) })),
          rubric: rubric.map((k) => ({ name: k.name.trim(), weight: Number(k.weight), maxScore: Number(k.maxScore) })),
          awards: awards.map((a) => ({ name: a.name.trim(), count: Number(a.count) })),
          appealDays: Number(appealDays),
        }),
    })

  return (
    <View className='ct-form ct-contest-form'>
      <FormRow field='kind' label='大赛类别' required error={err('kind')} arrow onClick={() => setSheet(true)}>
        <PickedValue value={kind ? CONTEST_KIND_LABELS[kind] : ''} placeholder='乡村旅游直播 / 电商营销 / 其他' />
      </FormRow>
      <FormRow field='title' label='大赛名称' required error={err('title')}>
        <TextInput value={title} maxLength={CONTEST_LIMITS.title} placeholder='如：清远市乡村旅游直播大赛' onChange={setTitle} />
      </FormRow>
      <FormRow field='rules' label='比赛规则' required error={err('rules')} stacked>
        <CountedTextarea value={rules} maxLength={CONTEST_LIMITS.rules} placeholder='参赛对象、作品要求、时长、原创声明……' onChange={setRules} className='ct-textarea' inputClassName='ct-textarea__input' placeholderClass='ct-textarea__placeholder' countClassName='ct-textarea__count' autoHeight />
      </FormRow>
      <FormRow field='mode' label='参赛方式' required error={err('mode')}>
        <View className='ct-modes'>
          {(['individual', 'team'] as const).map((m) => (
            <Text key={m} className={`ct-chip${mode === m ? ' ct-chip--on' : ''}`} onClick={() => setMode(m)}>
              {ENTRY_MODE_LABELS[m]}
            </Text>
          ))}
        </View>
      </FormRow>
      {mode === 'team' && (
        <FormRow field='maxTeamSize' label='每队最多' required error={err('maxTeamSize')} hint='含队长，至少 2 人'>
          <TextInput type='number' value={size} maxLength={2} onChange={setSize} />
        </FormRow>
      )}
      <FormRow field='rounds' label='比赛轮次' required error={err('rounds')} stacked hint='时间格式：2026-12-20 18:00；后一轮在前一轮评审结束后开始'>
        <RoundsEditor rows={rounds} onChange={setRounds} />
      </FormRow>
      <FormRow field='rubric' label='评分细则' required error={err('rubric')} stacked hint='评委按每项满分打分，按权重折算为百分制'>
        <RubricEditor rows={rubric} onChange={setRubric} />
      </FormRow>
      <FormRow field='awards' label='奖项' required error={err('awards')} stacked hint='最后一轮按名次依次颁发'>
        <AwardsEditor rows={awards} onChange={setAwards} />
      </FormRow>
      <FormRow field='appealDays' label='申诉期' required error={err('appealDays')} hint='结果公布后可申诉的天数'>
        <TextInput type='number' value={appealDays} maxLength={2} onChange={setAppealDays} />
      </FormRow>
      <View className='ct-bar'>
        <Button className='ct-contest-form__save' busy={form.busy} onClick={() => void save()}>
          {contest ? '保存修改' : '创建大赛（草稿）'}
        </Button>
      </View>
      <OptionSheet visible={sheet} title='大赛类别' options={KIND_OPTIONS} value={kind} onSelect={(v) => setKind(v as ContestKind)} onClose={() => setSheet(false)} />
    </View>
  )
}
