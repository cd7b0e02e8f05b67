// Open-API stand-ins (`cloud.openapi.*` and `cloud.getOpenData`). The SDK sends them as a
// multipart form whose `requestData` is a protobuf CommApiData; the reply is a protobuf
// CommOpenApiResp carrying WeChat's JSON (or an image) in respData. As on the platform, a
// function may call an API only if its config.json lists it under permissions.openapi.
import protobuf from 'protobufjs'
import QRCode from 'qrcode'
import { crc32, deflateSync } from 'node:zlib'
import type { StorageService } from './storage'
import type { Subscriptions } from './subscriptions'

// The wire schema of wx-server-sdk 4.0.2's open-API calls (field numbers as the SDK encodes them).
const SCHEMA = `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message TokenApiData { string resourceAppid = 1; string resourceEnv = 2; }
message SvrkitApiData { string apiName = 1; bytes reqData = 2; }
message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; SvrkitApiData svrkitData = 4; TokenApiData tokenData = 5; string appid = 6; }
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6; }
message ApiGetOpenDataByCloudIdReq { repeated string cloudidList = 2; string appid = 3; }
message OpDataItem { string cloudId = 1; string json = 2; }
message ApiGetOpenDataByCloudIdResp { repeated OpDataItem dataList = 1; }
`
const root = protobuf.parse(SCHEMA, { keepCase: true }).root
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')
const OpenDataReq = root.lookupType('ApiGetOpenDataByCloudIdReq')
const OpenDataResp = root.lookupType('ApiGetOpenDataByCloudIdResp')

/** WeChat's error for a function calling an API its config.json does not declare. */
export const NO_PERMISSION = -604101

export interface OutboxMessage {
  id: number
  at: string
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
}

interface Pair {
  key: string
  value: Uint8Array
  contenttype?: string
  filename?: string
}

type Json = Record<string, unknown>

/** Characters WeChat allows in a 小程序码 scene. */
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

export class OpenApiService {
  readonly outbox: OutboxMessage[] = []
  private nextId = 1
  private readonly codes = new Map<string, Buffer>()

  constructor(
    private readonly storage: StorageService,
    public flaggedWords: string[],
    readonly subscriptions: Subscriptions,
  ) {}

  async handleMultipart(
    raw: Buffer,
    contentType: string,
    permissions: string[] | null,
  ): Promise<{ action: string; body: Buffer }> {
    const form = parseMultipart(raw, contentType)
    const apiName = form.get('apiName')?.toString('utf8') ?? ''
    const request = CommApiData.toObject(CommApiData.decode(form.get('requestData') ?? Buffer.alloc(0)), { defaults: false }) as {
      openapiData?: { pairs?: Pair[] }
      svrkitData?: { apiName: string; reqData: Uint8Array }
    }
    const action = `wx.openApi:${apiName}`
    if (request.svrkitData?.apiName === 'ApiGetOpenDataByCloudId') {
      return { action, body: this.openData(request.svrkitData.reqData) }
    }
    // Outside a function (scripts, tests) there is no config.json to check.
    if (permissions && !permissions.includes(apiName)) return { action, body: encodeResp({ errorCode: NO_PERMISSION }) }
    const params: Json = {}
    const media: Record<string, Pair> = {}
    for (const pair of request.openapiData?.pairs ?? []) {
      // Media parts (imgSecCheck's `media`) are raw bytes; the SDK leaves their content type empty.
      if (pair.contenttype || pair.key === 'media') media[pair.key] = pair
      else params[pair.key] = JSON.parse(Buffer.from(pair.value).toString('utf8'))
    }
    switch (apiName) {
      case 'wxacode.getUnlimited':
        return { action, body: await this.getUnlimited(params) }
      case 'subscribeMessage.send':
        return { action, body: this.sendSubscribeMessage(params) }
      case 'security.msgSecCheck':
        return { action, body: this.msgSecCheck(params) }
      case 'security.imgSecCheck':
        return { action, body: this.imgSecCheck(media.media) }
      case 'phonenumber.getPhoneNumber':
        return { action, body: this.phoneNumber(params) }
      default:
        return { action, body: json({ errcode: -1, errmsg: `${apiName} is not emulated by the local cloud` }) }
    }
  }

  private async getUnlimited(params: Json): Promise<Buffer> {
    const scene = params.scene
    if (typeof scene !== 'string' || !SCENE_CHARS.test(scene)) {
      return json({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' })
    }
    const page = typeof params.page === 'string' ? params.page : ''
    if (page.startsWith('/')) return json({ errcode: 41030, errmsg: 'invalid page' })
    const width = typeof params.width === 'number' ? Math.min(Math.max(params.width, 280), 1280) : 430
    // A real 小程序码 is a proprietary format; a QR code of the same page and scene stands in for it.
    // The image depends only on what it encodes and its width, so drawing it once is enough.
    const key = `${width}\n${wxacodeContent(page, scene)}`
    let png = this.codes.get(key)
    if (!png) {
      png = qrPng(wxacodeContent(page, scene), width)
      if (this.codes.size >= 500) this.codes.delete(this.codes.keys().next().value!)
      this.codes.set(key, png)
    }
    return encodeResp({ respData: png, contentType: 'image/png', httpCode: 200 })
  }

  private sendSubscribeMessage(params: Json): Buffer {
    const { touser, template_id: templateId, page, data, miniprogram_state: state } = params
    if (typeof touser !== 'string' || !touser) return json({ errcode: 40003, errmsg: 'invalid openid' })
    if (typeof templateId !== 'string' || !templateId) return json({ errcode: 40037, errmsg: 'invalid template_id' })
    const outcome = this.subscriptions.send(touser, templateId, data)
    if (outcome.errcode !== 0) return json({ ...outcome })
    this.outbox.push({
      id: this.nextId++,
      at: new Date().toISOString(),
      touser,
      templateId,
      page: typeof page === 'string' ? page : undefined,
      data: data as OutboxMessage['data'],
      miniprogramState: typeof state === 'string' ? state : undefined,
    })
    return json({ errcode: 0, errmsg: 'ok', msgid: this.nextId })
  }

  private flagged(text: string): string | null {
    return this.flaggedWords.find((word) => word && text.includes(word)) ?? null
  }

  private msgSecCheck(params: Json): Buffer {
    const content = typeof params.content === 'string' ? params.content : ''
    const hit = this.flagged(content)
    if (params.version === 2) {
      const result = hit ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 }
      return json({
        errcode: 0,
        errmsg: 'ok',
        result,
        detail: [{ strategy: 'keyword', errcode: 0, ...result, ...(hit ? { keyword: hit } : {}) }],
        trace_id: `local-${Date.now()}`,
      })
    }
    return hit ? json({ errcode: 87014, errmsg: 'risky content' }) : json({ errcode: 0, errmsg: 'ok' })
  }

  private imgSecCheck(media: Pair | undefined): Buffer {
    if (!media) return json({ errcode: 41005, errmsg: 'media data missing' })
    const hit = this.flagged(Buffer.from(media.value).toString('latin1')) ?? this.flagged(Buffer.from(media.value).toString('utf8'))
    return hit ? json({ errcode: 87014, errmsg: 'risky content' }) : json({ errcode: 0, errmsg: 'ok' })
  }

  /** Development stand-in for the phone-number button: a code `dev-phone:<number>` yields that number. */
  private phoneNumber(params: Json): Buffer {
    const number = devPhone(params.code)
    if (!number) return json({ errcode: 40029, errmsg: 'invalid code' })
    return json({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: number,
        purePhoneNumber: number,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: 'wx-local-appid' },
      },
    })
  }

  /** cloud.getOpenData: a cloudID `dev-phone:<number>` stands for a phone-number grant. */
  private openData(reqData: Uint8Array): Buffer {
    const req = OpenDataReq.toObject(OpenDataReq.decode(reqData)) as { cloudidList?: string[] }
    const dataList = (req.cloudidList ?? []).map((cloudId) => {
      const number = devPhone(cloudId)
      const data = number
        ? { phoneNumber: number, purePhoneNumber: number, countryCode: '86', watermark: { appid: 'wx-local-appid', timestamp: Math.floor(Date.now() / 1000) } }
        : null
      return { cloudId, json: JSON.stringify(data ? { cloudID: cloudId, data } : { cloudID: cloudId, errCode: -601006, errMsg: 'invalid cloudID' }) }
    })
    return encodeResp({ respData: Buffer.from(OpenDataResp.encode(OpenDataResp.create({ dataList })).finish()) })
  }

  /** For the console: the storage the file list comes from. */
  get files(): StorageService {
    return this.storage
  }
}

/** What the stand-in 小程序码 encodes: the page and scene, as a scan hands them to the app. */
export function wxacodeContent(page: string, scene: string): string {
  return `${page || 'pages/index/index'}?scene=${encodeURIComponent(scene)}`
}

function devPhone(code: unknown): string | null {
  if (typeof code !== 'string') return null
  const m = /^dev-phone:(1[3-9]\d{9})$/.exec(code)
  return m ? m[1] : null
}

function encodeResp(fields: Json): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create(fields)).finish())
}

function json(body: Json): Buffer {
  return encodeResp({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=UTF-8', httpCode: 200 })
}

/** A minimal multipart/form-data reader: field name → bytes. */
export function parseMultipart(raw: Buffer, contentType: string): Map<string, Buffer> {
  return new Map(parseMultipartParts(raw, contentType).map((part) => [part.name, part.value]))
}

/** The parts of a multipart form, in order: name, content type (files have one, text fields not) and bytes. */
export function parseMultipartParts(raw: Buffer, contentType: string): { name: string; contentType: string | null; value: Buffer }[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const out: { name: string; contentType: string | null; value: Buffer }[] = []
  if (!m) return out
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`)
  let pos = raw.indexOf(boundary)
  while (pos !== -1) {
    const start = pos + boundary.length
    if (raw.subarray(start, start + 2).toString() === '--') break
    const next = raw.indexOf(boundary, start)
    if (next === -1) break
    const part = raw.subarray(start + 2, next - 2) // skip CRLF after boundary and before the next
    const split = part.indexOf('\r\n\r\n')
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8')
      const name = /name="([^"]*)"/i.exec(headers)?.[1]
      const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null
      if (name !== undefined) out.push({ name, contentType: type, value: part.subarray(split + 4) })
    }
    pos = next
  }
  return out
}

/**
 * A QR code as a greyscale PNG drawn from the code's module grid. qrcode's own PNG writer (pngjs)
 * takes seconds an image inside jest's module sandbox against a fraction of a second in plain node;
 * the image here is the same: `width` pixels square, a margin of 2 modules, black on white.
 */
function qrPng(text: string, width: number): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const margin = 2
  const scale = width / (modules.size + margin * 2)
  const side = Math.floor((modules.size + margin * 2) * scale)
  const scaledMargin = margin * scale
  const rows = Buffer.alloc((side + 1) * side, 0xff)
  for (let y = 0; y < side; y++) {
    rows[y * (side + 1)] = 0 // filter: none
    const row = Math.floor((y - scaledMargin) / scale)
    if (row < 0 || row >= modules.size) continue
    for (let x = 0; x < side; x++) {
      const col = Math.floor((x - scaledMargin) / scale)
      if (col >= 0 && col < modules.size && modules.get(row, col)) rows[y * (side + 1) + 1 + x] = 0
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 8 // bits per sample
  header[9] = 0 // greyscale
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))])
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
