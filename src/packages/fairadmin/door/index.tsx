// 入场签到 (?id=; city and county admins at the door): scan a person's entry code (WeChat's
// scanner; in the web build a paste field stands in for it), see who it is (masked name, how
// many positions they chose, the time) or why the code is refused, in plain words. Someone whose
// phone cannot show the code is found by name or the mobile's last 4 digits and let in by name,
// after a confirmation (the same rules: on the day, once, recorded, the person told). A running
// count of who came and the latest check-ins.
import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { AdminSignupView, FairView } from '@contract/fair'
import { ENTRY_CODE } from '@contract/vocabulary'
import { call, CallError, errorMessage } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { SearchField } from '@/components/ui/Field'
import { Tag } from '@/components/ui/Tag'
import { fairWhen, param } from '@/components/fair/format'
import { Notice } from '@/components/fair/ui'
import { admitPrompt, doorAction, doorQuery } from './find'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { clock, dayText, today } from '@/components/ui/format'
import { useSearchKeyword } from '@/components/ui/paged'

import './index.scss'

/** The latest check-ins shown under the scanner. */
const LATEST = 8

type Result =
  | { kind: 'ok'; name: string; fairTitle: string; checkedInAt: string; positions: number; otherFair: boolean; byName: boolean }
  | { kind: 'refused'; title: string; message: string }

type Found = { kind: 'idle' } | { kind: 'searching' } | { kind: 'ready'; keyword: string; items: AdminSignupView[]; total: number } | { kind: 'error'; message: string }

/** A refusal's headline, from the function's message (which says the rest). */
function headline(err: unknown): string {
  const m = err instanceof CallError ? err.message : ''
  if (/已过期/.test(m)) return '入场码已过期'
  if (/已使用/.test(m)) return '入场码已使用过'
  if (/已于.*签到/.test(m)) return '此人已签到'
  if (/今天不能签到/.test(m)) return '不是今天的对接会'
  if (/候补/.test(m)) return '候补中，未获得入场资格'
  if (/报名已取消/.test(m)) return '报名已取消'
  if (/对接会已取消/.test(m)) return '对接会已取消'
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
  const [attended, setAttended] = useState<{ total: number; latest: AdminSignupView[] } | null>(null)
  const [result, setResult] = useState<Result | null>(null)
  const [busy, setBusy] = useState(false)
  const [pasted, setPasted] = useState('')
  const { draft, setDraft, keyword, search } = useSearchKeyword()
  const [found, setFound] = useState<Found>({ kind: 'idle' })
  const [admitting, setAdmitting] = useState('')
  const searches = useRef(0)

  const door = usePageState<FairView>(
    async () => {
      if (!id) throw new CallError({ code: 'NOT_FOUND', message: '缺少对接会编号，请从对接会列表进入' })
      return (await call('fair.get', { id })).fair
    },
    [id],
    !!scope,
  )
  const fair = door.state.kind === 'ready' ? door.state.data : null

  const fetchAttended = async () => {
    try {
      const res = await call('fair.signups', { fairId: id, attended: true, order: 'checkIn', pageSize: LATEST })
      setAttended({ total: res.total, latest: res.items })
    } catch {
      // The count is a convenience: the door works without it.
    }
  }

  useEffect(() => {
    if (scope && id) void fetchAttended()
  }, [scope, id])
  usePullDownRefresh(() => {
    const work = scope ? Promise.all([door.reload(true), fetchAttended()]) : reloadScope(true)
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
      setResult({ kind: 'ok', ...res, otherFair: !!fair && res.fairTitle !== fair.title, byName: false })
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

  /** Finds sign-ups by part of a name or the mobile's last 4 digits. */
  const find = async (text: string) => {
    const mine = ++searches.current
    const q = doorQuery(text)
    if (q.kind === 'none') {
      setFound({ kind: 'idle' })
      return
    }
    if (q.kind === 'invalid') {
      setFound({ kind: 'error', message: q.message })
      return
    }
    setFound({ kind: 'searching' })
    try {
      const res = await call('fair.signups', { fairId: id, keyword: q.keyword, pageSize: 20 })
      // (only the latest search's answer is shown)
      if (mine === searches.current) setFound({ kind: 'ready', keyword: q.keyword, items: res.items, total: res.total })
    } catch (err) {
      if (mine === searches.current) setFound({ kind: 'error', message: errorMessage(err) })
    }
  }

  // Searches as the name is typed (after a pause), or at once on 搜索.
  useEffect(() => {
    if (scope && id) void find(keyword)
  }, [keyword, scope, id])

  /** Lets someone in by name, after the admin has checked who it is. */
  const admit = async (s: AdminSignupView) => {
    if (admitting || busy) return
    const { confirm } = await Taro.showModal({ title: '按姓名签到', content: admitPrompt(s), confirmText: '确认签到', confirmColor: '#d93a2b' })
    if (!confirm) return
    setAdmitting(s.id)
    try {
      const res = await call('fair.checkInByName', { signupId: s.id, reason: '手机无法出示入场码' })
      setResult({ kind: 'ok', ...res, otherFair: false, byName: true })
      setFound((f) => (f.kind === 'ready' ? { ...f, items: f.items.map((x) => (x.id === s.id ? { ...x, checkedInAt: res.checkedInAt, checkInMethod: 'name' } : x)) } : f))
      vibrate(true)
      void fetchAttended()
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    } catch (err) {
      setResult({ kind: 'refused', title: headline(err), message: errorMessage(err) })
      vibrate(false)
      void find(keyword)
    } finally {
      setAdmitting('')
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

  /** The fair at the door: who came, the scanner (or the paste field), the last result, finding by name. */
  const page = (fair: FairView) => {
    const isToday = fair.date === today()

    return (
      <>
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
            <Button className='door__paste-submit' busy={busy} disabled={!pasted.trim()} onClick={() => void checkIn(pasted)}>
              签到
            </Button>
          </View>
        )}

        {result && (
          <View className={`door-result door-result--${result.kind}`}>
            <View className='door-result__mark'>
              <Text>{result.kind === 'ok' ? '✓' : '✕'}</Text>
            </View>
            {result.kind === 'ok' ? (
              <View className='door-result__main'>
                <Text className='door-result__title'>{result.byName ? '签到成功（按姓名）' : '签到成功'}</Text>
                <Text className='door-result__name'>{result.name}</Text>
                <Text className='door-result__text'>
                  已选 {result.positions} 个岗位 · {clock(result.checkedInAt)} 入场
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

        <View className='fair-section door-find'>
          <View className='fair-section__title'>
            <Text>手机无法出示入场码？</Text>
            <Text className='fair-section__extra'>按姓名签到</Text>
          </View>
          <SearchField className='door-find__search' value={draft} placeholder='输入姓名，或手机号后 4 位' onChange={setDraft} onSearch={search} />
          <Text className='door-find__hint'>找到本人后请核对手机号与镇街，再点「签到」。</Text>
          {found.kind === 'searching' ? (
            <Text className='door__none'>正在查找…</Text>
          ) : found.kind === 'error' ? (
            <Text className='door-find__error'>{found.message}</Text>
          ) : found.kind === 'ready' && found.items.length === 0 ? (
            <Text className='door__none'>没有找到「{found.keyword}」，请核对姓名或手机尾号；未报名的人不能入场。</Text>
          ) : found.kind === 'ready' ? (
            <>
              {found.items.map((s) => {
                const act = doorAction(s, clock)
                return (
                  <View key={s.id} className='door-row door-find__row'>
                    <View className='door-find__who'>
                      <Text className='door-row__name'>{s.name}</Text>
                      <Text className='door-row__sub'>
                        {s.mobileMasked || '—'} · {s.townshipName || (s.kind === 'volunteer' ? '志愿者' : '农村青年')}
                      </Text>
                    </View>
                    {act.kind === 'admit' ? (
                      <Button small className='door-find__admit' busy={admitting === s.id} disabled={!isToday || fair.status !== 'published' || !!admitting} onClick={() => void admit(s)}>
                        签到
                      </Button>
                    ) : (
                      <Tag tone={act.tone}>{act.label}</Tag>
                    )}
                  </View>
                )
              })}
              {found.total > found.items.length && <Text className='door__none'>共找到 {found.total} 人，只列出前 {found.items.length} 人：请输入更完整的姓名或手机尾号。</Text>}
            </>
          ) : null}
        </View>

        <View className='fair-section door__latest'>
          <View className='fair-section__title'>
            <Text>最近签到</Text>
            <Text className='fair-section__extra'>{attended ? `共 ${attended.total} 人` : ''}</Text>
          </View>
          {attended && attended.latest.length > 0 ? (
            attended.latest.map((s) => (
              <View key={s.id} className='door-row'>
                <Text className='door-row__name'>{s.name}</Text>
                <Text className='door-row__sub'>
                  {s.townshipName || (s.kind === 'volunteer' ? '志愿者' : '农村青年')} · 选 {s.positions} 个岗位{s.checkInMethod === 'name' ? ' · 按姓名' : ''}
                </Text>
                <Text className='door-row__time'>{clock(s.checkedInAt)}</Text>
              </View>
            ))
          ) : (
            <Text className='door__none'>{attended ? '还没有人签到' : '签到名单暂时无法获取，完整名单见「报名名单」'}</Text>
          )}
        </View>
      </>
    )
  }

  return (
    <View className='panel-page door'>
      <PageStates gate={state} state={door.state} retry={() => void (scope ? door.reload() : reloadScope(true))} skeleton={2} denied={adminDenied(state)} notFound={{ title: '对接会不存在' }}>
        {page}
      </PageStates>
    </View>
  )
}
