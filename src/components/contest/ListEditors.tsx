// The contest form's lists: rounds (name, deadline, judging window, how many advance), the rubric
// (criterion, weight, max score; the weights' sum shown against 100) and the awards.
import { Text, View } from '@tarojs/components'
import { TextInput } from '@/components/ui/TextInput'

export interface RoundRow {
  name: string
  entryDeadline: string
  judgingEnds: string
  advance: string
}
export interface CriterionRow {
  name: string
  weight: string
  maxScore: string
}
export interface AwardRow {
  name: string
  count: string
}

type Edit<T> = (rows: T[]) => void
function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='ct-labelled'>
      <Text className='ct-labelled__label'>{label}</Text>
      <View className='ct-labelled__control'>{children}</View>
    </View>
  )
}

/** Column heads over a list's inputs. */
function Heads({ names }: { names: string[] }) {
  return (
    <View className='ct-sub ct-sub--head'>
      {names.map((n, i) => (
        <Text key={n} className={i === 0 ? 'ct-sub__field' : 'ct-sub__small'}>
          {n}
        </Text>
      ))}
    </View>
  )
}

const change = <T,>(rows: T[], i: number, patch: Partial<T>): T[] => rows.map((r, k) => (k === i ? { ...r, ...patch } : r))
const drop = <T,>(rows: T[], i: number): T[] => rows.filter((_r, k) => k !== i)

export function RoundsEditor({ rows, onChange }: { rows: RoundRow[]; onChange: Edit<RoundRow> }) {
  return (
    <View className='ct-rounds'>
      {rows.map((r, i) => (
        <View key={i} className='ct-sub ct-sub--round'>
          <View className='ct-sub__field'>
            <Labelled label={`第 ${i + 1} 轮`}>
              <TextInput className='ct-round__name' value={r.name} maxLength={20} placeholder='名称，如：初赛' onChange={(v) => onChange(change(rows, i, { name: v }))} />
            </Labelled>
            <Labelled label='提交截止'>
              <TextInput className='ct-round__deadline' value={r.entryDeadline} maxLength={16} placeholder='2026-12-20 18:00' onChange={(v) => onChange(change(rows, i, { entryDeadline: v }))} />
            </Labelled>
            <Labelled label='评审截止'>
              <TextInput className='ct-round__judging' value={r.judgingEnds} maxLength={16} placeholder='2026-12-25 18:00' onChange={(v) => onChange(change(rows, i, { judgingEnds: v }))} />
            </Labelled>
            <Labelled label='晋级名额'>
              <TextInput className='ct-round__advance' type='number' value={r.advance} maxLength={4} placeholder='最后一轮不晋级，填 1 即可' onChange={(v) => onChange(change(rows, i, { advance: v }))} />
            </Labelled>
          </View>
          {rows.length > 1 && (
            <Text className='ct-sub__remove' onClick={() => onChange(drop(rows, i))}>
              删除
            </Text>
          )}
        </View>
      ))}
      {rows.length < 5 && (
        <Text className='ct-add ct-add--round' onClick={() => onChange([...rows, { name: '', entryDeadline: '', judgingEnds: '', advance: '3' }])}>
          ＋ 添加一轮
        </Text>
      )}
    </View>
  )
}

export function RubricEditor({ rows, onChange }: { rows: CriterionRow[]; onChange: Edit<CriterionRow> }) {
  const sum = rows.reduce((s, r) => s + (Number(r.weight) || 0), 0)
  return (
    <View className='ct-rubric'>
      <Heads names={['评分项', '权重 %', '满分']} />
      {rows.map((r, i) => (
        <View key={i} className='ct-sub'>
          <TextInput className='ct-sub__field ct-criterion__name' value={r.name} maxLength={20} placeholder='评分项，如：创意' onChange={(v) => onChange(change(rows, i, { name: v }))} />
          <TextInput className='ct-sub__small ct-criterion__weight' type='number' value={r.weight} maxLength={3} placeholder='权重%' onChange={(v) => onChange(change(rows, i, { weight: v }))} />
          <TextInput className='ct-sub__small ct-criterion__max' type='number' value={r.maxScore} maxLength={3} placeholder='满分' onChange={(v) => onChange(change(rows, i, { maxScore: v }))} />
          {rows.length > 1 && (
            <Text className='ct-sub__remove' onClick={() => onChange(drop(rows, i))}>
              删除
            </Text>
          )}
        </View>
      ))}
      <Text className={`ct-sum${sum === 100 ? '' : ' ct-sum--bad'}`}>权重合计 {sum} / 100</Text>
      {rows.length < 10 && (
        <Text className='ct-add ct-add--criterion' onClick={() => onChange([...rows, { name: '', weight: '', maxScore: '10' }])}>
          ＋ 添加评分项
        </Text>
      )}
    </View>
  )
}

export function AwardsEditor({ rows, onChange }: { rows: AwardRow[]; onChange: Edit<AwardRow> }) {
  return (
    <View className='ct-awards'>
      <Heads names={['奖项', '名额']} />
      {rows.map((r, i) => (
        <View key={i} className='ct-sub'>
          <TextInput className='ct-sub__field ct-award__name' value={r.name} maxLength={12} placeholder='奖项，如：一等奖' onChange={(v) => onChange(change(rows, i, { name: v }))} />
          <TextInput className='ct-sub__small ct-award__count' type='number' value={r.count} maxLength={3} placeholder='名额' onChange={(v) => onChange(change(rows, i, { count: v }))} />
          {rows.length > 1 && (
            <Text className='ct-sub__remove' onClick={() => onChange(drop(rows, i))}>
              删除
            </Text>
          )}
        </View>
      ))}
      {rows.length < 10 && (
        <Text className='ct-add ct-add--award' onClick={() => onChange([...rows, { name: '', count: '1' }])}>
          ＋ 添加奖项
        </Text>
      )}
    </View>
  )
}
