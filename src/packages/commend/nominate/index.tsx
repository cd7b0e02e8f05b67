// 提名 (township staff): the approved volunteers of the township with their approved hours, star
// level and whether they are 乡村振兴志愿者 this year; 提名 asks for the reason, within the
// township's number for the round.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { COMMEND_LIMITS } from '@contract/commend-rules'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { askForNotices } from '@/services/notices'
import { Stars, TieRule, Who } from '@/components/commend/parts'
import { useCommendScope } from '@/components/commend/scope'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { hours } from '@/components/ui/format'
import { usePaged } from '@/components/ui/paged'

import '@/components/ui/panel.scss'
import '@/components/commend/commend.scss'
import './index.scss'

type Candidate = OutputOf<'commend.candidates'>['items'][number]

export default function CommendNominate() {
  const roundId = useRouter().params.id ?? ''
  const { state, reload } = useCommendScope()
  const township = state.kind === 'ready' ? state.scope.township : null
  const gate = state.kind === 'ready' && !township ? { kind: 'denied' as const, message: '提名由镇街团委干事进行' } : state
  const list = usePaged<Candidate>((page, pageSize) => call('commend.candidates', { roundId, page, pageSize }), roundId, !!township)
  const [picked, setPicked] = useState<Candidate | null>(null)
  const nominated = list.items.filter((c) => c.nominated).length

  const send = async (reason: string) => {
    if (!picked) return
    // The county's decision on this nomination is told by message: asked on the confirming tap.
    await askForNotices(['review'])
    await call('commend.nominate', { roundId, registrationId: picked.registrationId, reason })
    list.setItems((items) => items.map((c) => (c.registrationId === picked.registrationId ? { ...c, nominated: true } : c)))
    markChanged('commend-round', 'commend')
    setPicked(null)
  }

  return (
    <View className='panel-page cm-nominate'>
      {township && (
        <View className='cm-nominate__head'>
          <Text className='cm-nominate__title'>{township.name} · 可提名的志愿者</Text>
          <Text className='cm-nominate__sub'>本镇街已审核通过的志愿者；本页已提名 {nominated} 人。星级、时长为审核通过的累计数。</Text>
        </View>
      )}
      <PagedStates
        list={list}
        gate={gate}
        retryGate={() => void reload(true)}
        skeleton={3}
        empty={{ title: '本镇街还没有审核通过的志愿者', desc: '志愿者注册经县级团委审核通过后出现在这里' }}
      >
        {(c) => (
          <View key={c.registrationId} className='panel-card cm-cand' data-name={c.name}>
            <View className='cm-cand__main'>
              <Who name={c.name} line={`服务期 ${c.termStart} 至 ${c.termEnd}`} />
              {c.rural ? <Tag tone='green'>乡村振兴志愿者</Tag> : <Tag tone='grey'>服务期已满</Tag>}
            </View>
            <View className='cm-cand__figures'>
              <Stars n={c.star} />
              <Text className='cm-cand__hours'>累计 {hours(c.approvedMinutes)} 小时</Text>
              {c.nominated ? (
                <Tag tone='blue' className='cm-cand__done'>
                  已提名
                </Tag>
              ) : (
                <Button small className='cm-cand__go' onClick={() => setPicked(c)}>
                  提名
                </Button>
              )}
            </View>
          </View>
        )}
      </PagedStates>
      <TieRule />
      <NoteDialog
        visible={!!picked}
        title={`提名 ${picked?.name ?? ''}`}
        message='写明推荐理由：主要事迹、服务成效（至少 10 个字）。提名后本人会收到通知。'
        required
        placeholder='如：扎根社区两年，组织助农直播二十余场……'
        confirmText='提名'
        maxLength={COMMEND_LIMITS.reason}
        onConfirm={send}
        onClose={() => setPicked(null)}
      />
    </View>
  )
}
