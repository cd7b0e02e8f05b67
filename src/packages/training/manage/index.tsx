// 课程管理: the courses of the caller's league (the city's, or their county's), drafts included,
// and a new one.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { CourseView } from '@contract/training'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { Button } from '@/components/ui/Button'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'
import { CourseCard } from '@/components/training/CourseCard'

import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

const READY = { kind: 'ready' } as const

export default function ManageCourses() {
  const list = usePaged<CourseView>((page, pageSize) => call('training.list', { page, pageSize, manage: true }), 'manage')
  useDidShow(() => {
    if (takeChanged('trainings')) void list.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className='panel-page tr-manage-page'>
      <View className='tr-head'>
        <Text className='tr-head__eyebrow'>团委 · 三训</Text>
        <Text className='tr-head__title'>培训课程管理</Text>
        <Text className='tr-head__lead'>建课程、排场次、发布；开课当天出示现场签到码，为不便用手机的学员按名单登记出勤。</Text>
      </View>
      <View className='tr-bar'>
        <Button className='tr-manage__new' onClick={() => go(ROUTES.trainingEdit)}>
          ＋ 新建课程
        </Button>
        <Button kind='outline' className='tr-manage__report' onClick={() => go(ROUTES.trainingReport)}>
          培训与大赛统计
        </Button>
      </View>
      <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='tr-list' denied={{ title: '培训课程管理', text: '由团市委和县（市、区）团委管理。' }} empty={{ title: '还没有课程', desc: '点「新建课程」开始' }}>
        {(c) => <CourseCard key={c.id} c={c} onClick={() => go(`${ROUTES.trainingEdit}?id=${c.id}`)} />}
      </PagedStates>
    </View>
  )
}
