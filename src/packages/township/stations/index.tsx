// 驿站管理: the stations of the townships in reach (active and inactive), their check-in
// radius and hours; 新建驿站, tap to edit, 签到码 for the printed and the kiosk code.
import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useDivisions } from '@/components/admin/shared'
import { placesInReach, useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { takeChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'

import './index.scss'

type Station = OutputOf<'station.list'>['items'][number]

export default function Stations() {
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()
  const [townshipCode, setTownshipCode] = useState('')
  const [sheet, setSheet] = useState(false)

  const places = useMemo(() => (scope ? placesInReach(scope, divisions) : []), [scope, divisions])
  const townships = useMemo(() => places.flatMap((c) => c.townships.map((t) => ({ ...t, countyName: c.name }))), [places])
  const many = !!scope && !scope.single

  const list = usePaged<Station>((page, pageSize) => call('station.list', { page, pageSize, ...(townshipCode ? { townshipCode } : {}) }), townshipCode, !!scope)

  // Back from the form after a save: the list changed.
  useDidShow(() => {
    if (takeChanged('township-stations')) void list.reload(true)
  })

  const edit = (id: string) => void Taro.navigateTo({ url: `${ROUTES.station}?id=${encodeURIComponent(id)}` })
  const codes = (id: string) => void Taro.navigateTo({ url: `${ROUTES.stationCodes}?id=${encodeURIComponent(id)}` })
  const create = () => void Taro.navigateTo({ url: townshipCode ? `${ROUTES.station}?township=${townshipCode}` : ROUTES.station })

  const sheetOptions = useMemo(
    () => [{ value: '', label: scope?.city ? '全市全部镇街' : '全部镇街' }, ...townships.map((t) => ({ value: t.code, label: t.name, hint: t.countyName }))],
    [townships, scope?.city],
  )

  // A failed or refused scope is asked again on a pull (the list refreshes itself once it shows).
  usePullDownRefresh(() => {
    if (!scope) void reloadScope(true)
  })

  const townshipName = townships.find((t) => t.code === townshipCode)?.name

  return (
    <View className='panel-page tw-stations'>
      {scope && (
        <>
          <View className='panel-top tw-stations__top'>
            <View className='tw-stations__bar'>
              <View className='tw-stations__scope'>
                {many ? (
                  <View className={`panel-chip tw-stations__chip ${townshipCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet(true)}>
                    <Text className='panel-chip__text'>{townshipName ?? (scope.city ? '全市全部镇街' : '全部镇街')}</Text>
                    <Text className='panel-chip__arrow'>▼</Text>
                  </View>
                ) : (
                  <Text className='tw-stations__place'>{scope.single?.name}</Text>
                )}
              </View>
              <View className='tw-add tw-stations__new' hoverClass='tw-add--pressed' onClick={create}>
                <Text className='tw-add__plus'>+</Text>
                <Text>新建驿站</Text>
              </View>
            </View>
          </View>

          {list.status === 'ready' && list.total > 0 && (
            <View className='panel-summary'>
              <Text>共 {list.total} 个驿站，点击驿站可修改信息</Text>
            </View>
          )}
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reloadScope(true)}
        denied={staffDenied(state)}
        empty={{ className: 'tw-stations__empty', title: townshipCode ? `${townshipName ?? '该镇街'}还没有驿站` : '还没有驿站', desc: '新建驿站后，打印张贴驿站签到码，志愿者扫码即可签到', action: { text: '新建驿站', onClick: create } }}
      >
        {(s) => (
          <View key={s.id} className={`panel-card station-card ${s.active ? '' : 'station-card--off'}`} hoverClass='panel-card--pressed' onClick={() => edit(s.id)}>
            <View className='station-card__head'>
              <Text className='station-card__name'>{s.name}</Text>
              <Tag tone={s.active ? 'green' : 'grey'} className='station-card__status'>
                {s.active ? '启用中' : '已停用'}
              </Tag>
            </View>
            <Text className='station-card__place'>
              {s.countyName} · {s.townshipName}
            </Text>
            <Text className='station-card__address'>{s.address}</Text>
            <View className='station-card__facts'>
              <View className='station-card__fact'>
                <Text className='station-card__fact-label'>签到范围</Text>
                <Text className='station-card__fact-value'>{s.radiusM} 米</Text>
              </View>
              <View className='station-card__fact'>
                <Text className='station-card__fact-label'>开放时间</Text>
                <Text className='station-card__fact-value'>
                  {s.opensAt}–{s.closesAt}
                </Text>
              </View>
            </View>
            <View className='station-card__foot'>
              <View
                className='station-card__action station-card__codes'
                hoverClass='station-card__action--pressed'
                onClick={(e) => {
                  e.stopPropagation()
                  codes(s.id)
                }}
              >
                <Text>签到码</Text>
              </View>
              <View className='station-card__action station-card__edit' hoverClass='station-card__action--pressed'>
                <Text>编辑</Text>
              </View>
            </View>
          </View>
        )}
      </PagedStates>

      <OptionSheet visible={sheet} title='按镇街查看' options={sheetOptions} value={townshipCode} onSelect={setTownshipCode} onClose={() => setSheet(false)} />
    </View>
  )
}
