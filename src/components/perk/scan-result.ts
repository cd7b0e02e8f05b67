// What came back from the camera, for the merchant's 扫码核销: a perk code, something else, or
// nothing at all. Nothing scanned (the scanner closed, or a client that answers without a
// result, as the web build does) says nothing: the merchant simply did not scan. Only a code
// that really is something else gets 「这不是乡青汇优惠码」. No Taro here: unit-tested in Node.
import { PERK_CODE } from '@contract/vocabulary'

export type ScanResult =
  | { kind: 'code'; token: string }
  /** Something was scanned, but not one of our perk codes. */
  | { kind: 'foreign' }
  /** Nothing was scanned: cancelled, or closed without a result. */
  | { kind: 'nothing' }
  /** The camera could not be used (permission, or a client without a scanner). */
  | { kind: 'unavailable' }

/** A scanned or pasted text as a perk code, or '' when it is not one. */
export function perkCodeOf(raw: string): string {
  const text = raw.trim()
  return PERK_CODE.test(text) ? text : ''
}

const errMsgOf = (x: unknown) => String((x as { errMsg?: unknown } | null)?.errMsg ?? '')

/** What `scanCode` resolved to. */
export function scanned(res: { result?: string; errMsg?: string } | null | undefined): ScanResult {
  const text = (res?.result ?? '').trim()
  if (!text) return /:ok$/.test(errMsgOf(res)) || /cancel/i.test(errMsgOf(res)) || !res?.errMsg ? { kind: 'nothing' } : { kind: 'unavailable' }
  const token = perkCodeOf(text)
  return token ? { kind: 'code', token } : { kind: 'foreign' }
}

/** What `scanCode` rejected with: the merchant closing the scanner, or a camera that cannot open. */
export function scanFailed(err: unknown): ScanResult {
  return /cancel/i.test(errMsgOf(err)) ? { kind: 'nothing' } : { kind: 'unavailable' }
}
