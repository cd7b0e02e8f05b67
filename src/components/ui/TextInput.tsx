// A one-line input for the account forms: Taro's own <Input> (WeChat's native input, with its
// idcard, number and nickname keyboards) in our styles. NutUI's Input always renders a hidden
// clear icon as an <i>, which the mini program has no template for.
import { Input, type InputProps } from '@tarojs/components'

import './form.scss'

interface Props {
  value: string
  placeholder?: string
  maxLength?: number
  /** 'tel' is the web build's phone keyboard; WeChat uses 'number'. */
  type?: 'text' | 'number' | 'idcard' | 'nickname' | 'tel'
  className?: string
  onChange: (value: string) => void
  onBlur?: (value: string) => void
  onConfirm?: (value: string) => void
}

export function TextInput({ value, placeholder, maxLength, type = 'text', className, onChange, onBlur, onConfirm }: Props) {
  const native = (type === 'tel' && process.env.TARO_ENV === 'weapp' ? 'number' : type) as InputProps['type']
  return (
    <Input
      className={`form-input${className ? ` ${className}` : ''}`}
      type={native}
      value={value}
      placeholder={placeholder}
      placeholderClass='form-input__placeholder'
      maxlength={maxLength ?? 140}
      onInput={(e) => onChange(e.detail.value)}
      onBlur={(e) => onBlur?.(e.detail.value)}
      onConfirm={(e) => onConfirm?.(e.detail.value)}
    />
  )
}
