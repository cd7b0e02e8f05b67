// 大赛评审 (?id=: one contest's sheet): the contests I judge with my progress; for one contest, its
// round's entries (never my own team's) to score by the rubric, or to step aside from (声明回避,
// with a reason). I see my own scores only.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { JudgeEntry } from '@contract/contest'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { NoteDialog } from '@/components/ui/Dialog'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'
import { ContestCard } from '@/components/contest/ContestCard'
import { ScoreCard } from '@/components/contest/ScoreCard'
import { roundLine } from '@/components/contest/labels'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

const READY = { kind: 'ready' } as const

function MyContests() {
  const list = usePaged((page, pageSize) => call('contest.judging', { page, pageSize }), 'judging')
  return (
    <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='ct-list' empty={{ title: '暂无评审的大赛', desc: '接受主办方的评委邀请后，大赛会显示在这里' }}>
      {(c) => (
        <ContestCard key={c.id} c={c} onClick={() => void Taro.navigateTo({ url: `${ROUTES.contestJudge}?id=${c.id}` })}>
          <Text className='ct-card__note'>{c.status === 'judging' ? `本轮已评 ${c.scored} / ${c.toScore} 件` : '评审开始后可评分'}</Text>
        </ContestCard>
      )}
    </PagedStates>
  )
}

function Sheet({ id }: { id: string }) {
  const contest = usePageState(() => call('contest.get', { id }), [id])
  const list = usePaged<JudgeEntry>((page, pageSize) => call('contest.judgeEntries', { contestId: id, page, pageSize }), id)
  const [busy, setBusy] = useState('')
  const [stepping, setStepping] = useState<JudgeEntry | null>(null)
  const c = contest.state.kind === 'ready' ? contest.state.data.contest : null
  const gate = contest.state.kind === 'ready' ? READY : contest.state

  async function score(entryId: string, scores: number[]) {
    setBusy(entryId)
    try {
      await call('contest.score', { entryId, scores })
      void Taro.showToast({ title: '评分已保存', icon: 'success' })
      await list.reload(true)
    } catch (err) {
      void Taro.showModal({ title: '没有成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
    } finally {
      setBusy('')
    }
  }

  return (
    <View>
      {c && (
        <View className='ct-head'>
          <Text className='ct-head__eyebrow'>评委评审 · 彼此看不到评分</Text>
          <Text className='ct-head__title'>{c.title}</Text>
          <Text className='ct-head__lead'>{roundLine(c)}</Text>
        </View>
      )}
      <PagedStates list={list} gate={gate} retryGate={() => void contest.retry()} listClassName='ct-list' empty={{ title: '本轮没有待评作品', desc: '提交截止、主办方开始评审后，作品会显示在这里' }}>
        {(e) => <ScoreCard key={e.id} e={e} rubric={c?.rubric ?? []} canScore={c?.status === 'judging'} busy={busy === e.id} onScore={(s) => score(e.id, s)} onConflict={() => setStepping(e)} />}
      </PagedStates>
      <NoteDialog
        visible={!!stepping}
        title='声明回避'
        message='与作品成员有亲属、师生、同事等关系时应回避。回避后不再为这件作品评分，已给的评分作废，平均分不计入你。'
        required
        placeholder='回避理由'
        confirmText='确认回避'
        danger
        onConfirm={async (reason) => {
          await call('contest.declareConflict', { entryId: stepping!.id, reason })
          setStepping(null)
          await list.reload(true)
        }}
        onClose={() => setStepping(null)}
      />
    </View>
  )
}

export default function Judge() {
  const id = param(useRouter().params.id)
  return <View className='panel-page contest-judge'>{id ? <Sheet id={id} /> : <MyContests />}</View>
}
