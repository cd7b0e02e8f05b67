// 网格事项统计: for the place the caller manages (a township's staff their township, a county's
// admins their county, the city league the city), over this month, this year or the last twelve
// months — reported, open, overdue, closed (late), declined and the average time to close; bars by
// category and by how long closing took; a row per township.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { GRID_CATEGORY_LABELS } from '@contract/grid-rules'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { addDays, duration, today } from '@/components/ui/format'
import { call } from '@/services/cloud'
import { Bars, Figures } from './parts'

import './index.scss'

const PERIODS = [
  { key: 'month', label: '本月', from: () => `${today().slice(0, 8)}01` },
  { key: 'year', label: '本年', from: () => `${today().slice(0, 4)}-01-01` },
  { key: 'twelve', label: '近 12 个月', from: () => addDays(today(), -364) },
] as const

export default function GridStatsPage() {
  const { state: gate, reload: reloadGate } = useStaffScope()
  const [period, setPeriod] = useState<(typeof PERIODS)[number]['key']>('year')
  const chosen = PERIODS.find((p) => p.key === period)!
  const { state, retry } = usePageState(() => call('grid.stats', { from: chosen.from(), to: today() }), [period], gate.kind === 'ready')

  return (
    <View className='panel-page grid-stats'>
      <View className='grid-stats__periods'>
        {PERIODS.map((p) => (
          <Text key={p.key} className={`grid-stats__period${period === p.key ? ' grid-stats__period--on' : ''}`} data-period={p.key} onClick={() => setPeriod(p.key)}>
            {p.label}
          </Text>
        ))}
      </View>
      <PageStates gate={gate} state={state} retry={gate.kind === 'ready' ? retry : () => void reloadGate()} denied={staffDenied(gate)}>
        {(s) => (
          <>
            <Text className='grid-stats__scope'>
              {s.scope.name} · {s.period.from} 至 {s.period.to}
            </Text>
            <Figures t={s.totals} />
            <View className='grid-stats__card'>
              <Text className='grid-stats__title'>按类别</Text>
              <Bars rows={s.byCategory.map((c) => ({ key: c.category, label: GRID_CATEGORY_LABELS[c.category], value: c.reported, note: c.overdue ? `逾期 ${c.overdue}` : '' }))} />
            </View>
            <View className='grid-stats__card'>
              <Text className='grid-stats__title'>办结用时</Text>
              <Bars tone='green' rows={s.closeTimes.map((c) => ({ key: c.label, label: c.label, value: c.count, note: '' }))} />
            </View>
            <View className='grid-stats__card'>
              <Text className='grid-stats__title'>按镇街</Text>
              {s.byTownship.length === 0 ? (
                <Text className='grid-stats__none'>这段时间没有上报事项</Text>
              ) : (
                <View className='grid-stats__table'>
                  <View className='grid-stats__tr grid-stats__th'>
                    <Text className='grid-stats__td grid-stats__td--name'>镇街</Text>
                    <Text className='grid-stats__td'>上报</Text>
                    <Text className='grid-stats__td'>办结</Text>
                    <Text className='grid-stats__td'>逾期</Text>
                    <Text className='grid-stats__td grid-stats__td--wide'>平均用时</Text>
                  </View>
                  {s.byTownship.map((t) => (
                    <View key={t.townshipCode} className='grid-stats__tr' data-township={t.townshipCode}>
                      <Text className='grid-stats__td grid-stats__td--name'>{t.townshipName}</Text>
                      <Text className='grid-stats__td'>{t.reported}</Text>
                      <Text className='grid-stats__td'>{t.closed}</Text>
                      <Text className={`grid-stats__td${t.overdue ? ' grid-stats__td--warn' : ''}`}>{t.overdue}</Text>
                      <Text className='grid-stats__td grid-stats__td--wide'>{t.closed ? duration(t.avgCloseMinutes) : '—'}</Text>
                    </View>
                  ))}
                </View>
              )}
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}
