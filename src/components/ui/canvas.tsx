// Drawing on a `<Canvas type='2d'>`, the same code in WeChat and on the web: the node found by a
// SelectorQuery (retried while the canvas is not there yet), sized in device pixels, drawn by the
// caller, and drawn again if the web build's element re-renders once after mounting (which clears it).
import { memo, useEffect } from 'react'
import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'

/** What a 2D context offers in WeChat and in the browser alike (what our drawings use). */
export interface Context2D {
  fillStyle: string | CanvasGradient | CanvasPattern
  strokeStyle: string | CanvasGradient | CanvasPattern
  lineWidth: number
  font: string
  textAlign: 'left' | 'right' | 'center' | 'start' | 'end'
  textBaseline: 'top' | 'middle' | 'bottom' | 'alphabetic' | 'hanging' | 'ideographic'
  fillRect(x: number, y: number, w: number, h: number): void
  clearRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  getImageData?(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
}

/** What a 2D canvas node offers, in WeChat and in the browser alike. */
export interface Canvas2D {
  width: number
  height: number
  clientWidth?: number
  clientHeight?: number
  getContext(type: '2d'): Context2D | null
}

/** The canvas to draw on: its node, its CSS size and the device pixels per CSS pixel. */
export interface Surface2D {
  node: Canvas2D
  ctx: Context2D
  width: number
  height: number
  ratio: number
}

/** Waits (ms) between looks for a canvas that is not there yet. */
const RETRIES = [16, 50, 120, 250, 500, 1000, 2000]

export function pixelRatio(): number {
  if (process.env.TARO_ENV === 'h5') return Math.min(3, window.devicePixelRatio || 1)
  try {
    return Math.min(3, Taro.getWindowInfo().pixelRatio || 2)
  } catch {
    return 2
  }
}

function findCanvas(id: string): Promise<{ node: Canvas2D; width: number; height: number } | null> {
  return new Promise((resolve) => {
    // (a client without SelectorQuery nodes answers nothing: the caller retries, then gives up)
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: Canvas2D | null; width?: number; height?: number }[] | null) => {
        const r = res?.[0]
        const node = r?.node
        if (!node || typeof node.getContext !== 'function') return resolve(null)
        // (The web build answers the node only; its CSS size is the element's.)
        const width = r.width ?? node.clientWidth ?? 0
        const height = r.height ?? node.clientHeight ?? 0
        resolve(width > 0 ? { node, width, height } : null)
      })
  })
}

/** The canvas with its backing store sized to the device's pixels, or null when it is not there yet. */
async function surface(id: string, square: boolean): Promise<Surface2D | null> {
  const found = await findCanvas(id)
  if (!found) return null
  const ratio = pixelRatio()
  const height = square ? found.width : found.height
  found.node.width = Math.floor(found.width * ratio)
  found.node.height = Math.floor(height * ratio)
  const ctx = found.node.getContext('2d')
  return ctx ? { node: found.node, ctx, width: found.width, height, ratio } : null
}

/** The web build's canvas element re-renders once after mounting, which clears it: true if that happened. */
function wasCleared(canvas: Canvas2D): boolean {
  try {
    const pixel = canvas.getContext('2d')?.getImageData?.(0, 0, 1, 1)
    return !!pixel && pixel.data[3] === 0
  } catch {
    return false
  }
}

/**
 * Draws with `paint` on the canvas `id` whenever `key` changes (retrying while the canvas is not
 * there yet); `square`: its height is its width. `onDrawn` hears whether it could.
 */
export function useCanvasDrawing(id: string, key: string, paint: (s: Surface2D) => void, options: { square?: boolean; onDrawn?: (ok: boolean) => void } = {}): void {
  useEffect(() => {
    if (!key) return
    let live = true
    const timers: ReturnType<typeof setTimeout>[] = []
    const later = (fn: () => void, ms: number) => timers.push(setTimeout(fn, ms))
    const draw = async () => {
      const s = await surface(id, !!options.square)
      if (s) paint(s)
      return s
    }
    const attempt = (tries: number) => {
      draw()
        .catch(() => null)
        .then((s) => {
          if (!live) return
          if (!s) {
            // The canvas appears with the next render or two; a slow phone may take longer.
            if (tries < RETRIES.length) later(() => attempt(tries + 1), RETRIES[tries])
            else options.onDrawn?.(false)
            return
          }
          options.onDrawn?.(true)
          // The web build's canvas is painted with a white first pixel by every drawing here; a
          // cleared one is transparent there: drawn again.
          if (process.env.TARO_ENV === 'h5') {
            for (const ms of [120, 500, 1500]) later(() => live && wasCleared(s.node) && void draw().catch(() => null), ms)
          }
        })
    }
    Taro.nextTick(() => attempt(0))
    return () => {
      live = false
      timers.forEach(clearTimeout)
    }
    // (paint and onDrawn follow key: a new function each render must not redraw.)
  }, [id, key])
}

/** The canvas element itself never re-renders (fixed props): drawing happens on its node. */
export const CanvasSurface = memo(function CanvasSurface({ id, className }: { id: string; className: string }) {
  return <Canvas type='2d' id={id} className={className} />
})
