// 消息: every notice the person was sent (review results, reminders…), newest first, kept a year.
// It never depends on WeChat's subscribe-message consent; 开启微信通知 asks for that again.
// Tapping a notice marks it read and opens the page it concerns.
import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MessageView } from '@contract/account'
import { ListFooter } from '@/components/ui/ListFooter'
import { Tag } from '@/components/ui/Tag'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { showUnread } from '@/services/unread'
import { tagTone, whenText } from './format'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { failureState, type BlockedState } from '@/components/ui/page-state'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

const PAGE_SIZE = 20
/** Pages reached with switchTab (the tab bar's own). */
const TAB_PAGES = new Set([ROUTES.home, ROUTES.mine].map((r) => r.slice(1)))

export default function Messages() {
  const [unread, setUnread] = useState(0)
  const [reviewer, setReviewer] = useState(false)
  /** A failure that is not an error (no persona chosen): the list itself only knows 加载失败. */
  const [blocked, setBlocked] = useState<BlockedState | null>(null)
  const [marking, setMarking] = useState(false)
  const shownItems = useRef<MessageView[]>([])

  const list = usePaged(
    async (page, pageSize) => {
      try {
        const r = await call('account.messages', { page, pageSize })
        setUnread(r.unread)
        setReviewer(r.reviewer)
        if (page === 1) showUnread(r.unread)
        setBlocked(null)
        if (page === 1) return r
        // Newer notices may have arrived since page 1: keep each once.
        const known = new Set(shownItems.current.map((m) => m.id))
        return { ...r, items: r.items.filter((m) => !known.has(m.id)) }
      } catch (err) {
        const failure = failureState(err)
        if (page === 1 && failure.kind !== 'error') setBlocked(failure)
        throw err
      }
    },
    'messages',
    true,
    PAGE_SIZE,
  )
  shownItems.current = list.items

  // Back from the page a notice opened (or from elsewhere): what is new, without a skeleton.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload(true)
    shown.current = true
  })

  const markRead = (ids: string[] | 'all') => {
    list.setItems((items) => items.map((m) => (ids === 'all' || ids.includes(m.id) ? { ...m, read: true } : m)))
    setUnread((n) => (ids === 'all' ? 0 : Math.max(0, n - ids.length)))
    return call('account.readMessages', ids === 'all' ? { all: true } : { ids }).then((r) => {
      setUnread(r.unread)
      showUnread(r.unread)
    })
  }

  const open = (m: MessageView) => {
    if (!m.read) void markRead([m.id]).catch(() => undefined)
    if (!m.page) return
    const path = m.page.split('?')[0]
    const url = `/${m.page}`
    if (TAB_PAGES.has(path)) void Taro.switchTab({ url: `/${path}` })
    else void Taro.navigateTo({ url }).catch(() => void Taro.showToast({ title: '该页面暂时打不开', icon: 'none' }))
  }

  const readAll = async () => {
    if (marking) return
    setMarking(true)
    try {
      await markRead('all')
      void Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      void list.reload(true)
    } finally {
      setMarking(false)
    }
  }

  const turnOn = async () => {
    const accepted = await askForNotices(['review', 'reminder'], true)
    void Taro.showToast({ title: accepted.length > 0 ? '已开启，下一条结果会通过微信通知你' : '未开启，消息仍会保存在这里', icon: 'none', duration: 2500 })
  }

  // A long-term template is asked on its own (WeChat does not mix it with one-time ones).
  const turnOnTodo = async () => {
    const accepted = await askForNotices(['todo'], true)
    void Taro.showToast({ title: accepted.length > 0 ? '已开启：有待审核事项时，每天早上通过微信提醒你' : '未开启，待办仍会出现在这里', icon: 'none', duration: 2500 })
  }

  return (
    <View className='form-page msgs'>
      <PageStates gate={blocked ?? undefined} state={listState(list)} retry={() => void list.reload()}>
        {(items) => (
          <>
            <View className='msgs__bar'>
              <Text className='msgs__count'>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
              {unread > 0 && (
                <View className={`msgs__read-all${marking ? ' msgs__read-all--busy' : ''}`} hoverClass='msgs__read-all--pressed' onClick={() => void readAll()}>
                  <Text>全部已读</Text>
                </View>
              )}
            </View>

            {items.length === 0 ? (
              <StateView tone='muted' mark='信' title='还没有消息' desc='注册审核、服务时长、贷款办理、对接会等事项有结果或需要提醒时，会显示在这里。' />
            ) : (
              <View className='msgs__list'>
                {items.map((m) => (
                  <View key={m.id} className={`msgs__item${m.read ? '' : ' msgs__item--unread'}`} data-id={m.id} hoverClass='msgs__item--pressed' onClick={() => open(m)}>
                    <View className='msgs__head'>
                      {!m.read && <View className='msgs__dot' />}
                      <Text className='msgs__title'>{m.title}</Text>
                      {m.tag && <Tag tone={tagTone(m.tag)}>{m.tag}</Tag>}
                    </View>
                    {m.text && <Text className='msgs__text'>{m.text}</Text>}
                    <View className='msgs__foot'>
                      <Text className='msgs__time'>{whenText(m.createdAt)}</Text>
                      {m.page && <Text className='msgs__go'>查看 ›</Text>}
                    </View>
                  </View>
                ))}
              </View>
            )}
            <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />

            <View className='msgs__push'>
              <View className='msgs__push-main'>
                <Text className='msgs__push-title'>微信服务通知</Text>
                <Text className='msgs__push-desc'>消息都会保存在这里；开启后，审核结果和提醒也会发到微信。</Text>
              </View>
              <View className='msgs__push-btn' hoverClass='msgs__push-btn--pressed' onClick={() => void turnOn()}>
                <Text>开启</Text>
              </View>
            </View>

            {reviewer && (
              <View className='msgs__push msgs__push--todo'>
                <View className='msgs__push-main'>
                  <Text className='msgs__push-title'>待办提醒</Text>
                  <Text className='msgs__push-desc'>有待你审核的事项时，每天早上通过微信提醒一次。</Text>
                </View>
                <View className='msgs__push-btn' hoverClass='msgs__push-btn--pressed' onClick={() => void turnOnTodo()}>
                  <Text>开启</Text>
                </View>
              </View>
            )}
          </>
        )}
      </PageStates>
    </View>
  )
}
