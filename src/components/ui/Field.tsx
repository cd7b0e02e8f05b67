// A labelled value row (detail pages and cards) and a search box, on the staff pages' panel look.
import type { ReactNode } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { MaskClose, Search } from '@/components/icons'

import './panel.scss'

/** A labelled value row (detail pages and cards). */
export function Field({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`panel-field ${className ?? ''}`}>
      <Text className='panel-field__label'>{label}</Text>
      <View className='panel-field__value'>{children}</View>
    </View>
  )
}

/** How a search box looks where a page draws its own icon and clear mark (the loan queues). */
export interface SearchLook {
  icon: ReactNode
  inputClassName: string
  clearClassName: string
  clearMark: ReactNode
}

const KIT_LOOK: SearchLook = {
  icon: <Search size={15} color='#8a8f99' />,
  inputClassName: '',
  clearClassName: 'panel-searchfield__clear',
  clearMark: <MaskClose size={16} color='#c4c7cc' />,
}

/** A search box (lighter than NutUI's SearchBar): filters as you type, or at once on 搜索. */
export function SearchField({ value, placeholder, onChange, onSearch, className, look = KIT_LOOK }: { value: string; placeholder: string; onChange: (v: string) => void; onSearch: (v: string) => void; className?: string; look?: SearchLook }) {
  return (
    <View className={`panel-searchfield ${className ?? ''}`}>
      {look.icon}
      <Input
        className={look.inputClassName ? `panel-searchfield__input ${look.inputClassName}` : 'panel-searchfield__input'}
        value={value}
        placeholder={placeholder}
        placeholderClass='panel-searchfield__placeholder'
        confirmType='search'
        maxlength={20}
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={(e) => onSearch(e.detail.value)}
      />
      {value && (
        <View
          className={look.clearClassName}
          onClick={() => {
            onChange('')
            onSearch('')
          }}
        >
          {look.clearMark}
        </View>
      )}
    </View>
  )
}
