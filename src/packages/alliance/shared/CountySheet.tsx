// Picking a county on the alliance pages: the sheet (with 全市 / 全部县区 first when the page
// filters by county, without when a merchant must be in one) and the filter's chip.
import { Text, View } from '@tarojs/components'
import { OptionSheet } from '@/components/ui/OptionSheet'

export function CountySheet({ visible, counties, all, value, onSelect, onClose }: { visible: boolean; counties: { code: string; name: string }[]; all?: string; value: string; onSelect: (code: string) => void; onClose: () => void }) {
  const options = counties.map((c) => ({ value: c.code, label: c.name }))
  return <OptionSheet visible={visible} title='县（市、区）' options={all ? [{ value: '', label: all }, ...options] : options} value={value} onSelect={onSelect} onClose={onClose} />
}

/** The county filter's chip (the panel look): the admin's only county, or the one chosen, which opens the sheet. */
export function CountyChip({ fixed, label, on, onOpen }: { fixed?: string; label: string; on: boolean; onOpen: () => void }) {
  if (fixed) {
    return (
      <View className='panel-chip panel-chip--on'>
        <Text className='panel-chip__text'>{fixed}</Text>
      </View>
    )
  }
  return (
    <View className={`panel-chip ${on ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={onOpen}>
      <Text className='panel-chip__text'>{label}</Text>
      <Text className='panel-chip__arrow'>▼</Text>
    </View>
  )
}
