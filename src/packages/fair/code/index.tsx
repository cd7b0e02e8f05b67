// 入场码 (?id=): the sealed, single-use code a confirmed person shows at the door. It is good
// for about a minute, so the page fetches a new one before it runs out (and keeps the screen
// on in WeChat). Once the door has checked the person in, the code is refused and the page
// says 已签到入场 with the time.
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import type { FairView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { Qr } from '@/components/ui/Qr'
import { fairWhen, param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { dayText, momentText, today } from '@/components/ui/format'

import './index.scss'

interface Code {
  token: string
  name: string
  fairTitle: string
  refreshAt: number
  period: number
}

/** What the page shows once the function has answered: the code, that I am in, or why there is no code. */
type Entry = { kind: 'code'; code: Code } | { kind: 'checked-in'; at: string } | { kind: 'refused'; title: string; message: string }

function keepScreenOn(on: boolean) {
  if (process.env.TARO_ENV !== 'weapp') return
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

export default function EntryCode() {
  const { params } = useRouter()
  const id = param(params.id)
  const [fair, setFair] = useState<FairView | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const refreshing = useRef(false)
  /** Not before then: a refresh that failed (a toast said why) is tried again a little later. */
  const retryAt = useRef(0)
  const visible = useRef(true)

  // A code, or what stands in its way (not signed up: not found; other failures: the page's states).
  const entry = usePageState<Entry>(async () => {
    if (!id) throw new CallError({ code: 'NOT_FOUND', message: '请从对接会详情页打开入场码。' })
    try {
      const res = await call('fair.entryCode', { fairId: id })
      const period = Math.max(5, res.refreshInSeconds)
      return { kind: 'code', code: { token: res.token, name: res.name, fairTitle: res.fairTitle, refreshAt: Date.now() + period * 1000, period } }
    } catch (err) {
      if (!(err instanceof CallError) || err.code !== 'CONFLICT') throw err
      if (/签到/.test(err.message)) {
        // Checked in: the time from my sign-up (the message has it too, as a fallback).
        try {
          const res = await call('fair.get', { id })
          setFair(res.fair)
          return { kind: 'checked-in', at: res.fair.mine?.checkedInAt ?? '' }
        } catch {
          return { kind: 'checked-in', at: '' }
        }
      }
      if (/候补/.test(err.message)) return { kind: 'refused', title: '候补中，暂无入场码', message: '有人取消报名时按顺序递补，递补成功后会通知你，届时即可打开入场码。' }
      return { kind: 'refused', title: '入场码不可用', message: err.message }
    }
  }, [id])

  useEffect(() => {
    if (!id) return
    keepScreenOn(true)
    call('fair.get', { id })
      .then((res) => setFair(res.fair))
      .catch(() => undefined)
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => {
      clearInterval(timer)
      keepScreenOn(false)
    }
  }, [id])

  // A new code before this one runs out.
  const code = entry.state.kind === 'ready' && entry.state.data.kind === 'code' ? entry.state.data.code : null
  const { reload } = entry
  useEffect(() => {
    if (!visible.current || refreshing.current || !code || now < code.refreshAt || now < retryAt.current) return
    refreshing.current = true
    void reload(true).finally(() => {
      refreshing.current = false
      retryAt.current = Date.now() + 5000
    })
  }, [now, code, reload])

  useDidHide(() => {
    visible.current = false
  })
  useDidShow(() => {
    visible.current = true
    setNow(Date.now())
  })
  useUnload(() => keepScreenOn(false))

  const toDetail = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: `${ROUTES.fairDetail}?id=${encodeURIComponent(id)}` })
  }

  const notToday = fair && fair.date !== today()

  return (
    <View className='entry'>
      <View className='entry__bg' />
      <View className='entry__card'>
        <Text className='entry__fair'>{code ? code.fairTitle : (fair?.title ?? '岗位对接会')}</Text>
        {fair && (
          <Text className='entry__when'>
            {fairWhen(fair)} · {fair.venue}
          </Text>
        )}

        <PageStates
          state={entry.state}
          retry={entry.retry}
          skeleton={
            <View className='entry__body'>
              <View className='entry__qr-skel' />
              <Text className='entry__hint'>正在获取入场码…</Text>
            </View>
          }
          notFound={{ title: id ? '你没有报名这场对接会' : '链接中缺少对接会', text: id ? '报名成功后才有入场码。' : undefined, action: { text: '查看对接会', onClick: toDetail } }}
        >
          {(e) =>
            e.kind === 'code' ? (
              <View className='entry__body'>
                <Text className='entry__name'>{e.code.name}</Text>
                <View className='entry__qr-box'>
                  <Qr className='entry__qr' text={e.code.token} cell={6} />
                </View>
                <View className='entry__timer'>
                  <View className='entry__track'>
                    <View className='entry__fill' style={{ width: `${Math.max(0, Math.min(100, ((e.code.refreshAt - now) / (e.code.period * 1000)) * 100))}%` }} />
                  </View>
                  <Text className='entry__countdown'>{now < e.code.refreshAt ? `${Math.ceil((e.code.refreshAt - now) / 1000)} 秒后自动刷新` : '正在刷新…'}</Text>
                </View>
                <Text className='entry__hint'>向会场入口工作人员出示 · 仅限本人 · 截图无效</Text>
                {notToday && <Text className='entry__warn'>入场码仅在对接会当天（{dayText(fair.date)}）可用于签到</Text>}
              </View>
            ) : e.kind === 'checked-in' ? (
              <View className='entry__body entry__done'>
                <View className='entry__done-mark'>
                  <Text>✓</Text>
                </View>
                <Text className='entry__done-title'>已签到入场</Text>
                <Text className='entry__done-time'>{e.at ? `${momentText(e.at)} 签到` : '入场码已使用'}</Text>
                <Text className='entry__hint'>祝你面试顺利！用人单位登记结果后会与你联系。</Text>
              </View>
            ) : (
              <View className='entry__body entry__refused'>
                <View className='entry__refused-mark'>
                  <Text>!</Text>
                </View>
                <Text className='entry__refused-title'>{e.title}</Text>
                <Text className='entry__refused-text'>{e.message}</Text>
              </View>
            )
          }
        </PageStates>
      </View>

      <View className='entry__actions'>
        {code && (
          <Button kind='plain' className='entry__refresh' onClick={entry.retry}>
            立即刷新
          </Button>
        )}
        {entry.state.kind === 'ready' && entry.state.data.kind === 'refused' && (
          <Button kind='plain' onClick={toDetail}>
            查看对接会
          </Button>
        )}
      </View>
    </View>
  )
}
