// A course as a card: kind, audience, state, who runs it, its sessions or parts.
import { Text, View } from '@tarojs/components'
import type { CourseView } from '@contract/training'
import { Tag } from '@/components/ui/Tag'
import { TRAINING_AUDIENCE_LABELS, TRAINING_KIND_LABELS } from './labels'

export function CourseCard({ c, onClick }: { c: CourseView; onClick: () => void }) {
  return (
    <View className='tr-card tr-course' onClick={onClick}>
      <View className='tr-card__top'>
        <Tag tone='brand'>{TRAINING_KIND_LABELS[c.kind]}</Tag>
        <Tag tone='grey'>{TRAINING_AUDIENCE_LABELS[c.audience]}</Tag>
        {c.status !== 'published' && <Tag tone={c.status === 'draft' ? 'amber' : 'red'}>{c.status === 'draft' ? '未发布' : '已取消'}</Tag>}
        {c.certificateCode && <Tag tone='green'>已结业</Tag>}
      </View>
      <Text className='tr-card__title'>{c.title}</Text>
      <Text className='tr-card__line'>
        {c.department} · {c.countyName}
      </Text>
      <Text className='tr-card__muted'>{c.kind === 'online' ? `线上学习 · ${c.parts.length} 个课时` : c.sessionCount > 0 ? `${c.sessionCount} 个场次 · ${c.firstDate} 起` : '场次待安排'}</Text>
    </View>
  )
}
