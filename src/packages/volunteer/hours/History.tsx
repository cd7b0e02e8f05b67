// The service records: one record (with the way to appeal it), the record a notice opened on, the
// list by status a page at a time, and the way to a make-up.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { SessionStatus } from '@contract/vocabulary'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { clock, dayLabel, duration, ymd } from '@/components/ui/format'
import type { PagedList } from '@/components/ui/paged'
import { ROUTES } from '@/constants/routes'
import { FlagList, StatusTag } from '../shared/ui'
import type { SessionView } from '../shared/volunteer'

import './records.scss'

export const FILTERS: { value: SessionStatus | ''; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'needs_review', label: '待核实' },
]

const canAppeal = (s: SessionView) => s.status === 'rejected' || (s.status === 'approved' && s.adjustedMinutes !== null)

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

/** The record a notice opened the page on, above the rest. */
export function FocusedRecord({ record, onClose, onAppeal }: { record: SessionView; onClose: () => void; onAppeal: (s: SessionView) => void }) {
  return (
    <View className='vol-card hrs-focus'>
      <View className='vol-card__head'>
        <Text className='vol-card__title'>消息中的记录</Text>
        <Text className='hrs-focus__close' onClick={onClose}>
          收起
        </Text>
      </View>
      <Record s={record} onAppeal={onAppeal} />
    </View>
  )
}

export function History({ history, filter, onFilter, onAppeal }: { history: PagedList<SessionView>; filter: SessionStatus | ''; onFilter: (f: SessionStatus | '') => void; onAppeal: (s: SessionView) => void }) {
  return (
    <View className='vol-card hrs-history'>
      <View className='vol-card__head'>
        <Text className='vol-card__title'>服务记录</Text>
        <Text className='vol-card__extra'>{history.status === 'ready' ? `共 ${history.total} 条` : ''}</Text>
      </View>
      <View className='hrs-filters'>
        {FILTERS.map((f) => (
          <Text key={f.value || 'all'} className={`hrs-filter${filter === f.value ? ' hrs-filter--on' : ''}`} data-filter={f.value || 'all'} onClick={() => onFilter(f.value)}>
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
            <Record key={s.id} s={s} onAppeal={onAppeal} />
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
  )
}

export function MakeupLink() {
  return (
    <View className='hrs-makeup' hoverClass='hrs-makeup--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.makeup })}>
      <Text className='hrs-makeup__text'>忘记签到或签退？申请补签</Text>
      <Text className='hrs-makeup__arrow'>›</Text>
    </View>
  )
}
