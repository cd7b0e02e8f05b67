// A multi-line input with its count under it (12/200): the forms' longer texts (an occupation, a
// reason, a position's requirements). The page names its own classes, drawn in its stylesheet:
// either the four by name, or `block` for those the `counted-textarea` mixin draws (styles/_parts.scss:
// block__textarea, block__textarea-input, block__<placeholderName>, block__count). TextRow is that
// input in a form row (its label, problem and hint), TextCard the row alone in a titled form card.
import type { ReactNode } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { FormRow } from './FormRow'

type Classes =
  | {
      /** The box around the input and its count. */
      className: string
      inputClassName: string
      placeholderClass: string
      countClassName: string
    }
  | {
      /** The block the page's `@include counted-textarea(…)` sits in. */
      block: string
      /** The placeholder's element, as the mixin's second argument names it. */
      placeholderName?: 'textarea-placeholder' | 'placeholder'
    }

type Props = {
  value: string
  placeholder: string
  maxLength: number
  onChange: (value: string) => void
  autoHeight?: boolean
} & Classes

const classesOf = (c: Classes) =>
  'block' in c ? { className: `${c.block}__textarea`, inputClassName: `${c.block}__textarea-input`, placeholderClass: `${c.block}__${c.placeholderName ?? 'textarea-placeholder'}`, countClassName: `${c.block}__count` } : c

export function CountedTextarea({ value, placeholder, maxLength, onChange, autoHeight, ...classes }: Props) {
  const { className, inputClassName, placeholderClass, countClassName } = classesOf(classes)
  return (
    <View className={className}>
      <Textarea
        className={inputClassName}
        value={value}
        placeholder={placeholder}
        placeholderClass={placeholderClass}
        maxlength={maxLength}
        autoHeight={autoHeight}
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className={countClassName}>
        {value.length}/{maxLength}
      </Text>
    </View>
  )
}

type Row = { field: string; required?: boolean; error?: string; hint?: ReactNode }
type RowProps = Props & Row & { label: string }

/** The counted input in a stacked form row: its label above, its problem (or hint) under it. */
export function TextRow({ field, label, required, error, hint, ...input }: RowProps) {
  return (
    <FormRow field={field} label={label} required={required} stacked error={error} hint={hint}>
      <CountedTextarea {...input} />
    </FormRow>
  )
}

/** A form card titled `title` holding one longer text (its row unlabelled). */
export function TextCard({ title, ...row }: Props & Row & { title: string }) {
  return (
    <View className='form-card'>
      <Text className='form-card__title'>{title}</Text>
      <TextRow label='' {...row} />
    </View>
  )
}
