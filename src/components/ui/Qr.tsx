// A QR code as an <Image> (a GIF data URL drawn by qrcode-generator): no canvas, so it renders
// the same in WeChat and on the web, and the page can lay it out like any picture.
import { useMemo } from 'react'
import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'

import './ui.scss'

interface Props {
  text: string
  /** pixels per module in the drawn image (the displayed size comes from className) */
  cell?: number
  className?: string
  /** error correction: M (15 %) by default */
  level?: 'L' | 'M' | 'Q' | 'H'
}

/** The data URL of a QR code of `text`. */
export function qrDataUrl(text: string, cell = 8, level: Props['level'] = 'M'): string {
  const qr = qrcode(0, level ?? 'M')
  qr.addData(text, 'Byte')
  qr.make()
  return qr.createDataURL(cell, cell * 2)
}

export function Qr({ text, cell = 8, className, level = 'M' }: Props) {
  const src = useMemo(() => (text ? qrDataUrl(text, cell, level) : ''), [text, cell, level])
  if (!src) return null
  return <Image className={`ui-qr ${className ?? ''}`} src={src} mode='aspectFit' showMenuByLongpress />
}
