// 两赛 (?manage=1: the host's view): the contests open to me — 乡村旅游直播大赛, 电商营销大赛 — with
// ways to my entries and, for judges, to scoring; the league's hosts see their drafts and 新建大赛.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { ContestView } from '@contract/contest'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { loadAccount } from '@/components/admin/shared'
import { Button } from '@/components/ui/Button'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'
import { ContestCard } from '@/components/contest/ContestCard'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

const READY = { kind: 'ready' } as const

export default function Contests() {
  const manage = useRouter().params.manage === '1'
  const who = usePageState(async () => {
    const a = await loadAccount()
    return { host: a.roles.some((g) => g.role === 'county_admin' || g.role === 'city_admin'), judge: a.roles.some((g) => g.role === 'judge') }
  }, [])
  const list = usePaged<ContestView>((page, pageSize) => call('contest.list', { page, pageSize, manage }), String(manage))
  useDidShow(() => {
    if (takeChanged('contests')) void list.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url })
  const roles = who.state.kind === 'ready' ? who.state.data : { host: false, judge: false }
  return (
    <View className='panel-page contests'>
      <View className='ct-head'>
        <Text className='ct-head__eyebrow'>团市委 · 两赛</Text>
        <Text className='ct-head__title'>{manage ? '大赛管理' : '乡村振兴大赛'}</Text>
        <Text className='ct-head__lead'>{manage ? '设定规则、轮次、评分细则和奖项，邀请评委，公布结果，答复申诉。' : '乡村旅游直播大赛、电商营销大赛：个人或组队报名，提交作品，评委按细则评分，公布排名与奖项。'}</Text>
      </View>
      {!manage && (
        <View className='ct-links'>
          <View className='ct-link ct-link--mine' onClick={() => go(ROUTES.contestMine)}>
            <Text>我的参赛</Text>
          </View>
          {roles.judge && (
            <View className='ct-link ct-link--judge' onClick={() => go(ROUTES.contestJudge)}>
              <Text>评委评审</Text>
            </View>
          )}
          {roles.host && (
            <View className='ct-link ct-link--manage' onClick={() => go(`${ROUTES.contests}?manage=1`)}>
              <Text>主办管理</Text>
            </View>
          )}
        </View>
      )}
      {manage && (
        <View className='ct-bar'>
          <Button className='ct-new' onClick={() => go(ROUTES.contestEdit)}>
            ＋ 新建大赛
          </Button>
          <Button kind='outline' className='ct-report' onClick={() => go(`${ROUTES.trainingReport}?tab=contest`)}>
            大赛统计
          </Button>
        </View>
      )}
      <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='ct-list' empty={{ title: manage ? '还没有大赛' : '暂无大赛', desc: manage ? '新建一场大赛，设好规则后开放报名' : '团委开放报名的大赛会在这里显示' }}>
        {(c) => <ContestCard key={c.id} c={c} onClick={() => go(manage ? `${ROUTES.contestManage}?id=${encodeURIComponent(c.id)}` : `${ROUTES.contestDetail}?id=${encodeURIComponent(c.id)}`)} />}
      </PagedStates>
    </View>
  )
}
