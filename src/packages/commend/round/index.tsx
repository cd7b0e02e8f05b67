// 一次评选: its criteria, numbers and phase, how far it has come (nominations by state), the tie
// rule, and what the caller may do now — the city moves it on (each step confirmed: none can be
// undone), a township nominates, the county reviews, the city decides; everyone reads the result.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { NOMINATION_STATUS_LABELS, NOMINATION_STATUSES, ROUND_NEXT, ROUND_STATUS_LABELS } from '@contract/commend-rules'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { markChanged, takeChanged } from '@/services/changes'
import { RoundCard, TieRule } from '@/components/commend/parts'
import { STAFF_ONLY, useCommendScope } from '@/components/commend/scope'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import '@/components/ui/panel.scss'
import './index.scss'

type Detail = OutputOf<'commend.round'>

export default function CommendRound() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useCommendScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const page = usePageState(() => call('commend.round', { id }), [id], !!scope)
  useDidShow(() => {
    if (takeChanged('commend-round') && page.state.kind === 'ready') void page.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url: `${url}?id=${id}` })

  const advance = async (d: Detail) => {
    const next = ROUND_NEXT[d.round.status]
    if (!next) return
    const { confirm } = await Taro.showModal({
      title: next.label,
      content: ADVANCE_TEXT[next.to] ?? '',
      confirmText: '确定',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    try {
      await call('commend.advance', { id, status: next.to })
      markChanged('commend')
      void Taro.showToast({ title: ROUND_STATUS_LABELS[next.to], icon: 'success' })
      await page.reload(true)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 })
    }
  }

  return (
    <View className='panel-page cm-r'>
      <PageStates gate={state} state={page.state} retry={() => void (scope ? page.retry() : reload(true))} denied={state.kind === 'denied' ? STAFF_ONLY : undefined} skeleton={2}>
        {(d) => (
          <View className='cm-r__body'>
            <View className='panel-list'>
              <RoundCard round={d.round}>
                <Text className='cm-r__criteria'>{d.round.criteria}</Text>
              </RoundCard>
            </View>
            <Progress d={d} what={scope?.city ? '全市已评定获评' : scope?.county ? `${d.mine?.placeName ?? ''}已推荐` : `${d.mine?.placeName ?? ''}已提名`} />
            <View className='cm-r__actions'>
              {d.can.nominate && <Button className='cm-r__nominate' onClick={() => go(ROUTES.commendNominate)}>提名本镇街志愿者</Button>}
              {d.can.review && <Button className='cm-r__review' onClick={() => go(ROUTES.commendReview)}>审核提名</Button>}
              {d.can.decide && <Button className='cm-r__decide' onClick={() => go(ROUTES.commendDecide)}>评定获评人选</Button>}
              {d.round.status === 'published' && <Button className='cm-r__results' onClick={() => go(ROUTES.commendResults)}>查看获评名单</Button>}
              {d.round.status !== 'draft' && !d.can.review && !d.can.decide && (
                <Button kind='outline' onClick={() => go(ROUTES.commendReview)}>
                  查看提名名单
                </Button>
              )}
              {d.can.edit && (
                <Button kind='outline' onClick={() => void Taro.navigateTo({ url: `${ROUTES.commendEdit}?id=${id}` })}>
                  修改评选
                </Button>
              )}
              {scope?.city && ROUND_NEXT[d.round.status] && (
                <Button kind={d.round.status === 'deciding' ? 'primary' : 'outline'} disabled={!d.can.advance} className='cm-r__advance' onClick={() => void advance(d)}>
                  {ROUND_NEXT[d.round.status]!.label}
                </Button>
              )}
              {d.advanceBlocked ? <Text className='cm-r__blocked'>{d.advanceBlocked}</Text> : null}
            </View>
            <TieRule />
          </View>
        )}
      </PageStates>
    </View>
  )
}

const ADVANCE_TEXT: Record<string, string> = {
  nominating: '开始后各镇街团委收到通知，可在提名期内提名本镇街的志愿者；评选条件和名额不能再修改。',
  reviewing: '截止后镇街不能再提名，各县（市、区）团委收到待审核通知。',
  deciding: '结束后县级不能再审核，未审核的提名不进入市级评定。',
  published: '公布后结果不能更改：获评人员记入本人志愿档案，所有被提名人收到结果通知。',
}

/** Where the round stands: the caller's number against its limit, and the nominations by state. */
function Progress({ d, what }: { d: Detail; what: string }) {
  const total = NOMINATION_STATUSES.reduce((a, s) => a + d.counts[s], 0)
  return (
    <View className='panel-section cm-r__progress'>
      <View className='panel-section__title'>
        <Text>进度</Text>
        <Text className='panel-section__extra'>提名共 {total} 人</Text>
      </View>
      {d.mine && (
        <View className='cm-r__mine'>
          <Text className='cm-r__mine-label'>{what}</Text>
          <Text className='cm-r__mine-value'>
            {d.mine.used} / {d.mine.limit} 人
          </Text>
          <View className='cm-r__meter'>
            <View className='cm-r__meter-fill' style={{ width: `${Math.min(100, (d.mine.used / Math.max(1, d.mine.limit)) * 100)}%` }} />
          </View>
        </View>
      )}
      <View className='cm-r__counts'>
        {NOMINATION_STATUSES.map((s) => (
          <View key={s} className={`cm-r__count cm-r__count--${s}`}>
            <Text className='cm-r__count-n'>{d.counts[s]}</Text>
            <Text className='cm-r__count-label'>{NOMINATION_STATUS_LABELS[s]}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
