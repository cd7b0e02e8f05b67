// 比赛结果 (?id=&round=): a published round's ranking — rank medals, average score, advanced or the
// award — and the tie rule it was ordered by; earlier rounds one tap away.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { call } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'
import { CONTEST_TIE_RULE } from '@/components/contest/labels'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

const READY = { kind: 'ready' } as const

export default function Results() {
  const id = param(useRouter().params.id)
  const contest = usePageState(() => call('contest.get', { id }), [id], !!id)
  const [round, setRound] = useState<number | undefined>(undefined)
  const list = usePaged((page, pageSize) => call('contest.results', { contestId: id, page, pageSize, ...(round === undefined ? {} : { round }) }), `${id}:${round ?? ''}`, !!id)
  const c = contest.state.kind === 'ready' ? contest.state.data.contest : null
  const published = c ? (c.status === 'published' ? c.round : c.round - 1) : -1
  return (
    <View className='panel-page contest-results'>
      <View className='ct-head'>
        <Text className='ct-head__eyebrow'>比赛结果</Text>
        <Text className='ct-head__title'>{c?.title ?? '大赛'}</Text>
        <Text className='ct-head__lead'>{CONTEST_TIE_RULE}</Text>
      </View>
      {c && published > 0 && (
        <View className='panel-top'>
          <View className='panel-tabs'>
            {c.rounds.slice(0, published + 1).map((r, i) => (
              <View key={i} className={`panel-tabs__item ${(round ?? published) === i ? 'panel-tabs__item--on' : ''}`} onClick={() => setRound(i)}>
                <Text>{r.name}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='ct-list' empty={{ title: '结果尚未公布', desc: '主办方公布后，排名和奖项会显示在这里' }}>
        {(r) => (
          <View key={r.id} className='ct-card ct-result'>
            <View className='ct-row ct-row--flush'>
              <Text className={`ct-rank ct-rank--${r.rank}`}>{r.rank}</Text>
              <View className='ct-row__main'>
                <Text className='ct-row__name'>{r.title}</Text>
                <Text className='ct-row__sub'>
                  {r.captainName} · {r.award || r.outcome}
                </Text>
              </View>
              <Text className='ct-row__figure'>{r.score} 分</Text>
            </View>
          </View>
        )}
      </PagedStates>
    </View>
  )
}
