// 服务时长与星级: the star level and the way to the next one, approved and pending hours, the last
// 12 months as bars, hours by station, and every service record (paged, by status), where a
// rejected or adjusted record can be appealed.
import { useEffect, useRef, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { SessionStatus } from '@contract/vocabulary'
import { Sheet } from '@/components/ui/Sheet'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { hours as hoursText } from '@/components/ui/format'
import { Card, FlagList, NOT_VOLUNTEER, StarBar, Stars, starName, StatusTag } from '../shared/ui'
import { allowanceText, type Allowance, type HoursView, type SessionView } from '../shared/volunteer'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { clock, dayLabel, duration, lastMonths, monthLabel, ymd } from '@/components/ui/format'
import { markChanged, takeChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'

import './index.scss'

const PAGE_SIZE = 20
const FILTERS: { value: SessionStatus | ''; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'needs_review', label: '待核实' },
]

/** The longest station's minutes (the full width of the station bars). */
const widest = (h: HoursView) => Math.max(1, ...h.byStation.map((s) => s.minutes))

const canAppeal = (s: SessionView) => s.status === 'rejected' || (s.status === 'approved' && s.adjustedMinutes !== null)

function MonthBars({ months }: { months: HoursView['months'] }) {
  const keys = lastMonths(12)
  const byMonth = new Map(months.map((m) => [m.month, m.minutes]))
  const values = keys.map((k) => byMonth.get(k) ?? 0)
  // At least 10 hours high, so a first short session does not fill the chart.
  const max = Math.max(600, ...values)
  const empty = values.every((v) => v === 0)
  return (
    <View className='hrs-bars'>
      <View className='hrs-bars__plot'>
        {keys.map((k, i) => {
          const v = values[i]
          const last = i === keys.length - 1
          return (
            <View key={k} className={`hrs-bars__col${last ? ' hrs-bars__col--now' : ''}`} data-month={k}>
              <Text className='hrs-bars__value'>{v > 0 ? hoursText(v) : ''}</Text>
              <View className='hrs-bars__track'>
                <View className='hrs-bars__bar' style={{ height: `${v > 0 ? Math.max(4, (v / max) * 100) : 0}%` }} />
              </View>
              <Text className='hrs-bars__label'>{monthLabel(k, true)}</Text>
              {/* The year under the first month and each January (「26/1」 read as a date). */}
              <Text className='hrs-bars__year'>{k.endsWith('-01') || i === 0 ? `${k.slice(0, 4)}年` : ' '}</Text>
            </View>
          )
        })}
      </View>
      {empty && <Text className='hrs-bars__empty'>近 12 个月还没有审核通过的服务时长</Text>}
    </View>
  )
}

function Record({ s, onAppeal }: { s: SessionView; onAppeal: (s: SessionView) => void }) {
  const day = ymd(s.checkInAt)
  const counted = s.adjustedMinutes ?? s.minutes
  return (
    <View className='hrs-rec' data-id={s.id} data-status={s.status}>
      <View className='hrs-rec__head'>
        <Text className='hrs-rec__station'>{s.stationName}</Text>
        <StatusTag status={s.status} />
      </View>
      <Text className='hrs-rec__when'>
        {dayLabel(day)} · {clock(s.checkInAt)}–{s.checkOutAt ? clock(s.checkOutAt) : '进行中'}
      </Text>
      <View className='hrs-rec__line'>
        <Text className='hrs-rec__minutes'>{duration(counted)}</Text>
        {s.adjustedMinutes !== null && <Text className='hrs-rec__was'>原 {duration(s.minutes)}，已调整</Text>}
        {s.source === 'makeup' && <Text className='hrs-rec__source'>补签</Text>}
        {s.source === 'kiosk' && <Text className='hrs-rec__source'>现场签到码</Text>}
      </View>
      <FlagList flags={s.flags.filter((f) => f !== 'makeup')} />
      {s.note ? (
        <Text className='hrs-rec__note'>
          {s.flags.includes('appeal') ? '申诉理由' : '补签原因'}：{s.note}
        </Text>
      ) : null}
      {s.decisionReason ? <Text className={`hrs-rec__reason${s.status === 'rejected' ? ' hrs-rec__reason--rejected' : ''}`}>审核意见：{s.decisionReason}</Text> : null}
      {canAppeal(s) && (
        <View className='hrs-rec__actions'>
          <Text className='hrs-rec__hint'>对审核结果有异议？</Text>
          <Button small kind='outline' className='hrs-rec__appeal' onClick={() => onAppeal(s)}>
            申诉
          </Button>
        </View>
      )}
    </View>
  )
}

function AppealSheet({ target, allowance, onClose, onDone }: { target: SessionView | null; allowance: Allowance | null; onClose: () => void; onDone: (s: SessionView) => void }) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (target) {
      setReason('')
      setProblem('')
      setBusy(false)
    }
  }, [target])

  const submit = async () => {
    if (!target || busy) return
    const text = reason.trim()
    if (text.length < 4) {
      setProblem('申诉理由至少 4 个字')
      return
    }
    const { confirm } = await Taro.showModal({
      title: '提交申诉',
      content: `这条记录将回到待审核，由${target.townshipName}团委重新审核。${allowance ? `本次会占用本月补签和申诉次数 1 次（还剩 ${allowance.left} 次）。` : ''}`,
      confirmText: '提交',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy(true)
    await askForNotices(['review'])
    try {
      const updated = await call('service.appeal', { sessionId: target.id, reason: text })
      markChanged('volunteer-home')
      void Taro.showToast({ title: '申诉已提交', icon: 'success' })
      onDone(updated)
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Sheet
      visible={!!target}
      title='申诉'
      note={allowance ? allowanceText(allowance) : undefined}
      closable={!busy}
      className='hrs-appeal'
      onClose={onClose}
    >
      {target && (
        <View className='hrs-appeal__body'>
          <View className='hrs-appeal__record'>
            <Text className='hrs-appeal__station'>{target.stationName}</Text>
            <Text className='hrs-appeal__when'>
              {dayLabel(ymd(target.checkInAt))} · {clock(target.checkInAt)}–{clock(target.checkOutAt)} · {duration(target.adjustedMinutes ?? target.minutes)}
            </Text>
            {target.decisionReason ? <Text className='hrs-appeal__decision'>审核意见：{target.decisionReason}</Text> : null}
          </View>
          <View className={`hrs-appeal__box${problem ? ' hrs-appeal__box--error' : ''}`}>
            <Textarea
              className='hrs-appeal__input'
              value={reason}
              placeholder='请说明申诉理由，例如当天的服务内容、可以证明的人或材料'
              placeholderClass='hrs-appeal__placeholder'
              maxlength={200}
              fixed
              onInput={(e) => {
                setReason(e.detail.value)
                if (problem && e.detail.value.trim().length >= 4) setProblem('')
              }}
            />
            <Text className='hrs-appeal__count'>{reason.length}/200</Text>
          </View>
          {problem ? (
            <Text className='hrs-appeal__error' data-error-for='reason'>
              {problem}
            </Text>
          ) : null}
          <Button className='hrs-appeal__submit' busy={busy} disabled={allowance?.left === 0} onClick={() => void submit()}>
            {busy ? '正在提交…' : allowance?.left === 0 ? '本月申诉次数已用完' : '提交申诉'}
          </Button>
        </View>
      )}
    </Sheet>
  )
}

export default function Hours() {
  // ?session=: a notice about one record opens on it.
  const focusId = useRouter().params.session ?? ''
  const [focused, setFocused] = useState<SessionView | null>(null)
  const [filter, setFilter] = useState<SessionStatus | ''>('')
  const [appealing, setAppealing] = useState<SessionView | null>(null)
  const [allowance, setAllowance] = useState<Allowance | null>(null)
  const loaded = useRef(false)

  // The page: the hours and the star level.
  const { state, reload, retry, setData } = usePageState(async () => {
    const hours = await call('service.hours', {})
    loaded.current = true
    return hours
  }, [])

  // The records under it, a page at a time, by status; the first page also reads the record a notice opened on.
  const shown = useRef<SessionView[]>([])
  const history = usePaged(
    async (page, pageSize) => {
      const res = await call('service.history', { page, pageSize, ...(filter ? { status: filter } : {}), ...(focusId && page === 1 ? { focus: focusId } : {}) })
      if (page === 1) {
        setFocused(res.focused)
        return res
      }
      // Records may have moved between pages meanwhile: keep each once.
      return { ...res, items: res.items.filter((x) => !shown.current.some((p) => p.id === x.id)) }
    },
    filter,
    true,
    PAGE_SIZE,
  )
  shown.current = history.items

  useEffect(() => {
    call('service.allowance', {})
      .then(setAllowance)
      .catch(() => undefined)
  }, [])

  useDidShow(() => {
    if (loaded.current && takeChanged('volunteer-hours')) {
      void reload(true)
      void history.reload(true)
    }
  })

  // The list refreshes itself on pull-down (usePaged); the hours with it.
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='vol-page hrs'>
      <PageStates state={state} retry={retry} denied={NOT_VOLUNTEER}>
        {(hours) => (
          <>
            <View className='hrs-hero'>
              <View className='hrs-hero__top'>
                <View className='hrs-hero__level'>
                  <Stars n={hours.star} className='hrs-hero__stars' />
                  <Text className='hrs-hero__name'>{starName(hours.star)}</Text>
                </View>
                <View className='hrs-hero__total'>
                  <Text className='hrs-hero__num'>{hoursText(hours.approvedMinutes)}</Text>
                  <Text className='hrs-hero__unit'>小时 · 累计通过</Text>
                </View>
              </View>
              <StarBar hours={hours} light />
              <View className='hrs-hero__stats'>
                <View className='hrs-hero__stat'>
                  <Text className='hrs-hero__stat-num'>{hoursText(hours.months.find((m) => m.month === lastMonths(1)[0])?.minutes ?? 0)}</Text>
                  <Text className='hrs-hero__stat-label'>本月通过（小时）</Text>
                </View>
                <View className='hrs-hero__stat'>
                  <Text className='hrs-hero__stat-num hrs-hero__pending'>{hoursText(hours.pendingMinutes)}</Text>
                  <Text className='hrs-hero__stat-label'>待审核（小时）</Text>
                </View>
                <View className='hrs-hero__stat'>
                  <Text className='hrs-hero__stat-num'>{hours.byStation.length}</Text>
                  <Text className='hrs-hero__stat-label'>服务过的驿站</Text>
                </View>
              </View>
            </View>

            {focused && (
              <View className='vol-card hrs-focus'>
                <View className='vol-card__head'>
                  <Text className='vol-card__title'>消息中的记录</Text>
                  <Text className='hrs-focus__close' onClick={() => setFocused(null)}>
                    收起
                  </Text>
                </View>
                <Record s={focused} onAppeal={setAppealing} />
              </View>
            )}

            <Card title='星级标准' extra={<Text>累计审核通过的服务时长</Text>} className='hrs-levels'>
              <View className='hrs-levels__row'>
                {hours.thresholdsHours.map((t, i) => (
                  <View key={t} className={`hrs-levels__item${hours.star > i ? ' hrs-levels__item--on' : ''}`}>
                    <Text className='hrs-levels__star'>{'★'.repeat(i + 1)}</Text>
                    <Text className='hrs-levels__hours'>{t} 小时</Text>
                  </View>
                ))}
              </View>
            </Card>

            <Card title='月度服务时长' extra={<Text>近 12 个月 · 小时</Text>}>
              <MonthBars months={hours.months} />
            </Card>

            <Card title='各驿站服务时长' extra={<Text>小时</Text>} className='hrs-stations'>
              {hours.byStation.length === 0 ? (
                <Text className='hrs-stations__empty'>审核通过的服务会按驿站汇总在这里</Text>
              ) : (
                hours.byStation.map((s) => (
                  <View key={s.stationName} className='hrs-stations__row'>
                    <View className='hrs-stations__top'>
                      <Text className='hrs-stations__name'>{s.stationName}</Text>
                      <Text className='hrs-stations__hours'>{hoursText(s.minutes)}</Text>
                    </View>
                    <View className='hrs-stations__track'>
                      <View className='hrs-stations__bar' style={{ width: `${Math.max(2, (s.minutes / widest(hours)) * 100)}%` }} />
                    </View>
                  </View>
                ))
              )}
            </Card>

            <View className='vol-card hrs-history'>
              <View className='vol-card__head'>
                <Text className='vol-card__title'>服务记录</Text>
                <Text className='vol-card__extra'>{history.status === 'ready' ? `共 ${history.total} 条` : ''}</Text>
              </View>
              <View className='hrs-filters'>
                {FILTERS.map((f) => (
                  <Text key={f.value || 'all'} className={`hrs-filter${filter === f.value ? ' hrs-filter--on' : ''}`} data-filter={f.value || 'all'} onClick={() => setFilter(f.value)}>
                    {f.label}
                  </Text>
                ))}
              </View>
              {history.status === 'loading' || history.status === 'idle' ? (
                <View className='hrs-history__loading'>
                  {[0, 1, 2].map((i) => (
                    <View key={i} className='hrs-history__ghost' />
                  ))}
                </View>
              ) : history.status === 'error' ? (
                <StateView tone='warn' title='记录加载失败' desc={history.error} className='hrs-history__state'>
                  <Button small kind='outline' onClick={() => void history.reload()}>
                    重试
                  </Button>
                </StateView>
              ) : history.items.length === 0 ? (
                <StateView tone='muted' mark='记' title={filter ? '没有这类记录' : '还没有服务记录'} desc={filter ? '换个状态看看' : '到驿站签到、签退后，服务记录会出现在这里。'} className='hrs-history__state'>
                  {!filter && (
                    <Button small onClick={() => void Taro.navigateTo({ url: ROUTES.checkin })}>
                      去签到
                    </Button>
                  )}
                </StateView>
              ) : (
                <>
                  {history.items.map((s) => (
                    <Record key={s.id} s={s} onAppeal={setAppealing} />
                  ))}
                  <View className='hrs-history__foot'>
                    {history.hasMore ? (
                      <Text className='hrs-history__more' onClick={() => void history.loadMore()}>
                        {history.loadingMore ? '加载中…' : '加载更多'}
                      </Text>
                    ) : (
                      <Text className='hrs-history__end'>已显示全部 {history.total} 条</Text>
                    )}
                  </View>
                </>
              )}
            </View>

            <View className='hrs-makeup' hoverClass='hrs-makeup--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.makeup })}>
              <Text className='hrs-makeup__text'>忘记签到或签退？申请补签</Text>
              <Text className='hrs-makeup__arrow'>›</Text>
            </View>

            <AppealSheet
              target={appealing}
              allowance={allowance}
              onClose={() => setAppealing(null)}
              onDone={(updated) => {
                setAppealing(null)
                setFocused((f) => (f && f.id === updated.id ? updated : f))
                history.setItems((list) => (filter && filter !== updated.status ? list.filter((x) => x.id !== updated.id) : list.map((x) => (x.id === updated.id ? updated : x))))
                void call('service.hours', {})
                  .then((hours) => setData(() => hours))
                  .catch(() => undefined)
                void call('service.allowance', {})
                  .then(setAllowance)
                  .catch(() => undefined)
              }}
            />
          </>
        )}
      </PageStates>
    </View>
  )
}
