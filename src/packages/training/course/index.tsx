// 课程详情 (?id=): what the course is, its sessions (sign up within capacity or onto the waiting
// list; cancel, which asks first; 扫码签到 on the day), an online course's parts (学完 one by one),
// and the certificate once completed. The league's admins get to the course desk from here.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { SessionView } from '@contract/training'
import { ROUTES } from '@/constants/routes'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { Dialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { today } from '@/components/ui/format'
import { SessionCard } from '@/components/training/SessionCard'
import { TRAINING_AUDIENCE_LABELS, TRAINING_KIND_LABELS } from '@/components/training/labels'
import { useCourse } from './use-course'

import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

export default function Course() {
  const { params } = useRouter()
  const id = param(params.id)
  const { page, busy, signUp, cancel, completePart } = useCourse(id)
  const [leaving, setLeaving] = useState<SessionView | null>(null)
  const go = (url: string) => void Taro.navigateTo({ url })

  const actions = (s: SessionView) => {
    const m = s.mine
    if (s.status !== 'published') return null
    if (!m) return s.phase === 'open' ? <Button className='tr-signup' busy={busy === `up:${s.id}`} onClick={() => void signUp(s.id)}>{s.confirmed >= s.capacity ? '报名候补' : '报名'}</Button> : null
    return (
      <>
        {m.status === 'confirmed' && s.date === today() && !m.attended && (
          <Button className='tr-checkin' onClick={() => go(`${ROUTES.trainingCheckIn}?session=${s.id}&out=${m.checkedInAt ? 1 : 0}`)}>{m.checkedInAt ? '扫码签退' : '扫码签到'}</Button>
        )}
        {!m.checkedInAt && s.phase !== 'over' && (
          <Button kind='outline' className='tr-cancel' onClick={() => setLeaving(s)}>
            取消报名
          </Button>
        )}
      </>
    )
  }

  return (
    <View className='panel-page course'>
      <PageStates state={page.state} retry={page.retry} notFound={{ title: '没有找到这门课程', text: '课程可能尚未发布或已被取消。' }}>
        {({ course: c, sessions }) => (
          <View>
            <View className='tr-head'>
              <Text className='tr-head__eyebrow'>
                {TRAINING_KIND_LABELS[c.kind]} · 面向{TRAINING_AUDIENCE_LABELS[c.audience]}
              </Text>
              <Text className='tr-head__title tr-course__title'>{c.title}</Text>
              <Text className='tr-head__lead'>
                {c.department} · {c.countyName}
                {c.kind !== 'online' ? ` · 参加 ${c.requiredSessions} 场即可结业` : ` · 学完 ${c.parts.length} 个课时即可结业`}
              </Text>
            </View>
            {c.description && <Text className='tr-card__line tr-form'>{c.description}</Text>}
            {c.status === 'cancelled' && <Text className='tr-card__mine tr-form'>本课程已取消</Text>}
            {c.certificateCode && (
              <View className='tr-links tr-links--flat'>
                <View className='tr-link tr-course__cert' onClick={() => go(`${ROUTES.trainingCertificate}?course=${c.id}`)}>
                  <Text>已结业，查看结业证书 ›</Text>
                </View>
              </View>
            )}
            {c.kind === 'online' ? (
              <View className='tr-list'>
                <View className='tr-card'>
                  {c.parts.map((p, i) => (
                    <View key={p.id} className='tr-part'>
                      <Text className='tr-part__text'>
                        {i + 1}. {p.title}（{p.minutes} 分钟）{p.link ? `\n${p.link}` : ''}
                      </Text>
                      {p.done ? <Text className='tr-part__done'>✓ 已学完</Text> : c.status === 'published' && <Button small busy={busy === `part:${p.id}`} className='tr-part__go' onClick={() => void completePart(p.id)}>学完</Button>}
                    </View>
                  ))}
                </View>
              </View>
            ) : (
              <View className='tr-list'>
                {sessions.length === 0 && <Text className='tr-card__muted'>场次待安排</Text>}
                {sessions.map((s) => (
                  <SessionCard key={s.id} s={s}>
                    {actions(s)}
                  </SessionCard>
                ))}
              </View>
            )}
            {c.canManage && (
              <View className='tr-bar'>
                <Button kind='outline' className='tr-manage' onClick={() => go(`${ROUTES.trainingEdit}?id=${c.id}`)}>
                  管理课程与场次
                </Button>
              </View>
            )}
          </View>
        )}
      </PageStates>
      <Dialog
        visible={!!leaving}
        title='取消报名？'
        danger
        confirmText='取消报名'
        cancelText='再想想'
        busy={!!leaving && busy === `cancel:${leaving.id}`}
        onCancel={() => setLeaving(null)}
        onConfirm={() => void (leaving && cancel(leaving.id).then(() => setLeaving(null)))}
      >
        <Text>取消后名额会让给候补的人；再报名需重新排队。</Text>
      </Dialog>
    </View>
  )
}
