// A contest as a card: kind, state, title, host, the round under way.
import { Text, View } from '@tarojs/components'
import type { ContestView } from '@contract/contest'
import { Tag } from '@/components/ui/Tag'
import { CONTEST_KIND_LABELS, CONTEST_STATUS_LABELS, ENTRY_MODE_LABELS, roundLine, STATUS_TONE } from './labels'

export function ContestCard({ c, onClick, children }: { c: ContestView; onClick?: () => void; children?: React.ReactNode }) {
  return (
    <View className='ct-card ct-contest' onClick={onClick}>
      <View className='ct-card__top'>
        <Tag tone='brand'>{CONTEST_KIND_LABELS[c.kind]}</Tag>
        <Tag tone={STATUS_TONE[c.status]} solid>
          {CONTEST_STATUS_LABELS[c.status]}
        </Tag>
        <Tag tone='grey'>{ENTRY_MODE_LABELS[c.mode]}</Tag>
      </View>
      <Text className='ct-card__title'>{c.title}</Text>
      <Text className='ct-card__line'>
        {c.hostName} · {roundLine(c)}
      </Text>
      {children}
    </View>
  )
}

/** The rules a contest runs by: rounds, the rubric (weights as bars), awards and the tie rule. */
export function ContestRules({ c }: { c: ContestView }) {
  return (
    <View className='ct-list ct-list--rules'>
      <View className='ct-card'>
        <Text className='ct-card__title'>比赛规则</Text>
        <Text className='ct-card__line'>{c.rules}</Text>
        {c.mode === 'team' && <Text className='ct-card__muted'>团队参赛，每队 2–{c.maxTeamSize} 人；队长报名后把团队码分享给队友</Text>}
      </View>
      <View className='ct-card'>
        <Text className='ct-card__title'>比赛轮次</Text>
        <View className='ct-rows'>
          {c.rounds.map((r, i) => (
            <View key={i} className='ct-row'>
              <View className='ct-row__main'>
                <Text className='ct-row__name'>
                  {r.name}
                  {i === c.round && c.status !== 'draft' ? '（进行中）' : ''}
                </Text>
                <Text className='ct-row__sub'>
                  {r.entryDeadline} 截止提交 · {r.judgingEnds} 前评审
                </Text>
              </View>
              <Text className='ct-row__figure'>{i < c.rounds.length - 1 ? `前 ${r.advance} 名晋级` : '决出奖项'}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className='ct-card'>
        <Text className='ct-card__title'>评分细则</Text>
        <View className='ct-rows'>
          {c.rubric.map((k, i) => (
            <View key={i} className='ct-row'>
              <View className='ct-row__main'>
                <Text className='ct-row__name'>{k.name}</Text>
                <View className='ct-weight'>
                  <View className='ct-weight__fill' style={{ width: `${k.weight}%` }} />
                </View>
              </View>
              <Text className='ct-row__figure'>
                {k.weight}% · 满分 {k.maxScore}
              </Text>
            </View>
          ))}
        </View>
        <Text className='ct-card__muted'>{c.tieRule}</Text>
      </View>
      <View className='ct-card'>
        <Text className='ct-card__title'>奖项设置</Text>
        <View className='ct-rows'>
          {c.awards.map((a, i) => (
            <View key={i} className='ct-row'>
              <Text className='ct-row__name'>{a.name}</Text>
              <Text className='ct-row__figure'>{a.count} 名</Text>
            </View>
          ))}
        </View>
        <Text className='ct-card__muted'>结果公布后 {c.appealDays} 天内可对本轮结果提出申诉</Text>
      </View>
    </View>
  )
}
