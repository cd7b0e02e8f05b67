// Building blocks of the league-admin pages: the gate shown to someone outside the league, a
// labelled value row and the search box. Generic parts (states, sheets, dialogs, tags) are the
// kit's (components/ui).
import type { ReactNode } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { MaskClose, Search } from '@/components/icons'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import type { BlockedState } from '@/components/ui/page-state'

import './admin.scss'

/** Where a page stands before it can show itself (the caller's scope loading, refused, or failed). */
export type GateState = BlockedState | { kind: 'ready' }

const ADMINS_ONLY: DeniedLook = { text: '此功能仅向县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。', className: 'adm-denied' }

/** What a page shows while it cannot show itself: loading, not for this person (`denied` says who it is for), no persona, an error. */
export function ScopeGate({ state, retry, denied = ADMINS_ONLY }: { state: GateState; retry: () => void; denied?: DeniedLook }) {
  if (state.kind === 'ready') return null
  return (
    <PageStates state={state} retry={retry} denied={denied}>
      {() => null}
    </PageStates>
  )
}

/** A labelled value row (detail pages and cards). */
export function Field({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`adm-field ${className ?? ''}`}>
      <Text className='adm-field__label'>{label}</Text>
      <View className='adm-field__value'>{children}</View>
    </View>
  )
}

/** A search box (lighter than NutUI's SearchBar): filters as you type, or at once on 搜索. */
export function SearchField({ value, placeholder, onChange, onSearch, className }: { value: string; placeholder: string; onChange: (v: string) => void; onSearch: (v: string) => void; className?: string }) {
  return (
    <View className={`adm-searchfield ${className ?? ''}`}>
      <Search size={15} color='#8a8f99' />
      <Input
        className='adm-searchfield__input'
        value={value}
        placeholder={placeholder}
        placeholderClass='adm-searchfield__placeholder'
        confirmType='search'
        maxlength={20}
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={(e) => onSearch(e.detail.value)}
      />
      {value && (
        <View
          className='adm-searchfield__clear'
          onClick={() => {
            onChange('')
            onSearch('')
          }}
        >
          <MaskClose size={16} color='#c4c7cc' />
        </View>
      )}
    </View>
  )
}
