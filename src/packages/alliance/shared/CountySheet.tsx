// The sheet that picks a county on the alliance pages (with 全市 / 全部县区 first when the page
// filters by county, without when a merchant must be in one).
import { OptionSheet } from '@/components/ui/OptionSheet'

export function CountySheet({ visible, counties, all, value, onSelect, onClose }: { visible: boolean; counties: { code: string; name: string }[]; all?: string; value: string; onSelect: (code: string) => void; onClose: () => void }) {
  const options = counties.map((c) => ({ value: c.code, label: c.name }))
  return <OptionSheet visible={visible} title='县（市、区）' options={all ? [{ value: '', label: all }, ...options] : options} value={value} onSelect={onSelect} onClose={onClose} />
}
