// Choosing application documents on the phone: photos (camera or album) and files (PDF or
// pictures) — in WeChat from the album / camera (chooseMedia) or from a chat (chooseMessageFile);
// on the web an image picker and, for PDFs, a file input. Each choice is checked here for type
// and size before anything is uploaded (the function checks the real content again).
import Taro from '@tarojs/taro'
import { DOCUMENT_MAX_BYTES } from '@contract/vocabulary'

export interface Picked {
  /** A local path (WeChat temp file, or a blob: URL on the web) to upload from. */
  path: string
  name: string
  size: number
}

export interface Checked extends Picked {
  /** Why it cannot be used, if it cannot. */
  problem: string
}

const cancelled = (err: unknown) => /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path

/** Photos: the camera or the album. */
export async function pickPhotos(count: number): Promise<Picked[]> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      return res.tempFiles.map((f) => ({ path: f.tempFilePath, name: baseName(f.tempFilePath), size: f.size }))
    }
    const res = await Taro.chooseImage({ count, sizeType: ['original'], sourceType: ['album'] })
    return res.tempFiles.map((f) => {
      const original = (f as { originalFileObj?: { name?: string } }).originalFileObj
      return { path: f.path, name: original?.name || baseName(f.path), size: f.size }
    })
  } catch (err) {
    if (cancelled(err)) return []
    throw err
  }
}

/** Files: a PDF (or a picture) from a WeChat chat, or a PDF from the computer / phone on the web. */
export async function pickFiles(count: number): Promise<Picked[]> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
      return res.tempFiles.map((f) => ({ path: f.path, name: f.name || baseName(f.path), size: f.size }))
    } catch (err) {
      if (cancelled(err)) return []
      throw err
    }
  }
  if (process.env.TARO_ENV === 'h5') {
    return new Promise<Picked[]>((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = 'application/pdf,.pdf'
      input.multiple = count > 1
      input.className = 'ln-file-input'
      input.setAttribute('style', 'position:fixed;left:-4000px;top:-4000px;opacity:0;')
      document.body.appendChild(input)
      let settled = false
      const done = (files: Picked[]) => {
        if (settled) return
        settled = true
        input.remove()
        resolve(files)
      }
      input.addEventListener('change', () => {
        const files = Array.from(input.files ?? []).slice(0, count)
        done(files.map((f) => ({ path: URL.createObjectURL(f), name: f.name, size: f.size })))
      })
      input.addEventListener('cancel', () => done([]))
      input.click()
    })
  }
  return []
}

/** What a chosen file is by its name, and whether it may be uploaded. */
export function checkPicked(p: Picked): Checked {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(p.name)?.[1]?.toLowerCase() ?? ''
  if (!['jpg', 'jpeg', 'png', 'pdf'].includes(ext)) return { ...p, problem: '只能上传 JPG、PNG 图片或 PDF 文件' }
  if (p.size > DOCUMENT_MAX_BYTES) return { ...p, problem: `文件不能超过 ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB（这份约 ${(Math.round((p.size / 1024 / 1024) * 10) / 10).toString()} MB）` }
  return { ...p, problem: '' }
}

/** A file name fit to keep: no long digit runs (ID or phone numbers), at most 80 characters. */
export function keepableName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\d{7,}/g, '')
    .trim()
  const short = cleaned.length > 80 ? cleaned.slice(cleaned.length - 80) : cleaned
  return /^\.?[A-Za-z0-9]{0,5}$/.test(short) ? fallback : short
}
