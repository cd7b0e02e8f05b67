// 职务管理 (county and city league): posts volunteers hold — 镇街团委副书记, 县团委副书记（头雁,
// one per county at a time) and 服务队副队长 — newest first, each ended here with its last day.
// Opened from a volunteer's care history, it records a new post for them first.
import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { POST_KIND_LABELS, POST_KINDS, type PostKind } from '@contract/care-rules'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { decodeParam, useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { Dialog } from '@/components/ui/Dialog'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'
import { today } from '@/components/ui/format'
import { PostLine, type PostView } from '@/components/care/parts'
import { AddPost } from './AddPost'

import '@/components/ui/form.scss'
import './index.scss'

export default function CarePosts() {
  const { params } = useRouter()
  const volunteerId = decodeParam(params.volunteerId)
  const name = decodeParam(params.name)
  const { state, reload } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [kind, setKind] = useState<PostKind | ''>('')
  const list = usePaged<PostView>((page, pageSize) => call('care.posts', { page, pageSize, ...(kind ? { kind } : {}) }), kind, !!scope)
  const [ending, setEnding] = useState<{ post: PostView; date: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const end = async () => {
    if (!ending) return
    setBusy(true)
    try {
      const next = await call('care.endPost', { postId: ending.post.id, endDate: ending.date })
      list.setItems((items) => items.map((p) => (p.id === next.id ? next : p)))
      markChanged('care')
      setEnding(null)
      void Taro.showToast({ title: '已记录结束日期', icon: 'none' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='panel-page care-posts'>
      {scope && volunteerId && <AddPost volunteerId={volunteerId} name={name || '志愿者'} onAdded={() => (markChanged('care'), void list.reload(true))} />}
      {scope && (
        <View className='panel-filters'>
          {[{ value: '' as const, label: '全部职务' }, ...POST_KINDS.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))].map((o) => (
            <View key={o.value} className={`panel-chip${kind === o.value ? ' panel-chip--on' : ''}`} onClick={() => setKind(o.value)}>
              <Text className='panel-chip__text'>{o.label}</Text>
            </View>
          ))}
        </View>
      )}
      <PagedStates gate={state} list={list} retryGate={() => void reload(true)} denied={adminDenied(state)} empty={{ title: '还没有职务记录', desc: '在志愿者的探访记录页点「记录职务」，为其记录担任的职务' }}>
        {(p) => (
          <View key={p.id} className='panel-card care-posts__card'>
            <Text className='care-posts__who'>
              {p.volunteerName} · {p.countyName} {p.townshipName}
            </Text>
            <PostLine p={p} action={p.endDate === null || p.endDate >= today() ? { text: '记录卸任', onClick: () => setEnding({ post: p, date: today() }) } : undefined} />
          </View>
        )}
      </PagedStates>
      <Dialog visible={!!ending} title='记录卸任日期' busy={busy} confirmText='记录' danger onConfirm={() => void end()} onCancel={() => setEnding(null)}>
        {ending && (
          <View className='care-posts__end'>
            <Text>{`${ending.post.volunteerName}：${ending.post.title}，${ending.post.startDate} 起`}</Text>
            <Picker mode='date' value={ending.date} start={ending.post.startDate} end='2099-12-31' onChange={(e) => setEnding({ ...ending, date: String(e.detail.value) })}>
              <Text className='care-posts__end-date'>最后一天：{ending.date} ›</Text>
            </Picker>
          </View>
        )}
      </Dialog>
    </View>
  )
}
