// One service record in the queue: who, where, the times and the credited duration (split by day
// when it spans midnight, with what lies beyond the daily cap), its flags, the volunteer's note and
// the decision's reason; ticked for a batch on an open tab; 调整时长 at its foot.
import { Text, View } from '@tarojs/components'
import { FLAG_LABELS, SESSION_SOURCE_LABELS } from '@contract/vocabulary'
import { Tag } from '@/components/ui/Tag'
import { Tick } from '@/components/ui/Tick'
import { clock, dateTime, duration, monthDay, ymd } from '@/components/ui/format'
import { FLAG_TONE, type Item } from './rules'

import './session-card.scss'

export function SessionCard({ item: s, selecting, selected, dailyCap, onToggle, onAdjust }: { item: Item; selecting: boolean; selected: boolean; dailyCap: number | null; onToggle: () => void; onAdjust: () => void }) {
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
