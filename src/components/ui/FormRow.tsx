// One row of an account form: label, control, and the field's inline error (or a hint) under it.
// `field` names the contract field: the row gets id `field-<field>` (to scroll to it) and
// data-field (a stable hook for tests).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

import './form.scss'

interface Props {
  field: string
  label: string
  required?: boolean
  error?: string
  hint?: ReactNode
  /** The whole row is the tap target. */
  onClick?: () => void
  /** Shows › (picker rows; a Taro <Picker> around the row opens on tap). */
  arrow?: boolean
  /** Label above the control (long inputs, chips). */
  stacked?: boolean
  children: ReactNode
}

export function FormRow({ field, label, required, error, hint, onClick, arrow, stacked, children }: Props) {
  return (
    <View id={`field-${field}`} data-field={field} className={`form-row${stacked ? ' form-row--stacked' : ''}${error ? ' form-row--invalid' : ''}`}>
      <View className='form-row__main' hoverClass={onClick || arrow ? 'form-row__main--pressed' : 'none'} onClick={onClick}>
        {label && (
          <Text className='form-row__label'>
            {label}
            {required && <Text className='form-row__req'>*</Text>}
          </Text>
        )}
        <View className='form-row__control'>{children}</View>
        {(onClick || arrow) && <Text className='form-row__arrow'>›</Text>}
      </View>
      {error ? (
        <View className='form-row__error' data-error-for={field}>
          <Text className='form-row__error-dot'>!</Text>
          <Text className='form-row__error-text'>{error}</Text>
        </View>
      ) : hint ? (
        <View className='form-row__hint'>{hint}</View>
      ) : null}
    </View>
  )
}

/** What a picker row shows: the chosen value, or a grey placeholder. */
export function PickedValue({ value, placeholder }: { value: string; placeholder: string }) {
  return <Text className={value ? 'form-row__value' : 'form-row__placeholder'}>{value || placeholder}</Text>
}
