// One entry on a judge's sheet: the work, the judge's own score per criterion (0 to its max; the
// weighted total shown as they type), 提交评分 and 声明回避. Never anyone else's score.
import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { ContestView, JudgeEntry } from '@contract/contest'
import { scoresProblem, weightedScore } from '@contract/contest-rules'
import { Button } from '@/components/ui/Button'
import { Tag } from '@/components/ui/Tag'
import { TextInput } from '@/components/ui/TextInput'

interface Props {
  e: JudgeEntry
  rubric: ContestView['rubric']
  canScore: boolean
  busy: boolean
  onScore: (scores: number[]) => Promise<void>
  onConflict: () => void
}

export function ScoreCard({ e, rubric, canScore, busy, onScore, onConflict }: Props) {
  const [values, setValues] = useState<string[]>(rubric.map((_k, i) => (e.myScores ? String(e.myScores[i]) : '')))
  const [problem, setProblem] = useState('')
  const numbers = values.map((v) => (v.trim() === '' ? NaN : Number(v)))
  const filled = numbers.every((n) => !Number.isNaN(n))
  const send = async () => {
    const p = filled ? scoresProblem(rubric, numbers) : '请为每一项评分'
    setProblem(p)
    if (!p) await onScore(numbers)
  }
  return (
    <View className='ct-card ct-score-card'>
      <View className='ct-card__top'>
        {e.conflict ? <Tag tone='grey' solid>已回避</Tag> : e.myScores ? <Tag tone='green' solid>已评 {e.myTotal} 分</Tag> : <Tag tone='amber' solid>待评分</Tag>}
        <Tag tone='grey'>{e.members} 人</Tag>
      </View>
      <Text className='ct-card__title'>{e.title}</Text>
      <Text className='ct-card__line ct-entry__url'>{e.workUrl}</Text>
      {e.pictures.length > 0 && (
        <View className='ct-pics'>
          {e.pictures.map((src) => (
            <View key={src} className='ct-pic'>
              <Image className='ct-pic__img' src={src} mode='aspectFill' />
            </View>
          ))}
        </View>
      )}
      <Text className='ct-card__muted'>{e.description}</Text>
      {!e.conflict && canScore && (
        <View className='ct-rows'>
          {rubric.map((k, i) => (
            <View key={i} className='ct-score'>
              <Text className='ct-score__name'>
                {k.name}（{k.weight}%）
              </Text>
              <TextInput className={`ct-score__input ct-score__input--${i}`} type='number' value={values[i]} maxLength={3} placeholder='得分' onChange={(v) => setValues((vs) => vs.map((x, j) => (j === i ? v : x)))} />
              <Text className='ct-score__max'>/ {k.maxScore}</Text>
            </View>
          ))}
          <Text className='ct-sum'>折合 {filled && !scoresProblem(rubric, numbers) ? weightedScore(rubric, numbers) : '—'} 分（百分制）</Text>
          {problem && <Text className='ct-sum ct-sum--bad'>{problem}</Text>}
          <View className='ct-card__actions'>
            <Button small busy={busy} className='ct-score-card__send' onClick={() => void send()}>
              {e.myScores ? '修改评分' : '提交评分'}
            </Button>
            <Button small kind='plain' className='ct-score-card__conflict' onClick={onConflict}>
              声明回避
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
