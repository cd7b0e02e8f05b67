// A QR code drawn with Canvas 2D (qrcode-generator computes the modules): `<Canvas type='2d'>`
// and its node from a SelectorQuery, the same code in WeChat and on the web. Modules are whole
// device pixels with a 4-module white quiet zone, so a phone's scanner reads it off the screen.
import { memo, useEffect } from 'react'
import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import qrcode from 'qrcode-generator'

import './qr.scss'

/** What a 2D canvas node offers, in WeChat and in the browser alike. */
interface Canvas2D {
  width: number
  height: number
  clientWidth?: number
  getContext(type: '2d'): {
    fillStyle: string | CanvasGradient | CanvasPattern
    fillRect(x: number, y: number, w: number, h: number): void
    getImageData?(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
  } | null
}

const QUIET = 4
/** Waits (ms) between looks for a canvas that is not there yet. */
const RETRIES = [16, 50, 120, 250, 500, 1000, 2000]

function pixelRatio(): number {
  if (process.env.TARO_ENV === 'h5') return Math.min(3, window.devicePixelRatio || 1)
  try {
    return Math.min(3, Taro.getWindowInfo().pixelRatio || 2)
  } catch {
    return 2
  }
}

function findCanvas(id: string): Promise<{ node: Canvas2D; width: number } | null> {
  return new Promise((resolve) => {
    // (a client without SelectorQuery nodes answers nothing: the caller retries, then gives up)
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: Canvas2D | null; width?: number }[] | null) => {
        const r = res?.[0]
        const node = r?.node
        if (!node || typeof node.getContext !== 'function') return resolve(null)
        // (The web build answers the node only; its CSS width is the element's.)
        const width = r.width ?? node.clientWidth ?? 0
        resolve(width > 0 ? { node, width } : null)
      })
  })
}

/** Draws `text` on the canvas; false when the canvas is not there yet. */
async function draw(id: string, text: string, level: 'L' | 'M' | 'Q' | 'H'): Promise<Canvas2D | null> {
  const found = await findCanvas(id)
  if (!found) return null
  const qr = qrcode(0, level)
  qr.addData(text, 'Byte')
  qr.make()
  const count = qr.getModuleCount()
  const px = Math.floor(found.width * pixelRatio())
  const canvas = found.node
  canvas.width = px
  canvas.height = px
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
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
  return canvas
}

/** The web build's canvas element re-renders once after mounting, which clears it: true if that happened. */
function wasCleared(canvas: Canvas2D): boolean {
  try {
    const ctx = canvas.getContext('2d')
    const pixel = ctx?.getImageData?.(0, 0, 1, 1)
    return !!pixel && pixel.data[3] === 0
  } catch {
    return false
  }
}

// The canvas element itself never re-renders (fixed props): drawing happens on its node.
const Surface = memo(function Surface({ id, className }: { id: string; className: string }) {
  return <Canvas type='2d' id={id} className={className} />
})

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
  useEffect(() => {
    if (!text) return
    let live = true
    const timers: ReturnType<typeof setTimeout>[] = []
    const later = (fn: () => void, ms: number) => timers.push(setTimeout(fn, ms))
    const attempt = (tries: number) => {
      draw(id, text, level)
        .catch(() => null)
        .then((canvas) => {
          if (!live) return
          if (!canvas) {
            // The canvas appears with the next render or two; a slow phone may take longer.
            if (tries < RETRIES.length) later(() => attempt(tries + 1), RETRIES[tries])
            else onDrawn?.(false)
            return
          }
          onDrawn?.(true)
          if (process.env.TARO_ENV === 'h5') {
            for (const ms of [120, 500, 1500]) later(() => live && wasCleared(canvas) && void draw(id, text, level).catch(() => null), ms)
          }
        })
    }
    Taro.nextTick(() => attempt(0))
    return () => {
      live = false
      timers.forEach(clearTimeout)
    }
    // (onDrawn is a notification only: a new function each render must not redraw.)
  }, [id, text, level])
  return <Surface id={id} className={`pk-qr ${className ?? ''}`} />
}
