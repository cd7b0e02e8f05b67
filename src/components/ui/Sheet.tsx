// A bottom sheet: a mask and a panel with a title, an optional note and 取消. Drawn with our own
// views (no NutUI Popup: its styles and script would cost every subpackage that shows a sheet).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

import './sheet.scss'

interface Props {
  visible: boolean
  title: string
  note?: ReactNode
  /** false while something is being sent: the sheet cannot be dismissed */
  closable?: boolean
  className?: string
  onClose: () => void
  children: ReactNode
}

export function Sheet({ visible, title, note, closable = true, className, onClose, children }: Props) {
  if (!visible) return null
  const close = () => closable && onClose()
  return (
    <View className={`ui-sheet ${className ?? ''}`} catchMove>
      <View className='ui-sheet__mask' onClick={close} />
      <View className='ui-sheet__panel'>
        <View className='ui-sheet__head'>
          <View className='ui-sheet__titles'>
            <Text className='ui-sheet__title'>{title}</Text>
            {note ? <Text className='ui-sheet__note'>{note}</Text> : null}
          </View>
          <Text className={`ui-sheet__close${closable ? '' : ' ui-sheet__close--off'}`} onClick={close}>
            取消
          </Text>
        </View>
        <View className='ui-sheet__body'>{children}</View>
      </View>
    </View>
  )
}
