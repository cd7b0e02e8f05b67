// Parts of the commendation pages: a round's head, a nomination with the figures beside it, and
// the tie rule as the pages state it.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { NominationView, RoundView } from '@contract/commend'
import { COMMEND_KIND_LABELS, NOMINATION_STATUS_LABELS, ROUND_STATUS_LABELS, TIE_RULE_TEXT, type NominationStatus, type RoundStatus } from '@contract/commend-rules'
import { Tag, type TagTone } from '@/components/ui/Tag'
import { hours } from '@/components/ui/format'

import './commend.scss'

/** A person on a commendation list: the name, and a line under it (their place, their term). */
export function Who({ name, line }: { name: string; line: string }) {
  return (
    <View className='cm-who'>
      <Text className='cm-who__name'>{name}</Text>
      <Text className='cm-who__line'>{line}</Text>
    </View>
  )
}

const ROUND_TONES: Record<RoundStatus, TagTone> = { draft: 'grey', nominating: 'brand', reviewing: 'amber', deciding: 'blue', published: 'green' }
const NOMINATION_TONES: Record<NominationStatus, TagTone> = { nominated: 'amber', recommended: 'blue', not_recommended: 'grey', awarded: 'green', not_awarded: 'grey' }

export function RoundStatusTag({ status }: { status: RoundStatus }) {
  return <Tag tone={ROUND_TONES[status]}>{ROUND_STATUS_LABELS[status]}</Tag>
}

/** The round as a card: kind, title, phase, the nomination window and the numbers. */
export function RoundCard({ round, onClick, children }: { round: RoundView; onClick?: () => void; children?: ReactNode }) {
  return (
    <View className='cm-round panel-card' hoverClass={onClick ? 'panel-card--pressed' : 'none'} onClick={onClick}>
      <View className='cm-round__top'>
        <Text className={`cm-round__kind cm-round__kind--${round.kind}`}>{COMMEND_KIND_LABELS[round.kind]}</Text>
        <RoundStatusTag status={round.status} />
      </View>
      <Text className='cm-round__title'>{round.title}</Text>
      <Text className='cm-round__line'>
        {round.year} 年度 · 提名 {round.nominateFrom} 至 {round.nominateTo}
      </Text>
      <Text className='cm-round__line'>
        每镇街提名 {round.perTownship} 人 · 每县推荐 {round.perCounty} 人 · 全市 {round.awards} 名
      </Text>
      {children}
    </View>
  )
}

/** Star level as stars (☆ for none). */
export function Stars({ n }: { n: number }) {
  return <Text className='cm-stars'>{n > 0 ? '★'.repeat(n) : '未评星'}</Text>
}

/** A nomination: who, where, their figures as nominated, the township's reason, the decisions so far. */
export function NominationCard({ n, children, hint }: { n: NominationView; children?: ReactNode; hint?: string }) {
  return (
    <View className={`cm-nom panel-card cm-nom--${n.status}`}>
      <View className='cm-nom__top'>
        {n.rank > 0 && <Text className='cm-nom__rank'>{n.rank}</Text>}
        <Who name={n.name} line={`${n.countyName} · ${n.townshipName}`} />
        <Tag tone={NOMINATION_TONES[n.status]}>{NOMINATION_STATUS_LABELS[n.status]}</Tag>
      </View>
      <View className='cm-figures'>
        <View className='cm-figures__cell'>
          <Stars n={n.star} />
          <Text className='cm-figures__label'>星级</Text>
        </View>
        <View className='cm-figures__cell'>
          <Text className='cm-figures__value'>{hours(n.approvedMinutes)}</Text>
          <Text className='cm-figures__label'>累计时长（小时）</Text>
        </View>
        <View className='cm-figures__cell'>
          <Text className={`cm-figures__value ${n.rural ? 'cm-figures__value--rural' : ''}`}>{n.rural ? '是' : '否'}</Text>
          <Text className='cm-figures__label'>乡村振兴志愿者</Text>
        </View>
      </View>
      <Text className='cm-nom__reason'>推荐理由：{n.reason}</Text>
      {n.reviewReason ? <Text className='cm-nom__note'>县级意见：{n.reviewReason}</Text> : null}
      {n.decisionReason ? <Text className='cm-nom__note'>市级意见：{n.decisionReason}</Text> : null}
      {hint ? <Text className='cm-nom__hint'>{hint}</Text> : null}
      {children ? <View className='cm-nom__actions'>{children}</View> : null}
    </View>
  )
}

/** The tie rule, stated where the order matters. */
export function TieRule() {
  return (
    <View className='cm-tie'>
      <Text className='cm-tie__title'>排序与同等条件优先</Text>
      <Text className='cm-tie__text'>{TIE_RULE_TEXT}</Text>
      <Text className='cm-tie__text'>“乡村振兴志愿者”指评选年度内在服务期的高校毕业生志愿服务乡村振兴行动志愿者；星级、时长为提名时的累计数。</Text>
    </View>
  )
}
