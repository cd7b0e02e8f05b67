// A form page's banner (the kit's form-banner look): where a registration or a takeover stands —
// approved, waiting, refused with the reason — or a note above the form.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

const ICONS = { approved: '✓', pending: '…', rejected: '!' } as const

export interface FormBannerProps {
  tone: 'approved' | 'pending' | 'rejected' | 'info'
  title?: string
  /** Who refused, in their words (shown as a quote). */
  reason?: string
  text?: ReactNode
  /** The page's own class (tests and page styles select on it). */
  className?: string
  /** Set as data-status, for the status banners. */
  status?: string
  /** Shown with the tone's mark; a plain note has none. */
  icon?: boolean
  /** After the text, e.g. a link that acts on the note. */
  children?: ReactNode
}

export function FormBanner({ tone, title, reason, text, className, status, icon = tone !== 'info', children }: FormBannerProps) {
  return (
    <View className={`form-banner form-banner--${tone}${className ? ` ${className}` : ''}`} data-status={status}>
      {icon && tone !== 'info' && (
        <View className='form-banner__icon'>
          <Text className='form-banner__icon-text'>{ICONS[tone]}</Text>
        </View>
      )}
      <View className='form-banner__main'>
        {title && <Text className='form-banner__title'>{title}</Text>}
        {reason !== undefined && <Text className='form-banner__reason'>{reason}</Text>}
        {text !== undefined && <Text className='form-banner__text'>{text}</Text>}
      </View>
      {children}
    </View>
  )
}
