// Reads a QR code from a PNG, as a phone's scanner would (tests use it as the scan stand-in).
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)
  return code ? code.data : null
}
