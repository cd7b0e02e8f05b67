// The nominations of a round in standing order (the tie rule above them), filtered by state:
// the county's review (推荐 / 不推荐 with a reason, within its quota) and the city's decision
// (获评 / 不获评 within the city's number, then 公布结果). Read-only for everyone else.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { NominationView } from '@contract/commend'
import type { OutputOf } from '@contract/index'
import { COMMEND_LIMITS, NOMINATION_STATUS_LABELS, type NominationStatus } from '@contract/commend-rules'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'
import { NominationCard, RoundCard, TieRule } from './parts'
import { STAFF_ONLY, useCommendScope } from './scope'

import '@/components/ui/panel.scss'
import './commend.scss'

type Mode = 'review' | 'decide'
type Detail = OutputOf<'commend.round'>
type Decision = 'recommend' | 'not_recommend' | 'award' | 'not_award'

const FILTERS: Record<Mode, ('' | NominationStatus)[]> = {
  review: ['nominated', 'recommended', 'not_recommended', ''],
  decide: ['recommended', 'awarded', 'not_awarded', ''],
}
const DECISION_WORDS: Record<Decision, { title: string; verb: string; required: boolean; message: string }> = {
  recommend: { title: '推荐', verb: '推荐', required: false, message: '推荐到市级评定，占本县一个推荐名额。' },
  not_recommend: { title: '不推荐', verb: '不推荐', required: true, message: '写明不推荐的理由，镇街团委会收到通知。' },
  award: { title: '评为获评', verb: '获评', required: false, message: '评为获评，占全市一个名额；公布后本人收到通知。' },
  not_award: { title: '不获评', verb: '不获评', required: false, message: '不评为获评；公布后本人收到结果。' },
}

export function NominationList({ mode }: { mode: Mode }) {
  const roundId = useRouter().params.id ?? ''
  const { state, reload } = useCommendScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const round = usePageState(() => call('commend.round', { id: roundId }), [roundId], !!scope)
  const [status, setStatus] = useState<'' | NominationStatus>(FILTERS[mode][0])
  const ready = round.state.kind === 'ready'
  const list = usePaged<NominationView>((page, pageSize) => call('commend.nominations', { roundId, page, pageSize, ...(status ? { status } : {}) }), `${roundId}:${status}`, ready)
  const [asking, setAsking] = useState<{ n: NominationView; decision: Decision } | null>(null)

  const decide = async (reason: string) => {
    if (!asking) return
    const { n, decision } = asking
    const changed = decision === 'recommend' || decision === 'not_recommend' ? await call('commend.review', { id: n.id, decision, reason }) : await call('commend.decide', { id: n.id, decision, reason })
    list.setItems((items) => (status ? items.filter((x) => x.id !== n.id) : items.map((x) => (x.id === n.id ? { ...changed, rank: x.rank } : x))))
    markChanged('commend-round', 'commend')
    setAsking(null)
    void round.reload(true)
  }

  return (
    <View className='panel-page cm-list'>
      <PageStates gate={state} state={round.state} retry={() => void (scope ? round.retry() : reload(true))} denied={state.kind === 'denied' ? STAFF_ONLY : undefined} skeleton={1}>
        {(d) => (
          <View className='cm-list__top'>
            <RoundCard round={d.round} />
            <Text className='cm-list__quota'>{quotaLine(mode, d)}</Text>
          </View>
        )}
      </PageStates>
      {ready && (
        <>
          <TieRule />
          <View className='panel-filters cm-list__filters'>
            {FILTERS[mode].map((s) => (
              <View key={s || 'all'} className={`panel-chip cm-list__chip ${status === s ? 'panel-chip--on' : ''}`} onClick={() => setStatus(s)}>
                <Text className='panel-chip__text'>{s ? NOMINATION_STATUS_LABELS[s] : '全部'}</Text>
              </View>
            ))}
          </View>
          <PagedStates list={list} gate={{ kind: 'ready' }} retryGate={() => void list.reload()} skeleton={2} empty={{ title: status ? `没有「${NOMINATION_STATUS_LABELS[status]}」的提名` : '还没有提名' }}>
            {(n) => (
              <NominationCard key={n.id} n={n} hint={hintOf(mode, n, round.state.kind === 'ready' ? round.state.data : null)}>
                <Actions mode={mode} n={n} d={round.state.kind === 'ready' ? round.state.data : null} onAsk={(decision) => setAsking({ n, decision })} />
              </NominationCard>
            )}
          </PagedStates>
          {mode === 'decide' && round.state.kind === 'ready' && <Publish d={round.state.data} onDone={() => void round.reload(true)} />}
        </>
      )}
      <NoteDialog
        visible={!!asking}
        title={asking ? `${DECISION_WORDS[asking.decision].title}：${asking.n.name}` : ''}
        message={asking ? DECISION_WORDS[asking.decision].message : ''}
        required={asking ? DECISION_WORDS[asking.decision].required : false}
        confirmText={asking ? DECISION_WORDS[asking.decision].verb : '确定'}
        danger={asking?.decision === 'not_recommend' || asking?.decision === 'not_award'}
        maxLength={COMMEND_LIMITS.decisionReason}
        onConfirm={decide}
        onClose={() => setAsking(null)}
      />
    </View>
  )
}

function quotaLine(mode: Mode, d: Detail): string {
  if (!d.mine) return ''
  if (mode === 'decide') return `全市名额 ${d.round.awards} 人，已评定获评 ${d.round.awarded} 人`
  return d.can.review ? `${d.mine.placeName}已推荐 ${d.mine.used} / ${d.mine.limit} 人` : `${d.mine.placeName}：${d.mine.used} / ${d.mine.limit} 人`
}

/** In the decision list: the recommended within the city's remaining number, in standing order. */
function hintOf(mode: Mode, n: NominationView, d: Detail | null): string {
  if (mode !== 'decide' || !d || n.status !== 'recommended') return ''
  return n.rank <= d.round.awards - d.round.awarded ? '按排序在剩余名额内' : ''
}

function Actions({ mode, n, d, onAsk }: { mode: Mode; n: NominationView; d: Detail | null; onAsk: (decision: Decision) => void }) {
  if (mode === 'review' && d?.can.review && n.status === 'nominated')
    return (
      <>
        <Button small kind='outline' className='cm-act cm-act--no' onClick={() => onAsk('not_recommend')}>
          不推荐
        </Button>
        <Button small className='cm-act cm-act--yes' onClick={() => onAsk('recommend')}>
          推荐
        </Button>
      </>
    )
  if (mode === 'decide' && d?.can.decide && n.status === 'recommended')
    return (
      <>
        <Button small kind='outline' className='cm-act cm-act--no' onClick={() => onAsk('not_award')}>
          不获评
        </Button>
        <Button small className='cm-act cm-act--yes' onClick={() => onAsk('award')}>
          获评
        </Button>
      </>
    )
  return null
}

/** 公布结果: once every recommendation is decided, confirmed first (it cannot be undone). */
function Publish({ d, onDone }: { d: Detail; onDone: () => void }) {
  if (d.round.status !== 'deciding') return null
  const publish = async () => {
    const { confirm } = await Taro.showModal({ title: '公布结果', content: `共 ${d.round.awarded} 人获评。公布后结果不能更改，获评人员记入本人志愿档案，所有被提名人收到结果通知。`, confirmText: '公布', confirmColor: '#d93a2b' })
    if (!confirm) return
    try {
      await call('commend.advance', { id: d.round.id, status: 'published' })
      markChanged('commend-round', 'commend')
      void Taro.showToast({ title: '已公布', icon: 'success' })
      onDone()
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 })
    }
  }
  return (
    <View className='cm-list__publish'>
      {d.advanceBlocked ? <Text className='cm-list__blocked'>{d.advanceBlocked}</Text> : null}
      <Button disabled={!d.can.advance} className='cm-list__publish-btn' onClick={() => void publish()}>
        公布结果
      </Button>
    </View>
  )
}
