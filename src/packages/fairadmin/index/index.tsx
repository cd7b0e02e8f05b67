// 岗位对接会管理 (league staff): every fair, upcoming or past (drafts too, for the city admin),
// with status chips. The city admin creates and edits fairs, publishes them, cancels them with a
// reason (everyone signed up is told), manages employers and reads the report; county admins
// help at the door and see the sign-up lists.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { FairStatus } from '@contract/vocabulary'
import type { FairView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { FairCard } from '@/components/fair/ui'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { momentText } from '@/components/ui/format'
import { takeChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

type When = 'upcoming' | 'past'
const CHIPS: { value: '' | FairStatus; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'draft', label: '未发布' },
  { value: 'published', label: '已发布' },
  { value: 'cancelled', label: '已取消' },
]

export default function FairAdmin() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const city = !!scope?.city
  const [when, setWhen] = useState<When>('upcoming')
  const [status, setStatus] = useState<'' | FairStatus>('')
  const [busy, setBusy] = useState('')
  const [cancelling, setCancelling] = useState<FairView | null>(null)

  // A city holds one or two fairs a year: one page of 50 holds them all, filtered here.
  const list = usePaged<FairView>((page, pageSize) => call('fair.list', { when, page, pageSize }), when, !!scope, 50)
  const shown = useMemo(() => (status ? list.items.filter((f) => f.status === status) : list.items), [list.items, status])
  const counts = useMemo(() => {
    const c: Record<string, number> = { '': list.items.length }
    for (const f of list.items) c[f.status] = (c[f.status] ?? 0) + 1
    return c
  }, [list.items])

  useDidShow(() => {
    if (takeChanged('fair-admin') && scope) void list.reload(true)
  })
  usePullDownRefresh(() => {
    if (!scope) void reloadScope(true).finally(() => Taro.stopPullDownRefresh())
  })

  const go = (url: string, f: FairView) => void Taro.navigateTo({ url: `${url}?id=${encodeURIComponent(f.id)}` })

  const replace = (f: FairView) => list.setItems((items) => items.map((x) => (x.id === f.id ? f : x)))

  const publish = async (f: FairView) => {
    if (busy) return
    const problems = [f.employers.length === 0 ? '还没有邀请用人单位' : '', f.positionCount === 0 ? '还没有岗位（用人单位可在发布后添加）' : ''].filter(Boolean)
    const { confirm } = await Taro.showModal({
      title: '发布对接会',
      content: `发布后所有人都能看到「${f.title}」，报名 ${momentText(f.signupOpensAt)} 开始，受邀单位可以发布岗位。${problems.length ? `\n提示：${problems.join('；')}。` : ''}`,
      confirmText: '发布',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy(f.id)
    try {
      replace(await call('fair.setStatus', { id: f.id, status: 'published' }))
      void Taro.showToast({ title: '已发布', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy('')
    }
  }

  const cancel = async (reason: string) => {
    if (!cancelling) return
    try {
      replace(await call('fair.setStatus', { id: cancelling.id, status: 'cancelled', reason }))
      setCancelling(null)
      void Taro.showToast({ title: '已取消对接会', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      throw err
    }
  }

  return (
    <View className='panel-page fa'>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {(['upcoming', 'past'] as When[]).map((w) => (
                <View key={w} className={`panel-tabs__item fa__tab fa__tab--${w} ${when === w ? 'panel-tabs__item--on' : ''}`} onClick={() => setWhen(w)}>
                  <Text>{w === 'upcoming' ? '即将举办' : '往届'}</Text>
                </View>
              ))}
            </View>
            <View className='panel-filters'>
              {CHIPS.filter((c) => city || c.value !== 'draft').map((c) => (
                <View key={c.value || 'all'} className={`panel-chip fa__chip ${status === c.value ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setStatus(c.value)}>
                  <Text className='panel-chip__text'>
                    {c.label} {list.status === 'ready' ? (counts[c.value] ?? 0) : ''}
                  </Text>
                </View>
              ))}
            </View>
          </View>

          {city && (
            <View className='fa__actions'>
              <Button className='fa__create' onClick={() => void Taro.navigateTo({ url: ROUTES.fairEdit })}>
                + 新建对接会
              </Button>
              <View className='fa__gap' />
              <Button kind='plain' className='fa__employers' onClick={() => void Taro.navigateTo({ url: ROUTES.fairEmployers })}>
                用人单位
              </Button>
            </View>
          )}
          {!city && <Text className='fa__note'>县（市、区）团委可协助现场入场签到、查看报名名单；对接会由团市委创建和发布。</Text>}
        </>
      )}

      <PageStates gate={state} state={listState(list)} retry={() => void (scope ? list.reload() : reloadScope(true))} skeleton={2} denied={adminDenied(state)}>
        {() =>
          shown.length === 0 ? (
            <StateView
              tone='muted'
              className='fa__empty'
              title={status ? '没有这个状态的对接会' : when === 'upcoming' ? '还没有即将举办的对接会' : '还没有往届对接会'}
              desc={when === 'upcoming' && city && !status ? '点「新建对接会」填写时间、地点、名额并邀请用人单位，确认无误后发布' : ''}
            />
          ) : (
            <View className='fa__list'>
              {shown.map((f) => (
                <FairCard key={f.id} fair={f} className='fa-card'>
                  <View className='fa-card__actions'>
                    {city && f.status !== 'cancelled' && (
                      <Text className='fa-card__action fa-card__edit' onClick={() => go(ROUTES.fairEdit, f)}>
                        编辑
                      </Text>
                    )}
                    {city && f.status === 'draft' && (
                      <Text className='fa-card__action fa-card__action--primary fa-card__publish' onClick={() => void publish(f)}>
                        {busy === f.id ? '发布中…' : '发布'}
                      </Text>
                    )}
                    {f.status !== 'draft' && (
                      <Text className='fa-card__action fa-card__signups' onClick={() => go(ROUTES.fairSignups, f)}>
                        报名名单
                      </Text>
                    )}
                    {f.status === 'published' && (
                      <Text className='fa-card__action fa-card__door' onClick={() => go(ROUTES.fairDoor, f)}>
                        入场签到
                      </Text>
                    )}
                    {city && f.status !== 'draft' && (
                      <Text className='fa-card__action fa-card__report' onClick={() => go(ROUTES.fairReport, f)}>
                        统计
                      </Text>
                    )}
                    {city && f.status !== 'cancelled' && f.phase !== 'over' && (
                      <Text className='fa-card__action fa-card__action--danger fa-card__cancel' onClick={() => setCancelling(f)}>
                        取消
                      </Text>
                    )}
                  </View>
                </FairCard>
              ))}
              <ListFooter count={list.items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>

      <NoteDialog required maxLength={200}
        visible={!!cancelling}
        title='取消对接会'
        message={
          cancelling
            ? cancelling.status === 'draft'
              ? `「${cancelling.title}」尚未发布，取消后不能恢复。`
              : `取消「${cancelling.title}」后不能恢复；已报名 ${cancelling.confirmed} 人、候补 ${cancelling.waiting} 人将收到取消通知（含理由）。`
            : ''
        }
        placeholder='请填写取消理由，报名者将收到通知'
        confirmText='确认取消'
        onConfirm={cancel}
        onClose={() => setCancelling(null)}
      />
    </View>
  )
}
