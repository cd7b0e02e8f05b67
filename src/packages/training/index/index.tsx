// 培训课程: the league's courses meant for me (岗前 / 实务 / 领头雁 / 电商 / 青农大讲堂 / 线上), filtered
// by kind, with a way to my sign-ups and learning records; admins reach their course desk.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { CourseView } from '@contract/training'
import type { TrainingKind } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'
import { KIND_OPTIONS } from '@/components/training/labels'
import { CourseCard } from '@/components/training/CourseCard'

import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

const READY = { kind: 'ready' } as const

export default function Trainings() {
  const [kind, setKind] = useState<TrainingKind | ''>('')
  const list = usePaged<CourseView>((page, pageSize) => call('training.list', { page, pageSize, ...(kind ? { kind } : {}) }), kind)
  useDidShow(() => {
    if (takeChanged('trainings')) void list.reload(true)
  })
  const go = (url: string) => void Taro.navigateTo({ url })
  return (
    <View className='panel-page trainings'>
      <View className='tr-head'>
        <Text className='tr-head__eyebrow'>团市委 · 三训</Text>
        <Text className='tr-head__title'>培训课程</Text>
        <Text className='tr-head__lead'>岗前培训、实务培训、领头雁、电商培训、青农大讲堂和线上课程：报名、现场扫码签到，结业领取证书。</Text>
      </View>
      <View className='tr-links'>
        <View className='tr-link tr-link--records' onClick={() => go(ROUTES.trainingRecords)}>
          <Text>我的报名与学习记录</Text>
        </View>
      </View>
      <View className='panel-top'>
        <View className='panel-tabs'>
          {[{ value: '' as const, label: '全部' }, ...KIND_OPTIONS.slice(0, 5)].map((k) => (
            <View key={k.value || 'all'} className={`panel-tabs__item ${kind === k.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setKind(k.value)}>
              <Text>{k.value ? k.label.replace('培训', '').replace('青农大讲堂', '讲堂') : k.label}</Text>
            </View>
          ))}
        </View>
      </View>
      <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='tr-list' empty={{ title: '暂无课程', desc: '团委发布面向你的培训后会在这里显示' }}>
        {(c) => <CourseCard key={c.id} c={c} onClick={() => go(`${ROUTES.trainingCourse}?id=${encodeURIComponent(c.id)}`)} />}
      </PagedStates>
    </View>
  )
}
