// A small soft tag (status, flags) in one of five tones.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

import './ui.scss'

export type TagTone = 'brand' | 'green' | 'amber' | 'grey' | 'blue' | 'red'

export function Tag({ tone, children, className, solid }: { tone: TagTone; children: ReactNode; className?: string; solid?: boolean }) {
  return (
    <View className={`ui-tag ui-tag--${tone}${solid ? ' ui-tag--solid' : ''} ${className ?? ''}`}>
      <Text>{children}</Text>
    </View>
  )
}
