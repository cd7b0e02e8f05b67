// The 工作看板's parts (shared with 培训与大赛统计): the period chips and the custom period's dates,
// the crumbs of the places drilled into, the one-page summary, cards, headline figures beside last
// year's, and rows drawn as bars or a table.
import { useState, type ReactNode } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { summaryParagraphs } from '@contract/dashboard-summary'
import { barWidths, changeText, changeTone, countText, hoursText, periodProblems, type PeriodKey } from '@/components/admin/dashboard-figures'
import { startName, type PlaceTrailState, type ReportPeriod } from '@/components/admin/use-report-view'
import type { StaffScope } from '@/components/township/shared'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { today } from '@/components/ui/format'
import { wan } from '@/components/loan/format'
import './dashboard.scss'

type Overview = OutputOf<'dashboard.overview'>
type Figure = { current: number; lastYear: number }

const PERIODS: { key: PeriodKey | 'custom'; label: string }[] = [
  { key: 'month', label: '本月' },
  { key: 'year', label: '今年' },
  { key: 'last12', label: '近 12 个月' },
  { key: 'custom', label: '自定' },
]
/** The earliest day a custom period may start (the seeds' figures begin in 2020). */
const EARLIEST = '2019-01-01'

/** The period chips and, for 自定, the two dates with their problems (checked as the function checks them). */
export function PeriodChoice({ choice }: { choice: ReportPeriod }) {
  const { periodKey, setPeriodKey: onPeriod, picked, pick: onPick } = choice
  const problems = periodProblems(picked.from, picked.to)
  return (
    <>
      <View className='dash__periods'>
        {PERIODS.map((p) => (
          <View key={p.key} className={`dash__period dash__period--${p.key}${periodKey === p.key ? ' dash__period--on' : ''}`} onClick={() => onPeriod(p.key)}>
            <Text>{p.label}</Text>
          </View>
        ))}
      </View>
      {periodKey === 'custom' && (
        <View className='dash__custom'>
          <DateField label='开始日期' field='from' value={picked.from} start={EARLIEST} end={today()} error={problems.from} onChange={(from) => onPick({ ...picked, from })} />
          <Text className='dash__custom-to'>至</Text>
          <DateField label='结束日期' field='to' value={picked.to} start={EARLIEST} end={today()} error={problems.to} onChange={(to) => onPick({ ...picked, to })} />
        </View>
      )}
    </>
  )
}

/**
 * The crumbs of the places drilled into (the first: where the caller starts, named `first` or after
 * their scope), 选县区 / 选镇街 while there is a level below, and the sheet to choose from it.
 */
export function PlaceTrail({ place, staff, first }: { place: PlaceTrailState; staff: StaffScope; first?: string }) {
  const { trail, back, below, belowLevel, drill, choosing, setChoosing } = place
  return (
    <>
      <View className='dash__trail'>
        <Text className={`dash__crumb${trail.length === 0 ? ' dash__crumb--on' : ''}`} onClick={() => back(0)}>
          {first ?? startName(staff)}
        </Text>
        {trail.map((t, i) => (
          <Text key={t.name} className={`dash__crumb${i === trail.length - 1 ? ' dash__crumb--on' : ''}`} onClick={() => back(i + 1)}>
            › {t.name}
          </Text>
        ))}
        {below.length > 0 && (
          <Text className='dash__down' onClick={() => setChoosing(true)}>
            {belowLevel === 'county' ? '选县区' : '选镇街'} ▾
          </Text>
        )}
      </View>
      <OptionSheet
        visible={choosing}
        title={belowLevel === 'county' ? '县（市、区）' : '镇街'}
        options={below}
        value=''
        onSelect={(code) => {
          const one = below.find((b) => b.value === code)
          if (one) drill({ level: belowLevel, code: one.value }, one.label)
        }}
        onClose={() => setChoosing(false)}
      />
    </>
  )
}

/** A day picked with the platform's date picker, its problem under it. */
export function DateField({ label, field, value, start, end, error, onChange }: { label: string; field: string; value: string; start: string; end: string; error?: string; onChange: (ymd: string) => void }) {
  return (
    <View className={`dash-date dash-date--${field}${error ? ' dash-date--error' : ''}`}>
      <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='dash-date__box'>
          <Text className='dash-date__label'>{label}</Text>
          <Text className='dash-date__value'>{value}</Text>
        </View>
      </Picker>
      {error ? <Text className='dash-date__error'>{error}</Text> : null}
    </View>
  )
}

/** The one-page summary as the league's reports word it, copied whole with a tap. */
export function Summary({ o }: { o: Overview }) {
  const [title, ...paragraphs] = summaryParagraphs(o)
  const copy = () =>
    Taro.setClipboardData({ data: [title, ...paragraphs].join('\n') }).then(
      // WeChat shows its own 「内容已复制」; the browser build says what was copied.
      () => void (process.env.TARO_ENV !== 'weapp' && Taro.showToast({ title: '摘要已复制', icon: 'none' })),
      () => void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' }),
    )
  return (
    <View className='dash-card dash-summary'>
      <View className='dash-card__head'>
        <Text className='dash-card__title'>工作摘要</Text>
        <Text className='dash-summary__copy' onClick={() => void copy()}>
          复制全文
        </Text>
      </View>
      <Text className='dash-summary__title' userSelect>
        {title}
      </Text>
      {paragraphs.map((p) => (
        <Text key={p.slice(0, 2)} className='dash-summary__para' userSelect>
          {p}
        </Text>
      ))}
    </View>
  )
}

export function Card({ title, note, children, className }: { title: string; note?: string; children: ReactNode; className?: string }) {
  return (
    <View className={`dash-card ${className ?? ''}`}>
      <View className='dash-card__head'>
        <Text className='dash-card__title'>{title}</Text>
        {note ? <Text className='dash-card__note'>{note}</Text> : null}
      </View>
      {children}
    </View>
  )
}

export function Figures({ children }: { children: ReactNode }) {
  return <View className='dash-figures'>{children}</View>
}

/** A headline figure and its change on the same period last year. */
export function Big({ label, value, f, sub, strong }: { label: string; value: string; f?: Figure; sub?: string; strong?: boolean }) {
  const change = f ? changeText(f.current, f.lastYear) : ''
  return (
    <View className='dash-figure'>
      <Text className={`dash-figure__value${strong ? ' dash-figure__value--strong' : ''}`}>{value}</Text>
      <Text className='dash-figure__label'>{label}</Text>
      {f ? (
        <Text className={`dash-figure__change dash-figure__change--${changeTone(f.current, f.lastYear)}`}>
          去年 {countOrAmount(label, f.lastYear)}
          {change ? ` · ${change}` : ''}
        </Text>
      ) : sub ? (
        <Text className='dash-figure__change'>{sub}</Text>
      ) : null}
    </View>
  )
}

/** Last year's figure in the unit of its label (hours, 万元 or a count). */
function countOrAmount(label: string, value: number): string {
  if (label.includes('万元')) return wan(value)
  if (['期间', '本年'].includes(label)) return hoursText(value)
  return countText(value)
}

export interface BarRow {
  key: string
  name: string
  value: number
  text: string
  sub?: string
}

/** A chart's title with its 图 / 表 switch. */
export function ChartHead({ title, table, setTable }: { title: string; table: boolean; setTable: (table: boolean) => void }) {
  return (
    <View className='dash-bars__head'>
      <Text className='dash-bars__title'>{title}</Text>
      <View className='dash-bars__switch'>
        <Text className={`dash-bars__mode${table ? '' : ' dash-bars__mode--on'}`} onClick={() => setTable(false)}>
          图
        </Text>
        <Text className={`dash-bars__mode${table ? ' dash-bars__mode--on' : ''}`} onClick={() => setTable(true)}>
          表
        </Text>
      </View>
    </View>
  )
}

/** Rows as bars or, on request, a table; a row that opens a place has an arrow. */
export function Bars({ title, rows, onRow }: { title: string; rows: BarRow[]; onRow?: (row: BarRow) => void }) {
  const [table, setTable] = useState(false)
  const widths = barWidths(rows.map((r) => r.value))
  return (
    <View className='dash-bars'>
      <ChartHead title={title} table={table} setTable={setTable} />
      {rows.length === 0 ? (
        <Text className='dash-bars__empty'>期间内没有数据</Text>
      ) : table ? (
        <View className='dash-table'>
          {rows.map((r) => (
            <View key={r.key} className='dash-table__row' onClick={onRow ? () => onRow(r) : undefined}>
              <Text className='dash-table__name'>{r.name}</Text>
              <Text className='dash-table__value'>{r.text}</Text>
              <Text className='dash-table__sub'>{r.sub ?? ''}</Text>
            </View>
          ))}
        </View>
      ) : (
        rows.map((r, i) => (
          <View key={r.key} className={`dash-bar${onRow ? ' dash-bar--link' : ''}`} data-key={r.key} onClick={onRow ? () => onRow(r) : undefined}>
            <View className='dash-bar__line'>
              <Text className='dash-bar__name'>{r.name}</Text>
              <Text className='dash-bar__value'>{r.text}</Text>
              {onRow ? <Text className='dash-bar__arrow'>›</Text> : null}
            </View>
            <View className='dash-bar__track'>
              <View className='dash-bar__fill' style={{ width: `${widths[i]}%` }} />
            </View>
            {r.sub ? <Text className='dash-bar__sub'>{r.sub}</Text> : null}
          </View>
        ))
      )}
    </View>
  )
}

