// A row of the application typed as one line of text (a name, an address, an account): the field's
// box, its check shown once touched, and the draft told of each keystroke.
import type { ReactNode } from 'react'
import { Input, View } from '@tarojs/components'
import { Field } from '@/components/loan/ui'
import type { Fields } from './draft'
import type { LoanDraft } from './use-draft'

type TextKey = { [K in keyof Fields]: Fields[K] extends string ? K : never }[keyof Fields]

interface TextRowProps {
  draft: LoanDraft
  /** The form's field, and the contract's name for it (what an error names). */
  name: TextKey
  field: string
  label: string
  className: string
  placeholder: string
  maxLength: number
  required?: boolean
  aside?: ReactNode
  hint?: ReactNode
  type?: 'text' | 'number'
  /** What is kept of a keystroke (e.g. only digits and spaces). */
  clean?: (value: string) => string
}

export function TextRow({ draft, name, field, label, className, placeholder, maxLength, required, aside, hint, type = 'text', clean }: TextRowProps) {
  return (
    <Field field={field} label={label} required={required} aside={aside} error={draft.errorOf(field)} hint={hint}>
      <View className='ln-field__box'>
        <Input
          className={`ln-field__input ${className}`}
          type={type}
          value={draft.fields[name]}
          placeholder={placeholder}
          placeholderClass='ln-placeholder'
          maxlength={maxLength}
          onInput={(e) => draft.set(name, clean ? clean(e.detail.value) : e.detail.value, field)}
          onBlur={() => draft.touch(field)}
        />
      </View>
    </Field>
  )
}
