// 入场签到 (?id=; city and county admins at the door): scan a person's entry code (WeChat's
// scanner; in the web build a paste field stands in for it), see who it is (masked name, how
// many positions they chose, the time) or why the code is refused, in plain words; a running
// count of who came and the latest check-ins.
import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { AdminSignupView, FairView } from '@contract/fair'
import { ENTRY_CODE } from '@contract/vocabulary'
import { call, CallError, errorMessage } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { CardSkeleton, ScopeGate, StatePanel } from '@/components/admin/ui'
import { Btn } from '@/components/account/Btn'
import { clockOf, dayText, fairWhen, param, today } from '@/components/fair/format'
import { Notice } from '@/components/fair/ui'

import '@/components/township/township-nutui-theme.scss'
import './index.scss'

/** A check-in made on this phone (the door's own log, newest first). */
interface Scanned {
  name: string
  positions: number
  at: string
}

/** The sign-up list comes 50 at a time in sign-up order: beyond that, only this phone's log is exact. */
const LIST_LIMIT = 50

type Result =
  | { kind: 'ok'; name: string; fairTitle: string; checkedInAt: string; positions: number; otherFair: boolean }
  | { kind: 'refused'; title: string; message: string }

/** A refusal's headline, from the function's message (which says the rest). */
function headline(err: unknown): string {
  const m = err instanceof CallError ? err.message : ''
  if (/已过期/.test(m)) return '入场码已过期'
  if (/已使用/.test(m)) return '入场码已使用过'
  if (/已于.*签到/.test(m)) return '此人已签到'
  if (/候补/.test(m)) return '候补中，未获得入场资格'
  if (/报名已取消/.test(m)) return '报名已取消'
  if (/对接会已取消/.test(m)) return '对接会已取消'
  if (/今天不能签到/.test(m)) return '不是今天的对接会'
  if (/篡改|无效|不是乡青汇/.test(m)) return '入场码无效'
  if (err instanceof CallError && err.code === 'FORBIDDEN') return '无权签到'
  return '无法签到'
}

function vibrate(ok: boolean) {
  if (process.env.TARO_ENV !== 'weapp') return
  ;(ok ? Taro.vibrateShort({ type: 'medium' }) : Taro.vibrateLong()).catch(() => undefined)
}

export default function Door() {
  const { params } = useRouter()
  const id = param(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [fair, setFair] = useState<FairView | null>(null)
  const [loadError, setLoadError] = useState('')
  const [attended, setAttended] = useState<{ total: number; latest: AdminSignupView[] } | null>(null)
  const [mine, setMine] = useState<Scanned[]>([])
  const [result, setResult] = useState<Result | null>(null)
  const [busy, setBusy] = useState(false)
  const [pasted, setPasted] = useState('')

  const fetchFair = async () => {
    try {
      setFair((await call('fair.get', { id })).fair)
      setLoadError('')
    } catch (err) {
      setLoadError(errorMessage(err))
    }
  }
  const fetchAttended = async () => {
    try {
      const res = await call('fair.signups', { fairId: id, attended: true, pageSize: LIST_LIMIT })
      const latest = [...res.items].sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt)).slice(0, 8)
      setAttended({ total: res.total, latest })
    } catch {
      // The count is a convenience: the door works without it.
    }
  }

  useEffect(() => {
    if (scope && id) {
      void fetchFair()
      void fetchAttended()
    }
  }, [scope, id])
  usePullDownRefresh(() => {
    const work = scope ? Promise.all([fetchFair(), fetchAttended()]) : reloadScope(true)
    void work.finally(() => Taro.stopPullDownRefresh())
  })

  const checkIn = async (raw: string) => {
    const token = raw.trim()
    if (!token || busy) return
    if (!ENTRY_CODE.test(token)) {
      setResult({ kind: 'refused', title: '这不是入场码', message: '请扫描报名者在「入场码」页面出示的二维码。' })
      vibrate(false)
      return
    }
    setBusy(true)
    try {
      const res = await call('fair.checkIn', { token })
      setResult({ kind: 'ok', ...res, otherFair: !!fair && res.fairTitle !== fair.title })
      setMine((m) => [{ name: res.name, positions: res.positions, at: res.checkedInAt }, ...m].slice(0, 20))
      setPasted('')
      vibrate(true)
      void fetchAttended()
    } catch (err) {
      setResult({ kind: 'refused', title: headline(err), message: errorMessage(err) })
      vibrate(false)
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    if (busy) return
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await checkIn(res.result || '')
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      void Taro.showToast({ title: '无法打开扫码，请检查相机权限', icon: 'none' })
    }
  }

  if (!scope) {
    return (
      <View className='adm-page'>
        <ScopeGate state={state} retry={() => void reloadScope(true)} />
      </View>
    )
  }
  if (loadError && !fair) {
    return (
      <View className='adm-page'>
        <StatePanel kind='error' title='加载失败' description={loadError} action={{ text: '重试', onClick: () => void fetchFair() }} />
      </View>
    )
  }
  if (!fair) {
    return (
      <View className='adm-page'>
        <CardSkeleton count={2} />
      </View>
    )
  }

  const isToday = fair.date === today()
  const exact = !attended || attended.total <= LIST_LIMIT

  return (
    <View className='adm-page door'>
      <View className='door__head'>
        <Text className='door__title'>{fair.title}</Text>
        <Text className='door__sub'>
          {fairWhen(fair)} · {fair.venue}
        </Text>
        <View className='door__count'>
          <Text className='door__count-num'>{attended ? attended.total : '—'}</Text>
          <Text className='door__count-unit'>/ {fair.confirmed} 人已签到</Text>
        </View>
      </View>

      {!isToday && (
        <View className='door__notice'>
          <Notice tone='warn' title='今天不是对接会举办日'>
            <Text>入场码只能在对接会当天（{dayText(fair.date)}）签到。</Text>
          </Notice>
        </View>
      )}
      {fair.status !== 'published' && (
        <View className='door__notice'>
          <Notice tone='error' title='对接会未发布或已取消'>
            <Text>不能签到。</Text>
          </Notice>
        </View>
      )}

      {process.env.TARO_ENV === 'weapp' ? (
        <View className='door__scan' hoverClass='door__scan--pressed' onClick={() => void scan()}>
          <View className='door__scan-frame'>
            <View className='door__scan-corner door__scan-corner--tl' />
            <View className='door__scan-corner door__scan-corner--tr' />
            <View className='door__scan-corner door__scan-corner--bl' />
            <View className='door__scan-corner door__scan-corner--br' />
            <View className='door__scan-line' />
          </View>
          <Text className='door__scan-text'>{busy ? '正在签到…' : '扫码签到'}</Text>
          <Text className='door__scan-hint'>扫描报名者手机上的入场码</Text>
        </View>
      ) : (
        <View className='door__paste'>
          <Text className='door__paste-title'>扫码替代（开发环境）</Text>
          <Text className='door__paste-hint'>网页版不能调用微信扫码：把入场码二维码的内容粘贴到这里。</Text>
          <Input
            className='door__paste-input'
            value={pasted}
            placeholder='E1.…'
            placeholderClass='door__paste-placeholder'
            maxlength={600}
            onInput={(e) => setPasted(e.detail.value)}
            onConfirm={(e) => void checkIn(e.detail.value)}
          />
          <Btn className='door__paste-submit' loading={busy} disabled={!pasted.trim()} onClick={() => void checkIn(pasted)}>
            签到
          </Btn>
        </View>
      )}

      {result && (
        <View className={`door-result door-result--${result.kind}`}>
          <View className='door-result__mark'>
            <Text>{result.kind === 'ok' ? '✓' : '✕'}</Text>
          </View>
          {result.kind === 'ok' ? (
            <View className='door-result__main'>
              <Text className='door-result__title'>签到成功</Text>
              <Text className='door-result__name'>{result.name}</Text>
              <Text className='door-result__text'>
                已选 {result.positions} 个岗位 · {clockOf(result.checkedInAt)} 入场
              </Text>
              {result.otherFair && <Text className='door-result__warn'>注意：这是「{result.fairTitle}」的入场码</Text>}
            </View>
          ) : (
            <View className='door-result__main'>
              <Text className='door-result__title'>{result.title}</Text>
              <Text className='door-result__text'>{result.message}</Text>
            </View>
          )}
        </View>
      )}

      <View className='fair-section door__latest'>
        <View className='fair-section__title'>
          <Text>{exact ? '最近签到' : '本机最近签到'}</Text>
          <Text className='fair-section__extra'>{attended ? `共 ${attended.total} 人` : ''}</Text>
        </View>
        {exact && attended && attended.latest.length > 0 ? (
          attended.latest.map((s) => (
            <View key={s.id} className='door-row'>
              <Text className='door-row__name'>{s.name}</Text>
              <Text className='door-row__sub'>
                {s.townshipName || (s.kind === 'volunteer' ? '志愿者' : '农村青年')} · 选 {s.positions} 个岗位
              </Text>
              <Text className='door-row__time'>{clockOf(s.checkedInAt)}</Text>
            </View>
          ))
        ) : !exact && mine.length > 0 ? (
          mine.map((s, i) => (
            <View key={`${s.at}-${i}`} className='door-row'>
              <Text className='door-row__name'>{s.name}</Text>
              <Text className='door-row__sub'>选 {s.positions} 个岗位</Text>
              <Text className='door-row__time'>{clockOf(s.at)}</Text>
            </View>
          ))
        ) : (
          <Text className='door__none'>{exact ? '还没有人签到' : '本机还没有扫码签到；完整名单见「报名名单」'}</Text>
        )}
      </View>
    </View>
  )
}
