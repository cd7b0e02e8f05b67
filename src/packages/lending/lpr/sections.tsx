// The LPR table's parts: the rates in force (with the subsidy rule), and the table by effective date.
import { Text, View } from '@tarojs/components'
import type { LprRow } from '@contract/loan'
import { percent } from '@/components/loan/format'
import { Tag } from '@/components/ui/Tag'

export function LprIntro({ current, spread }: { current: LprRow | undefined; spread: string }) {
  return (
    <View className='lpr__intro'>
      <Text className='lpr__intro-title'>贷款市场报价利率（LPR）</Text>
      <Text className='lpr__intro-text'>贴息利率 = min（执行利率，放款日适用的 {spread}）。期限 5 年以内的贷款用 1 年期，5 年以上用 5 年期以上。以后调整 LPR 不影响已放款的贷款。</Text>
      {current && (
        <View className='lpr__now'>
          <View className='lpr__now-item'>
            <Text className='lpr__now-num'>{percent(current.oneYearBp)}</Text>
            <Text className='lpr__now-label'>现行 1 年期</Text>
          </View>
          <View className='lpr__now-item'>
            <Text className='lpr__now-num'>{percent(current.fiveYearBp)}</Text>
            <Text className='lpr__now-label'>现行 5 年期以上</Text>
          </View>
          <View className='lpr__now-item'>
            <Text className='lpr__now-num lpr__now-num--date'>{current.effectiveDate}</Text>
            <Text className='lpr__now-label'>起执行</Text>
          </View>
        </View>
      )}
    </View>
  )
}

export function LprTable({ rows, current, todayYmd, onOpen }: { rows: LprRow[]; current: LprRow | undefined; todayYmd: string; onOpen: (row: LprRow) => void }) {
  return (
    <View className='lpr__table'>
      <View className='lpr__row lpr__row--head'>
        <Text className='lpr__cell lpr__cell--date'>生效日期</Text>
        <Text className='lpr__cell'>1 年期</Text>
        <Text className='lpr__cell'>5 年期以上</Text>
      </View>
      {rows.map((r) => (
        <View key={r.effectiveDate} className={`lpr__row${r === current ? ' lpr__row--current' : ''}`} hoverClass='ln-pressed' data-date={r.effectiveDate} onClick={() => onOpen(r)}>
          <View className='lpr__cell lpr__cell--date'>
            <Text>{r.effectiveDate}</Text>
            {r === current && (
              <Tag tone='green' className='lpr__badge'>
                现行
              </Tag>
            )}
            {r.effectiveDate > todayYmd && (
              <Tag tone='blue' className='lpr__badge'>
                待生效
              </Tag>
            )}
          </View>
          <Text className='lpr__cell lpr__num'>{percent(r.oneYearBp)}</Text>
          <Text className='lpr__cell lpr__num'>{percent(r.fiveYearBp)}</Text>
        </View>
      ))}
      <Text className='ln-hint lpr__hint'>共 {rows.length} 期。点一行可修改或删除。</Text>
    </View>
  )
}
