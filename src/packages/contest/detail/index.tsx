// 大赛详情 (?id=): the contest's rules, rounds, rubric and awards; my entry (edit until the deadline,
// submit asked first, the team's code, my results and an appeal within the window), or a way in:
// 报名参赛, or 加入团队 with a captain's code. Hosts get to the contest's desk from here.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { takeChanged } from '@/services/changes'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { TextInput } from '@/components/ui/TextInput'
import { ContestRules } from '@/components/contest/ContestCard'
import { EntryCard } from '@/components/contest/EntryCard'
import { CONTEST_KIND_LABELS, CONTEST_STATUS_LABELS, roundLine } from '@/components/contest/labels'
import { useDetail } from './use-detail'

import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

export default function ContestDetail() {
  const id = param(useRouter().params.id)
  const { page, busy, join, submit, appeal } = useDetail(id)
  const [code, setCode] = useState('')
  const [ask, setAsk] = useState<'' | 'submit' | 'appeal'>('')
  useDidShow(() => {
    if (takeChanged('contest-entry')) void page.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View className='panel-page contest-detail'>
      <PageStates state={page.state} retry={page.retry} notFound={{ title: '没有找到这场大赛', text: '大赛可能尚未开放报名。' }}>
        {({ contest: c, myEntry: e, manage }) => {
          const open = c.status === 'open'
          const results = c.status === 'published' || c.round > 0
          return (
            <View>
              <View className='ct-head'>
                <Text className='ct-head__eyebrow'>
                  {CONTEST_KIND_LABELS[c.kind]} · {c.hostName} · {CONTEST_STATUS_LABELS[c.status]}
                </Text>
                <Text className='ct-head__title ct-detail__title'>{c.title}</Text>
                <Text className='ct-head__lead'>{roundLine(c)}</Text>
              </View>
              <View className='ct-list'>
                {e ? (
                  <EntryCard e={e}>
                    {e.mine.canEdit && (
                      <Button small kind='outline' className='ct-detail__edit' onClick={() => go(`${ROUTES.contestEntry}?contest=${c.id}&id=${e.id}`)}>
                        修改作品
                      </Button>
                    )}
                    {e.mine.canSubmit && (
                      <Button small className='ct-detail__submit' busy={busy === 'submit'} onClick={() => setAsk('submit')}>
                        提交作品
                      </Button>
                    )}
                    {e.mine.canAppeal && (
                      <Button small kind='outline' className='ct-detail__appeal' onClick={() => setAsk('appeal')}>
                        对本轮结果申诉
                      </Button>
                    )}
                  </EntryCard>
                ) : (
                  open && (
                    <View className='ct-card ct-detail__enter'>
                      <Text className='ct-card__title'>参加比赛</Text>
                      <Text className='ct-card__muted'>{c.mode === 'team' ? '队长报名并提交作品；队员用队长分享的团队码加入。' : '个人报名，提交作品链接、图片和介绍。'}</Text>
                      <View className='ct-card__actions'>
                        <Button className='ct-detail__new' onClick={() => go(`${ROUTES.contestEntry}?contest=${c.id}`)}>
                          {c.mode === 'team' ? '我是队长，报名参赛' : '报名参赛'}
                        </Button>
                      </View>
                      {c.mode === 'team' && (
                        <View className='ct-sub ct-detail__join'>
                          <TextInput className='ct-sub__field ct-detail__code' value={code} maxLength={6} placeholder='输入 6 位团队码' onChange={(v) => setCode(v.toUpperCase())} />
                          <Button small busy={busy === 'join'} disabled={code.trim().length !== 6} className='ct-detail__join-go' onClick={() => void join(code.trim())}>
                            加入团队
                          </Button>
                        </View>
                      )}
                    </View>
                  )
                )}
                {results && (
                  <View className='ct-link ct-detail__results' onClick={() => go(`${ROUTES.contestResults}?id=${c.id}`)}>
                    <Text>查看比赛结果 ›</Text>
                  </View>
                )}
              </View>
              <ContestRules c={c} />
              {manage && (
                <View className='ct-bar'>
                  <Button kind='outline' className='ct-detail__manage' onClick={() => go(`${ROUTES.contestManage}?id=${c.id}`)}>
                    大赛管理
                  </Button>
                </View>
              )}
              <Dialog visible={ask === 'submit'} title='提交作品？' confirmText='提交' busy={busy === 'submit'} onCancel={() => setAsk('')} onConfirm={() => void (e && submit(e.id).then(() => setAsk('')))}>
                <Text>提交后作品进入本轮评审；截止前仍可修改。收到作品和结果公布时会通知全体成员。</Text>
              </Dialog>
              <NoteDialog visible={ask === 'appeal'} title='对本轮结果申诉' message={`申诉期至 ${c.appealUntil}，每件作品每轮可申诉一次，主办方会答复。`} required placeholder='申诉理由（至少 10 个字）' confirmText='提交申诉' maxLength={500} onConfirm={(note) => (e ? appeal(e.id, note).then(() => setAsk('')) : Promise.resolve())} onClose={() => setAsk('')} />
            </View>
          )
        }}
      </PageStates>
    </View>
  )
}
