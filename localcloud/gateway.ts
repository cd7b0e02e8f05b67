// The development gateway: how the H5 build, scripts and browser tests call functions.
// A caller's identity is a development session bound to a persona (chosen on the persona
// page or by a test), sent as a cookie or header: never taken from the request body. (Before a
// request gets here, the server has checked its Host, its Origin and this start's token.)
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isLoopback, parseCookies, readBody, sendJson } from './http'
import { parseMultipart } from './openapi'
import type { RuleContext } from './rules'
import type { LocalCloud } from './server'

export interface Persona {
  id: string
  openid: string
  /** Display name, in Chinese. */
  name: string
  /** What this persona is, for the switcher. */
  description: string
}

/** The gateway's error code for a call without a development session. */
export const NO_SESSION = -401001
const COOKIE = 'xq_dev_session'
const HEADER = 'x-xq-dev-session'
/** A function's request payload limit on the platform. */
const MAX_CALL_BYTES = 6 * 1024 * 1024
/** What one wx.cloud.uploadFile may carry here (the app's own checks are smaller). */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

export class Gateway {
  private readonly sessions = new Map<string, { openid: string; personaId: string }>()
  /** Who uploaded each file through the gateway (a storage rule's `resource.openid`); files written otherwise belong to the admin. */
  private readonly owners = new Map<string, string>()

  constructor(
    private readonly cloud: LocalCloud,
    readonly personas: Persona[],
  ) {}

  /** Opens a session for a persona, or for a brand-new WeChat user when `personaId` is 'new'. */
  openSession(personaId: string): { token: string; openid: string; personaId: string } | null {
    let openid: string
    if (personaId === 'new') openid = `o_dev_new_${randomBytes(6).toString('hex')}`
    else {
      const persona = this.personas.find((p) => p.id === personaId)
      if (!persona) return null
      openid = persona.openid
    }
    const token = randomBytes(24).toString('base64url')
    this.sessions.set(token, { openid, personaId })
    return { token, openid, personaId }
  }

  private session(req: IncomingMessage) {
    const header = req.headers[HEADER]
    const token = (typeof header === 'string' && header) || parseCookies(req)[COOKIE]
    return token ? this.sessions.get(token) ?? null : null
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!isLoopback(req)) return sendJson(res, 403, { errCode: -1, errMsg: 'the development gateway serves loopback only' })
    const p = url.pathname
    if (p === '/dev/personas' && req.method === 'GET') {
      const current = this.session(req)
      return sendJson(res, 200, {
        personas: this.personas.map(({ id, name, description }) => ({ id, name, description })),
        current: current ? { personaId: current.personaId, openid: current.openid } : null,
      })
    }
    // wx.cloud.uploadFile for the web build: a multipart form with `cloudPath` and `file`. A
    // cross-site form could post one, but it carries neither this start's token nor the
    // SameSite=Strict session cookie, and names its own origin: refused before it gets here.
    if (p === '/storage/upload' && req.method === 'POST') return this.upload(req, res)
    // JSON bodies only: a cross-site form cannot send one without a CORS preflight, which we never grant.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { errCode: -1, errMsg: 'content-type must be application/json' })
    }
    if (p === '/dev/session' && req.method === 'POST') {
      const body = safeJson((await readBody(req, 4096)).toString('utf8')) as { persona?: unknown } | null
      const opened = typeof body?.persona === 'string' ? this.openSession(body.persona) : null
      if (!opened) return sendJson(res, 400, { errCode: -1, errMsg: 'unknown persona' })
      return sendJson(
        res,
        200,
        { personaId: opened.personaId, openid: opened.openid, token: opened.token },
        { 'set-cookie': `${COOKIE}=${opened.token}; Path=/; HttpOnly; SameSite=Strict` },
      )
    }
    // wx.requestSubscribeMessage's answer, from the web build's stand-in of WeChat's dialog.
    if (p === '/dev/subscribe' && req.method === 'POST') {
      const session = this.session(req)
      if (!session) return sendJson(res, 200, { errCode: NO_SESSION, errMsg: 'requestSubscribeMessage:fail 未选择开发身份' })
      const body = safeJson((await readBody(req, 16 * 1024)).toString('utf8')) as { answers?: unknown } | null
      const answers = body?.answers
      const valid =
        !!answers && typeof answers === 'object' && !Array.isArray(answers) && Object.values(answers).every((a) => a === 'accept' || a === 'reject')
      if (!valid) return sendJson(res, 200, { errCode: 10001, errMsg: 'requestSubscribeMessage:fail invalid answers' })
      const outcome = this.cloud.subscriptions.answer(session.openid, answers as Record<string, 'accept' | 'reject'>)
      if (!outcome.ok) return sendJson(res, 200, { errCode: outcome.errCode, errMsg: outcome.errMsg })
      return sendJson(res, 200, { errMsg: 'requestSubscribeMessage:ok', ...(answers as object) })
    }
    const match = /^\/functions\/([A-Za-z0-9_-]+)$/.exec(p)
    if (match && req.method === 'POST') {
      const session = this.session(req)
      // 200 with an error code, as wx.cloud.callFunction reports failures (no console noise in the browser).
      if (!session) return sendJson(res, 200, { errCode: NO_SESSION, errMsg: '未选择开发身份：请先在身份切换页选择一个身份' })
      let data: unknown
      try {
        data = safeJson((await readBody(req, MAX_CALL_BYTES)).toString('utf8'), true)
      } catch {
        return sendJson(res, 200, { errCode: -1, errMsg: 'cloud.callFunction:fail request body is not valid JSON' })
      }
      const outcome = await this.cloud.invoke(match[1], data ?? {}, { openid: session.openid, source: 'wx_client' })
      // The same shapes wx.cloud.callFunction resolves and rejects with.
      if (outcome.ok) return sendJson(res, 200, { result: outcome.result, requestID: outcome.record.id, errMsg: 'cloud.callFunction:ok' })
      return sendJson(res, 200, {
        errCode: outcome.errCode,
        errMsg: `cloud.callFunction:fail ${outcome.errCode} ${outcome.errMsg}`,
        requestID: outcome.record.id,
      })
    }
    sendJson(res, 404, { errCode: -1, errMsg: 'not found' })
  }

  /**
   * Stores a file as wx.cloud.uploadFile does, answering with its file ID, if the storage rule the
   * deployment sets (`storageRulesFile`, cloudfunctions/storage.rules.json) lets this user write
   * there: users write only under their own `uploads/<userId>/`; functions move files on from there.
   */
  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const session = this.session(req)
    if (!session) return sendJson(res, 200, { errCode: NO_SESSION, errMsg: 'cloud.uploadFile:fail 未选择开发身份' })
    const type = String(req.headers['content-type'] ?? '')
    if (!type.startsWith('multipart/form-data')) return sendJson(res, 415, { errCode: -1, errMsg: 'cloud.uploadFile:fail multipart/form-data expected' })
    let parts: Map<string, Buffer>
    try {
      parts = parseMultipart(await readBody(req, MAX_UPLOAD_BYTES), type)
    } catch {
      return sendJson(res, 413, { errCode: -1, errMsg: 'cloud.uploadFile:fail file too large' })
    }
    const cloudPath = parts.get('cloudPath')?.toString('utf8') ?? ''
    const file = parts.get('file')
    if (!file) return sendJson(res, 400, { errCode: -1, errMsg: 'cloud.uploadFile:fail no file' })
    const denied = () =>
      sendJson(res, 403, { errCode: -1, errMsg: 'cloud.uploadFile:fail permission denied (the storage rule lets users write only under their own uploads/<userId>/)' })
    // A path is taken as written: `a/../b`, `./a` or `/a` name no file of the bucket.
    if (this.cloud.storage.pathOf(this.cloud.storage.fileId(cloudPath)) !== cloudPath) return denied()
    const store = this.cloud.store
    const context: RuleContext = {
      auth: { openid: session.openid },
      resource: { openid: this.cloud.storage.exists(cloudPath) ? this.owners.get(cloudPath) ?? '' : session.openid, path: cloudPath },
      get(docPath) {
        const [, collection, id] = /^database\.([^.]+)\.(.+)$/.exec(docPath) ?? []
        return collection && store.has(collection) ? (store.get(collection).docs.get(id) as Record<string, unknown> | undefined) ?? null : null
      },
    }
    if (!this.cloud.storageRules.allows('write', context)) return denied()
    const fileID = this.cloud.storage.put(cloudPath, file)
    this.owners.set(cloudPath, session.openid)
    sendJson(res, 200, { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
  }
}

function safeJson(text: string, strict = false): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch (err) {
    if (strict) throw err
    return null
  }
}
