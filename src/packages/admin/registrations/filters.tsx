// The queue's top: status tabs, the name search, the type / county / township chips and their
// sheets.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { KIND_SHORT, type AdminScope, type County } from '@/components/admin/shared'
import { SearchField } from '@/components/ui/Field'
import { OptionSheet, type SheetOption } from '@/components/ui/OptionSheet'

export type Status = 'pending' | 'approved' | 'rejected'
export type Kind = '' | 'volunteer' | 'rural_youth'

export const TABS: { value: Status; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
]
const KIND_OPTIONS: SheetOption[] = [
  { value: '', label: '全部类型' },
  { value: 'volunteer', label: '乡村振兴志愿者', hint: '高校毕业生志愿服务乡村振兴行动' },
  { value: 'rural_youth', label: '农村青年', hint: '返乡创业、创业贴息贷款申请人' },
]

function Chip({ on, text, onClick }: { on: boolean; text: string; onClick: () => void }) {
  return (
    <View className={`panel-chip ${on ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={onClick}>
      <Text className='panel-chip__text'>{text}</Text>
      <Text className='panel-chip__arrow'>▼</Text>
    </View>
  )
}

export interface QueueFilters {
  status: Status
  kind: Kind
  countyCode: string
  townshipCode: string
}

interface Props {
  scope: AdminScope
  filters: QueueFilters
  onChange: (patch: Partial<QueueFilters>) => void
  counties: County[]
  /** The county admin's only county ('' when there is a choice). */
  fixedCounty: string
  search: { draft: string; setDraft: (v: string) => void; search: (text: string) => void }
}

export function QueueTop({ scope, filters, onChange, counties, fixedCounty, search }: Props) {
  const [sheet, setSheet] = useState<'kind' | 'county' | 'township' | null>(null)
  const { status, kind, countyCode, townshipCode } = filters
  const county = fixedCounty || countyCode
  const townships = counties.find((c) => c.code === county)?.townships ?? []
  const countyName = counties.find((c) => c.code === countyCode)?.name
  const townshipName = townships.find((t) => t.code === townshipCode)?.name
  const allCounties = scope.city ? '全市' : '全部县区'
  return (
    <>
      <View className='panel-top'>
        <View className='panel-tabs'>
          {TABS.map((t) => (
            <View key={t.value} className={`panel-tabs__item regs__tab ${status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => onChange({ status: t.value })}>
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
        <View className='panel-search'>
          <SearchField className='regs__search' value={search.draft} placeholder='搜索申请人姓名' onChange={search.setDraft} onSearch={search.search} />
        </View>
        <View className='panel-filters'>
          <Chip on={!!kind} text={kind ? KIND_SHORT[kind] : '全部类型'} onClick={() => setSheet('kind')} />
          {!fixedCounty && <Chip on={!!countyCode} text={countyName ?? allCounties} onClick={() => setSheet('county')} />}
          <Chip
            on={!!townshipCode}
            text={townshipName ?? '全部镇街'}
            onClick={() => (county ? setSheet('township') : void Taro.showToast({ title: '请先选择县（市、区）', icon: 'none' }))}
          />
        </View>
      </View>

      <OptionSheet visible={sheet === 'kind'} title='申请类型' options={KIND_OPTIONS} value={kind} onSelect={(v) => onChange({ kind: v as Kind })} onClose={() => setSheet(null)} />
      <OptionSheet
        visible={sheet === 'county'}
        title='县（市、区）'
        options={[{ value: '', label: allCounties }, ...counties.map((c) => ({ value: c.code, label: c.name, hint: `${c.townships.length} 个镇街` }))]}
        value={countyCode}
        onSelect={(v) => onChange({ countyCode: v, townshipCode: '' })}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        visible={sheet === 'township'}
        title='服务镇街'
        options={[{ value: '', label: '全部镇街' }, ...townships.map((t) => ({ value: t.code, label: t.name }))]}
        value={townshipCode}
        onSelect={(v) => onChange({ townshipCode: v })}
        onClose={() => setSheet(null)}
      />
    </>
  )
}
