// 入场码 (?id=): the sealed, single-use code a confirmed person shows at the door. It is good
// for about a minute, so the page fetches a new one before it runs out (and keeps the screen
// on in WeChat). Once the door has checked the person in, the code is refused and the page
// says 已签到入场 with the time.
import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import type { FairView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { Qr } from '@/components/ui/Qr'
import { fairWhen, param } from '@/components/fair/format'
import { noIdentity } from '@/components/fair/shared'
import { Button } from '@/components/ui/Button'
import { dayText, momentText, today } from '@/components/ui/format'

import './index.scss'

interface Code {
  token: string
  name: string
  fairTitle: string
  refreshAt: number
  period: number
}

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; code: Code }
  | { kind: 'checked-in'; at: string }
  | { kind: 'refused'; title: string; message: string; action?: 'detail' | 'retry' }

function keepScreenOn(on: boolean) {
  if (process.env.TARO_ENV !== 'weapp') return
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

export default function EntryCode() {
  const { params } = useRouter()
  const id = param(params.id)
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [fair, setFair] = useState<FairView | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const fetching = useRef(false)
  const visible = useRef(true)
  const retryAt = useRef(0)

  const fetchCode = useCallback(async () => {
    if (fetching.current || !id) return
    fetching.current = true
    try {
      const res = await call('fair.entryCode', { fairId: id })
      const period = Math.max(5, res.refreshInSeconds)
      setState({ kind: 'ready', code: { token: res.token, name: res.name, fairTitle: res.fairTitle, refreshAt: Date.now() + period * 1000, period } })
      retryAt.current = 0
    } catch (err) {
      retryAt.current = Number.POSITIVE_INFINITY
      if (err instanceof CallError && err.code === 'CONFLICT' && /签到/.test(err.message)) {
        // Checked in: the time from my sign-up (the message has it too, as a fallback).
        try {
          const res = await call('fair.get', { id })
          setFair(res.fair)
          setState({ kind: 'checked-in', at: res.fair.mine?.checkedInAt ?? '' })
        } catch {
          setState({ kind: 'checked-in', at: '' })
        }
      } else if (err instanceof CallError && err.code === 'CONFLICT' && /候补/.test(err.message)) {
        setState({ kind: 'refused', title: '候补中，暂无入场码', message: '有人取消报名时按顺序递补，递补成功后会通知你，届时即可打开入场码。', action: 'detail' })
      } else if (err instanceof CallError && err.code === 'NOT_FOUND') {
        setState({ kind: 'refused', title: '你没有报名这场对接会', message: '报名成功后才有入场码。', action: 'detail' })
      } else if (err instanceof CallError && err.code === 'CONFLICT') {
        setState({ kind: 'refused', title: '入场码不可用', message: err.message, action: 'detail' })
      } else if (noIdentity(err)) {
        setState({ kind: 'refused', title: '请先选择演示身份', message: '本地开发环境需要先选择一个演示身份。' })
      } else {
        setState({ kind: 'refused', title: '入场码加载失败', message: errorMessage(err), action: 'retry' })
      }
    } finally {
      fetching.current = false
      setNow(Date.now())
    }
  }, [id])

  useEffect(() => {
    if (!id) {
      setState({ kind: 'refused', title: '链接中缺少对接会', message: '请从对接会详情页打开入场码。', action: 'detail' })
      return
    }
    keepScreenOn(true)
    void fetchCode()
    call('fair.get', { id })
      .then((res) => setFair(res.fair))
      .catch(() => undefined)
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => {
      clearInterval(timer)
      keepScreenOn(false)
    }
  }, [id, fetchCode])

  // A new code before this one runs out.
  useEffect(() => {
    if (!visible.current || fetching.current || state.kind !== 'ready') return
    if (now >= state.code.refreshAt && retryAt.current === 0) void fetchCode()
  }, [now, state, fetchCode])

  useDidHide(() => {
    visible.current = false
  })
  useDidShow(() => {
    visible.current = true
    setNow(Date.now())
  })
  useUnload(() => keepScreenOn(false))

  const retry = () => {
    retryAt.current = 0
    setState({ kind: 'loading' })
    void fetchCode()
  }
  const toDetail = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: `${ROUTES.fairDetail}?id=${encodeURIComponent(id)}` })
  }

  const notToday = fair && fair.date !== today()

  return (
    <View className='entry'>
      <View className='entry__bg' />
      <View className='entry__card'>
        <Text className='entry__fair'>{state.kind === 'ready' ? state.code.fairTitle : (fair?.title ?? '岗位对接会')}</Text>
        {fair && (
          <Text className='entry__when'>
            {fairWhen(fair)} · {fair.venue}
          </Text>
        )}

        {state.kind === 'loading' && (
          <View className='entry__body'>
            <View className='entry__qr-skel' />
            <Text className='entry__hint'>正在获取入场码…</Text>
          </View>
        )}

        {state.kind === 'ready' && (
          <View className='entry__body'>
            <Text className='entry__name'>{state.code.name}</Text>
            <View className='entry__qr-box'>
              <Qr className='entry__qr' text={state.code.token} cell={6} />
            </View>
            <View className='entry__timer'>
              <View className='entry__track'>
                <View className='entry__fill' style={{ width: `${Math.max(0, Math.min(100, ((state.code.refreshAt - now) / (state.code.period * 1000)) * 100))}%` }} />
              </View>
              <Text className='entry__countdown'>{now < state.code.refreshAt ? `${Math.ceil((state.code.refreshAt - now) / 1000)} 秒后自动刷新` : '正在刷新…'}</Text>
            </View>
            <Text className='entry__hint'>向会场入口工作人员出示 · 仅限本人 · 截图无效</Text>
            {notToday && <Text className='entry__warn'>入场码仅在对接会当天（{dayText(fair.date)}）可用于签到</Text>}
          </View>
        )}

        {state.kind === 'checked-in' && (
          <View className='entry__body entry__done'>
            <View className='entry__done-mark'>
              <Text>✓</Text>
            </View>
            <Text className='entry__done-title'>已签到入场</Text>
            <Text className='entry__done-time'>{state.at ? `${momentText(state.at)} 签到` : '入场码已使用'}</Text>
            <Text className='entry__hint'>祝你面试顺利！用人单位登记结果后会与你联系。</Text>
          </View>
        )}

        {state.kind === 'refused' && (
          <View className='entry__body entry__refused'>
            <View className='entry__refused-mark'>
              <Text>!</Text>
            </View>
            <Text className='entry__refused-title'>{state.title}</Text>
            <Text className='entry__refused-text'>{state.message}</Text>
          </View>
        )}
      </View>

      <View className='entry__actions'>
        {state.kind === 'ready' && (
          <Button kind='plain' className='entry__refresh' onClick={retry}>
            立即刷新
          </Button>
        )}
        {state.kind === 'refused' && state.action === 'retry' && <Button onClick={retry}>重试</Button>}
        {state.kind === 'refused' && state.action === 'detail' && (
          <Button kind='plain' onClick={toDetail}>
            查看对接会
          </Button>
        )}
      </View>
    </View>
  )
}
