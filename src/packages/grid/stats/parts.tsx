// The statistics page's parts: the headline figures and a bar list drawn with Views.
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { duration } from '@/components/ui/format'

type Totals = OutputOf<'grid.stats'>['totals']

export function Figures({ t }: { t: Totals }) {
  const cells: { key: string; label: string; value: string; warn?: boolean }[] = [
    { key: 'reported', label: '上报', value: String(t.reported) },
    { key: 'open', label: '办理中', value: String(t.open) },
    { key: 'overdue', label: '已逾期', value: String(t.overdue), warn: t.overdue > 0 },
    { key: 'closed', label: '已办结', value: String(t.closed) },
    { key: 'late', label: '超时办结', value: String(t.closedLate), warn: t.closedLate > 0 },
    { key: 'declined', label: '不予受理', value: String(t.declined) },
  ]
  return (
    <View className='grid-stats__card'>
      <View className='grid-figures'>
        {cells.map((c) => (
          <View key={c.key} className={`grid-figures__cell grid-figures__cell--${c.key}`}>
            <Text className={`grid-figures__num${c.warn ? ' grid-figures__num--warn' : ''}`}>{c.value}</Text>
            <Text className='grid-figures__label'>{c.label}</Text>
          </View>
        ))}
      </View>
      <Text className='grid-figures__avg'>平均办结用时：{t.closed ? duration(t.avgCloseMinutes) : '暂无办结'}</Text>
    </View>
  )
}

export function Bars({ rows, tone = 'brand' }: { rows: { key: string; label: string; value: number; note: string }[]; tone?: 'brand' | 'green' }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  // Every row keeps the note's column when one has a note, so the bars share one length.
  const withNotes = rows.some((r) => r.note)
  return (
    <View className='grid-bars'>
      {rows.map((r) => (
        <View key={r.key} className='grid-bars__row' data-bar={r.key}>
          <Text className='grid-bars__label'>{r.label}</Text>
          <View className='grid-bars__track'>
            <View className={`grid-bars__fill grid-bars__fill--${tone}`} style={{ width: `${Math.round((r.value / max) * 100)}%` }} />
          </View>
          <Text className='grid-bars__value'>{r.value}</Text>
          {withNotes ? <Text className='grid-bars__note'>{r.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
