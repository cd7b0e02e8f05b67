// Choosing application documents on the phone: photos (camera or album) and files (PDF or
// pictures) — in WeChat from the album / camera (chooseMedia) or from a chat (chooseMessageFile);
// on the web an image picker and, for PDFs, a file input. Each choice is checked here for type
// and size before anything is uploaded (the function checks the real content again).
import Taro from '@tarojs/taro'
import { DOCUMENT_MAX_BYTES } from '@contract/vocabulary'
import { baseName, isCancelled, pickPictures, pickWebFiles, type Picked } from '@/services/pictures'

export type { Picked }

export interface Checked extends Picked {
  /** Why it cannot be used, if it cannot. */
  problem: string
}

/** Photos: the camera or the album. */
export const pickPhotos = pickPictures

/** Files: a PDF (or a picture) from a WeChat chat, or a PDF from the computer / phone on the web. */
export async function pickFiles(count: number): Promise<Picked[]> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
      return res.tempFiles.map((f) => ({ path: f.path, name: f.name || baseName(f.path), size: f.size }))
    } catch (err) {
      if (isCancelled(err)) return []
      throw err
    }
  }
  if (process.env.TARO_ENV === 'h5') return pickWebFiles(count, 'application/pdf,.pdf')
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
