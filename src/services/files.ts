// Uploading a file the user chose: to cloud storage under their upload folder, where a
// function picks it up, checks it and moves it on (cloudfunctions/_shared/uploads.ts).
// In WeChat through wx.cloud.uploadFile; in the web build through the local gateway's
// equivalent. Resolves to the file ID to name in the next call.
import Taro from '@tarojs/taro'
import { CallError } from './cloud'

const UPLOAD_FAILED = { code: 'NETWORK' as const, message: '文件上传失败，请检查网络后重试' }

/** Where a user's upload goes: `uploads/<userId>/<random>.<ext>` (the only place users may write). */
export function uploadPath(userId: string, fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1]?.toLowerCase() ?? 'bin'
  return `uploads/${userId}/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}.${ext}`
}

export async function uploadFile(cloudPath: string, filePath: string): Promise<string> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath })
      return fileID
    }
    const res = await Taro.uploadFile({ url: `${process.env.TARO_APP_GATEWAY_URL}/storage/upload`, filePath, name: 'file', formData: { cloudPath } })
    const body = JSON.parse(res.data) as { fileID?: string }
    if (!body.fileID) throw new Error(res.data)
    return body.fileID
  } catch (err) {
    console.error('upload failed', err)
    throw new CallError(UPLOAD_FAILED)
  }
}

/** Opens an exported workbook: WeChat's document viewer (forward or save from its menu), or a download on the web. */
export async function openWorkbook(file: { fileUrl: string; fileName: string }): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url: file.fileUrl })
    if (res.statusCode !== 200) throw new Error(`download ${res.statusCode}`)
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
    return
  }
  const a = document.createElement('a')
  a.href = file.fileUrl
  a.download = file.fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}
