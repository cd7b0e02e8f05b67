// The app's button: Taro's own <Button> (so WeChat's open types work: chooseAvatar,
// getPhoneNumber) in the kit's styles. No NutUI: its button stylesheet alone is 15 KiB.
import type { ReactNode } from 'react'
import { Button as TaroButton, Text, View, type ButtonProps } from '@tarojs/components'

import './button.scss'

export type ButtonKind = 'primary' | 'outline' | 'plain' | 'danger' | 'green'

interface Props extends Pick<ButtonProps, 'openType' | 'onGetPhoneNumber' | 'onChooseAvatar'> {
  kind?: ButtonKind
  small?: boolean
  /** Working: a spinner, and taps do nothing. */
  busy?: boolean
  disabled?: boolean
  className?: string
  onClick?: () => void
  children: ReactNode
}

export function Button({ kind = 'primary', small, busy, disabled, className, onClick, children, ...native }: Props) {
  const off = !!(disabled || busy)
  const cls = ['ui-btn', `ui-btn--${kind}`, small ? 'ui-btn--small' : '', off ? 'ui-btn--off' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    // `disabled` only when true: Taro's web button writes disabled="false", which its own CSS reads as disabled.
    <TaroButton className={cls} {...(off ? { disabled: true } : {})} hoverClass={off ? 'none' : 'ui-btn--pressed'} onClick={() => !off && onClick?.()} {...native}>
      {busy && <View className='ui-btn__spinner' />}
      <Text>{children}</Text>
    </TaroButton>
  )
}
