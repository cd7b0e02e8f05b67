// 申诉处理 (?id=): the contest's appeals, 待答复 first; the host answers each — 申诉成立（复核评分）or
// 驳回 — with a reply the entrants are told. An upheld appeal reopens the entry's scoring; once the
// judges have scored it again, 重新公布本轮结果 (asked first) works out its result anew.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { AppealStatus } from '@contract/contest-rules'
import { call } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { usePaged } from '@/components/ui/paged'
import { APPEAL_STATUS_LABELS } from '@/components/contest/labels'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

type Appeal = OutputOf<'contest.appeals'>['items'][number]
const READY = { kind: 'ready' } as const
const TABS: { value: AppealStatus; label: string }[] = [
  { value: 'open', label: '待答复' },
  { value: 'upheld', label: '成立' },
  { value: 'dismissed', label: '驳回' },
]

export default function Appeals() {
  const id = param(useRouter().params.id)
  const [status, setStatus] = useState<AppealStatus>('open')
  const list = usePaged<Appeal>((page, pageSize) => call('contest.appeals', { contestId: id, page, pageSize, status }), `${id}:${status}`, !!id)
  const [answering, setAnswering] = useState<{ a: Appeal; decision: 'upheld' | 'dismissed' } | null>(null)
  const [republishing, setRepublishing] = useState<'' | 'ask' | 'busy'>('')

  async function republish() {
    setRepublishing('busy')
    try {
      await call('contest.advance', { id, to: 'republish' })
      setRepublishing('')
      void Taro.showToast({ title: '已重新公布', icon: 'success' })
    } catch (err) {
      setRepublishing('ask')
      void Taro.showToast({ title: (err as Error).message, icon: 'none' })
    }
  }

  async function answer(text: string) {
    if (!answering) return
    await call('contest.answerAppeal', { id: answering.a.id, decision: answering.decision, answer: text })
    setAnswering(null)
    void Taro.showToast({ title: '已答复', icon: 'success' })
    await list.reload(true)
  }

  return (
    <View className='panel-page contest-appeals'>
      <View className='panel-top'>
        <View className='panel-tabs'>
          {TABS.map((t) => (
            <View key={t.value} className={`panel-tabs__item ${status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setStatus(t.value)}>
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
        {status === 'upheld' && (
          <View className='ct-appeals__republish'>
            <Text className='ct-card__muted'>申诉成立的作品本轮重新开放评分；评委重新评分后，重新公布本轮结果。</Text>
            <Button small className='ct-appeals__republish-go' onClick={() => setRepublishing('ask')}>
              重新公布本轮结果
            </Button>
          </View>
        )}
      </View>
      <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='ct-list' empty={{ title: status === 'open' ? '没有待答复的申诉' : '暂无' }}>
        {(a) => (
          <View key={a.id} className='ct-card ct-appeal'>
            <View className='ct-card__top'>
              <Tag tone={a.status === 'open' ? 'amber' : a.status === 'upheld' ? 'green' : 'grey'} solid>
                {APPEAL_STATUS_LABELS[a.status]}
              </Tag>
              <Text className='ct-card__muted'>第 {a.round + 1} 轮 · {a.createdAt.slice(0, 10)}</Text>
            </View>
            <Text className='ct-card__title'>{a.entryTitle}</Text>
            <Text className='ct-card__line'>申诉理由：{a.reason}</Text>
            {a.answer && <Text className='ct-card__note'>答复：{a.answer}</Text>}
            {a.status === 'open' && (
              <View className='ct-card__actions'>
                <Button small className='ct-appeal__uphold' onClick={() => setAnswering({ a, decision: 'upheld' })}>
                  成立，复核评分
                </Button>
                <Button small kind='outline' className='ct-appeal__dismiss' onClick={() => setAnswering({ a, decision: 'dismissed' })}>
                  驳回
                </Button>
              </View>
            )}
          </View>
        )}
      </PagedStates>
      <Dialog visible={republishing !== ''} title='重新公布本轮结果？' confirmText='重新公布' busy={republishing === 'busy'} onCancel={() => setRepublishing('')} onConfirm={() => void republish()}>
        <Text>按评委的新评分重新计算申诉成立作品的名次，结果会通知其成员。其他作品的结果不变。</Text>
      </Dialog>
      <NoteDialog visible={!!answering} title={answering?.decision === 'upheld' ? '申诉成立' : '驳回申诉'} message={answering?.decision === 'upheld' ? '成立后这件作品本轮重新评分，评委会收到提醒；答复会通知该作品的全体成员，答复后不能更改。' : '答复会通知该作品的全体成员，答复后不能更改。'} required placeholder='答复内容' confirmText='答复' danger={answering?.decision === 'dismissed'} onConfirm={answer} onClose={() => setAnswering(null)} />
    </View>
  )
}
