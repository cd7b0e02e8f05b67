// 签到审核 (?status=pending|needs_review|approved|rejected, &flagged=1): the township's service
// records by status, flagged ones marked; select up to 100 and approve or reject them (with a
// reason) in one go, or adjust one record's credited time (with a reason).
import { useEffect, useMemo, useState } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { MAX_RECORD_MINUTES, overSpanMessage, ZERO_CREDIT_MESSAGE } from '@contract/credit-rules'
import { FLAG_LABELS, SESSION_SOURCE_LABELS, SESSION_STATUS_LABELS, type Flag } from '@contract/vocabulary'
import { Tick } from '@/components/ui/Tick'
import { call, CallError, errorMessage } from '@/services/cloud'
import { useDivisions } from '@/components/admin/shared'
import { placesInReach, useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { Button } from '@/components/ui/Button'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { ListFooter } from '@/components/ui/ListFooter'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { Tag } from '@/components/ui/Tag'
import { clock, dateTime, duration, monthDay, ymd } from '@/components/ui/format'
import { markChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

/** The first day the programme's records can start (the date picker's range). */
const EARLIEST_DAY = '2020-01-01'

type Item = OutputOf<'service.queue'>['items'][number]
type Status = 'pending' | 'needs_review' | 'approved' | 'rejected'

const TABS: { value: Status; label: string }[] = [
  { value: 'pending', label: SESSION_STATUS_LABELS.pending },
  { value: 'needs_review', label: SESSION_STATUS_LABELS.needs_review },
  { value: 'approved', label: SESSION_STATUS_LABELS.approved },
  { value: 'rejected', label: SESSION_STATUS_LABELS.rejected },
]
const isStatus = (v: string | undefined): v is Status => !!v && TABS.some((t) => t.value === v)

/** The contract's batch limit. */
const BATCH_MAX = 100
const PAGE_SIZE = 50

const FLAG_TONE: Record<Flag, 'red' | 'amber' | 'blue' | 'grey'> = {
  outside_fence: 'red',
  overlapping: 'red',
  over_daily_cap: 'red',
  closed_by_timer: 'red',
  edge_of_fence: 'amber',
  coarse_location: 'amber',
  station_coordinates: 'amber',
  long_session: 'amber',
  makeup: 'blue',
  appeal: 'blue',
  adjusted: 'grey',
}

const EMPTY: Record<Status, { title: string; description: string }> = {
  pending: { title: '暂无待审核的签到记录', description: '志愿者签退或提交补签后，记录会出现在这里' },
  needs_review: { title: '暂无待核实的记录', description: '志愿者忘记签退、由系统在当天结束时关闭的记录会出现在这里' },
  approved: { title: '还没有通过的记录', description: '' },
  rejected: { title: '还没有未通过的记录', description: '' },
}

/** Flags that call for a closer look (make-up, appeal and adjusted are facts, not warnings). */
const isWarning = (f: Flag) => FLAG_TONE[f] === 'red' || FLAG_TONE[f] === 'amber'

interface Outcome {
  title: string
  rows: { name: string; message: string }[]
}

export default function Queue() {
  const { params } = useRouter()
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()

  const [status, setStatus] = useState<Status>(isStatus(params.status) ? params.status : 'pending')
  const [flaggedOnly, setFlaggedOnly] = useState(params.flagged === '1')
  const [townshipCode, setTownshipCode] = useState('')
  /** Search: part of a volunteer's name (as typed, and as searched after a pause) and the day served. */
  const [typedName, setTypedName] = useState('')
  const [name, setName] = useState('')
  const [date, setDate] = useState('')
  const [sheet, setSheet] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const [busy, setBusy] = useState<'' | 'approve' | 'reject'>('')
  const [rejecting, setRejecting] = useState(false)
  const [adjusting, setAdjusting] = useState<Item | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [counts, setCounts] = useState<{ pending: number | null; needs_review: number | null }>({ pending: null, needs_review: null })
  const [dailyCap, setDailyCap] = useState<number | null>(null)

  const places = useMemo(() => (scope ? placesInReach(scope, divisions) : []), [scope, divisions])
  const townships = useMemo(() => places.flatMap((c) => c.townships.map((t) => ({ ...t, countyName: c.name }))), [places])
  const many = !!scope && !scope.single
  const where = townshipCode ? { townshipCode } : {}

  const today = ymd(new Date().toISOString())
  const search = { ...(name ? { name } : {}), ...(date ? { date } : {}) }
  const searching = !!name || !!date
  const key = `${status}|${flaggedOnly}|${townshipCode}|${name}|${date}`
  const list = usePaged<Item>((page, pageSize) => call('service.queue', { status, flaggedOnly, page, pageSize, ...where, ...search }), key, !!scope, PAGE_SIZE)

  // A pause in typing searches; clearing shows everything again at once.
  useEffect(() => {
    const next = typedName.trim()
    const t = setTimeout(() => setName(next), next ? 400 : 0)
    return () => clearTimeout(t)
  }, [typedName])

  const loadCounts = async () => {
    const [p, r] = await Promise.allSettled([call('service.queue', { status: 'pending', pageSize: 1, ...where }), call('service.queue', { status: 'needs_review', pageSize: 1, ...where })])
    setCounts({ pending: p.status === 'fulfilled' ? p.value.total : null, needs_review: r.status === 'fulfilled' ? r.value.total : null })
  }

  useEffect(() => {
    if (scope) void loadCounts()
  }, [scope, townshipCode])

  useEffect(() => {
    if (!scope) return
    call('settings.get', {})
      .then((s) => setDailyCap(s.dailyCapMinutes))
      .catch(() => undefined)
  }, [scope])

  // A new tab or filter starts a new selection.
  useEffect(() => setSelected([]), [key])

  // The list refreshes itself on a pull (usePaged); the tab counts too, or the scope after a failure.
  usePullDownRefresh(() => {
    if (scope) void loadCounts()
    else void reloadScope(true)
  })

  const selecting = status === 'pending' || status === 'needs_review'
  const byId = useMemo(() => new Map(list.items.map((s) => [s.id, s])), [list.items])
  const selectable = list.items.slice(0, BATCH_MAX)
  const allSelected = selectable.length > 0 && selectable.every((s) => selected.includes(s.id))

  const toggle = (id: string) => {
    setSelected((sel) => {
      if (sel.includes(id)) return sel.filter((x) => x !== id)
      if (sel.length >= BATCH_MAX) {
        void Taro.showToast({ title: `一次最多处理 ${BATCH_MAX} 条`, icon: 'none' })
        return sel
      }
      return [...sel, id]
    })
  }
  const toggleAll = () => {
    if (allSelected) {
      setSelected([])
      return
    }
    setSelected(selectable.map((s) => s.id))
    if (list.items.length > BATCH_MAX) void Taro.showToast({ title: `已选前 ${BATCH_MAX} 条（一次最多 ${BATCH_MAX} 条）`, icon: 'none' })
  }

  const afterChange = async () => {
    markChanged('township-home')
    await Promise.all([list.reload(true), loadCounts()])
  }

  const finish = async (decision: 'approve' | 'reject', ids: string[], res: OutputOf<'service.decide'>) => {
    const verb = decision === 'approve' ? '通过' : '驳回'
    if (res.skipped.length === 0) {
      void Taro.showToast({ title: `已${verb} ${res.decided} 条`, icon: 'success' })
    } else {
      setOutcome({
        title: res.decided > 0 ? `已${verb} ${res.decided} 条，${res.skipped.length} 条未处理` : `${res.skipped.length} 条未能${verb}`,
        rows: res.skipped.map((k) => ({ name: byId.get(k.id)?.volunteerName ?? '记录', message: k.message })),
      })
    }
    setSelected((sel) => sel.filter((id) => !ids.includes(id)))
    await afterChange()
  }

  const approve = async () => {
    if (selected.length === 0 || busy) return
    const ids = [...selected]
    const warned = ids.filter((id) => byId.get(id)?.flags.some(isWarning)).length
    const { confirm } = await Taro.showModal({
      title: '批量通过',
      content: `确认通过所选 ${ids.length} 条服务记录？${warned > 0 ? `其中 ${warned} 条有异常提示，请确认已核实。` : ''}通过后时长计入志愿者的服务时长，志愿者会收到通知。`,
      confirmText: '通过',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('approve')
    try {
      await finish('approve', ids, await call('service.decide', { ids, decision: 'approve' }))
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy('')
    }
  }

  const reject = async (reason: string) => {
    const ids = [...selected]
    setBusy('reject')
    try {
      const res = await call('service.decide', { ids, decision: 'reject', reason })
      setRejecting(false)
      await finish('reject', ids, res)
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      throw err
    } finally {
      setBusy('')
    }
  }

  const adjusted = async (item: Item) => {
    setAdjusting(null)
    void Taro.showToast({ title: `已调整为 ${duration(item.adjustedMinutes ?? item.minutes)}`, icon: 'none' })
    setSelected((sel) => sel.filter((id) => id !== item.id))
    await afterChange()
  }

  const showBar = selecting && list.status === 'ready' && list.items.length > 0

  const townshipName = townships.find((t) => t.code === townshipCode)?.name
  const empty = EMPTY[status]

  return (
    <View className={`panel-page queue ${showBar ? 'panel-page--with-bar' : ''}`}>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {TABS.map((t) => {
                const count = t.value === 'pending' || t.value === 'needs_review' ? counts[t.value] : null
                return (
                  <View key={t.value} className={`panel-tabs__item queue__tab queue__tab--${t.value} ${status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setStatus(t.value)}>
                    <Text>{t.label}</Text>
                    {count !== null && count > 0 && <Text className='panel-tabs__count'>{count > 99 ? '99+' : count}</Text>}
                  </View>
                )
              })}
            </View>
            <View className='panel-filters queue__filters'>
              <View className={`panel-chip queue__flagged ${flaggedOnly ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setFlaggedOnly((v) => !v)}>
                <Text className='queue__flagged-box'>{flaggedOnly ? '✓' : ''}</Text>
                <Text className='panel-chip__text'>只看有异常</Text>
              </View>
              {many && (
                <View className={`panel-chip ${townshipCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet(true)}>
                  <Text className='panel-chip__text'>{townshipName ?? '全部镇街'}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
            </View>
            <View className='queue__search'>
              <View className='queue__name'>
                <Input className='queue__name-input' value={typedName} placeholder='搜索志愿者姓名' maxlength={20} confirmType='search' onInput={(e) => setTypedName(e.detail.value)} />
                {typedName && (
                  <Text className='queue__clear' onClick={() => setTypedName('')}>
                    ✕
                  </Text>
                )}
              </View>
              <Picker mode='date' value={date || today} start={EARLIEST_DAY} end={today} onChange={(e) => setDate(e.detail.value)}>
                <View className={`panel-chip queue__date ${date ? 'panel-chip--on' : ''}`}>
                  <Text className='panel-chip__text'>{date ? monthDay(date) : '服务日期'}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              </Picker>
              {date && (
                <Text className='queue__clear queue__clear-date' onClick={() => setDate('')}>
                  清除日期
                </Text>
              )}
            </View>
          </View>

          {list.status === 'ready' && list.total > 0 && (
            <View className='panel-summary'>
              <Text>
                共 {list.total} 条{flaggedOnly ? '有异常的' : ''}
                {SESSION_STATUS_LABELS[status]}记录，{selecting ? '按签到时间先后排列' : '最近的在前'}
              </Text>
            </View>
          )}
        </>
      )}

      <PageStates gate={state} state={listState(list)} retry={() => void (scope ? list.reload() : reloadScope(true))} denied={staffDenied(state)}>
        {(items) =>
          items.length === 0 ? (
            <StateView
              tone='muted'
              className='queue__empty'
              title={searching ? `没有找到符合条件的${SESSION_STATUS_LABELS[status]}记录` : flaggedOnly ? `没有有异常的${SESSION_STATUS_LABELS[status]}记录` : empty.title}
              desc={searching ? `${name ? `姓名含「${name}」` : ''}${name && date ? '，' : ''}${date ? `${monthDay(date)}开始的服务` : ''}` : flaggedOnly ? '关闭「只看有异常」可查看全部记录' : empty.description}
              action={
                searching
                  ? {
                      text: '清除搜索',
                      onClick: () => {
                        setTypedName('')
                        setDate('')
                      },
                    }
                  : flaggedOnly
                    ? { text: '查看全部', onClick: () => setFlaggedOnly(false) }
                    : undefined
              }
            />
          ) : (
            <View className='panel-list'>
              {items.map((s) => (
                <SessionCard
                  key={s.id}
                  item={s}
                  selecting={selecting}
                  selected={selected.includes(s.id)}
                  dailyCap={dailyCap}
                  onToggle={() => toggle(s.id)}
                  onAdjust={() => setAdjusting(s)}
                />
              ))}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>

      {showBar && (
        <View className='panel-bar queue__bar'>
          <View className='queue__all' onClick={toggleAll}>
            <Tick on={allSelected} />
            <Text className='queue__all-text'>全选</Text>
          </View>
          <View className='panel-bar__info'>
            <Text className='queue__count'>
              已选 <Text className='queue__count-num'>{selected.length}</Text> 条
            </Text>
            <Text className='panel-bar__hint'>一次最多 {BATCH_MAX} 条</Text>
          </View>
          <View className='panel-bar__buttons'>
            <Button className='panel-bar__btn queue__reject' kind='outline' disabled={selected.length === 0 || !!busy} busy={busy === 'reject'} onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button className='panel-bar__btn queue__approve' disabled={selected.length === 0 || !!busy} busy={busy === 'approve'} onClick={() => void approve()}>
              通过
            </Button>
          </View>
        </View>
      )}

      <OptionSheet
        visible={sheet}
        title='按镇街查看'
        options={[{ value: '', label: '全部镇街' }, ...townships.map((t) => ({ value: t.code, label: t.name, hint: t.countyName }))]}
        value={townshipCode}
        onSelect={setTownshipCode}
        onClose={() => setSheet(false)}
      />

      <NoteDialog confirmText='确认驳回' required maxLength={200}
        visible={rejecting}
        title={`驳回 ${selected.length} 条服务记录`}
        message='驳回后这些时长不计入志愿者的服务时长；志愿者会收到通知和你填写的理由，可以提出申诉。'
        placeholder='例如：当天驿站未开放，无法核实到岗情况'
        onConfirm={reject}
        onClose={() => setRejecting(false)}
      />

      <AdjustDialog item={adjusting} dailyCap={dailyCap} onDone={adjusted} onClose={() => setAdjusting(null)} />

      <Dialog className='queue__outcome' visible={!!outcome} title={outcome?.title ?? ''} confirmText='知道了' cancelText='' onConfirm={() => setOutcome(null)} onCancel={() => setOutcome(null)}>
        <View className='queue__outcome-list'>
          {outcome?.rows.map((r, i) => (
            <View key={i} className='queue__outcome-row'>
              <Text className='queue__outcome-name'>{r.name}</Text>
              <Text className='queue__outcome-msg'>{r.message}</Text>
            </View>
          ))}
        </View>
      </Dialog>
    </View>
  )
}

function SessionCard({ item: s, selecting, selected, dailyCap, onToggle, onAdjust }: { item: Item; selecting: boolean; selected: boolean; dailyCap: number | null; onToggle: () => void; onAdjust: () => void }) {
  const date = ymd(s.checkInAt)
  const outDate = s.checkOutAt ? ymd(s.checkOutAt) : ''
  const split = s.days.length > 1
  const noteLabel = s.flags.includes('appeal') ? '申诉理由' : s.source === 'makeup' ? '补签原因' : '备注'
  const reasonLabel = s.status === 'rejected' ? '驳回理由' : s.adjustedMinutes !== null ? '调整理由' : '审核说明'
  const overCap = dailyCap !== null && s.days.some((d) => d.minutes > dailyCap)
  const makeup = s.source === 'makeup'
  // Closed by the timer at the end of the check-in day (midnight): shown as that day's 24:00.
  const byTimer = s.flags.includes('closed_by_timer') && !!s.checkOutAt && clock(s.checkOutAt, '—') === '00:00' && outDate !== date
  return (
    <View className={`panel-card session-card ${selected ? 'panel-card--selected' : ''}`} onClick={selecting ? onToggle : undefined}>
      <View className='session-card__head'>
        {selecting && (
          <View className='session-card__check'>
            <Tick on={selected} />
          </View>
        )}
        <Text className='session-card__name'>{s.volunteerName}</Text>
        <View className='session-card__right'>
          <Text className='session-card__date'>{monthDay(date)}</Text>
        </View>
      </View>
      <Text className='session-card__station'>
        {s.stationName}
        <Text className='session-card__township'> · {s.townshipName}</Text>
      </Text>

      <View className='session-card__times'>
        <View className='session-card__time'>
          <Text className='session-card__time-label'>{makeup ? '开始' : '签到'}</Text>
          <Text className='session-card__time-value'>{clock(s.checkInAt, '—')}</Text>
        </View>
        <Text className='session-card__arrow'>→</Text>
        <View className='session-card__time'>
          <Text className='session-card__time-label'>{makeup ? '结束' : '签退'}</Text>
          <Text className='session-card__time-value'>{byTimer ? '24:00' : s.checkOutAt ? clock(s.checkOutAt, '—') : '—'}</Text>
          {(byTimer || !s.checkOutAt || outDate !== date) && <Text className='session-card__time-date'>{byTimer || !s.checkOutAt ? '未签退' : monthDay(outDate)}</Text>}
        </View>
        <View className='session-card__total'>
          <Text className={`session-card__minutes ${s.adjustedMinutes !== null ? 'session-card__minutes--struck' : ''}`}>{duration(s.minutes)}</Text>
          {s.adjustedMinutes !== null ? <Text className='session-card__credited'>计入 {duration(s.adjustedMinutes)}</Text> : <Text className='session-card__time-label'>服务时长</Text>}
        </View>
      </View>

      {(split || overCap) && (
        <View className='session-card__days'>
          {split && <Text className='session-card__days-title'>跨天记录，按日拆分：</Text>}
          {s.days.map((d) => (
            <Text key={d.date} className='session-card__day'>
              {monthDay(d.date)} {duration(d.minutes)}
              {dailyCap !== null && d.minutes > dailyCap ? `（超出每日上限 ${duration(dailyCap)}，超出部分不计）` : ''}
            </Text>
          ))}
        </View>
      )}

      {s.flags.length > 0 && (
        <View className='session-card__flags'>
          {s.flags.map((f) => (
            <Tag key={f} tone={FLAG_TONE[f]} className={`session-card__flag session-card__flag--${f}`}>
              {FLAG_LABELS[f]}
            </Tag>
          ))}
        </View>
      )}

      {s.note && (
        <View className='session-card__note'>
          <Text className='session-card__note-label'>{noteLabel}：</Text>
          <Text>{s.note}</Text>
        </View>
      )}
      {s.decisionReason && (
        <View className={`session-card__reason session-card__reason--${s.status}`}>
          <Text className='session-card__note-label'>{reasonLabel}：</Text>
          <Text>{s.decisionReason}</Text>
        </View>
      )}

      <View className='session-card__foot'>
        <Text className='session-card__meta'>
          {SESSION_SOURCE_LABELS[s.source]}
          {s.reviewedAt ? ` · 审核于 ${dateTime(s.reviewedAt, '—')}` : ''}
        </Text>
        <View
          className='session-card__adjust'
          hoverClass='session-card__adjust--pressed'
          onClick={(e) => {
            e.stopPropagation()
            onAdjust()
          }}
        >
          <Text>{s.status === 'rejected' ? '调整并通过' : '调整时长'}</Text>
        </View>
      </View>
    </View>
  )
}

/** 调整时长: the credited minutes and why; the record then counts as approved with them. */
function AdjustDialog({ item, dailyCap, onDone, onClose }: { item: Item | null; dailyCap: number | null; onDone: (item: Item) => Promise<void>; onClose: () => void }) {
  const [minutes, setMinutes] = useState('')
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<{ field: 'minutes' | 'reason'; message: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (item) {
      setMinutes(String(item.adjustedMinutes ?? item.minutes))
      setReason('')
      setProblem(null)
      setBusy(false)
    }
  }, [item])

  const value = minutes.trim() === '' ? NaN : Number(minutes)
  const max = item?.maxCreditMinutes ?? 0
  /** What is wrong with the minutes typed, by the functions' own rule ('' when nothing). */
  const minutesProblem =
    minutes.trim() === '' ? '请填写计入时长' : !Number.isInteger(value) ? '请填写整数分钟' : value < 1 ? ZERO_CREDIT_MESSAGE : item && value > max ? (max < MAX_RECORD_MINUTES ? overSpanMessage(item.minutes) : '时长不能超过 24 小时') : ''
  const valid = minutesProblem === ''
  // Typing is checked as it goes: a figure beyond the record is said at once, not after 确认.
  const shownProblem = problem ?? (minutes.trim() !== '' && !valid ? { field: 'minutes' as const, message: minutesProblem } : null)

  const confirm = async () => {
    if (!item) return
    if (!valid) {
      setProblem({ field: 'minutes', message: minutesProblem })
      return
    }
    if (reason.trim().length < 2) {
      setProblem({ field: 'reason', message: '请填写调整理由（至少 2 个字）' })
      return
    }
    setBusy(true)
    try {
      const updated = await call('service.adjust', { id: item.id, minutes: value, reason: reason.trim() })
      await onDone(updated)
    } catch (err) {
      if (err instanceof CallError && (err.field === 'minutes' || err.field === 'reason')) setProblem({ field: err.field, message: err.message })
      else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  // Only figures the caller may credit: the record as it is, the daily cap below it, round hours within it.
  const presets = item ? [...new Set([item.minutes, ...(dailyCap !== null && item.minutes > dailyCap ? [dailyCap] : []), 30, 60, 120].filter((m) => m >= 1 && m <= max))] : []

  return (
    <Dialog className='adjust' visible={!!item} title='调整计入时长' confirmText='确认调整' busy={busy} onConfirm={() => void confirm()} onCancel={onClose}>
      {item && (
        <View className='adjust__body'>
          <View className='adjust__facts'>
            <Text className='adjust__who'>
              {item.volunteerName} · {monthDay(ymd(item.checkInAt))}
            </Text>
            <Text className='adjust__where'>{item.stationName}</Text>
            <Text className='adjust__recorded'>
              记录时长 {duration(item.minutes)}
              {item.checkOutAt ? `（${clock(item.checkInAt, '—')}–${clock(item.checkOutAt, '—')}）` : ''}
              {item.adjustedMinutes !== null ? `，当前计入 ${duration(item.adjustedMinutes)}` : ''}
            </Text>
            <Text className='adjust__limit'>
              {max < MAX_RECORD_MINUTES ? `最多计入 ${duration(max)}（记录时长）；确需多计的由县级团委调整。不予认定请用「驳回」。` : '县级及以上可按核实情况多计，最多 24 小时；不予认定请用「驳回」。'}
            </Text>
          </View>
          <Text className='adjust__label'>计入时长（分钟）</Text>
          <View className={`adjust__input ${shownProblem?.field === 'minutes' ? 'adjust__input--error' : ''}`}>
            <Input
              className='adjust__minutes'
              type='number'
              value={minutes}
              maxlength={4}
              placeholder='例如 90'
              onInput={(e) => {
                setMinutes(e.detail.value.replace(/\D/g, ''))
                if (problem?.field === 'minutes') setProblem(null)
              }}
            />
            <Text className='adjust__equals'>{valid ? `= ${duration(value)}` : '分钟'}</Text>
          </View>
          <View className='adjust__presets'>
            {presets.map((m) => (
              <View key={m} className={`adjust__preset ${String(m) === minutes ? 'adjust__preset--on' : ''}`} onClick={() => setMinutes(String(m))}>
                <Text>{m === item.minutes ? `按记录 ${duration(m)}` : m === dailyCap ? `每日上限 ${duration(m)}` : duration(m)}</Text>
              </View>
            ))}
          </View>
          <Text className='adjust__label'>调整理由</Text>
          <Textarea
            className={`ui-dialog__input adjust__reason ${shownProblem?.field === 'reason' ? 'ui-dialog__input--error' : ''}`}
            value={reason}
            placeholder='例如：签退定位偏差，按驿站登记的实际服务时间计入'
            placeholderClass='ui-dialog__placeholder'
            maxlength={200}
            fixed
            onInput={(e) => {
              const v = e.detail.value
              setReason(v)
              if (problem?.field === 'reason' && v.trim().length >= 2) setProblem(null)
            }}
          />
          <Text className='ui-dialog__count adjust__count'>{reason.length}/200</Text>
          {shownProblem && <Text className='adjust__error'>{shownProblem.message}</Text>}
          <Text className='adjust__note'>
            调整后该记录记为「已通过」，按{valid ? ` ${duration(value)} ` : '填写的时长'}计入{dailyCap !== null ? `（每日最多计入 ${duration(dailyCap)}）` : ''}；志愿者会收到通知，调整会记录操作人和理由。
          </Text>
        </View>
      )}
    </Dialog>
  )
}
