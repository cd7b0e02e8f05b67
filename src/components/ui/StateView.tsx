// What a page shows instead of its content: a centred state (empty, failed, not allowed, done)
// and shimmering cards while it loads. One look for every role's pages.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from './Button'

import './states.scss'

export type StateTone = 'muted' | 'ok' | 'warn' | 'error' | 'brand'
const MARKS: Record<StateTone, string> = { muted: '…', ok: '✓', warn: '!', error: '!', brand: '青' }

export interface StateAction {
  text: string
  onClick: () => void
}

interface StateProps {
  tone: StateTone
  title: string
  desc?: ReactNode
  /** The round mark's character (default by tone). */
  mark?: string
  action?: StateAction
  /** A quieter second way out, as a link under the button. */
  secondary?: StateAction
  className?: string
  /** Further actions (buttons), under the main one. */
  children?: ReactNode
}

export function StateView({ tone, title, desc, mark, action, secondary, className, children }: StateProps) {
  return (
    <View className={`ui-state ui-state--${tone} ${className ?? ''}`}>
      <View className='ui-state__mark'>
        <Text>{mark ?? MARKS[tone]}</Text>
      </View>
      <Text className='ui-state__title'>{title}</Text>
      {desc ? <Text className='ui-state__desc'>{desc}</Text> : null}
      {action || children ? (
        <View className='ui-state__actions'>
          {action && <Button onClick={action.onClick}>{action.text}</Button>}
          {children}
        </View>
      ) : null}
      {secondary && (
        <View className='ui-state__secondary' onClick={secondary.onClick}>
          <Text>{secondary.text}</Text>
        </View>
      )}
    </View>
  )
}

/** Cards standing in for a list (or a detail page) while it loads. */
export function Skeleton({ count = 3 }: { count?: number }) {
  return (
    <View className='ui-skeleton'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='ui-skeleton__card'>
          <View className='ui-skeleton__head'>
            <View className='ui-skeleton__bar ui-skeleton__bar--title' />
            <View className='ui-skeleton__bar ui-skeleton__bar--tag' />
          </View>
          <View className='ui-skeleton__bar ui-skeleton__bar--line ui-skeleton__bar--w72' />
          <View className='ui-skeleton__bar ui-skeleton__bar--line ui-skeleton__bar--w56' />
          <View className='ui-skeleton__bar ui-skeleton__bar--line ui-skeleton__bar--w64' />
        </View>
      ))}
    </View>
  )
}

/** One shimmering bar, for a page's own placeholder (sized by `className` or a modifier: --title, --tag, --line). */
export function SkeletonBar({ className }: { className?: string }) {
  return <View className={`ui-skeleton__bar ${className ?? ''}`} />
}
