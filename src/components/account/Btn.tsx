// The account pages' button: Taro's own <Button> (so WeChat's open types work: chooseAvatar,
// getPhoneNumber) in our styles. Lighter than NutUI's Button, whose stylesheet alone is 15 KiB.
import type { ReactNode } from 'react'
import { Button, Text, View, type ButtonProps } from '@tarojs/components'

import './account.scss'

type Kind = 'primary' | 'outline' | 'danger' | 'plain'

interface Props extends Pick<ButtonProps, 'openType' | 'onGetPhoneNumber' | 'onChooseAvatar'> {
  kind?: Kind
  small?: boolean
  loading?: boolean
  disabled?: boolean
  className?: string
  onClick?: () => void
  children: ReactNode
}

export function Btn({ kind = 'primary', small, loading, disabled, className, onClick, children, ...native }: Props) {
  const off = !!(disabled || loading)
  const cls = ['acct-btn', `acct-btn--${kind}`, small ? 'acct-btn--small' : '', off ? 'acct-btn--disabled' : '', loading ? 'acct-btn--loading' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  return (
    // `disabled` only when true: Taro's web button writes disabled="false", which its own CSS reads as disabled.
    <Button className={cls} {...(off ? { disabled: true } : {})} hoverClass={off ? 'none' : 'acct-btn--pressed'} onClick={() => !off && onClick?.()} {...native}>
      {loading && <View className='acct-btn__spinner' />}
      <Text className='acct-btn__text'>{children}</Text>
    </Button>
  )
}
