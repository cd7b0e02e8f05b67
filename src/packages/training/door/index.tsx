// 现场签到码 (?session=): the phone at the door shows the session's code, which changes every half
// minute (a photo of it is no good later); learners scan it to check in, and out at the end of a
// long session. The screen stays on in WeChat.
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter, useUnload } from '@tarojs/taro'
import { call } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { PageStates } from '@/components/ui/PageStates'
import { Qr } from '@/components/ui/Qr'
import { usePageState } from '@/components/ui/page-state'

import '@/components/training/training.scss'

export default function Door() {
  const { params } = useRouter()
  const sessionId = param(params.session)
  const page = usePageState(async () => {
    const r = await call('training.doorCode', { sessionId })
    return { ...r, refreshAt: Date.now() + Math.max(3, r.refreshInSeconds) * 1000 }
  }, [sessionId])
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  useUnload(() => {
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
  })
  const data = page.state.kind === 'ready' ? page.state.data : null
  const fetching = useRef(false)
  useEffect(() => {
    if (!data || now < data.refreshAt || fetching.current) return
    fetching.current = true
    void page.reload(true).finally(() => {
      fetching.current = false
    })
  }, [now, data, page])
  return (
    <View className='tr-door'>
      <PageStates state={page.state} retry={page.retry}>
        {(d) => (
          <View className='tr-door__box'>
            <Text className='tr-door__title'>{d.title} · 现场签到码</Text>
            <Qr className='tr-door__qr' text={d.code} cell={10} />
            <Text className='tr-door__countdown'>{Math.max(0, Math.ceil((d.refreshAt - now) / 1000))} 秒后刷新</Text>
            <Text className='tr-door__note'>学员在「培训课程」中打开本场，点「扫码签到」扫描此码；长课结束时再扫一次签退。不便用手机的学员，请在名单中登记出勤。</Text>
          </View>
        )}
      </PageStates>
    </View>
  )
}
