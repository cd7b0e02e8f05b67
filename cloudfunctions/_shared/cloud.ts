// The genuine wx-server-sdk, initialised once per instance for the environment the
// function runs in (DYNAMIC_CURRENT_ENV: whatever environment deployed it).
import cloud from 'wx-server-sdk'
import type { Db, Transaction } from './db-types'

// The SDK declares DYNAMIC_CURRENT_ENV as a symbol but init's type wants a string.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

// throwOnNotFound: a doc().get() of a missing document resolves to null instead of throwing
// (an option the SDK supports but does not declare).
export const db = withConflictRetry(cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]) as unknown as Db)
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

/**
 * A transaction's write conflict: another transaction holds the document, or it changed after the
 * transaction's snapshot. The platform fails the write at once (code DATABASE_TRANSACTION_CONFLICT,
 * `[ResourceUnavailable.TransactionConflict]`), and wx-server-sdk reports it from the write as
 * errCode -501001 with that text in errMsg; only a conflict returned by commit keeps its code.
 */
export function isTransactionConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const e = err as { code?: unknown; errMsg?: unknown; message?: unknown }
  return e.code === 'DATABASE_TRANSACTION_CONFLICT' || /TransactionConflict/.test(`${String(e.errMsg ?? '')} ${String(e.message ?? '')}`)
}

/** Attempts of a whole transaction (each one runTransaction with its own commit retries) before a conflict is passed on. */
const CONFLICT_ATTEMPTS = 5

/**
 * runTransaction that runs the callback again, in a new transaction, when one of its writes
 * conflicts. The SDK retries only a conflict that commit returns; a conflict at a write (which is
 * how the platform reports one) rejects the callback with -501001 and is not retried, so two people
 * acting at once would see an internal error instead of the outcome of going second. The
 * conflict has ended the transaction (as a write conflict aborts a MongoDB transaction); the SDK's
 * rollback of it fails quietly. The callback must be safe to run again, as the SDK requires anyway.
 */
function withConflictRetry(database: Db): Db {
  const run = database.runTransaction.bind(database)
  database.runTransaction = async <R>(callback: (tx: Transaction) => Promise<R>, times?: number): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(callback, times)
      } catch (err) {
        if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(err)) throw err
        // A short random pause, so that the transactions that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
      }
    }
  }
  return database
}

/** The platform's duplicate-key failure (a unique index refused a write). */
export function isDuplicateKey(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${(err as { errMsg?: string }).errMsg ?? ''}` : String(err)
  return /E11000|duplicate key/i.test(text)
}
