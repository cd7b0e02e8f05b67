// The fair's description, its employers by type, and its positions (filtered by employer type) to
// choose from: a tap chooses or drops one when choosing is possible.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { FairView, PositionView } from '@contract/fair'
import { EMPLOYER_TYPE_LABELS, EMPLOYER_TYPES, type EmployerType } from '@contract/vocabulary'
import { StateView } from '@/components/ui/StateView'
import { Tick } from '@/components/ui/Tick'
import { EmployerTypeTag, PositionFacts } from '@/components/fair/ui'
import '@/components/fair/pieces.scss'

export function Description({ text }: { text: string }) {
  return (
    <View className='panel-section fair-section'>
      <View className='panel-section__title'>
        <Text>活动说明</Text>
      </View>
      <Text className='detail__desc'>{text}</Text>
    </View>
  )
}

export function Employers({ employers }: { employers: FairView['employers'] }) {
  return (
    <View className='panel-section fair-section'>
      <View className='panel-section__title'>
        <Text>参会单位</Text>
        <Text className='panel-section__extra'>{employers.length} 家</Text>
      </View>
      {employers.length === 0 ? (
        <Text className='detail__none'>用人单位确认后会在这里公布</Text>
      ) : (
        EMPLOYER_TYPES.filter((t) => employers.some((e) => e.type === t)).map((t) => (
          <View key={t} className='detail__orgs'>
            <EmployerTypeTag type={t} className='detail__orgs-type' />
            <View className='detail__orgs-names'>
              {employers
                .filter((e) => e.type === t)
                .map((e) => (
                  <Text key={e.id} className='detail__org'>
                    {e.name}
                  </Text>
                ))}
            </View>
          </View>
        ))
      )}
    </View>
  )
}

interface PositionsProps {
  fair: FairView
  positions: PositionView[]
  chosen: string[]
  selectable: boolean
  onToggle: (p: PositionView) => void
}

export function Positions({ fair, positions, chosen, selectable, onToggle }: PositionsProps) {
  const [typeFilter, setTypeFilter] = useState<EmployerType | ''>('')
  const byType = useMemo(() => {
    const counts = new Map<EmployerType, number>()
    for (const p of positions) counts.set(p.employerType, (counts.get(p.employerType) ?? 0) + 1)
    return counts
  }, [positions])
  const shown = typeFilter ? positions.filter((p) => p.employerType === typeFilter) : positions
  const signedUpFor = fair.mine?.positionIds ?? []
  return (
    <>
      <View className='detail__positions-head'>
        <Text className='detail__positions-title'>招聘岗位</Text>
        <Text className='detail__positions-sub'>
          {fair.positionCount} 个岗位 · 招 {fair.openings} 人{selectable ? ` · 可选 ${fair.maxPositions} 个` : ''}
        </Text>
      </View>
      {positions.length > 0 && byType.size > 1 && (
        <View className='detail__filters fair-pills'>
          {(['', ...EMPLOYER_TYPES.filter((t) => byType.has(t))] as (EmployerType | '')[]).map((t) => (
            <View key={t || 'all'} className={`fair-pill ${typeFilter === t ? 'fair-pill--on' : ''}`} onClick={() => setTypeFilter(t)}>
              <Text>{t ? `${EMPLOYER_TYPE_LABELS[t]} ${byType.get(t)}` : `全部 ${positions.length}`}</Text>
            </View>
          ))}
        </View>
      )}
      {positions.length === 0 ? (
        <StateView tone='muted' className='detail__empty' title='岗位即将公布' desc='受邀单位正在发布岗位，请稍后再来看看' />
      ) : (
        <View className='detail__positions'>
          {shown.map((p) => {
            const on = chosen.includes(p.id)
            return (
              <View key={p.id} className={`detail-pos ${on ? 'detail-pos--on' : ''} ${selectable ? 'detail-pos--selectable' : ''}`} hoverClass={selectable ? 'detail-pos--pressed' : 'none'} onClick={() => onToggle(p)}>
                {(selectable || on) && (
                  <View className='detail-pos__pick'>
                    <Tick on={on} />
                    <Text className='detail-pos__pick-text'>{on ? (signedUpFor.includes(p.id) ? '已报名' : '已选') : '选择'}</Text>
                  </View>
                )}
                <PositionFacts position={p} />
              </View>
            )
          })}
        </View>
      )}
    </>
  )
}
