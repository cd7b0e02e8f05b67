// The queue's top: the status tabs (the open ones counted), 只看有异常, the township (for staff who
// reach more than one), and the search by name and day served.
import { Input, Picker, Text, View } from '@tarojs/components'
import { monthDay, ymd } from '@/components/ui/format'
import { EARLIEST_DAY, isOpen, TABS } from './rules'
import type { QueueList } from './use-queue'

import './top.scss'

export function QueueTop({ q, townshipName, many, onPickTownship }: { q: QueueList; townshipName?: string; many: boolean; onPickTownship: () => void }) {
  const today = ymd(new Date().toISOString())
  return (
    <View className='panel-top'>
      <View className='panel-tabs'>
        {TABS.map((t) => {
          const count = isOpen(t.value) ? q.counts[t.value] : null
          return (
            <View key={t.value} className={`panel-tabs__item queue__tab queue__tab--${t.value} ${q.status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => q.setStatus(t.value)}>
              <Text>{t.label}</Text>
              {count !== null && count > 0 && <Text className='panel-tabs__count'>{count > 99 ? '99+' : count}</Text>}
            </View>
          )
        })}
      </View>
      <View className='panel-filters queue__filters'>
        <View className={`panel-chip queue__flagged ${q.flaggedOnly ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => q.setFlaggedOnly((v) => !v)}>
          <Text className='queue__flagged-box'>{q.flaggedOnly ? '✓' : ''}</Text>
          <Text className='panel-chip__text'>只看有异常</Text>
        </View>
        {many && (
          <View className={`panel-chip ${q.townshipCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={onPickTownship}>
            <Text className='panel-chip__text'>{townshipName ?? '全部镇街'}</Text>
            <Text className='panel-chip__arrow'>▼</Text>
          </View>
        )}
      </View>
      <View className='queue__search'>
        <View className='queue__name'>
          <Input className='queue__name-input' value={q.typedName} placeholder='搜索志愿者姓名' maxlength={20} confirmType='search' onInput={(e) => q.setTypedName(e.detail.value)} />
          {q.typedName && (
            <Text className='queue__clear' onClick={() => q.setTypedName('')}>
              ✕
            </Text>
          )}
        </View>
        <Picker mode='date' value={q.date || today} start={EARLIEST_DAY} end={today} onChange={(e) => q.setDate(e.detail.value)}>
          <View className={`panel-chip queue__date ${q.date ? 'panel-chip--on' : ''}`}>
            <Text className='panel-chip__text'>{q.date ? monthDay(q.date) : '服务日期'}</Text>
            <Text className='panel-chip__arrow'>▼</Text>
          </View>
        </Picker>
        {q.date && (
          <Text className='queue__clear queue__clear-date' onClick={() => q.setDate('')}>
            清除日期
          </Text>
        )}
      </View>
    </View>
  )
}
