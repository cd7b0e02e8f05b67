// Building blocks of the league-admin pages: how a page refuses someone outside the league (for
// <PageStates denied>, and the city admin's pages a county admin), a labelled value row and the
// search box. Generic parts (states, sheets, dialogs, tags) are the
// kit's (components/ui).
import type { ReactNode } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { MaskClose, Search } from '@/components/icons'
import type { DeniedLook } from '@/components/ui/PageStates'
import type { BlockedState } from '@/components/ui/page-state'
import { goBackOr } from '@/services/navigation'
import type { ScopeState } from './shared'

import './admin.scss'

/** Where a page stands before it can show itself (the caller's scope loading, refused, or failed): a <PageStates gate>. */
export type GateState = BlockedState | { kind: 'ready' }

/** How a league page refuses someone who is no admin. */
const ADMINS_ONLY: DeniedLook = { text: '此功能仅向县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。', className: 'adm-denied' }

/**
 * What <PageStates denied> says on an admin page: who the page is for when the caller is no
 * admin (`gate` refused), else `own` (the page's own refusal; none: the kit's 无权限 with the
 * function's words).
 */
export function adminDenied(gate: GateState, own?: DeniedLook): DeniedLook | undefined {
  return gate.kind === 'denied' ? ADMINS_ONLY : own
}

/**
 * A page for the city admin (团市委) only: the scope as a gate that also refuses county admins,
 * and what the refusal says (`text`: who manages this, and 返回 to `back`).
 */
export function cityGate(state: ScopeState, text: string, back: string): { gate: GateState; denied?: DeniedLook } {
  if (state.kind === 'ready' && !state.scope.city) return { gate: { kind: 'denied' }, denied: { text, action: { text: '返回', onClick: () => goBackOr(back) } } }
  return { gate: state, denied: adminDenied(state) }
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
