// Loading, error and result states shared by the account pages.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Btn } from './Btn'

import './account.scss'

/** Grey shimmering cards while a page loads. */
export function PageSkeleton({ cards = 2 }: { cards?: number }) {
  return (
    <View className='acct-skeletons'>
      {Array.from({ length: cards }, (_, i) => (
        <View key={i} className='acct-skeleton'>
          <View className='acct-skeleton__line acct-skeleton__line--short' />
          <View className='acct-skeleton__line' />
          <View className='acct-skeleton__line acct-skeleton__line--mid' />
          <View className='acct-skeleton__line' />
        </View>
      ))}
    </View>
  )
}

type Tone = 'ok' | 'warn' | 'error' | 'brand' | 'muted'
const MARKS: Record<Tone, string> = { ok: '✓', warn: '!', error: '✕', brand: '青', muted: '…' }

interface StateProps {
  tone: Tone
  title: string
  desc?: ReactNode
  mark?: string
  className?: string
  children?: ReactNode
}

/** A centred state: a round mark, a title, a description and actions (children). */
export function StateView({ tone, title, desc, mark, className, children }: StateProps) {
  return (
    <View className={`acct-state${className ? ` ${className}` : ''}`}>
      <View className={`acct-state__mark${tone === 'muted' ? '' : ` acct-state__mark--${tone}`}`}>
        <Text>{mark ?? MARKS[tone]}</Text>
      </View>
      <Text className='acct-state__title'>{title}</Text>
      {desc ? <Text className='acct-state__desc'>{desc}</Text> : null}
      {children ? <View className='acct-state__actions'>{children}</View> : null}
    </View>
  )
}

/** A failed load, with 重试. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <StateView tone='warn' title='加载失败' desc={message} className='acct-load-error'>
      <Btn onClick={onRetry}>
        重试
      </Btn>
    </StateView>
  )
}
