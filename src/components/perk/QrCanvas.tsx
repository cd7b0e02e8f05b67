// A QR code drawn with Canvas 2D (qrcode-generator computes the modules) on the kit's canvas
// (ui/canvas.tsx: the same code in WeChat and on the web). Modules are whole device pixels with a
// 4-module white quiet zone, so a phone's scanner reads it off the screen.
import qrcode from 'qrcode-generator'
import { CanvasSurface, useCanvasDrawing, type Surface2D } from '@/components/ui/canvas'

import './qr.scss'

const QUIET = 4

/** Draws `text` on the surface, a square. */
function draw({ node, ctx, width }: Surface2D, text: string, level: 'L' | 'M' | 'Q' | 'H'): void {
  const qr = qrcode(0, level)
  qr.addData(text, 'Byte')
  qr.make()
  const count = qr.getModuleCount()
  const px = node.width || Math.floor(width)
  // Whole pixels per module (sharp edges); what is left over widens the quiet zone.
  const cell = Math.max(1, Math.floor(px / (count + QUIET * 2)))
  const offset = Math.floor((px - cell * count) / 2)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, px, px)
  ctx.fillStyle = '#111111'
  for (let r = 0; r < count; r++) {
    // Runs of dark modules in a row as one rectangle each.
    let start = -1
    for (let c = 0; c <= count; c++) {
      const dark = c < count && qr.isDark(r, c)
      if (dark && start < 0) start = c
      else if (!dark && start >= 0) {
        ctx.fillRect(offset + start * cell, offset + r * cell, (c - start) * cell, cell)
        start = -1
      }
    }
  }
}

interface Props {
  /** A page-unique id (the SelectorQuery finds the canvas by it). */
  id: string
  text: string
  /** Sets the displayed size (a square). */
  className?: string
  level?: 'L' | 'M' | 'Q' | 'H'
  /** Called after each drawing (with false if the canvas could not be found). */
  onDrawn?: (ok: boolean) => void
}

export function QrCanvas({ id, text, className, level = 'M', onDrawn }: Props) {
  useCanvasDrawing(id, text ? `${level}:${text}` : '', (s) => draw(s, text, level), { square: true, onDrawn })
  return <CanvasSurface id={id} className={`pk-qr ${className ?? ''}`} />
}
