// 网格上报事项 (the township's queue): 待办 (most pressing first, overdue ones marked and counted),
// 已逾期, 已办结, 不予受理; a tap opens the matter to accept, assign, close or decline it.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { GRID_QUEUE_TAB_LABELS, GRID_QUEUE_TABS, type GridQueueTab } from '@contract/grid-rules'
import { GridRowCard } from '@/components/grid/parts'
import { useDivisions } from '@/components/admin/shared'
import { placesInReach, useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'

import './index.scss'

const EMPTY: Record<GridQueueTab, string> = {
  open: '没有待办的上报事项',
  overdue: '没有逾期的事项',
  closed: '还没有办结的事项',
  declined: '没有不予受理的事项',
}

export default function GridQueue() {
  const { params } = useRouter()
  const { state: gate, reload: reloadGate } = useStaffScope()
  const scope = gate.kind === 'ready' ? gate.scope : null
  const [tab, setTab] = useState<GridQueueTab>((GRID_QUEUE_TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as GridQueueTab) : 'open')
  const [overdue, setOverdue] = useState<number | null>(null)
  // County and city staff may look at one township of theirs.
  const divisions = useDivisions()
  const [townshipCode, setTownshipCode] = useState('')
  const [sheet, setSheet] = useState(false)
  const townships = useMemo(() => (scope ? placesInReach(scope, divisions).flatMap((c) => c.townships.map((t) => ({ ...t, countyName: c.name }))) : []), [scope, divisions])
  const list = usePaged(
    async (page, pageSize) => {
      const r = await call('grid.queue', { tab, page, pageSize, ...(townshipCode ? { townshipCode } : {}) })
      if (tab === 'open' || tab === 'overdue') setOverdue(r.overdue)
      return r
    },
    `${tab}:${townshipCode}`,
    !!scope,
  )
  useDidShow(() => {
    if (takeChanged('grid-queue')) void list.reload(true)
  })

  return (
    <View className='panel-page grid-queue'>
      <View className='panel-top'>
        <View className='panel-tabs'>
          {GRID_QUEUE_TABS.map((t) => (
            <View key={t} className={`panel-tabs__item grid-queue__tab grid-queue__tab--${t} ${tab === t ? 'panel-tabs__item--on' : ''}`} onClick={() => setTab(t)}>
              <Text>{GRID_QUEUE_TAB_LABELS[t]}</Text>
              {t === 'overdue' && overdue ? <Text className='panel-tabs__count'>{overdue > 99 ? '99+' : overdue}</Text> : null}
            </View>
          ))}
        </View>
      </View>
      {scope && !scope.single && (
        <View className='panel-filters grid-queue__filters'>
          <View className={`panel-chip ${townshipCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet(true)}>
            <Text className='panel-chip__text'>{townships.find((t) => t.code === townshipCode)?.name ?? '全部镇街'}</Text>
            <Text className='panel-chip__arrow'>▼</Text>
          </View>
        </View>
      )}
      {scope && list.status === 'ready' && (
        <View className='grid-queue__summary'>
          <Text>
            {townships.find((t) => t.code === townshipCode)?.name ?? scope.reach} · 共 {list.total} 件
          </Text>
          {(tab === 'open' || tab === 'overdue') && overdue ? <Text className='grid-queue__overdue'>{overdue} 件已超过办理时限</Text> : null}
        </View>
      )}
      <PagedStates
        list={list}
        gate={gate}
        retryGate={() => void reloadGate()}
        denied={staffDenied(gate)}
        listClassName='grid-queue__list'
        empty={{ title: EMPTY[tab], desc: tab === 'open' ? '志愿网格员上报的问题会出现在这里' : undefined }}
      >
        {(row) => <GridRowCard key={row.id} row={row} showTownship={!scope?.single} onClick={() => void Taro.navigateTo({ url: `${ROUTES.gridDetail}?id=${row.id}` })} />}
      </PagedStates>
      {scope && (
        <View className='grid-queue__stats' hoverClass='grid-queue__stats--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.gridStats })}>
          <Text>查看统计：按镇街、类别和办结用时 ›</Text>
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
    </View>
  )
}
