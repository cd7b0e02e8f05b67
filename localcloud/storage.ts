// Cloud storage: the `storage.*` actions and the object store they point at. Files live
// on disk under the data folder; a file ID is `cloud://<env>.<bucket>/<path>` as on the
// platform; temporary URLs are signed and expire.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DbError } from './db/errors'

type Body = Record<string, unknown>

/** A batch call's list of files (file_list, fileid_list): required, an array. */
function listParam(body: Body, name: string): unknown[] {
  const list = body[name]
  if (!Array.isArray(list)) throw DbError.invalidParam(`${name} is required`)
  return list
}

/** Uploads are bounded as a function's request is on the platform (6 MB payload); files may be larger. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

export class StorageService {
  private readonly root: string
  private readonly secret = crypto.randomBytes(32)
  /** Paths an upload was authorised for, until when (the COS upload URL's lifetime). */
  private readonly pendingUploads = new Map<string, number>()

  constructor(
    dataDir: string,
    private readonly envId: string,
    private readonly publicUrl: () => string,
  ) {
    this.root = path.join(dataDir, 'files')
    fs.mkdirSync(this.root, { recursive: true })
  }

  get bucket(): string {
    return `${Buffer.from(this.envId).toString('hex').slice(0, 4)}-${this.envId}-1300000000`
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`
  }

  /** The cloud path of a file ID of this environment, or null. */
  pathOf(fileId: unknown): string | null {
    if (typeof fileId !== 'string') return null
    const prefix = `cloud://${this.envId}.${this.bucket}/`
    if (!fileId.startsWith(prefix)) return null
    return this.safePath(fileId.slice(prefix.length))
  }

  private safePath(cloudPath: string): string | null {
    const normal = path.posix.normalize(cloudPath)
    if (!normal || normal.startsWith('..') || normal.startsWith('/') || normal.includes('\0')) return null
    return normal
  }

  private diskPath(cloudPath: string): string {
    return path.join(this.root, ...cloudPath.split('/'))
  }

  private sign(cloudPath: string, expires: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32)
  }

  /** The object's URL with its path as is: the SDK (like a browser) percent-encodes it when it fetches. */
  private objectUrl(cloudPath: string): string {
    return `${this.publicUrl()}/cos/${cloudPath}`
  }

  tempUrl(cloudPath: string, maxAgeSec: number): string {
    const expires = Math.floor(Date.now() / 1000) + maxAgeSec
    return `${this.objectUrl(cloudPath)}?sign=${this.sign(cloudPath, expires)}&t=${expires}`
  }

  exists(cloudPath: string): boolean {
    return fs.existsSync(this.diskPath(cloudPath))
  }

  /** Writes a file directly (seeding, tests). */
  put(cloudPath: string, content: Buffer): string {
    const safe = this.safePath(cloudPath)
    if (!safe) throw DbError.invalidParam(`invalid cloud path: ${cloudPath}`)
    const file = this.diskPath(safe)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content)
    return this.fileId(safe)
  }

  list(): { fileID: string; size: number; updatedAt: number }[] {
    const out: { fileID: string; size: number; updatedAt: number }[] = []
    const walk = (dir: string, prefix: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name
        if (entry.isDirectory()) walk(path.join(dir, entry.name), rel)
        else {
          const stat = fs.statSync(path.join(dir, entry.name))
          out.push({ fileID: this.fileId(rel), size: stat.size, updatedAt: stat.mtimeMs })
        }
      }
    }
    walk(this.root, '')
    return out.sort((a, b) => b.updatedAt - a.updatedAt)
  }

  handle(action: string, body: Body): Body {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = typeof body.path === 'string' ? this.safePath(body.path) : null
        if (!cloudPath) throw DbError.invalidParam('cloudPath is invalid')
        this.pendingUploads.set(cloudPath, Date.now() + 10 * 60_000)
        return {
          data: {
            url: this.objectUrl(cloudPath),
            token: 'local-cos-token',
            authorization: 'local-cos-authorization',
            fileId: this.fileId(cloudPath),
            cosFileId: `local-${crypto.randomUUID()}`,
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = listParam(body, 'file_list')
        return {
          data: {
            download_list: list.map((item) => {
              const entry = (item ?? {}) as Body
              const cloudPath = this.pathOf(entry.fileid)
              if (!cloudPath || !this.exists(cloudPath)) {
                return { fileID: entry.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
              }
              const maxAge = typeof entry.max_age === 'number' && entry.max_age > 0 ? entry.max_age : 86400
              return { fileID: entry.fileid, tempFileURL: this.tempUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = listParam(body, 'fileid_list')
        return {
          data: {
            delete_list: list.map((fileId) => {
              const cloudPath = this.pathOf(fileId)
              if (!cloudPath || !this.exists(cloudPath)) return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST' }
              fs.rmSync(this.diskPath(cloudPath))
              return { fileID: fileId, code: 'SUCCESS' }
            }),
          },
        }
      }
      default:
        throw new DbError('INVALID_ACTION', `unknown action: ${action}`)
    }
  }

  /** The object store's HTTP side: PUT for an authorised upload, GET with a valid signature. */
  serveObject(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const cloudPath = this.safePath(
      url.pathname
        .slice('/cos/'.length)
        .split('/')
        .map((s) => decodeURIComponent(s))
        .join('/'),
    )
    const fail = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' })
      res.end(`<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message></Error>`)
    }
    if (!cloudPath) return fail(400, 'InvalidURI', 'invalid path')
    if (req.method === 'PUT' || req.method === 'POST') {
      const until = this.pendingUploads.get(cloudPath)
      if (!until || until < Date.now()) return fail(403, 'AccessDenied', 'upload not authorised')
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_UPLOAD_BYTES) {
          fail(413, 'EntityTooLarge', 'file too large')
          req.destroy()
          return
        }
        chunks.push(chunk)
      })
      req.on('end', () => {
        if (res.headersSent) return
        this.pendingUploads.delete(cloudPath)
        this.put(cloudPath, Buffer.concat(chunks))
        res.writeHead(200, { etag: `"${crypto.createHash('md5').update(Buffer.concat(chunks)).digest('hex')}"` })
        res.end()
      })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'MethodNotAllowed', 'method not allowed')
    const expires = Number(url.searchParams.get('t'))
    const sign = url.searchParams.get('sign') ?? ''
    const expected = this.sign(cloudPath, expires)
    if (sign.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sign), Buffer.from(expected))) {
      return fail(403, 'AccessDenied', 'invalid signature')
    }
    if (!Number.isFinite(expires) || expires * 1000 < Date.now()) return fail(403, 'AccessDenied', 'Request has expired')
    const file = this.diskPath(cloudPath)
    if (!fs.existsSync(file)) return fail(404, 'NoSuchKey', 'The specified key does not exist.')
    res.writeHead(200, { 'content-type': contentType(cloudPath), 'content-length': fs.statSync(file).size })
    if (req.method === 'HEAD') return void res.end()
    fs.createReadStream(file).pipe(res)
  }
}

export function contentType(name: string): string {
  const ext = path.extname(name).toLowerCase()
  const types: Record<string, string> = {
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.webp': 'image/webp',
    '.svg': 'image/svg+xml',
    '.pdf': 'application/pdf',
    '.json': 'application/json; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.js': 'application/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    '.ico': 'image/x-icon',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
  }
  return types[ext] ?? 'application/octet-stream'
}
