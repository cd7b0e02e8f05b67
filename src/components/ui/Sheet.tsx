// A bottom sheet: NutUI's Popup (light) with our header (title, optional note, 取消).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'

import './ui.scss'

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
  const close = () => closable && onClose()
  return (
    <Popup visible={visible} position='bottom' round closeOnOverlayClick={closable} onClose={close}>
      <View className={`ui-sheet ${className ?? ''}`}>
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
    </Popup>
  )
}
