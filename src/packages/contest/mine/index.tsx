// 我的参赛: every contest I entered (as captain or member): the work, its state, each round's rank
// and outcome; a tap opens the contest (edit, submit, appeal).
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { EntryView } from '@contract/contest'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'
import { EntryCard } from '@/components/contest/EntryCard'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

const READY = { kind: 'ready' } as const

export default function MyEntries() {
  const list = usePaged<EntryView>((page, pageSize) => call('contest.mine', { page, pageSize }), 'mine')
  useDidShow(() => {
    if (takeChanged('contest-mine')) void list.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className='panel-page contest-mine'>
      <PagedStates
        list={list}
        gate={READY}
        retryGate={() => void list.reload()}
        listClassName='ct-list'
        empty={{ title: '还没有参赛作品', desc: '在大赛页报名参赛，或用队长分享的团队码加入团队', action: { text: '去看大赛', onClick: () => void Taro.redirectTo({ url: ROUTES.contests }) } }}
      >
        {(e) => (
          <View key={e.id} onClick={() => go(`${ROUTES.contestDetail}?id=${encodeURIComponent(e.contestId)}`)}>
            <Text className='ct-section ct-mine__contest'>{e.contestTitle}</Text>
            <EntryCard e={{ ...e, teamCode: '' }} />
          </View>
        )}
      </PagedStates>
    </View>
  )
}
