// A bottom sheet of options with the current one ticked (filters and pickers).
import { ScrollView, Text, View } from '@tarojs/components'
import { Sheet } from './Sheet'

export interface SheetOption {
  value: string
  label: string
  hint?: string
}

export function OptionSheet({ visible, title, options, value, onSelect, onClose }: { visible: boolean; title: string; options: SheetOption[]; value: string; onSelect: (value: string) => void; onClose: () => void }) {
  return (
    <Sheet visible={visible} title={title} onClose={onClose} className='ui-options'>
      <ScrollView scrollY className='ui-options__list'>
        {options.map((o) => (
          <View
            key={o.value || 'all'}
            className={`ui-options__item${o.value === value ? ' ui-options__item--on' : ''}`}
            hoverClass='ui-options__item--pressed'
            onClick={() => {
              onSelect(o.value)
              onClose()
            }}
          >
            <View className='ui-options__main'>
              <Text className='ui-options__label'>{o.label}</Text>
              {o.hint && <Text className='ui-options__hint'>{o.hint}</Text>}
            </View>
            {o.value === value && <Text className='ui-options__tick'>✓</Text>}
          </View>
        ))}
      </ScrollView>
    </Sheet>
  )
}
