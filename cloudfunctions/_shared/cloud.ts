// The genuine wx-server-sdk, initialised once per instance for the environment the
// function runs in (DYNAMIC_CURRENT_ENV: whatever environment deployed it).
import cloud from 'wx-server-sdk'
import type { Db } from './db-types'

// The SDK declares DYNAMIC_CURRENT_ENV as a symbol but init's type wants a string.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

// throwOnNotFound: a doc().get() of a missing document resolves to null instead of throwing
// (an option the SDK supports but does not declare).
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]) as unknown as Db
export const _ = db.command
export const $ = db.command.aggregate

/** The storage and open-API calls we use, with the promise types they resolve to. */
export const files = {
  async tempUrls(fileIds: string[]): Promise<Map<string, string>> {
    if (fileIds.length === 0) return new Map()
    const res = (await cloud.getTempFileURL({ fileList: fileIds })) as { fileList: { fileID: string; tempFileURL: string; status: number }[] }
    return new Map(res.fileList.filter((f) => f.status === 0).map((f) => [f.fileID, f.tempFileURL]))
  },
  async upload(cloudPath: string, content: Buffer): Promise<string> {
    return ((await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string }).fileID
  },
  async download(fileId: string): Promise<Buffer> {
    return ((await cloud.downloadFile({ fileID: fileId })) as { fileContent: Buffer }).fileContent
  },
  async remove(fileIds: string[]): Promise<void> {
    if (fileIds.length > 0) await cloud.deleteFile({ fileList: fileIds })
  },
}

export { cloud }

/** A query value matching documents whose field contains `text` as typed (its regex characters taken literally). */
export function containing(text: string): unknown {
  return db.RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') })
}

/** The platform's duplicate-key failure (a unique index refused a write). */
export function isDuplicateKey(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${(err as { errMsg?: string }).errMsg ?? ''}` : String(err)
  return /E11000|duplicate key/i.test(text)
}
