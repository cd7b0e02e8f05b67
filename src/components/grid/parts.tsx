// 志愿网格员: the parts the grid pages share — a matter's status tag (overdue in red), a row of a
// list, and the timeline of what happened to it. Labels from the zod-free rules.
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { GRID_CATEGORY_LABELS, GRID_STATUS_LABELS, GRID_URGENCY_LABELS, type GridStatus, type GridUrgency } from '@contract/grid-rules'
import { Tag, type TagTone } from '@/components/ui/Tag'
import { dateTime, friendlyTime } from '@/components/ui/format'

import './grid.scss'

export type GridRowView = OutputOf<'grid.queue'>['items'][number]
export type GridMatter = OutputOf<'grid.get'>

const STATUS_TONE: Record<GridStatus, TagTone> = { submitted: 'amber', accepted: 'blue', assigned: 'blue', closed: 'green', declined: 'grey' }
const URGENCY_TONE: Record<GridUrgency, TagTone> = { normal: 'grey', pressing: 'amber', urgent: 'red' }

export function GridStatusTag({ status, overdue }: { status: GridStatus; overdue: boolean }) {
  return (
    <View className='grid-tags'>
      <Tag tone={STATUS_TONE[status]}>{GRID_STATUS_LABELS[status]}</Tag>
      {overdue && (
        <Tag tone='red' solid className='grid-tags__overdue'>
          已逾期
        </Tag>
      )}
    </View>
  )
}

export function UrgencyTag({ urgency }: { urgency: GridUrgency }) {
  return <Tag tone={URGENCY_TONE[urgency]}>{GRID_URGENCY_LABELS[urgency]}</Tag>
}

/** One matter in a list: category and urgency, the text, where, when, and where it stands. */
export function GridRowCard({ row, showTownship, onClick }: { row: GridRowView; showTownship?: boolean; onClick: () => void }) {
  return (
    <View className={`grid-row${row.overdue ? ' grid-row--overdue' : ''}`} data-grid-id={row.id} hoverClass='grid-row--pressed' onClick={onClick}>
      <View className='grid-row__head'>
        <Text className='grid-row__category'>{GRID_CATEGORY_LABELS[row.category]}</Text>
        <UrgencyTag urgency={row.urgency} />
        <View className='grid-row__status'>
          <GridStatusTag status={row.status} overdue={row.overdue} />
        </View>
      </View>
      <Text className='grid-row__text'>{row.text}</Text>
      <View className='grid-row__foot'>
        <Text className='grid-row__place'>
          {showTownship ? `${row.townshipName} · ` : ''}
          {row.address}
        </Text>
        <Text className='grid-row__time'>
          {row.photos > 0 ? `${row.photos} 张照片 · ` : ''}
          {friendlyTime(row.createdAt)}
        </Text>
      </View>
    </View>
  )
}

/** What happened to a matter, oldest first, the latest marked. */
export function Timeline({ history }: { history: GridMatter['history'] }) {
  return (
    <View className='grid-timeline'>
      {history.map((h, i) => (
        <View key={`${h.at}-${i}`} className={`grid-timeline__item${i === history.length - 1 ? ' grid-timeline__item--last' : ''}`} data-status={h.status}>
          <View className='grid-timeline__dot' />
          <View className='grid-timeline__main'>
            <View className='grid-timeline__line'>
              <Text className='grid-timeline__status'>{GRID_STATUS_LABELS[h.status]}</Text>
              <Text className='grid-timeline__by'>{h.by}</Text>
            </View>
            {h.note ? <Text className='grid-timeline__note'>{h.note}</Text> : null}
            <Text className='grid-timeline__at'>{dateTime(h.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
