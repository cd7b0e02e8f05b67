// An entry as its members see it: state, work, team (the captain's code to share), results.
import { Image, Text, View } from '@tarojs/components'
import type { EntryView } from '@contract/contest'
import { Tag } from '@/components/ui/Tag'
import { ENTRY_MODE_LABELS, ENTRY_STATUS_LABELS, ENTRY_TONE } from './labels'

export function EntryCard({ e, children }: { e: EntryView; children?: React.ReactNode }) {
  return (
    <View className='ct-card ct-entry'>
      <View className='ct-card__top'>
        <Tag tone={ENTRY_TONE[e.status]} solid>
          {e.status === 'awarded' ? e.award : ENTRY_STATUS_LABELS[e.status]}
        </Tag>
        <Tag tone='grey'>{ENTRY_MODE_LABELS[e.mode]}</Tag>
      </View>
      <Text className='ct-card__title'>{e.title}</Text>
      <Text className='ct-card__line ct-entry__url'>{e.workUrl}</Text>
      {e.pictures.length > 0 && (
        <View className='ct-pics'>
          {e.pictures.map((p) => (
            <View key={p.fileId} className='ct-pic'>
              {p.url && <Image className='ct-pic__img' src={p.url} mode='aspectFill' />}
            </View>
          ))}
        </View>
      )}
      <Text className='ct-card__muted'>{e.description}</Text>
      <Text className='ct-card__line ct-entry__members'>
        成员：{e.members.map((m) => (m.captain ? `${m.name}（队长）` : m.name)).join('、')}
      </Text>
      {e.teamCode && (
        <View className='ct-code'>
          <Text className='ct-code__value ct-entry__code'>{e.teamCode}</Text>
          <Text className='ct-code__hint'>把团队码发给队友，队友在大赛页输入即可加入</Text>
        </View>
      )}
      {e.results.length > 0 && (
        <View className='ct-rows'>
          {e.results.map((r) => (
            <View key={r.round} className='ct-row'>
              <Text className='ct-row__name'>
                {r.roundName}：第 {r.rank} 名 · {r.outcome}
              </Text>
              <Text className='ct-row__figure'>{r.score} 分</Text>
            </View>
          ))}
        </View>
      )}
      {children && <View className='ct-card__actions'>{children}</View>}
    </View>
  )
}
