// A real picture drawn by the browser (so the web build's pickers and thumbnails take it): a
// background and a few filled bars, as a JPEG or PNG.
import type { Page } from 'playwright-core'

export interface Drawing {
  width: number
  height: number
  background: string
  ink: string
  /** [x, y, width, height] of each bar drawn in ink. */
  bars: [number, number, number, number][]
  type?: 'image/png' | 'image/jpeg'
}

export async function drawnPicture(page: Page, d: Drawing): Promise<Buffer> {
  const url = await page.evaluate((p) => {
    const c = document.createElement('canvas')
    c.width = p.width
    c.height = p.height
    const g = c.getContext('2d')!
    g.fillStyle = p.background
    g.fillRect(0, 0, p.width, p.height)
    g.fillStyle = p.ink
    for (const [x, y, w, h] of p.bars) g.fillRect(x, y, w, h)
    return c.toDataURL(p.type ?? 'image/jpeg', 0.9)
  }, d)
  return Buffer.from(url.split(',')[1], 'base64')
}
