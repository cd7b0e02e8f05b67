// 评选表彰: every round the caller's role takes part in (the city sees its drafts too), newest
// first. The city starts a new round here; everyone opens a round to act on it.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { RoundView } from '@contract/commend'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { RoundCard } from '@/components/commend/parts'
import { STAFF_ONLY, useCommendScope } from '@/components/commend/scope'
import { Button } from '@/components/ui/Button'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'

import '@/components/ui/panel.scss'
import './index.scss'

export default function CommendRounds() {
  const { state, reload } = useCommendScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const list = usePaged<RoundView>((page, pageSize) => call('commend.rounds', { page, pageSize }), 'rounds', !!scope)
  useDidShow(() => {
    if (takeChanged('commend') && scope) void list.reload(true)
  })
  const role = scope ? (scope.city ? '团市委：开评选、评定并公布结果' : scope.county ? `${scope.county.name}团委：审核本县的提名` : `${scope.township?.name ?? ''}：提名本镇街的志愿者`) : ''

  return (
    <View className='panel-page cm-home'>
      {scope && (
        <View className='cm-home__head'>
          <Text className='cm-home__title'>星级志愿者 · 最美志愿者评选</Text>
          <Text className='cm-home__role'>{role}</Text>
          {scope.city && (
            <Button className='cm-home__create' onClick={() => void Taro.navigateTo({ url: ROUTES.commendEdit })}>
              + 新建评选
            </Button>
          )}
        </View>
      )}
      <PagedStates
        list={list}
        gate={state}
        retryGate={() => void reload(true)}
        denied={STAFF_ONLY}
        skeleton={2}
        empty={{ title: '还没有评选', desc: scope?.city ? '点「新建评选」填写类别、名额和评选条件' : '团市委开始评选后，会通知各镇街提名' }}
      >
        {(r) => <RoundCard key={r.id} round={r} onClick={() => void Taro.navigateTo({ url: `${ROUTES.commendRound}?id=${r.id}` })} />}
      </PagedStates>
    </View>
  )
}
