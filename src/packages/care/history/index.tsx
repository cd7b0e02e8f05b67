// 探访记录: one volunteer's care history — who they are and where they serve, the posts they hold,
// and every visit (newest first) with how they were, the needs raised and the follow-ups, which
// the staff mark done here. Only staff of the volunteer's township, admins of their county and
// the city league can open it (the function refuses anyone else).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { decodeParam } from '@/components/admin/shared'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { AspectList, FollowUpLine, lastVisitLine, PostLine, type VisitView } from '@/components/care/parts'

import './index.scss'

/** The visits shown (newest first); an older one is rare enough to say so rather than page. */
const SHOWN = 50

export default function CareHistory() {
  const { params } = useRouter()
  const volunteerId = decodeParam(params.id)
  const { state: gate, reload: reloadGate } = useStaffScope()
  const scope = gate.kind === 'ready' ? gate.scope : null
  const page = usePageState(() => call('care.history', { volunteerId, page: 1, pageSize: SHOWN }), [volunteerId], !!scope)
  const [busy, setBusy] = useState('')
  const league = !!scope && (scope.city || scope.counties.length > 0)

  useDidShow(() => {
    if (takeChanged('care') && page.state.kind === 'ready') void page.reload(true)
  })
  usePullDownRefresh(() => void page.reload(true).finally(() => Taro.stopPullDownRefresh()))

  const toggle = async (visit: VisitView, followUpId: string, done: boolean) => {
    setBusy(`${visit.id}:${followUpId}`)
    try {
      const next = await call('care.setFollowUp', { visitId: visit.id, followUpId, done })
      page.setData((d) => ({ ...d, items: d.items.map((v) => (v.id === next.id ? next : v)) }))
      void Taro.showToast({ title: done ? '已标记办结' : '已改为未办结', icon: 'none' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy('')
    }
  }

  return (
    <View className={`panel-page care-history${page.state.kind === 'ready' ? ' panel-page--with-bar' : ''}`}>
      <PageStates gate={gate.kind === 'ready' ? undefined : gate} state={page.state} retry={() => (gate.kind === 'ready' ? page.retry() : void reloadGate(true))} denied={staffDenied(gate)} notFound={{ title: '没有找到这位志愿者' }}>
        {({ volunteer: v, posts, items, total, intervalDays }) => {
          const last = lastVisitLine(v, intervalDays)
          return (
            <>
              <View className='care-history__hero'>
                <Text className='care-history__name'>{v.name}</Text>
                <Text className='care-history__place'>
                  {v.countyName} · {v.townshipName} · 服务期 {v.termStart} 至 {v.termEnd}
                </Text>
                <View className='care-history__stats'>
                  <Text>探访 {v.visits} 次</Text>
                  <Text>{last.text}</Text>
                  <Text>{v.openFollowUps} 项待跟进</Text>
                </View>
              </View>

              <View className='panel-section care-history__posts'>
                <View className='panel-section__title'>
                  <Text>担任职务</Text>
                </View>
                {posts.length === 0 ? <Text className='care-history__none'>暂无职务记录</Text> : posts.map((p) => <PostLine key={p.id} p={p} />)}
              </View>

              {items.length === 0 ? (
                <StateView tone='muted' title='还没有探访记录' desc='探访后点下方「记录探访」，记下志愿者的住房、饮食、办公、身体和工作情况' />
              ) : (
                items.map((visit) => (
                  <View key={visit.id} className='panel-section care-visit' data-visit={visit.id}>
                    <View className='panel-section__title'>
                      <Text>{visit.visitDate} 探访</Text>
                    </View>
                    <Text className='care-visit__who'>探访人：{visit.visitors.join('、')} · 记录人：{visit.recordedByName}</Text>
                    <AspectList aspects={visit.aspects} />
                    {visit.needs ? <Text className='care-visit__needs'>提出的需求：{visit.needs}</Text> : null}
                    {visit.followUps.map((f) => (
                      <FollowUpLine key={f.id} f={f} busy={busy === `${visit.id}:${f.id}`} onToggle={() => void toggle(visit, f.id, !f.done)} />
                    ))}
                  </View>
                ))
              )}
              {total > items.length && <Text className='care-history__more'>仅显示最近 {items.length} 次探访，共 {total} 次</Text>}

              <View className='panel-bar'>
                {league && (
                  <Button kind='outline' className='panel-bar__btn-wide care-history__post' onClick={() => void Taro.navigateTo({ url: `${ROUTES.carePosts}?volunteerId=${encodeURIComponent(volunteerId)}&name=${encodeURIComponent(v.name)}` })}>
                    记录职务
                  </Button>
                )}
                <Button className='panel-bar__btn-wide care-history__record' onClick={() => void Taro.navigateTo({ url: `${ROUTES.careVisit}?id=${encodeURIComponent(volunteerId)}&name=${encodeURIComponent(v.name)}` })}>
                  记录探访
                </Button>
              </View>
            </>
          )
        }}
      </PageStates>
    </View>
  )
}
