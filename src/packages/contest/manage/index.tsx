// 大赛管理 (?id=): where the contest stands and its next step (开放报名 → 截止提交，开始评审 → 公布
// 本轮结果 → 开始下一轮, each asked first); the round's entries with how many judges scored each and
// the average (never one judge's score); 邀请评委 (a one-time code for the judge role of this
// contest); the appeals; editing while a draft.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { ContestCard } from '@/components/contest/ContestCard'
import { ENTRY_STATUS_LABELS, ENTRY_TONE, nextStep } from '@/components/contest/labels'
import { useManage } from './use-manage'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

const READY = { kind: 'ready' } as const

export default function Manage() {
  const id = param(useRouter().params.id)
  const m = useManage(id)
  const [ask, setAsk] = useState<'' | 'step' | 'judge'>('')
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View className='panel-page contest-manage'>
      <PageStates state={m.page.state} retry={m.page.retry} notFound={{ title: '没有找到这场大赛' }}>
        {({ contest: c }) => {
          const step = nextStep(c)
          return (
            <View>
              <View className='ct-list'>
                <ContestCard c={c}>
                  <Text className='ct-card__note'>
                    本轮已提交 {c.submitted} 件作品{c.appealUntil ? ` · 申诉期至 ${c.appealUntil}` : ''}
                  </Text>
                  <View className='ct-card__actions'>
                    {step && (
                      <Button small className='ct-manage__step' busy={m.busy === 'advance'} onClick={() => setAsk('step')}>
                        {step.label}
                      </Button>
                    )}
                    {c.status === 'draft' && (
                      <Button small kind='outline' className='ct-manage__edit' onClick={() => go(`${ROUTES.contestEdit}?id=${c.id}`)}>
                        编辑规则
                      </Button>
                    )}
                    {c.status !== 'published' && (
                      <Button small kind='outline' className='ct-manage__invite' onClick={() => setAsk('judge')}>
                        邀请评委
                      </Button>
                    )}
                    <Button small kind='outline' className='ct-manage__appeals' onClick={() => go(`${ROUTES.contestAppeals}?id=${c.id}`)}>
                      申诉处理
                    </Button>
                    <Button small kind='plain' className='ct-manage__view' onClick={() => go(`${ROUTES.contestDetail}?id=${c.id}`)}>
                      参赛者看到的页面
                    </Button>
                  </View>
                </ContestCard>
              </View>
              <Text className='ct-section'>{c.rounds[c.round]?.name} · 参赛作品</Text>
              <PagedStates list={m.entries} gate={READY} retryGate={() => void m.entries.reload()} listClassName='ct-list' empty={{ title: '本轮还没有作品', desc: '开放报名后，参赛者保存和提交的作品会在这里显示' }}>
                {(e) => (
                  <View key={e.id} className='ct-card ct-manage__entry'>
                    <View className='ct-row ct-row--flush'>
                      {e.rank > 0 && <Text className={`ct-rank ct-rank--${e.rank}`}>{e.rank}</Text>}
                      <View className='ct-row__main'>
                        <Text className='ct-row__name'>{e.title}</Text>
                        <Text className='ct-row__sub'>
                          {e.captainName} 等 {e.members} 人 · {e.judged} 位评委已评分
                        </Text>
                      </View>
                      <View>
                        <Tag tone={ENTRY_TONE[e.status]}>{e.award || ENTRY_STATUS_LABELS[e.status]}</Tag>
                        <Text className='ct-row__figure ct-manage__score'>{e.judged ? `${e.score} 分` : '—'}</Text>
                      </View>
                    </View>
                  </View>
                )}
              </PagedStates>
              <Dialog visible={ask === 'step' && !!step} title={step ? `${step.label}？` : ''} confirmText={step?.label ?? '确定'} busy={m.busy === 'advance'} onCancel={() => setAsk('')} onConfirm={() => void (step && m.advance(step.to).then((done) => done && setAsk('')))}>
                <Text>{step?.ask}</Text>
              </Dialog>
              <NoteDialog visible={ask === 'judge'} title='邀请评委' message='生成一次性邀请码（7 天内有效），评委在小程序「我的」里接受邀请后即可为本大赛评分。评委之间看不到彼此的评分。' placeholder='备注，如：市文旅局 张老师' confirmText='生成邀请码' onConfirm={(note) => m.inviteJudge(note).then(() => setAsk(''))} onClose={() => setAsk('')} />
              <Dialog visible={!!m.invitation} title='评委邀请码' confirmText='复制邀请码' onCancel={m.closeInvitation} onConfirm={() => void Taro.setClipboardData({ data: m.invitation?.code ?? '' }).then(m.closeInvitation)}>
                <View className='ct-code'>
                  <Text className='ct-code__value ct-manage__code'>{m.invitation?.code}</Text>
                  <Text className='ct-code__hint'>有效期至 {m.invitation?.expiresAt}，只发给评委本人</Text>
                </View>
              </Dialog>
            </View>
          )
        }}
      </PageStates>
    </View>
  )
}
