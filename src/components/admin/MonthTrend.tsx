// The dashboard's month trend: hours per month beside the same days a year earlier, a pair of
// columns a month drawn on the kit's canvas (ui/canvas.tsx), or on request a table.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { hoursText, trendColumns } from '@/components/admin/dashboard-figures'
import { ChartHead } from '@/components/admin/dashboard-parts'
import { CanvasSurface, useCanvasDrawing, type Surface2D } from '@/components/ui/canvas'
import './trend.scss'

type Month = { month: string; minutes: number; lastYear: number }

/** The columns' colours (trend.scss's legend keys are the same). */
const NOW_COLOUR = '#e4502f'
const LAST_COLOUR = '#d8d0c6'

/** The trend drawn on the canvas: a pair of columns a month (this period, a year earlier), the months under them. */
function paintTrend({ ctx, width, height, ratio }: Surface2D, months: readonly Month[]): void {
  const top = 6
  const bottom = 20
  const plot = height - top - bottom
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width * ratio, height * ratio)
  ctx.strokeStyle = '#ebe6e0'
  ctx.lineWidth = ratio
  ctx.beginPath()
  ctx.moveTo(0, (top + plot) * ratio)
  ctx.lineTo(width * ratio, (top + plot) * ratio)
  ctx.stroke()
  ctx.font = `${10 * ratio}px sans-serif`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const c of trendColumns(months, width, plot)) {
    ctx.fillStyle = NOW_COLOUR
    ctx.fillRect((c.x - c.width - 1) * ratio, (top + plot - c.now) * ratio, c.width * ratio, c.now * ratio)
    ctx.fillStyle = LAST_COLOUR
    ctx.fillRect((c.x + 1) * ratio, (top + plot - c.last) * ratio, c.width * ratio, c.last * ratio)
    ctx.fillStyle = '#8a8178'
    ctx.fillText(c.label, c.x * ratio, (top + plot + 5) * ratio)
  }
}

let trends = 0

/** Hours per month beside the same days a year earlier: columns on a canvas or, on request, a table. */
export function MonthTrend({ title, months }: { title: string; months: readonly Month[] }) {
  const [table, setTable] = useState(false)
  const [id] = useState(() => `dash-trend-${++trends}`)
  const empty = months.every((m) => m.minutes === 0 && m.lastYear === 0)
  useCanvasDrawing(id, table || empty ? '' : JSON.stringify(months), (s) => paintTrend(s, months))
  return (
    <View className='dash-bars dash-trend'>
      <ChartHead title={title} table={table} setTable={setTable} />
      {empty ? (
        <Text className='dash-bars__empty'>期间内没有数据</Text>
      ) : table ? (
        <View className='dash-table'>
          {months.map((m) => (
            <View key={m.month} className='dash-table__row' data-key={m.month}>
              <Text className='dash-table__name'>{`${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月`}</Text>
              <Text className='dash-table__value'>{`${hoursText(m.minutes)} 小时`}</Text>
              <Text className='dash-table__sub'>{`去年同期 ${hoursText(m.lastYear)} 小时`}</Text>
            </View>
          ))}
        </View>
      ) : (
        <>
          <View className='dash-trend__legend'>
            <View className='dash-trend__key dash-trend__key--now' />
            <Text className='dash-trend__name'>本期</Text>
            <View className='dash-trend__key dash-trend__key--last' />
            <Text className='dash-trend__name'>去年同期</Text>
          </View>
          <CanvasSurface id={id} className='dash-trend__canvas' />
        </>
      )}
    </View>
  )
}
