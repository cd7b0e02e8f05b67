// Who may talk to the local cloud. It listens on loopback only, but any web page the developer
// opens can send requests to 127.0.0.1 (a `text/plain` POST needs no CORS preflight), and a
// page whose host name an attacker re-points at 127.0.0.1 (DNS rebinding) is even same-origin
// with it. So every start makes a new secret, and:
//   - every request must name this local cloud as its Host (127.0.0.1 or localhost, our port),
//     and a request from a browser page must come from our own origin (its Origin header, and
//     for the APIs its Sec-Fetch-Site);
//   - the SDK endpoint (`/admin`) accepts only requests signed, as the SDK signs them
//     (TC3-HMAC-SHA256), with the SecretId/SecretKey this start gave its function workers;
//   - the gateway, the console's API and the controls need the start's token: the
//     `x-xq-local-token` header (scripts, tests), or the cookie the pages we serve set
//     (HttpOnly, SameSite=Strict, named after our port), which other sites' requests never carry.
import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { parseCookies } from './http'
import { parseMultipartParts } from './openapi'

export const TOKEN_HEADER = 'x-xq-local-token'

export interface SdkCredentials {
  secretId: string
  secretKey: string
}

/** The SDK credentials of a local cloud, derived from its per-start token. */
export function sdkCredentials(token: string): SdkCredentials {
  const derive = (label: string) => crypto.createHmac('sha256', token).update(label).digest('hex')
  return { secretId: `AKIDlocal${derive('secret-id').slice(0, 24)}`, secretKey: derive('secret-key') }
}

const sameSecret = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))

export class Access {
  /** This start's secret: never stored, gone when the process ends. */
  readonly token = crypto.randomBytes(32).toString('base64url')
  readonly credentials = sdkCredentials(this.token)

  constructor(private readonly port: () => number) {}

  /** Named after the port: cookies are shared between ports of one host, our token is not. */
  get cookieName(): string {
    return `xq_local_${this.port()}`
  }

  /** The Set-Cookie header that hands the token to the pages we serve. */
  cookie(): string {
    return `${this.cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`
  }

  /** The Host header names us (a DNS-rebinding page sends its own host name). */
  hostAllowed(req: IncomingMessage): boolean {
    const host = String(req.headers.host ?? '').toLowerCase()
    const port = this.port()
    return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`
  }

  /** A browser's request comes from a page of ours (same scheme, host and port), or names no origin (not a browser page). */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin
    if (origin === undefined) return true
    return this.hostAllowed(req) && origin.toLowerCase() === `http://${String(req.headers.host).toLowerCase()}`
  }

  /**
   * A browser says where a request comes from (Sec-Fetch-Site): an API call must come from our own
   * pages, not from another port of this machine (same-site, which gets our cookies) or another site.
   */
  fetchSiteAllowed(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site']
    return site === undefined || site === 'same-origin' || site === 'none'
  }

  hasToken(req: IncomingMessage): boolean {
    const header = req.headers[TOKEN_HEADER]
    const given = (typeof header === 'string' && header) || parseCookies(req)[this.cookieName] || ''
    return sameSecret(given, this.token)
  }

  /** Before reading the body: the request claims this start's SecretId (cheap refusal of anything else). */
  claimsSdkCredentials(req: IncomingMessage): boolean {
    const parsed = parseAuthorization(req.headers.authorization)
    return !!parsed && sameSecret(parsed.secretId, this.credentials.secretId)
  }

  /** The request is signed with this start's SDK credentials, over its URL, headers and body. Null if it is, else why not. */
  verifySdkSignature(req: IncomingMessage, raw: Buffer): string | null {
    return verifyTc3(req, raw, this.credentials)
  }
}

// --- TC3-HMAC-SHA256 as @cloudbase/signature-nodejs (node-sdk's signer) computes it -------------

interface Authorization {
  secretId: string
  date: string
  service: string
  signedHeaders: string[]
  signature: string
}

function parseAuthorization(value: unknown): Authorization | null {
  if (typeof value !== 'string') return null
  const m = /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9_-]+)\/tc3_request,(?: SignedParams=[^,]*,)? SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/.exec(
    value,
  )
  if (!m) return null
  return { secretId: m[1], date: m[2], service: m[3], signedHeaders: m[4].split(';'), signature: m[5] }
}

/** The signer's key encoding (lower-cased, URL-encoded the way COS does). */
function paramKey(key: string): string {
  return encodeURIComponent(key.toLowerCase().trim())
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A')
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => crypto.createHmac('sha256', key).update(data).digest()

/**
 * The hash of the request's parameters: each non-empty parameter, keys sorted, as `&key=value\r\n`
 * (a JSON body's top-level fields, JSON-encoded unless strings; a form's fields, files as bytes).
 * A body that is neither is hashed whole.
 */
function paramsHash(params: Map<string, string | Buffer> | string): string {
  if (typeof params === 'string') return sha256(params)
  const hash = crypto.createHash('sha256')
  for (const key of [...params.keys()].sort((l, r) => l.localeCompare(r))) {
    const value = params.get(key)!
    if (typeof value === 'string' && !value) continue
    hash.update(`&${key}=`)
    hash.update(value)
    hash.update('\r\n')
  }
  return hash.digest('hex')
}

function jsonParams(body: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue
    out.set(paramKey(key), (typeof value === 'string' ? value : JSON.stringify(value)).trim())
  }
  return out
}

function bodyParams(raw: Buffer, contentType: string): Map<string, string | Buffer> | string {
  if (contentType.startsWith('multipart/form-data')) {
    const out = new Map<string, string | Buffer>()
    for (const part of parseMultipartParts(raw, contentType)) {
      // A file part (it has a content type) is hashed as bytes; a text field as trimmed text.
      out.set(paramKey(part.name), part.contentType ? part.value : part.value.toString('utf8').trim())
    }
    return out
  }
  const text = raw.toString('utf8')
  try {
    const body = JSON.parse(text) as unknown
    if (body && typeof body === 'object' && !Array.isArray(body)) return jsonParams(body as Record<string, unknown>)
  } catch {
    // not JSON: hashed whole
  }
  return text
}

function headerValue(name: string, value: string): string {
  if (name === 'content-type') return value.startsWith('multipart/form-data') ? 'multipart/form-data' : value
  return value.trim().toLowerCase()
}

/** TC3's derived key changes once a day per service: derived once, not on every request. */
const signingKeys = new Map<string, Buffer>()
function signingKey(secretKey: string, date: string, service: string): Buffer {
  const id = `${secretKey}\n${date}\n${service}`
  let key = signingKeys.get(id)
  if (!key) {
    key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request')
    if (signingKeys.size >= 64) signingKeys.clear()
    signingKeys.set(id, key)
  }
  return key
}

function tc3Signature(
  credentials: SdkCredentials,
  parts: { method: string; url: string; headers: [string, string][]; params: Map<string, string | Buffer> | string; timestamp: number; service: string },
): string {
  const [pathPart, query = ''] = parts.url.split(/\?(.*)/s)
  const canonicalHeaders = parts.headers.map(([k, v]) => `${k}:${headerValue(k, v)}`).join('\n')
  const canonicalRequest = `${parts.method}\n${pathPart}\n${query}\n${canonicalHeaders}\n\n${parts.headers.map(([k]) => k).join(';')}\n${paramsHash(parts.params)}`
  const date = new Date(parts.timestamp * 1000).toISOString().split('T')[0]
  const stringToSign = `TC3-HMAC-SHA256\n${parts.timestamp}\n${date}/${parts.service}/tc3_request\n${sha256(canonicalRequest)}`
  const signing = signingKey(credentials.secretKey, date, parts.service)
  return crypto.createHmac('sha256', signing).update(stringToSign).digest('hex')
}

/** How far a signature's timestamp may be from now (the SDK sends X-Signature-Expires: 600). */
const MAX_SKEW_SEC = 900

function verifyTc3(req: IncomingMessage, raw: Buffer, credentials: SdkCredentials): string | null {
  const auth = parseAuthorization(req.headers.authorization)
  if (!auth || !sameSecret(auth.secretId, credentials.secretId)) return 'unknown credentials'
  const timestamp = Number(req.headers['x-timestamp'])
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_SEC) return 'signature expired'
  if (new Date(timestamp * 1000).toISOString().split('T')[0] !== auth.date) return 'signature date does not match its timestamp'
  const headers: [string, string][] = []
  for (const name of auth.signedHeaders) {
    const value = req.headers[name]
    if (typeof value !== 'string') return `signed header ${name} is missing`
    headers.push([name, value])
  }
  // The signer signs `//host/path?query` of the URL it was given: the Host header and the request target here.
  const url = `//${String(req.headers.host)}${req.url ?? '/'}`
  const params = bodyParams(raw, String(req.headers['content-type'] ?? ''))
  // node-sdk signs with the method as it passes it to its HTTP client ('post'); accept the upper-case form too.
  for (const method of [String(req.method).toLowerCase(), String(req.method).toUpperCase()]) {
    const expected = tc3Signature(credentials, { method, url, headers, params, timestamp, service: auth.service })
    if (sameSecret(expected, auth.signature)) return null
  }
  return 'signature does not match'
}

/**
 * Signs a request to the SDK endpoint as the SDK would (for scripts and tests that talk to it
 * directly): a JSON body from an object, or any string as it is.
 */
export function signSdkRequest(
  credentials: SdkCredentials,
  url: string,
  body: Record<string, unknown> | string,
  contentType = 'application/json',
): { headers: Record<string, string>; body: string } {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const { host } = new URL(url)
  const timestamp = Math.floor(Date.now() / 1000) - 1
  const headers: [string, string][] = [
    ['content-type', contentType],
    ['host', host],
  ]
  const params = bodyParams(Buffer.from(text), contentType)
  const { pathname, search } = new URL(url)
  const signature = tc3Signature(credentials, { method: 'post', url: `//${host}${pathname}${search}`, headers, params, timestamp, service: 'tcb' })
  const date = new Date(timestamp * 1000).toISOString().split('T')[0]
  return {
    headers: {
      'content-type': contentType,
      authorization: `TC3-HMAC-SHA256 Credential=${credentials.secretId}/${date}/tcb/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      'x-timestamp': String(timestamp),
    },
    body: text,
  }
}
