// Choosing files to upload: pictures from the camera or album (WeChat) or the computer / phone
// (web), and any file on the web through a file input. Apart from the upload helpers (files.ts),
// so that pages which only download a workbook do not carry it.
import Taro from '@tarojs/taro'

export interface Picked {
  /** A local path (WeChat temp file, or a blob: URL on the web) to upload from. */
  path: string
  name: string
  size: number
}

const PICTURE_EXTENSIONS = ['jpg', 'jpeg', 'png']

/** A path's last part (a file name). */
export const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path
const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? ''
/** Whether a chooser failed because the user closed it. */
export const isCancelled = (err: unknown) => /cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))

/** Why a chosen file is not a picture the functions take ('' when it is). */
export function pictureProblem(p: Pick<Picked, 'name'>): string {
  return PICTURE_EXTENSIONS.includes(extensionOf(p.name)) ? '' : `「${p.name}」不是图片，请选择 JPG 或 PNG 格式的照片`
}

/**
 * Files from the computer or phone in the web build, through a file input. Unlike Taro's web
 * chooseImage, which drops a file it cannot load as an image without a word, every file chosen
 * comes back, so the caller can say why one cannot be used.
 */
export function pickWebFiles(count: number, accept: string): Promise<Picked[]> {
  return new Promise<Picked[]>((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.multiple = count > 1
    input.className = 'xq-file-input'
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

/** Pictures from the camera or the album (WeChat) or the computer / phone (web); [] when cancelled. Check each with pictureProblem. */
export async function pickPictures(count: number): Promise<Picked[]> {
  if (process.env.TARO_ENV !== 'weapp') return pickWebFiles(count, 'image/jpeg,image/png')
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return res.tempFiles.map((f) => ({ path: f.tempFilePath, name: baseName(f.tempFilePath), size: f.size }))
  } catch (err) {
    if (isCancelled(err)) return []
    throw err
  }
}

