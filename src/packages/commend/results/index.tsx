// 获评名单: a published round's awards in standing order, for everyone (the volunteer opens it
// from the notice); the tie rule stated beside it.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { COMMEND_KIND_LABELS } from '@contract/commend-rules'
import { call } from '@/services/cloud'
import { Stars, TieRule, Who } from '@/components/commend/parts'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { hours, ymd } from '@/components/ui/format'
import { usePaged } from '@/components/ui/paged'

import '@/components/ui/panel.scss'
import '@/components/commend/commend.scss'
import './index.scss'

type Results = OutputOf<'commend.results'>

export default function CommendResults() {
  const roundId = useRouter().params.id ?? ''
  const [round, setRound] = useState<Results['round'] | null>(null)
  const list = usePaged<Results['items'][number]>(
    async (page, pageSize) => {
      const r = await call('commend.results', { roundId, page, pageSize })
      setRound(r.round)
      return r
    },
    roundId,
    true,
    50,
  )
  return (
    <View className='panel-page cm-results'>
      {round && (
        <View className='cm-results__head'>
          <Text className='cm-results__kind'>{COMMEND_KIND_LABELS[round.kind]}</Text>
          <Text className='cm-results__title'>{round.title}</Text>
          <Text className='cm-results__sub'>
            {round.year} 年度 · 获评 {list.total} 人 · {ymd(round.publishedAt)} 公布
          </Text>
        </View>
      )}
      <PagedStates list={list} gate={{ kind: 'ready' }} retryGate={() => void list.reload()} skeleton={3} empty={{ title: '这次评选没有获评人员' }}>
        {(n) => (
          <View key={n.id} className='panel-card cm-winner'>
            <Text className='cm-winner__rank'>{n.rank}</Text>
            <Who name={n.name} line={`${n.countyName} · ${n.townshipName}`} />
            <View className='cm-winner__figures'>
              <Stars n={n.star} />
              <Text className='cm-winner__hours'>{hours(n.approvedMinutes)} 小时</Text>
              {n.rural ? <Tag tone='green'>乡村振兴志愿者</Tag> : null}
            </View>
          </View>
        )}
      </PagedStates>
      <TieRule />
    </View>
  )
}
