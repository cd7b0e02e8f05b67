// The parts every workbench home is made of (workbench.scss): the red head, the strip of what
// waits, the notes, and a desk's mark. The page writes its own lines on the head.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

import './workbench.scss'

export type MarkTone = 'brand' | 'amber' | 'blue' | 'green' | 'bank' | 'merchant'

/**
 * The head: the rings, the eyebrow (乡青汇 · …; a page may write its own lines only), then `children`. The body is lifted over it;
 * `tall` leaves room for a card of figures lifted further, `flat` lifts nothing over it.
 */
export function WorkbenchHead({ eyebrow, tall, flat, className, children }: { eyebrow?: string; tall?: boolean; flat?: boolean; className?: string; children?: ReactNode }) {
  return (
    <View className={`wb-head${tall ? ' wb-head--tall' : ''}${flat ? ' wb-head--flat' : ''} ${className ?? ''}`}>
      <View className='wb-head__ring wb-head__ring--a' />
      <View className='wb-head__ring wb-head__ring--b' />
      <View className='wb-head__lines'>
        {eyebrow && <Text className='wb-head__eyebrow'>{eyebrow}</Text>}
        {children}
      </View>
    </View>
  )
}

/**
 * Who works here and where they act (the staff workbenches): the name, the scope as a chip and
 * its reach; while the scope loads, three ghost lines; when it is refused or failed, `fallback`.
 */
export function ScopeLines({ who, loading, fallback }: { who?: { name: string; scope: string; reach: string }; loading: boolean; fallback: string }) {
  if (who) {
    return (
      <>
        <Text className='wb-head__name'>{who.name}</Text>
        <View className='wb-head__scope'>
          <Text>{who.scope}</Text>
        </View>
        <Text className='wb-head__reach'>{who.reach}</Text>
      </>
    )
  }
  if (loading) {
    return (
      <>
        <View className='wb-head__ghost wb-head__ghost--name' />
        <View className='wb-head__ghost wb-head__ghost--scope' />
        <View className='wb-head__ghost wb-head__ghost--reach' />
      </>
    )
  }
  return <Text className='wb-head__name'>{fallback}</Text>
}

/** What waits for the person, with the way to it (去处理). */
export function TodoStrip({ text, action, onClick, className }: { text: string; action: string; onClick: () => void; className?: string }) {
  return (
    <View className={`wb-todo ${className ?? ''}`} hoverClass='wb-todo--pressed' onClick={onClick}>
      <Text className='wb-todo__mark'>!</Text>
      <Text className='wb-todo__text'>{text}</Text>
      <Text className='wb-todo__go'>{action}</Text>
    </View>
  )
}

/** 工作须知: the rules a desk keeps, one per line. */
export function WorkNotes({ notes, title = '工作须知' }: { notes: readonly string[]; title?: string }) {
  return (
    <View className='wb-notes'>
      <Text className='wb-notes__title'>{title}</Text>
      {notes.map((n) => (
        <View key={n} className='wb-notes__note'>
          <Text className='wb-notes__dot'>·</Text>
          <Text className='wb-notes__text'>{n}</Text>
        </View>
      ))}
    </View>
  )
}

/** A desk's one-character mark in its colour. */
export function DeskMark({ mark, tone, large }: { mark: string; tone: MarkTone; large?: boolean }) {
  return (
    <View className={`wb-mark wb-mark--${tone}${large ? ' wb-mark--large' : ''}`}>
      <Text>{mark}</Text>
    </View>
  )
}
