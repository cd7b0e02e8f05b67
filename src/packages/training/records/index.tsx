// 我的报名与学习记录: the sessions I hold a place in (or wait for), and each course I took part in
// with its sessions attended, parts learnt, hours and completion; the certificate of each one
// completed. Training hours are counted here, apart from service hours.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { Tag } from '@/components/ui/Tag'
import { usePageState } from '@/components/ui/page-state'
import { mineText, sessionWhen, TRAINING_KIND_LABELS } from '@/components/training/labels'

import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

type Data = { records: OutputOf<'training.records'>; mine: OutputOf<'training.mine'> }

export default function Records() {
  const page = usePageState<Data>(async () => {
    const [records, mine] = await Promise.all([call('training.records', {}), call('training.mine', { pageSize: 50 })])
    return { records, mine }
  }, [])
  useDidShow(() => {
    if (takeChanged('trainings')) void page.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className='panel-page tr-records'>
      <PageStates state={page.state} retry={page.retry} denied={{ title: '学习记录', text: '学习记录属于注册并通过审核的志愿者和农村青年。' }}>
        {({ records, mine }) => (
          <View>
            <View className='tr-head'>
              <Text className='tr-head__eyebrow'>培训学时单独计算，不计入志愿服务时长</Text>
              <View className='tr-head__figures'>
                <View className='tr-head__figure'>
                  <Text className='tr-head__num tr-records__hours'>{records.hours}</Text>
                  <Text className='tr-head__label'>培训学时</Text>
                </View>
                <View className='tr-head__figure'>
                  <Text className='tr-head__num'>{records.completed}</Text>
                  <Text className='tr-head__label'>已结业课程</Text>
                </View>
                <View className='tr-head__figure'>
                  <Text className='tr-head__num'>{mine.total}</Text>
                  <Text className='tr-head__label'>报名中的场次</Text>
                </View>
              </View>
            </View>
            <Text className='tr-section'>我的报名</Text>
            <View className='tr-list'>
              {mine.items.length === 0 && <StateView tone='muted' title='还没有报名' desc='在培训课程中选择场次报名' action={{ text: '看看培训课程', onClick: () => go(ROUTES.training) }} />}
              {mine.items.map((s) => (
                <View key={s.id} className='tr-card tr-records__signup' onClick={() => go(`${ROUTES.trainingCourse}?id=${s.courseId}`)}>
                  <Tag tone='brand'>{TRAINING_KIND_LABELS[s.kind]}</Tag>
                  <Text className='tr-card__title'>
                    {s.courseTitle} · {s.title}
                  </Text>
                  <Text className='tr-card__line'>
                    {sessionWhen(s)} · {s.venue}
                  </Text>
                  <Text className='tr-card__mine'>{mineText(s)}</Text>
                </View>
              ))}
            </View>
            <Text className='tr-section'>学习记录</Text>
            <View className='tr-list'>
              {records.items.length === 0 && <StateView tone='muted' title='还没有学习记录' desc='参加培训签到、或学完线上课时后会记录在这里' />}
              {records.items.map((r) => (
                <View key={r.courseId} className='tr-card tr-record' onClick={() => go(r.completed ? `${ROUTES.trainingCertificate}?course=${r.courseId}` : `${ROUTES.trainingCourse}?id=${r.courseId}`)}>
                  <View className='tr-card__top'>
                    <Tag tone='brand'>{TRAINING_KIND_LABELS[r.kind]}</Tag>
                    <Tag tone={r.completed ? 'green' : 'amber'}>{r.completed ? '已结业 · 查看证书 ›' : '学习中'}</Tag>
                  </View>
                  <Text className='tr-card__title'>{r.title}</Text>
                  <Text className='tr-card__line'>
                    {r.kind === 'online' ? `课时 ${r.partsDone}/${r.partsTotal}` : `出勤 ${r.attendedSessions}/${r.requiredSessions} 场`} · {r.hours} 学时
                  </Text>
                </View>
              ))}
            </View>
          </View>
        )}
      </PageStates>
    </View>
  )
}
